/**
 * The package as a team gets it: the packed tarball installed into a fresh Pulumi project outside
 * the repository (with `@pulumi/pulumi` at a release in the peer range), a program there using the
 * SDK against the emulator, `pulumi up`, then `pulumi preview --policy-pack
 * node_modules/pulumi-streamjobs/dist/policy --policy-pack-config <the pack's prod.json>` on a
 * program breaking every rule, then `pulumi destroy`. Nothing of the repository is on the project's
 * resolution path: only what the tarball holds runs.
 *
 * It packs the current dist/ (`npm test` builds before the tiers run; run `npm run build` first
 * when running this file alone) and installs from the npm cache where it can (`--prefer-offline`).
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { CommandError, type Stack } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sarifSchemaErrors } from "../helpers/sarif-schema";
import { type Harness, pulumiBinDir, startHarness } from "./harness";

const ROOT = join(__dirname, "..", "..");
const FIXTURE = join(__dirname, "fixtures", "installed-package");
const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));

/** Runs a command to completion (bounded); throws with its output when it fails. */
function run(cmd: string, args: string[], cwd: string, timeoutMs: number): { stdout: string; output: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  const output = `${r.stdout ?? ""}${r.stderr ?? ""}`;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.status ?? r.signal}):\n${output}`);
  return { stdout: r.stdout, output };
}

/** Packs the built package into `dir` (no scripts: what the last build left in dist/); returns the tarball's path. */
function packInto(dir: string): string {
  for (const f of ["dist/sdk/index.js", "dist/policy/index.js"]) {
    if (!existsSync(join(ROOT, f))) throw new Error(`${f} is missing: run \`npm run build\` first`);
  }
  const { stdout } = run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], ROOT, 120_000);
  const [packed] = JSON.parse(stdout) as { filename: string }[];
  if (packed === undefined) throw new Error(`npm pack reported no tarball:\n${stdout}`);
  return join(dir, packed.filename);
}

/** A new project: the fixture program, a package.json, and the tarball installed with the SDK at our own release. */
function installProject(dir: string, tarball: string): string {
  cpSync(FIXTURE, dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), `${JSON.stringify({ name: "team-streams", version: "1.0.0", private: true }, null, 2)}\n`);
  const dev = manifest.devDependencies as Record<string, string>;
  const pkgs = [tarball, `@pulumi/pulumi@${dev["@pulumi/pulumi"]}`, `typescript@${dev.typescript}`, `@types/node@${dev["@types/node"]}`];
  return run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", ...pkgs], dir, 480_000).output;
}

// Each rule of the pack, with the resource of the violating program that breaks it.
const T = (cloud: string, type: string) => `pulumi-nodejs:dynamic/${cloud}:${type}`;
const EXPECTED: [rule: string, type: string, resource: string][] = [
  ["huaweicloud-eventgrid-eventrouterjob-limit-replicas-to-brokers", T("huaweicloud", "EventRouterJob"), "orders-dr"],
  ["huaweicloud-eventgrid-eventrouterjob-disallow-replication-loops", T("huaweicloud", "EventRouterJob"), "orders-(back|dr)"],
  ["huaweicloud-eventgrid-eventrouterjob-require-cross-region-compression", T("huaweicloud", "EventRouterJob"), "orders-dr"],
  ["huaweicloud-dis-dwstransfertask-limit-rejected-rows", T("huaweicloud", "DwsTransferTask"), "clicks-to-dws"],
  ["alicloud-dataworks-disynctask-require-error-limit", T("alicloud", "DISyncTask"), "orders-batch"],
  ["alicloud-gpdb-streamingjob-require-exactly-once", T("alicloud", "StreamingJob"), "orders"],
  ["alicloud-gpdb-streamingjob-require-error-limit", T("alicloud", "StreamingJob"), "orders"],
  ["alicloud-gpdb-streamingdataservice-limit-service-spec", T("alicloud", "StreamingDataService"), "ingest"],
  ["alicloud-gpdb-streamingdatasource-require-bootstrap-brokers", T("alicloud", "StreamingDataSource"), "orders-topic"],
  ["huaweicloud-dis-disstream-require-retention", T("huaweicloud", "DisStream"), "clicks"],
  ["huaweicloud-dis-disstream-limit-partitions", T("huaweicloud", "DisStream"), "clicks"],
];

let work: string;
let project: string;
let installLog: string;
let pack: string;
let prodConfig: string;
let h: Harness;
let stack: Stack;

beforeAll(async () => {
  work = realpathSync(mkdtempSync(join(tmpdir(), "streamjobs-installed-")));
  project = join(work, "project");
  installLog = installProject(project, packInto(work));
  pack = join(project, "node_modules", "pulumi-streamjobs", "dist", "policy");
  prodConfig = join(pack, "config", "prod.json");
  h = await startHarness();
  stack = await h.stack(project, "installed");
});

afterAll(async () => {
  await h?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Runs `op` collecting the engine's output; resolves to the output and the CommandError, if any. */
async function capture(op: (onOutput: (s: string) => void) => Promise<unknown>): Promise<{ output: string; error: unknown }> {
  const out: string[] = [];
  const error = await op((s) => void out.push(s)).then(
    () => undefined,
    (e: unknown) => e,
  );
  return { output: out.join("") + (error ? String(error) : ""), error };
}

describe("the package installed from its tarball into a project outside the repository", () => {
  it("installs without building or running an install script of its own, beside one copy of the SDK", () => {
    expect(relative(ROOT, project).startsWith("..")).toBe(true);
    expect(installLog).not.toMatch(/pulumi-streamjobs@\S+ \((preinstall|install|postinstall|prepare)/);
    expect(existsSync(join(project, "node_modules", "pulumi-streamjobs", "test"))).toBe(false);
    expect(existsSync(join(pack, "index.js"))).toBe(true);
    // The pack, the SDK and the program resolve the one @pulumi/pulumi the project installed.
    const fromProject = createRequire(join(project, "package.json")).resolve("@pulumi/pulumi");
    expect(createRequire(join(pack, "package.json")).resolve("@pulumi/pulumi")).toBe(fromProject);
    expect(createRequire(join(project, "node_modules", "pulumi-streamjobs", "package.json")).resolve("@pulumi/pulumi")).toBe(fromProject);
    expect(createRequire(join(pack, "package.json")).resolve("@pulumi/policy")).toContain(join(project, "node_modules"));
  });

  it("runs `pulumi up` of a compliant program with the installed pack and its prod config", async () => {
    const { output, error } = await capture((onOutput) => stack.up({ policyPacks: [pack], policyPackConfigs: [prodConfig], onOutput }));
    expect(error).toBeUndefined();
    expect(output).not.toMatch(/\[(mandatory|advisory)\]/);
    expect(output).toContain(`streamjobs@v${manifest.version} (local: `);
    const outputs = await stack.outputs();
    expect(outputs.streamId?.value).toEqual(expect.any(String));
    expect(outputs.serviceId?.value).toEqual(expect.any(Number));
  });

  it("fails a preview of a program breaking every rule, each rule naming its resource", async () => {
    await stack.setConfig("violate", { value: "true" });
    const { output, error } = await capture((onOutput) => stack.preview({ policyPacks: [pack], policyPackConfigs: [prodConfig], onOutput }));
    expect(error).toBeInstanceOf(CommandError);
    for (const [rule, type, resource] of EXPECTED) {
      expect(output, rule).toMatch(new RegExp(`\\[mandatory\\] \\[severity: \\w+\\]  ${rule}  \\(${type}: ${resource}\\)`));
    }
    expect(output).toContain(`streamjobs@v${manifest.version} (local: `);
  });

  it("reports the violations through the installed `streamjobs review`: markdown and a valid SARIF", async () => {
    // As README's "A report for reviewers" says: the package's command, its own compiled pack.
    const { stackEnv } = await import("../../scripts/lib/stack-env.mjs" as string);
    const env = { ...process.env, ...stackEnv({ binDir: await pulumiBinDir(), stateDir: h.stateDir, passphrase: "e2e-passphrase" }) };
    const md = join(work, "review.md");
    const sarifFile = join(work, "review.sarif");
    const bin = join(project, "node_modules", ".bin", "streamjobs");
    const args = ["review", "--stack", stack.name, "--policy-config", `${stack.name}=${prodConfig}`, "--markdown", md, "--sarif", sarifFile];
    const r = spawnSync(bin, args, { cwd: project, env, encoding: "utf8", timeout: 600_000, maxBuffer: 64 * 1024 * 1024 });
    expect(r.status, `${r.stdout}${r.stderr}`).toBe(1);
    const markdown = readFileSync(md, "utf8");
    for (const [rule] of EXPECTED) expect(markdown, rule).toContain(rule);
    const sarif = JSON.parse(readFileSync(sarifFile, "utf8")) as { runs: { results: { ruleId: string; level: string }[] }[] };
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    const results = sarif.runs[0]?.results ?? [];
    expect(new Set(results.map((x) => x.ruleId))).toEqual(new Set(EXPECTED.map(([rule]) => rule)));
    expect(results.every((x) => x.level === "error")).toBe(true);
  });

  it("destroys what `up` made", async () => {
    const { error } = await capture((onOutput) => stack.destroy({ onOutput }));
    expect(error).toBeUndefined();
    const left = ((await stack.exportStack()).deployment.resources ?? []) as { type: string }[];
    expect(left.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"))).toEqual([]);
  });
});
