/**
 * The tarball `npm pack` makes of the built package (contract tier: it needs `npm run build`): only
 * what runs for a user (the SDK, the provider runtime, the emulator, the CLI, the compiled policy
 * pack, README, LICENSE, CHANGELOG), and the policy pack ready to load from node_modules: JavaScript
 * with its `main`, PulumiPolicy.yaml, the config files, no tsconfig.json, and a package.json whose
 * version and dependency ranges are the package's. Also that the check names what is wrong.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = join(__dirname, "..", "..", "..");
const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));

type PackCheck = {
  packedFiles(root?: string): string[];
  packProblems(files: readonly string[], bin?: Record<string, string>): string[];
};
let check: PackCheck;
let files: string[];

beforeAll(async () => {
  check = (await import("../../../scripts/pack-check.mjs" as string)) as PackCheck;
  files = check.packedFiles();
}, 120_000);

describe("the package's tarball", () => {
  it("holds the SDK, the runtime, the emulator, the CLI, the compiled pack and the docs", () => {
    for (const f of [
      "package.json",
      "README.md",
      "LICENSE",
      "CHANGELOG.md",
      "dist/sdk/index.js",
      "dist/sdk/index.d.ts",
      "dist/provider/runtime.js",
      "dist/emulator/index.js",
      "dist/emulator/cli.js",
      "dist/cli/index.js",
      "dist/policy/index.js",
      "dist/policy/rules/index.js",
      "dist/policy/package.json",
      "dist/policy/PulumiPolicy.yaml",
      "dist/policy/README.md",
      "dist/policy/config/dev.json",
      "dist/policy/config/staging.json",
      "dist/policy/config/prod.json",
    ]) {
      expect(files, f).toContain(f);
    }
  });

  it("holds nothing that does not run: no tests, toolchain, CI, scripts, sources or source maps", () => {
    const outside = /^(test|toolchain|\.ci|\.github|scripts|examples|docs|policy|sdk|provider|emulator|cli|node_modules)\//;
    expect(files.filter((f) => outside.test(f))).toEqual([]);
    expect(files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toEqual([]);
    expect(files.filter((f) => f.endsWith(".map") || f.endsWith("tsconfig.json"))).toEqual([]);
    expect(files.filter((f) => !f.startsWith("dist/"))).toEqual(["CHANGELOG.md", "LICENSE", "README.md", "package.json"]);
  });

  it("ships the pack as JavaScript whose package.json carries the package's version and ranges", () => {
    const pack = JSON.parse(readFileSync(join(ROOT, "dist", "policy", "package.json"), "utf8"));
    expect(pack.main).toBe("index.js");
    expect(pack.version).toBe(manifest.version);
    expect(pack.dependencies).toEqual({
      "@pulumi/policy": manifest.dependencies["@pulumi/policy"],
      "@pulumi/pulumi": manifest.peerDependencies["@pulumi/pulumi"],
    });
    expect(readFileSync(join(ROOT, "dist", "policy", "PulumiPolicy.yaml"), "utf8")).toMatch(/^runtime: nodejs$/m);
  });

  it("passes its own check, which names each stray and missing file", () => {
    expect(check.packProblems(files, manifest.bin)).toEqual([]);
    const broken = [...files.filter((f) => f !== "LICENSE"), "test/unit/layout.test.ts", "dist/sdk/index.js.map"];
    expect(check.packProblems(broken, { streamjobs: "dist/cli/missing.js" })).toEqual([
      'test/unit/layout.test.ts: not part of what runs (package.json "files" leaves it out)',
      "test/unit/layout.test.ts: a TypeScript source; only the compiled .js and .d.ts ship",
      "dist/sdk/index.js.map: a source map of sources the tarball does not hold",
      "LICENSE: missing",
      "dist/cli/missing.js: missing (run `npm run build` first)",
    ]);
  });
});

describe("the package's manifest", () => {
  it("is publishable, builds nothing on install and takes the SDK as a peer", () => {
    expect(manifest.private).toBeUndefined();
    for (const s of ["preinstall", "install", "postinstall", "prepare"]) expect(manifest.scripts[s], s).toBeUndefined();
    expect(manifest.dependencies["@pulumi/pulumi"]).toBeUndefined();
    expect(manifest.peerDependencies["@pulumi/pulumi"]).toBe("^3.216.0");
    expect(manifest.devDependencies["@pulumi/pulumi"]).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.license).toBe("Apache-2.0");
  });
});
