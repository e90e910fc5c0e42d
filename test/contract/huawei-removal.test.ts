/**
 * Removing an optional input of a Huawei resource, real handlers against the emulator, one case
 * table: create with the input set, update with it removed, then check the recorded wire request
 * (nothing sent empty, the removed member not sent) and what the emulator holds afterwards: the
 * vendor's documented default (test/conformance/facts), nothing (the service's own default, for a
 * member the page gives none), or the old value where the removal keeps it. A refresh afterwards
 * reports no drift. Removals that only a replacement applies are a diff that replaces.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disApi } from "../../provider/apis/huawei-dis";
import { eventRouterApi } from "../../provider/apis/huawei-eg";
import { HuaweiClient } from "../../provider/clients/huawei";
import * as stream from "../../provider/resources/huaweicloud-dis-stream";
import * as task from "../../provider/resources/huaweicloud-dws-transfer-task";
import * as job from "../../provider/resources/huaweicloud-event-router-job";
import { type RunningEmulator, demoHuaweiSettings, startEmulator } from "../../emulator";
import { dwsTask, stream as baseStream } from "../fixtures/dis";
import { PROJECT, dcsJob, kafkaJob, rocketmqJob } from "../fixtures/event-router-job";
import { lastSeq } from "../helpers/emulator";

type Props = Record<string, unknown>;
type Fact = { name: string; default?: string; limits?: { default?: string }; fields?: Fact[] };
let emu: RunningEmulator;
let eg: HuaweiClient;
let dis: HuaweiClient;
let seq = 0;

/** A field's documented default in the vendor facts: `file`, operation, then the field path. */
function vendorDefault(file: string, operation: string, ...path: string[]): string | undefined {
  const facts = JSON.parse(readFileSync(join(__dirname, "../conformance/facts", file), "utf8"));
  let fields: Fact[] = facts.operations[operation].request.body.fields;
  let f: Fact | undefined;
  for (const name of path) {
    f = fields.find((x) => x.name === name);
    fields = f?.fields ?? [];
  }
  return f?.default ?? f?.limits?.default;
}

const checked = (m: { check: (o: Props, n: Props) => { inputs: Props; failures: unknown[] } }, news: Props) => {
  const r = m.check({}, { timeoutSeconds: 20, ...news });
  expect(r.failures).toEqual([]);
  return r.inputs;
};
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));
const at = (o: unknown, path: readonly string[]) => path.reduce<unknown>((v, k) => (v as Props | undefined)?.[k], o);
/** `o` with `patch` merged at `path` (a nested object is created as needed). */
function withAt(o: Props, path: readonly string[], patch: Props): Props {
  const out = clone(o);
  let cur = out;
  for (const k of path) {
    if (cur[k] === undefined) cur[k] = {};
    cur = cur[k] as Props;
  }
  Object.assign(cur, patch);
  return out;
}
function without(o: Props, path: readonly string[]): Props {
  const out = clone(o);
  const parent = at(out, path.slice(0, -1)) as Props;
  delete parent[path.at(-1) as string];
  return out;
}

beforeAll(async () => {
  emu = await startEmulator({ settleMs: 100, log: () => {} });
  const retry = { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 100 };
  eg = new HuaweiClient("eg", { settings: demoHuaweiSettings(emu.url, 500), retry });
  dis = new HuaweiClient("dis", { settings: demoHuaweiSettings(emu.url, 500), retry });
});
afterAll(async () => emu?.close());

/** What the object holds for the removed member afterwards. */
type Held = { none: true } | { value: unknown } | { kept: true };

interface JobCase {
  readonly field: string;
  readonly base: Props;
  /** The SDK path of the member the program removes, and its API path in the answer. */
  readonly sdk: readonly string[];
  readonly api: readonly string[];
  /** Extra members set with it (a rule needs them). */
  readonly set?: Props;
  readonly held: Held;
}

const k2k = ["advanceConfig", "kafka2kafka"];
const apiK2k = ["advance_config", "kafka2kafka"];
const dcs = ["advanceConfig", "dcs2dcs"];
const apiDcs = ["advance_config", "dcs2dcs"];

const JOB_CASES: readonly JobCase[] = [
  { field: "description", base: kafkaJob, sdk: ["description"], api: ["description"], held: { none: true } },
  { field: "kafka2kafka.taskCnt", base: kafkaJob, sdk: [...k2k, "taskCnt"], api: [...apiK2k, "task_cnt"], set: { taskCnt: 2 }, held: { none: true } },
  {
    field: "kafka2kafka.renameTopic",
    base: kafkaJob,
    sdk: [...k2k, "renameTopic"],
    api: [...apiK2k, "rename_topic"],
    set: { renameTopic: true },
    held: { none: true },
  },
  {
    field: "kafka2kafka.topicMappings",
    base: withAt(kafkaJob as unknown as Props, k2k, { renameTopic: true }),
    sdk: [...k2k, "topicMappings"],
    api: [...apiK2k, "topic_mappings"],
    set: { topicMappings: [{ sourceTopic: "t01", sinkTopic: "t01-copy" }] },
    held: { none: true },
  },
  {
    field: "sourceKafka.authenticateMode",
    base: kafkaJob,
    sdk: ["sourceConfig", "sourceKafka", "authenticateMode"],
    api: ["source_config", "source_kafka", "authenticate_mode"],
    held: { none: true },
  },
  {
    field: "sinkKafka.saslMechanism",
    base: kafkaJob,
    sdk: ["sinkConfig", "sinkKafka", "saslMechanism"],
    api: ["sink_config", "sink_kafka", "sasl_mechanism"],
    held: { none: true },
  },
  {
    field: "sourceRocketmq.sslOpen",
    base: withAt(rocketmqJob as unknown as Props, ["sourceConfig", "sourceRocketmq"], { sslOpen: true }),
    sdk: ["sourceConfig", "sourceRocketmq", "sslOpen"],
    api: ["source_config", "source_rocketmq", "ssl_open"],
    held: { none: true },
  },
  {
    field: "sinkRocketmq.userName",
    base: withAt(rocketmqJob as unknown as Props, ["sinkConfig", "sinkRocketmq"], { userName: "copier" }),
    sdk: ["sinkConfig", "sinkRocketmq", "userName"],
    api: ["sink_config", "sink_rocketmq", "user_name"],
    held: { none: true },
  },
  { field: "sinkDcs.password", base: dcsJob, sdk: ["sinkConfig", "sinkDcs", "password"], api: ["sink_config", "sink_dcs", "password"], held: { kept: true } },
  {
    field: "dcs2dcs.useRateLimit",
    base: dcsJob,
    sdk: [...dcs, "useRateLimit"],
    api: [...apiDcs, "use_rate_limit"],
    set: { useRateLimit: true },
    held: { none: true },
  },
  {
    // The page documents the default 5 MB/s: the service applies it to a job sent without one.
    field: "dcs2dcs.rateLimit",
    base: dcsJob,
    sdk: [...dcs, "rateLimit"],
    api: [...apiDcs, "rate_limit"],
    set: { rateLimit: "10 MB/s" },
    held: { none: true },
  },
  {
    field: "dcs2dcs.useSalveNode",
    base: dcsJob,
    sdk: [...dcs, "useSalveNode"],
    api: [...apiDcs, "use_salve_node"],
    set: { useSalveNode: true },
    held: { none: true },
  },
];

describe("EventRouterJob: removing an optional input", () => {
  it.each(JOB_CASES)("$field: not sent, nothing sent empty, no drift after", async (c) => {
    let base = { ...c.base, name: `removal-${++seq}`, description: c.field === "description" ? "to be removed" : undefined } as Props;
    if (c.set) base = withAt(base, c.sdk.slice(0, -1), c.set);
    const inputs = checked(job, base);
    expect(at(inputs, c.sdk)).toBeDefined();
    const { id, outs } = await job.create(inputs, eg);
    const storedBefore = emu.store.get("huawei.eg.jobs", `${PROJECT}/${id}`);

    const news = checked(job, without(base, c.sdk));
    expect(job.diff(id, outs, news).replaces).toBeUndefined();
    const mark = lastSeq(emu);
    const updated = await job.update(id, outs, news, eg);
    const puts = emu.requests(mark).filter((r) => r.action === "UpdateEventRouterJob");
    // A kept member is no change: nothing at all is sent.
    expect(puts).toHaveLength("kept" in c.held ? 0 : 1);
    for (const put of puts) {
      expect(Object.entries(put.params).filter(([, v]) => v === "")).toEqual([]);
      expect(Object.keys(put.params).filter((k) => k === c.api.join(".") || k.startsWith(`${c.api.join(".")}.`))).toEqual([]);
    }

    const shown = await eventRouterApi.show(eg, id);
    if ("none" in c.held) expect([undefined, null, ""]).toContain(at(shown, c.api));
    if ("kept" in c.held) {
      // Never echoed: the emulator's own record shows the stored password survived the update.
      const record = (r: unknown) => at(r, ["sinkConfig", ...c.api.slice(1)]);
      const stored = emu.store.get("huawei.eg.jobs", `${PROJECT}/${id}`);
      expect(record(stored)).toBe(record(storedBefore));
      expect(record(stored)).toBe(at(inputs, c.sdk));
    }
    const read = await job.read(id, updated.outs, eg);
    expect(job.diff(id, read.props ?? {}, news)).toEqual({ changes: false });
    await job.remove(id, updated.outs, eg);
  });

  it("compares an unset dcs2dcs.rateLimit equal to the page's default, so reading it back is no drift", () => {
    const documented = vendorDefault("eventrouter.json", "UpdateEventRouterJob", "advance_config", "dcs2dcs", "rate_limit");
    expect(documented).toBe("5 MB/s");
    const base = checked(job, { ...dcsJob, name: "rate-default" });
    const echoed = withAt(base, dcs, { rateLimit: documented });
    expect(job.diff("x", echoed, base)).toEqual({ changes: false });
    expect(job.diff("x", withAt(base, dcs, { rateLimit: "10 MB/s" }), base)).toEqual({ changes: true });
  });
});

describe("DisStream: removing an optional input", () => {
  const fresh = (extra: Props) => checked(stream, { ...baseStream, streamName: `removal-${++seq}`, ...extra });

  it("autoScaleEnabled (and its bounds): UpdateStream sends the documented default false, the bounds are not sent", async () => {
    const documented = vendorDefault("dis.json", "UpdateStream", "auto_scale_enabled");
    expect(documented).toBe("false");
    const inputs = fresh({ autoScaleEnabled: true, autoScaleMinPartitionCount: 1, autoScaleMaxPartitionCount: 4 });
    const { id, outs } = await stream.create(inputs, dis);
    const news = fresh({});
    news.streamName = id;
    expect(stream.diff(id, outs, news).replaces).toBeUndefined();
    const mark = lastSeq(emu);
    const updated = await stream.update(id, outs, news, dis);
    const sent = emu.requests(mark).filter((r) => r.action === "UpdateStream");
    expect(sent).toHaveLength(1);
    expect(sent[0]?.params).toMatchObject({ auto_scale_enabled: documented });
    expect(Object.keys(sent[0]?.params ?? {}).filter((k) => k.startsWith("auto_scale_m"))).toEqual([]);
    expect(Object.values(sent[0]?.params ?? {})).not.toContain("");
    expect((await disApi.showStream(dis, id)).auto_scale_enabled).toBe(false);
    const read = await stream.read(id, updated.outs, dis);
    expect(stream.diff(id, read.props ?? {}, news)).toEqual({ changes: false });
  });

  it("tags: deleted through the tags action (a stream has none by default)", async () => {
    const inputs = fresh({ tags: [{ key: "team", value: "a" }] });
    const { id, outs } = await stream.create(inputs, dis);
    const news = { ...inputs };
    delete news.tags;
    const mark = lastSeq(emu);
    const updated = await stream.update(id, outs, news, dis);
    const sent = emu.requests(mark).filter((r) => r.action === "BatchStreamTagsAction");
    expect(sent.map((r) => r.params.action)).toEqual(["delete"]);
    expect(Object.values(sent[0]?.params ?? {})).not.toContain("");
    expect((await disApi.showStream(dis, id)).tags).toEqual([]);
    const read = await stream.read(id, updated.outs, dis);
    expect(stream.diff(id, read.props ?? {}, news)).toEqual({ changes: false });
  });

  it.each([
    ["dataSchema", { dataSchema: '{"type":"record","name":"r","fields":[]}' }],
    ["compressionFormat", { compressionFormat: "gzip" }],
    ["sysTags", { sysTags: [{ key: "_sys_enterprise_project_id", value: "0" }] }],
    ["csvProperties", { dataType: "CSV", csvProperties: { delimiter: "," } }],
  ] as const)("%s: no API clears it, so removing it replaces the stream", (field, set) => {
    const olds = fresh(set);
    const news = { ...olds };
    delete news[field];
    expect(stream.diff("s", olds, news)).toMatchObject({ changes: true, replaces: [field] });
  });
});

describe("DwsTransferTask: removing an optional input", () => {
  const base = (extra: Props) => checked(task, { ...dwsTask, ...extra });

  it.each([
    ["filePrefix", { filePrefix: "clicks/" }],
    ["dwsTableColumns", { dwsTableColumns: "a,b" }],
    ["options", { options: { rejectLimit: 10 } }],
  ] as const)("%s: every descriptor field replaces the task, so removing it does too", (field, set) => {
    const olds = base(set);
    const news = { ...olds };
    delete news[field];
    expect(task.diff("s/t", olds, news)).toMatchObject({ changes: true, replaces: [field] });
  });

  it("an options member at its documented default (booleans false, reject_limit 0) removed is no change", () => {
    const op = "CreateTransferTask_DWS";
    const defaults = {
      fillMissingFields: vendorDefault("dis.json", op, "dws_destination_descriptor", "options", "fill_missing_fields"),
      rejectLimit: vendorDefault("dis.json", op, "dws_destination_descriptor", "options", "reject_limit"),
    };
    expect(defaults).toEqual({ fillMissingFields: "false", rejectLimit: "0" });
    const olds = base({ options: { fillMissingFields: defaults.fillMissingFields === "true", rejectLimit: Number(defaults.rejectLimit) } });
    expect(task.diff("s/t", olds, base({ options: undefined }))).toEqual({ changes: false });
  });
});
