import { describe, expect, it } from "vitest";
import { check, diff } from "../../provider/resources/alicloud-streaming-job";
import { basicJob, professionalJob, professionalYaml } from "../fixtures/streaming-job";

/** State as create leaves it: the checked inputs plus computed outputs. */
const stateOf = (inputs: Record<string, unknown>) => ({
  ...check({}, { __provider: "shim", ...inputs }).inputs,
  jobId: "1",
  status: "Running",
  region: "cn-beijing",
});
const checked = (inputs: Record<string, unknown>) => check({}, { __provider: "shim", ...inputs }).inputs;

describe("StreamingJob diff", () => {
  it("finds no change when nothing changed", () => {
    expect(diff("gp-demo00000000001:1", stateOf(basicJob), checked(basicJob))).toEqual({ changes: false });
  });

  const noChange: Array<[string, Record<string, unknown>]> = [
    ["enum case the API echoes back", { writeMode: "merge", fallbackOffset: "earliest", consistency: "atleast" }],
    ["matchColumns and updateColumns in another order", { updateColumns: ["status", "amount"] }],
    ["srcColumns and destColumns reordered together", { srcColumns: ["status", "id", "amount"], destColumns: ["status", "id", "amount"] }],
    ["a numeric dataSourceId for the same id", { dataSourceId: 1 }],
    ["a different timeout (a provider setting, not an API field)", { timeoutSeconds: 30 }],
  ];
  it.each(noChange)("treats %s as no change", (_name, change) => {
    expect(diff("id", stateOf(basicJob), checked({ ...basicJob, ...change }))).toEqual({ changes: false });
  });

  it("treats YAML that differs only in formatting, quoting and key order as no change", () => {
    const reformatted = professionalYaml
      .replace("DATABASE: analytics\nUSER: etl\n", "USER: 'etl'   # the loader account\nDATABASE: \"analytics\"\n")
      .replace("TOPIC: orders", "TOPIC:   orders");
    expect(diff("id", stateOf(professionalJob), checked({ ...professionalJob, jobConfig: reformatted }))).toEqual({ changes: false });
  });

  it("updates in place when an updatable field changes", () => {
    expect(diff("id", stateOf(basicJob), checked({ ...basicJob, errorLimitCount: 50 }))).toEqual({ changes: true });
    expect(
      diff("id", stateOf(professionalJob), checked({ ...professionalJob, jobConfig: professionalYaml.replace("ERROR_LIMIT: 10", "ERROR_LIMIT: 20") })),
    ).toEqual({ changes: true });
  });

  it("treats srcColumns reordered alone as a change (the mapping changed)", () => {
    expect(diff("id", stateOf(basicJob), checked({ ...basicJob, srcColumns: ["amount", "id", "status"] }))).toEqual({ changes: true });
  });

  it.each(["jobName", "dbInstanceId", "regionId"])("replaces when %s changes, creating the new job first", (field) => {
    const value = field === "dbInstanceId" ? "gp-demo00000000002" : field === "regionId" ? "cn-shanghai" : "renamed";
    expect(diff("id", stateOf(basicJob), checked({ ...basicJob, [field]: value }))).toEqual({ changes: true, replaces: [field] });
  });

  it("replaces and deletes first when the new job would reuse the name in the same instance", () => {
    expect(diff("id", stateOf(basicJob), checked({ ...basicJob, dataSourceId: "2" }))).toEqual({
      changes: true,
      replaces: ["dataSourceId"],
      deleteBeforeReplace: true,
    });
    expect(
      diff("id", stateOf(professionalJob), checked({ ...professionalJob, jobConfig: undefined, ...basicJob, jobName: professionalJob.jobName })),
    ).toMatchObject({ replaces: ["mode"], deleteBeforeReplace: true });
  });

  it("reads state written without the fields a later version added", () => {
    const old = stateOf(basicJob);
    delete (old as Record<string, unknown>).adopt;
    delete (old as Record<string, unknown>).timeoutSeconds;
    expect(diff("id", old, checked(basicJob))).toEqual({ changes: false });
  });
});
