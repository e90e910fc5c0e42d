/**
 * DataWorks DI (dataworks-public 2020-05-18) on the emulator over loopback with raw signed
 * requests: the seed pages' payloads, the batch lifecycle through the file APIs (versions,
 * CommitStatus, SubmitFile/DeployFile/DeleteFile deployments settling on the clock), the realtime
 * Generate → Query → Create → Deploy → Start/Stop flow, in-band failures, the TaskType matrix, the
 * emulator-only validation in the real envelope (the rules preview shares are in the one case table
 * run by alibaba-di-sync-task.test.ts), ClientToken idempotency, faults and persistence.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { dataworks, diFailure, isUnknownFileMessage } from "../../../../provider/apis/alibaba-dataworks";
import { AlibabaRpcClient } from "../../../../provider/clients/alibaba";
import {
  DEFAULT_INVENTORY,
  DEMO_DATAWORKS_DATA_SOURCES,
  DEMO_DATAWORKS_PROJECT_ID,
  DEMO_DATAWORKS_PROJECT_NAME,
  DEMO_DATAWORKS_RESOURCE_GROUP,
  DEMO_DATAWORKS_SERVERLESS_RESOURCE_GROUP,
  DEMO_REGION_ID,
  demoAlibabaSettings,
  type InventoryInput,
} from "../../../../emulator/index";
import {
  control,
  expectEnvelope,
  startTestEmulator,
  uniqueName,
  UPPERCASE_UUID,
  type RawResponse,
  type TestEmulator,
  type WireValue,
} from "../../../helpers/emulator";

const VERSION = "2020-05-18";
const FIXTURES = join(__dirname, "../../..", "fixtures", "alibaba");
const readJson = (file: string) => JSON.parse(readFileSync(join(FIXTURES, file), "utf8"));
const seedCreate = readJson("dataworks-create-di-sync-task.request.json").params as Record<string, WireValue>;
const seedCreateResponse = readJson("dataworks-create-di-sync-task.response.json") as { Data: Record<string, unknown> } & Record<string, unknown>;
const seedGenerate = readJson("dataworks-generate-config-for-creating.request.json") as {
  ProjectId: number;
  TaskType: string;
  ClientToken: string;
  taskParams: Record<string, Record<string, unknown>>;
};
const seedGenerateResponse = readJson("dataworks-generate-config-for-creating.response.json") as { Data: Record<string, unknown> } & Record<string, unknown>;
const SEED_PROJECT = seedGenerate.ProjectId;

/** A workspace whose MaxCompute source exists in development only, and whose MySQL source in production only. */
const SPLIT_PROJECT = 10003;
const inventory: InventoryInput = {
  accessKeys: DEFAULT_INVENTORY.accessKeys,
  alibaba: {
    dbInstances: DEFAULT_INVENTORY.alibaba.dbInstances,
    kafkaClusters: DEFAULT_INVENTORY.alibaba.kafkaClusters,
    dataworksProjects: [
      ...DEFAULT_INVENTORY.alibaba.dataworksProjects,
      {
        id: SPLIT_PROJECT,
        name: "streamjobs_split",
        region: DEMO_REGION_ID,
        dataSources: [
          { name: "mysql_pub", type: "mysql", environments: ["production"] },
          { name: "odps_first", type: "odps", environments: ["development"] },
          { name: "mysql_both", type: "mysql" },
        ],
        resourceGroups: [DEMO_DATAWORKS_RESOURCE_GROUP],
      },
    ],
  },
};

const SETTLE = 1000;
const PROJECT = DEMO_DATAWORKS_PROJECT_ID;
const RG = DEMO_DATAWORKS_RESOURCE_GROUP;
const { mysql: MYSQL, odps: ODPS, kafka: KAFKA, hologres: HOLO } = DEMO_DATAWORKS_DATA_SOURCES;
let t: TestEmulator;

beforeAll(async () => {
  t = await startTestEmulator({ manualClock: true, settleMs: SETTLE, inventory });
});
afterAll(() => t.close());

type Params = Record<string, WireValue>;
/** Where the SDK puts parameters: everything in the query but CreateDISyncTask's TaskContent (docs/vendors/dataworks.md#where-parameters-travel). */
const BODY_PARAMS = new Set(["TaskContent"]);
/** The file APIs send their parameters in the form body. */
const FILE_ACTIONS = new Set(["GetFile", "SubmitFile", "DeployFile", "DeleteFile", "GetDeployment"]);

function callOn(e: TestEmulator, action: string, params: Params, project: number = PROJECT): Promise<RawResponse> {
  const query: Params = {};
  const form: Params = {};
  for (const [k, v] of Object.entries({ ProjectId: project, ...params })) (FILE_ACTIONS.has(action) || BODY_PARAMS.has(k) ? form : query)[k] = v;
  return e.v3({ action, version: VERSION, query, form });
}

const call = (action: string, params: Params, project?: number) => callOn(t, action, params, project);

/** A 200 answer the provider's table accepts; returns the body. */
async function answer(action: string, params: Params, project?: number): Promise<Record<string, any>> {
  const res = await call(action, params, project);
  if (res.status !== 200) throw new Error(`${action} failed: ${res.status} ${res.text}`);
  expect(res.json.RequestId).toMatch(UPPERCASE_UUID);
  expect(res.headers["x-acs-request-id"]).toBe(res.json.RequestId);
  dataworks.actions[action as keyof typeof dataworks.actions].response.parse(res.json);
  return res.json;
}

/** A DI answer with `Data.Status: success`; returns `Data`. */
async function ok(action: string, params: Params, project?: number): Promise<Record<string, any>> {
  const body = await answer(action, params, project);
  if (body.Data?.Status !== "success" && !FILE_ACTIONS.has(action)) throw new Error(`${action} did not succeed: ${JSON.stringify(body)}`);
  return FILE_ACTIONS.has(action) ? body : body.Data;
}

/** An in-band failure: HTTP 200, `Success: true`, `Data.Status: fail`; returns the message. */
async function inBandFailure(action: string, params: Params, project?: number): Promise<string> {
  const body = await answer(action, params, project);
  expect(body.Success).toBe(true);
  expect(body.Data.Status).toBe("fail");
  const message = diFailure(body);
  expect(message).toBeDefined();
  return message as string;
}

const advance = () => t.clock?.advance(SETTLE);

// ---- scripts ----

function offlineContent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: "job",
    version: "2.0",
    steps: [
      {
        stepType: "mysql",
        category: "reader",
        name: "Reader",
        parameter: { datasource: MYSQL, column: ["id", "name"], connection: [{ datasource: MYSQL, table: ["u_pk"] }], where: "", splitPk: "id" },
      },
      {
        stepType: "odps",
        category: "writer",
        name: "Writer",
        parameter: { datasource: ODPS, table: "u_pk", column: ["id", "name"], partition: "pt=${bizdate}", truncate: true },
      },
    ],
    setting: { executeMode: null, errorLimit: { record: "" }, speed: { concurrent: 2, throttle: false } },
    order: { hops: [{ from: "Reader", to: "Writer" }] },
    ...overrides,
  };
}

const folder = "workflow/streamjobs/data integration";
const taskParam = (overrides: Record<string, unknown> = {}) => JSON.stringify({ FileFolderPath: folder, ResourceGroup: RG, ...overrides });

function offlineTask(overrides: Params = {}): Params {
  return { TaskType: "DI_OFFLINE", TaskName: uniqueName("di_offline"), TaskContent: JSON.stringify(offlineContent()), TaskParam: taskParam(), ...overrides };
}

function realtimeParam(
  overrides: { taskType?: string; writer?: string; writerType?: string; reader?: string; resourceGroup?: string; tables?: string[] } = {},
): string {
  const taskType = overrides.taskType ?? "oneclick_to_odps";
  return JSON.stringify({
    type: "realtime",
    version: "1.0",
    setting: { resourceGroup: overrides.resourceGroup ?? RG, taskType },
    steps: [
      {
        stepType: "mysql",
        category: "reader",
        name: "Reader",
        parameter: {
          connection: [
            {
              datasourceType: "mysql",
              datasource: overrides.reader ?? MYSQL,
              selectedTables: [{ dbName: "orders_db", schema: [{ tableInfos: (overrides.tables ?? ["orders"]).map((table) => ({ table })) }] }],
            },
          ],
        },
      },
      { stepType: overrides.writerType ?? "odps", category: "writer", name: "Writer", parameter: { datasource: overrides.writer ?? ODPS } },
    ],
  });
}

/** Generate → settle → the generated TaskContent. */
async function generated(param = realtimeParam()): Promise<string> {
  const { ProcessId } = await ok("GenerateDISyncTaskConfigForCreating", { TaskType: "DI_REALTIME", TaskParam: param });
  advance();
  return (await ok("QueryDISyncTaskConfigProcessResult", { TaskType: "DI_REALTIME", AsyncProcessId: ProcessId })).TaskContent;
}

async function realtimeTask(name = uniqueName("di_rt")): Promise<number> {
  const TaskContent = await generated();
  return (await ok("CreateDISyncTask", { TaskType: "DI_REALTIME", TaskName: name, TaskContent, TaskParam: JSON.stringify({ FileFolderPath: folder }) })).FileId;
}

const instanceStatus = async (FileId: number) => (await answer("GetDISyncInstanceInfo", { TaskType: "DI_REALTIME", FileId })).Data.Status;
const fileCount = async () => Object.keys((await control(t.url, "GET", "/state")).json.collections["alibaba.dataworks.files"] ?? {}).length;

// ---------------------------------------------------------------------------------------------

describe("seed pages", () => {
  it("creates the CreateDISyncTask example as given, answering in the page's shape with its FileId", async () => {
    const fresh = await startTestEmulator({ inventory });
    try {
      const res = await callOn(fresh, "CreateDISyncTask", seedCreate, SEED_PROJECT);
      expect(res.status, res.text).toBe(200);
      expect(Object.keys(res.json).sort()).toEqual(Object.keys(seedCreateResponse).sort());
      expect(res.json.Data.Status).toBe(seedCreateResponse.Data.Status);
      // A long id, a number on the wire; the first one the emulator hands out is the page's.
      expect(res.json.Data.FileId).toBe(seedCreateResponse.Data.FileId);
      const file = await fresh.v3({ action: "GetFile", version: VERSION, form: { ProjectId: SEED_PROJECT, FileId: res.json.Data.FileId } });
      expect(file.json.Data.File).toMatchObject({
        FileName: "new_di_task",
        Content: seedCreate.TaskContent,
        FileType: 23,
        CommitStatus: 0,
        DeletedStatus: "NORMAL",
      });
    } finally {
      await fresh.close();
    }
  });

  it.each(Object.keys(seedGenerate.taskParams))("generates a realtime task from the %s TaskParam example and creates it", async (kind) => {
    const TaskParam = JSON.stringify(seedGenerate.taskParams[kind]);
    const res = await call("GenerateDISyncTaskConfigForCreating", { TaskType: seedGenerate.TaskType, TaskParam }, SEED_PROJECT);
    expect(res.status).toBe(200);
    expect(Object.keys(res.json).sort()).toEqual(Object.keys(seedGenerateResponse).sort());
    expect(typeof res.json.Data.ProcessId).toBe(typeof seedGenerateResponse.Data.ProcessId);
    const query = () => answer("QueryDISyncTaskConfigProcessResult", { TaskType: "DI_REALTIME", AsyncProcessId: res.json.Data.ProcessId }, SEED_PROJECT);
    expect((await query()).Data).toEqual({ Status: "processing" });
    advance();
    const done = (await query()).Data;
    expect(done.Status).toBe("success");
    const content = JSON.parse(done.TaskContent);
    const steps = seedGenerate.taskParams[kind]!.steps as Array<{ stepType: string; parameter: unknown }>;
    expect(content).toMatchObject({
      type: "job",
      extend: { mode: kind, resourceGroup: "S_res_group_280749521950784_1623033752022" },
      steps: [
        { category: "reader", stepType: "mysql", parameter: steps[0]!.parameter },
        { category: "writer", stepType: steps[1]!.stepType, parameter: steps[1]!.parameter },
      ],
      order: { hops: [{ from: "Reader", to: "Writer" }] },
    });
    const created = await ok(
      "CreateDISyncTask",
      {
        TaskType: "DI_REALTIME",
        TaskName: uniqueName(kind),
        TaskContent: done.TaskContent,
        TaskParam: '{"FileFolderPath":"Business Flow/XXX/Data Integration"}',
      },
      SEED_PROJECT,
    );
    expect(typeof created.FileId).toBe("number");
  });

  it("takes the seed TaskParam in its one-line form too", async () => {
    const oneLine =
      '{ "type": "realtime", "version": "1.0", "setting": { "resourceGroup": "S_res_group_280749521950784_1623033752022", "taskType": "oneclick_to_odps" }, "steps": [{ "stepType": "mysql", "parameter": { "connection": [ { "datasourceType": "mysql", "datasource": "mysql_pub1", "selectedTables": [ { "dbName": "mysql_db", "schema": [ { "tableInfos": [ { "table": "molin_di_test_in_pk_v4" }] } ] } ] } ] }, "name": "Reader", "category": "reader" }, { "stepType": "odps", "parameter": { "datasource": "odps_source" }, "name": "Writer", "category": "writer" } ] }';
    const { ProcessId } = await ok("GenerateDISyncTaskConfigForCreating", { TaskType: "DI_REALTIME", TaskParam: oneLine }, SEED_PROJECT);
    advance();
    expect((await ok("QueryDISyncTaskConfigProcessResult", { TaskType: "DI_REALTIME", AsyncProcessId: ProcessId }, SEED_PROJECT)).TaskContent).toContain(
      "molin_di_test_in_pk_v4",
    );
  });
});

describe("batch (DI_OFFLINE) lifecycle through the file APIs", () => {
  it("creates, reads with GetFile, updates, deletes with DeleteFile, and then no longer finds the file", async () => {
    const params = offlineTask();
    const { FileId } = await ok("CreateDISyncTask", params);
    expect(Number.isSafeInteger(FileId) && FileId > 1_000_000).toBe(true);

    const got = await ok("GetFile", { FileId });
    expect(got).toMatchObject({ Success: true, HttpStatusCode: 200 });
    expect(got.Data.File).toMatchObject({
      FileId,
      FileName: params.TaskName,
      Content: params.TaskContent,
      FileType: 23,
      CommitStatus: 0,
      DeletedStatus: "NORMAL",
      CurrentVersion: 1,
      UseType: "NORMAL",
    });
    expect(got.Data.File.FileFolderId).toMatch(/^[0-9a-f]{10}$/);
    expect(got.Data.File).not.toHaveProperty("NodeId");
    // Another task in the same folder has the same folder id; the project can be named instead of numbered.
    const sibling = await ok("CreateDISyncTask", offlineTask());
    const byName = await t.v3({ action: "GetFile", version: VERSION, form: { ProjectIdentifier: DEMO_DATAWORKS_PROJECT_NAME, FileId: sibling.FileId } });
    expect(byName.json.Data.File.FileFolderId).toBe(got.Data.File.FileFolderId);

    const content2 = JSON.stringify(offlineContent({ setting: { speed: { concurrent: 4, throttle: false } } }));
    expect(
      await ok("UpdateDISyncTask", {
        TaskType: "DI_OFFLINE",
        FileId,
        TaskContent: content2,
        TaskParam: JSON.stringify({ ResourceGroup: DEMO_DATAWORKS_SERVERLESS_RESOURCE_GROUP, Cu: 1.5 }),
      }),
    ).toEqual({ Status: "success" });
    expect((await ok("GetFile", { FileId })).Data.File).toMatchObject({ Content: content2, CurrentVersion: 2 });
    // An empty TaskContent leaves the script alone; a new resource group is a new version.
    await ok("UpdateDISyncTask", { TaskType: "DI_OFFLINE", FileId, TaskContent: "", TaskParam: JSON.stringify({ ResourceGroup: RG }) });
    expect((await ok("GetFile", { FileId })).Data.File).toMatchObject({ Content: content2, CurrentVersion: 3 });
    // Nothing changed: no new version.
    await ok("UpdateDISyncTask", { TaskType: "DI_OFFLINE", FileId, TaskContent: content2, TaskParam: JSON.stringify({ ResourceGroup: RG }) });
    expect((await ok("GetFile", { FileId })).Data.File.CurrentVersion).toBe(3);

    const deleted = await ok("DeleteFile", { FileId });
    expect(deleted).toMatchObject({ Success: true, HttpStatusCode: 200 });
    // Never committed: deleted at once, nothing to poll.
    expect(deleted).not.toHaveProperty("DeploymentId");
    for (const action of ["GetFile", "DeleteFile"]) {
      const res = await call(action, { FileId });
      expectEnvelope(res, 400, "Invalid.Tenant.FileNotExists");
      expect(res.json).toMatchObject({ Success: false, ErrorCode: "Invalid.Tenant.FileNotExists", HttpStatusCode: 400, ErrorMessage: res.json.Message });
      expect(res.json.HostId).toBe("dataworks.aliyuncs.com");
    }
    expect(isUnknownFileMessage(await inBandFailure("UpdateDISyncTask", { TaskType: "DI_OFFLINE", FileId, TaskContent: content2 }))).toBe(true);
  });

  it("finds the not-found code in the action table, as the provider's client sees it", async () => {
    const client = new AlibabaRpcClient(dataworks, {
      settings: demoAlibabaSettings(t.url),
      region: DEMO_REGION_ID,
      now: () => new Date(t.emulator.clock.now()),
    });
    const created = await client.call("CreateDISyncTask", { ProjectId: PROJECT, ...offlineTask() });
    const FileId = (created.Data as { FileId: number }).FileId;
    const file = await client.call("GetFile", { ProjectId: PROJECT, FileId });
    expect((file.Data as { File: { FileId: number } }).File.FileId).toBe(FileId);
    await client.call("DeleteFile", { ProjectId: PROJECT, FileId });
    const err = await client.call("GetFile", { ProjectId: PROJECT, FileId }).catch((e: unknown) => e);
    expect(client.isNotFound("GetFile", err)).toBe(true);
    // In-band failures are 200s: the client returns them and the caller reads Data.Status.
    const miss = await client.call("GetDISyncTask", { ProjectId: PROJECT, TaskType: "DI_REALTIME", FileId });
    expect(isUnknownFileMessage(diFailure(miss as never))).toBe(true);
  });

  it("asks for the project by ProjectId or ProjectIdentifier in the file APIs", async () => {
    const none = await t.v3({ action: "GetFile", version: VERSION, form: { FileId: 1 } });
    expectEnvelope(none, 400, "Invalid.Param");
    expect(none.json.ErrorCode).toBe("Invalid.Param");
    const unknown = await t.v3({ action: "GetFile", version: VERSION, form: { ProjectIdentifier: "no_such_project", FileId: 1 } });
    expectEnvelope(unknown, 400, "Invalid.Tenant.ProjectNotExists");
    expectEnvelope(await call("GetFile", {}), 400, "Invalid.Param");
  });
});

describe("batch commits and deployments (SubmitFile, DeployFile, GetDeployment)", () => {
  /** GetDeployment's `Data`; the facts type every number here a long or an integer. */
  const deployment = async (DeploymentId: number, project?: number) => (await ok("GetDeployment", { DeploymentId }, project)).Data;

  it("commits a version to development and deploys it to production, each settling on the clock", async () => {
    const { FileId } = await ok("CreateDISyncTask", offlineTask());
    expectEnvelope(await call("DeployFile", { FileId }), 400, "Invalid.Param");

    const submitted = await ok("SubmitFile", { FileId, Comment: "first commit" });
    expect(submitted).toMatchObject({ Success: true, HttpStatusCode: 200 });
    expect(Number.isSafeInteger(submitted.Data)).toBe(true);
    const pending = await deployment(submitted.Data);
    expect(pending.Deployment).toMatchObject({ Status: 0, FromEnvironment: 0, ToEnvironment: 1 });
    expect(pending.Deployment).not.toHaveProperty("ErrorMessage");
    expect(pending.DeployedItems).toEqual([{ FileId, FileVersion: 1, Status: 0 }]);
    expect((await ok("GetFile", { FileId })).Data.File.CommitStatus).toBe(0);
    // Not deployable until the commit has settled.
    const early = await call("DeployFile", { FileId });
    expectEnvelope(early, 400, "Invalid.Param");
    expect(early.json.ErrorMessage).toContain(`(deployment ${submitted.Data}) has not finished`);

    advance();
    const committed = await deployment(submitted.Data);
    expect(committed.Deployment).toMatchObject({ Status: 1, ToEnvironment: 1 });
    expect(committed.Deployment).not.toHaveProperty("CheckingStatus");
    expect(committed.DeployedItems).toEqual([{ FileId, FileVersion: 1, Status: 1 }]);
    const file = (await ok("GetFile", { FileId })).Data.File;
    expect(file).toMatchObject({ CommitStatus: 1, CurrentVersion: 1, NodeId: FileId + 2_000_000 });

    // DeployFile by NodeId, as the page allows.
    const deployed = await ok("DeployFile", { NodeId: file.NodeId, Comment: "first release" });
    advance();
    expect((await deployment(deployed.Data)).Deployment).toMatchObject({ Status: 1, FromEnvironment: 1, ToEnvironment: 2 });

    // An edit is a new version, uncommitted until submitted again; production keeps what it had.
    await ok("UpdateDISyncTask", { TaskType: "DI_OFFLINE", FileId, TaskContent: JSON.stringify(offlineContent({ setting: { speed: { concurrent: 3 } } })) });
    expect((await ok("GetFile", { FileId })).Data.File).toMatchObject({ CommitStatus: 0, CurrentVersion: 2 });
    // Deploying now ships the committed version 1, not the draft.
    const again = await ok("DeployFile", { FileId });
    expect((await deployment(again.Data)).DeployedItems).toEqual([{ FileId, FileVersion: 1, Status: 0 }]);
    advance();

    // A committed file's deletion reaches development first, then must be deployed.
    const { DeploymentId } = await ok("DeleteFile", { FileId });
    advance();
    expect((await deployment(DeploymentId)).Deployment).toMatchObject({ Status: 1, ToEnvironment: 1 });
    const undeploy = await ok("DeployFile", { FileId });
    advance();
    expect((await deployment(undeploy.Data)).Deployment).toMatchObject({ Status: 1, ToEnvironment: 2 });
    expectEnvelope(await call("DeployFile", { FileId }), 400, "Invalid.Tenant.FileNotExists");
  });

  it("keeps a settled deployment's effect when the call that follows fails", async () => {
    const { FileId } = await ok("CreateDISyncTask", offlineTask());
    const submitted = await ok("SubmitFile", { FileId });
    advance();
    // The first call after the clock moved fails; what the clock settled must stay settled.
    expectEnvelope(await call("DeployFile", {}), 400, "Invalid.Param");
    const stored = (await control(t.url, "GET", "/state")).json.collections["alibaba.dataworks.deployments"] as Record<
      string,
      { deploymentId: number; applied?: boolean }
    >;
    expect(Object.values(stored).find((d) => d.deploymentId === submitted.Data)?.applied).toBe(true);
  });

  it("deletes a file committed but never deployed once its deletion reaches development", async () => {
    const { FileId } = await ok("CreateDISyncTask", offlineTask());
    await ok("SubmitFile", { FileId });
    advance();
    const { DeploymentId } = await ok("DeleteFile", { FileId });
    advance();
    expect((await deployment(DeploymentId)).Deployment).toMatchObject({ Status: 1, ToEnvironment: 1 });
    expectEnvelope(await call("DeployFile", { FileId }), 400, "Invalid.Tenant.FileNotExists");
  });

  it("fails a deployment whose script names a data source the environment lacks, with Status 2 and ErrorMessage", async () => {
    const name = uniqueName("split");
    const content = offlineContent({
      steps: [
        {
          stepType: "mysql",
          category: "reader",
          name: "Reader",
          parameter: { datasource: "mysql_both", connection: [{ datasource: "mysql_both", table: ["t"] }] },
        },
        { stepType: "odps", category: "writer", name: "Writer", parameter: { datasource: "odps_first", table: "t" } },
      ],
    });
    const { FileId } = await ok(
      "CreateDISyncTask",
      { TaskType: "DI_OFFLINE", TaskName: name, TaskContent: JSON.stringify(content), TaskParam: taskParam() },
      SPLIT_PROJECT,
    );
    const commit = await ok("SubmitFile", { FileId }, SPLIT_PROJECT);
    advance();
    expect((await deployment(commit.Data, SPLIT_PROJECT)).Deployment.Status).toBe(1);
    const deployed = await ok("DeployFile", { FileId }, SPLIT_PROJECT);
    expect((await deployment(deployed.Data, SPLIT_PROJECT)).Deployment.Status).toBe(0);
    advance();
    const failed = await deployment(deployed.Data, SPLIT_PROJECT);
    expect(failed.Deployment).toMatchObject({
      Status: 2,
      ToEnvironment: 2,
      ErrorMessage: `datasource:[odps_first] is not configured for the production environment of project ${SPLIT_PROJECT}.`,
    });
    expect(failed.DeployedItems).toEqual([{ FileId, FileVersion: 1, Status: 2 }]);

    // A source the development environment lacks fails the commit instead.
    const devMissing = await ok(
      "CreateDISyncTask",
      {
        TaskType: "DI_OFFLINE",
        TaskName: uniqueName("split"),
        TaskContent: JSON.stringify(
          offlineContent({
            steps: [
              { stepType: "mysql", category: "reader", name: "Reader", parameter: { datasource: "mysql_pub" } },
              { stepType: "odps", category: "writer", name: "Writer", parameter: { datasource: "odps_first" } },
            ],
          }),
        ),
        TaskParam: taskParam(),
      },
      SPLIT_PROJECT,
    );
    const badCommit = await ok("SubmitFile", { FileId: devMissing.FileId }, SPLIT_PROJECT);
    advance();
    expect((await deployment(badCommit.Data, SPLIT_PROJECT)).Deployment).toMatchObject({
      Status: 2,
      ErrorMessage: `datasource:[mysql_pub] is not configured for the development environment of project ${SPLIT_PROJECT}.`,
    });
    expect((await ok("GetFile", { FileId: devMissing.FileId }, SPLIT_PROJECT)).Data.File.CommitStatus).toBe(0);
  });

  it("keeps a stuck deployment at Status 0", async () => {
    const { FileId } = await ok("CreateDISyncTask", offlineTask());
    await control(t.url, "POST", "/faults", { action: "SubmitFile", kind: "stuck" });
    const commit = await ok("SubmitFile", { FileId });
    t.clock?.advance(100 * SETTLE);
    expect((await deployment(commit.Data)).Deployment.Status).toBe(0);
  });

  it("answers SubmitFile and DeployFile of an unknown file with Invalid.Tenant.FileNotExists, and DeployFile without a file with Invalid.Param", async () => {
    for (const action of ["SubmitFile", "DeployFile"]) expectEnvelope(await call(action, { FileId: 424242 }), 400, "Invalid.Tenant.FileNotExists");
    expectEnvelope(await call("DeployFile", {}), 400, "Invalid.Param");
  });
});

describe("realtime (DI_REALTIME) lifecycle", () => {
  it("generates, creates, deploys, starts, stops, terminates and deletes a task", async () => {
    const { ProcessId } = await ok("GenerateDISyncTaskConfigForCreating", {
      TaskType: "DI_REALTIME",
      TaskParam: realtimeParam({ taskType: "oneclick_to_kafka", writerType: "kafka", writer: KAFKA }),
    });
    expect(Number.isInteger(ProcessId)).toBe(true);
    const query = () => answer("QueryDISyncTaskConfigProcessResult", { TaskType: "DI_REALTIME", AsyncProcessId: ProcessId });
    expect((await query()).Data).toEqual({ Status: "processing" });
    advance();
    const { TaskContent } = (await query()).Data;
    expect(JSON.parse(TaskContent).steps[1]).toMatchObject({ stepType: "kafka", parameter: { datasource: KAFKA } });

    const name = uniqueName("rt");
    const { FileId } = await ok("CreateDISyncTask", {
      TaskType: "DI_REALTIME",
      TaskName: name,
      TaskContent,
      TaskParam: JSON.stringify({ FileFolderPath: folder }),
    });
    const task = await ok("GetDISyncTask", { TaskType: "DI_REALTIME", FileId });
    expect(task).toMatchObject({ Status: "success", Code: TaskContent, AlarmList: [] });
    expect(await answer("GetDISyncInstanceInfo", { TaskType: "DI_REALTIME", FileId })).toMatchObject({ Data: { Status: "NORUN", Name: name } });

    expect(await inBandFailure("StartDISyncInstance", { TaskType: "DI_REALTIME", FileId })).toContain("is not deployed");
    await ok("DeployDISyncTask", { TaskType: "DI_REALTIME", FileId });
    expect((await ok("GetFile", { FileId })).Data.File).toMatchObject({ FileType: 900, CommitStatus: 1, NodeId: FileId + 2_000_000, Content: TaskContent });

    const startParam = JSON.stringify({
      failoverLimit: { count: 10, interval: 30 },
      errorLimit: { record: 0 },
      ddlMarkMap: { RENAMECOLUMN: "WARNING", DROPTABLE: "WARNING", CREATETABLE: "IGNORE", ADDCOLUMN: "NORMAL", RENAMETABLE: "CRITICAL" },
    });
    await ok("StartDISyncInstance", { TaskType: "DI_REALTIME", FileId, StartParam: startParam });
    expect(await instanceStatus(FileId)).toBe("WAIT");
    expect(await inBandFailure("StartDISyncInstance", { TaskType: "DI_REALTIME", FileId })).toContain("already running");
    advance();
    expect(await instanceStatus(FileId)).toBe("RUN");
    expect(await inBandFailure("DeleteDISyncTask", { TaskType: "DI_REALTIME", FileId })).toContain("StopDISyncInstance");

    await ok("StopDISyncInstance", { TaskType: "DI_REALTIME", FileId });
    expect(await instanceStatus(FileId)).toBe("PAUSE");
    expect(await inBandFailure("StopDISyncInstance", { TaskType: "DI_REALTIME", FileId })).toContain("is not running (PAUSE)");
    await ok("StartDISyncInstance", { TaskType: "DI_REALTIME", FileId });
    advance();
    expect(await instanceStatus(FileId)).toBe("RUN");

    await ok("TerminateDISyncInstance", { TaskType: "DI_REALTIME", FileId });
    expect(await instanceStatus(FileId)).toBe("NORUN");
    expect(await inBandFailure("StartDISyncInstance", { TaskType: "DI_REALTIME", FileId })).toContain("is not deployed");

    await ok("DeleteDISyncTask", { TaskType: "DI_REALTIME", FileId });
    expect(await inBandFailure("GetDISyncTask", { TaskType: "DI_REALTIME", FileId })).toBe(`fileId:[${FileId}] is invalid.`);
    expect(await inBandFailure("GetDISyncInstanceInfo", { TaskType: "DI_REALTIME", FileId })).toBe(`fileId:[${FileId}] is invalid.`);
    expectEnvelope(await call("GetFile", { FileId }), 400, "Invalid.Tenant.FileNotExists");
  });

  it("deletes a deployed task's file asynchronously: DeploymentId to development, then the deletion deployed to production", async () => {
    const FileId = await realtimeTask();
    await ok("DeployDISyncTask", { TaskType: "DI_REALTIME", FileId });
    const { DeploymentId } = await ok("DeleteFile", { FileId });
    expect(DeploymentId).toBeGreaterThan(1_000_000_000);
    expectEnvelope(await call("GetFile", { FileId }), 400, "Invalid.Tenant.FileNotExists");
    const pending = await ok("GetDeployment", { DeploymentId });
    expect(pending.Data.Deployment.Status).toBe(0);
    expect(pending.Data.DeployedItems).toEqual([{ FileId, FileVersion: 1, Status: 0 }]);
    // The deletion must reach development before it can be deployed.
    expectEnvelope(await call("DeployFile", { FileId }), 400, "Invalid.Param");
    advance();
    const done = await ok("GetDeployment", { DeploymentId });
    expect(done.Data.Deployment).toMatchObject({ Status: 1, FromEnvironment: 0, ToEnvironment: 1 });
    expect(done.Data.Deployment.ExecuteTime).toBeGreaterThanOrEqual(done.Data.Deployment.CreateTime);
    const undeploy = (await ok("DeployFile", { FileId })).Data as number;
    advance();
    expect((await ok("GetDeployment", { DeploymentId: undeploy })).Data.Deployment).toMatchObject({ Status: 1, FromEnvironment: 1, ToEnvironment: 2 });
    // Gone everywhere now.
    expectEnvelope(await call("DeployFile", { FileId }), 400, "Invalid.Tenant.FileNotExists");
    expectEnvelope(await call("GetDeployment", { DeploymentId: DeploymentId + 1000 }), 400, "Invalid.Tenant.DeploymentNotExists");
  });

  it("generates an update that reselects the reader's tables, which UpdateDISyncTask then applies (only that script)", async () => {
    const FileId = await realtimeTask();
    const update = JSON.stringify({ steps: [{ parameter: { connection: [{ table: ["orders", "refunds"] }] }, name: "Reader", category: "reader" }] });
    const { ProcessId } = await ok("GenerateDISyncTaskConfigForUpdating", { TaskType: "DI_REALTIME", TaskId: FileId, TaskParam: update });
    advance();
    const { TaskContent } = await ok("QueryDISyncTaskConfigProcessResult", { TaskType: "DI_REALTIME", AsyncProcessId: ProcessId });
    const reader = JSON.parse(TaskContent).steps[0];
    expect(reader.parameter.connection).toEqual([{ datasourceType: "mysql", datasource: MYSQL, table: ["orders", "refunds"] }]);
    // A script that did not come from a ForUpdating run of this task is refused; the generated one is applied.
    expect(await inBandFailure("UpdateDISyncTask", { TaskType: "DI_REALTIME", FileId, TaskContent: TaskContent.replace("refunds", "payments") })).toContain(
      "must come from GenerateDISyncTaskConfigForUpdating",
    );
    expect(await ok("UpdateDISyncTask", { TaskType: "DI_REALTIME", FileId, TaskContent })).toEqual({ Status: "success" });
    const code = (await ok("GetDISyncTask", { TaskType: "DI_REALTIME", FileId })).Code;
    expect(JSON.parse(code).steps[0].parameter.connection[0].table).toEqual(["orders", "refunds"]);
    expect(await inBandFailure("GenerateDISyncTaskConfigForUpdating", { TaskType: "DI_REALTIME", TaskId: 99, TaskParam: update })).toBe(
      "fileId:[99] is invalid.",
    );
  });
});

describe("the generator's failures, seen through the process", () => {
  const cases: Array<[string, string, string]> = [
    [
      "a reader data source that does not exist",
      realtimeParam({ reader: "mysql_nope" }),
      `datasource:[mysql_nope] is invalid: project ${PROJECT} has no such data source.`,
    ],
    [
      "a writer data source that does not exist",
      realtimeParam({ writer: "odps_nope" }),
      `datasource:[odps_nope] is invalid: project ${PROJECT} has no such data source.`,
    ],
    [
      "a writer data source of another type",
      realtimeParam({ writer: HOLO }),
      `datasource:[${HOLO}] is invalid: it is a hologres data source, the writer needs odps.`,
    ],
    [
      "a task type outside the three one-click ones",
      realtimeParam({ taskType: "oneclick_to_datahub" }),
      "taskType:[oneclick_to_datahub] is invalid; supported: oneclick_to_odps, oneclick_to_kafka, oneclick_to_holo.",
    ],
    [
      "a writer that does not match the task type",
      realtimeParam({ taskType: "oneclick_to_holo" }),
      "writer stepType:[odps] does not match taskType:[oneclick_to_holo]; expected holo.",
    ],
    ["a resource group that does not exist", realtimeParam({ resourceGroup: "S_res_group_XXX" }), "ResourceGroup:[S_res_group_XXX] is invalid."],
    [
      "a reader that selects no table",
      realtimeParam({ tables: [] }),
      `the reader connection of datasource:[${MYSQL}] selects no table; give selectedTables or table.`,
    ],
    ["a TaskParam of another type", JSON.stringify({ ...JSON.parse(realtimeParam()), type: "job" }), 'TaskParam type must be "realtime", got "job".'],
  ];

  it.each(cases)("fails the process for %s", async (_name, TaskParam, message) => {
    const gen = await ok("GenerateDISyncTaskConfigForCreating", { TaskType: "DI_REALTIME", TaskParam });
    const query = () => answer("QueryDISyncTaskConfigProcessResult", { TaskType: "DI_REALTIME", AsyncProcessId: gen.ProcessId });
    expect((await query()).Data.Status).toBe("processing");
    advance();
    const done = await query();
    expect(done.Data).toEqual({ Status: "fail", Message: message });
    expect(diFailure(done)).toBe(message);
  });

  it("answers an unknown process in band", async () => {
    expect(await inBandFailure("QueryDISyncTaskConfigProcessResult", { TaskType: "DI_REALTIME", AsyncProcessId: 987654 })).toBe(
      "processId:[987654] is invalid.",
    );
  });

  it("rejects a TaskParam that is not JSON at once, as a parameter error", async () => {
    const res = await call("GenerateDISyncTaskConfigForCreating", { TaskType: "DI_REALTIME", TaskParam: "{type: realtime" });
    expectEnvelope(res, 400, "Invalid.DI.Parameter");
    expect(res.json.Message).toContain("TaskParam is not valid JSON");
  });
});

describe("ClientToken idempotency", () => {
  it("answers a replayed CreateDISyncTask with the original FileId and creates nothing more", async () => {
    const params = { ...offlineTask(), ClientToken: uniqueName("tok") };
    const first = await ok("CreateDISyncTask", params);
    const before = await fileCount();
    const again = await ok("CreateDISyncTask", params);
    expect(again.FileId).toBe(first.FileId);
    expect(await fileCount()).toBe(before);
    // Without the token the same request is a duplicate name.
    const { ClientToken: _t, ...untokened } = params;
    expectEnvelope(await call("CreateDISyncTask", untokened), 400, "Invalid.DI.Parameter.File.Existed");
  });

  it("answers a replayed Generate with the original ProcessId", async () => {
    const params = { TaskType: "DI_REALTIME", TaskParam: realtimeParam(), ClientToken: uniqueName("tok") };
    const first = await ok("GenerateDISyncTaskConfigForCreating", params);
    const again = await ok("GenerateDISyncTaskConfigForCreating", params);
    expect(again.ProcessId).toBe(first.ProcessId);
    const fresh = await ok("GenerateDISyncTaskConfigForCreating", { ...params, ClientToken: uniqueName("tok") });
    expect(fresh.ProcessId).toBe(first.ProcessId + 1);
  });

  it("replays an in-band failure as it was, and refuses the token with other parameters", async () => {
    const token = uniqueName("tok");
    const bad = { ...offlineTask(), TaskParam: taskParam({ ResourceGroup: "nope" }), ClientToken: token };
    const message = await inBandFailure("CreateDISyncTask", bad);
    expect(await inBandFailure("CreateDISyncTask", bad)).toBe(message);
    const res = await call("CreateDISyncTask", { ...bad, TaskParam: taskParam() });
    expectEnvelope(res, 400, "IdempotentParameterMismatch");
    expect(res.json.Message).toContain(`project ${PROJECT}`);
  });

  it("scopes a token to its project and action, and leaves it free when the call failed with an error", async () => {
    const token = uniqueName("tok");
    const broken = { ...offlineTask(), TaskContent: "{not json", ClientToken: token };
    expectEnvelope(await call("CreateDISyncTask", broken), 400, "Invalid.DI.Parameter");
    const created = await ok("CreateDISyncTask", { ...broken, TaskContent: JSON.stringify(offlineContent()) });
    expect(typeof created.FileId).toBe("number");
    // The same token on another action is another request.
    const gen = await ok("GenerateDISyncTaskConfigForCreating", { TaskType: "DI_REALTIME", TaskParam: realtimeParam(), ClientToken: token });
    expect(typeof gen.ProcessId).toBe("number");
  });

  it("refuses a token longer than 64 characters", async () => {
    const res = await call("CreateDISyncTask", { ...offlineTask(), ClientToken: "x".repeat(65) });
    expectEnvelope(res, 400, "Invalid.DI.Parameter");
  });
});

describe("the TaskType each action takes", () => {
  let offlineId: number;
  let realtimeId: number;
  beforeAll(async () => {
    offlineId = (await ok("CreateDISyncTask", offlineTask())).FileId;
    realtimeId = await realtimeTask();
  });

  // Each action's SDK model lists its TaskTypes; others are refused as parameter errors.
  const refusals: Array<[string, string, string]> = [
    ["UpdateDISyncTask", "DI_SOLUTION", "DI_OFFLINE, DI_REALTIME"],
    ["GetDISyncTask", "DI_OFFLINE", "DI_REALTIME, DI_SOLUTION"],
    ["DeleteDISyncTask", "DI_OFFLINE", "DI_REALTIME"],
    ["DeleteDISyncTask", "DI_SOLUTION", "DI_REALTIME"],
    ["DeployDISyncTask", "DI_OFFLINE", "DI_REALTIME, DI_SOLUTION"],
    ["StartDISyncInstance", "DI_OFFLINE", "DI_REALTIME, DI_SOLUTION"],
    ["StopDISyncInstance", "DI_OFFLINE", "DI_REALTIME"],
    ["StopDISyncInstance", "DI_SOLUTION", "DI_REALTIME"],
    ["TerminateDISyncInstance", "DI_SOLUTION", "DI_REALTIME"],
    ["GetDISyncInstanceInfo", "DI_OFFLINE", "DI_REALTIME, DI_SOLUTION"],
  ];

  it.each(refusals)("rejects %s with TaskType %s as InvalidParameter, naming the values it takes", async (action, TaskType, allowed) => {
    const FileId = TaskType === "DI_OFFLINE" ? offlineId : realtimeId;
    const res = await call(action, { TaskType, FileId });
    expectEnvelope(res, 400, "InvalidParameter");
    expect(res.json.Message).toContain(`is not one of ${allowed}`);
  });

  it("refuses to generate a DI_OFFLINE config in band: batch tasks are created directly", async () => {
    expect(await inBandFailure("GenerateDISyncTaskConfigForCreating", { TaskType: "DI_OFFLINE", TaskParam: realtimeParam() })).toBe(
      "TaskType:[DI_OFFLINE] is not supported by GenerateDISyncTaskConfigForCreating; create a DI_OFFLINE task with CreateDISyncTask directly.",
    );
  });

  it("does not find a task under another TaskType", async () => {
    expect(await inBandFailure("UpdateDISyncTask", { TaskType: "DI_OFFLINE", FileId: realtimeId, TaskContent: JSON.stringify(offlineContent()) })).toBe(
      `fileId:[${realtimeId}] is invalid.`,
    );
    expect(await inBandFailure("UpdateDISyncTask", { TaskType: "DI_REALTIME", FileId: offlineId })).toBe(`fileId:[${offlineId}] is invalid.`);
  });

  it("says plainly that solutions are not emulated", async () => {
    expect(await inBandFailure("CreateDISyncTask", { ...offlineTask(), TaskType: "DI_SOLUTION" })).toContain("[emulator] DI_SOLUTION");
  });
});

describe("validation in the real envelope", () => {
  const content = (change: (c: Record<string, any>) => void) => {
    const c = offlineContent() as Record<string, any>;
    change(c);
    return JSON.stringify(c);
  };
  // The rules preview applies too (names, folders, the batch script) are in the one case table
  // (test/fixtures/alibaba/dataworks-rule-cases.ts); these are the emulator's own.
  const cases: Array<[string, () => Params, string]> = [
    ["a TaskContent that is not JSON", () => offlineTask({ TaskContent: '{"type":"job",' }), "TaskContent is not valid JSON"],
    [
      "a datasource not in the project",
      () => offlineTask({ TaskContent: content((c) => (c.steps[1].parameter.datasource = "odps_source")) }),
      `TaskContent steps[1] names data source "odps_source", which is not in project ${PROJECT}.`,
    ],
    [
      "a step that is not reader or writer",
      () => offlineTask({ TaskContent: content((c) => (c.steps[1].category = "transformer")) }),
      'TaskContent steps[1].category must be "reader" or "writer"; got "transformer".',
    ],
    ["a TaskParam that is not JSON", () => offlineTask({ TaskParam: "FileFolderPath=workflow/x" }), "TaskParam is not valid JSON"],
    [
      "a Cu that is not a multiple of 0.5",
      () => offlineTask({ TaskParam: taskParam({ Cu: 0.3 }) }),
      "TaskParam.Cu must be a positive multiple of 0.5, got 0.3.",
    ],
    [
      "no TaskName",
      () => {
        const { TaskName: _n, ...rest } = offlineTask();
        return rest;
      },
      "TaskName is required.",
    ],
    ["no TaskParam", () => ({ ...offlineTask(), TaskParam: "" }), "TaskParam is required"],
    [
      "a TaskParam without FileFolderPath",
      () => offlineTask({ TaskParam: JSON.stringify({ ResourceGroup: RG }) }),
      "TaskParam.FileFolderPath must not be empty",
    ],
  ];

  it.each(cases)("rejects %s with Invalid.DI.Parameter", async (_name, params, message) => {
    const before = await fileCount();
    const res = await call("CreateDISyncTask", params());
    expectEnvelope(res, 400, "Invalid.DI.Parameter");
    expect(res.json.Message).toContain(message);
    expect(res.json.HostId).toBe("dataworks.aliyuncs.com");
    expect(await fileCount()).toBe(before);
  });

  it("checks an UpdateDISyncTask script with the same rules", async () => {
    const { FileId } = await ok("CreateDISyncTask", offlineTask());
    const res = await call("UpdateDISyncTask", { TaskType: "DI_OFFLINE", FileId, TaskContent: content((c) => (c.setting.speed.concurrent = -1)) });
    expectEnvelope(res, 400, "Invalid.DI.Parameter");
    expect((await ok("GetFile", { FileId })).Data.File.CurrentVersion).toBe(1);
  });

  it("rejects a second task with the same name as Invalid.DI.Parameter.File.Existed", async () => {
    const params = offlineTask();
    const { FileId } = await ok("CreateDISyncTask", params);
    const res = await call("CreateDISyncTask", { ...params, TaskParam: taskParam({ FileFolderPath: "workflow/other/data integration" }) });
    expectEnvelope(res, 400, "Invalid.DI.Parameter.File.Existed");
    expect(res.json.Message).toContain(String(FileId));
  });

  it.each([
    ["a resource group not in the project", { TaskParam: taskParam({ ResourceGroup: "S_res_group_XXX" }) }, "ResourceGroup:[S_res_group_XXX] is invalid."],
    ["no resource group", { TaskParam: JSON.stringify({ FileFolderPath: folder }) }, "ResourceGroup:[] is invalid."],
  ])("fails a create with %s in band", async (_name, overrides, message) => {
    expect(await inBandFailure("CreateDISyncTask", offlineTask(overrides))).toBe(message);
  });

  it("fails an update naming a resource group not in the project in band, and an unknown FileId as the reference shows", async () => {
    const { FileId } = await ok("CreateDISyncTask", offlineTask());
    expect(
      await inBandFailure("UpdateDISyncTask", { TaskType: "DI_OFFLINE", FileId, TaskParam: JSON.stringify({ ResourceGroup: "S_res_group_XXX_XXXX" }) }),
    ).toBe("ResourceGroup:[S_res_group_XXX_XXXX] is invalid.");
    expect(await inBandFailure("GetDISyncTask", { TaskType: "DI_REALTIME", FileId: 100 })).toBe("fileId:[100] is invalid.");
  });

  it("refuses a project not in the inventory with Forbidden.DI.NoPrivilege", async () => {
    const res = await t.v3({ action: "GetDISyncTask", version: VERSION, query: { ProjectId: 424242, TaskType: "DI_REALTIME", FileId: 1 } });
    expectEnvelope(res, 403, "Forbidden.DI.NoPrivilege");
    expect(res.json.HostId).toBe("dataworks.aliyuncs.com");
  });

  it("answers a StartParam that is not JSON with InternalError.DI.Parameter", async () => {
    const FileId = await realtimeTask();
    await ok("DeployDISyncTask", { TaskType: "DI_REALTIME", FileId });
    expectEnvelope(await call("StartDISyncInstance", { TaskType: "DI_REALTIME", FileId, StartParam: "failoverLimit=10" }), 500, "InternalError.DI.Parameter");
    expect(await instanceStatus(FileId)).toBe("NORUN");
  });

  it.each([
    ["no ProjectId", "GetDISyncTask", { TaskType: "DI_REALTIME", FileId: 1 }, 400, "MissingProjectId"],
    ["no TaskType", "GetDISyncTask", { ProjectId: PROJECT, FileId: 1 }, 400, "MissingTaskType"],
    ["a TaskType outside the action's", "GetDISyncTask", { ProjectId: PROJECT, TaskType: "DI_BATCH", FileId: 1 }, 400, "InvalidParameter"],
    ["a FileId that is not a long", "GetDISyncTask", { ProjectId: PROJECT, TaskType: "DI_REALTIME", FileId: "abc" }, 400, "InvalidParameter"],
    [
      "RegionId, which no DataWorks request model has (strict)",
      "GetDISyncTask",
      { ProjectId: PROJECT, TaskType: "DI_REALTIME", FileId: 1, RegionId: DEMO_REGION_ID },
      400,
      "InvalidParameter",
    ],
    [
      "an unknown parameter (strict)",
      "GetDISyncTask",
      { ProjectId: PROJECT, TaskType: "DI_REALTIME", FileId: 1, DBInstanceId: "gp-x" },
      400,
      "InvalidParameter",
    ],
    ["a gpdb action under the DataWorks version", "DescribeStreamingJob", { ProjectId: PROJECT }, 400, "InvalidVersion"],
  ])("rejects %s at the gateway", async (_name, action, query, status, code) => {
    expectEnvelope(await t.v3({ action, version: VERSION, query: query as Params }), status, code);
  });
});

describe("faults, signatures and persistence", () => {
  afterEach(async () => {
    await control(t.url, "DELETE", "/faults");
  });

  it("throttles a queued CreateDISyncTask with Throttling.User, creating nothing, then answers normally", async () => {
    const res = await control(t.url, "POST", "/faults", { action: "CreateDISyncTask", kind: "throttle" });
    expect(res.status).toBe(201);
    const before = await fileCount();
    const params = offlineTask();
    expectEnvelope(await call("CreateDISyncTask", params), 400, "Throttling.User");
    expect(await fileCount()).toBe(before);
    expect(typeof (await ok("CreateDISyncTask", params)).FileId).toBe("number");
  });

  it("lets a create whose answer was lost be resent with its ClientToken: the original FileId, one file", async () => {
    await control(t.url, "POST", "/faults", { action: "CreateDISyncTask", kind: "drop", applied: true });
    const params: Params = { ...offlineTask(), ClientToken: uniqueName("tok") };
    const before = await fileCount();
    await expect(call("CreateDISyncTask", params)).rejects.toThrow();
    expect(await fileCount()).toBe(before + 1);
    const resent = await ok("CreateDISyncTask", params);
    expect((await ok("GetFile", { FileId: resent.FileId })).Data.File.FileName).toBe(params.TaskName);
    expect(await fileCount()).toBe(before + 1);
  });

  it("keeps a stuck process processing and a stuck start waiting", async () => {
    await control(t.url, "POST", "/faults", { action: "GenerateDISyncTaskConfigForCreating", kind: "stuck" });
    const { ProcessId } = await ok("GenerateDISyncTaskConfigForCreating", { TaskType: "DI_REALTIME", TaskParam: realtimeParam() });
    t.clock?.advance(100 * SETTLE);
    expect((await answer("QueryDISyncTaskConfigProcessResult", { TaskType: "DI_REALTIME", AsyncProcessId: ProcessId })).Data.Status).toBe("processing");
    const FileId = await realtimeTask();
    await ok("DeployDISyncTask", { TaskType: "DI_REALTIME", FileId });
    await control(t.url, "POST", "/faults", { action: "StartDISyncInstance", kind: "stuck" });
    await ok("StartDISyncInstance", { TaskType: "DI_REALTIME", FileId });
    t.clock?.advance(100 * SETTLE);
    expect(await instanceStatus(FileId)).toBe("WAIT");
  });

  it("accepts a V1-signed file API call with the parameters in the form body", async () => {
    const { FileId } = await ok("CreateDISyncTask", offlineTask());
    const res = await t.v1({ action: "GetFile", version: VERSION, form: { ProjectId: PROJECT, FileId } });
    expect(res.status, res.text).toBe(200);
    expect(res.json.Data.File.FileId).toBe(FileId);
  });

  it("logs DataWorks calls under their product", async () => {
    const since = t.emulator.requests().at(-1)?.seq ?? 0;
    await call("GetDISyncTask", { TaskType: "DI_REALTIME", FileId: 5 });
    expect(t.emulator.requests(since)).toMatchObject([
      { product: "dataworks-public", action: "GetDISyncTask", status: 200, params: { FileId: "5", TaskType: "DI_REALTIME" } },
    ]);
  });

  it("serves tasks, processes, instances and tokens after a restart, and continues ids", async () => {
    let own = await startTestEmulator({ manualClock: true, settleMs: SETTLE });
    const on = (e: TestEmulator) => (action: string, params: Params) => callOn(e, action, params);
    try {
      const token = "persisted-token";
      const offline = { ...offlineTask({ TaskName: "persisted_offline" }), ClientToken: token };
      const created = (await on(own)("CreateDISyncTask", offline)).json.Data.FileId as number;
      const gen = (await on(own)("GenerateDISyncTaskConfigForCreating", { TaskType: "DI_REALTIME", TaskParam: realtimeParam() })).json.Data.ProcessId as number;
      own = await own.restart();
      own.clock?.advance(SETTLE);
      const TaskContent = (await on(own)("QueryDISyncTaskConfigProcessResult", { TaskType: "DI_REALTIME", AsyncProcessId: gen })).json.Data
        .TaskContent as string;
      expect(JSON.parse(TaskContent).extend.resourceGroup).toBe(RG);
      const rt = (
        await on(own)("CreateDISyncTask", {
          TaskType: "DI_REALTIME",
          TaskName: "persisted_rt",
          TaskContent,
          TaskParam: JSON.stringify({ FileFolderPath: folder }),
        })
      ).json.Data.FileId as number;
      expect(rt).toBe(created + 1);
      await on(own)("DeployDISyncTask", { TaskType: "DI_REALTIME", FileId: rt });
      await on(own)("StartDISyncInstance", { TaskType: "DI_REALTIME", FileId: rt });
      own = await own.restart();
      expect((await on(own)("GetDISyncInstanceInfo", { TaskType: "DI_REALTIME", FileId: rt })).json.Data.Status).toBe("WAIT");
      own.clock?.advance(SETTLE);
      expect((await on(own)("GetDISyncInstanceInfo", { TaskType: "DI_REALTIME", FileId: rt })).json.Data.Status).toBe("RUN");
      expect((await own.v3({ action: "GetFile", version: VERSION, form: { ProjectId: PROJECT, FileId: created } })).json.Data.File.FileName).toBe(
        "persisted_offline",
      );
      expect((await on(own)("CreateDISyncTask", offline)).json.Data.FileId).toBe(created);
    } finally {
      await own.close();
    }
  });
});
