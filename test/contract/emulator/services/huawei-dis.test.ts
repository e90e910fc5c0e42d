/**
 * DIS streams and DWS dump tasks on the emulator over loopback with raw signed requests: the vendor
 * page's add-DWS-dump-task example verbatim, ids read back from show and list, the misspelled
 * descriptor key, every validation error with its code in DIS's documented body `{errorCode,
 * message}`, "not found" as HTTP 400, the 5-tasks-per-stream limit, start/stop by id, the ERROR
 * cases, scaling and its hourly limit, the v3 in-place update, tags, the delete cascade, faults,
 * persistence, and no password in any answer, log or dump. Time moves by a manual clock. The rules
 * preview checks too (names, retention, tags) are in dis-rules.test.ts, one case table for both.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  DEMO_DIS_AGENCY,
  DEMO_DWS_CLUSTER_ID,
  DEMO_DWS_CLUSTER_NAME,
  DEMO_DWS_USER,
  DEMO_HUAWEI_DR_PROJECT_ID,
  DEMO_HUAWEI_PROJECT_ID,
  DEMO_HUAWEI_USER,
  DEMO_KMS_KEY_ID,
  DEMO_KMS_KEY_NAME,
  DEMO_OBS_BUCKET,
} from "../../../../emulator/index";
import { control, send, startTestEmulator, uniqueName, type RawResponse, type TestEmulator } from "../../../helpers/emulator";
import { expectDisError, expectHuaweiError, hw, HUAWEI_REQUEST_ID, withToken, type HttpMethod, expectRedactedEverywhere } from "../../../helpers/huawei";
import { facts } from "../../../conformance/facts";

const FIXTURES = join(__dirname, "../../..", "fixtures", "huawei");
/** The vendor's example request, verbatim: its password is not the cluster's, and its delimiter is "". */
const seedRequest = JSON.parse(readFileSync(join(FIXTURES, "dis-create-dws-task.request.json"), "utf8")) as {
  destination_type: string;
  dws_destination_descriptor: Record<string, unknown>;
};
const seedDescriptor = seedRequest.dws_destination_descriptor;

const SETTLE = 1000;
const HOUR = 60 * 60 * 1000;
/** A password that must never come back anywhere. */
const SECRET = "Dws-only-in-this-test-4b7e";
let t: TestEmulator;

beforeAll(async () => {
  t = await startTestEmulator({ manualClock: true, settleMs: SETTLE });
});
afterAll(() => t.close());
afterEach(async () => {
  await control(t.url, "DELETE", "/faults");
});

const advance = (ms = SETTLE) => t.clock?.advance(ms);

const call = (method: HttpMethod, rest: string, body?: unknown, projectId = DEMO_HUAWEI_PROJECT_ID) =>
  hw(t, { method, path: `/v2/${projectId}/${rest}`, projectId, ...(body !== undefined && { body }) });

async function ok(res: Promise<RawResponse>, status = 200): Promise<any> {
  const r = await res;
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${r.text}`);
  expect(r.headers["x-request-id"]).toMatch(HUAWEI_REQUEST_ID);
  return r.json;
}

/** A 201/204/200 with an empty body, as DIS answers creates, deletes and actions. */
async function empty(res: Promise<RawResponse>, status: number): Promise<void> {
  const r = await res;
  expect(r.status, r.text).toBe(status);
  expect(r.text).toBe("");
  expect(r.headers["x-request-id"]).toMatch(HUAWEI_REQUEST_ID);
}

/** A stream name no other test uses (names allow letters, digits, `_` and `-`). */
const streamName = (prefix = "s") => uniqueName(prefix).replace(/[^A-Za-z0-9_-]/g, "_");

async function createStream(over: Record<string, unknown> = {}, projectId?: string): Promise<string> {
  const name = (over.stream_name as string | undefined) ?? streamName();
  await empty(call("POST", "streams", { stream_name: name, partition_count: 1, ...over }, projectId), 201);
  return name;
}

/** A RUNNING stream. */
async function runningStream(over: Record<string, unknown> = {}): Promise<string> {
  const name = await createStream(over);
  advance();
  return name;
}

const tasksPath = (stream: string) => `streams/${stream}/transfer-tasks`;
/** The seed's descriptor with the cluster's real password and a unique name, changed by `over`. */
const descriptor = (over: Record<string, unknown> = {}) => ({
  ...seedDescriptor,
  task_name: streamName("task"),
  user_password: DEMO_DWS_USER.password,
  ...over,
});
const dwsTask = (over: Record<string, unknown> = {}) => ({ destination_type: "DWS", dws_destination_descriptor: descriptor(over) });
const createTask = (stream: string, body: unknown) => call("POST", tasksPath(stream), body);
const showTask = (stream: string, task: string) => call("GET", `${tasksPath(stream)}/${task}`);
const listTasks = (stream: string) => ok(call("GET", tasksPath(stream)));
const stateOf = async (stream: string, task: string): Promise<string> => (await ok(showTask(stream, task))).state;
const action = (stream: string, act: string, ids: string[]) => call("POST", `${tasksPath(stream)}/action`, { action: act, tasks: ids.map((id) => ({ id })) });

/** A task created on `stream` and settled; returns its name and id (read back: create answers no body). */
async function settledTask(stream: string, over: Record<string, unknown> = {}): Promise<{ name: string; id: string }> {
  const body = dwsTask(over);
  await empty(createTask(stream, body), 201);
  advance();
  const name = body.dws_destination_descriptor.task_name as string;
  return { name, id: (await ok(showTask(stream, name))).task_id };
}

// ---------------------------------------------------------------------------------------------

describe("the vendor's add-DWS-dump-task example", () => {
  it("creates the task (201, no body); its id is read back from list and show, which spells the key dws_destination_descripton", async () => {
    const stream = await runningStream();
    await empty(createTask(stream, seedRequest), 201);

    const listed = await listTasks(stream);
    expect(listed).toMatchObject({ total_number: 1, quota: 5 });
    expect(listed.tasks).toHaveLength(1);
    const entry = listed.tasks[0];
    expect(Object.keys(entry).sort()).toEqual(["create_time", "destination_type", "last_transfer_timestamp", "state", "task_id", "task_name"]);
    expect(entry).toMatchObject({ task_name: "dwstask", state: "STARTING", destination_type: "DWS", last_transfer_timestamp: 0 });
    expect(entry.task_id).toMatch(/^[A-Za-z0-9]{19}$/);
    expect(entry.create_time).toBe(t.emulator.clock.now());

    const shown = await ok(showTask(stream, "dwstask"));
    expect(shown).toMatchObject({
      stream_id: (await ok(call("GET", `streams/${stream}`))).stream_id,
      stream_name: stream,
      task_name: "dwstask",
      task_id: entry.task_id,
      state: "STARTING",
      destination_type: "DWS",
      create_time: entry.create_time,
    });
    expect(shown).toHaveProperty("dws_destination_descripton");
    expect(shown).not.toHaveProperty("dws_destination_description");
    const { user_password: _password, ...echoed } = seedDescriptor;
    // Defaults applied and documented types: "" is the default delimiter, retry_duration a string.
    expect(shown.dws_destination_descripton).toEqual({ ...echoed, dws_delimiter: ",", retry_duration: "1800" });
    expect(shown.partitions).toEqual([
      { partitionId: "shardId-0000000000", discard: 0, state: "STARTING", last_transfer_timestamp: 0, last_transfer_offset: 0 },
    ]);
    expect(shown).not.toHaveProperty("error_msg");
  });

  it("ends in ERROR because the example's password is not the cluster user's, with the reason in error_msg", async () => {
    const stream = await runningStream();
    await empty(createTask(stream, seedRequest), 201);
    advance(SETTLE - 1);
    expect(await stateOf(stream, "dwstask")).toBe("STARTING");
    advance(1);
    const failed = await ok(showTask(stream, "dwstask"));
    expect(failed.state).toBe("ERROR");
    expect(failed.error_msg).toContain("Invalid username/password");
    expect(failed.error_msg).toContain(DEMO_DWS_CLUSTER_NAME);
    expect(failed.error_msg).not.toContain("userpassword");
    expect(failed.partitions[0].state).toBe("ERROR");
  });

  it("runs with the cluster user's password, and reports deliveries each deliver_time_interval", async () => {
    const stream = await runningStream();
    const { name } = await settledTask(stream, { task_name: "dwstask" });
    const settled = t.emulator.clock.now();
    const running = await ok(showTask(stream, name));
    expect(running).toMatchObject({ state: "RUNNING", last_transfer_timestamp: 0 });
    expect(running).not.toHaveProperty("error_msg");
    advance(60_000 * 2 + 5);
    expect((await ok(showTask(stream, name))).last_transfer_timestamp).toBe(settled + 120_000);
  });
});

describe("streams", () => {
  it("creates with 201 and no body, is CREATING for settleMs, then RUNNING, in the documented shape", async () => {
    const name = streamName();
    const tags = [{ key: "team", value: "growth" }];
    const sysTags = [{ key: "_sys_enterprise_project_id", value: "0" }];
    const created = t.emulator.clock.now();
    await empty(
      call("POST", "streams", {
        stream_name: name,
        partition_count: 2,
        stream_type: "COMMON",
        data_type: "JSON",
        data_duration: 48,
        compression_format: "gzip",
        tags,
        sys_tags: sysTags,
      }),
      201,
    );
    const creating = await ok(call("GET", `streams/${name}`));
    expect(creating).toMatchObject({
      stream_name: name,
      status: "CREATING",
      create_time: created,
      last_modified_time: created,
      retention_period: 48,
      stream_type: "COMMON",
      data_type: "JSON",
      compression_format: "gzip",
    });
    expect(creating.partitions.map((p: any) => p.status)).toEqual(["CREATING", "CREATING"]);
    advance(SETTLE - 1);
    expect((await ok(call("GET", `streams/${name}`))).status).toBe("CREATING");
    advance(1);
    const stream = await ok(call("GET", `streams/${name}`));
    expect(stream).toMatchObject({
      status: "RUNNING",
      writable_partition_count: 2,
      readable_partition_count: 2,
      has_more_partitions: false,
      tags,
      sys_tags: sysTags,
      auto_scale_enabled: false,
      update_partition_counts: [],
    });
    expect(stream.stream_id).toMatch(/^[A-Za-z0-9]{19}$/);
    expect(stream.partitions).toEqual([
      {
        partition_id: "shardId-0000000000",
        status: "ACTIVE",
        hash_range: "[0 : 4611686018427387903]",
        sequence_number_range: "[0 : 0]",
        parent_partitions: null,
      },
      {
        partition_id: "shardId-0000000001",
        status: "ACTIVE",
        hash_range: "[4611686018427387904 : 9223372036854775807]",
        sequence_number_range: "[0 : 0]",
        parent_partitions: null,
      },
    ]);
  });

  it("applies the defaults: COMMON, BLOB, 24 hours", async () => {
    const name = await createStream();
    expect(await ok(call("GET", `streams/${name}`))).toMatchObject({ stream_type: "COMMON", data_type: "BLOB", retention_period: 24 });
  });

  it("takes the longest retention (72 hours) and auto-scale bounds", async () => {
    const name = await createStream({ data_duration: 72, auto_scale_enabled: true, auto_scale_min_partition_count: 1, auto_scale_max_partition_count: 3 });
    expect(await ok(call("GET", `streams/${name}`))).toMatchObject({
      retention_period: 72,
      auto_scale_enabled: true,
      auto_scale_min_partition_count: 1,
      auto_scale_max_partition_count: 3,
    });
  });

  it("pages partitions after start_partitionId, limit_partitions at a time", async () => {
    const name = await runningStream({ partition_count: 3 });
    const page = await ok(call("GET", `streams/${name}?start_partitionId=shardId-0000000000&limit_partitions=1`));
    expect(page.partitions.map((p: any) => p.partition_id)).toEqual(["shardId-0000000001"]);
    expect(page.has_more_partitions).toBe(true);
    const last = await ok(call("GET", `streams/${name}?start_partitionId=shardId-0000000001&limit_partitions=5`));
    expect(last).toMatchObject({ has_more_partitions: false, partitions: [{ partition_id: "shardId-0000000002" }] });
    expectDisError(await call("GET", `streams/${name}?start_partitionId=shardId-0000000009`), 400, "DIS.4201");
    for (const q of ["limit_partitions=0", "limit_partitions=1001", "limit_partitions=x"]) {
      const res = await call("GET", `streams/${name}?${q}`);
      expectDisError(res, 400, "DIS.4200");
      expect(res.json.message).toContain("limit_partitions");
    }
  });

  it("lists names and infos in name order, paged by limit and start_stream_name", async () => {
    const own = await startTestEmulator({ manualClock: true, settleMs: SETTLE });
    try {
      const list = async (query = "") => {
        const res = await hw(own, { method: "GET", path: `/v2/${DEMO_HUAWEI_PROJECT_ID}/streams${query}` });
        expect(res.status, res.text).toBe(200);
        return res.json;
      };
      expect(await list()).toEqual({ total_number: 0, stream_names: [], has_more_streams: false, stream_info_list: [] });
      for (const n of ["b-stream", "a-stream", "c-stream"]) {
        const res = await hw(own, {
          method: "POST",
          path: `/v2/${DEMO_HUAWEI_PROJECT_ID}/streams`,
          body: { stream_name: n, partition_count: 2, tags: [{ key: "k", value: n }] },
        });
        expect(res.status, res.text).toBe(201);
      }
      const first = await list("?limit=2");
      expect(first).toMatchObject({ total_number: 3, stream_names: ["a-stream", "b-stream"], has_more_streams: true });
      expect(Object.keys(first.stream_info_list[0]).sort()).toEqual(
        [
          "auto_scale_enabled",
          "create_time",
          "data_type",
          "partition_count",
          "retention_period",
          "status",
          "stream_id",
          "stream_name",
          "stream_type",
          "sys_tags",
          "tags",
        ].sort(),
      );
      expect(first.stream_info_list[0]).toMatchObject({
        stream_name: "a-stream",
        status: "CREATING",
        partition_count: 2,
        data_type: "BLOB",
        tags: [{ key: "k", value: "a-stream" }],
      });
      expect(await list("?limit=2&start_stream_name=b-stream")).toMatchObject({ total_number: 3, stream_names: ["c-stream"], has_more_streams: false });
      expectDisError(await hw(own, { method: "GET", path: `/v2/${DEMO_HUAWEI_PROJECT_ID}/streams?limit=101` }), 400, "DIS.4200");
      expectDisError(await hw(own, { method: "GET", path: `/v2/${DEMO_HUAWEI_PROJECT_ID}/streams?offset=1` }), 400, "DIS.4200");
    } finally {
      await own.close();
    }
  });

  const cases: Array<[string, Record<string, unknown>, string, string]> = [
    ["no stream_name", { stream_name: undefined }, "DIS.4200", "stream_name"],
    ["no partition_count", { partition_count: undefined }, "DIS.4200", "partition_count"],
    ["partition_count 0", { partition_count: 0 }, "DIS.4200", "partition_count"],
    ["partition_count as a string", { partition_count: "1" }, "DIS.4200", "partition_count"],
    ["another stream_type", { stream_type: "PREMIUM" }, "DIS.4200", "stream_type"],
    ["another data_type", { data_type: "XML" }, "DIS.4200", "data_type"],
    ["auto-scale without a maximum", { auto_scale_enabled: true, auto_scale_min_partition_count: 1 }, "DIS.4200", "auto_scale_max_partition_count"],
    ["auto-scale without a minimum", { auto_scale_enabled: true, auto_scale_max_partition_count: 2 }, "DIS.4200", "auto_scale_min_partition_count"],
    [
      "an auto-scale minimum above the maximum",
      { auto_scale_enabled: true, auto_scale_min_partition_count: 3, auto_scale_max_partition_count: 2 },
      "DIS.4200",
      "auto_scale_min_partition_count",
    ],
    ["a data_schema that is not JSON", { data_type: "JSON", data_schema: "{type: record" }, "DIS.4360", "JSON"],
    ["a data_schema without a type", { data_type: "JSON", data_schema: '{"name":"r"}' }, "DIS.4360", "type"],
    ["a record data_schema without fields", { data_type: "JSON", data_schema: '{"type":"record","name":"r","fields":[]}' }, "DIS.4360", "fields"],
    ["another compression_format", { compression_format: "lz4" }, "DIS.4200", "compression_format"],
    ["a tag key reserved for the system", { tags: [{ key: "_sys_x", value: "v" }] }, "DIS.4200", "tags.0.key"],
    [
      "a repeated tag key",
      {
        tags: [
          { key: "k", value: "1" },
          { key: "k", value: "2" },
        ],
      },
      "DIS.4200",
      "tags.1.key",
    ],
    ["an unknown sys_tag", { sys_tags: [{ key: "owner", value: "x" }] }, "DIS.4200", "sys_tags.0.key"],
    ["a field the API does not define (strict)", { shard_count: 2 }, "DIS.4200", "shard_count"],
  ];

  it.each(cases)("rejects a create with %s: 400 %s naming it", async (_name, change, code, mention) => {
    const name = streamName();
    const res = await call("POST", "streams", { stream_name: name, partition_count: 1, ...change });
    expectDisError(res, 400, code);
    expect(res.json.message).toContain(mention);
    expectDisError(await call("GET", `streams/${name}`), 400, "DIS.4301");
  });

  it("takes a valid Avro record data_schema", async () => {
    const schema = JSON.stringify({
      type: "record",
      name: "Click",
      fields: [
        { name: "id", type: "long" },
        { name: "url", type: "string" },
      ],
    });
    const name = await createStream({ data_type: "JSON", data_schema: schema });
    expect((await ok(call("GET", `streams/${name}`))).data_schema).toBe(schema);
  });

  it("answers an empty body with DIS.4202 and a body that is not an object with DIS.4300", async () => {
    expectDisError(await call("POST", "streams"), 400, "DIS.4202");
    expectDisError(await call("POST", "streams", [{ stream_name: "x", partition_count: 1 }]), 400, "DIS.4300");
    expectHuaweiError(await call("POST", "streams", "not json"), 400, "APIGW.0201");
  });

  it("answers a name in use with 400 DIS.4307", async () => {
    const name = await createStream();
    const res = await call("POST", "streams", { stream_name: name, partition_count: 1 });
    expectDisError(res, 400, "DIS.4307");
    expect(res.json.message).toContain(name);
  });

  it("answers a missing stream with HTTP 400 DIS.4301, not 404, on every stream operation", async () => {
    const missing = streamName("missing");
    const answers = [
      await call("GET", `streams/${missing}`),
      await call("DELETE", `streams/${missing}`),
      await call("PUT", `streams/${missing}`, { stream_name: missing, target_partition_count: 2 }),
      await call("POST", "stream/NoSuchStreamId000000/tags/action", { action: "create", tags: [{ key: "k", value: "v" }] }),
      await createTask(missing, dwsTask()),
      await call("GET", tasksPath(missing)),
      await showTask(missing, "dwstask"),
      await call("DELETE", `${tasksPath(missing)}/dwstask`),
      await action(missing, "start", ["x"]),
      await call("PUT", tasksPath(missing), dwsTask()),
    ];
    for (const res of answers) expectDisError(res, 400, "DIS.4301");
  });

  it("answers a stream of another project as missing", async () => {
    const name = await createStream();
    expectDisError(await call("GET", `streams/${name}`, undefined, DEMO_HUAWEI_DR_PROJECT_ID), 400, "DIS.4301");
  });
});

describe("partition quota", () => {
  it("allows 50 COMMON and 10 ADVANCED partitions per project, then answers DIS.4308 (creates and scale-ups)", async () => {
    const project = DEMO_HUAWEI_DR_PROJECT_ID;
    const big = await createStream({ partition_count: 50 }, project);
    let res = await call("POST", "streams", { stream_name: streamName(), partition_count: 1 }, project);
    expectDisError(res, 400, "DIS.4308");
    expect(res.json.message).toContain("50");
    await empty(call("DELETE", `streams/${big}`, undefined, project), 204);
    const common = await createStream({ partition_count: 49 }, project);
    await createStream({ partition_count: 10, stream_type: "ADVANCED" }, project);
    expectDisError(await call("POST", "streams", { stream_name: streamName(), partition_count: 1, stream_type: "ADVANCED" }, project), 400, "DIS.4308");
    advance();
    res = await call("PUT", `streams/${common}`, { stream_name: common, target_partition_count: 51 }, project);
    expectDisError(res, 400, "DIS.4308");
    await ok(call("PUT", `streams/${common}`, { stream_name: common, target_partition_count: 50 }, project));
  });
});

describe("scaling", () => {
  const scale = (name: string, target: number) => call("PUT", `streams/${name}`, { stream_name: name, target_partition_count: target });

  it("scales up and down: writable follows the target, retired partitions stay readable as DELETED", async () => {
    const name = await runningStream({ partition_count: 2 });
    await empty(scale(name, 3), 200);
    let s = await ok(call("GET", `streams/${name}`));
    expect(s).toMatchObject({ writable_partition_count: 3, readable_partition_count: 3 });
    await empty(scale(name, 1), 200);
    s = await ok(call("GET", `streams/${name}`));
    expect(s).toMatchObject({ writable_partition_count: 1, readable_partition_count: 3 });
    expect(s.partitions.map((p: any) => p.status)).toEqual(["ACTIVE", "DELETED", "DELETED"]);
    expect(s.partitions[0].hash_range).toBe("[0 : 9223372036854775807]");
    expect(s.update_partition_counts.map((u: any) => [u.src_partition_count, u.target_partition_count])).toEqual([
      [2, 3],
      [3, 1],
    ]);
    expect(s.last_modified_time).toBe(t.emulator.clock.now());
    expect((await ok(call("GET", "streams?limit=100"))).stream_info_list.find((i: any) => i.stream_name === name).partition_count).toBe(1);
  });

  it("allows 5 scale operations an hour by the clock; asking for the current count is not one", async () => {
    const name = await runningStream({ partition_count: 1 });
    for (const target of [2, 1, 2, 1, 2]) await empty(scale(name, target), 200);
    await empty(scale(name, 2), 200);
    const res = await scale(name, 3);
    expectDisError(res, 400, "DIS.4200");
    expect(res.json.message).toContain("per hour");
    expect((await ok(call("GET", `streams/${name}`))).writable_partition_count).toBe(2);
    advance(HOUR);
    await empty(scale(name, 3), 200);
    expect((await ok(call("GET", `streams/${name}`))).writable_partition_count).toBe(3);
  });

  it("refuses to scale a CREATING stream (DIS.4205), a body naming another stream, and a bad target", async () => {
    const name = await createStream();
    expectDisError(await scale(name, 2), 400, "DIS.4205");
    advance();
    const other = await call("PUT", `streams/${name}`, { stream_name: "other", target_partition_count: 2 });
    expectDisError(other, 400, "DIS.4200");
    expect(other.json.message).toContain("stream_name");
    expectDisError(await scale(name, 0), 400, "DIS.4200");
    expectDisError(await call("PUT", `streams/${name}`), 400, "DIS.4202");
  });
});

describe("the v3 in-place update (UpdateStream)", () => {
  const update = (name: string, body: Record<string, unknown>, projectId = DEMO_HUAWEI_PROJECT_ID) =>
    hw(t, { method: "PUT", path: `/v3/${projectId}/streams/${name}`, projectId, body });
  const documented = facts.dis.operations.UpdateStream;

  it("applies the vendor's two examples with 204 and no body, changing only what they name", async () => {
    const name = await runningStream({ stream_name: "stz_test", data_type: "BLOB", tags: [{ key: "team", value: "growth" }] });
    const before = await ok(call("GET", `streams/${name}`));
    for (const example of documented.examples) {
      advance(1);
      await empty(update(name, example.body), documented.response.status.code);
    }
    const after = await ok(call("GET", `streams/${name}`));
    expect(after).toMatchObject({ retention_period: 48, data_type: "JSON", status: "RUNNING", stream_id: before.stream_id, tags: before.tags });
    expect(after.writable_partition_count).toBe(before.writable_partition_count);
    expect(after.last_modified_time).toBe(t.emulator.clock.now());
  });

  it("turns auto-scaling on with its bounds, moves a bound, and off again (the bounds go with it)", async () => {
    const name = await runningStream();
    await empty(update(name, { stream_name: name, auto_scale_enabled: true, auto_scale_min_partition_count: 1, auto_scale_max_partition_count: 4 }), 204);
    expect(await ok(call("GET", `streams/${name}`))).toMatchObject({
      auto_scale_enabled: true,
      auto_scale_min_partition_count: 1,
      auto_scale_max_partition_count: 4,
    });
    await empty(update(name, { stream_name: name, auto_scale_max_partition_count: 6 }), 204);
    expect(await ok(call("GET", `streams/${name}`))).toMatchObject({ auto_scale_min_partition_count: 1, auto_scale_max_partition_count: 6 });
    await empty(update(name, { stream_name: name, auto_scale_enabled: false }), 204);
    const off = await ok(call("GET", `streams/${name}`));
    expect(off.auto_scale_enabled).toBe(false);
    expect(off).not.toHaveProperty("auto_scale_max_partition_count");
  });

  it("sets a valid Avro data_schema", async () => {
    const name = await runningStream({ data_type: "JSON" });
    const schema = '{"type":"record","name":"click","fields":[{"name":"url","type":"string"}]}';
    await empty(update(name, { stream_name: name, data_schema: schema }), 204);
    expect((await ok(call("GET", `streams/${name}`))).data_schema).toBe(schema);
  });

  it("rejects a missing stream, another stream's name, a CREATING stream, bad fields and a bad schema, changing nothing", async () => {
    expectDisError(await update("no_such_stream", { stream_name: "no_such_stream", data_duration: 48 }), 400, "DIS.4301");
    const creating = await createStream();
    expectDisError(await update(creating, { stream_name: creating, data_duration: 48 }), 400, "DIS.4205");
    const name = await runningStream();
    const other = await update(name, { stream_name: "other", data_duration: 48 });
    expectDisError(other, 400, "DIS.4200");
    expect(other.json.message).toContain("stream_name");
    expectDisError(await update(name, { data_duration: 48 }), 400, "DIS.4200");
    expectDisError(await update(name, { stream_name: name, data_type: "XML" }), 400, "DIS.4200");
    expectDisError(await update(name, { stream_name: name, auto_scale_enabled: true }), 400, "DIS.4200");
    expectDisError(await update(name, { stream_name: name, stream_type: "ADVANCED" }), 400, "DIS.4200");
    expectDisError(await update(name, { stream_name: name, data_schema: '{"type":"decimal"}' }), 400, "DIS.4360");
    expectDisError(await hw(t, { method: "PUT", path: `/v3/${DEMO_HUAWEI_PROJECT_ID}/streams/${name}`, projectId: DEMO_HUAWEI_PROJECT_ID }), 400, "DIS.4202");
    expect(await ok(call("GET", `streams/${name}`))).toMatchObject({ retention_period: 24, data_type: "BLOB", auto_scale_enabled: false });
  });
});

describe("stream tags", () => {
  it("creates (overwriting by key) and deletes tags by stream id with 204 and no body", async () => {
    const name = await createStream({ tags: [{ key: "team", value: "growth" }] });
    const id = (await ok(call("GET", `streams/${name}`))).stream_id as string;
    const tagsAction = (body: unknown) => call("POST", `stream/${id}/tags/action`, body);
    await empty(
      tagsAction({
        action: "create",
        tags: [
          { key: "team", value: "ads" },
          { key: "env", value: "dev" },
        ],
      }),
      204,
    );
    expect((await ok(call("GET", `streams/${name}`))).tags).toEqual([
      { key: "team", value: "ads" },
      { key: "env", value: "dev" },
    ]);
    await empty(tagsAction({ action: "delete", tags: [{ key: "team" }, { key: "absent" }] }), 204);
    expect((await ok(call("GET", `streams/${name}`))).tags).toEqual([{ key: "env", value: "dev" }]);
    expectDisError(await tagsAction({ action: "replace", tags: [{ key: "a", value: "b" }] }), 400, "DIS.4200");
    expectDisError(await tagsAction({ action: "create", tags: [] }), 400, "DIS.4200");
    // At most 10 tags a stream (DIS.4601): the one left and 10 more are 11.
    const many = Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, value: "v" }));
    const over = await tagsAction({ action: "create", tags: many });
    expectDisError(over, 400, "DIS.4601");
    expect(over.json.message).toContain("at most 10 tags");
    expect((await ok(call("GET", `streams/${name}`))).tags).toEqual([{ key: "env", value: "dev" }]);
    // The stream's name is not its id.
    expectDisError(await call("POST", `stream/${name}/tags/action`, { action: "create", tags: [{ key: "a", value: "b" }] }), 400, "DIS.4301");
  });
});

describe("dump task validation", () => {
  let stream: string;
  beforeAll(async () => {
    stream = await runningStream();
  });

  const d = (change: Record<string, unknown>) => dwsTask({ user_password: SECRET, ...change });
  const cases: Array<[string, unknown, string, string]> = [
    ["no task_name", d({ task_name: undefined }), "DIS.4200", "dws_destination_descriptor.task_name"],
    ["a task_name with a space", d({ task_name: "dws task" }), "DIS.4200", "dws_destination_descriptor.task_name"],
    ["a task_name of 65 characters", d({ task_name: "t".repeat(65) }), "DIS.4200", "dws_destination_descriptor.task_name"],
    ["no agency_name", d({ agency_name: undefined }), "DIS.4200", "dws_destination_descriptor.agency_name"],
    ["an agency_name of 65 characters", d({ agency_name: "a".repeat(65) }), "DIS.4200", "dws_destination_descriptor.agency_name"],
    ["an agency that does not exist", d({ agency_name: "no_such_agency" }), "DIS.4335", "no_such_agency"],
    ["deliver_time_interval 29", d({ deliver_time_interval: 29 }), "DIS.4200", "dws_destination_descriptor.deliver_time_interval"],
    ["deliver_time_interval 901", d({ deliver_time_interval: "901" }), "DIS.4200", "dws_destination_descriptor.deliver_time_interval"],
    ["deliver_time_interval that is not a number", d({ deliver_time_interval: "1m" }), "DIS.4200", "dws_destination_descriptor.deliver_time_interval"],
    ["another consumer_strategy", d({ consumer_strategy: "EARLIEST" }), "DIS.4200", "dws_destination_descriptor.consumer_strategy"],
    ["an unknown dws_cluster_id", d({ dws_cluster_id: "00000000-0000-0000-0000-000000000000" }), "DIS.4350", "dws_cluster_id"],
    ["a dws_cluster_name that is not the cluster's", d({ dws_cluster_name: "othercluster" }), "DIS.4350", "dws_cluster_name"],
    ["a database the cluster lacks", d({ dws_database_name: "warehouse" }), "DIS.4350", "warehouse"],
    ["no dws_cluster_name", d({ dws_cluster_name: undefined }), "DIS.4200", "dws_destination_descriptor.dws_cluster_name"],
    ["no dws_schema", d({ dws_schema: undefined }), "DIS.4200", "dws_destination_descriptor.dws_schema"],
    ["an empty dws_table_name", d({ dws_table_name: "" }), "DIS.4200", "dws_destination_descriptor.dws_table_name"],
    ["a tab as dws_delimiter", d({ dws_delimiter: "\t" }), "DIS.4200", "dws_destination_descriptor.dws_delimiter"],
    ["no dws_delimiter", d({ dws_delimiter: undefined }), "DIS.4200", "dws_destination_descriptor.dws_delimiter"],
    ["no user_name", d({ user_name: undefined }), "DIS.4200", "dws_destination_descriptor.user_name"],
    ["no user_password", d({ user_password: undefined }), "DIS.4200", "dws_destination_descriptor.user_password"],
    ["a user_password that is a number", d({ user_password: 12345 }), "DIS.4200", "dws_destination_descriptor.user_password"],
    ["an unknown kms_user_key_id", d({ kms_user_key_id: "00000000-0000-0000-0000-000000000000" }), "DIS.4351", "kms_user_key_id"],
    ["a kms_user_key_name that is not the key's", d({ kms_user_key_name: "otherkey" }), "DIS.4351", "kms_user_key_name"],
    ["no kms_user_key_name", d({ kms_user_key_name: undefined }), "DIS.4200", "dws_destination_descriptor.kms_user_key_name"],
    ["a bucket that does not exist", d({ obs_bucket_path: "no-such-bucket/dis" }), "DIS.4306", "no-such-bucket"],
    ["no obs_bucket_path", d({ obs_bucket_path: undefined }), "DIS.4200", "dws_destination_descriptor.obs_bucket_path"],
    ["a file_prefix starting with a slash", d({ file_prefix: "/dis" }), "DIS.4200", "dws_destination_descriptor.file_prefix"],
    ["a file_prefix with a hyphen", d({ file_prefix: "dis-tmp" }), "DIS.4200", "dws_destination_descriptor.file_prefix"],
    ["a file_prefix of 51 characters", d({ file_prefix: "p".repeat(51) }), "DIS.4200", "dws_destination_descriptor.file_prefix"],
    ["retry_duration 7201", d({ retry_duration: 7201 }), "DIS.4200", "dws_destination_descriptor.retry_duration"],
    ["a negative retry_duration", d({ retry_duration: "-1" }), "DIS.4200", "dws_destination_descriptor.retry_duration"],
    [
      "an option that is not true/on/false/off",
      d({ options: { fill_missing_fields: "yes" } }),
      "DIS.4200",
      "dws_destination_descriptor.options.fill_missing_fields",
    ],
    ["an option given as a boolean", d({ options: { ignore_extra_data: true } }), "DIS.4200", "dws_destination_descriptor.options.ignore_extra_data"],
    ["a reject_limit that is not a number", d({ options: { reject_limit: "ten" } }), "DIS.4200", "dws_destination_descriptor.options.reject_limit"],
    ["an option the API does not define (strict)", d({ options: { skip_header: "true" } }), "DIS.4200", "skip_header"],
    ["a descriptor field the API does not define (strict)", d({ dws_port: 8000 }), "DIS.4200", "dws_port"],
    ["an OBS destination", { destination_type: "OBS", obs_destination_descriptor: { task_name: "t" } }, "DIS.4200", "destination_type"],
    ["an unknown destination_type", { ...d({}), destination_type: "NOWHERE" }, "DIS.4200", "destination_type"],
    ["no destination_type", { dws_destination_descriptor: descriptor() }, "DIS.4200", "destination_type"],
    ["no descriptor", { destination_type: "DWS" }, "DIS.4200", "dws_destination_descriptor"],
    ["a descriptor that is not an object", { destination_type: "DWS", dws_destination_descriptor: [descriptor()] }, "DIS.4200", "dws_destination_descriptor"],
  ];

  it.each(cases)("rejects %s: 400 %s naming it, and creates nothing", async (_name, body, code, mention) => {
    const before = (await listTasks(stream)).total_number as number;
    const res = await createTask(stream, body);
    expectDisError(res, 400, code);
    expect(res.json.message).toContain(mention);
    expect(res.text).not.toContain(SECRET);
    expect((await listTasks(stream)).total_number).toBe(before);
  });

  it("answers an empty body with DIS.4202 and a body that is not an object with DIS.4300", async () => {
    expectDisError(await createTask(stream, undefined), 400, "DIS.4202");
    expectDisError(await createTask(stream, [dwsTask()]), 400, "DIS.4300");
  });

  it("takes numbers as digit strings, the other delimiters, a bucket path with a directory, and reject_limit unlimited", async () => {
    const own = await runningStream();
    const body = dwsTask({
      deliver_time_interval: "120",
      retry_duration: "0",
      dws_delimiter: "|",
      obs_bucket_path: `${DEMO_OBS_BUCKET}/dis/staging`,
      file_prefix: "dis_tmp/2024",
      options: { reject_limit: "unlimited", error_table_name: "err_clicks" },
    });
    await empty(createTask(own, body), 201);
    const shown = await ok(showTask(own, body.dws_destination_descriptor.task_name as string));
    expect(shown.dws_destination_descripton).toMatchObject({
      deliver_time_interval: 120,
      retry_duration: "0",
      dws_delimiter: "|",
      obs_bucket_path: `${DEMO_OBS_BUCKET}/dis/staging`,
      options: { reject_limit: "unlimited", error_table_name: "err_clicks" },
    });
    // The second bucket of the inventory works too; defaults fill what is left out.
    const minimal: Record<string, unknown> = descriptor({ obs_bucket_path: "streamjobs-dis-staging" });
    for (const k of ["consumer_strategy", "deliver_time_interval", "retry_duration", "file_prefix", "options"]) delete minimal[k];
    await empty(createTask(own, { destination_type: "DWS", dws_destination_descriptor: minimal }), 201);
    const defaults = await ok(showTask(own, minimal.task_name as string));
    expect(defaults.dws_destination_descripton).toMatchObject({ consumer_strategy: "LATEST", deliver_time_interval: 300, retry_duration: "1800" });
    expect(defaults.dws_destination_descripton).not.toHaveProperty("options");
  });

  it("answers a CREATING stream with DIS.4205", async () => {
    const creating = await createStream();
    expectDisError(await createTask(creating, dwsTask()), 400, "DIS.4205");
  });

  it("answers a task name used in the stream with DIS.4355, and allows it on another stream", async () => {
    const own = await runningStream();
    const body = dwsTask();
    await empty(createTask(own, body), 201);
    const res = await createTask(own, dwsTask({ task_name: body.dws_destination_descriptor.task_name }));
    expectDisError(res, 400, "DIS.4355");
    expect(res.json.message).toContain(body.dws_destination_descriptor.task_name as string);
    await empty(createTask(await runningStream(), body), 201);
  });

  it("allows at most 5 dump tasks per stream (DIS.4357)", async () => {
    const own = await runningStream();
    for (let i = 0; i < 5; i++) await empty(createTask(own, dwsTask()), 201);
    const res = await createTask(own, dwsTask());
    expectDisError(res, 400, "DIS.4357");
    expect(res.json.message).toContain("5");
    expect((await listTasks(own)).total_number).toBe(5);
    const [first] = (await listTasks(own)).tasks;
    await empty(call("DELETE", `${tasksPath(own)}/${first.task_name}`), 204);
    await empty(createTask(own, dwsTask()), 201);
  });
});

describe("dump task lifecycle", () => {
  it("stops and starts by task id: RUNNING → PAUSED, PAUSED → STARTING → RUNNING, repeats are no-ops", async () => {
    const stream = await runningStream();
    const { name, id } = await settledTask(stream);
    expect(await stateOf(stream, name)).toBe("RUNNING");
    advance(300_000);
    await empty(action(stream, "stop", [id]), 200);
    const paused = await ok(showTask(stream, name));
    expect(paused.state).toBe("PAUSED");
    const frozen = paused.last_transfer_timestamp as number;
    expect(frozen).toBeGreaterThan(0);
    advance(600_000);
    expect((await ok(showTask(stream, name))).last_transfer_timestamp).toBe(frozen);
    await empty(action(stream, "stop", [id]), 200);
    expect(await stateOf(stream, name)).toBe("PAUSED");
    await empty(action(stream, "start", [id]), 200);
    expect(await stateOf(stream, name)).toBe("STARTING");
    await empty(action(stream, "start", [id]), 200);
    advance();
    expect(await stateOf(stream, name)).toBe("RUNNING");
  });

  it("acts on several tasks at once, and refuses names, unknown ids and other actions without changing any", async () => {
    const stream = await runningStream();
    const a = await settledTask(stream);
    const b = await settledTask(stream);
    await empty(action(stream, "stop", [a.id, b.id]), 200);
    expect([await stateOf(stream, a.name), await stateOf(stream, b.name)]).toEqual(["PAUSED", "PAUSED"]);
    // Tasks are addressed by id here, never by name.
    const byName = await action(stream, "start", [a.id, b.name]);
    expectDisError(byName, 400, "DIS.4354");
    expect(byName.json.message).toContain("tasks.1.id");
    expect(await stateOf(stream, a.name)).toBe("PAUSED");
    // Another stream's task id is not this stream's.
    const other = await runningStream();
    const foreign = await settledTask(other);
    expectDisError(await action(stream, "start", [foreign.id]), 400, "DIS.4354");
    expectDisError(await action(stream, "pause", [a.id]), 400, "DIS.4200");
    expectDisError(await call("POST", `${tasksPath(stream)}/action`, { action: "start", tasks: [] }), 400, "DIS.4200");
    expectDisError(await call("POST", `${tasksPath(stream)}/action`), 400, "DIS.4202");
  });

  it("settles to ERROR when the table is not in the cluster, and again after start", async () => {
    const stream = await runningStream();
    const { name, id } = await settledTask(stream, { dws_schema: "public", dws_table_name: "missing_table" });
    const failed = await ok(showTask(stream, name));
    expect(failed.state).toBe("ERROR");
    expect(failed.error_msg).toContain('relation "public.missing_table" does not exist');
    expect((await listTasks(stream)).tasks[0].state).toBe("ERROR");
    await empty(action(stream, "start", [id]), 200);
    expect(await stateOf(stream, name)).toBe("STARTING");
    advance();
    expect(await stateOf(stream, name)).toBe("ERROR");
    // A failed task can be paused.
    await empty(action(stream, "stop", [id]), 200);
    expect(await stateOf(stream, name)).toBe("PAUSED");
  });

  it("runs into the other tables of the cluster", async () => {
    const stream = await runningStream();
    for (const table of ["orders", "clicks"]) {
      const { name } = await settledTask(stream, { dws_schema: "public", dws_table_name: table, dws_database_name: "analytics" });
      expect(await stateOf(stream, name)).toBe("RUNNING");
    }
  });

  it("settles to ERROR for a user the cluster does not have", async () => {
    const stream = await runningStream();
    const { name } = await settledTask(stream, { user_name: "etl" });
    const failed = await ok(showTask(stream, name));
    expect(failed).toMatchObject({ state: "ERROR" });
    expect(failed.error_msg).toContain('"etl"');
  });

  it("refuses to update a DWS task (DIS.4200), and answers an unknown task with DIS.4354", async () => {
    const stream = await runningStream();
    const { name } = await settledTask(stream);
    const res = await call("PUT", tasksPath(stream), dwsTask({ task_name: name, deliver_time_interval: 120 }));
    expectDisError(res, 400, "DIS.4200");
    expect(res.json.message).toContain("not supported");
    expectDisError(await call("PUT", tasksPath(stream), dwsTask({ task_name: "no_such_task" })), 400, "DIS.4354");
    expectDisError(await call("PUT", tasksPath(stream), { destination_type: "OBS", obs_destination_descriptor: { task_name: name } }), 400, "DIS.4200");
    expectDisError(await call("PUT", tasksPath(stream), { destination_type: "DWS" }), 400, "DIS.4200");
    expect((await ok(showTask(stream, name))).dws_destination_descripton.deliver_time_interval).toBe(60);
  });

  it("deletes by name with 204 and no body, at once: then DIS.4354, out of the list, name free", async () => {
    const stream = await runningStream();
    const { name } = await settledTask(stream);
    await empty(call("DELETE", `${tasksPath(stream)}/${name}`), 204);
    expectDisError(await showTask(stream, name), 400, "DIS.4354");
    expectDisError(await call("DELETE", `${tasksPath(stream)}/${name}`), 400, "DIS.4354");
    expect(await listTasks(stream)).toEqual({ total_number: 0, quota: 5, tasks: [] });
    await empty(createTask(stream, dwsTask({ task_name: name })), 201);
  });

  it("lists tasks in name order, paged by limit and start_task_name", async () => {
    const stream = await runningStream();
    for (const n of ["task_b", "task_a", "task_c"]) await empty(createTask(stream, dwsTask({ task_name: n })), 201);
    const page = await ok(call("GET", `${tasksPath(stream)}?limit=2&start_task_name=task_a`));
    expect(page.total_number).toBe(3);
    expect(page.tasks.map((x: any) => x.task_name)).toEqual(["task_b", "task_c"]);
    expect((await ok(call("GET", `${tasksPath(stream)}?limit=1`))).tasks.map((x: any) => x.task_name)).toEqual(["task_a"]);
    expectDisError(await call("GET", `${tasksPath(stream)}?limit=11`), 400, "DIS.4200");
  });

  it("deletes a stream's dump tasks with it (204), so a stream of the same name starts with none", async () => {
    const stream = await runningStream();
    await settledTask(stream);
    await settledTask(stream);
    await empty(call("DELETE", `streams/${stream}`), 204);
    expectDisError(await call("GET", `streams/${stream}`), 400, "DIS.4301");
    expectDisError(await call("GET", tasksPath(stream)), 400, "DIS.4301");
    const left = t.emulator.store.list("huawei.dis.tasks").filter((e) => e.key.startsWith(`${DEMO_HUAWEI_PROJECT_ID}/${stream}/`));
    expect(left).toEqual([]);
    await runningStream({ stream_name: stream });
    expect(await listTasks(stream)).toMatchObject({ total_number: 0, tasks: [] });
  });

  it("keeps what a stuck create starts in STARTING however long the clock runs", async () => {
    const stream = await runningStream();
    await control(t.url, "POST", "/faults", { action: "CreateTransferTask", kind: "stuck" });
    const stuck = dwsTask();
    await empty(createTask(stream, stuck), 201);
    advance(100 * SETTLE);
    expect(await stateOf(stream, stuck.dws_destination_descriptor.task_name as string)).toBe("STARTING");
  });
});

describe("auth and faults", () => {
  const queue = async (fault: Record<string, unknown>) => expect((await control(t.url, "POST", "/faults", fault)).status).toBe(201);

  it("serves callers with an IAM token, and refuses a bad signature with 401 APIGW.0301", async () => {
    const login = await send(t.url, {
      method: "POST",
      path: "/v3/auth/tokens",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        auth: {
          identity: {
            methods: ["password"],
            password: { user: { name: DEMO_HUAWEI_USER.name, password: DEMO_HUAWEI_USER.password, domain: { name: DEMO_HUAWEI_USER.domain } } },
          },
          scope: { project: { id: DEMO_HUAWEI_PROJECT_ID } },
        },
      }),
    });
    expect(login.status, login.text).toBe(201);
    const token = login.headers["x-subject-token"] as string;
    const listed = await send(t.url, withToken({ method: "GET", path: `/v2/${DEMO_HUAWEI_PROJECT_ID}/streams?limit=1` }, token));
    expect(listed.status, listed.text).toBe(200);
    expect(listed.json).toHaveProperty("total_number");
    const other = await send(t.url, withToken({ method: "GET", path: `/v2/${DEMO_HUAWEI_DR_PROJECT_ID}/streams` }, token));
    expectHuaweiError(other, 403, "APIGW.0302");
    expectHuaweiError(await hw(t, { method: "GET", path: `/v2/${DEMO_HUAWEI_PROJECT_ID}/streams`, secretKey: "wrong-secret" }), 401, "APIGW.0301");
  });

  it("throttles at the gateway with 429 APIGW.0308 without creating the task", async () => {
    const stream = await runningStream();
    await queue({ action: "CreateTransferTask", kind: "throttle" });
    const body = dwsTask();
    expectHuaweiError(await createTask(stream, body), 429, "APIGW.0308");
    expect((await listTasks(stream)).total_number).toBe(0);
    await empty(createTask(stream, body), 201);
  });

  it("answers a service-side throttle with 400 DIS.4305 (retryable), and a 5xx fault with 500 DIS.5000", async () => {
    await queue({ action: "ListStreams", kind: "throttle", throttledBy: "service" });
    await queue({ action: "ShowStream", kind: "5xx" });
    expectDisError(await call("GET", "streams"), 400, "DIS.4305");
    expect((await call("GET", "streams")).status).toBe(200);
    expectDisError(await call("GET", `streams/${streamName()}`), 500, "DIS.5000");
    expect(t.emulator.requests().at(-1)).toMatchObject({ product: "dis", action: "ShowStream", status: 500, code: "DIS.5000", fault: "5xx" });
  });

  it("rejects a query parameter an operation does not define (strict), and ignores unknown fields when loose", async () => {
    const name = await runningStream();
    expectDisError(await call("GET", `streams/${name}?verbose=true`), 400, "DIS.4200");
    const loose = await startTestEmulator({ manualClock: true, settleMs: SETTLE, strict: false });
    try {
      const res = await hw(loose, {
        method: "POST",
        path: `/v2/${DEMO_HUAWEI_PROJECT_ID}/streams`,
        body: { stream_name: "loose", partition_count: 1, shard_count: 3 },
      });
      expect(res.status, res.text).toBe(201);
    } finally {
      await loose.close();
    }
  });

  it("logs every call under its operation name", async () => {
    const since = t.emulator.requests().at(-1)?.seq ?? 0;
    const stream = await runningStream();
    const id = (await ok(call("GET", `streams/${stream}`))).stream_id as string;
    await ok(call("GET", "streams"));
    await empty(call("PUT", `streams/${stream}`, { stream_name: stream, target_partition_count: 2 }), 200);
    await empty(call("POST", `stream/${id}/tags/action`, { action: "create", tags: [{ key: "a", value: "b" }] }), 204);
    const task = await settledTask(stream);
    await listTasks(stream);
    await call("PUT", tasksPath(stream), dwsTask({ task_name: task.name }));
    await empty(action(stream, "stop", [task.id]), 200);
    await empty(call("DELETE", `${tasksPath(stream)}/${task.name}`), 204);
    await empty(call("DELETE", `streams/${stream}`), 204);
    const actions = t.emulator.requests(since).map((r) => r.action);
    expect(actions).toEqual([
      "CreateStream",
      "ShowStream",
      "ListStreams",
      "UpdatePartitionCount",
      "BatchStreamTagsAction",
      "CreateTransferTask",
      "ShowTransferTask",
      "ListTransferTasks",
      "UpdateTransferTask",
      "BatchTransferTaskAction",
      "DeleteTransferTask",
      "DeleteStream",
    ]);
    expect(t.emulator.requests(since).every((r) => r.product === "dis")).toBe(true);
  });
});

describe("secrets", () => {
  it("never answers, logs or dumps the DWS password", async () => {
    const lines: string[] = [];
    const own = await startTestEmulator({ manualClock: true, settleMs: SETTLE, log: (l) => lines.push(l) });
    try {
      const send = (method: HttpMethod, rest: string, b?: unknown) =>
        hw(own, { method, path: `/v2/${DEMO_HUAWEI_PROJECT_ID}/${rest}`, ...(b !== undefined && { body: b }) });
      const stream = "secret-stream";
      expect((await send("POST", "streams", { stream_name: stream, partition_count: 1 })).status).toBe(201);
      own.clock?.advance(SETTLE);
      const body = { destination_type: "DWS", dws_destination_descriptor: { ...seedDescriptor, task_name: "secret_task", user_password: SECRET } };
      const answers = [
        await send("POST", tasksPath(stream), body),
        await send("GET", `${tasksPath(stream)}/secret_task`),
        await send("GET", tasksPath(stream)),
        await send("PUT", tasksPath(stream), body),
        await send("POST", tasksPath(stream), body),
        await send("POST", tasksPath(stream), { ...body, dws_destination_descriptor: { ...body.dws_destination_descriptor, task_name: "bad name" } }),
      ];
      expect(answers.map((a) => a.status)).toEqual([201, 200, 200, 400, 400, 400]);
      own.clock?.advance(SETTLE);
      answers.push(await send("GET", `${tasksPath(stream)}/secret_task`));
      expect(answers.at(-1)?.json.state).toBe("ERROR");
      for (const a of answers) {
        expect(a.text).not.toContain(SECRET);
        expect(a.text).not.toContain("user_password");
      }
      const entry = own.emulator.requests().find((r) => r.action === "CreateTransferTask");
      expect(entry?.params).toMatchObject({
        "dws_destination_descriptor.user_password": "REDACTED",
        "dws_destination_descriptor.user_name": "dbadmin",
        stream_name: stream,
      });
      const state = await control(own.url, "GET", "/state");
      expect(Object.keys(state.json.collections)).toEqual(expect.arrayContaining(["huawei.dis.streams", "huawei.dis.tasks"]));
      await expectRedactedEverywhere(own, lines, SECRET, state);
    } finally {
      await own.close();
    }
  });
});

describe("persistence", () => {
  it("keeps streams and tasks across a restart with their clocks, and forgets them on reset", async () => {
    let own = await startTestEmulator({ manualClock: true, settleMs: SETTLE });
    try {
      const send = (method: HttpMethod, rest: string, b?: unknown) =>
        hw(own, { method, path: `/v2/${DEMO_HUAWEI_PROJECT_ID}/${rest}`, ...(b !== undefined && { body: b }) });
      expect((await send("POST", "streams", { stream_name: "kept", partition_count: 1 })).status).toBe(201);
      own.clock?.advance(SETTLE);
      expect((await send("POST", tasksPath("kept"), dwsTask({ task_name: "kept_task" }))).status).toBe(201);
      own.clock?.advance(SETTLE / 2);
      own = await own.restart();
      const before = (await send("GET", `${tasksPath("kept")}/kept_task`)).json;
      expect(before).toMatchObject({ task_name: "kept_task", state: "STARTING" });
      own.clock?.advance(SETTLE / 2);
      expect((await send("GET", `${tasksPath("kept")}/kept_task`)).json).toMatchObject({ task_id: before.task_id, state: "RUNNING" });
      expect((await send("GET", "streams/kept")).json.status).toBe("RUNNING");
      expect((await control(own.url, "POST", "/reset")).status).toBe(200);
      expectDisError(await send("GET", "streams/kept"), 400, "DIS.4301");
    } finally {
      await own.close();
    }
  });

  it("reports DIS in health", async () => {
    expect((await control(t.url, "GET", "/health")).json.products).toContain("dis v2");
  });
});

describe("the demo inventory", () => {
  it("holds what the vendor's example names", () => {
    expect([DEMO_DWS_CLUSTER_ID, DEMO_DWS_CLUSTER_NAME, DEMO_KMS_KEY_ID, DEMO_KMS_KEY_NAME, DEMO_OBS_BUCKET, DEMO_DIS_AGENCY]).toEqual([
      seedDescriptor.dws_cluster_id,
      seedDescriptor.dws_cluster_name,
      seedDescriptor.kms_user_key_id,
      seedDescriptor.kms_user_key_name,
      seedDescriptor.obs_bucket_path,
      seedDescriptor.agency_name,
    ]);
  });
});
