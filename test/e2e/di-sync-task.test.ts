/**
 * alicloud.DISyncTask end to end through the real Pulumi CLI against the emulator: a batch task
 * (committed and deployed to production) and a realtime task through create → no-change preview →
 * update → drift → destroy, a generation that fails with DataWorks' message, and invalid programs
 * stopped at preview with zero API calls.
 */
import { CommandError, type Stack } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataworks } from "../../provider/apis/alibaba-dataworks";
import { AlibabaRpcClient } from "../../provider/clients/alibaba";
import { DEMO_REGION_ID, demoAlibabaSettings } from "../../emulator";
import { type Harness, lastSeq, startHarness } from "./harness";

let h: Harness;
let dw: AlibabaRpcClient<typeof dataworks>;
beforeAll(async () => {
  h = await startHarness();
  dw = new AlibabaRpcClient(dataworks, { settings: demoAlibabaSettings(h.emulator.url), region: DEMO_REGION_ID });
});
afterAll(async () => h?.close());

const PROJECT = 10001;
const stackFor = (name: string, config: Record<string, string> = {}) =>
  h.stack("di-sync-task", name, Object.fromEntries(Object.entries(config).map(([k, value]) => [k, { value }])));

async function ids(stack: Stack) {
  const o = await stack.outputs();
  const fileOf = (v: unknown) => Number(String(v).split(":")[2]);
  return { batch: fileOf(o.batchId?.value), realtime: fileOf(o.realtimeId?.value), realtimeStatus: String(o.realtimeStatus?.value) };
}
const batchFile = async (fileId: number) =>
  ((await dw.call("GetFile", { ProjectId: PROJECT, FileId: fileId })).Data as { File: { Content: string; CommitStatus: number } }).File;
const batchScript = async (fileId: number) => JSON.parse(String((await batchFile(fileId)).Content));
const realtimeScript = async (fileId: number) =>
  JSON.parse(String(((await dw.call("GetDISyncTask", { ProjectId: PROJECT, TaskType: "DI_REALTIME", FileId: fileId })).Data as { Code: string }).Code));
const instance = async (fileId: number) =>
  ((await dw.call("GetDISyncInstanceInfo", { ProjectId: PROJECT, TaskType: "DI_REALTIME", FileId: fileId })).Data as { Status: string }).Status;

describe("alicloud.DISyncTask through the Pulumi CLI", () => {
  it("runs a batch and a realtime task through create, no-op, update, drift and destroy", async () => {
    const stack = await stackFor("dilife");
    const onOutput = () => {};

    // Create: the batch task, then committed and deployed; the realtime one through generate →
    // poll → create → deploy → start.
    let mark = lastSeq(h);
    expect((await stack.up({ onOutput })).summary.resourceChanges).toEqual({ create: 3 });
    const first = await ids(stack);
    expect(first.realtimeStatus).toBe("RUN");
    expect(h.callsSince(mark)).toEqual(
      expect.arrayContaining([
        "CreateDISyncTask",
        "SubmitFile",
        "DeployFile",
        "GetDeployment",
        "GenerateDISyncTaskConfigForCreating",
        "QueryDISyncTaskConfigProcessResult",
        "DeployDISyncTask",
        "StartDISyncInstance",
      ]),
    );
    expect((await batchScript(first.batch)).setting.speed.concurrent).toBe(2);
    expect((await batchFile(first.batch)).CommitStatus).toBe(1);
    expect(await instance(first.realtime)).toBe("RUN");

    // No changes: preview says so and an up makes zero API calls.
    await stack.preview({ expectNoChanges: true });
    mark = lastSeq(h);
    expect((await stack.up()).summary.resourceChanges).toEqual({ same: 3 });
    expect(h.callsSince(mark)).toEqual([]);

    // Updates in place: the batch script through UpdateDISyncTask and deployed again, the realtime
    // table selection regenerated.
    await stack.setAllConfig({ concurrency: { value: "4" }, tables: { value: "orders,refunds" } });
    mark = lastSeq(h);
    expect((await stack.up({ onOutput })).summary.resourceChanges).toEqual({ same: 1, update: 2 });
    expect(h.callsSince(mark)).toEqual(expect.arrayContaining(["UpdateDISyncTask", "SubmitFile", "DeployFile", "GenerateDISyncTaskConfigForUpdating"]));
    const second = await ids(stack);
    expect(second).toMatchObject({ batch: first.batch, realtime: first.realtime, realtimeStatus: "RUN" });
    expect((await batchScript(first.batch)).setting.speed.concurrent).toBe(4);
    expect(JSON.stringify(await realtimeScript(first.realtime))).toContain("refunds");

    // Drift: the batch script edited (and left uncommitted) and the realtime task stopped in the
    // console. Refresh sees both, preview shows two updates, up restores and redeploys them.
    const edited = await batchScript(first.batch);
    edited.setting.speed.concurrent = 9;
    await dw.call("UpdateDISyncTask", { ProjectId: PROJECT, TaskType: "DI_OFFLINE", FileId: first.batch, TaskContent: JSON.stringify(edited) });
    await dw.call("StopDISyncInstance", { ProjectId: PROJECT, TaskType: "DI_REALTIME", FileId: first.realtime });
    expect((await stack.refresh({ onOutput })).summary.resourceChanges).toMatchObject({ update: 2 });
    expect((await stack.preview()).changeSummary).toMatchObject({ update: 2 });
    await stack.up({ onOutput });
    expect((await batchScript(first.batch)).setting.speed.concurrent).toBe(4);
    expect((await batchFile(first.batch)).CommitStatus).toBe(1);
    expect(await instance(first.realtime)).toBe("RUN");

    // Destroy: the realtime instance is stopped first, then both tasks are deleted; the batch
    // task's deletion is deployed so production loses it too.
    mark = lastSeq(h);
    await stack.destroy({ onOutput });
    expect(h.callsSince(mark)).toEqual(expect.arrayContaining(["StopDISyncInstance", "DeleteDISyncTask", "DeleteFile", "DeployFile"]));
    await expect(dw.call("GetFile", { ProjectId: PROJECT, FileId: first.batch })).rejects.toThrow(/Invalid\.Tenant\.FileNotExists/);
  });

  it("fails with DataWorks' message when the realtime configuration cannot be generated", async () => {
    const stack = await stackFor("digen", { reader: "mysql_nope" });
    const err = await stack.up().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommandError);
    expect(String(err)).toMatch(
      /DISyncTask "digen_realtime": DataWorks could not generate the task's configuration from taskContent \(process \d+\): datasource:\[mysql_nope\] is invalid/,
    );
    await stack.destroy();
  });

  const invalid: Array<[string, Record<string, unknown>, RegExp]> = [
    [
      "a hop to a missing step",
      {
        taskContent: {
          type: "job",
          version: "2.0",
          steps: [
            { stepType: "mysql", category: "reader", name: "Reader", parameter: { datasource: "mysql_pub" } },
            { stepType: "odps", category: "writer", name: "Writer", parameter: { datasource: "odps_first" } },
          ],
          order: { hops: [{ from: "Reader", to: "Sink" }] },
        },
      },
      /taskContent order\.hops\[0\]\.to is "Sink", which is not a step name/,
    ],
    ["desiredStatus on a batch task", { desiredStatus: "STOPPED" }, /desiredStatus only applies to DI_REALTIME and DI_SOLUTION tasks/],
    [
      "a folder with a '..' segment",
      { taskParam: { fileFolderPath: "Business Flow/../orders", resourceGroup: "S_res_group_demo_001" } },
      /taskParam\.fileFolderPath must not have a "\.\." segment/,
    ],
    ["a task name with a line feed", { taskName: "orders\nbatch" }, /taskName must not contain control characters such as CR or LF/],
    ["an unknown task type", { taskType: "DI_BATCH" }, /taskType must be one of DI_OFFLINE, DI_REALTIME, DI_SOLUTION/],
  ];
  it.each(invalid)("rejects %s at preview with zero API calls", async (_what, overrides, message) => {
    const stack = await stackFor("diinvalid", { offlineOverrides: JSON.stringify(overrides) });
    const mark = lastSeq(h);
    const err = await stack.preview().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommandError);
    expect(String(err)).toMatch(message);
    expect(h.callsSince(mark)).toEqual([]);
  });
});
