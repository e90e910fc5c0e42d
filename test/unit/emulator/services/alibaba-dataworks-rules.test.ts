/**
 * The DataWorks service without HTTP: the script rules and the realtime generator as pure
 * functions, and the service's handlers over a store with a hand-moved clock (process and
 * instance states from stored instants, so a fresh service on the same store agrees).
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_INVENTORY, DEMO_DATAWORKS_PROJECT_ID, DEMO_DATAWORKS_RESOURCE_GROUP } from "../../../../emulator/index";
import type { DataWorksProject } from "../../../../emulator/inventory";
import { createDataWorksService } from "../../../../emulator/services/alibaba-dataworks";
import {
  environmentProblem,
  folderPathProblem,
  generateForCreating,
  generateForUpdating,
  taskContentProblem,
  taskParamOf,
} from "../../../../emulator/services/alibaba-dataworks-rules";
import { MemoryStore } from "../../../../emulator/store";

const project = DEFAULT_INVENTORY.alibaba.dataworksProjects[0] as DataWorksProject;
const RG = DEMO_DATAWORKS_RESOURCE_GROUP;

const script = () => ({
  type: "job",
  steps: [
    { stepType: "mysql", category: "reader", name: "Reader", parameter: { datasource: "mysql_pub", connection: [{ datasource: "mysql_pub", table: ["t"] }] } },
    { stepType: "odps", category: "writer", name: "Writer", parameter: { datasource: "odps_first" } },
  ],
  setting: { speed: { concurrent: 1 } },
  order: { hops: [{ from: "Reader", to: "Writer" }] },
});

const realtime = (setting: Record<string, unknown> = {}, writer: Record<string, unknown> = { stepType: "odps", parameter: { datasource: "odps_first" } }) => ({
  type: "realtime",
  version: "1.0",
  setting: { resourceGroup: RG, taskType: "oneclick_to_odps", ...setting },
  steps: [
    { stepType: "mysql", category: "reader", name: "Reader", parameter: { connection: [{ datasource: "mysql_pub", table: ["orders"] }] } },
    { category: "writer", name: "Writer", ...writer },
  ],
});

describe("script rules", () => {
  it("accepts a batch script meeting every rule", () => {
    expect(taskContentProblem(script(), "DI_OFFLINE", project)).toBeUndefined();
  });

  it("reads data sources from connection[] too", () => {
    const s = script();
    s.steps[0]!.parameter.connection = [{ datasource: "mysql_nope", table: ["t"] }];
    expect(taskContentProblem(s, "DI_OFFLINE", project)).toBe(
      `TaskContent steps[0] names data source "mysql_nope", which is not in project ${DEMO_DATAWORKS_PROJECT_ID}.`,
    );
  });

  it("lets a realtime script skip type and concurrency but not hops", () => {
    const { type: _t, setting: _s, ...rest } = script();
    expect(taskContentProblem(rest, "DI_REALTIME", project)).toBeUndefined();
    expect(taskContentProblem({ ...rest, order: { hops: [] } }, "DI_REALTIME", project)).toContain("order.hops");
  });

  it("refuses a concurrency that is not an integer", () => {
    expect(taskContentProblem({ ...script(), setting: { speed: { concurrent: 1.5 } } }, "DI_OFFLINE", project)).toContain("got 1.5");
    expect(taskContentProblem({ ...script(), setting: { speed: { concurrent: "2" } } }, "DI_OFFLINE", project)).toContain('got "2"');
  });

  it("takes the vendor's folder paths and refuses empty, '..' and control-character ones", () => {
    expect(folderPathProblem("Business Flow/XXX/Data Integration")).toBeUndefined();
    expect(folderPathProblem("workflow/biz")).toBeUndefined();
    expect(folderPathProblem(undefined)).toMatch(/^TaskParam\.FileFolderPath must not be empty/);
    expect(folderPathProblem("a/../b")).toMatch(/must not have a "\.\." segment/);
    expect(folderPathProblem("a//b")).toMatch(/must not have an empty segment/);
    expect(folderPathProblem("a/b\r\nc")).toMatch(/must not contain control characters/);
  });

  it("fails a deployment to an environment a named data source is not configured for", () => {
    const dev = { ...project, dataSources: [...project.dataSources, { name: "odps_dev", type: "odps", environments: ["development" as const] }] };
    const s = script();
    s.steps[1]!.parameter.datasource = "odps_dev";
    expect(environmentProblem(JSON.stringify(s), "development", dev)).toBeUndefined();
    expect(environmentProblem(JSON.stringify(s), "production", dev)).toBe(
      `datasource:[odps_dev] is not configured for the production environment of project ${DEMO_DATAWORKS_PROJECT_ID}.`,
    );
    expect(environmentProblem(JSON.stringify(script()), "production", project)).toBeUndefined();
  });

  it("reads TaskParam's Cu as a positive multiple of 0.5", () => {
    expect(taskParamOf({ Cu: 2.5 })).toEqual({ ok: true, param: { Cu: 2.5 } });
    expect(taskParamOf({ Cu: -0.5 }).ok).toBe(false);
    expect(taskParamOf({ ResourceGroup: 7 })).toEqual({ ok: false, problem: "TaskParam.ResourceGroup must be a string." });
  });
});

describe("realtime generator", () => {
  it("builds a script the realtime rules accept", () => {
    const g = generateForCreating(realtime({ name: "orders_rt" }), project, 7);
    expect(g.ok).toBe(true);
    const content = JSON.parse((g as { taskContent: string }).taskContent);
    expect(content.extend).toEqual({ mode: "oneclick_to_odps", resourceGroup: RG, name: "orders_rt" });
    expect(taskContentProblem(content, "DI_REALTIME", project)).toBeUndefined();
  });

  it("names the task after its mode and process when the TaskParam does not", () => {
    const g = generateForCreating(realtime(), project, 7);
    expect(JSON.parse((g as { taskContent: string }).taskContent).extend.name).toBe("oneclick_to_odps_7");
  });

  it("refuses a task type that is a property of every object", () => {
    expect(generateForCreating(realtime({ taskType: "constructor" }), project, 1)).toMatchObject({
      ok: false,
      message: expect.stringContaining("taskType:[constructor] is invalid"),
    });
  });

  it("refuses a reader data source of another type", () => {
    const p = realtime();
    (p.steps[0]!.parameter as { connection: Array<{ datasource: string }> }).connection[0]!.datasource = "kafka_orders";
    expect(generateForCreating(p, project, 1)).toEqual({
      ok: false,
      message: "datasource:[kafka_orders] is invalid: it is a kafka data source, the reader needs mysql.",
    });
  });

  it("reselects tables for an update and refuses an update that selects none", () => {
    const current = JSON.parse((generateForCreating(realtime(), project, 1) as { taskContent: string }).taskContent);
    const add = {
      steps: [{ category: "reader", parameter: { connection: [{ selectedTables: [{ dbName: "db", schema: [{ tableInfos: [{ table: "a" }] }] }] }] } }],
    };
    const updated = generateForUpdating(add, current, project);
    expect(JSON.parse((updated as { taskContent: string }).taskContent).steps[0].parameter.connection).toEqual([
      { datasource: "mysql_pub", selectedTables: [{ dbName: "db", schema: [{ tableInfos: [{ table: "a" }] }] }] },
    ]);
    expect(generateForUpdating({ steps: [{ category: "reader", parameter: { connection: [{ table: [] }] } }] }, current, project).ok).toBe(false);
  });
});

describe("service state from stored instants", () => {
  const SETTLE = 1000;
  const T0 = Date.parse("2024-05-01T00:00:00Z");

  function world() {
    const store = new MemoryStore();
    let now = T0;
    let service = createDataWorksService({ store, inventory: DEFAULT_INVENTORY, settleMs: SETTLE });
    // As the router does: what the clock settled first, then the call.
    const call = (action: string, params: Record<string, unknown>, stuck = false) => {
      service.advance?.(now);
      return service.handle({ action, params: { ProjectId: DEMO_DATAWORKS_PROJECT_ID, ...params }, requestId: "R", now, stuck }) as {
        Data: Record<string, any>;
      };
    };
    return {
      call,
      advance: (ms: number) => {
        now += ms;
      },
      restart: () => {
        service = createDataWorksService({ store, inventory: DEFAULT_INVENTORY, settleMs: SETTLE });
      },
    };
  }

  it("keeps a process processing until settleMs has passed, across a restart", () => {
    const w = world();
    const { ProcessId } = w.call("GenerateDISyncTaskConfigForCreating", { TaskType: "DI_REALTIME", TaskParam: JSON.stringify(realtime()) }).Data;
    const query = () => w.call("QueryDISyncTaskConfigProcessResult", { TaskType: "DI_REALTIME", AsyncProcessId: ProcessId }).Data.Status;
    w.advance(SETTLE - 1);
    expect(query()).toBe("processing");
    w.restart();
    w.advance(1);
    expect(query()).toBe("success");
  });

  it("commits, deploys and deletes a batch file through deployments that settle on the clock, across a restart", () => {
    const w = world();
    const { FileId } = w.call("CreateDISyncTask", {
      TaskType: "DI_OFFLINE",
      TaskName: "batch",
      TaskContent: JSON.stringify(script()),
      TaskParam: JSON.stringify({ FileFolderPath: "Business Flow/orders/Data Integration", ResourceGroup: RG }),
    }).Data;
    const file = () => w.call("GetFile", { FileId }).Data.File;
    const deployment = (DeploymentId: number) => w.call("GetDeployment", { DeploymentId }).Data.Deployment;
    expect(file()).toMatchObject({ CommitStatus: 0, CurrentVersion: 1 });
    const commit = w.call("SubmitFile", { FileId }).Data as unknown as number;
    expect(deployment(commit)).toMatchObject({ Status: 0, FromEnvironment: 0, ToEnvironment: 1 });
    expect(file().CommitStatus).toBe(0);
    w.advance(SETTLE);
    w.restart();
    expect(deployment(commit).Status).toBe(1);
    expect(file()).toMatchObject({ CommitStatus: 1, NodeId: FileId + 2_000_000 });
    const deploy = w.call("DeployFile", { FileId }).Data as unknown as number;
    w.advance(SETTLE);
    expect(deployment(deploy)).toMatchObject({ Status: 1, FromEnvironment: 1, ToEnvironment: 2 });

    const { DeploymentId } = w.call("DeleteFile", { FileId }) as unknown as { DeploymentId: number };
    w.advance(SETTLE);
    expect(deployment(DeploymentId)).toMatchObject({ Status: 1, ToEnvironment: 1 });
    // Still in production until the deletion is deployed.
    const undeploy = w.call("DeployFile", { FileId }).Data as unknown as number;
    w.advance(SETTLE);
    expect(deployment(undeploy)).toMatchObject({ Status: 1, ToEnvironment: 2 });
    expect(() => w.call("DeployFile", { FileId })).toThrow(/The file does not exist/);
  });

  it("moves an instance NORUN → WAIT → RUN → PAUSE → NORUN", () => {
    const w = world();
    const { ProcessId } = w.call("GenerateDISyncTaskConfigForCreating", { TaskType: "DI_REALTIME", TaskParam: JSON.stringify(realtime()) }).Data;
    w.advance(SETTLE);
    const { TaskContent } = w.call("QueryDISyncTaskConfigProcessResult", { TaskType: "DI_REALTIME", AsyncProcessId: ProcessId }).Data;
    const { FileId } = w.call("CreateDISyncTask", {
      TaskType: "DI_REALTIME",
      TaskName: "rt",
      TaskContent,
      TaskParam: '{"FileFolderPath":"workflow/a/b"}',
    }).Data;
    const status = () => w.call("GetDISyncInstanceInfo", { TaskType: "DI_REALTIME", FileId }).Data.Status;
    const seen = [status()];
    w.call("DeployDISyncTask", { TaskType: "DI_REALTIME", FileId });
    w.call("StartDISyncInstance", { TaskType: "DI_REALTIME", FileId });
    seen.push(status());
    w.advance(SETTLE);
    seen.push(status());
    w.call("StopDISyncInstance", { TaskType: "DI_REALTIME", FileId });
    seen.push(status());
    w.call("TerminateDISyncInstance", { TaskType: "DI_REALTIME", FileId });
    seen.push(status());
    expect(seen).toEqual(["NORUN", "WAIT", "RUN", "PAUSE", "NORUN"]);
  });
});
