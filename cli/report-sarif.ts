/**
 * The review as a SARIF 2.1.0 log for code scanning: one run whose tool is the policy pack, its
 * rules the pack's policies, its results the violations of every environment. A result points at
 * the program's main file (relative to the repository, at the line declaring the resource when the
 * resource's name appears there as a string literal, else line 1) and names the resource's URN as
 * a logical location. Levels: mandatory → error, advisory → warning, remediate → note (the engine
 * rewrote the resource's inputs in the plan, so nothing is left to fail; the reviewer is told).
 */
import { createHash } from "node:crypto";
import type { EnforcementLevel, PolicyInfo } from "./pack-info";
import { type Review, type Violation, hasErrors, resourceOf } from "./review";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

type SarifLevel = "error" | "warning" | "note" | "none";

const LEVELS: Readonly<Record<EnforcementLevel, SarifLevel>> = { mandatory: "error", advisory: "warning", remediate: "note", disabled: "none" };

export const sarifLevel = (level: EnforcementLevel): SarifLevel => LEVELS[level];

/** The log as a plain JSON value; `programSource` is the program's text, to find declaration lines. */
export function renderSarif(review: Review, programSource = ""): Record<string, unknown> {
  const rules = review.pack.policies.map(ruleOf);
  const results = review.environments.flatMap((env) =>
    env.violations.map((v) => resultOf(v, { environment: env.environment, stack: env.stack }, review, programSource)),
  );
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: review.pack.name,
            fullName: `Pulumi policy pack ${review.pack.name}`,
            version: review.pack.version,
            ...(review.pack.description ? { shortDescription: { text: review.pack.description } } : {}),
            rules,
          },
        },
        invocations: [{ executionSuccessful: !hasErrors(review) }],
        results,
      },
    ],
  };
}

function ruleOf(p: PolicyInfo): Record<string, unknown> {
  return {
    id: p.name,
    shortDescription: { text: p.displayName ?? firstSentence(p.description) },
    fullDescription: { text: p.description },
    help: { text: p.remediationSteps ?? p.description },
    ...(p.url ? { helpUri: p.url } : {}),
    defaultConfiguration: p.enforcementLevel === "disabled" ? { enabled: false } : { level: sarifLevel(p.enforcementLevel) },
    properties: { tags: [...p.tags], ...(p.severity ? { severity: p.severity } : {}) },
  };
}

interface Where {
  readonly environment: string;
  readonly stack: string;
}

function resultOf(v: Violation, where: Where, review: Review, programSource: string): Record<string, unknown> {
  const ruleIndex = review.pack.policies.findIndex((p) => p.name === v.policyName);
  const resource = v.resourceUrn === undefined ? undefined : resourceOf(v.resourceUrn);
  const physicalLocation = {
    artifactLocation: { uri: review.program, uriBaseId: "%SRCROOT%" },
    region: { startLine: declarationLine(programSource, resource?.name) },
  };
  const logicalLocations = resource === undefined ? [] : [{ fullyQualifiedName: v.resourceUrn, name: resource.name, kind: "resource" }];
  return {
    ruleId: v.policyName,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: sarifLevel(v.level),
    message: { text: `[${where.environment}] ${v.message}` },
    locations: [{ physicalLocation, ...(logicalLocations.length > 0 ? { logicalLocations } : {}) }],
    partialFingerprints: { "streamjobsViolation/v1": fingerprint(where.environment, v) },
    properties: { environment: where.environment, stack: where.stack, enforcementLevel: v.level },
  };
}

/** The first line holding the resource's name as a string literal ("job", 'job' or `job`), else 1. */
export function declarationLine(source: string, name: string | undefined): number {
  if (!name) return 1;
  const quoted = ['"', "'", "`"].map((q) => `${q}${name}${q}`);
  const index = source.split("\n").findIndex((line) => quoted.some((q) => line.includes(q)));
  return index + 1 || 1;
}

/** Stable across runs for the same rule, resource and environment, so code scanning tracks one alert. */
function fingerprint(environment: string, v: Violation): string {
  return createHash("sha256")
    .update([environment, v.policyPackName, v.policyName, v.resourceUrn ?? ""].join("\n"))
    .digest("hex")
    .slice(0, 32);
}

function firstSentence(text: string): string {
  const m = /^.*?[.:](?=\s|$)/s.exec(text);
  return (m?.[0] ?? text).trim();
}
