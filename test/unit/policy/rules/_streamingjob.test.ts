/**
 * Reading a professional-mode jobConfig's settings, in each form a program gives it, and the
 * policy SDK's handling of secrets that decides why the pack has no inline-password rule.
 */
import * as sdkDeserialize from "@pulumi/policy/deserialize";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { describe, expect, it } from "vitest";
import { jobConfigSetting } from "../../../../policy/rules/_streamingjob";
import { professionalYaml } from "../../../fixtures/streaming-job";

/** The analyzer server's own deserialiser (marked internal, so untyped in the SDK's declarations). */
const { deserializeProperties } = sdkDeserialize as unknown as {
  deserializeProperties(struct: { toJavaScript(): Record<string, unknown> }, proxySecrets: boolean): Record<string, unknown>;
};

const ERROR_LIMIT = ["KAFKA", "INPUT", "ERROR_LIMIT"];
const CONSISTENCY = ["KAFKA", "COMMIT", "CONSISTENCY"];

describe("jobConfigSetting", () => {
  it("reads the seed page's YAML (block mappings, sequences and a password with a #)", () => {
    expect(jobConfigSetting(professionalYaml, ERROR_LIMIT)).toEqual({ state: "set", value: 10 });
    expect(jobConfigSetting(professionalYaml, CONSISTENCY)).toEqual({ state: "set", value: "ATLEAST" });
    expect(jobConfigSetting(professionalYaml, ["PASSWORD"])).toEqual({ state: "set", value: "Demo#Pass123" });
    expect(jobConfigSetting(professionalYaml, ["KAFKA", "PROPERTIES", "group.id"])).toEqual({ state: "set", value: "orders-etl" });
  });

  it("does not take a key of another section, a sequence item's key or a comment for the setting", () => {
    const yaml = [
      "KAFKA:",
      "  OUTPUT:",
      "    ERROR_LIMIT: 5",
      "  INPUT:",
      "    VALUE:",
      "      COLUMNS:",
      "      - ERROR_LIMIT: 7",
      "    # ERROR_LIMIT: 9",
      "",
    ].join("\n");
    expect(jobConfigSetting(yaml, ERROR_LIMIT)).toEqual({ state: "unset" });
    expect(jobConfigSetting(`${yaml}    ERROR_LIMIT: '3' # quoted\n`, ERROR_LIMIT)).toEqual({ state: "set", value: "3" });
  });

  it("reads the typed object and JSON text, whose keys are spelt differently", () => {
    expect(jobConfigSetting({ kafka: { input: { errorLimit: 4 } } }, ERROR_LIMIT)).toEqual({ state: "set", value: 4 });
    expect(jobConfigSetting({ kafka: { commit: {} } }, CONSISTENCY)).toEqual({ state: "unset" });
    expect(jobConfigSetting('{"KAFKA":{"COMMIT":{"CONSISTENCY":"EXACTLY"}}}', CONSISTENCY)).toEqual({ state: "set", value: "EXACTLY" });
    expect(jobConfigSetting(undefined, CONSISTENCY)).toEqual({ state: "unset" });
  });

  it("calls a setting in a form it does not follow unreadable instead of guessing", () => {
    expect(jobConfigSetting("KAFKA:\n  COMMIT: {CONSISTENCY: ATLEAST}\n", ["KAFKA", "COMMIT"])).toEqual({ state: "unreadable" });
    expect(jobConfigSetting("KAFKA:\n  INPUT:\n    ERROR_LIMIT: *limit\n", ERROR_LIMIT)).toEqual({ state: "unreadable" });
    expect(jobConfigSetting("{not json", ERROR_LIMIT)).toEqual({ state: "unreadable" });
  });
});

describe("secrets as the policy SDK hands them to a rule", () => {
  it("are unwrapped to their plain value, so a rule cannot tell a secret password from a literal", () => {
    // What the analyzer server does with a resource's properties before validateResource.
    const secret = { [specialSigKey]: specialSecretSig, value: professionalYaml };
    const props = deserializeProperties({ toJavaScript: () => ({ jobConfig: secret }) }, false);
    const literal = deserializeProperties({ toJavaScript: () => ({ jobConfig: professionalYaml }) }, false);
    expect(props).toEqual(literal);
    expect(props.jobConfig).toBe(professionalYaml);
  });
});
