/**
 * The real Alibaba client and the DISyncTask handlers against the emulator over loopback, without
 * Pulumi: the batch path (create, then SubmitFile → DeployFile waited on through GetDeployment, up
 * to deployTo; GetFile read with CommitStatus; UpdateDISyncTask and a new deployment; DeleteFile
 * and the deletion deployed), deployment failures kept in state, the realtime path (generate →
 * poll → create → deploy → start, ForUpdating on a table change, stop/start, stop before delete),
 * in-band failures surfaced, creates that never duplicate, and the one case table of the rules
 * preview and the emulator share, run through both.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataworks, diFailure } from "../../../provider/apis/alibaba-dataworks";
import { AlibabaRpcClient } from "../../../provider/clients/alibaba";
import { ApiError } from "../../../provider/errors";
import * as task from "../../../provider/resources/alicloud-di-sync-task";
import { DEFAULT_INVENTORY, DEMO_REGION_ID, type InventoryInput, type RunningEmulator, demoAlibabaSettings, startEmulator } from "../../../emulator";
import { RULE_CASES, SEED_PROJECT_ID, SEED_REALTIME_SPECS, SEED_SCRIPT, SEED_TASK_NAME, SEED_TASK_PARAM } from "../../fixtures/alibaba/dataworks-rule-cases";
import { PROJECT_ID, offlineScript, offlineTask, realtimeSpec, realtimeTask } from "../../fixtures/dataworks";
import { callsSince, control, lastSeq, queueFault } from "../../helpers/emulator";

type Props = Record<string, unknown>;
type ProjectInput = NonNullable<NonNullable<InventoryInput["alibaba"]>["dataworksProjects"]>[number];

/** A workspace whose MaxCompute data source is configured for development only: deploying to production fails. */
const DEV_ONLY_PROJECT = 10002;
const devOnly: ProjectInput = {
  id: DEV_ONLY_PROJECT,
  name: "streamjobs_dev_only",
  region: DEMO_REGION_ID,
  dataSources: [
    { name: "mysql_pub", type: "mysql" },
    { name: "odps_first", type: "odps", environments: ["development"] },
  ],
  resourceGroups: ["S_res_group_demo_001"],
};

let emu: RunningEmulator;
let client: AlibabaRpcClient<typeof dataworks>;
let seq = 0;

const checked = (news: Props) => {
  const r = task.check({}, { timeoutSeconds: 20, ...news, taskName: `${String(news.taskName)}_${++seq}` });
  expect(r.failures).toEqual([]);
  return r.inputs;
};
const fileIdOf = (id: string) => Number(id.split(":")[2]);
const instanceStatus = async (id: string) => {
  const [, taskType] = id.split(":");
  return ((await client.call("GetDISyncInstanceInfo", { ProjectId: PROJECT_ID, TaskType: String(taskType), FileId: fileIdOf(id) })).Data as Props).Status;
};
const getFile = async (id: string, project = PROJECT_ID) =>
  ((await client.call("GetFile", { ProjectId: project, FileId: fileIdOf(id) })).Data as { File: Props }).File;
/** Every file the emulator keeps (deleted ones still in production included), by `<project>/<fileId>`. */
const storedFiles = async () => Object.keys((await control(emu.url, "GET", "/state")).json.collections["alibaba.dataworks.files"] ?? {});
const deployments = (mark: number) => callsSince(emu, mark).filter((c) => c !== "GetDeployment" && c !== "GetFile");

beforeAll(async () => {
  emu = await startEmulator({
    settleMs: 100,
    log: () => {},
    inventory: {
      accessKeys: DEFAULT_INVENTORY.accessKeys,
      alibaba: {
        dbInstances: DEFAULT_INVENTORY.alibaba.dbInstances,
        kafkaClusters: DEFAULT_INVENTORY.alibaba.kafkaClusters,
        dataworksProjects: [...DEFAULT_INVENTORY.alibaba.dataworksProjects, devOnly],
      },
    },
  });
  client = new AlibabaRpcClient(dataworks, {
    settings: demoAlibabaSettings(emu.url, 500),
    region: DEMO_REGION_ID,
    retry: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 100 },
  });
});
afterAll(async () => emu?.close());

describe("DISyncTask (DI_OFFLINE) against the emulator", () => {
  it("creates and deploys to production, reads without drift, redeploys an update, and deletes from production too", async () => {
    const inputs = checked(offlineTask);
    let mark = lastSeq(emu);
    const { id, outs } = await task.create(inputs, client);
    expect(id).toMatch(new RegExp(`^${PROJECT_ID}:DI_OFFLINE:\\d+$`));
    expect(deployments(mark)).toEqual(["CreateDISyncTask", "SubmitFile", "DeployFile"]);
    expect(outs).toMatchObject({ status: "", generatedTaskContent: "", deployTo: "PRODUCTION", commitStatus: 1, fileVersion: 1, deployedVersion: 1 });
    expect(await getFile(id)).toMatchObject({ CommitStatus: 1, CurrentVersion: 1 });
    const read = await task.read(id, outs, client);
    expect(read.props).toMatchObject({ commitStatus: 1, fileVersion: 1, deployedVersion: 1 });
    expect(task.diff(id, read.props ?? {}, inputs)).toEqual({ changes: false });

    const script = structuredClone(offlineScript);
    script.setting.speed.concurrent = 4;
    const news = { ...inputs, taskContent: JSON.stringify(script) };
    mark = lastSeq(emu);
    const updated = await task.update(id, outs, news, client);
    expect(deployments(mark)).toEqual(["UpdateDISyncTask", "SubmitFile", "DeployFile"]);
    expect(updated.outs).toMatchObject({ commitStatus: 1, fileVersion: 2, deployedVersion: 2 });
    const after = await task.read(id, updated.outs, client);
    expect(JSON.parse(String(after.props?.taskContent)).setting.speed.concurrent).toBe(4);

    // Edited in the console and not committed: refresh records the script and that the current
    // version is only a draft, so the next up restores and redeploys it.
    script.setting.speed.concurrent = 8;
    await client.call("UpdateDISyncTask", { ProjectId: PROJECT_ID, TaskType: "DI_OFFLINE", FileId: fileIdOf(id), TaskContent: JSON.stringify(script) });
    const drifted = await task.read(id, updated.outs, client);
    expect(drifted.inputs).toMatchObject({ deployTo: "NONE" });
    expect(drifted.props).toMatchObject({ commitStatus: 0, fileVersion: 3 });
    expect(task.diff(id, drifted.props ?? {}, news)).toEqual({ changes: true });
    const restored = await task.update(id, drifted.props ?? {}, news, client);
    expect(restored.outs).toMatchObject({ commitStatus: 1, fileVersion: 4, deployedVersion: 4 });

    mark = lastSeq(emu);
    await task.remove(id, restored.outs, client);
    // The deletion reaches development, then is deployed so production loses the task too.
    expect(deployments(mark)).toEqual(["DeleteFile", "DeployFile"]);
    expect(await storedFiles()).not.toContain(`${PROJECT_ID}/${fileIdOf(id)}`);
    expect(await task.read(id, outs, client)).toEqual({});
    await task.remove(id, restored.outs, client); // already gone
  });

  it("keeps a draft with deployTo NONE, commits only with DEVELOPMENT, and deploys a draft once asked", async () => {
    const draftInputs = checked({ ...offlineTask, deployTo: "NONE" });
    let mark = lastSeq(emu);
    const draft = await task.create(draftInputs, client);
    expect(deployments(mark)).toEqual(["CreateDISyncTask"]);
    expect(draft.outs).toMatchObject({ deployTo: "NONE", commitStatus: 0, fileVersion: 1 });
    expect(draft.outs.deployedVersion).toBeUndefined();
    expect(task.diff(draft.id, (await task.read(draft.id, draft.outs, client)).props ?? {}, draftInputs)).toEqual({ changes: false });

    const deployNews = { ...draftInputs, deployTo: "PRODUCTION" };
    expect(task.diff(draft.id, draft.outs, deployNews)).toEqual({ changes: true });
    mark = lastSeq(emu);
    const deployed = await task.update(draft.id, draft.outs, deployNews, client);
    expect(deployments(mark)).toEqual(["SubmitFile", "DeployFile"]);
    expect(deployed.outs).toMatchObject({ deployTo: "PRODUCTION", commitStatus: 1, deployedVersion: 1 });
    // Back to NONE: later versions stay drafts; what production runs is left alone.
    const backToDraft = await task.update(draft.id, deployed.outs, { ...deployNews, deployTo: "NONE" }, client);
    const refreshed = await task.read(draft.id, backToDraft.outs, client);
    expect(task.diff(draft.id, refreshed.props ?? {}, { ...deployNews, deployTo: "NONE" })).toEqual({ changes: false });
    await task.remove(draft.id, backToDraft.outs, client);

    const devInputs = checked({ ...offlineTask, deployTo: "DEVELOPMENT" });
    mark = lastSeq(emu);
    const committed = await task.create(devInputs, client);
    expect(deployments(mark)).toEqual(["CreateDISyncTask", "SubmitFile"]);
    expect(committed.outs).toMatchObject({ deployTo: "DEVELOPMENT", commitStatus: 1 });
    mark = lastSeq(emu);
    await task.remove(committed.id, committed.outs, client);
    // Never in production: the deletion only has to reach development.
    expect(deployments(mark)).toEqual(["DeleteFile"]);
    expect(await storedFiles()).not.toContain(`${PROJECT_ID}/${fileIdOf(committed.id)}`);
  });

  it("deploys, on the next up, a batch task created before deployTo existed, and deletes it from production", async () => {
    const { id, outs } = await task.create(checked({ ...offlineTask, deployTo: "NONE" }), client);
    const { deployTo: _d, commitStatus: _c, fileVersion: _f, deployedVersion: _v, ...older } = outs;
    const news = task.check({}, { ...older, __provider: "shim" }).inputs;
    expect(task.diff(id, older, news)).toEqual({ changes: true });
    const mark = lastSeq(emu);
    const updated = await task.update(id, older, news, client);
    expect(deployments(mark)).toEqual(["SubmitFile", "DeployFile"]);
    await task.remove(id, updated.outs, client);
    expect(await storedFiles()).not.toContain(`${PROJECT_ID}/${fileIdOf(id)}`);
  });

  it("fails a deployment with DataWorks' ErrorMessage and keeps the task in state at the stage it reached", async () => {
    const inputs = checked({ ...offlineTask, projectId: DEV_ONLY_PROJECT });
    const err = (await task.create(inputs, client).catch((e: unknown) => e)) as Error & { id?: string; properties?: Props; reasons?: string[] };
    expect(err.id).toMatch(new RegExp(`^${DEV_ONLY_PROJECT}:DI_OFFLINE:\\d+$`));
    expect(err.message).toMatch(
      /was created but is not healthy: DeployFile deployment \d+ failed: datasource:\[odps_first\] is not configured for the production environment of project 10002\. .*set deployTo to "NONE" to keep it a draft\./,
    );
    expect(err.reasons).toEqual([err.message]);
    expect(err.properties).toMatchObject({ deployTo: "DEVELOPMENT", commitStatus: 1 });
    expect(err.properties?.deployedVersion).toBeUndefined();
    // The next up sees the stage short of deployTo and tries again.
    expect(task.diff(String(err.id), err.properties ?? {}, inputs)).toEqual({ changes: true });
    const mark = lastSeq(emu);
    await expect(task.update(String(err.id), err.properties ?? {}, inputs, client)).rejects.toThrow(/DeployFile deployment \d+ failed/);
    expect(deployments(mark)).toEqual(["DeployFile"]);
    await task.remove(String(err.id), err.properties ?? {}, client);
  });

  it("fails a deployment that does not settle within timeoutSeconds, keeping the task", async () => {
    await queueFault(emu, { action: "DeployFile", kind: "stuck" });
    const inputs = checked({ ...offlineTask, timeoutSeconds: 2 });
    const err = (await task.create(inputs, client).catch((e: unknown) => e)) as Error & { id?: string; properties?: Props };
    expect(err.message).toMatch(
      /timed out after \d+s waiting for alicloud:DISyncTask .* to reach the deployment to production; last status deployment \d+ status 0/,
    );
    expect(err.properties).toMatchObject({ deployTo: "DEVELOPMENT" });
    await task.remove(String(err.id), err.properties ?? {}, client);
  });

  it("never makes a second task: a dropped-but-applied create and a repeated create give the same file", async () => {
    const inputs = checked({ ...offlineTask, deployTo: "NONE" });
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

  it("sends no RegionId to DataWorks: the endpoint carries the region", async () => {
    const mark = lastSeq(emu);
    const { id, outs } = await task.create(checked({ ...offlineTask, regionId: DEMO_REGION_ID, deployTo: "NONE" }), client);
    await task.remove(id, outs, client);
    const sent = emu.requests(mark);
    expect(sent.length).toBeGreaterThan(0);
    for (const r of sent) expect(Object.keys(r.params ?? {}), r.action ?? "").not.toContain("RegionId");
  });
});

describe("DISyncTask (DI_REALTIME) against the emulator", () => {
  it("generates, creates, deploys and starts; regenerates a table change; stops and starts; stops before deleting", async () => {
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
    expect(task.diff(id, outs, news)).toEqual({ changes: true });
    mark = lastSeq(emu);
    const updated = await task.update(id, outs, news, client);
    expect(callsSince(emu, mark)).toEqual(
      expect.arrayContaining(["GenerateDISyncTaskConfigForUpdating", "StopDISyncInstance", "UpdateDISyncTask", "DeployDISyncTask", "StartDISyncInstance"]),
    );
    // ForUpdating gets the reader's new table selection only, in the SDK example's form.
    const generate = emu.requests(mark).find((r) => r.action === "GenerateDISyncTaskConfigForUpdating");
    expect(JSON.parse(String(generate?.params?.TaskParam))).toEqual({
      steps: [
        {
          parameter: { connection: [{ selectedTables: [{ dbName: "orders_db", schema: [{ tableInfos: [{ table: "orders" }, { table: "refunds" }] }] }] }] },
          name: "Reader",
          category: "reader",
        },
      ],
    });
    expect(updated.outs.status).toBe("RUN");
    expect(String(updated.outs.generatedTaskContent)).toContain("refunds");

    const stopped = await task.update(id, updated.outs, { ...news, desiredStatus: "STOPPED" }, client);
    expect(stopped.outs.status).toBe("PAUSE");
    expect(await instanceStatus(id)).toBe("PAUSE");
    // Started behind Pulumi's back: refresh records desiredStatus RUNNING.
    await client.call("StartDISyncInstance", { ProjectId: PROJECT_ID, TaskType: "DI_REALTIME", FileId: fileIdOf(id) });
    const drift = await task.read(id, stopped.outs, client);
    expect(drift.inputs?.desiredStatus).toBe("RUNNING");
    expect(task.diff(id, drift.props ?? {}, { ...news, desiredStatus: "STOPPED" })).toEqual({ changes: true });

    mark = lastSeq(emu);
    await task.remove(id, stopped.outs, client);
    expect(callsSince(emu, mark)).toEqual(expect.arrayContaining(["StopDISyncInstance", "DeleteDISyncTask"]));
    expect(await task.read(id, stopped.outs, client)).toEqual({});
  });

  it("fails an update UpdateDISyncTask refuses in band, restarting the instance and saying how to replace the task", async () => {
    const inputs = checked(realtimeTask);
    const { id, outs } = await task.create(inputs, client);
    const news = {
      ...inputs,
      taskContent: JSON.stringify(realtimeSpec(["orders", "refunds"])),
      taskParam: { ...realtimeTask.taskParam, resourceGroup: "S_res_group_nope" },
    };
    const mark = lastSeq(emu);
    await expect(task.update(id, outs, news, client)).rejects.toThrow(
      /UpdateDISyncTask refused the regenerated script: ResourceGroup:\[S_res_group_nope\] is invalid\. The task keeps its previous script and instance status\. .*`pulumi up --replace <urn>`/,
    );
    expect(callsSince(emu, mark)).toEqual(expect.arrayContaining(["StopDISyncInstance", "UpdateDISyncTask", "StartDISyncInstance"]));
    expect(callsSince(emu, mark)).not.toContain("DeployDISyncTask");
    expect(await instanceStatus(id)).toBe("RUN");
    const read = await task.read(id, outs, client);
    expect(task.diff(id, read.props ?? {}, inputs)).toEqual({ changes: false });
    await task.remove(id, outs, client);
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

describe("the vendor's example payloads, through preview and the emulator", () => {
  it.each(Object.keys(SEED_REALTIME_SPECS))("accepts seed 002's %s specification at preview and creates it on the emulator", async (kind) => {
    const inputs = checked({
      projectId: SEED_PROJECT_ID,
      taskType: "DI_REALTIME",
      taskName: kind,
      taskContent: SEED_REALTIME_SPECS[kind],
      taskParam: { fileFolderPath: SEED_TASK_PARAM.FileFolderPath, resourceGroup: "S_res_group_280749521950784_1623033752022" },
      desiredStatus: "STOPPED",
    });
    const { id, outs } = await task.create(inputs, client);
    expect(outs.status).toBe("NORUN");
    await task.remove(id, outs, client);
  });

  it("accepts seed 004's task as given at preview and creates and deploys it on the emulator", async () => {
    const inputs = checked({
      projectId: SEED_PROJECT_ID,
      taskType: "DI_OFFLINE",
      taskName: SEED_TASK_NAME,
      taskContent: SEED_SCRIPT,
      taskParam: { fileFolderPath: SEED_TASK_PARAM.FileFolderPath, resourceGroup: SEED_TASK_PARAM.ResourceGroup },
    });
    const { id, outs } = await task.create(inputs, client);
    expect(outs).toMatchObject({ commitStatus: 1, deployedVersion: 1 });
    expect(await getFile(id, SEED_PROJECT_ID)).toMatchObject({ Content: JSON.stringify(SEED_SCRIPT), FileType: 23 });
    await task.remove(id, outs, client);
  });
});

/** The SDK property a case sets, and the API parameter the emulator names in its sentence. */
const NAMES = {
  taskName: ["taskName", "TaskName"],
  fileFolderPath: ["taskParam.fileFolderPath", "TaskParam.FileFolderPath"],
  taskContent: ["taskContent", "TaskContent"],
} as const;

describe("one case table, preview and the emulator (CreateDISyncTask over HTTP)", () => {
  const base = () => ({
    projectId: SEED_PROJECT_ID,
    taskType: "DI_OFFLINE",
    taskName: `rule_case_${++seq}`,
    taskContent: SEED_SCRIPT,
    taskParam: { fileFolderPath: SEED_TASK_PARAM.FileFolderPath, resourceGroup: SEED_TASK_PARAM.ResourceGroup },
  });
  const inputsFor = (c: (typeof RULE_CASES)[number]) => {
    const b = base();
    if (c.field === "taskName") return { ...b, taskName: c.value };
    if (c.field === "fileFolderPath") return { ...b, taskParam: { ...b.taskParam, fileFolderPath: c.value } };
    return { ...b, taskContent: c.value };
  };

  it.each(RULE_CASES.map((c) => [c.refused === undefined ? "accepts" : "rejects", c.name, c] as const))("%s %s on both sides", async (_verb, _name, c) => {
    const news = inputsFor(c);
    const [sdkName, apiName] = NAMES[c.field];
    const preview = task.check({}, { __provider: "shim", ...news });
    const answer = await client
      .call("CreateDISyncTask", {
        ProjectId: SEED_PROJECT_ID,
        TaskType: "DI_OFFLINE",
        TaskName: news.taskName,
        TaskContent: typeof news.taskContent === "string" ? news.taskContent : JSON.stringify(news.taskContent),
        TaskParam: JSON.stringify({ FileFolderPath: news.taskParam.fileFolderPath, ResourceGroup: news.taskParam.resourceGroup }),
      })
      .catch((e: unknown) => e);
    if (c.refused === undefined) {
      expect(preview.failures).toEqual([]);
      expect(answer).not.toBeInstanceOf(Error);
      expect(diFailure(answer as never)).toBeUndefined();
      expect(typeof ((answer as { Data: Props }).Data.FileId as unknown)).toBe("number");
      return;
    }
    expect(preview.failures.map((f) => f.reason)).toEqual([`${sdkName} ${c.refused}`]);
    expect(answer).toBeInstanceOf(ApiError);
    expect((answer as ApiError).code).toBe("Invalid.DI.Parameter");
    expect((answer as ApiError).message).toContain(`${apiName} ${c.refused}`);
  });
});
