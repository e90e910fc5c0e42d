/**
 * The create budget end to end for the Huawei types (EventRouterJob, and DwsTransferTask on DIS),
 * whose creates have no idempotency token: the real client and handler against the emulator, with the emulator's queued
 * `drop` faults cutting consecutive CreateEventRouterJob calls before or after they take effect.
 * However many creates in a row are dropped, each is followed by a look-up by name, and the run
 * ends with exactly one job, or, past the budget, with none and a clear error.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disApi } from "../../../provider/apis/huawei-dis";
import { eventRouterApi } from "../../../provider/apis/huawei-eg";
import { HuaweiClient } from "../../../provider/clients/huawei";
import { CREATE_ATTEMPTS } from "../../../provider/engine/create-retry";
import * as stream from "../../../provider/resources/huaweicloud-dis-stream";
import * as task from "../../../provider/resources/huaweicloud-dws-transfer-task";
import * as job from "../../../provider/resources/huaweicloud-event-router-job";
import { type RunningEmulator, demoHuaweiSettings, startEmulator } from "../../../emulator";
import { dwsTask, stream as baseStream } from "../../fixtures/dis";
import { kafkaJob } from "../../fixtures/event-router-job";
import { callsSince, lastSeq, queueFault } from "../../helpers/emulator";

type Props = Record<string, unknown>;
let emu: RunningEmulator;
let client: HuaweiClient;
let dis: HuaweiClient;
let seq = 0;

const checkedNew = (name: string) => {
  const r = job.check({}, { timeoutSeconds: 20, ...kafkaJob, name: `${name}-${++seq}` });
  expect(r.failures).toEqual([]);
  return r.inputs as Props;
};
const jobsNamed = async (name: string) => (await eventRouterApi.listByName(client, name, undefined)).filter((j) => j.name === name);
/** The creates and look-ups sent since `mark`, in order. */
const createsAndLookUps = (mark: number) => callsSince(emu, mark).filter((c) => c === "CreateEventRouterJob" || c === "ListEventRouterJobs");
/**
 * `sent` begins with `expected`, and what follows is at most the status wait's cluster rounds
 * (also ListEventRouterJobs; a wait that reads the job itself sends none): no further create.
 */
const expectCreatesThenWait = (sent: string[], expected: string[]) => {
  expect(sent.slice(0, expected.length)).toEqual(expected);
  expect(sent.slice(expected.length).filter((c) => c !== "ListEventRouterJobs")).toEqual([]);
};

beforeAll(async () => {
  emu = await startEmulator({ settleMs: 50, log: () => {} });
  client = new HuaweiClient("eg", { settings: demoHuaweiSettings(emu.url, 500), retry: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 100 } });
  dis = new HuaweiClient("dis", { settings: demoHuaweiSettings(emu.url, 500), retry: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 100 } });
});
afterAll(async () => emu?.close());

describe("EventRouterJob create under consecutive dropped connections", () => {
  it(`ends with exactly one job after ${CREATE_ATTEMPTS - 1} dropped creates that never took effect`, async () => {
    const inputs = checkedNew("retry-lost");
    await queueFault(emu, { action: "CreateEventRouterJob", kind: "drop", times: CREATE_ATTEMPTS - 1 });
    const mark = lastSeq(emu);
    const { id, outs } = await job.create(inputs, client);
    const sent = createsAndLookUps(mark);
    expect(outs.status).toBe("RUNNING");
    expect((await jobsNamed(String(inputs.name))).map((j) => j.job_id)).toEqual([id]);
    // Each dropped create is followed by a look-up before the next create.
    expectCreatesThenWait(sent, [
      ...Array(CREATE_ATTEMPTS - 1)
        .fill(["CreateEventRouterJob", "ListEventRouterJobs"])
        .flat(),
      "CreateEventRouterJob",
    ]);
    await job.remove(id, outs, client);
  });

  it(`ends with exactly one job, and sends no further create, when the last of ${CREATE_ATTEMPTS} dropped creates took effect`, async () => {
    const inputs = checkedNew("retry-applied");
    await queueFault(emu, { action: "CreateEventRouterJob", kind: "drop", times: CREATE_ATTEMPTS - 1 });
    await queueFault(emu, { action: "CreateEventRouterJob", kind: "drop", applied: true });
    const mark = lastSeq(emu);
    const { id, outs } = await job.create(inputs, client);
    const sent = createsAndLookUps(mark);
    expect(outs.status).toBe("RUNNING");
    expect((await jobsNamed(String(inputs.name))).map((j) => j.job_id)).toEqual([id]);
    expectCreatesThenWait(sent, Array(CREATE_ATTEMPTS).fill(["CreateEventRouterJob", "ListEventRouterJobs"]).flat());
    await job.remove(id, outs, client);
  });

  it(`fails after ${CREATE_ATTEMPTS} dropped creates with an error naming the job, and leaves no job`, async () => {
    const inputs = checkedNew("retry-exhausted");
    await queueFault(emu, { action: "CreateEventRouterJob", kind: "drop", times: CREATE_ATTEMPTS });
    const mark = lastSeq(emu);
    const err = (await job.create(inputs, client).catch((e) => e)) as Error;
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toContain(String(inputs.name));
    expect(err.message).toContain(`${CREATE_ATTEMPTS} times in a row`);
    expect(err.message).toContain("pulumi up");
    expect(createsAndLookUps(mark)).toEqual(Array(CREATE_ATTEMPTS).fill(["CreateEventRouterJob", "ListEventRouterJobs"]).flat());
    expect(await jobsNamed(String(inputs.name))).toEqual([]);
  });
});

describe("DwsTransferTask create under consecutive dropped connections", () => {
  it(`ends with exactly one task when ${CREATE_ATTEMPTS - 1} dropped creates are followed by one that took effect`, async () => {
    const sr = stream.check({}, { timeoutSeconds: 20, ...baseStream, streamName: `retry-dws-${++seq}` });
    expect(sr.failures).toEqual([]);
    const s = await stream.create(sr.inputs, dis);
    const tr = task.check({}, { timeoutSeconds: 20, ...dwsTask, streamName: s.id, dwsDatabaseName: "analytics", dwsSchema: "public", dwsTableName: "clicks" });
    expect(tr.failures).toEqual([]);
    await queueFault(emu, { action: "CreateTransferTask", kind: "drop", times: CREATE_ATTEMPTS - 1 });
    await queueFault(emu, { action: "CreateTransferTask", kind: "drop", applied: true });
    const mark = lastSeq(emu);
    const { outs } = await task.create(tr.inputs, dis);
    expect(callsSince(emu, mark).filter((c) => c === "CreateTransferTask")).toHaveLength(CREATE_ATTEMPTS);
    expect(outs.state).toBe("RUNNING");
    expect((await disApi.listTasks(dis, s.id)).map((t) => t.task_name)).toEqual([String(tr.inputs.taskName)]);
    await stream.remove(s.id, s.outs, dis);
  });

  it(`fails after ${CREATE_ATTEMPTS} dropped creates with an error naming the task, and leaves no task`, async () => {
    const sr = stream.check({}, { timeoutSeconds: 20, ...baseStream, streamName: `retry-dws-${++seq}` });
    const s = await stream.create(sr.inputs, dis);
    const tr = task.check({}, { timeoutSeconds: 20, ...dwsTask, streamName: s.id, dwsDatabaseName: "analytics", dwsSchema: "public", dwsTableName: "clicks" });
    await queueFault(emu, { action: "CreateTransferTask", kind: "drop", times: CREATE_ATTEMPTS });
    const err = (await task.create(tr.inputs, dis).catch((e) => e)) as Error;
    expect(err.message).toContain(`"${String(tr.inputs.taskName)}"`);
    expect(err.message).toContain(`${CREATE_ATTEMPTS} times in a row`);
    expect(await disApi.listTasks(dis, s.id)).toEqual([]);
    await stream.remove(s.id, s.outs, dis);
  });
});
