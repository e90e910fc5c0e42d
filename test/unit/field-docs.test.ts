import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RESOURCES, renderFieldDocs } from "../../provider/field-docs";

describe("docs/fields.md", () => {
  it("says what the field tables do (run `npm run docs:fields` after changing one)", () => {
    expect(readFileSync(join(__dirname, "../../docs/fields.md"), "utf8")).toBe(renderFieldDocs());
  });

  it("documents every input of every resource", () => {
    const text = renderFieldDocs();
    for (const r of RESOURCES) for (const k of Object.keys(r.shape)) expect(text).toContain(`| \`${k}\` |`);
  });
});
