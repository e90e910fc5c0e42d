import { describe, expect, it } from "vitest";
import { UNKNOWN } from "../../../../provider/engine/check";
import { STREAMING_JOB_TYPE } from "../../../../policy/rules/_streamingjob";
import { streamingJobExactlyOnce } from "../../../../policy/rules/alicloud-gpdb-streamingjob-require-exactly-once";
import { STREAMING_DATA_SERVICE_TYPE } from "../../../../policy/rules/alicloud-gpdb-streamingdataservice-limit-service-spec";
import { basicJob, professionalJob, professionalYaml } from "../../../fixtures/streaming-job";
import { validateResource } from "../../../helpers/policy";

describe("alicloud-gpdb-streamingjob-require-exactly-once", () => {
  const run = (props: object, config: object = {}) =>
    validateResource(streamingJobExactlyOnce, { name: "orders", type: STREAMING_JOB_TYPE, props: props as Record<string, unknown> }, config);
  const exactlyYaml = professionalYaml.replace("CONSISTENCY: ATLEAST", "CONSISTENCY: EXACTLY");

  it("passes a basic job with EXACTLY, in either case", async () => {
    expect(await run({ ...basicJob, consistency: "EXACTLY" })).toEqual({ violations: [], urns: [] });
    expect((await run({ ...basicJob, consistency: "exactly" })).violations).toEqual([]);
  });

  it("rejects ATLEAST where the environment allows only EXACTLY (the default)", async () => {
    expect((await run(basicJob)).violations).toEqual([
      'StreamingJob "orders": consistency is "ATLEAST"; this environment allows EXACTLY (policy config allowedConsistency). Set it to "EXACTLY", so that a restart does not write messages into the table twice.',
    ]);
    expect((await run(basicJob, { allowedConsistency: ["ATLEAST", "EXACTLY"] })).violations).toEqual([]);
  });

  it("rejects a job that leaves the guarantee to the service's undocumented default, in every environment", async () => {
    const { consistency: _, ...unset } = basicJob;
    expect((await run(unset, { allowedConsistency: ["ATLEAST", "EXACTLY"] })).violations).toEqual([
      'StreamingJob "orders": consistency is not set, so the job runs with the service\'s undocumented default delivery guarantee. Set consistency to "EXACTLY".',
    ]);
  });

  it("checks a professional job's YAML commit consistency too, since which one the service uses is not documented", async () => {
    expect((await run({ ...professionalJob, jobConfig: exactlyYaml })).violations).toEqual([]);
    expect((await run({ ...professionalJob, consistency: "EXACTLY" })).violations).toEqual([
      'StreamingJob "orders": jobConfig KAFKA.COMMIT.CONSISTENCY is "ATLEAST"; this environment allows EXACTLY (policy config allowedConsistency). Set it to "EXACTLY", so that a restart does not write messages into the table twice.',
    ]);
    const noCommit = { ...professionalJob, jobConfig: { kafka: { input: {}, output: {} } } };
    expect((await run(noCommit)).violations).toEqual([
      'StreamingJob "orders": consistency (nor jobConfig KAFKA.COMMIT.CONSISTENCY) is not set, so the job runs with the service\'s undocumented default delivery guarantee. Set consistency to "EXACTLY".',
    ]);
    expect((await run({ ...professionalJob, jobConfig: { kafka: { commit: { consistency: "exactly-once" } } } })).violations).toEqual([]);
  });

  it("says so when the YAML's setting is in a form it cannot read", async () => {
    const flow = { ...professionalJob, jobConfig: "KAFKA:\n  COMMIT:\n    CONSISTENCY: &c EXACTLY\n" };
    expect((await run(flow)).violations).toEqual([
      'StreamingJob "orders": jobConfig KAFKA.COMMIT.CONSISTENCY is written in a form this policy does not read (a flow mapping, an anchor or a block scalar), so it cannot be checked. Write it as a plain "CONSISTENCY: value" line of block YAML.',
    ]);
  });

  it("leaves other resources alone, and waits for a jobConfig unknown at preview", async () => {
    const other = await validateResource(streamingJobExactlyOnce, { type: STREAMING_DATA_SERVICE_TYPE, props: basicJob });
    expect(other.notApplicable).toBeDefined();
    const unknown = await run({ ...professionalJob, consistency: "EXACTLY", jobConfig: UNKNOWN });
    expect(unknown.violations).toEqual([]);
    expect(unknown.unknown).toBeDefined();
  });
});
