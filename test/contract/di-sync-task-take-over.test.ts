/**
 * DISyncTask creates after a crash, against the emulator over loopback: a `pulumi up` killed after
 * the create reached DataWorks loses the create's answer, and the next `up` calls create again with
 * the same inputs. It must end with one task in state. Two ways lead there, both DataWorks': the
 * ClientToken replays the first task while the service remembers the token; once it does not, the
 * create is refused because the name is taken (Invalid.DI.Parameter.File.Existed, the
 * CreateDISyncTask reference page, test/conformance/facts/dataworks.json) and the task is found by
 * name (ListFiles ExactFileName). Tasks made "by the interrupted run" without a token stand for the
 * second case. A task created but not committed/deployed (batch) or not deployed/started (realtime)
 * is finished by the take-over.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataworks } from "../../provider/apis/alibaba-dataworks";
import { AlibabaRpcClient } from "../../provider/clients/alibaba";
import * as task from "../../provider/resources/alicloud-di-sync-task";
import { DEMO_REGION_ID, type RunningEmulator, demoAlibabaSettings, startEmulator } from "../../emulator";
import { FOLDER, PROJECT_ID, offlineScript, offlineTask, realtimeTask } from "../fixtures/dataworks";
import { lastSeq, pollUntil, queueFault } from "../helpers/emulator";

type Props = Record<string, unknown>;

let emu: RunningEmulator;
let client: AlibabaRpcClient<typeof dataworks>;
let seq = 0;

beforeAll(async () => {
  emu = await startEmulator({ settleMs: 50, log: () => {} });
  client = new AlibabaRpcClient(dataworks, {
    settings: demoAlibabaSettings(emu.url, 500),
    region: DEMO_REGION_ID,
    retry: { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 50 },
  });
});
afterAll(async () => emu?.close());

const checked = (news: Props) => {
  const r = task.check({}, { timeoutSeconds: 20, ...news, taskName: `${String(news.taskName)}_takeover_${++seq}` });
  expect(r.failures).toEqual([]);
  return r.inputs;
};
const fileIdOf = (id: string) => Number(id.split(":")[2]);
/** Every live DataStudio file of that name in the workspace (ListFiles, the vendor's look-up). */
const filesNamed = async (name: unknown) =>
  (
    (await client.call("ListFiles", { ProjectId: PROJECT_ID, ExactFileName: String(name), NeedContent: true, NeedAbsoluteFolderPath: true })).Data as {
      Files: Props[];
    }
  ).Files;
const getFile = async (fileId: number) => ((await client.call("GetFile", { ProjectId: PROJECT_ID, FileId: fileId })).Data as { File: Props }).File;
/** What the interrupted run sent: CreateDISyncTask alone, without a token (one the service no longer remembers). */
const createDirectly = async (inputs: Props, content: string, folder = FOLDER) =>
  Number(
    (
      (
        await client.call("CreateDISyncTask", {
          ProjectId: PROJECT_ID,
          TaskType: String(inputs.taskType),
          TaskName: String(inputs.taskName),
          TaskContent: content,
          TaskParam: JSON.stringify({ FileFolderPath: folder, ResourceGroup: (inputs.taskParam as Props).resourceGroup }),
        })
      ).Data as Props
    ).FileId,
  );
const wireSince = (mark: number, action: string) => emu.requests(mark).filter((r) => r.action === action);
const instanceStatus = async (fileId: number) =>
  ((await client.call("GetDISyncInstanceInfo", { ProjectId: PROJECT_ID, TaskType: "DI_REALTIME", FileId: fileId })).Data as Props).Status;

describe("DISyncTask: a create repeated after a crash", () => {
  it("returns the same batch task when the ClientToken replays it, and the workspace holds one", async () => {
    const inputs = checked(offlineTask);
    await task.create(inputs, client); // the answer a killed run loses
    const again = await task.create(inputs, client);
    expect(await filesNamed(inputs.taskName)).toHaveLength(1);
    expect(fileIdOf(again.id)).toBe((await filesNamed(inputs.taskName))[0]?.FileId);
    await task.remove(again.id, again.outs, client);
  });

  it("takes over a batch task of the same name and definition, committing and deploying it as the create would", async () => {
    const inputs = checked(offlineTask);
    const fileId = await createDirectly(inputs, JSON.stringify(offlineScript));
    expect((await getFile(fileId)).CommitStatus).toBe(0); // created, never committed: the run died there
    const mark = lastSeq(emu);
    const { id, outs } = await task.create(inputs, client);
    expect(fileIdOf(id)).toBe(fileId);
    expect(wireSince(mark, "CreateDISyncTask").filter((r) => r.code === "Invalid.DI.Parameter.File.Existed")).toHaveLength(1);
    expect(wireSince(mark, "UpdateDISyncTask")).toEqual([]); // the same definition: nothing to change
    expect(await filesNamed(inputs.taskName)).toHaveLength(1);
    expect((await getFile(fileId)).CommitStatus).toBe(1);
    expect(outs).toMatchObject({ deployTo: "PRODUCTION", deployedVersion: 1, fileVersion: 1 });
    await task.remove(id, outs, client);
  });

  it("rejects a batch task of the same name with another script, naming both and the way out, and changes nothing", async () => {
    const inputs = checked(offlineTask);
    const theirs = { ...offlineScript, setting: { ...offlineScript.setting, speed: { concurrent: 7, throttle: false } } };
    const fileId = await createDirectly(inputs, JSON.stringify(theirs));
    const mark = lastSeq(emu);
    const err = (await task.create(inputs, client).catch((e: unknown) => e)) as Error;
    expect(err.message).toContain(`DISyncTask "${String(inputs.taskName)}": taskName "${String(inputs.taskName)}" is already taken by task ${fileId}`);
    expect(err.message).toContain("taskContent is");
    expect(err.message).toContain("set `adopt: true`");
    expect(emu.requests(mark).filter((r) => !/^(Get|List)/.test(String(r.action)) && r.code === undefined)).toEqual([]);
    expect(JSON.parse(String((await getFile(fileId)).Content))).toEqual(theirs);
    expect((await getFile(fileId)).CurrentVersion).toBe(1);
  });

  it("adopts a differing batch task: one task, the program's script on the wire and in DataWorks", async () => {
    const inputs = checked({ ...offlineTask, adopt: true });
    const theirs = { ...offlineScript, setting: { ...offlineScript.setting, speed: { concurrent: 7, throttle: false } } };
    const fileId = await createDirectly(inputs, JSON.stringify(theirs));
    const mark = lastSeq(emu);
    const { id, outs } = await task.create(inputs, client);
    expect(fileIdOf(id)).toBe(fileId);
    expect(wireSince(mark, "CreateDISyncTask")).toEqual([]); // adopt looks up first
    const updates = wireSince(mark, "UpdateDISyncTask");
    expect(updates).toHaveLength(1);
    expect(JSON.parse(String(updates[0]?.params.TaskContent))).toEqual(offlineScript);
    expect(Object.values(updates[0]?.params ?? {})).not.toContain("");
    expect(JSON.parse(String((await getFile(fileId)).Content))).toEqual(offlineScript);
    expect(await filesNamed(inputs.taskName)).toHaveLength(1);
    expect(outs).toMatchObject({ deployTo: "PRODUCTION", deployedVersion: 2 });
    await task.remove(id, outs, client);
  });

  it("rejects adopting a task in another folder (only a replacement moves it), changing nothing", async () => {
    const inputs = checked({ ...offlineTask, adopt: true });
    const fileId = await createDirectly(inputs, JSON.stringify(offlineScript), "workflow/elsewhere");
    const mark = lastSeq(emu);
    await expect(task.create(inputs, client)).rejects.toThrow(
      new RegExp(`cannot adopt task ${fileId} in DataWorks workspace ${PROJECT_ID}: taskParam\\.fileFolderPath is "workflow/elsewhere" there`),
    );
    expect(emu.requests(mark).filter((r) => !/^(Get|List)/.test(String(r.action)))).toEqual([]);
    expect((await filesNamed(inputs.taskName))[0]).toMatchObject({ FileId: fileId, AbsoluteFolderPath: "workflow/elsewhere" });
  });

  it("finds the task by name after a dropped create that took effect, without a second create", async () => {
    const inputs = checked({ ...offlineTask, deployTo: "NONE" });
    await queueFault(emu, { action: "CreateDISyncTask", kind: "drop", applied: true });
    const mark = lastSeq(emu);
    const { id, outs } = await task.create(inputs, client);
    expect(wireSince(mark, "CreateDISyncTask")).toHaveLength(1);
    expect(wireSince(mark, "ListFiles").length).toBeGreaterThanOrEqual(1);
    expect(await filesNamed(inputs.taskName)).toHaveLength(1);
    await task.remove(id, outs, client);
  });

  it("takes over a realtime task created but never deployed or started, and deploys and starts it", async () => {
    const inputs = checked(realtimeTask);
    // The interrupted run: the configuration generated and the task created, nothing after.
    const started = (
      await client.call("GenerateDISyncTaskConfigForCreating", { ProjectId: PROJECT_ID, TaskType: "DI_REALTIME", TaskParam: String(inputs.taskContent) })
    ).Data as Props;
    const generated = await pollUntil(
      async () =>
        (
          await client.call("QueryDISyncTaskConfigProcessResult", {
            ProjectId: PROJECT_ID,
            TaskType: "DI_REALTIME",
            AsyncProcessId: Number(started.ProcessId),
          })
        ).Data as Props,
      (d) => d.Status !== "processing",
    );
    const fileId = await createDirectly(inputs, String(generated.TaskContent));
    expect(await instanceStatus(fileId)).toBe("NORUN");
    const mark = lastSeq(emu);
    const { id, outs } = await task.create(inputs, client);
    expect(fileIdOf(id)).toBe(fileId);
    expect(wireSince(mark, "DeployDISyncTask")).toHaveLength(1);
    expect(await instanceStatus(fileId)).toBe("RUN");
    expect(outs).toMatchObject({ status: "RUN" });
    expect(await filesNamed(inputs.taskName)).toHaveLength(1);
    await task.remove(id, outs, client);
  });

  it("returns the same realtime task, running, when the whole create is repeated", async () => {
    const inputs = checked(realtimeTask);
    await task.create(inputs, client);
    const mark = lastSeq(emu);
    const again = await task.create(inputs, client);
    expect(wireSince(mark, "DeployDISyncTask")).toEqual([]); // it runs: deployed already
    expect(await filesNamed(inputs.taskName)).toHaveLength(1);
    expect(await instanceStatus(fileIdOf(again.id))).toBe("RUN");
    await task.remove(again.id, again.outs, client);
  });
});
