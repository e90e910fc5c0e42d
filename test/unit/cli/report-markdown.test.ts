/**
 * The markdown summary from recorded preview events: the overview, each environment's plan and
 * violation table (pipes escaped, the fix split from the finding), the "no violations" line, a
 * failed preview, and the closing verdict.
 */
import { describe, expect, it } from "vitest";
import { renderMarkdown, splitFix } from "../../../cli/report-markdown";
import type { Review } from "../../../cli/review";
import { DEV_EVENTS, LOOPS, PACK, REVIEW, RULE, TYPE, resultOf } from "./_review-fixture";

describe("renderMarkdown", () => {
  it("renders the overview, each environment's plan and violations, and the verdict", () => {
    expect(renderMarkdown(REVIEW).split("\n")).toEqual([
      "## Policy review: shop",
      "",
      "Policy pack `streamjobs@v0.1.0` on program `infra/index.ts`.",
      "",
      "| Environment | Stack | Create | Update | Replace | Delete | Same | Mandatory | Other violations |",
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
      "| dev | `acme/shop/dev` | 1 | 0 | 0 | 0 | 1 | 0 | 1 |",
      "| prod | `acme/shop/prod` | 0 | 1 | 1 | 2 | 3 | 2 | 0 |",
      "",
      "### dev",
      "",
      "Stack `acme/shop/dev`, policy config `policy/config/dev.json`. Plan: 1 to create, 0 to update, 0 to replace, 0 to delete, 1 unchanged.",
      "",
      "| Rule | Level | Resource | Message | What to change |",
      "| --- | --- | --- | --- | --- |",
      `| \`${RULE}\` | ⚠️ advisory | \`dump\` (\`${TYPE}\`) | DwsTransferTask "dump": options.rejectLimit is 5000, above the 1000 bad rows per load. | Set rejectLimit to 1000 or less. |`,
      "",
      "### prod",
      "",
      "Stack `acme/shop/prod`, the pack's defaults (no policy config). Plan: 0 to create, 1 to update, 1 to replace, 2 to delete, 3 unchanged.",
      "",
      "| Rule | Level | Resource | Message | What to change |",
      "| --- | --- | --- | --- | --- |",
      `| \`${RULE}\` | 🛑 mandatory | \`dump\` (\`${TYPE}\`) | DwsTransferTask "dump": options.rejectLimit is 5000 \\| "unlimited". | Set rejectLimit to 100 or less. |`,
      `| \`${LOOPS}\` | 🛑 mandatory | (the stack) | EventRouterJobs "a" and "b" copy topic "orders" around a loop. | Remove the topic from one of the jobs. |`,
      "",
      "❌ 2 mandatory violations: this change cannot be deployed as it is.",
      "",
    ]);
  });

  it("says so in one line when an environment is clean, and passes", () => {
    const clean: Review = {
      ...REVIEW,
      environments: [
        resultOf(
          "staging",
          DEV_EVENTS.filter((e) => !e.policyEvent),
        ),
      ],
    };
    const md = renderMarkdown(clean);
    expect(md).toContain("### staging\n\nStack `acme/shop/staging`, the pack's defaults (no policy config). Plan: 1 to create");
    expect(md).toContain("\n✅ No policy violations.\n");
    expect(md.trimEnd().split("\n").pop()).toBe("✅ No mandatory violations.");
  });

  it("shows a preview that failed for another reason with the engine's error", () => {
    const failed: Review = {
      ...REVIEW,
      environments: [{ ...resultOf("dev", []), error: "error: Missing required configuration variable 'shop:dwsPassword'" }],
    };
    const md = renderMarkdown(failed);
    expect(md).toContain("❌ The preview failed:\n\n```\nerror: Missing required configuration variable 'shop:dwsPassword'\n```");
    expect(md.trimEnd().split("\n").pop()).toBe("❌ The preview failed in dev.");
  });
});

describe("splitFix", () => {
  it("takes the last sentence as the fix, else the clause after the last semicolon", () => {
    expect(splitFix("A is 3. B has 2 brokers. Set A to 2.")).toEqual({ finding: "A is 3. B has 2 brokers.", fix: "Set A to 2." });
    expect(splitFix("A is 3 but B has 2 brokers; set A to 2 or less.")).toEqual({ finding: "A is 3 but B has 2 brokers.", fix: "Set A to 2 or less." });
    expect(splitFix("Loop: x → y. Remove one job; create the reverse one later.")).toEqual({
      finding: "Loop: x → y.",
      fix: "Remove one job; create the reverse one later.",
    });
  });

  it("prefers the policy's remediation steps, and leaves a one-clause message whole", () => {
    expect(splitFix("A is 3. Set A to 2.", PACK.policies[1]?.remediationSteps)).toEqual({
      finding: "A is 3. Set A to 2.",
      fix: "Remove the topic from one of the jobs.",
    });
    expect(splitFix("version 1.2 is too old")).toEqual({ finding: "version 1.2 is too old", fix: "" });
  });
});
