/**
 * Independent contract cases for the Huawei emulator: raw HTTP requests signed by the tier's own
 * signer and laid out as the official Go SDK lays them out (huawei-wire.ts), carrying the vendors'
 * own example payloads. The emulator must accept what the vendor shows succeeding (the EventGrid
 * create-job example, verbatim, array-wrapped blocks and all; the DIS add-DWS-dump-task example,
 * verbatim), however the request is authenticated (Go SDK signature, Node SDK signature, IAM
 * token), and must produce each documented error with the vendor's body: DIS
 * `{"errorCode","message"}`, EventGrid `{"error_code","error_msg"}`, at the status the facts give.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEMO_DWS_USER,
  DEMO_HUAWEI_DR_PROJECT_ID,
  DEMO_HUAWEI_EG_KAFKA_CLUSTER_ID,
  DEMO_HUAWEI_KAFKA_PRIMARY_ID,
  DEMO_HUAWEI_KAFKA_REPLICA_ID,
  DEMO_HUAWEI_PROJECT_ID,
  DEMO_HUAWEI_REGION,
  DEMO_HUAWEI_USER,
} from "../../emulator/index";
import { type RawResponse, type TestEmulator, queueFault, startTestEmulator, uniqueName } from "../helpers/emulator";
import { facts } from "./facts";
import { type HuaweiOperation, checkAnswer, huaweiOperations } from "./huawei-facts";
import { DWS_SEED_REQUEST, EG_SEED_REQUEST, EG_SEED_RESPONSE, dwsSeedBody, inventoryWithSeeds } from "./huawei-examples";
import { type SdkCall, callOperation, headerRecord } from "./huawei-wire";

type Loose = Record<string, unknown>;
const asList = (v: unknown): Loose[] => (Array.isArray(v) ? (v as Loose[]) : []);

/** The project, cluster and instances seed 001's example names. */
const SEED_PROJECT = (EG_SEED_REQUEST.source_config as { source_kafka: { project_id: string }[] }[])[0]?.source_kafka[0]?.project_id ?? "";

const byLabel = new Map(huaweiOperations().map((op) => [op.label, op]));
function op(label: string): HuaweiOperation {
  const found = byLabel.get(label);
  if (found === undefined) throw new Error(`no fact ${label}`);
  return found;
}

let t: TestEmulator;
const call = (label: string, c: SdkCall = {}) => callOperation(t, op(label), c);
const answerProblems = (label: string, res: RawResponse) => checkAnswer(op(label), { status: res.status, headers: headerRecord(res.headers), text: res.text });

async function token(projectId: string): Promise<string> {
  const res = await call("iam.KeystoneCreateUserTokenByPassword", {
    unsigned: true,
    body: {
      auth: {
        identity: {
          methods: ["password"],
          password: { user: { name: DEMO_HUAWEI_USER.name, password: DEMO_HUAWEI_USER.password, domain: { name: DEMO_HUAWEI_USER.domain } } },
        },
        scope: { project: { id: projectId } },
      },
    },
  });
  const value = res.headers["x-subject-token"];
  if (res.status !== 201 || typeof value !== "string") throw new Error(`IAM refused the token request: ${res.status} ${res.text}`);
  return value;
}

async function newStream(prefix: string): Promise<string> {
  const name = uniqueName(prefix);
  const res = await call("dis.CreateStream", { body: { stream_name: name, partition_count: 1, data_type: "JSON" } });
  if (res.status !== 201) throw new Error(`setup: CreateStream answered ${res.status} ${res.text}`);
  return name;
}

const createDws = (stream: string, descriptor: Record<string, unknown> = {}) =>
  call("dis.CreateTransferTask_DWS", {
    pathParams: { stream_name: stream },
    body: dwsSeedBody({ task_name: uniqueName("t").replace(/-/g, "_"), user_password: DEMO_DWS_USER.password, ...descriptor }),
  });

const egJob = (name: string, overrides: Record<string, unknown> = {}) => ({
  cluster_id: DEMO_HUAWEI_EG_KAFKA_CLUSTER_ID,
  name,
  scene_type: "DISASTER_BACKUP",
  source_config: {
    source_kafka: {
      config_type: "CLOUD",
      region: DEMO_HUAWEI_REGION,
      project_id: DEMO_HUAWEI_PROJECT_ID,
      instance_id: DEMO_HUAWEI_KAFKA_PRIMARY_ID,
      cluster_alias: "aa",
    },
  },
  sink_config: {
    sink_kafka: {
      config_type: "CLOUD",
      region: DEMO_HUAWEI_REGION,
      project_id: DEMO_HUAWEI_PROJECT_ID,
      instance_id: DEMO_HUAWEI_KAFKA_REPLICA_ID,
      cluster_alias: "bb",
    },
  },
  advance_config: { kafka2kafka: { topics: "t01", replica_cnt: 1, seek_to: "earliest", compress_alg: "none", is_sync_progress: false, is_add_header: false } },
  ...overrides,
});

beforeAll(async () => {
  t = await startTestEmulator({ settleMs: 0, inventory: inventoryWithSeeds() });
});
afterAll(() => t?.close());

// ---------------------------------------------------------------------------------------------
// the vendors' examples succeed
// ---------------------------------------------------------------------------------------------

/** Every field of the vendor's example answer is in `body` with the same JSON type (a null in the example fits anything). */
function differencesFromExample(example: Record<string, unknown>, body: Record<string, unknown>): string[] {
  const type = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);
  return Object.entries(example).flatMap(([k, v]) => {
    if (!(k in body)) return [`${k}: in the vendor's example answer, absent here`];
    return v === null || body[k] === null || type(v) === type(body[k]) ? [] : [`${k}: ${type(body[k])}, the vendor's example has ${type(v)}`];
  });
}

describe("the emulator accepts the vendors' example requests", () => {
  it("EventGrid create-job example (seed 001), verbatim, signed as the Go SDK signs", async () => {
    const res = await call("eventrouter.CreateEventRouterJob", { projectId: SEED_PROJECT, body: EG_SEED_REQUEST });
    expect(answerProblems("eventrouter.CreateEventRouterJob", res)).toEqual([]);
    expect(differencesFromExample(EG_SEED_RESPONSE, res.json as Record<string, unknown>)).toEqual([]);
    expect(res.json).toMatchObject({ cluster_id: EG_SEED_REQUEST.cluster_id, name: EG_SEED_REQUEST.name, scene_type: "DISASTER_BACKUP" });
  });

  it("the same example, renamed, signed as the Node SDK signs (Host and Content-Type signed too)", async () => {
    const res = await call("eventrouter.CreateEventRouterJob", {
      projectId: SEED_PROJECT,
      layout: "node",
      body: { ...EG_SEED_REQUEST, name: uniqueName("seed-node") },
    });
    expect(answerProblems("eventrouter.CreateEventRouterJob", res)).toEqual([]);
  });

  it("DIS add-DWS-dump-task example (seed 003), verbatim, signed as the Go SDK signs: 201 with no body", async () => {
    const stream = await newStream("seed-dws");
    const res = await call("dis.CreateTransferTask_DWS", { pathParams: { stream_name: stream }, body: DWS_SEED_REQUEST });
    expect(answerProblems("dis.CreateTransferTask_DWS", res)).toEqual([]);
  });

  it("the same example with the page's X-Auth-Token header instead of a signature", async () => {
    const stream = await newStream("seed-token");
    const res = await call("dis.CreateTransferTask_DWS", {
      pathParams: { stream_name: stream },
      body: DWS_SEED_REQUEST,
      unsigned: true,
      extraHeaders: { "X-Auth-Token": await token(DEMO_HUAWEI_PROJECT_ID) },
    });
    expect(answerProblems("dis.CreateTransferTask_DWS", res)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// the request examples recorded in the facts succeed
// ---------------------------------------------------------------------------------------------

interface FactExample {
  readonly body: Loose;
  readonly source: string;
}

const examplesOf = (o: HuaweiOperation): FactExample[] => asList((o.fact as unknown as { examples?: unknown }).examples) as unknown as FactExample[];

/** A stream named `name`, created unless an earlier example made it. */
async function streamNamed(name: string, partitions = 1): Promise<{ name: string; id: string }> {
  const shown = await call("dis.ShowStream", { pathParams: { stream_name: name } });
  if (shown.status !== 200) {
    const created = await call("dis.CreateStream", { body: { stream_name: name, partition_count: partitions } });
    if (created.status !== 201) throw new Error(`setup: CreateStream ${name} answered ${created.status} ${created.text}`);
  }
  const again = await call("dis.ShowStream", { pathParams: { stream_name: name } });
  return { name, id: String((again.json as Loose | undefined)?.stream_id) };
}

/** A stream with a running DWS dump task, and the task's id. */
async function streamWithTask(): Promise<{ stream: string; taskId: string }> {
  const stream = await newStream("example-task");
  const name = uniqueName("example_task");
  const created = await createDws(stream, { task_name: name });
  if (created.status !== 201) throw new Error(`setup: the dump task answered ${created.status} ${created.text}`);
  const shown = await call("dis.ShowTransferTask", { pathParams: { stream_name: stream, task_name: name } });
  return { stream, taskId: String((shown.json as Loose | undefined)?.task_id) };
}

/**
 * What each example needs before it can succeed: the stream its body names, or a stream and task
 * whose emulator-assigned ids stand in for the example's (ids are the service's to choose).
 */
const EXAMPLE_STATE: Readonly<Record<string, (body: Loose) => Promise<SdkCall>>> = {
  "dis.UpdatePartitionCount": async (body) => ({ pathParams: { stream_name: (await streamNamed(String(body.stream_name))).name }, body }),
  "dis.UpdateStream": async (body) => ({ pathParams: { stream_name: (await streamNamed(String(body.stream_name))).name }, body }),
  "dis.BatchStartTransferTask": async (body) => {
    const { stream, taskId } = await streamWithTask();
    await call("dis.BatchStopTransferTask", { pathParams: { stream_name: stream }, body: { action: "stop", tasks: [{ id: taskId }] } });
    return { pathParams: { stream_name: stream }, body: { ...body, tasks: asList(body.tasks).map((x) => ({ ...x, id: taskId })) } };
  },
  "dis.BatchStopTransferTask": async (body) => {
    const { stream, taskId } = await streamWithTask();
    return { pathParams: { stream_name: stream }, body: { ...body, tasks: asList(body.tasks).map((x) => ({ ...x, id: taskId })) } };
  },
  "dis.BatchCreateTags": async (body) => ({ pathParams: { stream_id: (await streamNamed(uniqueName("example-tags"))).id }, body }),
  "dis.BatchDeleteTags": async (body) => {
    const s = await streamNamed(uniqueName("example-untag"));
    await call("dis.BatchCreateTags", { pathParams: { stream_id: s.id }, body: { action: "create", tags: asList(body.tags) } });
    return { pathParams: { stream_id: s.id }, body };
  },
};

const FACT_EXAMPLES = huaweiOperations().flatMap((o) => examplesOf(o).map((e, i) => [`${o.label} #${i + 1} (${e.source})`, o, e] as const));

describe("the emulator accepts the request examples the facts record", () => {
  it("finds examples in the facts", () => {
    expect(FACT_EXAMPLES.length).toBeGreaterThan(0);
  });

  it.each(FACT_EXAMPLES)("%s", async (_, o, example) => {
    const prepare = EXAMPLE_STATE[o.label];
    expect(prepare, `no setup for the examples of ${o.label}: add one to EXAMPLE_STATE`).toBeDefined();
    if (prepare === undefined) return;
    const res = await call(o.label, await prepare(example.body));
    expect(answerProblems(o.label, res), res.text).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// documented errors, with the vendor's body
// ---------------------------------------------------------------------------------------------

interface ErrorFact {
  readonly status: number | null | undefined;
  /** The body's field names the vendor documents, and those every error carries. */
  readonly fields: readonly string[];
  readonly required: readonly string[];
  /** The body field holding the code. */
  readonly codeField: string;
  /** The fixed start of the documented message, when the vendor's example gives one. */
  readonly messageStart?: string;
  /** API-gateway codes the facts list at the same status (`error_body.gateway_codes`), for a check the gateway makes first. */
  readonly gatewayCodes: readonly string[];
}

/** What the facts say an error with `code` looks like; undefined when they do not list it. */
function errorFact(api: "dis" | "eventrouter", code: string): ErrorFact | undefined {
  const eb = (facts[api] as unknown as { error_body?: Loose }).error_body ?? {};
  if (api === "dis") {
    const entry = asList(eb.codes).find((c) => c.code === code);
    if (entry === undefined) return undefined;
    const shape = (eb.body_shape ?? {}) as { fields?: Loose; example?: Loose };
    const fields = Object.keys(shape.fields ?? {});
    const example = shape.example ?? {};
    const start = example.errorCode === code && typeof example.message === "string" ? example.message.split("[")[0]?.trim() : undefined;
    return {
      status: entry.http_status as number | null | undefined,
      fields,
      required: fields,
      codeField: "errorCode",
      gatewayCodes: [],
      ...(start !== undefined && { messageStart: start }),
    };
  }
  const listed = [...asList(eb.examples).map((e) => ({ http_status: e.http_status, code: (e.body as Loose | undefined)?.error_code })), ...asList(eb.codes)];
  const entry = listed.find((c) => c.code === code);
  if (entry === undefined) return undefined;
  const exampleKeys = [...new Set(asList(eb.examples).flatMap((e) => Object.keys((e.body as Loose | undefined) ?? {})))];
  const gatewayCodes = asList(eb.gateway_codes)
    .filter((g) => g.http_status === entry.http_status)
    .map((g) => String(g.code));
  return {
    status: entry.http_status as number | null | undefined,
    fields: asList(eb.fields).map((f) => String(f.name)),
    required: exampleKeys,
    codeField: "error_code",
    gatewayCodes,
  };
}

interface ErrorCase {
  readonly what: string;
  readonly api: "dis" | "eventrouter";
  readonly code: string;
  /**
   * Authentication is checked by the API gateway before the service sees the call, so the gateway's
   * own code (APIGW.*) at the same status answers too, where the facts list one.
   */
  readonly gatewayFirst?: true;
  readonly provoke: () => Promise<RawResponse>;
}

const ERROR_CASES: readonly ErrorCase[] = [
  {
    what: "ShowStream of a stream that does not exist (the page's example body)",
    api: "dis",
    code: "DIS.4301",
    provoke: () => call("dis.ShowStream", { pathParams: { stream_name: uniqueName("missing") } }),
  },
  {
    what: "CreateStream with partition_count written as text",
    api: "dis",
    code: "DIS.4200",
    provoke: () => call("dis.CreateStream", { body: { stream_name: uniqueName("bad-count"), partition_count: "two" } }),
  },
  { what: "CreateStream without a body", api: "dis", code: "DIS.4202", provoke: () => call("dis.CreateStream") },
  {
    what: "CreateStream of a name already taken",
    api: "dis",
    code: "DIS.4307",
    provoke: async () => call("dis.CreateStream", { body: { stream_name: await newStream("taken"), partition_count: 1 } }),
  },
  {
    what: "CreateStream with a data_schema that is not Avro",
    api: "dis",
    code: "DIS.4360",
    provoke: () =>
      call("dis.CreateStream", { body: { stream_name: uniqueName("bad-schema"), partition_count: 1, data_type: "JSON", data_schema: "not json" } }),
  },
  {
    what: "CreateStream with 11 tags",
    api: "dis",
    code: "DIS.4601",
    provoke: () =>
      call("dis.CreateStream", {
        body: { stream_name: uniqueName("tags"), partition_count: 1, tags: Array.from({ length: 11 }, (_, i) => ({ key: `k${i}`, value: "v" })) },
      }),
  },
  {
    what: "DWS dump task naming an agency that does not exist",
    api: "dis",
    code: "DIS.4335",
    provoke: async () => createDws(await newStream("agency"), { agency_name: "no_such_agency" }),
  },
  {
    what: "DWS dump task naming a DWS cluster that does not exist",
    api: "dis",
    code: "DIS.4350",
    provoke: async () => createDws(await newStream("dws"), { dws_cluster_id: "00000000-0000-4000-8000-000000000000" }),
  },
  {
    what: "DWS dump task naming a KMS key that does not exist",
    api: "dis",
    code: "DIS.4351",
    provoke: async () => createDws(await newStream("kms"), { kms_user_key_id: "00000000-0000-4000-8000-000000000001" }),
  },
  {
    what: "DWS dump task staging in an OBS bucket that does not exist",
    api: "dis",
    code: "DIS.4306",
    provoke: async () => createDws(await newStream("obs"), { obs_bucket_path: "no-such-bucket" }),
  },
  {
    what: "DWS dump task with a name the stream already has",
    api: "dis",
    code: "DIS.4355",
    provoke: async () => {
      const stream = await newStream("dup-task");
      await createDws(stream, { task_name: "twice" });
      return createDws(stream, { task_name: "twice" });
    },
  },
  {
    what: "a sixth DWS dump task on one stream",
    api: "dis",
    code: "DIS.4357",
    provoke: async () => {
      const stream = await newStream("six");
      for (let i = 0; i < 5; i++) {
        const r = await createDws(stream);
        if (r.status !== 201) throw new Error(`setup: dump task ${i + 1} answered ${r.status} ${r.text}`);
      }
      return createDws(stream);
    },
  },
  {
    what: "DeleteTransferTask of a task that does not exist",
    api: "dis",
    code: "DIS.4354",
    provoke: async () => call("dis.DeleteTransferTask", { pathParams: { stream_name: await newStream("no-task"), task_name: "nothing_here" } }),
  },
  {
    what: "CreateEventRouterJob with a body that is not an object (the 400 example)",
    api: "eventrouter",
    code: "EG.00014000",
    provoke: () => call("eventrouter.CreateEventRouterJob", { body: "[]" }),
  },
  {
    what: "ShowEventRouterJob with a token that is not one (the 401 example)",
    api: "eventrouter",
    code: "EG.00014010",
    gatewayFirst: true,
    provoke: () =>
      call("eventrouter.ShowEventRouterJob", {
        pathParams: { job_id: "00000000-0000-4000-8000-000000000000" },
        unsigned: true,
        extraHeaders: { "X-Auth-Token": "MIInot-a-token" },
      }),
  },
  {
    what: "ShowEventRouterJob in a project the token is not scoped to (the 403 example)",
    api: "eventrouter",
    code: "EG.00014030",
    gatewayFirst: true,
    provoke: async () =>
      call("eventrouter.ShowEventRouterJob", {
        pathParams: { job_id: "00000000-0000-4000-8000-000000000000" },
        unsigned: true,
        extraHeaders: { "X-Auth-Token": await token(DEMO_HUAWEI_DR_PROJECT_ID) },
      }),
  },
  {
    what: "ShowEventRouterJob of a job that does not exist (the 404 example)",
    api: "eventrouter",
    code: "EG.00014040",
    provoke: () => call("eventrouter.ShowEventRouterJob", { pathParams: { job_id: "00000000-0000-4000-8000-000000000000" } }),
  },
  {
    what: "ShowEventRouterJob when the service fails (the 500 example, through a queued 5xx fault)",
    api: "eventrouter",
    code: "EG.00015000",
    provoke: async () => {
      await queueFault(t, { action: "ShowEventRouterJob", kind: "5xx" });
      return call("eventrouter.ShowEventRouterJob", { pathParams: { job_id: "00000000-0000-4000-8000-000000000000" } });
    },
  },
  {
    what: "CreateEventRouterJob with a scene_type the page does not list",
    api: "eventrouter",
    code: "EG.00513000",
    provoke: () => call("eventrouter.CreateEventRouterJob", { body: egJob(uniqueName("bad-scene"), { scene_type: "NOT_A_SCENE" }) }),
  },
  {
    what: "CreateEventRouterJob with a name another job has",
    api: "eventrouter",
    code: "EG.00513001",
    provoke: async () => {
      const name = uniqueName("dup-job");
      const first = await call("eventrouter.CreateEventRouterJob", { body: egJob(name) });
      if (first.status !== 200) throw new Error(`setup: the first job answered ${first.status} ${first.text}`);
      return call("eventrouter.CreateEventRouterJob", { body: egJob(name) });
    },
  },
];

describe("the emulator answers each documented error with the vendor's body", () => {
  it.each(ERROR_CASES.map((c) => [`${c.code}: ${c.what}`, c] as const))("%s", async (_, c) => {
    const fact = errorFact(c.api, c.code);
    expect(fact, `test/conformance/facts/${c.api}.json lists no error ${c.code}`).toBeDefined();
    if (fact === undefined) return;
    const res = await c.provoke();
    const body = (res.json ?? {}) as Loose;
    const problems: string[] = [];
    if (typeof fact.status === "number" && res.status !== fact.status) problems.push(`status ${res.status}, the facts say ${fact.status}`);
    if (typeof fact.status !== "number" && res.status < 400) problems.push(`status ${res.status}, want an error status`);
    const codes = [c.code, ...(c.gatewayFirst === true ? fact.gatewayCodes : [])];
    if (!codes.includes(String(body[fact.codeField]))) {
      problems.push(
        `${fact.codeField} ${JSON.stringify(body[fact.codeField])}, want ${codes.join(" or ")}${c.gatewayFirst === true && fact.gatewayCodes.length === 0 ? " (the facts list no gateway code at this status in error_body.gateway_codes)" : ""}`,
      );
    }
    for (const k of Object.keys(body)) if (!fact.fields.includes(k)) problems.push(`${k}: not a field of the vendor's error body (${fact.fields.join(", ")})`);
    for (const k of fact.required) if (typeof body[k] !== "string" || body[k] === "") problems.push(`${k}: absent or not a non-empty string`);
    if (fact.messageStart !== undefined && !String(body.message ?? "").startsWith(fact.messageStart)) {
      problems.push(`message ${JSON.stringify(body.message)} does not start with the documented "${fact.messageStart}"`);
    }
    if (typeof res.headers["x-request-id"] !== "string") problems.push("no X-Request-Id header");
    expect(problems, res.text).toEqual([]);
  });
});
