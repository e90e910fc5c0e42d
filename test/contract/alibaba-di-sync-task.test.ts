/**
 * The real Alibaba client and the DISyncTask handlers against the emulator over loopback, without
 * Pulumi: the batch path (create, GetFile read, UpdateDISyncTask, DeleteFile), the realtime path
 * (generate → poll → create → deploy → start, regenerate on update, stop/start, stop before
 * delete), in-band failures surfaced, and creates that never duplicate.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataworks } from "../../provider/apis/alibaba-dataworks";
import { AlibabaRpcClient } from "../../provider/clients/alibaba";
import * as task from "../../provider/resources/alicloud-di-sync-task";
import { DEMO_REGION_ID, type RunningEmulator, demoAlibabaSettings, startEmulator } from "../../emulator";
import { PROJECT_ID, offlineScript, offlineTask, realtimeSpec, realtimeTask } from "../fixtures/dataworks";
import { callsSince, lastSeq, queueFault } from "../helpers/emulator";

type Props = Record<string, unknown>;
let emu: RunningEmulator;
let client: AlibabaRpcClient<typeof dataworks>;
let seq = 0;

const checked = (news: Props) => {
  const r = task.check({}, { timeoutSeconds: 20, ...news, taskName: `${String(news.taskName)}_${++seq}` });
  expect(r.failures).toEqual([]);
  return r.inputs;
};
const instanceStatus = async (id: string) => {
  const [, taskType, fileId] = id.split(":");
  return ((await client.call("GetDISyncInstanceInfo", { ProjectId: PROJECT_ID, TaskType: String(taskType), FileId: Number(fileId) })).Data as Props).Status;
};

beforeAll(async () => {
  emu = await startEmulator({ settleMs: 100, log: () => {} });
  client = new AlibabaRpcClient(dataworks, {
    settings: demoAlibabaSettings(emu.url, 500),
    region: DEMO_REGION_ID,
    retry: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 100 },
  });
});
afterAll(async () => emu?.close());

describe("DISyncTask (DI_OFFLINE) against the emulator", () => {
  it("creates, reads without drift, updates the script in place, and deletes through the file API", async () => {
    const inputs = checked(offlineTask);
    const { id, outs } = await task.create(inputs, client);
    expect(id).toMatch(new RegExp(`^${PROJECT_ID}:DI_OFFLINE:\\d+$`));
    expect(outs).toMatchObject({ status: "", generatedTaskContent: "" });
    const read = await task.read(id, outs, client);
    expect(task.diff(id, read.props ?? {}, inputs)).toEqual({ changes: false });

    const script = structuredClone(offlineScript);
    script.setting.speed.concurrent = 4;
    const news = { ...inputs, taskContent: JSON.stringify(script) };
    const mark = lastSeq(emu);
    await task.update(id, outs, news, client);
    expect(callsSince(emu, mark)).toEqual(["UpdateDISyncTask"]);
    const after = await task.read(id, { ...outs, ...news }, client);
    expect(JSON.parse(String(after.props?.taskContent)).setting.speed.concurrent).toBe(4);

    // Changed in the console: refresh records the script the service has.
    script.setting.speed.concurrent = 8;
    await client.call("UpdateDISyncTask", {
      ProjectId: PROJECT_ID,
      TaskType: "DI_OFFLINE",
      FileId: Number(id.split(":")[2]),
      TaskContent: JSON.stringify(script),
    });
    const drifted = await task.read(id, { ...outs, ...news }, client);
    expect(task.diff(id, drifted.props ?? {}, news)).toEqual({ changes: true });

    await task.remove(id, outs, client);
    expect(await task.read(id, outs, client)).toEqual({});
    await task.remove(id, outs, client); // already gone
  });

  it("never makes a second task: a dropped-but-applied create and a repeated create give the same file", async () => {
    const inputs = checked(offlineTask);
    await queueFault(emu, { action: "CreateDISyncTask", kind: "drop", applied: true });
    const first = await task.create(inputs, client);
    const again = await task.create(inputs, client);
    expect(again.id).toBe(first.id);
    // After a delete, the same inputs make a new task (the replayed answer names a gone file).
    await task.remove(first.id, first.outs, client);
    const third = await task.create(inputs, client);
    expect(third.id).not.toBe(first.id);
    await task.remove(third.id, third.outs, client);
  });

  it("surfaces an in-band failure with the service's message", async () => {
    const inputs = checked({ ...offlineTask, taskParam: { ...offlineTask.taskParam, resourceGroup: "S_res_group_nope" } });
    await expect(task.create(inputs, client)).rejects.toThrow(/CreateDISyncTask failed: ResourceGroup:\[S_res_group_nope\] is invalid\./);
  });
});

describe("DISyncTask (DI_REALTIME) against the emulator", () => {
  it("generates, creates, deploys and starts; regenerates on update; stops and starts; stops before deleting", async () => {
    const inputs = checked(realtimeTask);
    let mark = lastSeq(emu);
    const { id, outs } = await task.create(inputs, client);
    expect(callsSince(emu, mark).filter((c) => c !== "QueryDISyncTaskConfigProcessResult" && c !== "GetDISyncTask" && c !== "GetDISyncInstanceInfo")).toEqual([
      "GenerateDISyncTaskConfigForCreating",
      "CreateDISyncTask",
      "DeployDISyncTask",
      "StartDISyncInstance",
    ]);
    expect(outs.status).toBe("RUN");
    expect(JSON.parse(String(outs.generatedTaskContent)).steps.length).toBe(2);
    const read = await task.read(id, outs, client);
    expect(task.diff(id, read.props ?? {}, inputs)).toEqual({ changes: false });

    const news = { ...inputs, taskContent: JSON.stringify(realtimeSpec(["orders", "refunds"])) };
    mark = lastSeq(emu);
    const updated = await task.update(id, outs, news, client);
    expect(callsSince(emu, mark)).toEqual(
      expect.arrayContaining(["GenerateDISyncTaskConfigForUpdating", "StopDISyncInstance", "UpdateDISyncTask", "DeployDISyncTask", "StartDISyncInstance"]),
    );
    expect(updated.outs.status).toBe("RUN");
    expect(String(updated.outs.generatedTaskContent)).toContain("refunds");

    const stopped = await task.update(id, updated.outs, { ...news, desiredStatus: "STOPPED" }, client);
    expect(stopped.outs.status).toBe("PAUSE");
    expect(await instanceStatus(id)).toBe("PAUSE");
    // Started behind Pulumi's back: refresh records desiredStatus RUNNING.
    await client.call("StartDISyncInstance", { ProjectId: PROJECT_ID, TaskType: "DI_REALTIME", FileId: Number(id.split(":")[2]) });
    const drift = await task.read(id, stopped.outs, client);
    expect(drift.inputs?.desiredStatus).toBe("RUNNING");
    expect(task.diff(id, drift.props ?? {}, { ...news, desiredStatus: "STOPPED" })).toEqual({ changes: true });

    mark = lastSeq(emu);
    await task.remove(id, stopped.outs, client);
    expect(callsSince(emu, mark)).toEqual(expect.arrayContaining(["StopDISyncInstance", "DeleteDISyncTask"]));
    expect(await task.read(id, stopped.outs, client)).toEqual({});
  });

  it("surfaces a generation that fails with DataWorks' message, naming taskContent", async () => {
    const bad = realtimeSpec();
    const reader = bad.steps[0]?.parameter as { connection: Array<{ datasource: string }> };
    reader.connection[0] = { ...reader.connection[0], datasource: "mysql_nope" };
    const inputs = checked({ ...realtimeTask, taskContent: bad });
    await expect(task.create(inputs, client)).rejects.toThrow(
      /could not generate the task's configuration from taskContent \(process \d+\): datasource:\[mysql_nope\] is invalid: .*Fix taskContent and run again\./,
    );
  });

  it("creates a realtime task stopped when asked", async () => {
    const { id, outs } = await task.create(checked({ ...realtimeTask, desiredStatus: "STOPPED" }), client);
    expect(outs.status).toBe("NORUN");
    await task.remove(id, outs, client);
  });
});
