/**
 * Tests mirror the source: the tests of provider/x/y.ts live at test/<tier>/x/y.test.ts, those of
 * emulator/, sdk/, policy/ and scripts/ files under test/<tier>/emulator/... (and so on), so a
 * reader finds a module's tests at one predictable path per tier. This fails on a unit or contract
 * test file whose path names no source file.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(__dirname, "../..");
const TIERS = ["test/unit", "test/contract"];
/** Top-level source folders a test path may start with; any other path is a provider/ module's. */
const ROOTS = new Set(["emulator", "sdk", "policy", "scripts", "cli"]);
const SOURCE_EXTENSIONS = [".ts", ".mjs"];

/** Test files that check a property across all modules, not one module (path from the repository root). */
const CROSS_CUTTING = new Set([
  // Every resource's optional inputs, over all field tables at once.
  "test/unit/optional-inputs.test.ts",
  // docs/fields.md against what the field tables generate.
  "test/unit/field-docs.test.ts",
  // Every comment and doc in the repository for links that resolve.
  "test/unit/docs-links.test.ts",
  // README's programs and every SDK class's @example, type-checked against the built package.
  "test/unit/doc-programs.test.ts",
  // The API reference (TypeDoc over the public modules, typedoc.json) builds without a warning.
  "test/unit/api-docs.test.ts",
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

/**
 * The emulator's services follow one naming rule (emulator/README.md, "Layout"):
 * `<cloud>-<service>.ts` and its `-validation`, `-records`, `-status` files, plus the areas the
 * README lists. Only a records file names a store collection; a status file throws no API error.
 */
describe("the emulator's services follow one naming rule", () => {
  const SERVICES = "emulator/services";
  const ROLES = new Set(["validation", "records", "status"]);
  /** Areas of big services, each listed in emulator/README.md's Layout section. */
  const AREAS: Readonly<Record<string, readonly string[]>> = {
    "alibaba-dataworks": ["files", "generator"],
    "huawei-dis": ["streams", "tasks"],
  };
  const NAME = /^(alibaba|huawei)-([a-z]+)(?:-([a-z]+))?\.ts$/;
  const files = readdirSync(join(ROOT, SERVICES)).filter((f) => f.endsWith(".ts"));

  function problem(file: string): string | undefined {
    const m = NAME.exec(file);
    if (m === null) return "is not <cloud>-<service>[-<role or area>].ts";
    const service = `${m[1]}-${m[2]}`;
    const suffix = m[3];
    if (!files.includes(`${service}.ts`)) return `has no service file ${service}.ts`;
    if (suffix === undefined || ROLES.has(suffix) || (AREAS[service] ?? []).includes(suffix)) return undefined;
    return `ends in "-${suffix}", neither a role (${[...ROLES].join(", ")}) nor an area of ${service} listed in AREAS and the README`;
  }

  it("names every file <cloud>-<service>.ts, -validation, -records, -status or a listed area", () => {
    expect(files.length).toBeGreaterThan(10);
    const wrong = files.flatMap((f) => {
      const p = problem(f);
      return p === undefined ? [] : [`${SERVICES}/${f} ${p}`];
    });
    expect(wrong).toEqual([]);
    expect(problem("huawei-eg-schema.ts")).toMatch(/neither a role/);
    expect(problem("huawei-xyz-records.ts")).toMatch(/no service file/);
  });

  it("lists every area in the README's Layout section, and every listed area exists", () => {
    const readme = readFileSync(join(ROOT, "emulator/README.md"), "utf8");
    const layout = readme.slice(readme.indexOf("## Layout"), readme.indexOf("\n## ", readme.indexOf("## Layout") + 1));
    const areas = Object.entries(AREAS).flatMap(([service, names]) => names.map((n) => `${service}-${n}`));
    expect(areas.filter((a) => !layout.includes(`\`${a}\``))).toEqual([]);
    expect(areas.filter((a) => !files.includes(`${a}.ts`))).toEqual([]);
  });

  it("keeps store collections in -records files and API errors out of -status files", () => {
    const COLLECTION = /["'`](?:alibaba|huawei)\.[a-z]+\.[A-Za-z]+["'`]/;
    const source = (f: string) => readFileSync(join(ROOT, SERVICES, f), "utf8");
    expect(files.filter((f) => !f.endsWith("-records.ts") && COLLECTION.test(source(f)))).toEqual([]);
    expect(files.filter((f) => f.endsWith("-status.ts") && /from "\.\.\/errors\//.test(source(f)))).toEqual([]);
    expect(files.filter((f) => f.endsWith("-records.ts") && COLLECTION.test(source(f))).length).toBeGreaterThanOrEqual(4);
  });
});
