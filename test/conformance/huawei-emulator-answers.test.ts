/**
 * The emulator's Huawei answers against the vendor facts, with no provider code involved: one
 * table of operations, each sent as a raw request laid out as the official Go SDK lays it out and
 * signed by the tier's own signer (huawei-wire.ts). Each request is first checked against its fact
 * (so a case cannot test something the vendor does not document), then the answer: the status the
 * fact gives (201 and 204 bodyless answers where it says so), the headers it lists, and every
 * body field's name and JSON type (ids that are numbers in one answer and strings in another
 * follow the facts). The rows run in order and share what earlier rows created.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEMO_DWS_USER,
  DEMO_HUAWEI_DCS_PRIMARY_ID,
  DEMO_HUAWEI_EG_KAFKA_CLUSTER_ID,
  DEMO_HUAWEI_KAFKA_PRIMARY_ID,
  DEMO_HUAWEI_KAFKA_REPLICA_ID,
  DEMO_HUAWEI_PROJECT_ID,
  DEMO_HUAWEI_REGION,
  DEMO_HUAWEI_ROCKETMQ_PRIMARY_ID,
  DEMO_HUAWEI_USER,
} from "../../emulator/index";
import type { RawResponse } from "../helpers/emulator";
import { type TestEmulator, send, startTestEmulator, uniqueName } from "../helpers/emulator";
import { type HuaweiOperation, checkAnswer, checkRequest, huaweiOperations } from "./huawei-facts";
import { type SdkCall, headerRecord, sdkRequest, wireOf } from "./huawei-wire";
import { dwsSeedBody } from "./huawei-examples";

/** What earlier rows learnt (names, ids, the token). */
interface Context {
  readonly stream: string;
  readonly task: string;
  readonly job: string;
  streamId?: string;
  taskId?: string;
  jobId?: string;
}

interface Row {
  /** `api.key` of the fact. */
  readonly fact: string;
  /** A word on what the row does when one fact has several rows. */
  readonly note?: string;
  readonly call: (ctx: Context) => SdkCall;
  /** Reads what later rows need from the answer. */
  readonly keep?: (ctx: Context, body: Record<string, unknown>) => void;
}

const kafkaJobBody = (ctx: Context, description: string) => ({
  cluster_id: DEMO_HUAWEI_EG_KAFKA_CLUSTER_ID,
  name: ctx.job,
  description,
  scene_type: "DISASTER_BACKUP",
  source_config: {
    source_kafka: {
      config_type: "CLOUD",
      region: DEMO_HUAWEI_REGION,
      project_id: DEMO_HUAWEI_PROJECT_ID,
      instance_id: DEMO_HUAWEI_KAFKA_PRIMARY_ID,
      cluster_alias: "aa",
      authenticate_mode: "PLAINTEXT",
    },
  },
  sink_config: {
    sink_kafka: {
      config_type: "CLOUD",
      region: DEMO_HUAWEI_REGION,
      project_id: DEMO_HUAWEI_PROJECT_ID,
      instance_id: DEMO_HUAWEI_KAFKA_REPLICA_ID,
      cluster_alias: "bb",
      authenticate_mode: "PLAINTEXT",
    },
  },
  advance_config: {
    kafka2kafka: {
      topics: "t01",
      replica_cnt: 1,
      seek_to: "earliest",
      compress_alg: "none",
      is_sync_progress: false,
      is_add_header: false,
      rename_topic: false,
    },
  },
});

const ROWS: readonly Row[] = [
  {
    fact: "iam.KeystoneCreateUserTokenByPassword",
    call: () => ({
      unsigned: true,
      query: { nocatalog: "true" },
      body: {
        auth: {
          identity: {
            methods: ["password"],
            password: { user: { name: DEMO_HUAWEI_USER.name, password: DEMO_HUAWEI_USER.password, domain: { name: DEMO_HUAWEI_USER.domain } } },
          },
          scope: { project: { id: DEMO_HUAWEI_PROJECT_ID } },
        },
      },
    }),
  },
  {
    fact: "dis.CreateStream",
    call: (ctx) => ({
      body: {
        stream_name: ctx.stream,
        partition_count: 2,
        stream_type: "COMMON",
        data_type: "JSON",
        data_duration: 24,
        auto_scale_enabled: false,
        compression_format: "snappy",
        tags: [{ key: "team", value: "conformance" }],
      },
    }),
  },
  {
    fact: "dis.ShowStream",
    call: (ctx) => ({ pathParams: { stream_name: ctx.stream }, query: { limit_partitions: 10 } }),
    keep: (ctx, body) => {
      ctx.streamId = String(body.stream_id);
    },
  },
  { fact: "dis.ListStreams", call: () => ({ query: { limit: 10 } }) },
  {
    fact: "dis.UpdatePartitionCount",
    call: (ctx) => ({ pathParams: { stream_name: ctx.stream }, body: { stream_name: ctx.stream, target_partition_count: 3 } }),
  },
  { fact: "dis.UpdateStream", call: (ctx) => ({ pathParams: { stream_name: ctx.stream }, body: { stream_name: ctx.stream, data_duration: 48 } }) },
  {
    fact: "dis.BatchCreateTags",
    call: (ctx) => ({ pathParams: { stream_id: ctx.streamId ?? "" }, body: { action: "create", tags: [{ key: "env", value: "test" }] } }),
  },
  { fact: "dis.BatchDeleteTags", call: (ctx) => ({ pathParams: { stream_id: ctx.streamId ?? "" }, body: { action: "delete", tags: [{ key: "env" }] } }) },
  {
    fact: "dis.CreateTransferTask_DWS",
    note: "the reference page's example, with the inventory's DWS password",
    call: (ctx) => ({ pathParams: { stream_name: ctx.stream }, body: dwsSeedBody({ task_name: ctx.task, user_password: DEMO_DWS_USER.password }) }),
  },
  {
    fact: "dis.ShowTransferTask",
    call: (ctx) => ({ pathParams: { stream_name: ctx.stream, task_name: ctx.task } }),
    keep: (ctx, body) => {
      ctx.taskId = String(body.task_id);
    },
  },
  { fact: "dis.ListTransferTasks", call: (ctx) => ({ pathParams: { stream_name: ctx.stream } }) },
  {
    fact: "dis.BatchStopTransferTask",
    call: (ctx) => ({ pathParams: { stream_name: ctx.stream }, body: { action: "stop", tasks: [{ id: ctx.taskId ?? "" }] } }),
  },
  {
    fact: "dis.BatchStartTransferTask",
    call: (ctx) => ({ pathParams: { stream_name: ctx.stream }, body: { action: "start", tasks: [{ id: ctx.taskId ?? "" }] } }),
  },
  { fact: "dis.DeleteTransferTask", call: (ctx) => ({ pathParams: { stream_name: ctx.stream, task_name: ctx.task } }) },
  { fact: "dis.DeleteStream", call: (ctx) => ({ pathParams: { stream_name: ctx.stream } }) },
  { fact: "dms.kafka.ShowInstance", call: () => ({ pathParams: { instance_id: DEMO_HUAWEI_KAFKA_PRIMARY_ID } }) },
  { fact: "dms.kafka.ShowCluster", call: () => ({ pathParams: { instance_id: DEMO_HUAWEI_KAFKA_PRIMARY_ID } }) },
  { fact: "dms.rocketmq.ShowInstance", call: () => ({ pathParams: { instance_id: DEMO_HUAWEI_ROCKETMQ_PRIMARY_ID } }) },
  { fact: "dms.dcs.ShowInstance", call: () => ({ pathParams: { instance_id: DEMO_HUAWEI_DCS_PRIMARY_ID } }) },
  { fact: "eventrouter.ListEventRouterClusters", call: () => ({ query: { offset: "0", limit: "10" } }) },
  { fact: "eventrouter.ShowEventRouterCluster", call: () => ({ pathParams: { cluster_id: DEMO_HUAWEI_EG_KAFKA_CLUSTER_ID } }) },
  {
    fact: "eventrouter.CreateEventRouterJob",
    call: (ctx) => ({ body: kafkaJobBody(ctx, "") }),
    keep: (ctx, body) => {
      ctx.jobId = String(body.job_id);
    },
  },
  { fact: "eventrouter.ShowEventRouterJob", call: (ctx) => ({ pathParams: { job_id: ctx.jobId ?? "" } }) },
  {
    fact: "eventrouter.ListEventRouterJobs",
    call: (ctx) => ({ query: { fuzzy_name: ctx.job, cluster_id: DEMO_HUAWEI_EG_KAFKA_CLUSTER_ID, offset: "0", limit: "10" } }),
  },
  { fact: "eventrouter.UpdateEventRouterJob", call: (ctx) => ({ pathParams: { job_id: ctx.jobId ?? "" }, body: kafkaJobBody(ctx, "updated") }) },
  {
    fact: "eventrouter.ExecuteEventRouterJobOperation",
    note: "STOP",
    call: (ctx) => ({ pathParams: { job_id: ctx.jobId ?? "" }, body: { operation: "STOP" } }),
  },
  {
    fact: "eventrouter.ExecuteEventRouterJobOperation",
    note: "START",
    call: (ctx) => ({ pathParams: { job_id: ctx.jobId ?? "" }, body: { operation: "START" } }),
  },
  { fact: "eventrouter.DeleteEventRouterJob", call: (ctx) => ({ pathParams: { job_id: ctx.jobId ?? "" } }) },
];

const byLabel = new Map(huaweiOperations().map((op) => [op.label, op]));
function operation(label: string): HuaweiOperation {
  const op = byLabel.get(label);
  if (op === undefined) throw new Error(`no fact ${label}; the facts have ${[...byLabel.keys()].join(", ")}`);
  return op;
}

let t: TestEmulator;
const ctx: Context = { stream: uniqueName("cf-answers"), task: uniqueName("cf-task"), job: uniqueName("cf-job") };

beforeAll(async () => {
  t = await startTestEmulator({ settleMs: 0 });
});
afterAll(() => t?.close());

describe("the emulator answers each Huawei operation with the vendor's shape", () => {
  it.each(ROWS.map((r) => [`${r.fact}${r.note ? ` (${r.note})` : ""}`, r] as const))("%s", async (_, row) => {
    const op = operation(row.fact);
    const req = sdkRequest(t.url, op, { now: t.emulator.clock.now(), ...row.call(ctx) });
    expect(checkRequest(op, wireOf(req)), "the case's own request breaks the fact").toEqual([]);
    const res: RawResponse = await send(t.url, req);
    // Later rows need the ids whether or not this answer conforms.
    if (row.keep !== undefined && res.json !== null && typeof res.json === "object") row.keep(ctx, res.json as Record<string, unknown>);
    expect(checkAnswer(op, { status: res.status, headers: headerRecord(res.headers), text: res.text })).toEqual([]);
  });
});
