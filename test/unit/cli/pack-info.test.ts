/**
 * The pack's metadata from GetAnalyzerInfo's protobuf message: the enums by their proto numbers,
 * and unset strings ("" in protobuf) left out.
 */
import { describe, expect, it } from "vitest";
import { fromProto } from "../../../cli/pack-info";

const policy = (o: { name: string; level: number; severity: number; steps?: string; display?: string }) => ({
  getName: () => o.name,
  getDisplayname: () => o.display ?? "",
  getDescription: () => `${o.name} described`,
  getEnforcementlevel: () => o.level,
  getSeverity: () => o.severity,
  getRemediationSteps: () => o.steps ?? "",
  getUrl: () => "",
  getTagsList: () => ["t"],
});

describe("fromProto", () => {
  it("maps enforcement levels and severities, omitting unset fields", () => {
    const info = fromProto({
      getName: () => "streamjobs",
      getVersion: () => "0.1.0",
      getDescription: () => "",
      getPoliciesList: () => [
        policy({ name: "a", level: 0, severity: 0 }),
        policy({ name: "b", level: 1, severity: 4, steps: "fix it", display: "B" }),
        policy({ name: "c", level: 2, severity: 1 }),
        policy({ name: "d", level: 3, severity: 3 }),
      ],
    });
    expect(info).toEqual({
      name: "streamjobs",
      version: "0.1.0",
      policies: [
        { name: "a", description: "a described", enforcementLevel: "advisory", tags: ["t"] },
        {
          name: "b",
          displayName: "B",
          description: "b described",
          enforcementLevel: "mandatory",
          severity: "critical",
          remediationSteps: "fix it",
          tags: ["t"],
        },
        { name: "c", description: "c described", enforcementLevel: "disabled", severity: "low", tags: ["t"] },
        { name: "d", description: "d described", enforcementLevel: "remediate", severity: "high", tags: ["t"] },
      ],
    });
  });
});
