/**
 * The SARIF log from recorded preview events: valid against the SARIF 2.1.0 schema, rules = the
 * pack's policies, results = every environment's violations with the level mapping, the program
 * file and declaration line, and the URN as a logical location.
 */
import { describe, expect, it } from "vitest";
import { SARIF_SCHEMA, declarationLine, renderSarif, sarifLevel } from "../../../cli/report-sarif";
import type { Review } from "../../../cli/review";
import { sarifSchemaErrors } from "../../helpers/sarif-schema";
import { LOOPS, PROGRAM, REVIEW, RULE, urn } from "./_review-fixture";

type Log = {
  $schema: string;
  version: string;
  runs: { tool: { driver: Record<string, unknown> }; results: Record<string, unknown>[]; invocations: unknown[] }[];
};
const log = (review: Review = REVIEW) => renderSarif(review, PROGRAM) as unknown as Log;

describe("renderSarif", () => {
  it("is valid SARIF 2.1.0 (and the validator does reject an invalid log)", () => {
    expect(sarifSchemaErrors(log())).toEqual([]);
    expect(sarifSchemaErrors({ ...log(), version: "2.0.0" })).not.toEqual([]);
    expect(sarifSchemaErrors({ version: "2.1.0", runs: [{ tool: { driver: {} } }] })).toContain("/runs/0/tool/driver must have required property 'name'");
    expect(log().$schema).toBe(SARIF_SCHEMA);
  });

  it("lists the pack's policies as the driver's rules", () => {
    const driver = log().runs[0]?.tool.driver;
    expect(driver).toMatchObject({ name: "streamjobs", version: "0.1.0", shortDescription: { text: "Guards for pulumi-streamjobs resources." } });
    expect(driver?.rules).toEqual([
      {
        id: RULE,
        shortDescription: { text: "A DwsTransferTask may tolerate only a bounded number of bad rows per load." },
        fullDescription: { text: "A DwsTransferTask may tolerate only a bounded number of bad rows per load." },
        help: { text: "A DwsTransferTask may tolerate only a bounded number of bad rows per load." },
        defaultConfiguration: { level: "warning" },
        properties: { tags: ["huaweicloud", "dis"], severity: "medium" },
      },
      {
        id: LOOPS,
        shortDescription: { text: "No replication loops" },
        fullDescription: { text: "EventRouterJobs may not copy a topic back to itself: messages in such a loop are copied without end." },
        help: { text: "Remove the topic from one of the jobs." },
        helpUri: "https://example.com/rules/loops",
        defaultConfiguration: { level: "error" },
        properties: { tags: [] },
      },
    ]);
  });

  it("reports each violation with its level, the program file and line, and the resource's URN", () => {
    const [dev, prodTask, prodLoop, ...rest] = log().runs[0]?.results ?? [];
    expect(rest).toEqual([]);
    expect(dev).toMatchObject({
      ruleId: RULE,
      ruleIndex: 0,
      level: "warning",
      message: { text: '[dev] DwsTransferTask "dump": options.rejectLimit is 5000, above the 1000 bad rows per load. Set rejectLimit to 1000 or less.' },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: "infra/index.ts", uriBaseId: "%SRCROOT%" }, region: { startLine: 3 } },
          logicalLocations: [{ fullyQualifiedName: urn("dev", "dump"), name: "dump", kind: "resource" }],
        },
      ],
      properties: { environment: "dev", stack: "acme/shop/dev", enforcementLevel: "advisory" },
    });
    expect(prodTask).toMatchObject({ ruleId: RULE, level: "error", properties: { environment: "prod" } });
    // A stack policy's violation names no resource: the program file alone, at line 1.
    expect(prodLoop).toMatchObject({ ruleId: LOOPS, ruleIndex: 1, level: "error" });
    expect(prodLoop?.locations).toEqual([
      { physicalLocation: { artifactLocation: { uri: "infra/index.ts", uriBaseId: "%SRCROOT%" }, region: { startLine: 1 } } },
    ]);
  });

  it("gives each rule, resource and environment a stable fingerprint of its own", () => {
    const prints = (l: Log) => l.runs[0]?.results.map((r) => (r.partialFingerprints as Record<string, string>)["streamjobsViolation/v1"]);
    expect(prints(log())).toEqual(prints(log()));
    expect(new Set(prints(log())).size).toBe(3);
  });

  it("marks the run unsuccessful when a preview failed", () => {
    const failed: Review = { ...REVIEW, environments: [{ ...(REVIEW.environments[0] as Review["environments"][0]), error: "boom" }] };
    expect(log(failed).runs[0]?.invocations).toEqual([{ executionSuccessful: false }]);
    expect(log().runs[0]?.invocations).toEqual([{ executionSuccessful: true }]);
  });
});

describe("the level and line mappings", () => {
  it("maps mandatory to error, advisory to warning, remediate to note", () => {
    expect([sarifLevel("mandatory"), sarifLevel("advisory"), sarifLevel("remediate"), sarifLevel("disabled")]).toEqual(["error", "warning", "note", "none"]);
  });

  it("finds the line declaring a resource by its quoted name, else line 1", () => {
    expect(declarationLine(PROGRAM, "dump")).toBe(3);
    expect(declarationLine("const a = 1;\nnew X('job', {});\n", "job")).toBe(2);
    expect(declarationLine(PROGRAM, "dum")).toBe(1);
    expect(declarationLine(PROGRAM, undefined)).toBe(1);
  });
});
