import { describe, expect, it } from "vitest";
import { DWS_TRANSFER_TASK_TYPE } from "../../../../policy/rules/huaweicloud-dis-dwstransfertask-limit-rejected-rows";
import { disStreamPartitions } from "../../../../policy/rules/huaweicloud-dis-disstream-limit-partitions";
import { DIS_STREAM_TYPE } from "../../../../policy/rules/huaweicloud-dis-disstream-require-retention";
import { stream } from "../../../fixtures/dis";
import { validateResource } from "../../../helpers/policy";

describe("huaweicloud-dis-disstream-limit-partitions", () => {
  const run = (props: object, config: object = {}) =>
    validateResource(disStreamPartitions, { name: "clicks", type: DIS_STREAM_TYPE, props: props as Record<string, unknown> }, config);
  const autoScaled = (min: number, max: number, start = min) => ({
    ...stream,
    partitionCount: start,
    autoScaleEnabled: true,
    autoScaleMinPartitionCount: min,
    autoScaleMaxPartitionCount: max,
  });

  it("passes a stream within the bound, the bound itself included", async () => {
    expect(await run(stream)).toEqual({ violations: [], urns: [] });
    expect((await run({ ...stream, partitionCount: 4 }, { maxPartitions: 4 })).violations).toEqual([]);
  });

  it("rejects more partitions than the environment allows", async () => {
    expect((await run({ ...stream, partitionCount: 8 }, { maxPartitions: 4 })).violations).toEqual([
      'DisStream "clicks": partitionCount is 8, above the 4 partitions this environment allows (policy config maxPartitions). Set partitionCount to 4 or less.',
    ]);
  });

  it("bounds what auto-scaling may grow the stream to, not only where it starts", async () => {
    expect((await run(autoScaled(1, 4), { maxPartitions: 4 })).violations).toEqual([]);
    expect((await run(autoScaled(1, 64, 2), { maxPartitions: 4 })).violations).toEqual([
      'DisStream "clicks": auto-scaling may grow it to autoScaleMaxPartitionCount 64 partitions, above the 4 partitions this environment allows (policy config maxPartitions). Set autoScaleMaxPartitionCount to 4 or less.',
    ]);
  });

  it("ignores auto-scale bounds while auto-scaling is off (they mean nothing then), and other resources", async () => {
    expect((await run({ ...stream, autoScaleMaxPartitionCount: 64 }, { maxPartitions: 4 })).violations).toEqual([]);
    expect((await validateResource(disStreamPartitions, { type: DWS_TRANSFER_TASK_TYPE, props: { partitionCount: 99 } })).notApplicable).toBeDefined();
  });
});
