#!/usr/bin/env node
// What the published tarball must hold, and a check of it: `node scripts/pack-check.mjs` (run by
// `prepublishOnly`, after the build) lists the files `npm pack` would put in the tarball and fails
// on a file that does not run for a user (tests, toolchain, CI, TypeScript sources, source maps) or
// on a missing one (the SDK, the provider runtime, the emulator, the CLI, the compiled policy pack,
// README, LICENSE, CHANGELOG).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Top-level files and folders a tarball may hold; everything else is left out of it. */
const ALLOWED = ["package.json", "README.md", "LICENSE", "CHANGELOG.md", "dist/sdk/", "dist/provider/", "dist/emulator/", "dist/cli/", "dist/policy/"];

/** Files without which the package does not work as README describes. */
const REQUIRED = [
  "package.json",
  "README.md",
  "LICENSE",
  "CHANGELOG.md",
  "dist/sdk/index.js",
  "dist/sdk/index.d.ts",
  "dist/provider/runtime.js",
  "dist/emulator/index.js",
  "dist/emulator/cli.js",
  "dist/policy/index.js",
  "dist/policy/package.json",
  "dist/policy/PulumiPolicy.yaml",
  "dist/policy/config/dev.json",
  "dist/policy/config/staging.json",
  "dist/policy/config/prod.json",
];

/**
 * The paths (relative, `/`-separated) `npm pack` would put in the tarball of the package at `root`.
 * Scripts are not run: the check is of what the last build left in dist/.
 * @param {string} [root]
 * @returns {string[]}
 */
export function packedFiles(root = ROOT) {
  const r = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`npm pack --dry-run failed (${r.status}): ${r.stderr.trim()}`);
  const [report] = JSON.parse(r.stdout);
  return report.files.map((f) => f.path).sort();
}

/**
 * What is wrong with a tarball holding `files`: one line per stray or missing file (none when fine).
 * `bin` is the package's bin map: each command's script must be in the tarball too.
 * @param {readonly string[]} files
 * @param {Record<string, string>} [bin]
 * @returns {string[]}
 */
export function packProblems(files, bin = {}) {
  const have = new Set(files);
  const stray = files.filter((f) => !ALLOWED.some((a) => (a.endsWith("/") ? f.startsWith(a) : f === a)));
  const sources = files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"));
  const maps = files.filter((f) => f.endsWith(".map"));
  const required = [...REQUIRED, ...Object.values(bin).map((p) => p.replace(/^\.\//, ""))];
  return [
    ...stray.map((f) => `${f}: not part of what runs (package.json "files" leaves it out)`),
    ...sources.map((f) => `${f}: a TypeScript source; only the compiled .js and .d.ts ship`),
    ...maps.map((f) => `${f}: a source map of sources the tarball does not hold`),
    ...required.filter((f) => !have.has(f)).map((f) => `${f}: missing${f.startsWith("dist/") ? " (run `npm run build` first)" : ""}`),
  ];
}

function main() {
  const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  const files = packedFiles();
  const problems = packProblems(files, manifest.bin ?? {});
  for (const p of problems) console.error(p);
  if (problems.length > 0) process.exit(1);
  console.log(`${files.length} files in the tarball, all of them ones that run.`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
