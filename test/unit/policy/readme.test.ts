/**
 * Both READMEs list the pack's rules in a table (README.md under "The policy pack in pull
 * requests", policy/README.md under "Rules"); a rule added to rules/index.ts and not to them would
 * go unmentioned, so each table must list exactly the pack's rules, in its order, each row saying
 * what its rule checks; and policy/README.md's introduction must name every resource a rule checks.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { policies } from "../../../policy/rules";

const ROOT = join(__dirname, "../../..");
const read = (path: string) => readFileSync(join(ROOT, path), "utf8");

/** The rows of the first table after `heading`: each row's cells, the backticks of the first stripped. */
function ruleRows(markdown: string, heading: string): string[][] {
  const start = markdown.indexOf(`\n${heading}\n`);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const lines = markdown.slice(start).split("\n");
  const first = lines.findIndex((l) => l.startsWith("|"));
  const table = lines.slice(
    first,
    lines.findIndex((l, i) => i > first && !l.startsWith("|")),
  );
  return table.slice(2).map((row) =>
    row
      .split("|")
      .slice(1, -1)
      .map((cell, i) => (i === 0 ? cell.trim().replace(/^`|`$/g, "") : cell.trim())),
  );
}

const kindOf = (p: (typeof policies)[number]) => ("validateStack" in p ? "stack" : "resource");

describe("the READMEs' lists of policy rules", () => {
  it("README.md lists every rule of the pack, by name", () => {
    expect(ruleRows(read("README.md"), "## The policy pack in pull requests").map((r) => r[0])).toEqual(policies.map((p) => p.name));
  });

  it("policy/README.md lists every rule with its kind, and gives each a section", () => {
    const readme = read("policy/README.md");
    expect(ruleRows(readme, "## Rules").map((r) => [r[0], r[1]])).toEqual(policies.map((p) => [p.name, kindOf(p)]));
    for (const p of policies) expect(readme, p.name).toContain(`\n### \`${p.name}\`\n`);
  });

  it("says in each row what the rule checks", () => {
    for (const [path, heading, column] of [
      ["README.md", "## The policy pack in pull requests", 1],
      ["policy/README.md", "## Rules", 2],
    ] as const) {
      for (const row of ruleRows(read(path), heading)) expect(row[column]?.length ?? 0, `${path}: ${row[0]}`).toBeGreaterThan(20);
    }
  });

  it("policy/README.md names, before its rules, every resource the rules check", () => {
    const intro = read("policy/README.md").split("\n## Rules\n")[0] ?? "";
    const resources = new Set(policies.flatMap((p) => p.appliesTo.map((type) => type.slice(type.lastIndexOf("/") + 1).replace(":", "."))));
    for (const resource of resources) expect(intro, resource).toContain(`\`${resource}\``);
  });

  it("fails on a table that leaves a rule out", () => {
    const readme = read("README.md").replace(/\n\| `alicloud-dataworks-disynctask-require-error-limit` \|[^\n]*/, "");
    expect(ruleRows(readme, "## The policy pack in pull requests").map((r) => r[0])).not.toEqual(policies.map((p) => p.name));
  });
});
