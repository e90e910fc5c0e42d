/**
 * The three gpdb resources (StreamingJob, StreamingDataSource, StreamingDataService, built on
 * provider/resources/_gpdb.ts) with the real handlers and client against the emulator over
 * loopback, without Pulumi. One describe per concern, all on one emulator: each makes its own
 * parents and names every object afresh, so none sees another's.
 */
import { DEMO_REGION_ID, type RunningEmulator, startEmulator } from "../../../emulator";
import type { gpdb } from "../../../provider/apis/alibaba-gpdb";
import type { AlibabaRpcClient } from "../../../provider/clients/alibaba";
import { toApi } from "../../../provider/engine/fields";
import * as service from "../../../provider/resources/alicloud-streaming-data-service";
import * as source from "../../../provider/resources/alicloud-streaming-data-source";
import * as job from "../../../provider/resources/alicloud-streaming-job";
import { facts } from "../../conformance/facts";
import { basicJob, professionalYaml } from "../../fixtures/streaming-job";
import { gpdbClient } from "../../helpers/clients";
import { callsSince, lastSeq, queueFault, uniqueName } from "../../helpers/emulator";
import { type Props, checked, without } from "../../helpers/resources";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";

const INSTANCE = "gp-demo00000000001";
/** The object id of a gpdb resource's Pulumi id (`<instance>:<id>`). */
const tail = (id: string) => id.split(":")[1] as string;

let emu: RunningEmulator;
let client: AlibabaRpcClient<typeof gpdb>;

beforeAll(async () => {
  emu = await startEmulator({ settleMs: 150, log: () => {} });
  client = gpdbClient(emu.url);
});
afterAll(async () => emu?.close());

/**
 * Crash recovery and adoption for the three gpdb resources, with the real handlers and client
 * against the emulator: a `pulumi up` killed after its create reached the cloud runs the same create
 * again, which must end with the object in state and no duplicate; an object of the name with
 * another definition is refused without `adopt` (nothing changed) and updated in place with it
 * (only the differing fields sent, never an empty value); a difference only a replacement can make
 * is refused even with `adopt`.
 */
describe("crash recovery and adoption", () => {
  /** Two services and two data sources, so a test can point an object at the other parent. */
  let serviceIds: [number, number];
  let dataSourceIds: [string, string];

  interface Module {
    check: (o: Props, n: Props) => { inputs: Props; failures: unknown[] };
    create: (inputs: Props, c: typeof client) => Promise<{ id: string; outs: Props }>;
  }

  beforeAll(async () => {
    const services = [];
    for (const n of ["takeover-svc-a", "takeover-svc-b"]) {
      services.push(Number((await service.create(checked(service, { dbInstanceId: INSTANCE, serviceName: n, serviceSpec: 2 }), client)).outs.serviceId));
    }
    serviceIds = services as [number, number];
    const sources = [];
    for (const [i, n] of ["takeover-src-a", "takeover-src-b"].entries()) {
      const inputs = {
        dbInstanceId: INSTANCE,
        serviceId: serviceIds[i],
        dataSourceName: n,
        dataSourceConfig: { brokers: "192.168.0.10:9092", topic: "orders" },
      };
      sources.push(String((await source.create(checked(source, inputs), client)).outs.dataSourceId));
    }
    dataSourceIds = sources as [string, string];
  });

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
});

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
describe("removing an optional input", () => {
  let serviceId: number;
  let dataSourceId: string;

  interface Module {
    check: (o: Props, n: Props) => { inputs: Props; failures: Array<{ property?: string; reason?: string }> };
    diff: (id: string, o: Props, n: Props) => { changes: boolean; replaces?: string[] };
    create: (inputs: Props, c: typeof client) => Promise<{ id: string; outs: Props }>;
    update: (id: string, o: Props, n: Props, c: typeof client) => Promise<{ outs: Props }>;
    read: (id: string, p: Props, c: typeof client) => Promise<{ inputs?: Props }>;
    shape: Readonly<Record<string, z.ZodType>>;
  }

  const apiName = (prop: string) => `${prop.charAt(0).toUpperCase()}${prop.slice(1)}`;

  /** The vendor's documented default of a Modify parameter, or undefined when none is documented. */
  function vendorDefault(modify: string, param: string): string | undefined {
    const op = facts.gpdb.operations[modify];
    const f = op?.request.find((p) => p.name === param) as { default?: string } | undefined;
    if (op === undefined || f === undefined) throw new Error(`the facts do not list ${modify}.${param}`);
    return f.default;
  }

  beforeAll(async () => {
    serviceId = Number((await service.create(checked(service, { dbInstanceId: INSTANCE, serviceName: "removal-svc", serviceSpec: 2 }), client)).outs.serviceId);
    const src = { dbInstanceId: INSTANCE, serviceId, dataSourceName: "removal-src", dataSourceConfig: { brokers: "192.168.0.10:9092", topic: "orders" } };
    dataSourceId = String((await source.create(checked(source, src), client)).outs.dataSourceId);
  });

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
});

/**
 * The real client and the resource handlers against the emulator over loopback, without Pulumi:
 * create/read/update/delete with waits, drift realignment, partial failure, retries under faults,
 * and create idempotency after ambiguous failures.
 */
describe("handlers against the emulator", () => {
  let dataSourceId: string;

  async function jobsNamed(name: string): Promise<number> {
    const r = await client.call("ListStreamingJobs", { DBInstanceId: INSTANCE, PageSize: 100 });
    return (r.JobItems as Array<{ JobName: string }>).filter((j) => j.JobName === name).length;
  }

  beforeAll(async () => {
    const svc = await service.create(checked(service, { dbInstanceId: INSTANCE, serviceName: "contract-svc", serviceSpec: 2 }), client);
    const src = await source.create(
      checked(source, {
        dbInstanceId: INSTANCE,
        serviceId: svc.outs.serviceId,
        dataSourceName: "contract-src",
        dataSourceConfig: { brokers: "192.168.0.10:9092", topic: "orders" },
      }),
      client,
    );
    expect(src.outs.status).toBe("running");
    dataSourceId = String(src.outs.dataSourceId);
  });

  describe("StreamingJob handlers against the emulator", () => {
    it("creates a basic job, waits for Running, reads it back without phantom drift, updates and deletes it", async () => {
      const inputs = checked(job, { ...basicJob, dataSourceId, jobName: "contract-basic", writeMode: "merge" });
      const { id, outs } = await job.create(inputs, client);
      expect(id).toMatch(/^gp-demo00000000001:\d+$/);
      expect(outs).toMatchObject({ status: "Running", jobName: "contract-basic", region: DEMO_REGION_ID });

      // The service echoes the case it was given and the password in plain text: read must not
      // report either as drift, and returns inputs equal to the program's.
      const read = await job.read(id, outs, client);
      expect(read.inputs).toEqual(Object.fromEntries(Object.entries(inputs).filter(([k]) => k !== "__provider")));

      const news = { ...inputs, errorLimitCount: 77 };
      expect(job.diff(id, outs, news)).toEqual({ changes: true });
      const updated = await job.update(id, outs, news, client);
      expect(updated.outs.status).toBe("Running");
      expect((await client.call("DescribeStreamingJob", { DBInstanceId: INSTANCE, JobId: Number(outs.jobId) })).ErrorLimitCount).toBe(77);

      await job.remove(id, updated.outs, client);
      expect(await job.read(id, updated.outs, client)).toEqual({});
      await expect(job.remove(id, updated.outs, client)).resolves.toBeUndefined();
    });

    it("creates a professional-mode job from the seed YAML and keeps the user's formatting on read", async () => {
      const yaml = `# orders pipeline\n${professionalYaml}`;
      const inputs = checked(job, { dbInstanceId: INSTANCE, dataSourceId, jobName: "contract-professional", mode: "professional", jobConfig: yaml });
      const { id, outs } = await job.create(inputs, client);
      expect(outs.status).toBe("Running");
      const read = await job.read(id, outs, client);
      expect(read.inputs?.jobConfig).toBe(yaml);
      await job.remove(id, outs, client);
    });

    it("reports drift made behind its back as realigned inputs", async () => {
      const inputs = checked(job, { ...basicJob, dataSourceId, jobName: "contract-drift" });
      const { id, outs } = await job.create(inputs, client);
      await client.call("ModifyStreamingJob", {
        DBInstanceId: INSTANCE,
        JobId: Number(outs.jobId),
        ErrorLimitCount: 5,
        WriteMode: "INSERT",
        MatchColumns: [],
        UpdateColumns: [],
      });
      const read = await job.read(id, outs, client);
      expect(read.inputs).toMatchObject({ errorLimitCount: 5, writeMode: "INSERT" });
      expect(read.inputs?.matchColumns).toBeUndefined();
      expect(job.diff(id, read.props ?? {}, inputs)).toEqual({ changes: true });
      await job.remove(id, outs, client);
    });

    it("fails a job that lands in Exception in the partial-failure form, with its id and reason", async () => {
      const inputs = checked(job, { ...basicJob, dataSourceId, jobName: "contract-exception", destDatabase: "missing_db" });
      const err = (await job.create(inputs, client).catch((e: unknown) => e)) as Error & {
        id?: string;
        properties?: Record<string, unknown>;
        reasons?: string[];
      };
      expect(err.id).toMatch(/^gp-demo00000000001:\d+$/);
      expect(err.properties).toMatchObject({ status: "Exception", jobName: "contract-exception" });
      expect(err.message).toMatch(/was created but is not healthy: it is in Exception: .+/);
      expect(err.message).not.toContain("Demo#Pass123");
      await job.remove(String(err.id), err.properties ?? {}, client);
    });

    it("fails a data source whose brokers are unreachable in the partial-failure form", async () => {
      const svc = await client.call("ListStreamingDataServices", { DBInstanceId: INSTANCE, PageSize: 100 });
      const serviceId = (svc.ServiceItems as Array<{ ServiceId: string }>)[0]?.ServiceId;
      const inputs = checked(source, {
        dbInstanceId: INSTANCE,
        serviceId,
        dataSourceName: "contract-unreachable",
        dataSourceConfig: '{"brokers":"10.9.9.9:9092","topic":"t"}',
      });
      const err = (await source.create(inputs, client).catch((e: unknown) => e)) as Error & { id?: string; properties?: Record<string, unknown> };
      expect(err.id).toBeDefined();
      expect(err.properties?.status).toBe("exception");
      await source.remove(String(err.id), err.properties ?? {}, client);
    });

    it("retries throttling on create and makes exactly one job", async () => {
      await queueFault(emu, { action: "CreateStreamingJob", kind: "throttle", times: 2 });
      const { id, outs } = await job.create(checked(job, { ...basicJob, dataSourceId, jobName: "contract-throttled" }), client);
      expect(await jobsNamed("contract-throttled")).toBe(1);
      await job.remove(id, outs, client);
    });

    it.each(["5xx", "drop"])("never duplicates a job when create gets an ambiguous %s answer", async (kind) => {
      const name = `contract-ambiguous-${kind}`;
      await queueFault(emu, { action: "CreateStreamingJob", kind, times: 1 });
      const { id, outs } = await job.create(checked(job, { ...basicJob, dataSourceId, jobName: name }), client);
      expect(outs.status).toBe("Running");
      expect(await jobsNamed(name)).toBe(1);
      await job.remove(id, outs, client);
    });

    it("adopts a job created elsewhere and brings it to the declared configuration", async () => {
      const made = await client.call("CreateStreamingJob", {
        DBInstanceId: INSTANCE,
        DataSourceId: dataSourceId,
        JobName: "contract-adopted",
        Account: "etl",
        Password: "Demo#Pass123",
        DestDatabase: "analytics",
        DestTable: "orders",
        SrcColumns: ["id"],
        DestColumns: ["id"],
        ErrorLimitCount: 1,
      });
      const { id, outs } = await job.create(checked(job, { ...basicJob, dataSourceId, jobName: "contract-adopted", adopt: true }), client);
      expect(id).toBe(`${INSTANCE}:${made.JobId}`);
      expect(outs.status).toBe("Running");
      expect((await client.call("DescribeStreamingJob", { DBInstanceId: INSTANCE, JobId: Number(made.JobId) })).ErrorLimitCount).toBe(basicJob.errorLimitCount);
      expect(await jobsNamed("contract-adopted")).toBe(1);
      await job.remove(id, outs, client);
    });

    it("reads a job by id alone, as StreamingJob.get does", async () => {
      const { id, outs } = await job.create(checked(job, { ...basicJob, dataSourceId, jobName: "contract-get" }), client);
      const got = await job.read(id, { __provider: "shim" }, client);
      expect(got.props).toMatchObject({ jobName: "contract-get", dbInstanceId: INSTANCE, dataSourceId, status: "Running", writeMode: "MERGE" });
      await job.remove(id, outs, client);
    });
  });

  describe("StreamingDataService and StreamingDataSource handlers against the emulator", () => {
    it("fails to delete a data service a data source still uses, with the service's in-band reason, then deletes it once free", async () => {
      const svc = await service.create(checked(service, { dbInstanceId: INSTANCE, serviceName: "contract-svc-in-use", serviceSpec: "2" }), client);
      const src = await source.create(
        checked(source, {
          dbInstanceId: INSTANCE,
          serviceId: svc.outs.serviceId,
          dataSourceName: "contract-src-in-use",
          dataSourceConfig: { brokers: "192.168.0.10:9092", topic: "orders" },
        }),
        client,
      );
      // DeleteStreamingDataService answers HTTP 200 with Status false (the SDK's model): an error, not a wait until timeout.
      const err = (await service.remove(svc.id, svc.outs, client).catch((e: unknown) => e)) as Error;
      expect(err).toBeInstanceOf(Error);
      expect(err.message).toMatch(
        /^gpdb DeleteStreamingDataService failed: Status:false: StreamingDataService "contract-svc-in-use" \(.+\) was not deleted: .+ \(HTTP 200, request id [0-9A-F-]{36}\)$/,
      );
      expect((await service.read(svc.id, svc.outs, client)).id).toBe(svc.id);
      await source.remove(src.id, src.outs, client);
      await service.remove(svc.id, svc.outs, client);
      expect(await service.read(svc.id, svc.outs, client)).toEqual({});
    });

    it("reads a config the service holds under broker_list as no drift from the same brokers under brokers", async () => {
      const svc = await service.create(checked(service, { dbInstanceId: INSTANCE, serviceName: "contract-svc-keys", serviceSpec: "2" }), client);
      const inputs = checked(source, {
        dbInstanceId: INSTANCE,
        serviceId: svc.outs.serviceId,
        dataSourceName: "contract-src-keys",
        dataSourceConfig: { brokers: "192.168.0.10:9092,192.168.0.11:9092", topic: "orders" },
      });
      const { id, outs } = await source.create(inputs, client);
      expect(JSON.parse(String(inputs.dataSourceConfig))).toHaveProperty("brokers");
      // The SDK's Create example spells the key broker_list: the same list written that way behind our back.
      await client.call("ModifyStreamingDataSource", {
        DBInstanceId: INSTANCE,
        DataSourceId: String(outs.dataSourceId),
        DataSourceConfig: '{"broker_list":"192.168.0.10:9092,192.168.0.11:9092","topic":"orders"}',
      });
      const read = await source.read(id, outs, client);
      expect(read.inputs?.dataSourceConfig).toBe(inputs.dataSourceConfig);
      expect(source.diff(id, read.props ?? {}, inputs)).toEqual({ changes: false });
      await source.remove(id, outs, client);
      await service.remove(svc.id, svc.outs, client);
    });
  });
});

/**
 * Waits share their polls: jobs created at once in one instance are polled by one ListStreamingJobs
 * call per round, so the calls per created job stay near the Create itself and its one Describe
 * instead of growing with the time the jobs take to start. Counted in the emulator's request log.
 */
describe("shared status polling", () => {
  const JOBS = 20;
  let own: RunningEmulator;
  let ownClient: AlibabaRpcClient<typeof gpdb>;
  let dataSourceId: string;

  beforeAll(async () => {
    own = await startEmulator({ settleMs: 2_000, log: () => {} });
    ownClient = gpdbClient(own.url);
    const svc = await service.create(checked(service, { dbInstanceId: INSTANCE, serviceName: "poll-svc", serviceSpec: 2 }), ownClient);
    const inputs = {
      dbInstanceId: INSTANCE,
      serviceId: svc.outs.serviceId,
      dataSourceName: "poll-src",
      dataSourceConfig: { brokers: "192.168.0.10:9092", topic: "orders" },
    };
    dataSourceId = String((await source.create(checked(source, inputs), ownClient)).outs.dataSourceId);
  });
  afterAll(async () => own?.close());

  it(`creates ${JOBS} jobs that take a while to start with at most 3 calls per job, each job Running with its own outputs`, async () => {
    const mark = lastSeq(own);
    const made = await Promise.all(
      Array.from({ length: JOBS }, (_, i) => job.create(checked(job, { ...basicJob, dataSourceId, jobName: `poll-job-${i}` }), ownClient)),
    );
    const calls = callsSince(own, mark);
    expect(calls.filter((c) => c === "CreateStreamingJob")).toHaveLength(JOBS);
    expect(calls.length / JOBS).toBeLessThanOrEqual(3);
    expect(made.map((m) => m.outs.status)).toEqual(Array(JOBS).fill("Running"));
    expect(new Set(made.map((m) => m.outs.jobId)).size).toBe(JOBS);
    for (const m of made) expect(m.id).toBe(`${INSTANCE}:${m.outs.jobId}`);
  });

  it(`deletes ${JOBS} jobs at once with at most 3 calls per job, each gone`, async () => {
    const mark = lastSeq(own);
    const r = await ownClient.call("ListStreamingJobs", { DBInstanceId: INSTANCE, PageSize: 100 });
    const ids = (r.JobItems as Array<{ JobId: string }>).map((j) => `${INSTANCE}:${j.JobId}`);
    expect(ids).toHaveLength(JOBS);
    await Promise.all(ids.map((id, i) => job.remove(id, { ...basicJob, jobName: `poll-job-${i}` }, ownClient)));
    expect(callsSince(own, mark).length / JOBS).toBeLessThanOrEqual(3);
    for (const id of ids) expect(await job.read(id, basicJob, ownClient)).toEqual({});
  });
});
