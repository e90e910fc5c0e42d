import { describe, expect, it } from "vitest";
import { DI_SYNC_TASK_TYPE, diSyncTaskErrorLimit } from "../../../../policy/rules/alicloud-dataworks-disynctask-require-error-limit";
import { DWS_TRANSFER_TASK_TYPE } from "../../../../policy/rules/huaweicloud-dis-dwstransfertask-limit-rejected-rows";
import { offlineScript, offlineTask, realtimeTask } from "../../../fixtures/dataworks";
import { validateResource } from "../../../helpers/policy";

describe("alicloud-dataworks-disynctask-require-error-limit", () => {
  const withRecord = (record: unknown) => ({
    ...offlineTask,
    taskContent: JSON.stringify({ ...offlineScript, setting: { ...offlineScript.setting, errorLimit: { record } } }),
  });
  const run = (props: object, config: object = {}) =>
    validateResource(diSyncTaskErrorLimit, { name: "orders-daily", type: DI_SYNC_TASK_TYPE, props: props as Record<string, unknown> }, config);

  it("passes a batch script with a bounded error limit, as text or object", async () => {
    expect((await run(withRecord("0"))).violations).toEqual([]);
    expect((await run({ ...offlineTask, taskContent: { ...offlineScript, setting: { errorLimit: { record: 10 } } } })).violations).toEqual([]);
  });

  it("rejects a script without an error limit (the seed's empty record)", async () => {
    expect((await run(withRecord(""))).violations).toEqual([
      'DISyncTask "orders-daily": taskContent setting.errorLimit.record is not set, so any number of dirty records is tolerated. Set it to the number of dirty records you accept, at most 100 (0 fails the run on the first one).',
    ]);
  });

  it("rejects a limit above the environment's bound", async () => {
    expect((await run(withRecord("500"), { maxDirtyRecords: 0 })).violations).toEqual([
      'DISyncTask "orders-daily": taskContent setting.errorLimit.record is "500", above the 0 this environment allows (policy config maxDirtyRecords). Set it to the number of dirty records you accept, at most 0 (0 fails the run on the first one).',
    ]);
  });

  it("leaves realtime tasks and other resources alone", async () => {
    expect((await run(realtimeTask)).violations).toEqual([]);
    expect((await validateResource(diSyncTaskErrorLimit, { type: DWS_TRANSFER_TASK_TYPE, props: withRecord("") })).violations).toEqual([]);
  });
});
