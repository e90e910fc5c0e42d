/**
 * Crash recovery and adoption for the three gpdb resources, with the real handlers and client
 * against the emulator: a `pulumi up` killed after its create reached the cloud runs the same create
 * again, which must end with the object in state and no duplicate; an object of the name with
 * another definition is refused without `adopt` (nothing changed) and updated in place with it
 * (only the differing fields sent, never an empty value); a difference only a replacement can make
 * is refused even with `adopt`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gpdb } from "../../provider/apis/alibaba-gpdb";
import { AlibabaRpcClient } from "../../provider/clients/alibaba";
import { toApi } from "../../provider/engine/fields";
import * as service from "../../provider/resources/alicloud-streaming-data-service";
import * as source from "../../provider/resources/alicloud-streaming-data-source";
import * as job from "../../provider/resources/alicloud-streaming-job";
import { DEMO_REGION_ID, type RunningEmulator, demoAlibabaSettings, startEmulator } from "../../emulator";
import { basicJob } from "../fixtures/streaming-job";
import { lastSeq, queueFault, uniqueName } from "../helpers/emulator";

let emu: RunningEmulator;
let client: AlibabaRpcClient<typeof gpdb>;
const INSTANCE = "gp-demo00000000001";
/** Two services and two data sources, so a test can point an object at the other parent. */
let serviceIds: [number, number];
let dataSourceIds: [string, string];

type Props = Record<string, unknown>;
interface Module {
  check: (o: Props, n: Props) => { inputs: Props; failures: unknown[] };
  create: (inputs: Props, c: typeof client) => Promise<{ id: string; outs: Props }>;
}

const checked = (m: Module, news: Props) => {
  const r = m.check({}, news);
  expect(r.failures).toEqual([]);
  return r.inputs;
};

beforeAll(async () => {
  emu = await startEmulator({ settleMs: 100, log: () => {} });
  client = new AlibabaRpcClient(gpdb, {
    settings: demoAlibabaSettings(emu.url, 200),
    region: DEMO_REGION_ID,
    retry: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 100 },
  });
  const services = [];
  for (const n of ["takeover-svc-a", "takeover-svc-b"]) {
    services.push(Number((await service.create(checked(service, { dbInstanceId: INSTANCE, serviceName: n, serviceSpec: 2 }), client)).outs.serviceId));
  }
  serviceIds = services as [number, number];
  const sources = [];
  for (const [i, n] of ["takeover-src-a", "takeover-src-b"].entries()) {
    const inputs = { dbInstanceId: INSTANCE, serviceId: serviceIds[i], dataSourceName: n, dataSourceConfig: { brokers: "192.168.0.10:9092", topic: "orders" } };
    sources.push(String((await source.create(checked(source, inputs), client)).outs.dataSourceId));
  }
  dataSourceIds = sources as [string, string];
});
afterAll(async () => emu?.close());

/**
 * One row per resource: the program's inputs, a field an object made elsewhere holds differently
 * (updatable in place), and a field only a replacement changes (none for a data service: its only
 * such fields are its name and instance, which a name clash shares).
 */
interface Row {
  readonly kind: string;
  readonly module: Module;
  readonly inputs: (name: string) => Props;
  readonly create: "CreateStreamingJob" | "CreateStreamingDataSource" | "CreateStreamingDataService";
  /** The create response's id field. */
  readonly idField: string;
  readonly modify: string;
  readonly list: { action: "ListStreamingJobs" | "ListStreamingDataSources" | "ListStreamingDataServices"; items: string; name: string };
  readonly describe: (n: string) => Promise<Record<string, unknown>>;
  readonly idOf: (id: string) => string;
  /** `sent`: every parameter the adopting Modify may carry besides the addressing ones. */
  readonly mutable: { prop: string; api: string; theirs: unknown; wire: string; sent: readonly string[] };
  readonly fixed?: () => { prop: string; theirs: unknown };
}

const tail = (id: string) => id.split(":")[1] as string;

const rows: Row[] = [
  {
    kind: "StreamingJob",
    module: job,
    inputs: (name) => ({ ...basicJob, dataSourceId: dataSourceIds[0], jobName: name }),
    create: "CreateStreamingJob",
    idField: "JobId",
    modify: "ModifyStreamingJob",
    list: { action: "ListStreamingJobs", items: "JobItems", name: "JobName" },
    describe: (n) => client.call("DescribeStreamingJob", { DBInstanceId: INSTANCE, JobId: Number(n) }),
    idOf: tail,
    mutable: { prop: "errorLimitCount", api: "ErrorLimitCount", theirs: 1, wire: String(basicJob.errorLimitCount), sent: ["ErrorLimitCount"] },
    fixed: () => ({ prop: "dataSourceId", theirs: dataSourceIds[1] }),
  },
  {
    kind: "StreamingDataSource",
    module: source,
    inputs: (name) => ({
      dbInstanceId: INSTANCE,
      serviceId: serviceIds[0],
      dataSourceName: name,
      dataSourceConfig: { brokers: "192.168.0.10:9092", topic: "orders" },
      dataSourceDescription: "the program's",
    }),
    create: "CreateStreamingDataSource",
    idField: "DataSourceId",
    modify: "ModifyStreamingDataSource",
    list: { action: "ListStreamingDataSources", items: "DataSourceItems", name: "DataSourceName" },
    describe: (n) => client.call("DescribeStreamingDataSource", { DBInstanceId: INSTANCE, DataSourceId: Number(n) }),
    idOf: tail,
    mutable: {
      prop: "dataSourceDescription",
      api: "DataSourceDescription",
      theirs: "made elsewhere",
      wire: "the program's",
      // The config goes with every modify (see the resource); it is the program's too.
      sent: ["DataSourceConfig", "DataSourceDescription"],
    },
    fixed: () => ({ prop: "serviceId", theirs: serviceIds[1] }),
  },
  {
    kind: "StreamingDataService",
    module: service,
    inputs: (name) => ({ dbInstanceId: INSTANCE, serviceName: name, serviceSpec: "2", serviceDescription: "the program's" }),
    create: "CreateStreamingDataService",
    idField: "ServiceId",
    modify: "ModifyStreamingDataService",
    list: { action: "ListStreamingDataServices", items: "ServiceItems", name: "ServiceName" },
    describe: (n) => client.call("DescribeStreamingDataService", { DBInstanceId: INSTANCE, ServiceId: n }),
    idOf: tail,
    mutable: { prop: "serviceSpec", api: "ServiceSpec", theirs: "4", wire: "2", sent: ["ServiceSpec"] },
  },
];

async function countNamed(row: Row, name: string): Promise<number> {
  const r = await client.call(row.list.action, { DBInstanceId: INSTANCE, PageSize: 100 });
  return (r[row.list.items] as Array<Record<string, unknown>>).filter((o) => o[row.list.name] === name).length;
}

const callsSince = (mark: number) => emu.requests(mark);

describe.each(rows)("$kind: a create whose name is taken", (row) => {
  it("takes over the object a killed run created: same id, one object, nothing modified", async () => {
    const name = uniqueName("crash");
    const inputs = checked(row.module, row.inputs(name));
    const first = await row.module.create(inputs, client); // the killed run's answer, lost with it
    const mark = lastSeq(emu);
    const again = await row.module.create(inputs, client);
    expect(again.id).toBe(first.id);
    expect(await countNamed(row, name)).toBe(1);
    const calls = callsSince(mark);
    // The repeated create reached the service and was refused on the name, then nothing was changed.
    expect(calls.find((c) => c.action === row.create)?.status).toBe(400);
    expect(calls.map((c) => c.action)).not.toContain(row.modify);
    expect(String(again.outs.status).toLowerCase()).toBe("running");
  });

  it("completes a create killed before it settled: the takeover waits until the object is healthy", async () => {
    const name = uniqueName("cut");
    const inputs = checked(row.module, row.inputs(name));
    const mod = row.module as unknown as { fields: Parameters<typeof toApi>[0] };
    // What the create sends; the run dies before its wait.
    const made = await client.call(row.create, { RegionId: DEMO_REGION_ID, ...toApi(mod.fields, inputs) } as never);
    const again = await row.module.create(inputs, client);
    expect(row.idOf(again.id)).toBe(String(made[row.idField]));
    expect(String(again.outs.status).toLowerCase()).toBe("running");
    expect(await countNamed(row, name)).toBe(1);
  });

  it("rejects an object of the name with another definition, naming both and the ways out, and changes nothing", async () => {
    const name = uniqueName("differs");
    const inputs = checked(row.module, row.inputs(name));
    const theirs = await row.module.create(checked(row.module, { ...row.inputs(name), [row.mutable.prop]: row.mutable.theirs }), client);
    const mark = lastSeq(emu);
    const err = (await row.module.create(inputs, client).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toContain(`${row.kind} "${name}"`);
    expect(err.message).toContain(`${row.kind} ${row.idOf(theirs.id)} in ${INSTANCE}`);
    expect(err.message).toContain(row.mutable.prop);
    expect(err.message).toContain("adopt: true");
    expect(err.message).toMatch(/delete .+ or choose another/);
    expect(callsSince(mark).map((c) => c.action)).not.toContain(row.modify);
    expect((await row.describe(row.idOf(theirs.id)))[row.mutable.api]).toEqual(row.mutable.theirs);
    expect(await countNamed(row, name)).toBe(1);
  });

  it("rejects a differing object that the look-up after an ambiguous create finds, rather than taking it silently", async () => {
    const name = uniqueName("dropped");
    const theirs = await row.module.create(checked(row.module, { ...row.inputs(name), [row.mutable.prop]: row.mutable.theirs }), client);
    // The create's connection is cut before the service handles it: the client cannot tell, looks up, and finds theirs.
    await queueFault(emu, { action: row.create, kind: "drop", times: 1 });
    const mark = lastSeq(emu);
    const err = (await row.module.create(checked(row.module, row.inputs(name)), client).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toContain(`${row.kind} ${row.idOf(theirs.id)} in ${INSTANCE}`);
    expect(err.message).toContain("adopt: true");
    const calls = callsSince(mark);
    expect(calls.find((c) => c.action === row.create)?.fault).toBe("drop");
    expect(calls.map((c) => c.action)).not.toContain(row.modify);
    expect(await countNamed(row, name)).toBe(1);
  });

  it("with adopt: true updates the differing object in place, sending only the program's values", async () => {
    const name = uniqueName("adopt");
    const theirs = await row.module.create(checked(row.module, { ...row.inputs(name), [row.mutable.prop]: row.mutable.theirs }), client);
    const mark = lastSeq(emu);
    const got = await row.module.create(checked(row.module, { ...row.inputs(name), adopt: true }), client);
    expect(got.id).toBe(theirs.id);
    const calls = callsSince(mark);
    // adopt looks the name up before creating, so no create is sent.
    expect(calls.map((c) => c.action)).not.toContain(row.create);
    const modifies = calls.filter((c) => c.action === row.modify);
    expect(modifies).toHaveLength(1);
    const params = modifies[0]?.params ?? {};
    expect(params[row.mutable.api]).toBe(row.mutable.wire);
    const addressing = ["RegionId", "DBInstanceId", "JobId", "DataSourceId", "ServiceId"];
    expect(
      Object.keys(params)
        .filter((k) => !addressing.includes(k))
        .sort(),
    ).toEqual([...row.mutable.sent].sort());
    expect(Object.entries(params).filter(([, v]) => v === "" || v === "[]")).toEqual([]);
    expect(String((await row.describe(row.idOf(theirs.id)))[row.mutable.api])).toBe(row.mutable.wire);
    expect(await countNamed(row, name)).toBe(1);
  });
});

// A data service has no such field: its only replacing fields are its name and instance, which a clash shares.
describe.each(rows.filter((r) => r.fixed !== undefined))("$kind: adopting an object of the name", (row) => {
  it("rejects adopt: true when the object differs in a field only a replacement changes", async () => {
    const fixed = (row.fixed as NonNullable<Row["fixed"]>)();
    const name = uniqueName("fixed");
    const theirs = await row.module.create(checked(row.module, { ...row.inputs(name), [fixed.prop]: fixed.theirs }), client);
    const mark = lastSeq(emu);
    const err = (await row.module.create(checked(row.module, { ...row.inputs(name), adopt: true }), client).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toContain(`cannot adopt ${row.kind} ${row.idOf(theirs.id)} in ${INSTANCE}`);
    expect(err.message).toContain(`${fixed.prop} cannot be changed in place`);
    expect(callsSince(mark).map((c) => c.action)).not.toContain(row.modify);
    expect(await countNamed(row, name)).toBe(1);
  });
});
