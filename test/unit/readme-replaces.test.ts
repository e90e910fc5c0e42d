/**
 * README.md's "what replaces what" (the "Exact diffs" bullet) is generated from the field tables
 * between its markers: these tests fail when the README and the tables disagree. Run `npm run
 * docs:fields` after changing a table or a note.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPLACES_BEGIN, REPLACES_END, RESOURCES, readmeWithReplaces, renderReplaces } from "../../provider/field-docs";

const README = readFileSync(join(__dirname, "../../README.md"), "utf8");

/** The README's lines between the markers. */
function readmeBlock(readme: string): string {
  const lines = readme.split("\n");
  const begin = lines.findIndex((l) => l.trim() === REPLACES_BEGIN);
  const end = lines.findIndex((l, i) => i > begin && l.trim() === REPLACES_END);
  expect(begin, "the begin marker").toBeGreaterThanOrEqual(0);
  expect(end, "the end marker after it").toBeGreaterThan(begin);
  return lines.slice(begin + 1, end).join("\n");
}

/** One resource's item of the rendered list, joined onto one line. */
function itemOf(block: string, title: string): string {
  const items = block.split(/\n {2}- /).map((item) => item.replace(/^ {2}- /, "").replace(/\n +/g, " "));
  const item = items.find((i) => i.startsWith(`\`${title}\`:`));
  expect(item, title).toBeDefined();
  return item ?? "";
}

describe("README.md's what replaces what", () => {
  it("is what the field tables say (run `npm run docs:fields` after changing one)", () => {
    expect(readmeBlock(README)).toBe(renderReplaces());
    expect(readmeWithReplaces(README)).toBe(README);
  });

  it("sits in the Exact diffs bullet, as its sub-items", () => {
    const diffs = README.indexOf("- **Exact diffs.**");
    expect(diffs).toBeGreaterThan(0);
    expect(README.indexOf(REPLACES_BEGIN)).toBeGreaterThan(diffs);
    expect(README.indexOf(REPLACES_BEGIN)).toBeLessThan(README.indexOf("- **Removing an input.**"));
    for (const line of readmeBlock(README).split("\n")) expect(line, "indented under the bullet").toMatch(/^ {2}/);
  });

  it("names, for every resource, each input that replaces it and each that updates in place, then its note", () => {
    const block = renderReplaces();
    for (const r of RESOURCES) {
      const item = itemOf(block, r.title);
      const [replacing = "", rest = ""] = item.split(/ replaces? it; /);
      const inPlace = rest.split(/ updates? in place/)[0] ?? "";
      for (const [k, spec] of Object.entries(r.fields)) {
        if (!(k in r.shape)) continue;
        expect(spec.replace ? replacing : inPlace, `${r.title}.${k}`).toContain(`\`${k}\``);
        expect(spec.replace ? inPlace : replacing, `${r.title}.${k}`).not.toContain(`\`${k}\``);
      }
      expect(item.replace(/\s+/g, " "), `${r.title}'s note`).toContain(r.replaceNote);
    }
  });

  it("leaves out the provider settings, which are never sent", () => {
    const block = renderReplaces();
    expect(block).not.toContain("`timeoutSeconds`");
    expect(block).not.toContain("`adopt`");
  });

  it("fails when a field table changes and the README does not", () => {
    const job = RESOURCES.find((r) => r.title === "alicloud.StreamingJob");
    expect(job).toBeDefined();
    const changed = RESOURCES.map((r) => (r === job ? { ...r, fields: { ...r.fields, jobDescription: { api: "JobDescription", replace: true } } } : r));
    const block = renderReplaces(changed);
    expect(block).not.toBe(readmeBlock(README));
    expect(itemOf(block, "alicloud.StreamingJob")).toContain("`jobName`, `mode` and `jobDescription` replace it");
  });

  it("rejects a README without the markers, saying where they go", () => {
    expect(() => readmeWithReplaces("# pulumi-streamjobs\n")).toThrow(
      "README.md has no <!-- generated: replaces --> … <!-- end generated --> block; put the markers where the list belongs",
    );
  });
});
