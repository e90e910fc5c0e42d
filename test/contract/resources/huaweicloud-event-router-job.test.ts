/**
 * The real Huawei client and the EventRouterJob handlers against the emulator over loopback,
 * without Pulumi: create/read/update/delete with waits, the replica check against DMS, stop/start,
 * drift, partial failure, retries under faults, create idempotency after an ambiguous failure, and
 * IAM token auth end to end.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventRouterApi } from "../../../provider/apis/huawei-eg";
import { HuaweiClient, clearTokenCache } from "../../../provider/clients/huawei";
import * as job from "../../../provider/resources/huaweicloud-event-router-job";
import { DEMO_HUAWEI_USER, type RunningEmulator, demoHuaweiSettings, startEmulator } from "../../../emulator";
import { KAFKA_DR, KAFKA_REPLICA, KAFKA_UNREACHABLE, SASL_PASSWORD, dcsJob, kafkaJob, rocketmqJob } from "../../fixtures/event-router-job";
import { callsSince, lastSeq, queueFault } from "../../helpers/emulator";

type Props = Record<string, unknown>;
let emu: RunningEmulator;
let client: HuaweiClient;
let seq = 0;

const checked = (news: Props) => {
  const r = job.check({}, { timeoutSeconds: 20, ...news });
  expect(r.failures).toEqual([]);
  return r.inputs;
};
const named = (name: string, base: Props = kafkaJob) => ({ ...base, name: `${name}-${++seq}` });
const withSink = (base: Props, patch: Props) => ({ ...base, sinkConfig: { sinkKafka: { ...(kafkaJob.sinkConfig.sinkKafka as Props), ...patch } } });
const withK2k = (base: Props, patch: Props) => ({ ...base, advanceConfig: { kafka2kafka: { ...kafkaJob.advanceConfig.kafka2kafka, ...patch } } });

const jobsNamed = async (name: string) => (await eventRouterApi.listByName(client, name, undefined)).filter((j) => j.name === name);

beforeAll(async () => {
  emu = await startEmulator({ settleMs: 100, log: () => {} });
  client = new HuaweiClient("eg", { settings: demoHuaweiSettings(emu.url, 500), retry: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 100 } });
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
