/**
 * The review as GitHub-flavoured markdown, for `$GITHUB_STEP_SUMMARY` or a pull-request comment:
 * an overview row per environment, then per environment the plan's counts and a table of the
 * policy violations (rule, level, resource, message, what to change), or one line saying there
 * are none. "What to change" is the policy's remediation steps when the pack declares them, else
 * the last sentence of the violation's message (the streamjobs pack's messages end with the fix).
 */
import { relative, sep } from "node:path";
import type { PackInfo } from "./pack-info";
import { type EnvironmentResult, type PlanCounts, type Review, type Violation, hasMandatory, resourceOf } from "./review";

export function renderMarkdown(review: Review): string {
  const lines = [
    `## Policy review: ${review.project}`,
    "",
    `Policy pack \`${review.pack.name}@v${review.pack.version}\` on program \`${review.program}\`.`,
    "",
    ...overview(review.environments),
    "",
    ...review.environments.flatMap((e) => [...environmentSection(e, review), ""]),
    verdict(review),
  ];
  return `${lines.join("\n")}\n`;
}

function overview(envs: readonly EnvironmentResult[]): string[] {
  const rows = envs.map((e) =>
    row([e.environment, code(e.stack), ...countCells(e.counts), String(count(e, "mandatory")), String(count(e, "advisory") + count(e, "remediate"))]),
  );
  return [row(["Environment", "Stack", "Create", "Update", "Replace", "Delete", "Same", "Mandatory", "Other violations"]), row(Array(9).fill("---")), ...rows];
}

function environmentSection(e: EnvironmentResult, review: Review): string[] {
  const config = e.policyConfig === undefined ? "the pack's defaults (no policy config)" : `policy config ${code(repoPath(review.root, e.policyConfig))}`;
  const head = [`### ${e.environment}`, "", `Stack ${code(e.stack)}, ${config}. Plan: ${planLine(e.counts)}.`, ""];
  if (e.error !== undefined) return [...head, `❌ The preview failed:`, "", "```", e.error, "```"];
  if (e.violations.length === 0) return [...head, "✅ No policy violations."];
  return [...head, ...violationTable(e.violations, review.pack)];
}

function violationTable(violations: readonly Violation[], pack: PackInfo): string[] {
  const rows = violations.map((v) => {
    const { finding, fix } = splitFix(v.message, pack.policies.find((p) => p.name === v.policyName)?.remediationSteps);
    return row([code(v.policyName), levelBadge(v.level), resourceCell(v.resourceUrn), finding, fix]);
  });
  return [row(["Rule", "Level", "Resource", "Message", "What to change"]), row(Array(5).fill("---")), ...rows];
}

function verdict(review: Review): string {
  const mandatory = review.environments.reduce((n, e) => n + count(e, "mandatory"), 0);
  const failed = review.environments.filter((e) => e.error !== undefined).map((e) => e.environment);
  if (failed.length > 0) return `❌ The preview failed in ${failed.join(", ")}.`;
  if (hasMandatory(review)) return `❌ ${mandatory} mandatory violation${mandatory === 1 ? "" : "s"}: this change cannot be deployed as it is.`;
  return "✅ No mandatory violations.";
}

/** The message's finding and its fix: the remediation steps, else its last sentence (or clause after "; "). */
export function splitFix(message: string, remediationSteps?: string): { finding: string; fix: string } {
  if (remediationSteps) return { finding: message, fix: remediationSteps };
  const at = lastBoundary(message, /\.\s+(?=[A-Z])/g) ?? lastBoundary(message, /;\s+(?=[a-zA-Z])/g);
  if (at === undefined) return { finding: message, fix: "" };
  return { finding: `${message.slice(0, at.index).trimEnd()}.`, fix: capitalize(message.slice(at.end)) };
}

function lastBoundary(s: string, re: RegExp): { index: number; end: number } | undefined {
  let last: { index: number; end: number } | undefined;
  for (const m of s.matchAll(re)) last = { index: m.index, end: m.index + m[0].length };
  return last;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const LEVEL_BADGES = { mandatory: "🛑 mandatory", advisory: "⚠️ advisory", remediate: "🔧 remediate" } as const;
const levelBadge = (level: Violation["level"]) => LEVEL_BADGES[level];

function resourceCell(urn: string | undefined): string {
  if (urn === undefined) return "(the stack)";
  const { name, type } = resourceOf(urn);
  return `${code(name)} (${code(type)})`;
}

function planLine(c: PlanCounts): string {
  return `${c.create} to create, ${c.update} to update, ${c.replace} to replace, ${c.delete} to delete, ${c.same} unchanged`;
}

const countCells = (c: PlanCounts) => [c.create, c.update, c.replace, c.delete, c.same].map(String);
const count = (e: EnvironmentResult, level: Violation["level"]) => e.violations.filter((v) => v.level === level).length;
const repoPath = (root: string, p: string) => relative(root, p).split(sep).join("/");

/** A table row; a cell's pipes are escaped and its line breaks kept as `<br>`. */
function row(cells: readonly string[]): string {
  return `| ${cells.map((c) => c.replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>")).join(" | ")} |`;
}

/** Inline code, with a fence long enough for backticks inside. */
function code(s: string): string {
  const fence = s.includes("`") ? "``" : "`";
  return `${fence}${s}${fence}`;
}
