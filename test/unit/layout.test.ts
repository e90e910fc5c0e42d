/**
 * Tests mirror the source: the tests of provider/x/y.ts live at test/<tier>/x/y.test.ts, those of
 * emulator/, sdk/, policy/ and scripts/ files under test/<tier>/emulator/... (and so on), so a
 * reader finds a module's tests at one predictable path per tier. This fails on a unit or contract
 * test file whose path names no source file.
 */
import { existsSync, readdirSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(__dirname, "../..");
const TIERS = ["test/unit", "test/contract"];
/** Top-level source folders a test path may start with; any other path is a provider/ module's. */
const ROOTS = new Set(["emulator", "sdk", "policy", "scripts"]);
const SOURCE_EXTENSIONS = [".ts", ".mjs"];

/** Test files that check a property across all modules, not one module (path from the repository root). */
const CROSS_CUTTING = new Set([
  // Every resource's optional inputs, over all field tables at once.
  "test/unit/optional-inputs.test.ts",
  // docs/fields.md against what the field tables generate.
  "test/unit/field-docs.test.ts",
  // Every comment and doc in the repository for links that resolve.
  "test/unit/docs-links.test.ts",
  // README.md's and policy/README.md's generated tables against every descriptor (docs, not one module).
  "test/unit/readme-replaces.test.ts",
  "test/unit/policy/readme.test.ts",
  // No check failure of any resource carries a secret (the runtime's check over every module).
  "test/unit/secret-messages.test.ts",
  // A checkpoint written by an earlier release, loaded through every resource's serialized provider.
  "test/contract/checkpoint.test.ts",
  // This file: the layout of the test tree itself.
  "test/unit/layout.test.ts",
]);

function testFilesUnder(dir: string): string[] {
  if (!existsSync(join(ROOT, dir))) return [];
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return testFilesUnder(rel);
    return e.name.endsWith(".test.ts") ? [rel] : [];
  });
}

/** The source file a test path mirrors: test/<tier>/a/b.test.ts → provider/a/b.ts, emulator/a.ts, ... */
function mirroredSource(testPath: string): string {
  const tier = TIERS.find((t) => testPath.startsWith(`${t}/`));
  if (tier === undefined) throw new Error(`${testPath} is not under ${TIERS.join(" or ")}`);
  const stem = testPath.slice(tier.length + 1, -".test.ts".length);
  const top = stem.split("/")[0] ?? "";
  return ROOTS.has(top) ? stem : `provider/${stem}`;
}

const sourceExists = (stem: string) => SOURCE_EXTENSIONS.some((ext) => existsSync(join(ROOT, `${stem}${ext}`)));

describe("the test tree mirrors the source", () => {
  it("maps a test path to the source it tests", () => {
    expect(mirroredSource("test/unit/engine/wait.test.ts")).toBe("provider/engine/wait");
    expect(mirroredSource("test/contract/emulator/services/huawei-eg.test.ts")).toBe("emulator/services/huawei-eg");
    expect(mirroredSource("test/unit/policy/rules/_eventrouter.test.ts")).toBe("policy/rules/_eventrouter");
  });

  it("rejects a test file named after no source file (the fix: move it to the mirrored path)", () => {
    const all = TIERS.flatMap(testFilesUnder);
    expect(all.length).toBeGreaterThan(20);
    const strays = all
      .filter((f) => !CROSS_CUTTING.has(f) && !sourceExists(mirroredSource(f)))
      .map((f) => `${f}: no ${mirroredSource(f)}.ts; move it to the path of the module it tests`);
    expect(strays).toEqual([]);
  });

  it("keeps the cross-cutting list to files that exist", () => {
    expect([...CROSS_CUTTING].filter((f) => !existsSync(join(ROOT, f)))).toEqual([]);
    expect(relative(ROOT, __filename).split("\\").join("/")).toBe("test/unit/layout.test.ts");
  });
});
