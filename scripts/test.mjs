#!/usr/bin/env node
// `npm test`: every tier (unit, contract, e2e against the real Pulumi CLI). Makes sure the CLI is
// there (building it from Go modules on first use), builds the package the provider process
// loads, typechecks everything (tests and the policy pack included), lints, runs vitest, and ends with one
// plain "N passed, N failed" line.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensurePulumiCli } from "./lib/pulumi-cli.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const log = (m) => process.stderr.write(`[test] ${m}\n`);

const cli = await ensurePulumiCli({ log });
log(`pulumi ${cli.version} (${cli.source}) from ${cli.binDir}`);

const run = (cmd, args, env = process.env) => spawnSync(cmd, args, { cwd: root, stdio: "inherit", env });
if (run("npm", ["run", "--silent", "build"]).status !== 0) process.exit(1);
// Tests, fixtures and the policy pack are not part of the build; a type error there fails here.
if (run("npm", ["run", "--silent", "typecheck"]).status !== 0) process.exit(1);
// One formatter and linter (Biome; biome.jsonc says why each rule that is off is off).
if (run("npm", ["run", "--silent", "lint"]).status !== 0) process.exit(1);

mkdirSync(join(root, ".streamjobs"), { recursive: true });
const report = join(root, ".streamjobs", "vitest-report.json");
const env = { ...process.env, STREAMJOBS_PULUMI_BIN: cli.binDir, PATH: `${cli.binDir}${delimiter}${process.env.PATH ?? ""}` };
const args = ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...process.argv.slice(2)];
const r = run("npx", args, env);

if (existsSync(report)) {
  const j = JSON.parse(readFileSync(report, "utf8"));
  const skipped = (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
  process.stdout.write(`\nvitest: ${j.numPassedTests} passed, ${j.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ""}\n`);
}
process.exit(r.status ?? 1);
