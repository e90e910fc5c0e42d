/**
 * gpdb streaming on the emulator over loopback with raw signed requests: CRUD of the service →
 * data source → job hierarchy with every type quirk of the vendor facts, the seed page's and the
 * SDK's example payloads verbatim, the service's validation in the real envelope, Init →
 * Running/Exception, and the one case table of value rules run through preview and the emulator.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gpdb } from "../../../../provider/apis/alibaba-gpdb";
import { DEMO_DB_ACCOUNT, DEMO_DB_INSTANCE_ID, DEMO_KAFKA_BROKERS, DEMO_REGION_ID } from "../../../../emulator/index";
import { DEFAULT_INVENTORY, VENDOR_EXAMPLE_DB_INSTANCE_ID } from "../../../../emulator/default-inventory";
import type { CheckFailure } from "../../../../provider/engine/check";
import * as serviceResource from "../../../../provider/resources/alicloud-streaming-data-service";
import * as sourceResource from "../../../../provider/resources/alicloud-streaming-data-source";
import * as jobResource from "../../../../provider/resources/alicloud-streaming-job";
import { type FieldFact, type RpcOperationFact, facts } from "../../../conformance/facts";
import { basicJob as fixtureJob } from "../../../fixtures/streaming-job";
import {
  control,
  expectEnvelope,
  pollUntil,
  startTestEmulator,
  uniqueName,
  UPPERCASE_UUID,
  type RawResponse,
  type TestEmulator,
  type WireValue,
} from "../../../helpers/emulator";

const FIXTURES = join(__dirname, "../../..", "fixtures", "alibaba");
const seedRequest = JSON.parse(readFileSync(join(FIXTURES, "gpdb-create-streaming-job.request.json"), "utf8")).params as Record<string, WireValue>;
const seedResponse = JSON.parse(readFileSync(join(FIXTURES, "gpdb-create-streaming-job.response.json"), "utf8")) as Record<string, unknown>;
const seedJobConfig = readFileSync(join(FIXTURES, "gpdb-create-streaming-job.job-config.yaml"), "utf8");
// The default inventory holds the examples' instance, database, accounts and brokers.
const SEED_INSTANCE = String(seedRequest.DBInstanceId);

const SETTLE = 1000;
/** The wire name of an SDK property (the design's naming rule: camelCase of the API's name). */
const wireName = (property: string) => `${property.charAt(0).toUpperCase()}${property.slice(1)}`;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
let t: TestEmulator;

beforeAll(async () => {
  t = await startTestEmulator({ manualClock: true, settleMs: SETTLE });
});
afterAll(() => t.close());

/** A V3 call with the instance filled in; parameters travel in the query as the SDK sends them. */
function call(action: string, params: Record<string, WireValue>, instance = DEMO_DB_INSTANCE_ID): Promise<RawResponse> {
  return t.v3({ action, query: { DBInstanceId: instance, ...params } });
}

async function ok(action: string, params: Record<string, WireValue>, instance?: string): Promise<Record<string, any>> {
  const res = await call(action, params, instance);
  if (res.status !== 200) throw new Error(`${action} failed: ${res.status} ${res.text}`);
  expect(res.json.RequestId).toMatch(UPPERCASE_UUID);
  expect(res.headers["x-acs-request-id"]).toBe(res.json.RequestId);
  // The provider's table must accept what the emulator answers.
  gpdb.actions[action as keyof typeof gpdb.actions].response.parse(res.json);
  return res.json;
}

const advance = () => t.clock?.advance(SETTLE);

async function newService(instance = DEMO_DB_INSTANCE_ID): Promise<number> {
  return (await ok("CreateStreamingDataService", { ServiceName: uniqueName("svc"), ServiceSpec: "2" }, instance)).ServiceId;
}

async function newDataSource(config = { brokers: DEMO_KAFKA_BROKERS, topic: "orders" }, instance = DEMO_DB_INSTANCE_ID): Promise<number> {
  const ServiceId = await newService(instance);
  const res = await ok(
    "CreateStreamingDataSource",
    { DataSourceName: uniqueName("src"), DataSourceType: "kafka", DataSourceConfig: JSON.stringify(config), ServiceId },
    instance,
  );
  return res.DataSourceId;
}

function basicJob(DataSourceId: number): Record<string, WireValue> {
  return {
    DataSourceId: String(DataSourceId),
    JobName: uniqueName("job"),
    Mode: "basic",
    DestDatabase: "analytics",
    DestSchema: "public",
    DestTable: "orders",
    Account: DEMO_DB_ACCOUNT.name,
    Password: DEMO_DB_ACCOUNT.password,
    SrcColumns: ["id", "amount"],
    DestColumns: ["id", "amount"],
  };
}

describe("gpdb CRUD and type quirks", () => {
  it("creates, describes, lists and deletes a data service with ServiceId number → string", async () => {
    const name = uniqueName("svc");
    const created = await ok("CreateStreamingDataService", { ServiceName: name, ServiceSpec: "4", ServiceDescription: "d" });
    expect(typeof created.ServiceId).toBe("number");
    const described = await ok("DescribeStreamingDataService", { ServiceId: String(created.ServiceId) });
    expect(described).toMatchObject({
      ServiceId: String(created.ServiceId),
      ServiceName: name,
      ServiceSpec: "4",
      ServiceDescription: "d",
      ServicePort: expect.any(Number),
      ServiceManaged: true,
      Status: "Init",
    });
    expect(described.CreateTime).toMatch(TIME);
    expect(described.ModifyTime).toMatch(TIME);
    const listed = await ok("ListStreamingDataServices", {});
    const item = listed.ServiceItems.find((s: { ServiceName: string }) => s.ServiceName === name);
    expect(item).toMatchObject({ ServiceId: String(created.ServiceId), ServicePort: String(described.ServicePort), ServiceType: "adbpgss" });
    expect(listed.TotalRecordCount).toBe(listed.ServiceItems.length);
    await ok("ModifyStreamingDataService", { ServiceId: String(created.ServiceId), ServiceSpec: "8" });
    expect((await ok("DescribeStreamingDataService", { ServiceId: String(created.ServiceId) })).ServiceSpec).toBe("8");
    expect((await ok("DeleteStreamingDataService", { ServiceId: String(created.ServiceId) })).Status).toBe(true);
    expectEnvelope(await call("DescribeStreamingDataService", { ServiceId: String(created.ServiceId) }), 404, "ExternalService.NotFound");
  });

  it("creates a data source with DataSourceId number, string in Describe, number in List, lowercase status", async () => {
    const ServiceId = await newService();
    const name = uniqueName("src");
    const config = JSON.stringify({ brokers: DEMO_KAFKA_BROKERS, topic: "orders", format: "delimited", delimiter: "|" });
    const { DataSourceId } = await ok("CreateStreamingDataSource", { DataSourceName: name, DataSourceType: "kafka", DataSourceConfig: config, ServiceId });
    expect(typeof DataSourceId).toBe("number");
    const described = await ok("DescribeStreamingDataSource", { DataSourceId });
    expect(described).toEqual({
      RequestId: expect.any(String),
      DataSourceId: String(DataSourceId),
      DataSourceName: name,
      DataSourceType: "kafka",
      DataSourceConfig: config,
      ServiceId,
      Status: "init",
      ErrorMessage: "",
      CreateTime: expect.stringMatching(TIME),
    });
    advance();
    expect((await ok("DescribeStreamingDataSource", { DataSourceId })).Status).toBe("running");
    const listed = await ok("ListStreamingDataSources", {});
    expect(listed.DataSourceItems.find((s: { DataSourceName: string }) => s.DataSourceName === name)).toMatchObject({
      DataSourceId,
      ServiceId,
      Status: "running",
      ModifyTime: expect.stringMatching(TIME),
    });
    expect(listed.PageNumber).toBe(1);
    await ok("ModifyStreamingDataSource", { DataSourceId: String(DataSourceId), DataSourceDescription: "changed" });
    expect(await ok("DescribeStreamingDataSource", { DataSourceId })).toMatchObject({
      DataSourceDescription: "changed",
      DataSourceConfig: config,
      Status: "init",
    });
    await ok("DeleteStreamingDataSource", { DataSourceId });
    expectEnvelope(await call("DescribeStreamingDataSource", { DataSourceId }), 404, "ExternalDataSource.NotFound");
  });

  it("creates a job with JobId number, echoes everything verbatim in Describe with string ids, never TryRun", async () => {
    const DataSourceId = await newDataSource();
    const params: Record<string, WireValue> = {
      ...basicJob(DataSourceId),
      JobDescription: "orders to analytics",
      WriteMode: "merge",
      MatchColumns: ["id"],
      UpdateColumns: ["amount"],
      GroupName: "g1",
      FallbackOffset: "earliest",
      ErrorLimitCount: 7,
      Consistency: "Exactly",
      TryRun: false,
    };
    const { JobId } = await ok("CreateStreamingJob", params);
    expect(typeof JobId).toBe("number");
    const d = await ok("DescribeStreamingJob", { JobId });
    const { TryRun: _notEchoed, ...echoed } = params;
    expect(d).toMatchObject({ ...echoed, JobId: String(JobId), DataSourceId: String(DataSourceId), Status: "Init", ErrorMessage: "" });
    expect(d).not.toHaveProperty("TryRun");
    expect(d.Password).toBe(DEMO_DB_ACCOUNT.password);
    expect(d.ErrorLimitCount).toBe(7);
    expect(d.SrcColumns).toEqual(["id", "amount"]);
    expect(d.DataSourceName).toMatch(/^src-/);
    expect([d.CreateTime, d.ModifyTime]).toEqual([expect.stringMatching(TIME), expect.stringMatching(TIME)]);
    advance();
    expect((await ok("DescribeStreamingJob", { JobId })).Status).toBe("Running");

    const listed = await ok("ListStreamingJobs", {});
    const item = listed.JobItems.find((j: { JobId: string }) => j.JobId === String(JobId));
    expect(item).toMatchObject({ JobId: String(JobId), DataSourceId: String(DataSourceId), Password: DEMO_DB_ACCOUNT.password, Status: "Running" });
    for (const omitted of ["GroupName", "ErrorLimitCount", "JobConfig"]) expect(item).not.toHaveProperty(omitted);
    expect(listed.PageRecordCount).toBe(listed.JobItems.length);
    expect(listed.TotalRecordCount).toBeGreaterThanOrEqual(1);

    await ok("ModifyStreamingJob", { JobId, JobDescription: "changed", DestColumns: ["id", "total"] });
    expect(await ok("DescribeStreamingJob", { JobId })).toMatchObject({
      JobDescription: "changed",
      DestColumns: ["id", "total"],
      JobName: params.JobName,
      Status: "Init",
    });
    await ok("DeleteStreamingJob", { JobId });
    expectEnvelope(await call("DescribeStreamingJob", { JobId }), 404, "ExternalDataSourceJob.NotFound");
    expectEnvelope(await call("DeleteStreamingJob", { JobId }), 404, "ExternalDataSourceJob.NotFound");
  });

  it("scopes ids to the instance and kind, numbering each from 1", async () => {
    const fresh = await startTestEmulator();
    try {
      const create = async (DBInstanceId: string, ServiceName: string) =>
        (await fresh.v3({ action: "CreateStreamingDataService", query: { DBInstanceId, ServiceName, ServiceSpec: "2" } })).json.ServiceId;
      expect(await create(DEMO_DB_INSTANCE_ID, "a")).toBe(1);
      expect(await create(DEMO_DB_INSTANCE_ID, "b")).toBe(2);
      expect(await create("gp-demo00000000002", "a")).toBe(1);
      const source = await fresh.v3({
        action: "CreateStreamingDataSource",
        query: {
          DBInstanceId: DEMO_DB_INSTANCE_ID,
          DataSourceName: "s",
          DataSourceType: "kafka",
          DataSourceConfig: '{"brokers":"h:1","topic":"t"}',
          ServiceId: 2,
        },
      });
      expect(source.json.DataSourceId).toBe(1);
    } finally {
      await fresh.close();
    }
  });

  it("pages with PageNumber and PageSize", async () => {
    const inst = "gp-demo00000000002";
    const before = (await ok("ListStreamingDataServices", { PageSize: 100 }, inst)).TotalRecordCount as number;
    for (let i = before; i < 31; i++) await newService(inst);
    const first = await ok("ListStreamingDataServices", { PageNumber: 1, PageSize: 30 }, inst);
    const second = await ok("ListStreamingDataServices", { PageNumber: 2, PageSize: 30 }, inst);
    expect(first.ServiceItems).toHaveLength(30);
    expect(second.ServiceItems.length).toBe(Math.max(before, 31) - 30);
    expect(first.TotalRecordCount).toBe(second.TotalRecordCount);
    expect((await ok("ListStreamingDataServices", { PageNumber: 9, PageSize: 50 }, inst)).ServiceItems).toEqual([]);
  });
});

describe("seed page payloads (CreateStreamingJob)", () => {
  it("runs the basic-mode example verbatim and answers in the documented shape", async () => {
    const ServiceId = await newService(SEED_INSTANCE);
    const { DataSourceId } = await ok(
      "CreateStreamingDataSource",
      {
        DataSourceName: "seed-src",
        DataSourceType: "kafka",
        DataSourceConfig: JSON.stringify({ brokers: "broker1:9092,broker2:9092,broker3:9092", topic: "testtopic" }),
        ServiceId,
      },
      SEED_INSTANCE,
    );
    const res = await t.v3({ action: "CreateStreamingJob", query: { ...seedRequest, DataSourceId: String(DataSourceId) } });
    expect(res.status).toBe(200);
    expect(Object.keys(res.json).sort()).toEqual(Object.keys(seedResponse).sort());
    expect(res.json.RequestId).toMatch(UPPERCASE_UUID);
    expect(seedResponse.RequestId).toMatch(UPPERCASE_UUID);
    expect(typeof res.json.JobId).toBe(typeof seedResponse.JobId);
    advance();
    const d = await ok("DescribeStreamingJob", { RegionId: "cn-beijing", JobId: res.json.JobId }, SEED_INSTANCE);
    const { RegionId: _r, DBInstanceId: _i, TryRun: _t, DataSourceId: _s, ...echoed } = seedRequest;
    expect(d).toMatchObject({ ...echoed, Status: "Running", ErrorMessage: "" });
  });

  it("runs the professional-mode JobConfig example and echoes it verbatim, PASSWORD line included", async () => {
    const ServiceId = await newService(SEED_INSTANCE);
    const { DataSourceId } = await ok(
      "CreateStreamingDataSource",
      {
        DataSourceName: uniqueName("seed-src"),
        DataSourceType: "kafka",
        DataSourceConfig: JSON.stringify({ brokers: "broker1:9092", topic: "testtopic" }),
        ServiceId,
      },
      SEED_INSTANCE,
    );
    const { JobId } = await ok(
      "CreateStreamingJob",
      { DataSourceId: String(DataSourceId), JobName: uniqueName("seed-pro"), Mode: "professional", JobConfig: seedJobConfig },
      SEED_INSTANCE,
    );
    advance();
    const d = await ok("DescribeStreamingJob", { JobId }, SEED_INSTANCE);
    expect(d.JobConfig).toBe(seedJobConfig);
    expect(d.JobConfig).toContain("PASSWORD: adbpgssTest");
    expect(d).toMatchObject({ Mode: "professional", Status: "Running" });
  });

  it("rejects the basic-mode example a second time as a duplicate JobName", async () => {
    const DataSourceId = await newDataSource();
    const params = { ...basicJob(DataSourceId), JobName: uniqueName("dup") };
    await ok("CreateStreamingJob", params);
    expectEnvelope(await call("CreateStreamingJob", params), 400, "InvalidJobName.Duplicate");
  });
});

describe("gpdb validation in the real envelope", () => {
  let DataSourceId: number;
  let ServiceId: number;
  beforeAll(async () => {
    DataSourceId = await newDataSource();
    ServiceId = await newService();
  });
  const job = () => basicJob(DataSourceId);

  const cases: Array<[string, string, () => Record<string, WireValue>, number, string, string?]> = [
    ["professional mode without JobConfig", "CreateStreamingJob", () => ({ ...job(), Mode: "professional" }), 400, "InvalidParameter", "JobConfig"],
    [
      "a JobConfig that is not YAML",
      "CreateStreamingJob",
      () => ({ ...job(), Mode: "professional", JobConfig: "PASSWORD: s3cret\n  bad: [" }),
      400,
      "InvalidParameter",
      "is not valid YAML",
    ],
    [
      "a JobConfig without KAFKA.OUTPUT",
      "CreateStreamingJob",
      () => ({ ...job(), Mode: "professional", JobConfig: "KAFKA:\n  INPUT: {}\n" }),
      400,
      "InvalidParameter",
      "KAFKA.OUTPUT",
    ],
    ["WriteMode MERGE without MatchColumns", "CreateStreamingJob", () => ({ ...job(), WriteMode: "Merge" }), 400, "InvalidParameter", "MatchColumns"],
    [
      "WriteMode update with empty MatchColumns",
      "CreateStreamingJob",
      () => ({ ...job(), WriteMode: "update", MatchColumns: [] }),
      400,
      "InvalidParameter",
      "MatchColumns",
    ],
    [
      "SrcColumns and DestColumns of different lengths",
      "CreateStreamingJob",
      () => ({ ...job(), DestColumns: ["id"] }),
      400,
      "InvalidParameter",
      "DestColumns",
    ],
    ["an unknown enum value", "CreateStreamingJob", () => ({ ...job(), Consistency: "MAYBE" }), 400, "InvalidParameter", "ATLEAST, EXACTLY"],
    ["an unknown DataSourceId", "CreateStreamingJob", () => ({ ...job(), DataSourceId: "99999" }), 404, "ExternalDataSource.NotFound"],
    ["a non-numeric DataSourceId", "CreateStreamingJob", () => ({ ...job(), DataSourceId: "abc" }), 404, "ExternalDataSource.NotFound"],
    ["a missing JobName", "CreateStreamingJob", () => ({ DataSourceId: String(DataSourceId) }), 400, "MissingJobName"],
    ["an unknown parameter (strict)", "CreateStreamingJob", () => ({ ...job(), ClientToken: "abc" }), 400, "InvalidParameter", "ClientToken"],
    [
      "a DataSourceConfig that is not JSON",
      "CreateStreamingDataSource",
      () => ({ DataSourceName: uniqueName("s"), DataSourceType: "kafka", DataSourceConfig: "brokers=a", ServiceId: 1 }),
      400,
      "InvalidParameter",
      "DataSourceConfig",
    ],
    [
      "a DataSourceConfig without topic",
      "CreateStreamingDataSource",
      () => ({ DataSourceName: uniqueName("s"), DataSourceType: "kafka", DataSourceConfig: '{"brokers":"a:1"}', ServiceId: 1 }),
      400,
      "InvalidParameter",
      '"topic"',
    ],
    [
      "a DataSourceType other than kafka",
      "CreateStreamingDataSource",
      () => ({ DataSourceName: uniqueName("s"), DataSourceType: "rocketmq", DataSourceConfig: "{}", ServiceId: 1 }),
      400,
      "InvalidParameter",
      "kafka",
    ],
    [
      "an unknown ServiceId",
      "CreateStreamingDataSource",
      () => ({ DataSourceName: uniqueName("s"), DataSourceType: "kafka", DataSourceConfig: '{"brokers":"a:1","topic":"t"}', ServiceId: 99999 }),
      404,
      "ExternalService.NotFound",
    ],
    [
      "a ServiceSpec outside 2/4/8/16 on Modify (the only model that lists them)",
      "ModifyStreamingDataService",
      () => ({ ServiceId: String(ServiceId), ServiceSpec: "3" }),
      400,
      "InvalidParameter",
      "ServiceSpec",
    ],
    ["a non-integer JobId", "DescribeStreamingJob", () => ({ JobId: "one" }), 400, "InvalidParameter", "JobId"],
    ["PageNumber 0", "ListStreamingJobs", () => ({ PageNumber: 0 }), 400, "InvalidParameter", "PageNumber"],
    ["PageSize 20", "ListStreamingJobs", () => ({ PageSize: 20 }), 400, "InvalidParameter", "PageSize"],
  ];

  it.each(cases)("rejects %s", async (_name, action, params, status, code, inMessage) => {
    const res = await call(action, params());
    expectEnvelope(res, status, code);
    if (inMessage !== undefined) expect(res.json.Message).toContain(inMessage);
    expect(res.json.HostId).toBe("gpdb.aliyuncs.com");
    expect(res.json.Recommend).toContain(`q=${code}`);
  });

  it("rejects a bad JobConfig without quoting any of it", async () => {
    const res = await call("CreateStreamingJob", { ...job(), Mode: "professional", JobConfig: "PASSWORD: s3cret-value\n  bad: [" });
    expect(res.text).not.toContain("s3cret-value");
  });

  it.each([
    ["an instance not in the inventory", { DBInstanceId: "gp-nope" }],
    ["an instance asked for in another region", { RegionId: "cn-shanghai" }],
  ])("rejects %s with InvalidDBInstanceId.NotFound", async (_name, params) => {
    const res = await t.v3({ action: "ListStreamingJobs", query: { DBInstanceId: DEMO_DB_INSTANCE_ID, ...params } });
    expectEnvelope(res, 404, "InvalidDBInstanceId.NotFound");
  });

  it("rejects a call without DBInstanceId as MissingDBInstanceId", async () => {
    expectEnvelope(await t.v3({ action: "ListStreamingJobs" }), 400, "MissingDBInstanceId");
  });

  it("refuses in band to delete a data service that still has data sources, and rejects deleting a data source that still has jobs", async () => {
    const src = await ok("DescribeStreamingDataSource", { DataSourceId });
    const { JobId } = await ok("CreateStreamingJob", job());
    // The SDK's DeleteStreamingDataService answer: HTTP 200, Status false and an ErrorMessage.
    const refused = await ok("DeleteStreamingDataService", { ServiceId: String(src.ServiceId) });
    expect(refused).toMatchObject({ Status: false, ErrorMessage: expect.stringContaining(String(DataSourceId)) });
    await ok("DescribeStreamingDataService", { ServiceId: String(src.ServiceId) });
    const srcRes = await call("DeleteStreamingDataSource", { DataSourceId });
    expectEnvelope(srcRes, 400, "DependencyViolation.StreamingJob");
    expect(srcRes.json.Message).toContain(String(JobId));
  });

  it("rejects a Modify that would break a cross-field rule of the stored job", async () => {
    const { JobId } = await ok("CreateStreamingJob", job());
    expectEnvelope(await call("ModifyStreamingJob", { JobId, WriteMode: "MERGE" }), 400, "InvalidParameter");
    await ok("ModifyStreamingJob", { JobId, WriteMode: "MERGE", MatchColumns: ["id"] });
    // MatchColumns is already stored now, so WriteMode alone is fine.
    await ok("ModifyStreamingJob", { JobId, WriteMode: "UPDATE" });
  });

  it.each([
    ["an unknown action", "DescribeStreamingJobs", "2016-05-03", 404, "InvalidAction.NotFound"],
    ["a known action with another version", "DescribeStreamingJob", "2020-05-18", 400, "InvalidVersion"],
  ])("rejects %s", async (_name, action, version, status, code) => {
    expectEnvelope(await t.v3({ action, version, query: { DBInstanceId: DEMO_DB_INSTANCE_ID } }), status, code);
  });
});

describe("gpdb asynchronous states", () => {
  it("settles a data source with unknown brokers to exception, and its job to Exception", async () => {
    const DataSourceId = await newDataSource({ brokers: "10.255.0.1:9092", topic: "orders" });
    const { JobId } = await ok("CreateStreamingJob", basicJob(DataSourceId));
    advance();
    expect(await ok("DescribeStreamingDataSource", { DataSourceId })).toMatchObject({
      Status: "exception",
      ErrorMessage: "brokers unreachable: 10.255.0.1:9092",
    });
    expect(await ok("DescribeStreamingJob", { JobId })).toMatchObject({ Status: "Exception", ErrorMessage: expect.stringContaining("brokers unreachable") });
  });

  it("settles a job with a wrong password to Exception and a fixed one back to Running", async () => {
    const { JobId } = await ok("CreateStreamingJob", { ...basicJob(await newDataSource()), Password: "wrong" });
    advance();
    expect((await ok("DescribeStreamingJob", { JobId })).ErrorMessage).toBe(`FATAL: password authentication failed for user "${DEMO_DB_ACCOUNT.name}"`);
    await ok("ModifyStreamingJob", { JobId, Password: DEMO_DB_ACCOUNT.password });
    expect((await ok("DescribeStreamingJob", { JobId })).Status).toBe("Init");
    advance();
    expect((await ok("DescribeStreamingJob", { JobId })).Status).toBe("Running");
  });

  it("moves the manual clock through the control route", async () => {
    const { JobId } = await ok("CreateStreamingJob", basicJob(await newDataSource()));
    const res = await control(t.url, "POST", "/clock", { advanceMs: SETTLE });
    expect(res.status).toBe(200);
    expect((await ok("DescribeStreamingJob", { JobId })).Status).toBe("Running");
  });

  it("settles by the system clock when no manual clock is given", async () => {
    const live = await startTestEmulator({ settleMs: 400 });
    try {
      const create = await live.v3({
        action: "CreateStreamingDataService",
        query: { DBInstanceId: DEMO_DB_INSTANCE_ID, RegionId: DEMO_REGION_ID, ServiceName: "live", ServiceSpec: "2" },
      });
      const describe = () =>
        live.v3({ action: "DescribeStreamingDataService", query: { DBInstanceId: DEMO_DB_INSTANCE_ID, ServiceId: String(create.json.ServiceId) } });
      expect((await describe()).json.Status).toBe("Init");
      const settled = await pollUntil(describe, (r) => r.json.Status === "Running");
      expect(settled.status).toBe(200);
    } finally {
      await live.close();
    }
  });
});

describe("gpdb over V1 signatures and loose mode", () => {
  it("accepts a V1 call with ids in the query and the rest in the form body, as terraform sends it", async () => {
    const ServiceId = await newService();
    const res = await t.v1({
      action: "CreateStreamingDataSource",
      query: { DBInstanceId: DEMO_DB_INSTANCE_ID, RegionId: DEMO_REGION_ID },
      form: {
        DataSourceName: uniqueName("v1"),
        DataSourceType: "KAFKA",
        DataSourceConfig: JSON.stringify({ brokers: DEMO_KAFKA_BROKERS, topic: "orders" }),
        ServiceId,
      },
    });
    expect(res.status).toBe(200);
    const d = await ok("DescribeStreamingDataSource", { DataSourceId: res.json.DataSourceId });
    expect(d.DataSourceType).toBe("KAFKA");
  });

  it("rejects a V1 call asking for XML", async () => {
    const res = await t.v1({ action: "ListStreamingJobs", query: { DBInstanceId: DEMO_DB_INSTANCE_ID, Format: "XML" } });
    expectEnvelope(res, 400, "InvalidParameter");
  });

  it("ignores unknown parameters in loose mode", async () => {
    const loose = await startTestEmulator({ strict: false });
    try {
      const res = await loose.v3({
        action: "CreateStreamingDataService",
        query: { DBInstanceId: DEMO_DB_INSTANCE_ID, ServiceName: "s", ServiceSpec: "2", ClientToken: "x" },
      });
      expect(res.status).toBe(200);
    } finally {
      await loose.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The vendor facts as the oracle (test/conformance/facts/gpdb.json): the SDK's examples, the
// answers' shapes, the integer kinds, and the value rules shared with preview.
// ---------------------------------------------------------------------------------------------

const gpdbFacts: Readonly<Record<string, RpcOperationFact>> = facts.gpdb.operations;

/** A request from the facts' per-field examples: "A / B" enum examples take the first; truncated ones are left out. */
function sdkExample(action: string, overrides: Record<string, WireValue> = {}): Record<string, WireValue> {
  const out: Record<string, WireValue> = {};
  for (const f of gpdbFacts[action]?.request ?? []) {
    const ex = typeof f.example === "number" ? String(f.example) : f.example;
    if (typeof ex !== "string" || ex.includes("[truncated]")) continue;
    out[f.name] = f.enum !== undefined ? (ex.split("/")[0] as string).trim() : ex;
  }
  return { ...out, ...overrides };
}

function matchesFact(f: FieldFact, v: unknown): boolean {
  switch (f.type) {
    case "string":
      return typeof v === "string";
    case "integer":
    case "long":
      return Number.isInteger(v);
    case "boolean":
      return typeof v === "boolean";
    case "array<string>":
      return Array.isArray(v) && v.every((x) => typeof x === "string");
    case "array<object>":
      return Array.isArray(v) && v.every((item) => problemsOf(f.items ?? [], item).length === 0);
    default:
      return false;
  }
}

/** Every field of an answer is one the facts list, with the facts' type. */
function problemsOf(fields: readonly FieldFact[], body: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [k, v] of Object.entries(body)) {
    const f = fields.find((x) => x.name === k);
    if (f === undefined) problems.push(`${k} is not in the vendor's response`);
    else if (!matchesFact(f, v)) problems.push(`${k} is ${JSON.stringify(v)}, the vendor's type is ${f.type}`);
  }
  return problems;
}

describe("the SDK's example requests, in order on a fresh emulator", () => {
  let fresh: TestEmulator;
  beforeAll(async () => {
    fresh = await startTestEmulator({ manualClock: true, settleMs: SETTLE });
  });
  afterAll(() => fresh.close());

  /** The example answer, checked against the facts' response fields and types. */
  async function example(action: string, overrides: Record<string, WireValue> = {}): Promise<Record<string, any>> {
    const res = await fresh.v3({ action, query: sdkExample(action, overrides) });
    if (res.status !== 200) throw new Error(`${action} example failed: ${res.status} ${res.text}`);
    expect(problemsOf(gpdbFacts[action]?.response ?? [], res.json)).toEqual([]);
    return res.json;
  }
  // The examples name ids (ServiceId 1, DataSourceId 1, JobId 1) the emulator hands out in this order.
  // CreateStreamingDataSource's DBInstanceId example is not an instance id (facts note): the other models' is used.
  const instance = { DBInstanceId: VENDOR_EXAMPLE_DB_INSTANCE_ID };

  it("accepts every example as the vendor shows it succeeding, answering in the facts' shapes", async () => {
    const service = await example("CreateStreamingDataService");
    expect(service.ServiceId).toBe(Number(sdkExample("CreateStreamingDataSource").ServiceId));
    const source = await example("CreateStreamingDataSource", instance);
    expect(source.DataSourceId).toBe(Number(sdkExample("DescribeStreamingDataSource").DataSourceId));
    const createdConfig = String(sdkExample("CreateStreamingDataSource").DataSourceConfig);
    expect(createdConfig).toContain('"broker_list"');
    fresh.clock?.advance(SETTLE);
    // The broker_list example is stored and echoed verbatim, and its brokers are the inventory's.
    expect(await example("DescribeStreamingDataSource")).toMatchObject({ DataSourceConfig: createdConfig, Status: "running" });
    const job = await example("CreateStreamingJob");
    expect(job.JobId).toBe(Number(sdkExample("DescribeStreamingJob").JobId));
    expect(await example("DescribeStreamingJob")).toMatchObject({ JobName: sdkExample("CreateStreamingJob").JobName, WriteMode: "INSERT" });
    await example("ModifyStreamingJob", instance);
    for (const list of ["ListStreamingJobs", "ListStreamingDataSources", "ListStreamingDataServices"]) await example(list);
    await example("DescribeStreamingDataService");
    await example("ModifyStreamingDataService");
    // Its DBInstanceId and DataSourceId (57) name objects of the vendor's account: the ids this emulator allocated stand in.
    await example("ModifyStreamingDataSource", { ...instance, DataSourceId: String(source.DataSourceId) });
    expect((await example("DescribeStreamingDataSource")).DataSourceConfig).toBe(sdkExample("ModifyStreamingDataSource").DataSourceConfig);
    // The SDK's DeleteStreamingDataService example: refused in band while a data source uses the service.
    expect(await example("DeleteStreamingDataService")).toMatchObject({ Status: false, ErrorMessage: expect.any(String) });
    await example("DeleteStreamingJob");
    await example("DeleteStreamingDataSource");
    expect(await example("DeleteStreamingDataService")).toMatchObject({ Status: true });
  });
});

describe("integer kinds as the facts type them (integer = 32-bit, long = 64-bit)", () => {
  const cases = Object.entries(gpdbFacts).flatMap(([action, op]) =>
    op.request.filter((f) => f.type === "integer" || f.type === "long").map((f) => [action, f.name, f.type] as const),
  );

  it.each(cases)("%s.%s (%s) takes 2147483648 only when long", async (action, param, type) => {
    const res = await call(action, { ...sdkExample(action), DBInstanceId: DEMO_DB_INSTANCE_ID, [param]: "2147483648" });
    const refusedAsInteger = res.json.Code === "InvalidParameter" && String(res.json.Message).includes(`"${param}"`);
    expect(refusedAsInteger).toBe(type === "integer");
  });
});

interface ValueCase {
  readonly property: string;
  readonly value: string;
  readonly vendor: "accepts" | "refuses";
  readonly source: string;
}
const valueCases = (JSON.parse(readFileSync(join(FIXTURES, "gpdb-value-rules.cases.json"), "utf8")) as { cases: ValueCase[] }).cases;

describe("value rules: one case table through preview and the emulator", () => {
  // Accepted region ids get an instance of their own, so the call succeeds end to end.
  const regions = [...new Set(valueCases.filter((c) => c.property === "regionId" && c.vendor === "accepts").map((c) => c.value))];
  const instanceIn = (region: string) => `gp-region${regions.indexOf(region) + 1}`;
  let rules: TestEmulator;
  let DataSourceId: number;
  let ServiceId: number;
  beforeAll(async () => {
    rules = await startTestEmulator({
      settleMs: SETTLE,
      inventory: {
        accessKeys: DEFAULT_INVENTORY.accessKeys,
        alibaba: {
          ...DEFAULT_INVENTORY.alibaba,
          dbInstances: [...DEFAULT_INVENTORY.alibaba.dbInstances, ...regions.map((region) => ({ id: instanceIn(region), region, databases: ["analytics"] }))],
        },
      },
    });
    const send = (action: string, query: Record<string, WireValue>) => rules.v3({ action, query: { DBInstanceId: DEMO_DB_INSTANCE_ID, ...query } });
    ServiceId = (await send("CreateStreamingDataService", { ServiceName: "rules-svc", ServiceSpec: "2" })).json.ServiceId;
    DataSourceId = (
      await send("CreateStreamingDataSource", {
        DataSourceName: "rules-src",
        DataSourceType: "kafka",
        DataSourceConfig: JSON.stringify({ brokers: DEMO_KAFKA_BROKERS, topic: "orders" }),
        ServiceId,
      })
    ).json.DataSourceId;
  });
  afterAll(() => rules.close());

  const sourceInputs = () => ({
    dbInstanceId: DEMO_DB_INSTANCE_ID,
    serviceId: ServiceId,
    dataSourceName: "rules-src-2",
    dataSourceConfig: { brokers: DEMO_KAFKA_BROKERS, topic: "orders" },
  });
  const sourceWire = (): Record<string, WireValue> => ({
    DataSourceName: uniqueName("src"),
    DataSourceType: "kafka",
    DataSourceConfig: JSON.stringify({ brokers: DEMO_KAFKA_BROKERS, topic: "orders" }),
    ServiceId,
  });
  const jobWire = (): Record<string, WireValue> => ({ ...basicJob(DataSourceId), JobName: uniqueName("job") });
  const send = (action: string, query: Record<string, WireValue>) => rules.v3({ action, query: { DBInstanceId: DEMO_DB_INSTANCE_ID, ...query } });

  /** Where each property is checked at preview, and the call that carries it to the emulator. */
  const sides: Record<string, { preview: (v: string) => CheckFailure[]; emulator: (v: string) => Promise<RawResponse> }> = {
    regionId: {
      preview: (v) => jobResource.check({}, { ...fixtureJob, regionId: v }).failures,
      emulator: (v) =>
        rules.v3({ action: "ListStreamingJobs", query: { DBInstanceId: regions.includes(v) ? instanceIn(v) : DEMO_DB_INSTANCE_ID, RegionId: v } }),
    },
    dataSourceName: {
      preview: (v) => sourceResource.check({}, { ...sourceInputs(), dataSourceName: v }).failures,
      emulator: (v) => send("CreateStreamingDataSource", { ...sourceWire(), DataSourceName: v }),
    },
    dataSourceConfig: {
      preview: (v) => sourceResource.check({}, { ...sourceInputs(), dataSourceConfig: v }).failures,
      emulator: (v) => send("CreateStreamingDataSource", { ...sourceWire(), DataSourceConfig: v }),
    },
    serviceName: {
      preview: (v) => serviceResource.check({}, { dbInstanceId: DEMO_DB_INSTANCE_ID, serviceName: v, serviceSpec: "2" }).failures,
      emulator: (v) => send("CreateStreamingDataService", { ServiceName: v, ServiceSpec: "2" }),
    },
    ...Object.fromEntries(
      ["jobName", "groupName", "account", "destDatabase", "destSchema", "destTable"].map((p) => [
        p,
        {
          preview: (v: string) => jobResource.check({}, { ...fixtureJob, [p]: v }).failures,
          emulator: (v: string) => send("CreateStreamingJob", { ...jobWire(), [wireName(p)]: v }),
        },
      ]),
    ),
  };

  it("covers every property of the table", () => {
    expect(Object.keys(sides).sort()).toEqual([...new Set(valueCases.map((c) => c.property))].sort());
  });

  /** A test name with every control character visible. */
  const shown = (v: string) =>
    Array.from(JSON.stringify(v), (ch) =>
      (ch.charCodeAt(0) >= 0x7f && ch.charCodeAt(0) <= 0x9f) || ch === "\u2028" ? `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}` : ch,
    ).join("");
  it.each(valueCases.map((c) => [c.vendor === "accepts" ? "accepts" : "rejects", c.property, shown(c.value), c] as const))(
    "%s %s %s on both sides",
    async (_verb, property, _shown, c) => {
      const side = sides[property];
      if (side === undefined) throw new Error(`no preview/emulator pair for ${property}`);
      const failures = side.preview(c.value).filter((f) => f.property === property || f.property.startsWith(`${property}.`));
      const res = await side.emulator(c.value);
      if (c.vendor === "accepts") {
        expect(failures).toEqual([]);
        expect([res.status, res.text]).toEqual([200, expect.any(String)]);
        return;
      }
      expect(failures).toHaveLength(1);
      expectEnvelope(res, 400, "InvalidParameter");
      // The same words on both sides: the preview reason after the property name, the emulator message after the parameter's.
      const previewWords = (failures[0] as CheckFailure).reason.replace(new RegExp(`^${property}:? `), "");
      const emulatorWords = String(res.json.Message).replace(`The parameter "${wireName(property)}" is invalid: `, "");
      expect(emulatorWords).toBe(previewWords);
    },
  );
});
