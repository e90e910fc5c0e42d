/**
 * Taking each optional input of the gpdb resources out of a program, with the real handlers and
 * client against the emulator: the update that follows never sends an empty value (the service
 * refuses `FallbackOffset ""`), and the object ends with the vendor's documented default where the
 * vendor documents one, and with the value it had where it does not (nothing else can be sent).
 *
 * The oracle is the vendor facts (test/conformance/facts/gpdb.json, from the SDK models and the
 * CreateStreamingJob reference page): a Modify parameter with a `default` resets to it; one without
 * is kept. The API name of a property is its PascalCase (the project's naming rule), not read from
 * the field tables under test. Each removal rides along with a change to another field, so a
 * Modify is really sent and can be inspected.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { gpdb } from "../../provider/apis/alibaba-gpdb";
import { AlibabaRpcClient } from "../../provider/clients/alibaba";
import * as service from "../../provider/resources/alicloud-streaming-data-service";
import * as source from "../../provider/resources/alicloud-streaming-data-source";
import * as job from "../../provider/resources/alicloud-streaming-job";
import { DEMO_REGION_ID, type RunningEmulator, demoAlibabaSettings, startEmulator } from "../../emulator";
import { facts } from "../conformance/facts";
import { basicJob, professionalYaml } from "../fixtures/streaming-job";
import { lastSeq, uniqueName } from "../helpers/emulator";

let emu: RunningEmulator;
let client: AlibabaRpcClient<typeof gpdb>;
const INSTANCE = "gp-demo00000000001";
let serviceId: number;
let dataSourceId: string;

type Props = Record<string, unknown>;
interface Module {
  check: (o: Props, n: Props) => { inputs: Props; failures: Array<{ property?: string; reason?: string }> };
  diff: (id: string, o: Props, n: Props) => { changes: boolean; replaces?: string[] };
  create: (inputs: Props, c: typeof client) => Promise<{ id: string; outs: Props }>;
  update: (id: string, o: Props, n: Props, c: typeof client) => Promise<{ outs: Props }>;
  read: (id: string, p: Props, c: typeof client) => Promise<{ inputs?: Props }>;
  shape: Readonly<Record<string, z.ZodType>>;
}

const checked = (m: Module, news: Props) => {
  const r = m.check({}, news);
  expect(r.failures).toEqual([]);
  return r.inputs;
};

const without = (o: Props, k: string) => Object.fromEntries(Object.entries(o).filter(([key]) => key !== k));
const apiName = (prop: string) => `${prop.charAt(0).toUpperCase()}${prop.slice(1)}`;

/** The vendor's documented default of a Modify parameter, or undefined when none is documented. */
function vendorDefault(modify: string, param: string): string | undefined {
  const op = facts.gpdb.operations[modify];
  const f = op?.request.find((p) => p.name === param) as { default?: string } | undefined;
  if (op === undefined || f === undefined) throw new Error(`the facts do not list ${modify}.${param}`);
  return f.default;
}

beforeAll(async () => {
  emu = await startEmulator({ settleMs: 60, log: () => {} });
  client = new AlibabaRpcClient(gpdb, {
    settings: demoAlibabaSettings(emu.url, 200),
    region: DEMO_REGION_ID,
    retry: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 100 },
  });
  serviceId = Number((await service.create(checked(service, { dbInstanceId: INSTANCE, serviceName: "removal-svc", serviceSpec: 2 }), client)).outs.serviceId);
  const src = { dbInstanceId: INSTANCE, serviceId, dataSourceName: "removal-src", dataSourceConfig: { brokers: "192.168.0.10:9092", topic: "orders" } };
  dataSourceId = String((await source.create(checked(source, src), client)).outs.dataSourceId);
});
afterAll(async () => emu?.close());

interface Resource {
  readonly kind: string;
  readonly module: Module;
  readonly modify: string;
  readonly describe: (n: string) => Promise<Record<string, unknown>>;
  /** Inputs setting every optional input the case table removes. */
  readonly base: (name: string) => Props;
  /** Another field changed beside the removal, so an update is really sent. */
  readonly carrier: (prop: string) => Props;
}

const jobResource: Resource = {
  kind: "StreamingJob",
  module: job,
  modify: "ModifyStreamingJob",
  describe: (n) => client.call("DescribeStreamingJob", { DBInstanceId: INSTANCE, JobId: Number(n) }),
  // writeMode INSERT, so that matchColumns and updateColumns can go too (MERGE needs matchColumns).
  base: (name) => ({ ...basicJob, dataSourceId, jobName: name, writeMode: "INSERT", jobDescription: "orders feed", tryRun: true }),
  carrier: (prop) => (prop === "errorLimitCount" ? { jobDescription: "orders feed, changed" } : { errorLimitCount: 11 }),
};
const professional: Resource = {
  ...jobResource,
  base: (name) => ({ dbInstanceId: INSTANCE, dataSourceId, jobName: name, mode: "professional", jobConfig: professionalYaml }),
};
const sourceResource: Resource = {
  kind: "StreamingDataSource",
  module: source,
  modify: "ModifyStreamingDataSource",
  describe: (n) => client.call("DescribeStreamingDataSource", { DBInstanceId: INSTANCE, DataSourceId: Number(n) }),
  base: (name) => ({
    dbInstanceId: INSTANCE,
    serviceId,
    dataSourceName: name,
    dataSourceConfig: { brokers: "192.168.0.10:9092", topic: "orders" },
    dataSourceDescription: "orders topic",
  }),
  carrier: () => ({ dataSourceConfig: { brokers: "192.168.0.10:9092", topic: "orders", format: "json" } }),
};
const serviceResource: Resource = {
  kind: "StreamingDataService",
  module: service,
  modify: "ModifyStreamingDataService",
  describe: (n) => client.call("DescribeStreamingDataService", { DBInstanceId: INSTANCE, ServiceId: n }),
  base: (name) => ({ dbInstanceId: INSTANCE, serviceName: name, serviceSpec: "2", serviceDescription: "ingest" }),
  carrier: () => ({ serviceSpec: "4" }),
};

/**
 * Every optional input of the three resources. `applies`: removed and updated (the facts say what
 * the object then holds); `required`: the project's mode rule requires it (check refuses the
 * removal, so nothing is sent); `replaces`: the region decides the endpoint.
 */
const cases: ReadonlyArray<{ resource: Resource; prop: string; removal: "applies" | "required" | "replaces" }> = [
  ...[
    "jobDescription",
    "destSchema",
    "srcColumns",
    "destColumns",
    "matchColumns",
    "updateColumns",
    "writeMode",
    "groupName",
    "fallbackOffset",
    "errorLimitCount",
    "consistency",
    "tryRun",
  ].map((prop) => ({ resource: jobResource, prop, removal: "applies" as const })),
  ...["account", "password", "destDatabase", "destTable"].map((prop) => ({ resource: jobResource, prop, removal: "required" as const })),
  { resource: professional, prop: "jobConfig", removal: "required" },
  { resource: jobResource, prop: "regionId", removal: "replaces" },
  { resource: sourceResource, prop: "dataSourceDescription", removal: "applies" },
  { resource: sourceResource, prop: "regionId", removal: "replaces" },
  { resource: serviceResource, prop: "serviceDescription", removal: "applies" },
  { resource: serviceResource, prop: "regionId", removal: "replaces" },
];

describe("the case table", () => {
  it.each([jobResource, sourceResource, serviceResource])("covers every optional input of $kind", (r) => {
    const optional = Object.entries(r.module.shape)
      .filter(([k, schema]) => k !== "adopt" && schema.safeParse(undefined).success && schema.safeParse(undefined).data === undefined)
      .map(([k]) => k)
      .sort();
    expect(
      cases
        .filter((c) => c.resource.module === r.module)
        .map((c) => c.prop)
        .sort(),
    ).toEqual(optional);
  });
});

const tail = (id: string) => id.split(":")[1] as string;

describe.each(cases.filter((c) => c.removal === "applies"))("removing $resource.kind $prop", ({ resource: r, prop }) => {
  it("sends no empty value and leaves the vendor default or the value it had", async () => {
    const api = apiName(prop);
    const dflt = vendorDefault(r.modify, api);
    const before = checked(r.module, r.base(uniqueName("removal")));
    const made = await r.module.create(before, client);
    const held = (await r.describe(tail(made.id)))[api];

    // Removed alone: a reset to a default is a change, a kept field is none (and no drift later).
    expect(r.module.diff(made.id, made.outs, checked(r.module, without(before, prop))).changes).toBe(dflt !== undefined);

    const news = checked(r.module, { ...without(before, prop), ...r.carrier(prop) });
    const d = r.module.diff(made.id, made.outs, news);
    expect(d).toEqual({ changes: true });
    const mark = lastSeq(emu);
    const updated = await r.module.update(made.id, made.outs, news, client);
    const modifies = emu.requests(mark).filter((c) => c.action === r.modify);
    expect(modifies).toHaveLength(1);
    const params = modifies[0]?.params ?? {};
    expect(modifies[0]?.status).toBe(200);
    expect(Object.entries(params).filter(([, v]) => v === "" || v === "[]")).toEqual([]);

    const now = (await r.describe(tail(made.id)))[api];
    if (dflt !== undefined) {
      // Reset: the default goes on the wire (TryRun is never echoed, so the wire is all there is to see).
      expect(params[api]).toBe(dflt);
      if (now !== undefined) expect(String(now)).toBe(dflt);
    } else {
      // Kept: nothing sent for it, the object keeps its value, and a refresh records no drift.
      expect(params).not.toHaveProperty(api);
      expect(held).toBeDefined();
      expect(now).toEqual(held);
      const read = await r.module.read(made.id, updated.outs, client);
      expect(read.inputs).not.toHaveProperty(prop);
    }
  });
});

describe.each(cases.filter((c) => c.removal === "required"))("removing $resource.kind $prop", ({ resource: r, prop }) => {
  it("rejects the removal at check, so no update can send it empty", () => {
    const r0 = r.module.check({}, without(r.base(uniqueName("removal")), prop));
    expect(r0.failures.map((f) => f.property)).toContain(prop);
  });
});

describe.each(cases.filter((c) => c.removal === "replaces"))("removing $resource.kind $prop", ({ resource: r, prop }) => {
  it("replaces the object: the region decides the endpoint", () => {
    const before = checked(r.module, { ...r.base(uniqueName("removal")), regionId: DEMO_REGION_ID });
    const d = r.module.diff(`${INSTANCE}:1`, before, checked(r.module, without(before, prop)));
    expect(d.replaces).toContain(prop);
  });
});
