/**
 * `streamjobs promote` and `streamjobs status` end to end: the built command (dist/cli/index.js)
 * against the emulator through the real Pulumi CLI. The fixture is copied into a temporary git
 * repository (a promotion names a commit) with staging and prod stacks committed beside it;
 * staging is deployed with a plain update (Pulumi records the commit), then promoted to prod, and
 * refused: a job in Exception in staging (broken through the emulator's control route), a
 * mandatory policy violation in prod, a dirty tree, a revision staging never ran. No output and no
 * record holds the program's secrets.
 */
import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { LocalWorkspace, PulumiCommand, type Stack } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, DEMO_DB_ACCOUNT, DEMO_DB_INSTANCE_ID, DEMO_REGION_ID } from "../../emulator";
import { sha256 } from "../../cli/fingerprint";
import { type Harness, pulumiBinDir, startHarness } from "./harness";

const ROOT = join(__dirname, "..", "..");
const CLI = join(ROOT, "dist", "cli", "index.js");
const FIXTURE = join(__dirname, "fixtures", "promote");
const SECRETS = [DEMO_DB_ACCOUNT.password, DEMO_ACCESS_KEY_SECRET];

let h: Harness;
let env: NodeJS.ProcessEnv;
let repo: string;
let staging: Stack;
let prod: Stack;
/** Everything the command printed, and every record it wrote, for the secret check. */
const seen: string[] = [];

const git = (...args: string[]) =>
  execFileSync("git", ["-C", repo, "-c", "user.name=e2e", "-c", "user.email=e2e@example.com", ...args], { encoding: "utf8" }).trim();

/** The fixture in a fresh git repository outside this one, resolving the package through its node_modules. */
function makeRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), "streamjobs-promote-"));
  for (const f of ["Pulumi.yaml", "index.ts", "tsconfig.json"]) copyFileSync(join(FIXTURE, f), join(dir, f));
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  writeFileSync(join(dir, ".gitignore"), "node_modules\n");
  mkdirSync(join(dir, "stacks"));
  return dir;
}

async function newStack(name: string, config: Record<string, string>): Promise<Stack> {
  const pulumiCommand = await PulumiCommand.get({ root: dirname(await pulumiBinDir()) });
  const stack = await LocalWorkspace.createOrSelectStack({ stackName: name, workDir: repo }, { pulumiCommand, envVars: env as Record<string, string> });
  await stack.setAllConfig({
    "streamjobs:endpoint": { value: h.emulator.url },
    "alicloud:region": { value: DEMO_REGION_ID },
    "alicloud:accessKey": { value: DEMO_ACCESS_KEY_ID },
    "alicloud:secretKey": { value: DEMO_ACCESS_KEY_SECRET, secret: true },
    dbPassword: { value: DEMO_DB_ACCOUNT.password, secret: true },
    ...Object.fromEntries(Object.entries(config).map(([k, v]) => [k, { value: v }])),
  });
  return stack;
}

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args, "--cwd", repo], { cwd: repo, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      seen.push(stdout, stderr);
      resolve({ code, stdout, stderr });
    });
  });
}

const promote = (...extra: string[]) => runCli(["promote", "--from", "staging", "--to", "prod", "--wait", "60s", ...extra]);

async function control(method: string, body: unknown): Promise<void> {
  const res = await fetch(`${h.emulator.url}/__emulator/streaming-jobs/exception`, {
    method,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  h = await startHarness();
  const { stackEnv } = await import("../../scripts/lib/stack-env.mjs" as string);
  env = { ...process.env, ...stackEnv({ binDir: await pulumiBinDir(), stateDir: h.stateDir, passphrase: "e2e-passphrase" }) };
  repo = makeRepo();
  staging = await newStack("staging", { prefix: "st", serviceSpec: "4", errorLimitCount: "500" });
  prod = await newStack("prod", { prefix: "pr", serviceSpec: "8", errorLimitCount: "10" });
  git("init", "-q");
  git("add", ".");
  git("commit", "-q", "-m", "program and its stacks");
  // The first stage is a plain update: Pulumi records the commit it ran in the update's metadata.
  await staging.up();
});
afterAll(async () => h?.close());

describe("streamjobs promote", () => {
  it("promotes staging to prod when staging ran the revision healthy, after a dry run that changes nothing", async () => {
    const revision = git("rev-parse", "HEAD");
    const dry = await promote("--dry-run");
    expect(dry.stderr).toBe("");
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`Gate open: staging ran ${revision.slice(0, 12)}, 3 jobs healthy.`);
    expect(dry.stdout).toContain("Preview of prod (policy config");
    expect(dry.stdout).toContain("  create ingest (StreamingDataService)\n  create orders-topic (StreamingDataSource)\n  create orders (StreamingJob)\n");
    expect(dry.stdout).toContain("e2e-promote:errorLimitCount: 500 → 10");
    expect(dry.stdout).toContain("e2e-promote:dbPassword: secret, in both (value not shown)");
    expect(dry.stdout).toContain("Dry run: prod was not updated");
    expect(await prod.listTags()).not.toHaveProperty("streamjobs:revision");

    const { code, stdout, stderr } = await promote();
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("✓ orders (StreamingJob): Running");
    expect(stdout).toMatch(new RegExp(`Promoted ${revision.slice(0, 12)} from staging to prod at \\S+ \\(fingerprint [0-9a-f]{12}\\)\\.`));
    const tags = await prod.listTags();
    seen.push(JSON.stringify(tags));
    expect(tags).toMatchObject({ "streamjobs:revision": revision, "streamjobs:source": "staging" });
    expect(tags["streamjobs:fingerprint"]).toMatch(/^[0-9a-f]{64}$/);
    expect(Date.parse(tags["streamjobs:promoted-at"] ?? "")).toBeGreaterThan(Date.now() - 600_000);

    const status = await runCli(["status"]);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain("prod: healthy (3 jobs)");
    expect(status.stdout).toContain(`  revision ${revision}, promoted from staging at ${tags["streamjobs:promoted-at"]}`);
    expect(status.stdout).toContain("staging: healthy (3 jobs)");
    expect(status.stdout).toContain(`  last update ran revision ${revision} (not through a promotion)`);
    expect(status.stdout).not.toContain("changed since the promotion");
  });

  it("refuses while a job in staging is in Exception, naming it, and promotes once it is fixed", async () => {
    const jobId = String((await staging.outputs()).jobId?.value);
    const message = "Kafka consumer group orders-st lost its partitions";
    await control("POST", { dbInstanceId: DEMO_DB_INSTANCE_ID, jobId, message });
    const { code, stdout } = await promote();
    expect(code).toBe(1);
    expect(stdout).toContain("Refused: staging is not ready to promote to prod.");
    expect(stdout).toContain(`✗ orders: StreamingJob in staging is Exception, expected Running: ${message}`);
    expect(stdout).not.toContain("Preview of prod");
    const status = await runCli(["status", "--stack", "staging"]);
    expect(status.code).toBe(1);
    expect(status.stdout).toContain("staging: UNHEALTHY (1 of 3 jobs)");

    await control("DELETE", { dbInstanceId: DEMO_DB_INSTANCE_ID, jobId });
    const fixed = await promote();
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toContain("Promoted");
  });

  it("refuses a mandatory policy violation in prod, and a dirty tree unless allowed", async () => {
    await prod.setConfig("errorLimitCount", { value: "500" });
    const dirty = await promote();
    expect(dirty.code).toBe(1);
    expect(dirty.stdout).toContain("Refused: the working tree has uncommitted changes");
    expect(dirty.stdout).toContain("stacks/Pulumi.prod.yaml");

    const { code, stdout } = await promote("--allow-dirty");
    expect(code).toBe(1);
    expect(stdout).toContain("Gate open");
    expect(stdout).toContain("Refused: 1 mandatory policy violation(s) in prod.");
    expect(stdout).toMatch(/✗ orders: alicloud-gpdb-streamingjob-require-error-limit: .*500/);
    expect(stdout).not.toContain("Promoted");
    git("checkout", "--", "stacks/Pulumi.prod.yaml");
  });

  it("refuses a revision staging never ran", async () => {
    const before = git("rev-parse", "HEAD");
    git("commit", "-q", "--allow-empty", "-m", "a change staging has not run");
    const after = git("rev-parse", "HEAD");
    const { code, stdout } = await promote("--dry-run");
    expect(code).toBe(1);
    expect(stdout).toContain(
      `staging last ran revision ${before.slice(0, 12)}, not ${after.slice(0, 12)}: revision ${after.slice(0, 12)} was never deployed to staging`,
    );
    const status = await runCli(["status", "--stack", "prod"]);
    expect(status.stdout).toContain(`revision ${before}, promoted from staging`);
  });

  it("never prints or records a secret, nor its digest", () => {
    const all = seen.join("\n");
    expect(all.length).toBeGreaterThan(1000);
    for (const s of SECRETS) {
      expect(all).not.toContain(s);
      expect(all).not.toContain(sha256(JSON.stringify(s)));
      expect(all).not.toContain(sha256(s));
    }
  });
});
