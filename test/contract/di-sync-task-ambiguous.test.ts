/**
 * DISyncTask calls that take no idempotency token (DeleteFile, DeployFile, StartDISyncInstance,
 * StopDISyncInstance: no ClientToken in their SDK request models) under dropped connections, with
 * the real client and handlers against the emulator. Each test queues the exact fault sequence the
 * load test met (a connection cut after the call took effect, or before) and judges the outcome
 * from the emulator's own store and request log: the goal is reached, nothing is sent twice that
 * had taken effect, and nothing is left behind in production.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataworks } from "../../provider/apis/alibaba-dataworks";
import { AlibabaRpcClient } from "../../provider/clients/alibaba";
import * as task from "../../provider/resources/alicloud-di-sync-task";
import { DEMO_REGION_ID, type RunningEmulator, demoAlibabaSettings, startEmulator } from "../../emulator";
import { PROJECT_ID, offlineTask, realtimeTask } from "../fixtures/dataworks";
import { callsSince, control, lastSeq, queueFault } from "../helpers/emulator";

type Props = Record<string, unknown>;
const SETTLE_MS = 100;

let emu: RunningEmulator;
let client: AlibabaRpcClient<typeof dataworks>;
let seq = 0;

const checked = (news: Props) => {
  const r = task.check({}, { timeoutSeconds: 20, ...news, taskName: `${String(news.taskName)}_amb_${++seq}` });
  expect(r.failures).toEqual([]);
  return r.inputs;
};
const fileIdOf = (id: string) => Number(id.split(":")[2]);
/** Every file the emulator keeps, deleted ones still in production included, as stored records. */
const storedFile = async (id: string): Promise<Props | undefined> => {
  // The emulator applies settled deployments when it next answers a DataWorks call (ListFiles answers).
  await client.call("ListFiles", { ProjectId: PROJECT_ID, PageSize: 1 });
  return (await control(emu.url, "GET", "/state")).json.collections["alibaba.dataworks.files"]?.[`${PROJECT_ID}/${fileIdOf(id)}`];
};
const instanceStatus = async (id: string) =>
  ((await client.call("GetDISyncInstanceInfo", { ProjectId: PROJECT_ID, TaskType: "DI_REALTIME", FileId: fileIdOf(id) })).Data as Props).Status;
/** The mutating calls since `mark` with what the emulator did to each (a fault, or the answer's code). */
const mutations = (mark: number, actions: readonly string[]) =>
  emu
    .requests(mark)
    .filter((r) => actions.includes(String(r.action)))
    .map((r) => [r.action, r.fault, r.code ?? r.status].filter((x) => x !== undefined).join(" "));

beforeAll(async () => {
  emu = await startEmulator({ settleMs: SETTLE_MS, log: () => {} });
  client = new AlibabaRpcClient(dataworks, {
    settings: demoAlibabaSettings(emu.url, 500),
    region: DEMO_REGION_ID,
    retry: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 100 },
  });
});
afterAll(async () => emu?.close());

describe("DISyncTask (DI_OFFLINE) delete under dropped connections", () => {
  it("deletes from production when the DeployFile of the deletion is dropped after it took effect and its repeat finds the file gone", async () => {
    const { id, outs } = await task.create(checked(offlineTask), client);
    expect(await storedFile(id)).toMatchObject({ productionVersion: 1 });
    // The load test's sequence: DeleteFile dropped, DeleteFile 200, DeployFile dropped after it
    // took effect, DeployFile answered (held past the settle time, so the undeployment has applied).
    await queueFault(emu, { action: "DeleteFile", kind: "drop" });
    await queueFault(emu, { action: "DeployFile", kind: "drop", applied: true });
    await queueFault(emu, { action: "DeployFile", kind: "latency", latencyMs: SETTLE_MS * 4 });
    const mark = lastSeq(emu);
    await task.remove(id, outs, client);
    const sent = mutations(mark, ["DeleteFile", "DeployFile"]);
    expect(sent[0]).toMatch(/^DeleteFile drop/);
    expect(sent[1]).toBe("DeleteFile 200");
    expect(sent[2]).toMatch(/^DeployFile drop/);
    expect(sent[3]).toBe("DeployFile latency Invalid.Tenant.FileNotExists");
    expect(sent).toHaveLength(4);
    // Gone from every environment: the emulator keeps a deleted file only while production has it.
    expect(await storedFile(id)).toBeUndefined();
  });

  it("deletes from production when DeleteFile is dropped after it took effect (its DeploymentId lost)", async () => {
    const { id, outs } = await task.create(checked(offlineTask), client);
    await queueFault(emu, { action: "DeleteFile", kind: "drop", applied: true });
    const mark = lastSeq(emu);
    await task.remove(id, outs, client);
    // One DeleteFile only: GetFile showed the file gone, so it was not sent again.
    expect(callsSince(emu, mark).filter((c) => c === "DeleteFile")).toHaveLength(1);
    expect(await storedFile(id)).toBeUndefined();
  });

  it(`fails after 4 DeployFile calls of the deletion dropped before they took effect, saying production still schedules the task`, async () => {
    const { id, outs } = await task.create(checked(offlineTask), client);
    await queueFault(emu, { action: "DeployFile", kind: "drop", times: 4 });
    await expect(task.remove(id, outs, client)).rejects.toThrow(
      /DeployFile of the deletion got no definite answer 4 times in a row.*Production still schedules the task/s,
    );
    expect(await storedFile(id)).toMatchObject({ productionVersion: 1 });
    // The way out the message gives: delete again once DataWorks answers.
    await task.remove(id, outs, client);
    expect(await storedFile(id)).toBeUndefined();
  });
});

describe("DISyncTask (DI_REALTIME) start and stop under dropped connections", () => {
  it("creates a running task when StartDISyncInstance is dropped after it took effect, without starting it twice", async () => {
    const inputs = checked(realtimeTask);
    await queueFault(emu, { action: "StartDISyncInstance", kind: "drop", applied: true });
    const mark = lastSeq(emu);
    const { id, outs } = await task.create(inputs, client);
    expect(mutations(mark, ["StartDISyncInstance"])).toEqual([expect.stringMatching(/^StartDISyncInstance drop/)]);
    expect(outs.status).toBe("RUN");
    expect(await instanceStatus(id)).toBe("RUN");
    await task.remove(id, outs, client);
  });

  it("creates a running task when StartDISyncInstance is dropped before it took effect, starting it once more", async () => {
    const inputs = checked(realtimeTask);
    await queueFault(emu, { action: "StartDISyncInstance", kind: "drop" });
    const mark = lastSeq(emu);
    const { id, outs } = await task.create(inputs, client);
    expect(mutations(mark, ["StartDISyncInstance"])).toEqual([expect.stringMatching(/^StartDISyncInstance drop/), "StartDISyncInstance 200"]);
    expect(await instanceStatus(id)).toBe("RUN");
    await task.remove(id, outs, client);
  });

  it("deletes a running task when StopDISyncInstance is dropped after it took effect, without stopping it twice", async () => {
    const { id, outs } = await task.create(checked(realtimeTask), client);
    expect(await instanceStatus(id)).toBe("RUN");
    await queueFault(emu, { action: "StopDISyncInstance", kind: "drop", applied: true });
    const mark = lastSeq(emu);
    await task.remove(id, outs, client);
    expect(mutations(mark, ["StopDISyncInstance", "DeleteDISyncTask"])).toEqual([expect.stringMatching(/^StopDISyncInstance drop/), "DeleteDISyncTask 200"]);
    expect(await storedFile(id)).toBeUndefined();
  });

  it("fails after 4 dropped StartDISyncInstance calls with an error naming the task, keeping it in state", async () => {
    const inputs = checked(realtimeTask);
    await queueFault(emu, { action: "StartDISyncInstance", kind: "drop", times: 4 });
    const err = (await task.create(inputs, client).catch((e: unknown) => e)) as Error & { id?: string; properties?: Props };
    expect(err.message).toMatch(new RegExp(`DISyncTask "${String(inputs.taskName)}".*StartDISyncInstance got no definite answer 4 times in a row`, "s"));
    expect(err.id).toMatch(new RegExp(`^${PROJECT_ID}:DI_REALTIME:\\d+$`));
    expect(await instanceStatus(String(err.id))).not.toBe("RUN");
    await task.remove(String(err.id), err.properties ?? {}, client);
    expect(await storedFile(String(err.id))).toBeUndefined();
  });
});
