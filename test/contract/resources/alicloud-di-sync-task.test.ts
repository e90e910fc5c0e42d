/**
 * The real Alibaba client and the DISyncTask handlers against the emulator over loopback, without
 * Pulumi: the batch path (create, then SubmitFile → DeployFile waited on through GetDeployment, up
 * to deployTo; GetFile read with CommitStatus; UpdateDISyncTask and a new deployment; DeleteFile
 * and the deletion deployed), deployment failures kept in state, the realtime path (generate →
 * poll → create → deploy → start, ForUpdating on a table change, stop/start, stop before delete),
 * in-band failures surfaced, creates that never duplicate, and the one case table of the rules
 * preview and the emulator share, run through both.
 */
import { DEFAULT_INVENTORY, DEMO_REGION_ID, type InventoryInput, type RunningEmulator, startEmulator } from "../../../emulator";
import { type dataworks, diFailure } from "../../../provider/apis/alibaba-dataworks";
import type { AlibabaRpcClient } from "../../../provider/clients/alibaba";
import { ApiError } from "../../../provider/errors";
import * as task from "../../../provider/resources/alicloud-di-sync-task";
import { RULE_CASES, SEED_PROJECT_ID, SEED_REALTIME_SPECS, SEED_SCRIPT, SEED_TASK_NAME, SEED_TASK_PARAM } from "../../fixtures/alibaba/dataworks-rule-cases";
import { PROJECT_ID, offlineScript, offlineTask, realtimeSpec, realtimeTask, FOLDER } from "../../fixtures/dataworks";
import { dataworksClient, answered } from "../../helpers/clients";
import { callsSince, lastSeq, queueFault, pollUntil, storedRecords } from "../../helpers/emulator";
import { type Props, checkedTimed, fileIdOf } from "../../helpers/resources";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

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

/** The emulator's settle time: a deployment or an instance change applies this long after it is asked for. */
const SETTLE_MS = 100;

/** One emulator for the file; every test names its tasks afresh (`seq`), so none sees another's. */
let emu: RunningEmulator;
let client: AlibabaRpcClient<typeof dataworks>;
let seq = 0;

/** A create's checked inputs with a fresh task name: `<taskName><marker><n>`. */
const checkedAs = (marker: string) => (news: Props) => checkedTimed(task, { ...news, taskName: `${String(news.taskName)}${marker}${++seq}` });
const checked = checkedAs("_");
/** A task's file id and type: from its Pulumi id, or a realtime task's bare file id. */
const fileOf = (t: string | number) =>
  typeof t === "number" ? { fileId: t, taskType: "DI_REALTIME" } : { fileId: fileIdOf(t), taskType: String(t.split(":")[1]) };
/** The status of a realtime task's instance (GetDISyncInstanceInfo). */
const instanceStatus = async (t: string | number) => {
  const { fileId, taskType } = fileOf(t);
  return ((await client.call("GetDISyncInstanceInfo", { ProjectId: PROJECT_ID, TaskType: taskType, FileId: fileId })).Data as Props).Status;
};
const getFile = async (t: string | number, project = PROJECT_ID) =>
  ((await client.call("GetFile", { ProjectId: project, FileId: fileOf(t).fileId })).Data as { File: Props }).File;
/** Every file the emulator keeps (deleted ones still in production included), by `<project>/<fileId>`. */
const storedFileRecords = () => storedRecords(emu, "alibaba.dataworks.files");
const storedFiles = async () => Object.keys(await storedFileRecords());
const deployments = (mark: number) => callsSince(emu, mark).filter((c) => c !== "GetDeployment" && c !== "GetFile");
const answeredSince = (mark: number, action: string) => answered(emu, mark, action);

beforeAll(async () => {
  emu = await startEmulator({
    settleMs: SETTLE_MS,
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
  client = dataworksClient(emu.url);
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

/**
 * DISyncTask calls that take no idempotency token (DeleteFile, DeployFile, StartDISyncInstance,
 * StopDISyncInstance: no ClientToken in their SDK request models) under dropped connections, with
 * the real client and handlers against the emulator. Each test queues the exact fault sequence the
 * load test met (a connection cut after the call took effect, or before) and judges the outcome
 * from the emulator's own store and request log: the goal is reached, nothing is sent twice that
 * had taken effect, and nothing is left behind in production.
 */
describe("under dropped connections", () => {
  const checked = checkedAs("_amb_");
  /** The file the emulator keeps, deleted ones still in production included, as its stored record. */
  const storedFile = async (id: string): Promise<Props | undefined> => {
    // The emulator applies settled deployments when it next answers a DataWorks call (ListFiles answers).
    await client.call("ListFiles", { ProjectId: PROJECT_ID, PageSize: 1 });
    return (await storedFileRecords())[`${PROJECT_ID}/${fileIdOf(id)}`];
  };
  /** The mutating calls since `mark` with what the emulator did to each (a fault, or the answer's code). */
  const mutations = (mark: number, actions: readonly string[]) =>
    emu
      .requests(mark)
      .filter((r) => actions.includes(String(r.action)))
      .map((r) => [r.action, r.fault, r.code ?? r.status].filter((x) => x !== undefined).join(" "));

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
});

/**
 * Removing each optional input of a DISyncTask from the program, against the emulator: create with
 * it set, preview and update with it removed, then judge the recorded wire requests (no empty
 * value ever sent) and what the emulator holds. One case table. The expected values are not the
 * provider's field table: deployTo and desiredStatus are provider inputs whose defaults are the
 * SDK's documented `@default` (PRODUCTION, RUNNING); startParam and taskParam.cu have no
 * documented default in any vendor source (test/conformance/facts/dataworks.json: StartDISyncInstance
 * StartParam and the TaskParam Cu key carry none), so what the task has is kept. regionId is not
 * here: it picks the endpoint, and changing or removing it replaces the task.
 */
describe("removing an optional input", () => {
  const checked = (news: Props) => checkedTimed(task, news);
  /** The emulator's record of the task. */
  const stored = async (id: string) => (await storedFileRecords())[`${PROJECT_ID}/${fileIdOf(id)}`] as Props;
  const READS = /^(Get|List|Query)/;

  const otherScript = { ...offlineScript, setting: { ...offlineScript.setting, speed: { concurrent: 3, throttle: false } } };

  interface RemovalCase {
    readonly field: string;
    /** The program with the field set. */
    readonly set: Props;
    /** The same program without it (and anything else the case changes alongside). */
    readonly removed: Props;
    /** What the task holds afterwards, from the emulator's record. */
    readonly holds: (record: Props) => void;
    /** Whether the removal alone is a change (kept fields are not). */
    readonly changes: boolean;
  }

  const offlineBase: Props = offlineTask;
  const CASES: readonly RemovalCase[] = [
    {
      field: "deployTo (reset: PRODUCTION, the SDK's @default)",
      set: { ...offlineBase, deployTo: "NONE" },
      removed: offlineBase,
      changes: true,
      holds: (r) => expect(r).toMatchObject({ committedVersion: r.version, productionVersion: r.version }),
    },
    {
      field: "desiredStatus (reset: RUNNING, the SDK's @default)",
      set: { ...realtimeTask, desiredStatus: "STOPPED" },
      removed: realtimeTask,
      changes: true,
      holds: (r) => expect((r.instance as Props).state).toBe("RUN"),
    },
    {
      field: "startParam (kept: no documented default)",
      set: { ...realtimeTask, startParam: { failoverLimit: { count: 10, interval: 30 } } },
      removed: realtimeTask,
      changes: false,
      holds: (r) => expect((r.instance as Props).state).toBe("RUN"),
    },
    {
      field: "taskParam.cu (kept: no documented default), removed alone",
      set: { ...offlineBase, taskParam: { ...offlineTask.taskParam, cu: 2 } },
      removed: offlineBase,
      changes: false,
      holds: (r) => expect(r).toMatchObject({ cu: 2 }),
    },
    {
      field: "taskParam.cu (kept: no documented default), removed alongside a script change",
      set: { ...offlineBase, taskParam: { ...offlineTask.taskParam, cu: 2 } },
      removed: { ...offlineBase, taskContent: otherScript },
      changes: true,
      holds: (r) => expect(r).toMatchObject({ cu: 2, content: JSON.stringify(otherScript) }),
    },
  ];

  describe("DISyncTask: removing an optional input", () => {
    it.each(CASES)("$field", async (c) => {
      const name = `removal_${++seq}`;
      const olds = checked({ ...c.set, taskName: name });
      const made = await task.create(olds, client);
      const news = checked({ ...c.removed, taskName: name });
      const diff = task.diff(made.id, made.outs, news);
      expect(diff.changes).toBe(c.changes);
      expect(diff).not.toHaveProperty("replaces");
      const mark = lastSeq(emu);
      const outs = diff.changes ? (await task.update(made.id, made.outs, news, client)).outs : made.outs;
      const writes = emu.requests(mark).filter((r) => !READS.test(String(r.action)));
      if (!c.changes) expect(writes).toEqual([]);
      for (const w of writes)
        expect(
          Object.entries(w.params).filter(([, v]) => v === ""),
          String(w.action),
        ).toEqual([]);
      const updates = writes.filter((w) => w.action === "UpdateDISyncTask");
      for (const u of updates) expect(JSON.parse(String(u.params.TaskParam))).not.toHaveProperty("Cu");
      c.holds(await stored(made.id));
      // And nothing is left to do: the next preview is clean.
      expect(task.diff(made.id, outs, news).changes).toBe(false);
      await task.remove(made.id, outs, client);
    });
  });
});

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
describe("a create repeated after a crash", () => {
  const checked = checkedAs("_takeover_");
  /** Every live DataStudio file of that name in the workspace (ListFiles, the vendor's look-up). */
  const filesNamed = async (name: unknown) =>
    (
      (await client.call("ListFiles", { ProjectId: PROJECT_ID, ExactFileName: String(name), NeedContent: true, NeedAbsoluteFolderPath: true })).Data as {
        Files: Props[];
      }
    ).Files;
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
      expect(answeredSince(mark, "CreateDISyncTask").filter((r) => r.code === "Invalid.DI.Parameter.File.Existed")).toHaveLength(1);
      expect(answeredSince(mark, "UpdateDISyncTask")).toEqual([]); // the same definition: nothing to change
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
      expect(answeredSince(mark, "CreateDISyncTask")).toEqual([]); // adopt looks up first
      const updates = answeredSince(mark, "UpdateDISyncTask");
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
      expect(answeredSince(mark, "CreateDISyncTask")).toHaveLength(1);
      expect(answeredSince(mark, "ListFiles").length).toBeGreaterThanOrEqual(1);
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
      expect(answeredSince(mark, "DeployDISyncTask")).toHaveLength(1);
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
      expect(answeredSince(mark, "DeployDISyncTask")).toEqual([]); // it runs: deployed already
      expect(await filesNamed(inputs.taskName)).toHaveLength(1);
      expect(await instanceStatus(fileIdOf(again.id))).toBe("RUN");
      await task.remove(again.id, again.outs, client);
    });
  });
});
