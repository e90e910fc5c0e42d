// The bench's Pulumi plumbing: the real CLI through the Automation API on a local file backend in
// a temp dir (as the e2e harness and the demo run it), the two bench programs (programs/streamjobs
// and programs/floor, run from a snapshot of the built package), and timed engine operations. The provider reads its endpoint, keys and
// client-side rate from the environment given here, so one stack can be pointed at a new emulator
// (or proxy) between operations without touching its config.
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Copies the built package (dist/ and package.json) and the bench programs under
 * .streamjobs/bench/snapshot, the programs beside a node_modules holding that copy: the whole run
 * measures the code as built when it began, even if dist/ is rebuilt meanwhile. The programs and
 * the serialized provider (required from the program's folder) resolve `pulumi-streamjobs` there;
 * @pulumi/pulumi still resolves from the repository's node_modules.
 * @returns {{ streamjobs: string, floor: string }} the programs' folders
 */
export function snapshotPackage(root) {
  const dir = join(root, ".streamjobs", "bench", "snapshot");
  rmSync(dir, { recursive: true, force: true });
  const pkg = join(dir, "node_modules", "pulumi-streamjobs");
  mkdirSync(pkg, { recursive: true });
  cpSync(join(root, "dist"), join(pkg, "dist"), { recursive: true });
  cpSync(join(root, "package.json"), join(pkg, "package.json"));
  cpSync(join(here, "programs"), join(dir, "programs"), { recursive: true });
  return { streamjobs: join(dir, "programs", "streamjobs"), floor: join(dir, "programs", "floor") };
}

/**
 * @param {{ root: string, dist: (p: string) => string }} o
 * @returns {Promise<{ stack: Function, env: Record<string, string>, pointAt: Function, close: () => Promise<void>, binDir: string, version: string }>}
 */
export async function benchWorkspace(o) {
  const { ensurePulumiCli } = await import(join(o.root, "scripts", "lib", "pulumi-cli.mjs"));
  const { stackEnv } = await import(join(o.root, "scripts", "lib", "stack-env.mjs"));
  const { LocalWorkspace, PulumiCommand } = await import("@pulumi/pulumi/automation/index.js");
  const emu = await import(o.dist("emulator/index.js"));
  const programs = snapshotPackage(o.root);
  const { binDir, version } = await ensurePulumiCli({ log: () => {} });
  const stateDir = mkdtempSync(join(tmpdir(), "streamjobs-bench-"));
  const pulumiCommand = await PulumiCommand.get({ root: dirname(binDir) });
  // The environment of every workspace: pointAt() changes it before the next operation.
  const env = {
    ...stackEnv({ binDir, stateDir, passphrase: "bench-passphrase" }),
    ALIBABA_CLOUD_ACCESS_KEY_ID: emu.DEMO_ACCESS_KEY_ID,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: emu.DEMO_ACCESS_KEY_SECRET,
    ALIBABA_CLOUD_REGION_ID: emu.DEMO_REGION_ID,
  };
  const made = [];
  return {
    binDir,
    version,
    env,
    /** Points the provider at `url` with client-side rate `rps` (undefined: the provider's default). */
    pointAt(url, rps) {
      env.STREAMJOBS_ENDPOINT = url;
      if (rps === undefined) delete env.STREAMJOBS_MAX_REQUESTS_PER_SECOND;
      else env.STREAMJOBS_MAX_REQUESTS_PER_SECOND = String(rps);
      // Each workspace copies its envVars when made.
      for (const s of made) s.workspace.envVars = { ...env };
    },
    /** A new stack of `program` ("streamjobs" | "floor") declaring `count` jobs. */
    async stack(program, name, count) {
      const stack = await LocalWorkspace.createOrSelectStack({ stackName: name, workDir: programs[program] }, { pulumiCommand, envVars: env });
      await stack.setAllConfig({
        count: { value: String(count) },
        prefix: { value: name },
        dbPassword: { value: emu.DEMO_DB_ACCOUNT.password, secret: true },
      });
      made.push(stack);
      return stack;
    },
    /** Removes every stack made (their config files live under .streamjobs) and the backend. */
    async close() {
      for (const s of made) await s.workspace.removeStack(s.name, { force: true }).catch(() => {});
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** Runs `op` and returns its wall time in seconds with its result. */
export async function timed(op) {
  const t = performance.now();
  const result = await op();
  return { seconds: (performance.now() - t) / 1000, result };
}

/** The exported checkpoint of `stack` (its `deployment`). */
export async function checkpoint(stack) {
  return (await stack.exportStack()).deployment;
}
