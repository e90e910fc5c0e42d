/**
 * huaweicloud.EventRouterJob end to end through the real Pulumi CLI against the emulator: the
 * lifecycle (create, no-op, in-place update, replica check, replace, stop/start, drift, deletion
 * behind Pulumi's back, destroy), a job that ends in error, secrets in state, invalid programs
 * stopped at preview.
 */
import { CommandError, type Stack } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { DEMO_HUAWEI_SECRET_KEY } from "../../emulator";
import { type EventRouterJob, eventRouterApi } from "../../provider/apis/huawei-eg";
import { EVENT_ROUTER_JOB_TYPE as TYPE, KAFKA_DR as DR, KAFKA_REPLICA as REPLICA } from "../fixtures/event-router-job";
import { type Harness, lastSeq, readTree, startHarness } from "./harness";

const SASL = "Sasl#Replicator-Secret-77";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const stackFor = (name: string, config: Record<string, string> = {}) =>
  h.stack("event-router-job", name, {
    saslPassword: { value: SASL, secret: true },
    ...Object.fromEntries(Object.entries(config).map(([k, value]) => [k, { value }])),
  });

async function outputs(stack: Stack) {
  const o = await stack.outputs();
  return { jobId: String(o.jobId?.value), status: String(o.jobStatus?.value) };
}

const show = (id: string): Promise<EventRouterJob> => eventRouterApi.show(h.eg, id);
const sinkInstance = (job: EventRouterJob) => (job.sink_config?.sink_kafka as { instance_id?: string } | undefined)?.instance_id;

describe("huaweicloud.EventRouterJob through the Pulumi CLI", () => {
  it("runs the lifecycle: create, no-op, update, replica check, replace, stop/start, drift, deletion, destroy", async () => {
    const stack = await stackFor("erlife");
    const printed: string[] = [];
    const onOutput = (s: string) => void printed.push(s);

    // Create: the replica check reads the sink's broker count from DMS, then the job is created
    // and waited on until RUNNING.
    let mark = lastSeq(h);
    const up1 = await stack.up({ onOutput });
    expect(up1.summary.resourceChanges).toEqual({ create: 2 });
    const first = await outputs(stack);
    expect(first.status).toBe("RUNNING");
    expect(h.callsSince(mark).slice(0, 2)).toEqual(["ShowDmsInstance", "CreateEventRouterJob"]);
    const created = await show(first.jobId);
    expect(created).toMatchObject({ name: "erlife-orders", status: "RUNNING", source_type: "KAFKA" });
    expect(created.advance_config).toMatchObject({ kafka2kafka: { topics: "orders,payments", replica_cnt: 3, compress_alg: "lz4" } });

    // No changes: preview says so and an up makes zero API calls.
    await stack.preview({ expectNoChanges: true });
    mark = lastSeq(h);
    expect((await stack.up()).summary.resourceChanges).toEqual({ same: 2 });
    expect(h.callsSince(mark)).toEqual([]);

    // The SASL password is never in the backend in plain text; decrypted, it is there as a secret.
    const onDisk = readTree(join(h.stateDir, "backend"));
    expect(onDisk).toContain(first.jobId);
    expect(onDisk).not.toContain(SASL);
    const shown = (await stack.exportStack()).deployment as { resources: Array<{ type: string; outputs?: Record<string, unknown> }> };
    const sinkState = shown.resources.find((r) => r.type === TYPE)?.outputs?.sinkConfig as { sinkKafka: { password: unknown } };
    expect(sinkState.sinkKafka.password).toMatchObject({ plaintext: JSON.stringify(SASL) });

    // An updatable field: PUT in place, same job id.
    await stack.setConfig("description", { value: "orders and payments to the replica" });
    mark = lastSeq(h);
    expect((await stack.up({ onOutput })).summary.resourceChanges).toEqual({ same: 1, update: 1 });
    expect(h.callsSince(mark)).toContain("UpdateEventRouterJob");
    expect((await outputs(stack)).jobId).toBe(first.jobId);
    expect((await show(first.jobId)).description).toBe("orders and payments to the replica");

    // More replicas than the sink has brokers: refused before the API is asked to change anything.
    await stack.setConfig("replicaCnt", { value: "4" });
    mark = lastSeq(h);
    const tooMany = await stack.up().catch((e: unknown) => e);
    expect(tooMany).toBeInstanceOf(CommandError);
    expect(String(tooMany)).toContain(
      `EventRouterJob "erlife-orders": advanceConfig.kafka2kafka.replicaCnt is 4 but the sink Kafka instance ${REPLICA} has 3 brokers; a topic cannot have more replicas than brokers. Set replicaCnt to 3 or less.`,
    );
    expect(h.callsSince(mark)).not.toContain("UpdateEventRouterJob");
    expect((await show(first.jobId)).advance_config).toMatchObject({ kafka2kafka: { replica_cnt: 3 } });

    // Pointing the sink at another instance replaces the job (the old one is deleted first: same name).
    await stack.setAllConfig({ sink: { value: "dr" }, replicaCnt: { value: "2" } });
    const up3 = await stack.up({ onOutput });
    expect(up3.summary.resourceChanges).toEqual({ same: 1, replace: 1 });
    const replaced = await outputs(stack);
    expect(replaced.jobId).not.toBe(first.jobId);
    expect(sinkInstance(await show(replaced.jobId))).toBe(DR);
    await expect(show(first.jobId)).rejects.toThrow(/EG.00014040/);

    // Stop and start through desiredStatus (the action API).
    await stack.setConfig("desiredStatus", { value: "STOPPED" });
    mark = lastSeq(h);
    await stack.up({ onOutput });
    expect(h.callsSince(mark)).toContain("ExecuteEventRouterJobOperation");
    expect((await show(replaced.jobId)).status).toBe("STOPPED");
    expect((await outputs(stack)).status).toBe("STOPPED");
    await stack.setConfig("desiredStatus", { value: "RUNNING" });
    await stack.up({ onOutput });
    expect((await show(replaced.jobId)).status).toBe("RUNNING");

    // Drift: someone edits the description and stops the job in the console. Refresh records it,
    // preview shows an update, up restores both.
    const current = await show(replaced.jobId);
    await h.eg.request({
      operation: "UpdateEventRouterJob",
      method: "PUT",
      path: "/v1/{project_id}/eventrouter/jobs/{job_id}",
      pathParams: { job_id: replaced.jobId },
      body: {
        cluster_id: current.cluster_id,
        name: current.name,
        scene_type: "DISASTER_BACKUP",
        description: "changed in the console",
        source_config: current.source_config,
        sink_config: current.sink_config,
        advance_config: current.advance_config,
      },
    });
    await waitFor(async () => (await show(replaced.jobId)).status === "RUNNING");
    await eventRouterApi.operate(h.eg, replaced.jobId, "STOP");
    await waitFor(async () => (await show(replaced.jobId)).status === "STOPPED");
    const refreshed = await stack.refresh({ onOutput });
    expect(refreshed.summary.resourceChanges).toMatchObject({ update: 1 });
    expect((await stack.preview()).changeSummary).toMatchObject({ update: 1 });
    await stack.up({ onOutput });
    const restored = await show(replaced.jobId);
    expect(restored).toMatchObject({ description: "orders and payments to the replica", status: "RUNNING" });

    // Deleted behind Pulumi's back: refresh drops it and up creates it again.
    await eventRouterApi.remove(h.eg, replaced.jobId);
    await waitFor(async () => (await show(replaced.jobId).catch(() => undefined)) === undefined);
    const recreated = await stack.up({ refresh: true, onOutput });
    expect(recreated.summary.resourceChanges).toMatchObject({ create: 1 });
    const again = await outputs(stack);
    expect(again.status).toBe("RUNNING");
    expect(again.jobId).not.toBe(replaced.jobId);

    // Destroy leaves nothing behind, and no output or backend file ever held the password.
    await stack.destroy({ onOutput });
    await expect(show(again.jobId)).rejects.toThrow(/EG.00014040/);
    expect(await eventRouterApi.listByName(h.eg, "erlife-orders", undefined)).toEqual([]);
    // Nor the Huawei secret key (stack config, secret) or any Authorization header or token.
    for (const text of [printed.join(""), readTree(join(h.stateDir, "backend"))]) {
      expect(text).not.toContain(SASL);
      expect(text).not.toContain(DEMO_HUAWEI_SECRET_KEY);
      expect(text).not.toMatch(/SDK-HMAC-SHA256|X-Auth-Token/i);
    }
  });

  it("keeps a job whose sink cannot be reached in state with its id and the service's reason", async () => {
    const stack = await stackFor("erfail", { sink: "unreachable" });
    const err = await stack.up().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommandError);
    expect(String(err)).toMatch(/EventRouterJob "erfail-orders" \([0-9a-f-]{36}\) was created but is not healthy: status ERROR: .+/);

    const state = (await stack.exportStack()).deployment as {
      resources: Array<{ type: string; id?: string; outputs?: Record<string, unknown>; initErrors?: string[] }>;
    };
    const job = state.resources.find((r) => r.type === TYPE);
    expect(job?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(job?.outputs).toMatchObject({ status: "ERROR" });
    expect(String(job?.outputs?.errMessage)).not.toBe("");
    expect(job?.initErrors?.[0]).toMatch(/status ERROR/);
    expect((await show(String(job?.id))).status).toBe("ERROR");

    // Fixing the program replaces the broken job instead of leaking it.
    await stack.setConfig("sink", { value: "replica" });
    await stack.up();
    expect((await outputs(stack)).status).toBe("RUNNING");
    await expect(show(String(job?.id))).rejects.toThrow(/EG.00014040/);
    await stack.destroy();
  });

  const invalid: Array<[string, Record<string, unknown>, RegExp]> = [
    ["a name that starts with a dash", { name: "-orders" }, /name must start with a letter or digit/],
    [
      "both topics and topicRegex",
      { advanceConfig: { kafka2kafka: { topics: "a", topicRegex: "b.*", replicaCnt: 1, seekTo: "latest" } } },
      /topics and topicRegex are both set/,
    ],
    ["a DCS advance config for Kafka clusters", { advanceConfig: { dcs2dcs: {} } }, /advanceConfig must be kafka2kafka for a kafka source/],
  ];
  it.each(invalid)("rejects %s at preview with zero API calls", async (_what, overrides, message) => {
    const stack = await stackFor("erinvalid", { jobOverrides: JSON.stringify(overrides) });
    const mark = lastSeq(h);
    const err = await stack.preview().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommandError);
    expect(String(err)).toMatch(message);
    expect(h.callsSince(mark)).toEqual([]);
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 100));
  }
}
