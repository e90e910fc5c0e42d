/**
 * The real Huawei client and the DisStream / DwsTransferTask handlers against the emulator over
 * loopback, without Pulumi: waits, the id read back after a bodyless 201, the 400-style not-found
 * (DIS's `{errorCode, message}` body) as gone after a deletion behind the program's back, scaling,
 * tags and UpdateStream in place, pause/resume by task id, partial failure, the 5-per-stream limit,
 * DIS's own throttling retried, and create idempotency after an ambiguous failure.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disApi } from "../../provider/apis/huawei-dis";
import { HuaweiClient } from "../../provider/clients/huawei";
import * as stream from "../../provider/resources/huaweicloud-dis-stream";
import * as task from "../../provider/resources/huaweicloud-dws-transfer-task";
import { type RunningEmulator, demoHuaweiSettings, startEmulator } from "../../emulator";
import { DWS_PASSWORD, dwsTask, stream as baseStream } from "../fixtures/dis";
import { callsSince, lastSeq, queueFault } from "../helpers/emulator";

type Props = Record<string, unknown>;
let emu: RunningEmulator;
let dis: HuaweiClient;
let seq = 0;

const checked = (m: { check: (o: Props, n: Props) => { inputs: Props; failures: unknown[] } }, news: Props) => {
  const r = m.check({}, { timeoutSeconds: 20, ...news });
  expect(r.failures).toEqual([]);
  return r.inputs;
};

/** A fresh stream, created through the handler. */
async function newStream(extra: Props = {}) {
  const inputs = checked(stream, { ...baseStream, streamName: `contract-${++seq}`, ...extra });
  const { id, outs } = await stream.create(inputs, dis);
  return { id, outs, inputs };
}
const taskOn = (streamName: string, extra: Props = {}) =>
  checked(task, { ...dwsTask, streamName, dwsDatabaseName: "analytics", dwsSchema: "public", dwsTableName: "clicks", ...extra });

beforeAll(async () => {
  emu = await startEmulator({ settleMs: 100, log: () => {} });
  dis = new HuaweiClient("dis", { settings: demoHuaweiSettings(emu.url, 500), retry: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 100 } });
});
afterAll(async () => emu?.close());

describe("DisStream handlers against the emulator", () => {
  it("creates a stream, waits for RUNNING, reads it back without drift, scales, tags and deletes it", async () => {
    const { id, outs, inputs } = await newStream({ tags: [{ key: "team", value: "a" }] });
    expect(outs).toMatchObject({ status: "RUNNING", writablePartitionCount: 2 });
    expect(outs.streamId).not.toBe("");
    const read = await stream.read(id, outs, dis);
    expect(stream.diff(id, read.props ?? {}, inputs)).toEqual({ changes: false });

    const news = {
      ...inputs,
      partitionCount: 3,
      tags: [
        { key: "team", value: "b" },
        { key: "tier", value: "gold" },
      ],
    };
    const mark = lastSeq(emu);
    const updated = await stream.update(id, outs, news, dis);
    expect(callsSince(emu, mark)).toEqual(expect.arrayContaining(["UpdatePartitionCount", "BatchStreamTagsAction"]));
    expect(updated.outs.writablePartitionCount).toBe(3);
    expect((await disApi.showStream(dis, id)).tags).toEqual(
      expect.arrayContaining([
        { key: "team", value: "b" },
        { key: "tier", value: "gold" },
      ]),
    );

    await stream.remove(id, updated.outs, dis);
    expect(await stream.read(id, updated.outs, dis)).toEqual({});
  });

  it("updates retention, data type and auto-scaling in place through UpdateStream: same stream, nothing deleted", async () => {
    const { id, outs, inputs } = await newStream();
    const news = checked(stream, {
      ...inputs,
      dataDuration: 48,
      dataType: "BLOB",
      autoScaleEnabled: true,
      autoScaleMinPartitionCount: 1,
      autoScaleMaxPartitionCount: 4,
    });
    expect(stream.diff(id, outs, news)).toEqual({ changes: true });
    const mark = lastSeq(emu);
    const updated = await stream.update(id, outs, news, dis);
    const calls = callsSince(emu, mark);
    expect(calls).toContain("UpdateStream");
    expect(calls).not.toContain("DeleteStream");
    expect(calls).not.toContain("CreateStream");
    expect(updated.outs.streamId).toBe(outs.streamId);
    expect(await disApi.showStream(dis, id)).toMatchObject({
      retention_period: 48,
      data_type: "BLOB",
      auto_scale_enabled: true,
      auto_scale_min_partition_count: 1,
      auto_scale_max_partition_count: 4,
    });
    const read = await stream.read(id, updated.outs, dis);
    expect(stream.diff(id, read.props ?? {}, news)).toEqual({ changes: false });

    // Auto-scaling off again: the bounds go, and reading back shows no drift.
    const off = checked(stream, { ...inputs, dataDuration: 48, dataType: "BLOB" });
    const again = await stream.update(id, updated.outs, off, dis);
    expect(stream.diff(id, (await stream.read(id, again.outs, dis)).props ?? {}, off)).toEqual({ changes: false });
    await stream.remove(id, again.outs, dis);
  });

  it("drops a stream deleted behind the program's back on refresh (DIS.4301), and its delete is then a no-op", async () => {
    const { id, outs } = await newStream();
    await disApi.deleteStream(dis, id);
    expect(await stream.read(id, outs, dis)).toEqual({});
    await stream.remove(id, outs, dis);
  });

  it("retries DIS's own throttling (DIS.4305) on create", async () => {
    const inputs = checked(stream, { ...baseStream, streamName: `contract-${++seq}` });
    await queueFault(emu, { action: "CreateStream", kind: "throttle", throttledBy: "service", times: 2 });
    const mark = lastSeq(emu);
    const { id, outs } = await stream.create(inputs, dis);
    expect(callsSince(emu, mark).filter((c) => c === "CreateStream")).toHaveLength(3);
    await stream.remove(id, outs, dis);
  });

  it("does not make a second stream (or fail) when the create's connection drops after it was applied", async () => {
    const inputs = checked(stream, { ...baseStream, streamName: `contract-${++seq}` });
    await queueFault(emu, { action: "CreateStream", kind: "drop", applied: true });
    const { id, outs } = await stream.create(inputs, dis);
    expect(outs.status).toBe("RUNNING");
    await stream.remove(id, outs, dis);
  });
});

describe("DwsTransferTask handlers against the emulator", () => {
  it("creates a task (id read back), reads it without drift, pauses and resumes by id, deletes it", async () => {
    const s = await newStream();
    const inputs = taskOn(s.id);
    const { id, outs } = await task.create(inputs, dis);
    expect(id).toBe(`${s.id}/dwstask`);
    expect(outs).toMatchObject({ state: "RUNNING", errorMessage: "" });
    expect(outs.taskId).not.toBe("");
    const read = await task.read(id, outs, dis);
    expect(task.diff(id, read.props ?? {}, inputs)).toEqual({ changes: false });
    expect(read.props?.userPassword).toBe(DWS_PASSWORD); // kept: never echoed

    const paused = await task.update(id, outs, { ...inputs, desiredStatus: "PAUSED" }, dis);
    expect(paused.outs.state).toBe("PAUSED");
    const resumed = await task.update(id, paused.outs, inputs, dis);
    expect(resumed.outs.state).toBe("RUNNING");

    await task.remove(id, resumed.outs, dis);
    expect(await task.read(id, resumed.outs, dis)).toEqual({});
    await task.remove(id, resumed.outs, dis); // DIS.4354 now: already gone, nothing to do
    await stream.remove(s.id, s.outs, dis);
  });

  it("treats a missing stream as a gone task (DIS.4301 is HTTP 400)", async () => {
    expect(await task.read("no-such-stream/dwstask", {}, dis)).toEqual({});
  });

  it("drops a task deleted behind the program's back on refresh (DIS.4354)", async () => {
    const s = await newStream();
    const { id, outs } = await task.create(taskOn(s.id), dis);
    await disApi.deleteTask(dis, s.id, "dwstask");
    expect(await task.read(id, outs, dis)).toEqual({});
    await stream.remove(s.id, s.outs, dis);
  });

  it("keeps a task that ends in ERROR in state with the service's reason, without the password", async () => {
    const s = await newStream();
    const inputs = taskOn(s.id, { dwsTableName: "no_such_table" });
    const err = (await task.create(inputs, dis).catch((e: unknown) => e)) as Error & { id?: string; properties?: Props };
    expect(err.id).toBe(`${s.id}/dwstask`);
    expect(err.properties).toMatchObject({ state: "ERROR" });
    expect(String(err.properties?.errorMessage)).not.toBe("");
    expect(err.message).toContain("was created but is not healthy: state ERROR: ");
    expect(err.message).not.toContain(DWS_PASSWORD);
    await stream.remove(s.id, s.outs, dis);
  });

  it("refuses a sixth task on a stream with a message that says what to do", async () => {
    const s = await newStream();
    for (let i = 1; i <= 5; i++) await task.create(taskOn(s.id, { taskName: `t${i}` }), dis);
    const mark = lastSeq(emu);
    await expect(task.create(taskOn(s.id, { taskName: "t6" }), dis)).rejects.toThrow(
      `DwsTransferTask "t6": stream "${s.id}" already has the most dump tasks DIS allows (5 per stream, DIS.4357). Delete a dump task of that stream, or deliver from another stream.`,
    );
    expect(callsSince(emu, mark)).toEqual(["CreateTransferTask"]);
    await stream.remove(s.id, s.outs, dis);
  });

  it("does not make a second task when the create's connection drops after it was applied", async () => {
    const s = await newStream();
    await queueFault(emu, { action: "CreateTransferTask", kind: "drop", applied: true });
    const { outs } = await task.create(taskOn(s.id), dis);
    expect(outs.state).toBe("RUNNING");
    expect((await disApi.listTasks(dis, s.id)).map((t) => t.task_name)).toEqual(["dwstask"]);
    await stream.remove(s.id, s.outs, dis);
  });

  it("retries throttling on create", async () => {
    const s = await newStream();
    await queueFault(emu, { action: "CreateTransferTask", kind: "throttle", times: 2 });
    const { outs } = await task.create(taskOn(s.id), dis);
    expect(outs.state).toBe("RUNNING");
    await stream.remove(s.id, s.outs, dis);
  });
});
