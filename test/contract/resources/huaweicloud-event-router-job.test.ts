/**
 * The real Huawei client and the EventRouterJob handlers against the emulator over loopback,
 * without Pulumi: create/read/update/delete with waits, the replica check against DMS, stop/start,
 * drift, partial failure, retries under faults, create idempotency after an ambiguous failure, and
 * IAM token auth end to end.
 */
import { DEMO_HUAWEI_USER, type RunningEmulator, demoHuaweiSettings, startEmulator } from "../../../emulator";
import { eventRouterApi } from "../../../provider/apis/huawei-eg";
import { HuaweiClient, clearTokenCache } from "../../../provider/clients/huawei";
import * as job from "../../../provider/resources/huaweicloud-event-router-job";
import {
  KAFKA_DR,
  KAFKA_REPLICA,
  KAFKA_UNREACHABLE,
  SASL_PASSWORD,
  dcsJob,
  kafkaJob,
  rocketmqJob,
  PROJECT,
  KAFKA_PRIMARY,
} from "../../fixtures/event-router-job";
import { huaweiClient, answered } from "../../helpers/clients";
import { callsSince, lastSeq, queueFault } from "../../helpers/emulator";
import { type Props, checkedTimed, withAt, withoutAt, at, huaweiVendorDefault } from "../../helpers/resources";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** One emulator for the file; every test names its jobs afresh (`seq`), so none sees another's. */
let emu: RunningEmulator;
let client: HuaweiClient;
let seq = 0;

const checked = (news: Props) => checkedTimed(job, news);
const named = (name: string, base: Props = kafkaJob) => ({ ...base, name: `${name}-${++seq}` });
const withSink = (base: Props, patch: Props) => ({ ...base, sinkConfig: { sinkKafka: { ...(kafkaJob.sinkConfig.sinkKafka as Props), ...patch } } });
const withK2k = (base: Props, patch: Props) => ({ ...base, advanceConfig: { kafka2kafka: { ...kafkaJob.advanceConfig.kafka2kafka, ...patch } } });

const jobsNamed = async (name: string) => (await eventRouterApi.listByName(client, name, undefined)).filter((j) => j.name === name);

beforeAll(async () => {
  emu = await startEmulator({ settleMs: 100, log: () => {} });
  client = huaweiClient("eg", emu.url);
});
afterAll(async () => emu?.close());

describe("EventRouterJob handlers against the emulator", () => {
  it("creates a kafka2kafka job, waits for RUNNING, reads it back without drift, updates and deletes it", async () => {
    const inputs = checked(named("contract-k2k"));
    const { id, outs } = await job.create(inputs, client);
    expect(outs).toMatchObject({ jobId: id, status: "RUNNING", sourceType: "KAFKA", sinkType: "KAFKA", errMessage: "" });

    const read = await job.read(id, outs, client);
    expect(read.id).toBe(id);
    expect(job.diff(id, read.props ?? {}, inputs)).toEqual({ changes: false });
    expect(JSON.stringify(read.props)).toContain(SASL_PASSWORD); // carried over: the API never echoes it

    const news = checked(withK2k({ ...inputs, description: "updated" }, { replicaCnt: 2, topics: "t01,t02" }));
    const mark = lastSeq(emu);
    const updated = await job.update(id, outs, news, client);
    expect(callsSince(emu, mark)).toEqual(expect.arrayContaining(["ShowDmsInstance", "UpdateEventRouterJob"]));
    expect(updated.outs.status).toBe("RUNNING");
    const shown = await eventRouterApi.show(client, id);
    expect(shown.description).toBe("updated");
    expect(shown.advance_config).toMatchObject({ kafka2kafka: { replica_cnt: 2, topics: "t01,t02" } });

    await job.remove(id, updated.outs, client);
    expect(await job.read(id, updated.outs, client)).toEqual({});
  });

  it("creates RocketMQ and DCS jobs", async () => {
    for (const base of [rocketmqJob, dcsJob] as Props[]) {
      const { id, outs } = await job.create(checked(named("contract-kind", base)), client);
      expect(outs.status).toBe("RUNNING");
      await job.remove(id, outs, client);
    }
  });

  it("refuses more replicas than the sink has brokers before creating anything, with the count", async () => {
    const inputs = checked(
      withSink(withK2k(named("contract-replicas"), { replicaCnt: 3 }), {
        instanceId: KAFKA_DR,
        region: "cn-east-3",
        projectId: "8d4e6f1a2b3c4d5e6f708192a3b4c5d6",
      }),
    );
    const mark = lastSeq(emu);
    await expect(job.create(inputs, client)).rejects.toThrow(
      `EventRouterJob "${String(inputs.name)}": advanceConfig.kafka2kafka.replicaCnt is 3 but the sink Kafka instance ${KAFKA_DR} has 2 brokers; a topic cannot have more replicas than brokers. Set replicaCnt to 2 or less.`,
    );
    expect(callsSince(emu, mark)).toEqual(["ShowDmsInstance"]);
  });

  it("names the sink instance when DMS does not know it", async () => {
    const inputs = checked(withSink(named("contract-missing"), { instanceId: "2f7d3c1e-8a4b-4d6e-9f10-0000000000ff" }));
    await expect(job.create(inputs, client)).rejects.toThrow(
      /sinkConfig\.sinkKafka\.instanceId 2f7d3c1e-8a4b-4d6e-9f10-0000000000ff is not a DMS Kafka instance in project 5f2c1e0a9b7d4c3e8a6f1b2d3c4e5f60 \(cn-north-4\)/,
    );
  });

  it("stops and starts the job through desiredStatus, and creates a job stopped", async () => {
    const inputs = checked(named("contract-stop"));
    const { id, outs } = await job.create(inputs, client);
    const stopped = await job.update(id, outs, { ...inputs, desiredStatus: "STOPPED" }, client);
    expect(stopped.outs.status).toBe("STOPPED");
    expect((await eventRouterApi.show(client, id)).status).toBe("STOPPED");
    // Drift: started behind Pulumi's back; read records desiredStatus RUNNING, so diff shows an update.
    await eventRouterApi.operate(client, id, "START");
    await new Promise((r) => setTimeout(r, 300));
    const read = await job.read(id, stopped.outs, client);
    expect(read.inputs?.desiredStatus).toBe("RUNNING");
    expect(job.diff(id, read.props ?? {}, { ...inputs, desiredStatus: "STOPPED" })).toEqual({ changes: true });
    await job.remove(id, stopped.outs, client);

    const created = await job.create(checked({ ...named("contract-born-stopped"), desiredStatus: "STOPPED" }), client);
    expect(created.outs.status).toBe("STOPPED");
    await job.remove(created.id, created.outs, client);
  });

  it("keeps a job that ends in ERROR in state (partial failure) with the service's reason", async () => {
    const inputs = checked(withSink(named("contract-error"), { instanceId: KAFKA_UNREACHABLE }));
    const err = (await job.create(inputs, client).catch((e: unknown) => e)) as Error & { id?: string; properties?: Props; reasons?: string[] };
    expect(err.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(err.properties).toMatchObject({ status: "ERROR", jobId: err.id, name: inputs.name });
    expect(String(err.properties?.errMessage)).not.toBe("");
    expect(err.reasons?.[0]).toBe(err.message);
    expect(err.message).toContain(`was created but is not healthy: status ERROR: ${String(err.properties?.errMessage)}`);
    expect(err.message).not.toContain(SASL_PASSWORD);
    // The next up's update tries START once, and reports the job still broken.
    await expect(job.update(String(err.id), err.properties ?? {}, inputs, client)).rejects.toMatchObject({ id: err.id });
    await job.remove(String(err.id), err.properties ?? {}, client);
  });

  it("does not make a second job when the create's connection drops after it was applied", async () => {
    const inputs = checked(named("contract-ambiguous"));
    await queueFault(emu, { action: "CreateEventRouterJob", kind: "drop", applied: true });
    const { id, outs } = await job.create(inputs, client);
    expect(outs.status).toBe("RUNNING");
    expect((await jobsNamed(String(inputs.name))).map((j) => j.job_id)).toEqual([id]);
    await job.remove(id, outs, client);
  });

  it("retries throttling (429 APIGW.0308) on create and 5xx on reads", async () => {
    const inputs = checked(named("contract-throttle"));
    await queueFault(emu, { action: "CreateEventRouterJob", kind: "throttle", times: 2 });
    await queueFault(emu, { action: "ShowEventRouterJob", kind: "5xx", times: 2 });
    const { id, outs } = await job.create(inputs, client);
    expect(outs.status).toBe("RUNNING");
    expect((await jobsNamed(String(inputs.name))).length).toBe(1);
    await job.remove(id, outs, client);
  });

  it("treats a DELETE that finds the job already deleting or gone as done", async () => {
    const inputs = checked(named("contract-delete"));
    const { id, outs } = await job.create(inputs, client);
    await queueFault(emu, { action: "DeleteEventRouterJob", kind: "drop", applied: true });
    await job.remove(id, outs, client);
    expect(await job.read(id, outs, client)).toEqual({});
    await job.remove(id, outs, client); // already gone: nothing to do
  });

  it("authenticates with an IAM user token instead of AK/SK", async () => {
    clearTokenCache();
    const base = demoHuaweiSettings(emu.url, 500);
    const iam = new HuaweiClient("eg", {
      settings: {
        ...base,
        accessKey: undefined,
        secretKey: undefined,
        password: { domainName: DEMO_HUAWEI_USER.domain, userName: DEMO_HUAWEI_USER.name, password: DEMO_HUAWEI_USER.password, authUrl: undefined },
      },
    });
    const mark = lastSeq(emu);
    const { id, outs } = await job.create(checked(named("contract-iam")), iam);
    expect(outs.status).toBe("RUNNING");
    const calls = callsSince(emu, mark);
    expect(calls.filter((c) => c === "KeystoneCreateUserTokenByPassword")).toHaveLength(1);
    expect(calls.length).toBeGreaterThan(3);
    await job.remove(id, outs, iam);
    const log = JSON.stringify(emu.requests(mark));
    expect(log).not.toContain(DEMO_HUAWEI_USER.password);
    expect(log).not.toContain(SASL_PASSWORD);
  });

  it("replaces rather than updates when the sink moves to another instance", () => {
    const inputs = checked(named("contract-diff"));
    expect(job.diff("x", inputs, checked(withSink(inputs, { instanceId: KAFKA_REPLICA.replace("a002", "a001") })))).toMatchObject({ replaces: ["sinkConfig"] });
  });
});

/**
 * Removing an optional input of a Huawei resource, real handlers against the emulator, one case
 * table: create with the input set, update with it removed, then check the recorded wire request
 * (nothing sent empty, the removed member not sent) and what the emulator holds afterwards: the
 * vendor's documented default (test/conformance/facts), nothing (the service's own default, for a
 * member the page gives none), or the old value where the removal keeps it. A refresh afterwards
 * reports no drift. Removals that only a replacement applies are a diff that replaces.
 */
describe("removing an optional input", () => {
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
      const inputs = checkedTimed(job, base);
      expect(at(inputs, c.sdk)).toBeDefined();
      const { id, outs } = await job.create(inputs, client);
      const storedBefore = emu.store.get("huawei.eg.jobs", `${PROJECT}/${id}`);

      const news = checkedTimed(job, withoutAt(base, c.sdk));
      expect(job.diff(id, outs, news).replaces).toBeUndefined();
      const mark = lastSeq(emu);
      const updated = await job.update(id, outs, news, client);
      const puts = emu.requests(mark).filter((r) => r.action === "UpdateEventRouterJob");
      // A kept member is no change: nothing at all is sent.
      expect(puts).toHaveLength("kept" in c.held ? 0 : 1);
      for (const put of puts) {
        expect(Object.entries(put.params).filter(([, v]) => v === "")).toEqual([]);
        expect(Object.keys(put.params).filter((k) => k === c.api.join(".") || k.startsWith(`${c.api.join(".")}.`))).toEqual([]);
      }

      const shown = await eventRouterApi.show(client, id);
      if ("none" in c.held) expect([undefined, null, ""]).toContain(at(shown, c.api));
      if ("kept" in c.held) {
        // Never echoed: the emulator's own record shows the stored password survived the update.
        const record = (r: unknown) => at(r, ["sinkConfig", ...c.api.slice(1)]);
        const stored = emu.store.get("huawei.eg.jobs", `${PROJECT}/${id}`);
        expect(record(stored)).toBe(record(storedBefore));
        expect(record(stored)).toBe(at(inputs, c.sdk));
      }
      const read = await job.read(id, updated.outs, client);
      expect(job.diff(id, read.props ?? {}, news)).toEqual({ changes: false });
      await job.remove(id, updated.outs, client);
    });

    it("compares an unset dcs2dcs.rateLimit equal to the page's default, so reading it back is no drift", () => {
      const documented = huaweiVendorDefault("eventrouter.json", "UpdateEventRouterJob", "advance_config", "dcs2dcs", "rate_limit");
      expect(documented).toBe("5 MB/s");
      const base = checkedTimed(job, { ...dcsJob, name: "rate-default" });
      const echoed = withAt(base, dcs, { rateLimit: documented });
      expect(job.diff("x", echoed, base)).toEqual({ changes: false });
      expect(job.diff("x", withAt(base, dcs, { rateLimit: "10 MB/s" }), base)).toEqual({ changes: true });
    });
  });
});

/**
 * Crash recovery and adoption for the three Huawei resources, real handlers against the emulator:
 * a `pulumi up` killed after a create reached the cloud loses the create's answer, and the next
 * `up` calls create again with the same inputs. The vendor refuses the name (EventGrid
 * EG.00513001, DIS DIS.4307 for streams and DIS.4355 for dump tasks: test/conformance/facts), so
 * the create must take the object over (same id, one object), refuse a differing one naming both
 * and the way out, and with `adopt: true` update it in place unless the difference only a
 * replacement changes.
 */
describe("a create whose name is taken", () => {
  /** The vendor codes for a taken name, from the facts (eventrouter.json, dis.json error codes). */
  const EG_NAME_DUPLICATED = "EG.00513001";

  const answeredSince = (mark: number, action: string) => answered(emu, mark, action);

  describe("EventRouterJob: a create whose name is taken", () => {
    const fresh = (extra: Props = {}) => checkedTimed(job, { ...kafkaJob, name: `takeover-${++seq}`, ...extra });

    it("takes over the job a killed create left behind: same id, one job, nothing changed", async () => {
      const inputs = fresh();
      const first = await job.create(inputs, client); // its answer is lost with the killed run
      const mark = lastSeq(emu);
      const second = await job.create(inputs, client);
      expect(second.id).toBe(first.id);
      expect(answeredSince(mark, "CreateEventRouterJob").map((r) => r.code)).toEqual([EG_NAME_DUPLICATED]);
      expect(callsSince(emu, mark)).not.toContain("UpdateEventRouterJob");
      expect((await jobsNamed(String(inputs.name))).map((j) => j.job_id)).toEqual([first.id]);
      expect(second.outs).toMatchObject({ jobId: first.id, status: "RUNNING" });
    });

    it("completes a create interrupted before its STOP: the takeover brings the job to desiredStatus", async () => {
      const inputs = fresh({ desiredStatus: "STOPPED" });
      const made = await eventRouterApi.create(client, job.apiBody(inputs), []); // the create step only
      const { id, outs } = await job.create(inputs, client);
      expect(id).toBe(made.job_id);
      expect(outs.status).toBe("STOPPED");
      expect((await eventRouterApi.show(client, id)).status).toBe("STOPPED");
    });

    it("rejects a differing job naming both and the way out, and changes nothing", async () => {
      const inputs = fresh();
      const first = await job.create(inputs, client);
      const mark = lastSeq(emu);
      const err = (await job.create({ ...inputs, description: "another team's job" }, client).catch((e: unknown) => e)) as Error;
      expect(err.message).toContain(`EventRouterJob "${String(inputs.name)}"`);
      expect(err.message).toContain(`job ${first.id}`);
      expect(err.message).toContain('description is "orders to the replica" there, "another team\'s job" in the program');
      expect(err.message).toContain("adopt: true");
      expect(callsSince(emu, mark)).not.toContain("UpdateEventRouterJob");
      expect((await eventRouterApi.show(client, first.id)).description).toBe(kafkaJob.description);
    });

    it("with adopt: true updates the differing job in place: one job, the program's values on the wire and in the emulator", async () => {
      const inputs = fresh();
      const first = await job.create(inputs, client);
      const adopted = checkedTimed(job, {
        ...inputs,
        description: "adopted",
        advanceConfig: { kafka2kafka: { ...kafkaJob.advanceConfig.kafka2kafka, topics: "t01,t02" } },
        adopt: true,
      });
      const mark = lastSeq(emu);
      const { id } = await job.create(adopted, client);
      expect(id).toBe(first.id);
      expect(callsSince(emu, mark)).not.toContain("CreateEventRouterJob"); // looked up first
      const put = answeredSince(mark, "UpdateEventRouterJob");
      expect(put).toHaveLength(1);
      expect(JSON.stringify(put[0]?.params)).toContain("adopted");
      const shown = await eventRouterApi.show(client, id);
      expect(shown.description).toBe("adopted");
      expect(shown.advance_config).toMatchObject({ kafka2kafka: { topics: "t01,t02" } });
      expect(await jobsNamed(String(inputs.name))).toHaveLength(1);
    });

    it("rejects adopting a job whose source is another cluster (only a replacement changes it)", async () => {
      const inputs = fresh();
      const first = await job.create(inputs, client);
      const source = { sourceKafka: { ...kafkaJob.sourceConfig.sourceKafka, instanceId: KAFKA_PRIMARY.replace("a001", "a003") } };
      const mark = lastSeq(emu);
      await expect(job.create({ ...inputs, sourceConfig: source, adopt: true }, client)).rejects.toThrow(
        new RegExp(`cannot adopt job ${first.id} .*sourceConfig cannot be changed in place`),
      );
      expect(callsSince(emu, mark)).not.toContain("UpdateEventRouterJob");
    });
  });
});

/**
 * Waits share their polls: jobs of one cluster created at once are polled by one
 * ListEventRouterJobs round per beat (filtered by the cluster), each settled job read once with
 * ShowEventRouterJob for its verdict, so one that ends in ERROR among them still fails with the
 * service's reason; deletions alike. Counted in the emulator's request log (EventGrid calls only:
 * each create also asks DMS for the sink's brokers), on an emulator whose jobs take a while to start.
 */
describe("shared status polling", () => {
  const JOBS = 10;
  let own: RunningEmulator;
  let ownClient: HuaweiClient;
  const egCalls = (mark: number) => callsSince(own, mark).filter((c) => c !== "ShowDmsInstance");

  beforeAll(async () => {
    own = await startEmulator({ settleMs: 2_000, log: () => {} });
    ownClient = huaweiClient("eg", own.url);
  });
  afterAll(async () => own?.close());

  const made: { id: string; outs: Props }[] = [];

  it(`creates ${JOBS} jobs with at most 3 calls per job, and fails the one that ends in ERROR with its reason`, async () => {
    const mark = lastSeq(own);
    type Failure = Error & { id?: string; properties?: Props };
    const broken = job.create(checked(withSink(named("poll-error"), { instanceId: KAFKA_UNREACHABLE })), ownClient).then(
      (): Failure => new Error("the job on an unreachable sink was created healthy"),
      (e: unknown) => e as Failure,
    );
    made.push(...(await Promise.all(Array.from({ length: JOBS - 1 }, (_, i) => job.create(checked(named(`poll-${i}`)), ownClient)))));
    const err = await broken;
    const calls = egCalls(mark);
    expect(calls.filter((c) => c === "CreateEventRouterJob")).toHaveLength(JOBS);
    expect(calls.filter((c) => c === "ListEventRouterJobs").length).toBeGreaterThan(0);
    expect(calls.length / JOBS).toBeLessThanOrEqual(3);
    expect(made.map((m) => m.outs.status)).toEqual(Array(JOBS - 1).fill("RUNNING"));
    expect(new Set(made.map((m) => m.id)).size).toBe(JOBS - 1);
    expect(err.properties).toMatchObject({ status: "ERROR", jobId: err.id });
    expect(String(err.properties?.errMessage)).not.toBe("");
    expect(err.message).toContain(`was created but is not healthy: status ERROR: ${String(err.properties?.errMessage)}`);
    made.push({ id: String(err.id), outs: err.properties ?? {} });
  });

  it(`deletes ${JOBS} jobs at once with at most 3 calls per job, each gone`, async () => {
    expect(made).toHaveLength(JOBS);
    const mark = lastSeq(own);
    await Promise.all(made.map((m) => job.remove(m.id, m.outs, ownClient)));
    expect(egCalls(mark).length / JOBS).toBeLessThanOrEqual(3);
    for (const m of made) expect(await job.read(m.id, m.outs, ownClient)).toEqual({});
  });
});
