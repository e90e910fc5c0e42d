import { describe, expect, it } from "vitest";
import { UNKNOWN } from "../../../../provider/engine/check";
import { STREAMING_JOB_TYPE } from "../../../../policy/rules/_streamingjob";
import { streamingJobErrorLimit } from "../../../../policy/rules/alicloud-gpdb-streamingjob-require-error-limit";
import { DIS_STREAM_TYPE } from "../../../../policy/rules/huaweicloud-dis-disstream-require-retention";
import { basicJob, professionalJob, professionalYaml } from "../../../fixtures/streaming-job";
import { validateResource } from "../../../helpers/policy";

describe("alicloud-gpdb-streamingjob-require-error-limit", () => {
  const run = (props: object, config: object = {}) =>
    validateResource(streamingJobErrorLimit, { name: "orders", type: STREAMING_JOB_TYPE, props: props as Record<string, unknown> }, config);
  const { errorLimitCount: _, ...noLimit } = basicJob;

  it("passes a basic job whose error limit is within the bound, 0 included", async () => {
    expect(await run(basicJob)).toEqual({ violations: [], urns: [] });
    expect((await run({ ...basicJob, errorLimitCount: 0 }, { maxErrorLimitCount: 0 })).violations).toEqual([]);
  });

  it("rejects a job without an error limit", async () => {
    expect((await run(noLimit)).violations).toEqual([
      'StreamingJob "orders": errorLimitCount is not set, so the job tolerates the service\'s undocumented default number of bad rows. Set errorLimitCount to the number of bad rows you accept, at most 1000 (policy config maxErrorLimitCount).',
    ]);
  });

  it("rejects a limit above the environment's bound", async () => {
    expect((await run({ ...basicJob, errorLimitCount: 500 }, { maxErrorLimitCount: 100 })).violations).toEqual([
      'StreamingJob "orders": errorLimitCount is 500, above the 100 bad rows this environment allows (policy config maxErrorLimitCount). Set it to a number of rows, at most 100.',
    ]);
  });

  it("takes a professional job's YAML ERROR_LIMIT as the limit, and bounds it too", async () => {
    expect((await run(professionalJob)).violations).toEqual([]);
    expect((await run({ ...professionalJob, errorLimitCount: 5 }, { maxErrorLimitCount: 5 })).violations).toEqual([
      'StreamingJob "orders": jobConfig KAFKA.INPUT.ERROR_LIMIT is 10, above the 5 bad rows this environment allows (policy config maxErrorLimitCount). Set it to a number of rows, at most 5.',
    ]);
    const percent = { ...professionalJob, jobConfig: professionalYaml.replace("ERROR_LIMIT: 10", "ERROR_LIMIT: 5%") };
    expect((await run(percent)).violations).toEqual([
      'StreamingJob "orders": jobConfig KAFKA.INPUT.ERROR_LIMIT is "5%", not a number of rows. Set it to a number of rows, at most 1000.',
    ]);
    const none = { ...professionalJob, jobConfig: professionalYaml.replace("    ERROR_LIMIT: 10\n", "") };
    expect((await run(none)).violations).toEqual([
      'StreamingJob "orders": errorLimitCount (nor jobConfig KAFKA.INPUT.ERROR_LIMIT) is not set, so the job tolerates the service\'s undocumented default number of bad rows. Set errorLimitCount to the number of bad rows you accept, at most 1000 (policy config maxErrorLimitCount).',
    ]);
  });

  it("does not read a basic job's jobConfig, leaves other resources alone, and waits for unknown values", async () => {
    expect((await run({ ...basicJob, jobConfig: "KAFKA: {INPUT: {ERROR_LIMIT: 99999}}" })).violations).toEqual([]);
    expect((await validateResource(streamingJobErrorLimit, { type: DIS_STREAM_TYPE, props: noLimit })).notApplicable).toBeDefined();
    const unknown = await run({ ...basicJob, errorLimitCount: UNKNOWN });
    expect(unknown.violations).toEqual([]);
    expect(unknown.unknown).toBeDefined();
  });
});
