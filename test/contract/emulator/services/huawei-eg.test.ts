/**
 * EventGrid professional event streams and DMS "show instance" on the emulator over loopback with
 * raw signed requests: the vendor page's create example (array form) verbatim, the job lifecycle
 * driven by a manual clock, every validation error with its code, faults in Huawei's envelope,
 * persistence, and no password in any answer, log or dump.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_INVENTORY,
  DEMO_HUAWEI_DCS_PRIMARY_ID,
  DEMO_HUAWEI_DCS_REPLICA_ID,
  DEMO_HUAWEI_DR_PROJECT_ID,
  DEMO_HUAWEI_DR_REGION,
  DEMO_HUAWEI_EG_DCS_CLUSTER_ID,
  DEMO_HUAWEI_EG_KAFKA_CLUSTER_ID,
  DEMO_HUAWEI_EG_ROCKETMQ_CLUSTER_ID,
  DEMO_HUAWEI_KAFKA_DR_ID,
  DEMO_HUAWEI_KAFKA_LEGACY_ID,
  DEMO_HUAWEI_KAFKA_PRIMARY_ID,
  DEMO_HUAWEI_KAFKA_REPLICA_ID,
  DEMO_HUAWEI_PROJECT_ID,
  DEMO_HUAWEI_REGION,
  DEMO_HUAWEI_ROCKETMQ_PRIMARY_ID,
  DEMO_HUAWEI_ROCKETMQ_REPLICA_ID,
  type InventoryInput,
} from "../../../../emulator/index";
import { control, startTestEmulator, uniqueName, type RawResponse, type TestEmulator } from "../../../helpers/emulator";
import { egPath, expectHuaweiError, hw, HUAWEI_REQUEST_ID, type HttpMethod, expectRedactedEverywhere } from "../../../helpers/huawei";
import { SHARED_RULE_CASES, withValueAt } from "../../../fixtures/event-router-job";

const FIXTURES = join(__dirname, "../../..", "fixtures", "huawei");
const seedRequest = JSON.parse(readFileSync(join(FIXTURES, "eg-create-job.request.json"), "utf8")) as Record<string, unknown>;
const seedResponse = JSON.parse(readFileSync(join(FIXTURES, "eg-create-job.response.json"), "utf8")) as Record<string, unknown>;
type HuaweiSection = NonNullable<InventoryInput["huawei"]>;
const seedInventory = parseYaml(readFileSync(join(FIXTURES, "seed-inventory.yaml"), "utf8")) as {
  huawei: { [K in keyof HuaweiSection]-?: NonNullable<HuaweiSection[K]> };
};
const SEED_PROJECT = "cb13a5c409fe40599271f44bbea5a2ad";

/** A Kafka instance that lists its topics, so a job naming another topic settles to ERROR. */
const TOPICS_KAFKA_ID = "2f7d3c1e-8a4b-4d6e-9f10-00000000a0f1";
const hwInv = DEFAULT_INVENTORY.huawei;
const inventory: InventoryInput = {
  accessKeys: DEFAULT_INVENTORY.accessKeys,
  huawei: {
    users: hwInv.users,
    projects: [...hwInv.projects, ...seedInventory.huawei.projects],
    eventRouterClusters: [...hwInv.eventRouterClusters, ...seedInventory.huawei.eventRouterClusters],
    kafkaInstances: [
      ...hwInv.kafkaInstances,
      ...seedInventory.huawei.kafkaInstances,
      {
        id: TOPICS_KAFKA_ID,
        name: "kafka-with-topics",
        projectId: DEMO_HUAWEI_PROJECT_ID,
        brokerNum: 3,
        address: "192.168.20.91:9092",
        topics: ["orders", "payments"],
      },
    ],
    rocketmqInstances: hwInv.rocketmqInstances,
    dcsInstances: hwInv.dcsInstances,
  },
};

const SETTLE = 1000;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const SECRET = "Sasl-only-in-this-test-9c1e";
let t: TestEmulator;

beforeAll(async () => {
  t = await startTestEmulator({ manualClock: true, settleMs: SETTLE, inventory });
});
afterAll(() => t.close());
afterEach(async () => {
  await control(t.url, "DELETE", "/faults");
});

const call = (method: HttpMethod, rest: string, body?: unknown, projectId = DEMO_HUAWEI_PROJECT_ID) =>
  hw(t, { method, path: egPath(rest, projectId), projectId, ...(body !== undefined && { body }) });

async function ok(res: Promise<RawResponse>): Promise<any> {
  const r = await res;
  if (r.status !== 200) throw new Error(`expected 200, got ${r.status}: ${r.text}`);
  expect(r.headers["x-request-id"]).toMatch(HUAWEI_REQUEST_ID);
  return r.json;
}

const advance = (ms = SETTLE) => t.clock?.advance(ms);

// ---------------------------------------------------------------------------------------------
// bodies
// ---------------------------------------------------------------------------------------------

const kafkaEndpoint = (instanceId: string, extra: Record<string, unknown> = {}) => ({
  config_type: "CLOUD",
  region: DEMO_HUAWEI_REGION,
  project_id: DEMO_HUAWEI_PROJECT_ID,
  instance_id: instanceId,
  cluster_alias: "primary",
  authenticate_mode: "PLAINTEXT",
  ...extra,
});

/** A Kafka → Kafka job in object form (the schema's form). */
function kafkaJob(over: Record<string, unknown> = {}, advanceOver: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    cluster_id: DEMO_HUAWEI_EG_KAFKA_CLUSTER_ID,
    name: uniqueName("orders"),
    description: "orders to the replica",
    scene_type: "DISASTER_BACKUP",
    source_config: { source_kafka: kafkaEndpoint(DEMO_HUAWEI_KAFKA_PRIMARY_ID) },
    sink_config: { sink_kafka: kafkaEndpoint(DEMO_HUAWEI_KAFKA_REPLICA_ID, { cluster_alias: "replica" }) },
    advance_config: {
      kafka2kafka: {
        topics: "orders,payments",
        replica_cnt: 3,
        seek_to: "earliest",
        compress_alg: "lz4",
        is_sync_progress: true,
        is_add_header: false,
        ...advanceOver,
      },
    },
    ...over,
  };
}

const rocketmqEndpoint = (instanceId: string) => ({
  config_type: "CLOUD",
  region: DEMO_HUAWEI_REGION,
  project_id: DEMO_HUAWEI_PROJECT_ID,
  instance_id: instanceId,
  cluster_alias: "rmq",
});
function rocketmqJob(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    cluster_id: DEMO_HUAWEI_EG_ROCKETMQ_CLUSTER_ID,
    name: uniqueName("rmq"),
    scene_type: "DISASTER_BACKUP",
    source_config: { source_rocketmq: rocketmqEndpoint(DEMO_HUAWEI_ROCKETMQ_PRIMARY_ID) },
    sink_config: { sink_rocketmq: rocketmqEndpoint(DEMO_HUAWEI_ROCKETMQ_REPLICA_ID) },
    advance_config: { rocketmq2rocketmq: { topic_regex: "orders-.*", is_sync_progress: false, seek_to: "last", compress_alg: "zstd" } },
    ...over,
  };
}

const dcsEndpoint = (instanceId: string) => ({
  config_type: "CLOUD",
  region: DEMO_HUAWEI_REGION,
  project_id: DEMO_HUAWEI_PROJECT_ID,
  instance_id: instanceId,
  password: SECRET,
});
function dcsJob(): Record<string, unknown> {
  return {
    cluster_id: DEMO_HUAWEI_EG_DCS_CLUSTER_ID,
    name: uniqueName("dcs"),
    scene_type: "DISASTER_BACKUP",
    source_config: { source_dcs: dcsEndpoint(DEMO_HUAWEI_DCS_PRIMARY_ID) },
    sink_config: { sink_dcs: dcsEndpoint(DEMO_HUAWEI_DCS_REPLICA_ID) },
    advance_config: {
      dcs2dcs: { synchronize_type: "Full+Incremental", connect_retry_time: "60", other_retry_time: "60", use_rate_limit: true, rate_limit: "5" },
    },
  };
}

const create = (body: Record<string, unknown>, projectId?: string) => call("POST", "jobs", body, projectId);
const show = (jobId: string, projectId?: string) => call("GET", `jobs/${jobId}`, undefined, projectId);
const statusOf = async (jobId: string): Promise<string> => (await ok(show(jobId))).status;
const operate = (jobId: string, operation: string) => call("POST", `jobs/${jobId}/action`, { operation });

async function running(body: Record<string, unknown> = kafkaJob()): Promise<any> {
  const job = await ok(create(body));
  advance();
  expect(await statusOf(job.job_id)).toBe("RUNNING");
  return job;
}

// ---------------------------------------------------------------------------------------------

describe("the vendor's create example", () => {
  it("creates a job from the array-form body and answers in the documented shape", async () => {
    const res = await ok(create(seedRequest, SEED_PROJECT));
    for (const key of Object.keys(seedResponse)) expect(res, `answer lacks ${key}`).toHaveProperty(key);
    expect(res).toMatchObject({
      cluster_id: seedRequest.cluster_id,
      name: seedRequest.name,
      description: "",
      scene_type: "DISASTER_BACKUP",
      source_type: "KAFKA",
      sink_type: "KAFKA",
      status: "CREATING",
      err_code: null,
      err_message: null,
      vpc_id: seedResponse.vpc_id,
      subnet_id: seedResponse.subnet_id,
    });
    expect(res.job_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(res.created_time).toMatch(TIME);
    // Arrays normalised to the schema's objects; the password key is never answered.
    expect(res.source_config).toEqual({
      source_kafka: {
        config_type: "CLOUD",
        region: "roma-dev-1",
        project_id: SEED_PROJECT,
        instance_id: "cdecf0b0-35b8-461b-a430-d7cd02d3d712",
        cluster_alias: "aa",
        address: "21.22.0.58:9092",
        user_name: "",
        authenticate_mode: "PLAINTEXT",
        sasl_mechanism: "",
      },
    });
    expect(res.sink_config.sink_kafka).not.toHaveProperty("password");
    expect(res.advance_config.kafka2kafka).toMatchObject({ topics: "t01", replica_cnt: 1, compress_alg: "none" });
    // task_cnt is in the example request only, in neither the parameter nor the answer tables.
    expect(res.advance_config.kafka2kafka).not.toHaveProperty("task_cnt");
    advance();
    expect((await ok(show(res.job_id, SEED_PROJECT))).status).toBe("RUNNING");
  });

  it("rejects the example as printed (trailing commas: not JSON) with 400 APIGW.0201", async () => {
    const printed = JSON.stringify(seedRequest).replace(/\]\}\],"sink_config"/, '],}],"sink_config"');
    expect(printed).not.toBe(JSON.stringify(seedRequest));
    expectHuaweiError(await create(printed as unknown as Record<string, unknown>, SEED_PROJECT), 400, "APIGW.0201");
  });
});

describe("clusters (read-only, from the inventory)", () => {
  it("lists the project's clusters with total, size and items, filtered and paged by string parameters", async () => {
    const all = await ok(call("GET", "clusters"));
    expect(all).toMatchObject({ total: 3, size: 3 });
    expect(all.items.map((c: any) => c.name)).toEqual(["er-kafka", "er-rocketmq", "er-dcs"]);
    expect(all.items[0]).toMatchObject({
      cluster_id: DEMO_HUAWEI_EG_KAFKA_CLUSTER_ID,
      source_type: "KAFKA",
      sink_type: "KAFKA",
      status: "RUNNING",
      zone_names: "cn-north-4a,cn-north-4b",
    });
    expect(all.items[0]).not.toHaveProperty("flavor");
    // public_access_enabled is a create/update field, not in the answer's table.
    expect(all.items[0]).not.toHaveProperty("public_access_enabled");
    expect(typeof all.items[0].job_count).toBe("number");
    expect(typeof all.items[0].charging_mode).toBe("string");
    expect(await ok(call("GET", "clusters?fuzzy_name=ROCKET"))).toMatchObject({ total: 1, items: [{ name: "er-rocketmq" }] });
    expect(await ok(call("GET", "clusters?offset=1&limit=1"))).toMatchObject({ total: 3, size: 1, items: [{ name: "er-rocketmq" }] });
    expect(await ok(call("GET", "clusters", undefined, DEMO_HUAWEI_DR_PROJECT_ID))).toEqual({ total: 0, size: 0, items: [] });
  });

  it("counts the cluster's jobs in job_count", async () => {
    const before = (await ok(call("GET", `clusters/${DEMO_HUAWEI_EG_DCS_CLUSTER_ID}`))).job_count as number;
    await ok(create(dcsJob()));
    expect((await ok(call("GET", `clusters/${DEMO_HUAWEI_EG_DCS_CLUSTER_ID}`))).job_count).toBe(before + 1);
  });

  it.each([
    ["an unknown cluster", "clusters/00000000-0000-0000-0000-000000000000", DEMO_HUAWEI_PROJECT_ID],
    ["another project's cluster", `clusters/${DEMO_HUAWEI_EG_KAFKA_CLUSTER_ID}`, SEED_PROJECT],
  ])("answers %s with 404 EG.00014040", async (_name, rest, project) => {
    expectHuaweiError(await call("GET", rest, undefined, project), 404, "EG.00014040");
  });

  it.each(["limit=abc", "limit=0", "offset=-1", "limit=1001"])("rejects %s with EG.00513000", async (query) => {
    const res = await call("GET", `clusters?${query}`);
    expectHuaweiError(res, 400, "EG.00513000");
    expect(res.json.error_msg).toContain(query.split("=")[0]);
  });

  it("rejects a query parameter the operation does not define (strict)", async () => {
    expectHuaweiError(await call("GET", "clusters?name=x"), 400, "EG.00513000");
  });
});

describe("job lifecycle", () => {
  it("is CREATING for settleMs, then RUNNING with both sides connected", async () => {
    const job = await ok(create(kafkaJob()));
    expect(job).toMatchObject({ status: "CREATING", source_status: null, sink_status: null, vpc_id: hwInv.eventRouterClusters[0]?.vpcId });
    advance(SETTLE - 1);
    expect(await statusOf(job.job_id)).toBe("CREATING");
    advance(1);
    expect(await ok(show(job.job_id))).toMatchObject({ status: "RUNNING", err_code: null, err_message: null, source_status: "NORMAL", sink_status: "NORMAL" });
  });

  it("stops and starts through the action API, refusing actions that do not apply", async () => {
    const { job_id } = await running();
    expect(await ok(operate(job_id, "STOP"))).toEqual({ job_id });
    // Logged (and matched by fault rules) under the vendor's operation name.
    expect(t.emulator.requests().at(-1)).toMatchObject({ action: "ExecuteEventRouterJobOperation", status: 200 });
    expect(await statusOf(job_id)).toBe("STOPPING");
    const during = await operate(job_id, "STOP");
    expectHuaweiError(during, 400, "EG.00513000");
    expect(during.json.error_msg).toContain("STOPPING");
    advance();
    expect(await statusOf(job_id)).toBe("STOPPED");
    const again = await operate(job_id, "STOP");
    expectHuaweiError(again, 400, "EG.00513000");
    expect(again.json.error_msg).toContain("STOPPED");
    expect(await ok(operate(job_id, "START"))).toEqual({ job_id });
    expect(await statusOf(job_id)).toBe("STARTING");
    advance();
    expect(await statusOf(job_id)).toBe("RUNNING");
    const start = await operate(job_id, "START");
    expectHuaweiError(start, 400, "EG.00513000");
    expect(start.json.error_msg).toContain("RUNNING");
  });

  it.each([
    ["an unknown operation", { operation: "PAUSE" }, "operation"],
    ["no operation", {}, "operation"],
  ])("rejects an action with %s", async (_name, body, field) => {
    const { job_id } = await running();
    const res = await call("POST", `jobs/${job_id}/action`, body);
    expectHuaweiError(res, 400, "EG.00513000");
    expect(res.json.error_msg).toContain(field);
  });

  it("updates a running job in place: UPDATING, then RUNNING with the new configuration", async () => {
    const body = kafkaJob();
    const { job_id, created_time } = await running(body);
    advance(5000);
    const name = uniqueName("renamed");
    const updated = await ok(
      call("PUT", `jobs/${job_id}`, {
        ...body,
        name,
        description: "now zstd",
        advance_config: { kafka2kafka: { ...(body.advance_config as any).kafka2kafka, compress_alg: "zstd" } },
      }),
    );
    expect(updated).toMatchObject({
      job_id,
      name,
      description: "now zstd",
      status: "UPDATING",
      created_time,
      advance_config: { kafka2kafka: { compress_alg: "zstd" } },
    });
    expect(updated.updated_time).not.toBe(created_time);
    advance();
    expect(await ok(show(job_id))).toMatchObject({ status: "RUNNING", name });
  });

  it("keeps a stopped job STOPPED when it is updated", async () => {
    const body = kafkaJob();
    const { job_id } = await running(body);
    await ok(operate(job_id, "STOP"));
    advance();
    expect((await ok(call("PUT", `jobs/${job_id}`, { ...body, description: "edited while stopped" }))).status).toBe("STOPPED");
    advance();
    expect(await ok(show(job_id))).toMatchObject({ status: "STOPPED", description: "edited while stopped" });
  });

  it.each([
    ["the cluster", { cluster_id: DEMO_HUAWEI_EG_ROCKETMQ_CLUSTER_ID }, "cluster_id"],
    ["the source type", { source_config: { source_rocketmq: rocketmqEndpoint(DEMO_HUAWEI_ROCKETMQ_PRIMARY_ID) } }, "source_config"],
    ["a required field away", { scene_type: undefined }, "scene_type"],
  ])("refuses an update that changes %s with EG.00513000 [inferred]", async (_name, change, field) => {
    const body = kafkaJob();
    const { job_id } = await running(body);
    const res = await call("PUT", `jobs/${job_id}`, { ...body, ...change });
    expectHuaweiError(res, 400, "EG.00513000");
    expect(res.json.error_msg).toContain(field);
    expect(await statusOf(job_id)).toBe("RUNNING");
  });

  it("keeps the stored password when an update (built from a read) omits it, for the same instance only [inferred]", async () => {
    const sasl = { authenticate_mode: "SASL_SSL", user_name: "etl", password: SECRET };
    const body = kafkaJob({ source_config: { source_kafka: kafkaEndpoint(DEMO_HUAWEI_KAFKA_PRIMARY_ID, sasl) } });
    const { job_id } = await running(body);
    const read = await ok(show(job_id));
    expect(read.source_config.source_kafka).not.toHaveProperty("password");
    const fromRead = {
      cluster_id: read.cluster_id,
      name: read.name,
      scene_type: read.scene_type,
      description: "edited from a read",
      source_config: read.source_config,
      sink_config: read.sink_config,
      advance_config: read.advance_config,
    };
    expect((await ok(call("PUT", `jobs/${job_id}`, fromRead))).status).toBe("UPDATING");
    const stored = t.emulator.store.get("huawei.eg.jobs", `${DEMO_HUAWEI_PROJECT_ID}/${job_id}`) as { sourceConfig: { source_kafka: { password?: string } } };
    expect(stored.sourceConfig.source_kafka.password).toBe(SECRET);
    advance();
    const moved = { ...fromRead, source_config: { source_kafka: { ...read.source_config.source_kafka, instance_id: TOPICS_KAFKA_ID } } };
    const res = await call("PUT", `jobs/${job_id}`, moved);
    expectHuaweiError(res, 400, "EG.00513000");
    expect(res.json.error_msg).toContain("source_config.source_kafka.password");
  });

  it("refuses to update a job while it is CREATING", async () => {
    const body = kafkaJob();
    const { job_id } = await ok(create(body));
    const res = await call("PUT", `jobs/${job_id}`, body);
    expectHuaweiError(res, 400, "EG.00513000");
    expect(res.json.error_msg).toContain("CREATING");
  });

  it("deletes: 200 with the job id, DELETING, then 404 EG.00014040", async () => {
    const { job_id, name } = await running();
    expect(await ok(call("DELETE", `jobs/${job_id}`))).toEqual({ job_id });
    expect(await statusOf(job_id)).toBe("DELETING");
    expectHuaweiError(await call("DELETE", `jobs/${job_id}`), 400, "EG.00513000");
    advance();
    expectHuaweiError(await show(job_id), 404, "EG.00014040");
    expectHuaweiError(await call("DELETE", `jobs/${job_id}`), 404, "EG.00014040");
    expectHuaweiError(await operate(job_id, "START"), 404, "EG.00014040");
    expect((await ok(call("GET", `jobs?fuzzy_name=${name}`))).total).toBe(0);
    // The name is free again once the job is gone.
    expect((await ok(create(kafkaJob({ name })))).name).toBe(name);
  });

  it("settles to ERROR with err_code and err_message when an instance is unreachable, and again after START", async () => {
    const job = await ok(create(kafkaJob({ source_config: { source_kafka: kafkaEndpoint(DEMO_HUAWEI_KAFKA_LEGACY_ID) } })));
    advance();
    const failed = await ok(show(job.job_id));
    expect(failed).toMatchObject({ status: "ERROR", err_code: "SOURCE_CONNECT_FAILED", source_status: "ABNORMAL", sink_status: "NORMAL" });
    expect(failed.err_message).toContain(DEMO_HUAWEI_KAFKA_LEGACY_ID);
    expect(failed.err_message).toContain("192.168.20.41:9092");
    await ok(operate(job.job_id, "START"));
    expect(await statusOf(job.job_id)).toBe("STARTING");
    advance();
    expect(await statusOf(job.job_id)).toBe("ERROR");
  });

  it("settles to ERROR when the source instance lists its topics and a job names another", async () => {
    const job = await ok(create(kafkaJob({ source_config: { source_kafka: kafkaEndpoint(TOPICS_KAFKA_ID) } }, { topics: "orders,refunds" })));
    advance();
    const failed = await ok(show(job.job_id));
    expect(failed).toMatchObject({ status: "ERROR", err_code: "TOPIC_NOT_FOUND" });
    expect(failed.err_message).toContain("refunds");
    expect(failed.err_message).not.toContain("orders");
  });

  it("replicates across regions to the DR project's instance, within its 2 brokers", async () => {
    const sink = { sink_kafka: kafkaEndpoint(DEMO_HUAWEI_KAFKA_DR_ID, { project_id: DEMO_HUAWEI_DR_PROJECT_ID, region: DEMO_HUAWEI_DR_REGION }) };
    await running(kafkaJob({ sink_config: sink }, { replica_cnt: 2 }));
    const res = await create(kafkaJob({ sink_config: sink }, { replica_cnt: 3 }));
    expectHuaweiError(res, 400, "EG.00513000");
    expect(res.json.error_msg).toContain("replica_cnt");
    expect(res.json.error_msg).toContain("2 brokers");
  });

  it("runs RocketMQ and DCS jobs on their clusters", async () => {
    const rmq = await running(rocketmqJob());
    expect(rmq).toMatchObject({ source_type: "ROCKETMQ", advance_config: { rocketmq2rocketmq: { compress_alg: "zstd" } } });
    const dcs = await running(dcsJob());
    expect(dcs.source_type).toBe("DCS");
  });

  it("keeps what a stuck create starts in CREATING however long the clock runs", async () => {
    await control(t.url, "POST", "/faults", { action: "CreateEventRouterJob", kind: "stuck" });
    const stuck = await ok(create(kafkaJob()));
    const normal = await ok(create(kafkaJob()));
    advance(100 * SETTLE);
    expect(await statusOf(stuck.job_id)).toBe("CREATING");
    expect(await statusOf(normal.job_id)).toBe("RUNNING");
  });
});

describe("listing jobs", () => {
  it("filters by fuzzy_name, status, cluster_id and sink_instance_id, and pages with string offset and limit", async () => {
    const tag = uniqueName("list");
    const a = await running(kafkaJob({ name: `${tag}-a` }));
    const b = await running(kafkaJob({ name: `${tag}-b` }));
    const c = await running(rocketmqJob({ name: `${tag}-c` }));
    await ok(operate(b.job_id, "STOP"));
    advance();
    const names = async (query: string) => ((await ok(call("GET", `jobs?fuzzy_name=${tag}&${query}`))).items as any[]).map((j) => j.name).sort();
    expect(await names("limit=100")).toEqual([a.name, b.name, c.name]);
    expect(await names("status=STOPPED")).toEqual([b.name]);
    expect(await names(`cluster_id=${DEMO_HUAWEI_EG_ROCKETMQ_CLUSTER_ID}`)).toEqual([c.name]);
    expect(await names(`sink_instance_id=${DEMO_HUAWEI_KAFKA_REPLICA_ID}&status=RUNNING`)).toEqual([a.name]);
    const page = await ok(call("GET", `jobs?fuzzy_name=${tag.toUpperCase()}&offset=1&limit=1`));
    expect(page).toMatchObject({ total: 3, size: 1 });
    // Newest first [inferred].
    expect(page.items[0].name).toBe(b.name);
  });
});

describe("validation", () => {
  const topLevel = (change: Record<string, unknown>) => kafkaJob(change);
  const source = (extra: Record<string, unknown>) => kafkaJob({ source_config: { source_kafka: kafkaEndpoint(DEMO_HUAWEI_KAFKA_PRIMARY_ID, extra) } });
  const adv = (change: Record<string, unknown>) => kafkaJob({}, change);
  const without = (key: string) => {
    const body = kafkaJob();
    delete body[key];
    return body;
  };
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ["no cluster_id", without("cluster_id"), "cluster_id"],
    ["no name", without("name"), "name"],
    ["a name starting with a hyphen", topLevel({ name: "-orders" }), "name"],
    ["a name with a space", topLevel({ name: "orders job" }), "name"],
    ["a name of 129 characters", topLevel({ name: `a${"b".repeat(128)}` }), "name"],
    ["a description of 257 characters", topLevel({ description: "d".repeat(257) }), "description"],
    ["another scene_type", topLevel({ scene_type: "MIGRATION" }), "scene_type"],
    ["no source_config", without("source_config"), "source_config"],
    ["no advance_config", without("advance_config"), "advance_config"],
    ["an empty source_config", topLevel({ source_config: {} }), "source_config"],
    [
      "two kinds in source_config",
      topLevel({ source_config: { source_kafka: kafkaEndpoint(DEMO_HUAWEI_KAFKA_PRIMARY_ID), source_dcs: dcsEndpoint(DEMO_HUAWEI_DCS_PRIMARY_ID) } }),
      "source_config",
    ],
    ["a two-element source_config array", topLevel({ source_config: [{ source_kafka: kafkaEndpoint(DEMO_HUAWEI_KAFKA_PRIMARY_ID) }, {}] }), "source_config"],
    ["a sink of another kind", topLevel({ sink_config: { sink_rocketmq: rocketmqEndpoint(DEMO_HUAWEI_ROCKETMQ_REPLICA_ID) } }), "sink_config"],
    [
      "an advance config of another kind",
      topLevel({ advance_config: { dcs2dcs: { synchronize_type: "Full+Incremental", connect_retry_time: "60", other_retry_time: "60" } } }),
      "advance_config",
    ],
    ["a RocketMQ job on the Kafka cluster", rocketmqJob({ cluster_id: DEMO_HUAWEI_EG_KAFKA_CLUSTER_ID }), "source_config"],
    ["config_type other than CLOUD", source({ config_type: "SELF_BUILT" }), "source_config.source_kafka.config_type"],
    ["no instance_id", source({ instance_id: null }), "source_config.source_kafka.instance_id"],
    ["an unknown instance", source({ instance_id: "2f7d3c1e-8a4b-4d6e-9f10-00000000ffff" }), "source_config.source_kafka.instance_id"],
    ["a RocketMQ instance as Kafka", source({ instance_id: DEMO_HUAWEI_ROCKETMQ_PRIMARY_ID }), "source_config.source_kafka.instance_id"],
    ["an instance of another project", source({ instance_id: DEMO_HUAWEI_KAFKA_DR_ID }), "source_config.source_kafka.instance_id"],
    ["an unknown project_id", source({ project_id: "ffffffffffffffffffffffffffffffff" }), "source_config.source_kafka.project_id"],
    ["a region that is not the project's", source({ region: DEMO_HUAWEI_DR_REGION }), "source_config.source_kafka.region"],
    ["no cluster_alias", source({ cluster_alias: "" }), "source_config.source_kafka.cluster_alias"],
    ["an unknown authenticate_mode", source({ authenticate_mode: "KERBEROS" }), "source_config.source_kafka.authenticate_mode"],
    ["SASL_SSL without a user name", source({ authenticate_mode: "SASL_SSL", password: SECRET }), "source_config.source_kafka.user_name"],
    ["SASL_SSL without a password", source({ authenticate_mode: "SASL_SSL", user_name: "etl" }), "source_config.source_kafka.password"],
    ["neither topics nor topic_regex", adv({ topics: "" }), "kafka2kafka.topics"],
    ["both topics and topic_regex", adv({ topic_regex: "orders.*" }), "kafka2kafka.topic_regex"],
    ["replica_cnt 0", adv({ replica_cnt: 0 }), "kafka2kafka.replica_cnt"],
    ["replica_cnt above the sink's 3 brokers", adv({ replica_cnt: 4 }), "kafka2kafka.replica_cnt"],
    ["replica_cnt as a string", adv({ replica_cnt: "1" }), "kafka2kafka.replica_cnt"],
    ["an unknown compress_alg", adv({ compress_alg: "brotli" }), "kafka2kafka.compress_alg"],
    ["no is_sync_progress", adv({ is_sync_progress: undefined }), "kafka2kafka.is_sync_progress"],
    [
      "snappy for RocketMQ",
      rocketmqJob({ advance_config: { rocketmq2rocketmq: { topics: "a", is_sync_progress: false, seek_to: "last", compress_alg: "snappy" } } }),
      "rocketmq2rocketmq.compress_alg",
    ],
    [
      "a DCS retry time that is not seconds",
      { ...dcsJob(), advance_config: { dcs2dcs: { synchronize_type: "Full+Incremental", connect_retry_time: "1m", other_retry_time: "60" } } },
      "dcs2dcs.connect_retry_time",
    ],
    [
      "RocketMQ ACL without credentials",
      rocketmqJob({ source_config: { source_rocketmq: { ...rocketmqEndpoint(DEMO_HUAWEI_ROCKETMQ_PRIMARY_ID), acl_open: true } } }),
      "source_config.source_rocketmq.user_name",
    ],
    ["a field the API does not define (strict)", topLevel({ priority: "high" }), "priority"],
  ];

  it.each(cases)("rejects %s with 400 EG.00513000 naming the field", async (_name, body, field) => {
    const res = await create(body);
    expectHuaweiError(res, 400, "EG.00513000");
    expect(res.json.error_msg).toContain(field);
    expect(res.text).not.toContain(SECRET);
  });

  it("answers a body that is not an object with 400 EG.00014000", async () => {
    expectHuaweiError(await create([kafkaJob()] as unknown as Record<string, unknown>), 400, "EG.00014000");
  });

  it("answers an unknown cluster with 404 EG.00014040", async () => {
    expectHuaweiError(await create(kafkaJob({ cluster_id: "00000000-0000-0000-0000-000000000000" })), 404, "EG.00014040");
  });

  it("answers a name used in the project with 400 EG.00513001, also across clusters", async () => {
    const name = uniqueName("dup");
    await ok(create(kafkaJob({ name })));
    expectHuaweiError(await create(kafkaJob({ name })), 400, "EG.00513001");
    expectHuaweiError(await create(rocketmqJob({ name })), 400, "EG.00513001");
    const other = await ok(create(kafkaJob()));
    advance();
    expectHuaweiError(await call("PUT", `jobs/${other.job_id}`, kafkaJob({ name })), 400, "EG.00513001");
  });

  it("ignores undefined fields instead when started with --loose", async () => {
    const loose = await startTestEmulator({ manualClock: true, strict: false });
    try {
      const res = await hw(loose, { method: "POST", path: egPath("jobs"), body: kafkaJob({ priority: "high" }) });
      expect(res.status, res.text).toBe(200);
      expect(res.json).not.toHaveProperty("priority");
    } finally {
      await loose.close();
    }
  });
});

describe("the rules preview checks too (one case table with test/unit/resources/huaweicloud-event-router-job.test.ts)", () => {
  const bases = { kafka: () => kafkaJob(), rocketmq: () => rocketmqJob(), dcs: () => dcsJob() } as const;
  it.each(SHARED_RULE_CASES.filter((c) => c.words !== undefined))("rejects $what with 400 EG.00513000, in preview's words", async (c) => {
    const res = await create(withValueAt(bases[c.base](), c.apiPath, c.value));
    expectHuaweiError(res, 400, "EG.00513000");
    expect(res.json.error_msg).toBe(`Invalid parameter ${c.apiPath.join(".")}: ${c.words}.`);
  });
  it.each(SHARED_RULE_CASES.filter((c) => c.words === undefined))("accepts $what, as preview does", async (c) => {
    await ok(create(withValueAt(bases[c.base](), c.apiPath, c.value)));
  });
});

describe("DMS show instance", () => {
  const dms = (id: string, projectId = DEMO_HUAWEI_PROJECT_ID) => hw(t, { method: "GET", path: `/v2/${projectId}/instances/${id}`, projectId });

  it("answers a Kafka instance with broker_num as an integer and partition_num as a string", async () => {
    const res = await ok(dms(DEMO_HUAWEI_KAFKA_PRIMARY_ID));
    expect(res).toMatchObject({
      instance_id: DEMO_HUAWEI_KAFKA_PRIMARY_ID,
      name: "kafka-orders-primary",
      engine: "kafka",
      engine_version: "2.7",
      broker_num: 3,
      status: "RUNNING",
      connect_address: "192.168.20.11,192.168.20.12,192.168.20.13",
      port: 9092,
      ssl_enable: false,
    });
    expect(typeof res.partition_num).toBe("string");
    expect(await ok(dms(DEMO_HUAWEI_KAFKA_DR_ID, DEMO_HUAWEI_DR_PROJECT_ID))).toMatchObject({ broker_num: 2 });
  });

  it("answers RocketMQ as engine reliability and DCS as Redis without broker_num", async () => {
    expect(await ok(dms(DEMO_HUAWEI_ROCKETMQ_PRIMARY_ID))).toMatchObject({ engine: "reliability", broker_num: 2 });
    const redis = await ok(dms(DEMO_HUAWEI_DCS_PRIMARY_ID));
    expect(redis).toMatchObject({ engine: "Redis", port: 6379 });
    expect(redis).not.toHaveProperty("broker_num");
  });

  it.each([
    ["an unknown instance", "2f7d3c1e-8a4b-4d6e-9f10-00000000ffff", DEMO_HUAWEI_PROJECT_ID],
    ["an instance of another project", DEMO_HUAWEI_KAFKA_DR_ID, DEMO_HUAWEI_PROJECT_ID],
  ])("answers %s with 404 DMS.00404022 [inferred]", async (_name, id, project) => {
    expectHuaweiError(await dms(id, project), 404, "DMS.00404022");
  });

  // The provider's fallback when an instance reports no broker_num; types from the Go SDK model (facts/dms.json).
  const cluster = (id: string, projectId = DEMO_HUAWEI_PROJECT_ID) =>
    hw(t, { method: "GET", path: `/v2/${projectId}/instances/${id}/management/cluster`, projectId });

  it("answers Kafka's ShowCluster with one broker per broker, broker_id a string and port an integer", async () => {
    const res = await ok(cluster(DEMO_HUAWEI_KAFKA_PRIMARY_ID));
    expect(res.cluster.brokers).toHaveLength(3);
    for (const b of res.cluster.brokers) {
      expect(typeof b.broker_id).toBe("string");
      expect(b.port).toBe(9092);
      expect(typeof b.register_time).toBe("number");
      expect(typeof b.is_health).toBe("boolean");
    }
    expect(res.cluster.brokers.map((b: any) => b.host)).toEqual(["192.168.20.11", "192.168.20.12", "192.168.20.13"]);
    for (const k of ["topics_count", "partitions_count", "online_partitions_count", "replicas_count", "isr_replicas_count", "consumers_count"]) {
      expect(Number.isInteger(res.cluster[k]), k).toBe(true);
    }
    expect(typeof res.cluster.controller).toBe("string");
    expect(t.emulator.requests().at(-1)).toMatchObject({ product: "dms", action: "ShowCluster", status: 200 });
  });

  it("answers ShowCluster for a RocketMQ instance (not a Kafka one) with 404 DMS.00404022 [inferred]", async () => {
    expectHuaweiError(await cluster(DEMO_HUAWEI_ROCKETMQ_PRIMARY_ID), 404, "DMS.00404022");
  });
});

describe("faults", () => {
  const queue = async (fault: Record<string, unknown>) => expect((await control(t.url, "POST", "/faults", fault)).status).toBe(201);
  const namesLike = async (name: string) => ((await ok(call("GET", `jobs?fuzzy_name=${name}`))).items as any[]).length;

  it("throttles with 429 APIGW.0308 and X-Request-Id, without creating the job", async () => {
    await queue({ action: "CreateEventRouterJob", kind: "throttle" });
    const body = kafkaJob();
    const res = await create(body);
    expectHuaweiError(res, 429, "APIGW.0308");
    expect(await namesLike(body.name as string)).toBe(0);
    expect((await create(body)).status).toBe(200);
  });

  it("fails with 500 EG.00015000 on a 5xx fault", async () => {
    await queue({ action: "ListEventRouterJobs", kind: "5xx", times: 2 });
    expectHuaweiError(await call("GET", "jobs"), 500, "EG.00015000");
    expectHuaweiError(await call("GET", "jobs"), 500, "EG.00015000");
    expect((await call("GET", "jobs")).status).toBe(200);
  });

  it("drops the connection without applying the call, or after applying it", async () => {
    await queue({ action: "CreateEventRouterJob", kind: "drop" });
    const dropped = kafkaJob();
    await expect(create(dropped)).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(await namesLike(dropped.name as string)).toBe(0);
    await queue({ action: "CreateEventRouterJob", kind: "drop", applied: true });
    const applied = kafkaJob();
    await expect(create(applied)).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(await namesLike(applied.name as string)).toBe(1);
    const logged = t.emulator.requests().filter((r) => r.params.name === dropped.name || r.params.name === applied.name);
    expect(logged).toMatchObject([
      { status: 0, fault: "drop", product: "eg", action: "CreateEventRouterJob" },
      { status: 0, fault: "drop", product: "eg", action: "CreateEventRouterJob" },
    ]);
  });

  it("holds a call on a latency fault and then answers normally", async () => {
    await queue({ action: "ShowDmsInstance", kind: "latency", latencyMs: 1 });
    expect((await hw(t, { method: "GET", path: `/v2/${DEMO_HUAWEI_PROJECT_ID}/instances/${DEMO_HUAWEI_KAFKA_PRIMARY_ID}` })).status).toBe(200);
    expect(t.emulator.requests().at(-1)).toMatchObject({ action: "ShowDmsInstance", status: 200, fault: "latency" });
  });
});

describe("secrets", () => {
  it("never answers, logs or dumps a password", async () => {
    const lines: string[] = [];
    const own = await startTestEmulator({ manualClock: true, settleMs: SETTLE, log: (l) => lines.push(l) });
    try {
      const sasl = { authenticate_mode: "SASL_SSL", sasl_mechanism: "SCRAM-SHA-512", user_name: "etl", password: SECRET };
      const body = kafkaJob({ source_config: [{ source_kafka: [kafkaEndpoint(DEMO_HUAWEI_KAFKA_PRIMARY_ID, sasl)] }] });
      const send = (method: HttpMethod, rest: string, b?: unknown) => hw(own, { method, path: egPath(rest), ...(b !== undefined && { body: b }) });
      const created = await send("POST", "jobs", body);
      expect(created.status, created.text).toBe(200);
      expect(created.json.source_config.source_kafka).toMatchObject({ user_name: "etl", authenticate_mode: "SASL_SSL" });
      own.clock?.advance(SETTLE);
      const answers = [
        created,
        await send("GET", `jobs/${created.json.job_id}`),
        await send("GET", "jobs"),
        await send("PUT", `jobs/${created.json.job_id}`, body),
        await send("POST", "jobs", body),
      ];
      for (const a of answers) {
        expect(a.text).not.toContain(SECRET);
        expect(a.text).not.toContain('"password"');
      }
      const entry = own.emulator.requests()[0];
      expect(entry).toMatchObject({
        product: "eg",
        action: "CreateEventRouterJob",
        params: {
          "source_config.0.source_kafka.0.password": "REDACTED",
          "source_config.0.source_kafka.0.user_name": "etl",
          project_id: DEMO_HUAWEI_PROJECT_ID,
        },
      });
      const state = await control(own.url, "GET", "/state");
      expect(Object.keys(state.json.collections)).toContain("huawei.eg.jobs");
      await expectRedactedEverywhere(own, lines, SECRET, state);
    } finally {
      await own.close();
    }
  });
});

describe("persistence", () => {
  it("keeps jobs across a restart with their status clock, and forgets them on reset", async () => {
    let own = await startTestEmulator({ manualClock: true, settleMs: SETTLE });
    try {
      const created = await hw(own, { method: "POST", path: egPath("jobs"), body: kafkaJob() });
      expect(created.status, created.text).toBe(200);
      const jobId = created.json.job_id as string;
      own.clock?.advance(SETTLE / 2);
      own = await own.restart();
      const showIt = () => hw(own, { method: "GET", path: egPath(`jobs/${jobId}`) });
      expect((await showIt()).json).toMatchObject({ job_id: jobId, status: "CREATING" });
      own.clock?.advance(SETTLE / 2);
      expect((await showIt()).json.status).toBe("RUNNING");
      expect((await control(own.url, "POST", "/reset")).status).toBe(200);
      expectHuaweiError(await showIt(), 404, "EG.00014040");
    } finally {
      await own.close();
    }
  });

  it("reports the Huawei products in health", async () => {
    expect((await control(t.url, "GET", "/health")).json.products).toEqual([
      "gpdb 2016-05-03",
      "dataworks-public 2020-05-18",
      "iam v3",
      "eg v1",
      "dms v2",
      "dis v2",
    ]);
  });
});
