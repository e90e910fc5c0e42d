/**
 * DIS status over the clock: why a dump task cannot run (judged against the inventory), and the
 * task states and delivery instants computed from stored instants.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_INVENTORY, DEMO_DWS_USER, DEMO_HUAWEI_PROJECT_ID } from "../../../../emulator/index";
import type { DisTaskRecord, DwsDescriptor } from "../../../../emulator/services/huawei-dis-records";
import { dwsProblem, lastTransferAt, taskState } from "../../../../emulator/services/huawei-dis-status";
import { disSchemas, resolveDws, type DwsDescriptorBody } from "../../../../emulator/services/huawei-dis-validation";

const body: DwsDescriptorBody = disSchemas(true).dwsDescriptor.parse({
  task_name: "t",
  agency_name: "dis_admin_agency",
  dws_cluster_name: "dwscluster",
  dws_cluster_id: "f82dc227-3691-47eb-bca7-e7851f509b2a",
  dws_database_name: "postgres",
  dws_schema: "dbadmin",
  dws_table_name: "dwstablename",
  dws_delimiter: "",
  user_name: DEMO_DWS_USER.name,
  user_password: DEMO_DWS_USER.password,
  kms_user_key_name: "kmskey",
  kms_user_key_id: "1e759f06-9188-4d21-afab-a75e57c04d2b",
  obs_bucket_path: "obsbucket",
});
const resolve = (over: Partial<DwsDescriptorBody> = {}, project = DEMO_HUAWEI_PROJECT_ID) => resolveDws({ ...body, ...over }, project, DEFAULT_INVENTORY);

describe("DIS status", () => {
  it("finds why a task cannot run: credentials first, then the table; nothing when the cluster lists neither", () => {
    const ok: DwsDescriptor = resolve();
    expect(dwsProblem(ok, DEMO_HUAWEI_PROJECT_ID, DEFAULT_INVENTORY)).toBeUndefined();
    const wrong = dwsProblem({ ...ok, user_password: "nope", dws_table_name: "missing" }, DEMO_HUAWEI_PROJECT_ID, DEFAULT_INVENTORY);
    expect(wrong).toContain("Invalid username/password");
    expect(wrong).not.toContain("nope");
    expect(dwsProblem({ ...ok, dws_table_name: "missing" }, DEMO_HUAWEI_PROJECT_ID, DEFAULT_INVENTORY)).toContain('relation "dbadmin.missing" does not exist');
    const open = {
      ...DEFAULT_INVENTORY,
      huawei: { ...DEFAULT_INVENTORY.huawei, dwsClusters: DEFAULT_INVENTORY.huawei.dwsClusters.map(({ users: _u, tables: _t, ...c }) => c) },
    };
    expect(dwsProblem({ ...ok, user_password: "any", dws_table_name: "any" }, DEMO_HUAWEI_PROJECT_ID, open)).toBeUndefined();
  });

  it("computes the state and the last delivery from the clock", () => {
    const task: DisTaskRecord = {
      projectId: DEMO_HUAWEI_PROJECT_ID,
      streamName: "s",
      streamId: "id",
      taskId: "tid",
      taskName: "t",
      destinationType: "DWS",
      descriptor: { ...resolve(), deliver_time_interval: 60 },
      createdTime: 0,
      transition: "STARTING",
      rest: "RUNNING",
      settleAt: 1000,
      lastTransfer: 0,
    };
    const fine = () => undefined;
    expect(taskState(task, 999, fine)).toBe("STARTING");
    expect(taskState(task, 1000, fine)).toBe("RUNNING");
    expect(taskState(task, 1000, () => "broken")).toBe("ERROR");
    expect(taskState({ ...task, transition: null, rest: "PAUSED" }, 5000, () => "broken")).toBe("PAUSED");
    expect(taskState({ ...task, settleAt: null }, 1e12, fine)).toBe("STARTING");
    expect(lastTransferAt(task, "RUNNING", 60_999)).toBe(0);
    expect(lastTransferAt(task, "RUNNING", 61_000)).toBe(61_000);
    expect(lastTransferAt(task, "RUNNING", 200_000)).toBe(181_000);
    expect(lastTransferAt({ ...task, lastTransfer: 42 }, "PAUSED", 200_000)).toBe(42);
  });
});
