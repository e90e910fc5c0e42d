/**
 * Request validation derived from the action table: every rule here comes from a ParamSpec flag,
 * so these cases use real gpdb rows rather than a hand-written copy of them.
 */
import { describe, expect, it } from "vitest";
import { gpdb } from "../../../../provider/apis/alibaba-gpdb";
import { secretParamNames, validateParams } from "../../../../emulator/routers/alibaba-params";
import { failure } from "../../../helpers/alibaba-errors";

const create = gpdb.actions.CreateStreamingJob;
const base = { DBInstanceId: "gp-1", DataSourceId: "1", JobName: "j" };

describe("validateParams", () => {
  it("decodes each kind and ignores protocol parameters", () => {
    const out = validateParams(
      "CreateStreamingJob",
      create,
      { ...base, Action: "x", Signature: "y", SrcColumns: '["a","b"]', ErrorLimitCount: "5", TryRun: "true", WriteMode: "merge" },
      { strict: true },
    );
    expect(out).toEqual({ ...base, SrcColumns: ["a", "b"], ErrorLimitCount: 5, TryRun: true, WriteMode: "merge" });
  });

  it("keeps enum values in the case given", () => {
    expect(validateParams("CreateStreamingJob", create, { ...base, FallbackOffset: "Latest" }, { strict: true }).FallbackOffset).toBe("Latest");
  });

  it.each([
    [
      "an unknown parameter in strict mode",
      { ...base, ClientToken: "t" },
      "InvalidParameter",
      'The parameter "ClientToken" is not defined for CreateStreamingJob',
    ],
    ["a missing required parameter", { DBInstanceId: "gp-1", DataSourceId: "1" }, "MissingJobName", "JobName is mandatory for this action."],
    ["an empty required parameter", { ...base, JobName: "" }, "MissingJobName", "JobName is mandatory for this action."],
    ["a non-integer", { ...base, ErrorLimitCount: "5.5" }, "InvalidParameter", 'The parameter "ErrorLimitCount" is invalid: "5.5" is not an integer.'],
    ["a non-boolean", { ...base, TryRun: "yes" }, "InvalidParameter", 'The parameter "TryRun" is invalid: "yes" is not a boolean'],
    [
      "a list that is not JSON",
      { ...base, SrcColumns: "a,b" },
      "InvalidParameter",
      'The parameter "SrcColumns" is invalid: "a,b" is not a JSON array of strings.',
    ],
    [
      "a value outside the enum",
      { ...base, WriteMode: "UPSERT" },
      "InvalidParameter",
      'The parameter "WriteMode" is invalid: "UPSERT" is not one of INSERT, UPDATE, MERGE (case-insensitive).',
    ],
  ])("rejects %s", (_name, raw, code, message) => {
    const f = failure(() => validateParams("CreateStreamingJob", create, raw, { strict: true }));
    expect(f.status).toBe(400);
    expect(f.code).toBe(code);
    expect(f.message).toContain(message);
  });

  it("drops unknown parameters in loose mode", () => {
    expect(validateParams("CreateStreamingJob", create, { ...base, ClientToken: "t" }, { strict: false })).toEqual(base);
  });

  it("rejects a page size outside 30/50/100", () => {
    const f = failure(() => validateParams("ListStreamingJobs", gpdb.actions.ListStreamingJobs, { DBInstanceId: "gp-1", PageSize: "20" }, { strict: true }));
    expect(f.message).toContain("is not one of 30, 50, 100");
  });

  it("never echoes a secret value in a rejection", () => {
    const row = { params: { Password: { type: "integer", secret: true } }, response: create.response, notFoundCodes: [], mutating: false } as const;
    const f = failure(() => validateParams("X", row, { Password: "hunter2" }, { strict: true }));
    expect(f.message).not.toContain("hunter2");
    expect(f.message).toBe('The parameter "Password" is invalid: the value is not an integer.');
  });

  it("derives the secret names from the table", () => {
    expect([...secretParamNames([gpdb])].sort()).toEqual(["JobConfig", "Password"]);
  });
});
