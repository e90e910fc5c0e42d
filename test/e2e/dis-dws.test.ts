/**
 * huaweicloud.DisStream + huaweicloud.DwsTransferTask end to end through the real Pulumi CLI
 * against the emulator: create → no-change preview → update in place (scaling, tags, retention
 * through UpdateStream) → replace → pause/resume →
 * drift and deletion behind Pulumi's back → destroy; the 5-per-stream limit; a task that ends in
 * ERROR; invalid programs stopped at preview; the DWS password never in plain text.
 */
import { CommandError, type Stack } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { DEMO_HUAWEI_SECRET_KEY } from "../../emulator";
import { disApi } from "../../provider/apis/huawei-dis";
import { DWS_TRANSFER_TASK_TYPE as TASK_TYPE } from "../../policy/rules/huaweicloud-dis-dwstransfertask-limit-rejected-rows";
import { DWS_PASSWORD } from "../fixtures/dis";
import { type Harness, lastSeq, readTree, startHarness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const stackFor = (name: string, config: Record<string, string> = {}) =>
  h.stack("dis-dws", name, {
    dwsPassword: { value: DWS_PASSWORD, secret: true },
    ...Object.fromEntries(Object.entries(config).map(([k, value]) => [k, { value }])),
  });

async function outputs(stack: Stack) {
  const o = await stack.outputs();
  return { taskResourceId: String(o.taskResourceId?.value), taskId: String(o.taskId?.value), taskState: String(o.taskState?.value) };
}

describe("huaweicloud.DisStream and DwsTransferTask through the Pulumi CLI", () => {
  it("runs the lifecycle: create, no-op, update, replace, pause/resume, drift, deletion, destroy", async () => {
    const stack = await stackFor("dislife");
    const printed: string[] = [];
    const onOutput = (s: string) => void printed.push(s);
    const stream = "dislife-clicks";
    const taskName = "dislife_to_dws";
    const dis = h.huawei("dis");

    // Create: the stream (waited on until RUNNING), then the task, whose id is read back after
    // the bodyless 201.
    let mark = lastSeq(h);
    expect((await stack.up({ onOutput })).summary.resourceChanges).toEqual({ create: 3 });
    const first = await outputs(stack);
    expect(first).toMatchObject({ taskResourceId: `${stream}/${taskName}`, taskState: "RUNNING" });
    expect(first.taskId).not.toBe("");
    expect(h.callsSince(mark)).toEqual(expect.arrayContaining(["CreateStream", "ShowStream", "CreateTransferTask", "ShowTransferTask"]));
    const shown = await disApi.showTask(dis, stream, taskName);
    expect(shown.descriptor).toMatchObject({ dws_table_name: "clicks", deliver_time_interval: 300 });

    // No changes: preview says so and an up makes zero API calls.
    await stack.preview({ expectNoChanges: true });
    mark = lastSeq(h);
    expect((await stack.up()).summary.resourceChanges).toEqual({ same: 3 });
    expect(h.callsSince(mark)).toEqual([]);

    // In place: more partitions (the scale API) and another tag, same stream.
    await stack.setAllConfig({ partitions: { value: "2" }, team: { value: "data" } });
    mark = lastSeq(h);
    expect((await stack.up({ onOutput })).summary.resourceChanges).toEqual({ same: 2, update: 1 });
    expect(h.callsSince(mark)).toEqual(expect.arrayContaining(["UpdatePartitionCount", "BatchStreamTagsAction"]));
    const scaled = await disApi.showStream(dis, stream);
    expect(scaled.writable_partition_count).toBe(2);
    expect(scaled.tags).toEqual([{ key: "team", value: "data" }]);

    // Retention in place too (the v3 UpdateStream): the same stream, its records and its task kept.
    await stack.setConfig("retention", { value: "48" });
    mark = lastSeq(h);
    expect((await stack.up({ onOutput })).summary.resourceChanges).toEqual({ same: 2, update: 1 });
    expect(h.callsSince(mark)).toContain("UpdateStream");
    expect(h.callsSince(mark)).not.toContain("DeleteStream");
    const retained = await disApi.showStream(dis, stream);
    expect(retained).toMatchObject({ retention_period: 48, stream_id: scaled.stream_id });
    expect((await outputs(stack)).taskId).toBe(first.taskId);

    // A descriptor field: the task is replaced (deleted first, same name), with a new id.
    await stack.setConfig("interval", { value: "120" });
    expect((await stack.up({ onOutput })).summary.resourceChanges).toEqual({ same: 2, replace: 1 });
    const replaced = await outputs(stack);
    expect(replaced.taskId).not.toBe(first.taskId);
    expect((await disApi.showTask(dis, stream, taskName)).descriptor).toMatchObject({ deliver_time_interval: 120 });

    // Pause and resume through the batch action, by task id.
    await stack.setConfig("desiredStatus", { value: "PAUSED" });
    mark = lastSeq(h);
    await stack.up({ onOutput });
    expect(h.callsSince(mark)).toContain("BatchTransferTaskAction");
    expect((await disApi.showTask(dis, stream, taskName)).state).toBe("PAUSED");
    await stack.setConfig("desiredStatus", { value: "RUNNING" });
    await stack.up({ onOutput });
    expect((await disApi.showTask(dis, stream, taskName)).state).toBe("RUNNING");

    // Drift: paused in the console. Refresh records it, preview shows an update, up resumes it.
    await disApi.taskAction(dis, stream, "stop", replaced.taskId);
    expect((await stack.refresh({ onOutput })).summary.resourceChanges).toMatchObject({ update: 1 });
    expect((await stack.preview()).changeSummary).toMatchObject({ update: 1 });
    await stack.up({ onOutput });
    expect((await disApi.showTask(dis, stream, taskName)).state).toBe("RUNNING");

    // Deleted behind Pulumi's back (DIS then answers 400 DIS.4354): refresh drops it, up recreates it.
    await disApi.deleteTask(dis, stream, taskName);
    const recreated = await stack.up({ refresh: true, onOutput });
    expect(recreated.summary.resourceChanges).toMatchObject({ create: 1 });
    expect((await outputs(stack)).taskState).toBe("RUNNING");

    // Destroy: the task, then the stream; nothing left, no secret ever written or printed.
    await stack.destroy({ onOutput });
    await expect(disApi.showStream(dis, stream)).rejects.toThrow(/DIS\.4301/);
    for (const text of [printed.join(""), readTree(join(h.stateDir, "backend"))]) {
      expect(text).not.toContain(DWS_PASSWORD);
      expect(text).not.toContain(DEMO_HUAWEI_SECRET_KEY);
    }
  });

  it("surfaces the 5-dump-tasks-per-stream limit as a clear error", async () => {
    const stack = await stackFor("dislimit", { extraTasks: "5" });
    const err = await stack.up().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommandError);
    expect(String(err)).toMatch(
      /DwsTransferTask "dislimit_extra_\d": stream "dislimit-clicks" already has the most dump tasks DIS allows \(5 per stream, DIS\.4357\)\. Delete a dump task of that stream, or deliver from another stream\./,
    );
    expect((await disApi.listTasks(h.huawei("dis"), "dislimit-clicks")).length).toBe(5);
    await stack.destroy();
  });

  it("keeps a task that ends in ERROR in state with the service's reason", async () => {
    const stack = await stackFor("diserr", { table: "no_such_table" });
    const err = await stack.up().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommandError);
    expect(String(err)).toMatch(/DwsTransferTask "diserr_to_dws" \(diserr-clicks\/diserr_to_dws\) was created but is not healthy: state ERROR: .+/);
    const state = (await stack.exportStack()).deployment as { resources: Array<{ type: string; id?: string; outputs?: Record<string, unknown> }> };
    const task = state.resources.find((r) => r.type === TASK_TYPE);
    expect(task?.id).toBe("diserr-clicks/diserr_to_dws");
    expect(task?.outputs).toMatchObject({ state: "ERROR" });
    expect(String(task?.outputs?.errorMessage)).not.toBe("");
    // Fixing the table replaces the broken task instead of leaking it.
    await stack.setConfig("table", { value: "clicks" });
    await stack.up();
    expect((await outputs(stack)).taskState).toBe("RUNNING");
    await stack.destroy();
  });

  const invalidStream: Array<[string, Record<string, unknown>, RegExp]> = [
    ["a retention of 168 hours", { dataDuration: 168 }, /dataDuration must be a whole number of hours from 24 to 72; got 168\./],
    ["a CR/LF in the stream name", { streamName: "disinvalid\r\nclicks" }, /streamName must be 1 to 64 characters, each a letter, a digit, "_" or "-"/],
  ];
  it.each(invalidStream)("rejects a stream with %s at preview with zero API calls", async (_what, overrides, message) => {
    // A stack of its own: stack config persists, so a bad stream here must not reach the task cases below.
    const stack = await stackFor("disbadstream", { streamOverrides: JSON.stringify(overrides) });
    const mark = lastSeq(h);
    const err = await stack.preview().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommandError);
    expect(String(err)).toMatch(message);
    expect(h.callsSince(mark)).toEqual([]);
  });

  const invalid: Array<[string, Record<string, unknown>, RegExp]> = [
    ["a delivery interval under 30 s", { deliverTimeInterval: 5 }, /deliverTimeInterval must be at least 30; got 5\./],
    ["a file prefix with a leading slash", { filePrefix: "/x" }, /filePrefix must not start with "\/"/],
    ["an unknown consumer strategy", { consumerStrategy: "EARLIEST" }, /consumerStrategy must be one of LATEST, TRIM_HORIZON/],
  ];
  it.each(invalid)("rejects %s at preview with zero API calls", async (_what, overrides, message) => {
    const stack = await stackFor("disinvalid", { taskOverrides: JSON.stringify(overrides) });
    const mark = lastSeq(h);
    const err = await stack.preview().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommandError);
    expect(String(err)).toMatch(message);
    expect(h.callsSince(mark)).toEqual([]);
  });
});
