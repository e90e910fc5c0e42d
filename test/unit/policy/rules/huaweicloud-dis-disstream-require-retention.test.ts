import { describe, expect, it } from "vitest";
import { UNKNOWN } from "../../../../provider/engine/check";
import { DWS_TRANSFER_TASK_TYPE } from "../../../../policy/rules/huaweicloud-dis-dwstransfertask-limit-rejected-rows";
import { DIS_STREAM_TYPE, disStreamRetention } from "../../../../policy/rules/huaweicloud-dis-disstream-require-retention";
import { stream } from "../../../fixtures/dis";
import { validateResource } from "../../../helpers/policy";

describe("huaweicloud-dis-disstream-require-retention", () => {
  const run = (props: object, config: object = {}) =>
    validateResource(disStreamRetention, { name: "clicks", type: DIS_STREAM_TYPE, props: props as Record<string, unknown> }, config);

  it("passes any retention the service takes under the default bound (24 hours)", async () => {
    expect(await run(stream)).toEqual({ violations: [], urns: [] });
    expect((await run({ ...stream, dataDuration: 72 }, { minDataDurationHours: 72 })).violations).toEqual([]);
  });

  it("rejects a retention shorter than the environment requires", async () => {
    expect((await run({ ...stream, dataDuration: 48 }, { minDataDurationHours: 72 })).violations).toEqual([
      'DisStream "clicks": dataDuration is 48 hours, shorter than the 72 hours this environment requires (policy config minDataDurationHours). Set dataDuration to 72 or more (at most 72).',
    ]);
  });

  it("counts an unset retention as the service's 24 hours", async () => {
    expect((await run(stream, { minDataDurationHours: 48 })).violations).toEqual([
      'DisStream "clicks": dataDuration is not set, so records are kept 24 hours, shorter than the 48 hours this environment requires (policy config minDataDurationHours). Set dataDuration to 48 or more (at most 72).',
    ]);
  });

  it("is not applicable to other resources, and waits for values unknown at preview", async () => {
    expect(
      (await validateResource(disStreamRetention, { type: DWS_TRANSFER_TASK_TYPE, props: stream }, { minDataDurationHours: 72 })).notApplicable,
    ).toBeDefined();
    const unknown = await run({ ...stream, dataDuration: UNKNOWN }, { minDataDurationHours: 72 });
    expect(unknown.violations).toEqual([]);
    expect(unknown.unknown).toBeDefined();
  });
});
