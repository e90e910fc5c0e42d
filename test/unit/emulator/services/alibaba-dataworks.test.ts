/**
 * The DataWorks service without HTTP: its handlers over a store with a hand-moved clock (process
 * and instance states from stored instants, so a fresh service on the same store agrees).
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_INVENTORY, DEMO_DATAWORKS_PROJECT_ID, DEMO_DATAWORKS_RESOURCE_GROUP } from "../../../../emulator/index";
import { createDataWorksService } from "../../../../emulator/services/alibaba-dataworks";
import { MemoryStore } from "../../../../emulator/store";

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
