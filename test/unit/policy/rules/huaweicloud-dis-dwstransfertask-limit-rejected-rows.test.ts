import { describe, expect, it } from "vitest";
import { UNKNOWN } from "../../../../provider/engine/check";
import { DI_SYNC_TASK_TYPE } from "../../../../policy/rules/alicloud-dataworks-disynctask-require-error-limit";
import { DWS_TRANSFER_TASK_TYPE, dwsTransferTaskRejectedRows } from "../../../../policy/rules/huaweicloud-dis-dwstransfertask-limit-rejected-rows";
import { dwsTask } from "../../../fixtures/dis";
import { validateResource } from "../../../helpers/policy";

describe("huaweicloud-dis-dwstransfertask-limit-rejected-rows", () => {
  const run = (options: object | undefined, config: object = {}) =>
    validateResource(dwsTransferTaskRejectedRows, { name: "clicks-to-dws", type: DWS_TRANSFER_TASK_TYPE, props: { ...dwsTask, options } }, config);

  it("passes the seed task (no reject limit: the service's 0) and a limit within the bound", async () => {
    expect(await run(undefined)).toEqual({ violations: [], urns: [] });
    expect((await run({ rejectLimit: 1000 })).violations).toEqual([]);
  });

  it("rejects a limit above the bound, asking for an error table when there is none", async () => {
    expect((await run({ rejectLimit: 5000 })).violations).toEqual([
      'DwsTransferTask "clicks-to-dws": options.rejectLimit is 5000, above the 1000 bad rows per load this environment allows (policy config maxRejectLimit). Set rejectLimit to 1000 or less and set options.errorTableName so the rejected rows are kept.',
    ]);
    expect((await run({ rejectLimit: 50, errorTableName: "clicks_rejected" }, { maxRejectLimit: 10 })).violations).toEqual([
      'DwsTransferTask "clicks-to-dws": options.rejectLimit is 50, above the 10 bad rows per load this environment allows (policy config maxRejectLimit). Set rejectLimit to 10 or less.',
    ]);
  });

  it('rejects "unlimited" unless the environment allows it', async () => {
    expect((await run({ rejectLimit: "unlimited" }, { maxRejectLimit: 100 })).violations).toEqual([
      'DwsTransferTask "clicks-to-dws": options.rejectLimit is "unlimited", above the 100 bad rows per load this environment allows (policy config maxRejectLimit, allowUnlimited). Set rejectLimit to 100 or less and set options.errorTableName so the rejected rows are kept.',
    ]);
    expect((await run({ rejectLimit: "unlimited" }, { allowUnlimited: true })).violations).toEqual([]);
  });

  it("is not applicable to other resources, and waits for values unknown at preview", async () => {
    const other = await validateResource(dwsTransferTaskRejectedRows, { type: DI_SYNC_TASK_TYPE, props: { options: { rejectLimit: "unlimited" } } });
    expect(other.violations).toEqual([]);
    const unknown = await run({ rejectLimit: UNKNOWN });
    expect(unknown.violations).toEqual([]);
  });
});
