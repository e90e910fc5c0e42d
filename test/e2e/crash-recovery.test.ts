/**
 * Crash recovery through the real Pulumi CLI: `pulumi up` of N jobs is started as a child process
 * in its own process group and SIGKILLed while creates are in flight (jobs exist in the emulator
 * that the stack's state records only as pending creates). Then the README's recovery path, and
 * nothing else: `pulumi cancel` (the stack is locked) and `pulumi up`, both non-interactive. The
 * oracle is the emulator's own objects (its state control route), compared with the exported
 * stack state: every job the emulator holds is in state (0 orphans), one job per name (0
 * duplicates), every declared job is in state, and a following preview shows no changes.
 *
 * What Pulumi v3.259.0 does, measured with this file's crash (see README "Recovering from an
 * interrupted `pulumi up`"):
 * - the checkpoint written before each create holds it in `pending_operations` (type "creating",
 *   no id); the finished service and data source are in `resources`, the jobs are not;
 * - the local file backend leaves its lock file behind (`.pulumi/locks/<org>/<project>/<stack>/`,
 *   locking is on by default), and the next `up` refuses: "the stack is currently locked by 1
 *   lock(s) ... delete the lock file with `pulumi cancel`". `pulumi cancel --yes` removes it;
 * - a non-interactive `pulumi up --yes` warns "Attempting to deploy or update resources with N
 *   pending operations from previous deployment", lists each as "interrupted while creating",
 *   drops them, and calls create again for every job with the same inputs: without a takeover
 *   each already-made job fails on its name (gpdb InvalidJobName.Duplicate, EventGrid EG.00513001);
 * - `pulumi up --refresh --yes` refreshes only what state holds (a pending create has no id to
 *   read), prints no warning, and then creates every job again the same way;
 * - after that `up` succeeds, the interrupted creates are still listed in `pending_operations`
 *   (they are never resolved by `up`, with or without `--refresh`); they change nothing (a preview
 *   shows no changes) and `pulumi refresh --clear-pending-creates --yes` drops them;
 * - `pulumi refresh --clear-pending-creates --yes` run right after the crash drops the pending
 *   creates and leaves every job in the cloud outside state (the next `up` calls create for them
 *   again);
 * - Pulumi starts each plugin (language host, the dynamic provider) in its own process group, so
 *   a SIGKILL of the CLI's group does not reach them. The Node dynamic provider has no health
 *   check of its own and would go on working for the dead run, so the provider adds one
 *   (provider/engine/engine-watch.ts). This file kills only the CLI's group, as a user or a CI
 *   runner does, and requires the dynamic provider to be gone before it recovers. Pulumi's
 *   language host (pulumi-language-nodejs, v3.259.0) stays behind idle, reparented to init; it is
 *   not this package's to stop, so the file kills it after the check.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { LocalWorkspace, Stack } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

/** A whole-number setting from the environment, for a larger run by hand (e.g. 50 jobs, kill after 20). */
const setting = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a whole number of at least 1; got ${process.env[name]}`);
  return v;
};
/** Jobs declared per case: above the engine's default parallelism (8 on 2 cores), so some creates never start. */
const N = setting("STREAMJOBS_CRASH_JOBS", 12);
/** Kill once this many jobs exist in the emulator. */
const K = setting("STREAMJOBS_CRASH_KILL_AFTER", 4);
/** How long each poll of a created job is held: creates land fast, their waits stay in flight. */
const WAIT_LATENCY_MS = 3000;

interface EmulatorJob {
  readonly name: string;
  readonly id: string;
}

const CASES = [
  {
    type: "alicloud:StreamingJob",
    kind: "streaming-job",
    collection: "alibaba.gpdb.streamingJobs",
    waitAction: "DescribeStreamingJob",
    job: (r: { instanceId: string; id: number; fields: { JobName: string } }): EmulatorJob => ({ name: r.fields.JobName, id: `${r.instanceId}:${r.id}` }),
  },
  {
    type: "huaweicloud:EventRouterJob",
    kind: "event-router-job",
    collection: "huawei.eg.jobs",
    waitAction: "ShowEventRouterJob",
    job: (r: { jobId: string; name: string }): EmulatorJob => ({ name: r.name, id: r.jobId }),
  },
] as const;

/** A call to the emulator's control routes over HTTP, as any client outside the provider makes it. */
async function control(method: string, route: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${h.emulator.url}/__emulator/${route}`, {
    method,
    ...(body !== undefined && { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  });
  expect(res.ok, `${method} ${route}`).toBe(true);
  return (await res.json()) as Record<string, unknown>;
}

/** The jobs of one kind the emulator holds whose name starts with `prefix-`. */
async function emulatorJobs(c: (typeof CASES)[number], prefix: string): Promise<EmulatorJob[]> {
  const state = (await control("GET", "state")) as { collections: Record<string, Record<string, never>> };
  return Object.values(state.collections[c.collection] ?? {})
    .map((r) => c.job(r))
    .filter((j) => j.name.startsWith(`${prefix}-`));
}

/** Every process under `root` (from /proc), with its process group. */
function descendants(root: number): Array<{ pid: number; pgid: number }> {
  const procs = readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .flatMap((d) => {
      try {
        const stat = readFileSync(`/proc/${d}/stat`, "utf8");
        const [, ppid, pgid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        return [{ pid: Number(d), ppid: Number(ppid), pgid: Number(pgid) }];
      } catch {
        return []; // exited while we read
      }
    });
  const out: Array<{ pid: number; pgid: number }> = [];
  const todo = [root];
  for (let p = todo.pop(); p !== undefined; p = todo.pop()) {
    for (const c of procs.filter((q) => q.ppid === p)) {
      out.push(c);
      todo.push(c.pid);
    }
  }
  return out;
}

const files = (dir: string): string[] =>
  existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(join(dir, d.name)) : [join(dir, d.name)])) : [];

interface Deployment {
  resources: Array<{ type: string; id?: string; outputs?: Record<string, unknown> }>;
  pending_operations?: Array<{ type: string; resource: { urn: string; type: string } }>;
}

/** The stack's checkpoint as the file backend holds it (readable while the stack is locked). */
function checkpoint(stack: Stack): Deployment {
  const file = files(join(h.stateDir, "backend", ".pulumi", "stacks")).find((f) => f.endsWith(`/${stack.name}.json`));
  expect(file, "the stack's checkpoint file").toBeDefined();
  return JSON.parse(readFileSync(file as string, "utf8")).checkpoint.latest as Deployment;
}

/** Starts `pulumi up` detached (its own process group), kills it once K jobs exist, and reports what it left. */
async function upAndKill(c: (typeof CASES)[number], stack: Stack, prefix: string) {
  const ws = stack.workspace as LocalWorkspace;
  const started = Date.now();
  const child = spawn(ws.pulumiCommand.command, ["up", "--yes", "--non-interactive", "--skip-preview", "--stack", stack.name], {
    cwd: ws.workDir,
    env: { ...process.env, ...ws.envVars },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const out: string[] = [];
  child.stdout.on("data", (d) => void out.push(String(d)));
  child.stderr.on("data", (d) => void out.push(String(d)));
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) =>
    child.on("exit", (code) => {
      exitCode = code;
      resolve();
    }),
  );

  let before: EmulatorJob[] = [];
  const deadline = started + 150_000;
  while (Date.now() < deadline && exitCode === undefined) {
    before = await emulatorJobs(c, prefix);
    if (before.length >= K) break;
    await new Promise((r) => setTimeout(r, 100)); // poll interval, bounded by the deadline
  }
  expect(exitCode, `pulumi up ended before the kill:\n${out.join("")}`).toBeUndefined();
  expect(before.length, `jobs in the emulator when the deadline passed:\n${out.join("")}`).toBeGreaterThanOrEqual(K);
  const pid = child.pid as number;
  const spawned = descendants(pid);
  const plugins = spawned.filter((p) => p.pgid === p.pid);
  const killedAt = Date.now() - started;
  process.kill(-pid, "SIGKILL");
  await exited;
  // Only the CLI's group was killed; the plugins (their own groups) must go by themselves.
  const proc = (pid: number, file: string) => {
    try {
      return readFileSync(`/proc/${pid}/${file}`, "utf8");
    } catch {
      return ""; // exited
    }
  };
  const alive = () => spawned.filter((p) => !["", "Z"].includes(proc(p.pid, "stat").split(") ")[1]?.[0] ?? ""));
  const cmdline = (pid: number) => proc(pid, "cmdline").replace(/\0/g, " ");
  const gone = Date.now() + 30_000;
  while (alive().some((p) => cmdline(p.pid).includes("dynamic-provider")) && Date.now() < gone) await new Promise((r) => setTimeout(r, 200)); // bounded by `gone`
  const survivors = alive()
    .map((p) => `${p.pid}: ${cmdline(p.pid)}`)
    .filter((line) => line.includes("dynamic-provider"));
  for (const p of alive()) process.kill(p.pid, "SIGKILL"); // leave nothing behind, even when failing
  expect(survivors, "dynamic provider processes of the killed run still alive 30 s after the kill").toEqual([]);
  return { killedAt, createdBeforeKill: before.length, pluginGroups: plugins.length };
}

describe("crash recovery through the Pulumi CLI", () => {
  it.each(CASES)("recovers $type after a SIGKILL mid-create with cancel and up: 0 orphans, 0 duplicates", async (c) => {
    const prefix = c.kind === "streaming-job" ? "crsj" : "crer";
    const stack = await h.stack("crash-recovery", prefix, { kind: { value: c.kind }, count: { value: String(N) } });
    await control("POST", "faults", { action: c.waitAction, kind: "latency", persistent: true, latencyMs: WAIT_LATENCY_MS });

    const crash = await upAndKill(c, stack, prefix);
    await control("DELETE", "faults");

    // What the kill left: creates recorded as pending, jobs in the cloud that state does not hold,
    // and the backend's lock.
    const left = checkpoint(stack);
    const pending = (left.pending_operations ?? []).filter((p) => p.type === "creating" && p.resource.type.endsWith(c.type));
    const inCloud = await emulatorJobs(c, prefix);
    const heldBefore = new Set(left.resources.filter((r) => r.type.endsWith(c.type)).map((r) => r.id));
    const orphansBefore = inCloud.filter((j) => !heldBefore.has(j.id));
    expect(pending.length).toBeGreaterThan(0);
    expect(orphansBefore.length).toBeGreaterThan(0);
    const locks = files(join(h.stateDir, "backend", ".pulumi", "locks")).filter((f) => f.includes(`/${stack.name}/`) && f.endsWith(".json"));
    expect(locks).toHaveLength(1);

    // The documented recovery path: cancel (the stack is locked), then up. Non-interactive.
    const recoveryStarted = Date.now();
    await stack.cancel();
    const printed: string[] = [];
    const up = await stack.up({ onOutput: (s) => void printed.push(s) });
    expect(up.summary.result).toBe("succeeded");
    expect(printed.join("")).toMatch(/pending operations from previous deployment/);
    const recoverySeconds = (Date.now() - recoveryStarted) / 1000;

    // The emulator's objects against the stack's state.
    const after = (await stack.exportStack()).deployment as Deployment;
    const held = after.resources.filter((r) => r.type.endsWith(c.type));
    const heldIds = new Set(held.map((r) => r.id));
    const jobs = await emulatorJobs(c, prefix);
    const names = jobs.map((j) => j.name);
    const duplicates = names.filter((n, i) => names.indexOf(n) !== i);
    const orphans = jobs.filter((j) => !heldIds.has(j.id));
    expect(duplicates).toEqual([]);
    expect(orphans).toEqual([]);
    const declared = Array.from({ length: N }, (_, i) => `${prefix}-${i}`);
    expect([...names].sort()).toEqual([...declared].sort());
    expect(held).toHaveLength(N);
    expect(new Set(jobs.map((j) => j.id))).toEqual(heldIds);
    // The jobs made before the kill are the ones state now holds (taken over, not made again).
    for (const j of inCloud) expect(heldIds.has(j.id), `${j.name} (${j.id}), made before the kill`).toBe(true);
    await stack.preview({ expectNoChanges: true });

    // Pulumi keeps the interrupted creates in pending_operations even after that up succeeded (and
    // after `up --refresh`); only `refresh --clear-pending-creates` drops them. With every job in
    // state, clearing them loses nothing: still no orphan, still no change to make.
    const stale = ((await stack.exportStack()).deployment as Deployment).pending_operations ?? [];
    await stack.refresh({ clearPendingCreates: true });
    const tidied = (await stack.exportStack()).deployment as Deployment;
    expect(tidied.pending_operations ?? []).toEqual([]);
    const tidiedIds = new Set(tidied.resources.filter((r) => r.type.endsWith(c.type)).map((r) => r.id));
    expect(tidiedIds).toEqual(heldIds);
    expect((await emulatorJobs(c, prefix)).filter((j) => !tidiedIds.has(j.id))).toEqual([]);
    await stack.preview({ expectNoChanges: true });
    console.log(
      `${c.type}: killed at ${crash.killedAt} ms with ${crash.createdBeforeKill} jobs made (${inCloud.length} once the kill settled, ${pending.length} pending creates, ${orphansBefore.length} not in state, ${crash.pluginGroups} plugin process groups); recovery (cancel + up) ${recoverySeconds.toFixed(1)} s; after it: ${orphans.length} orphans, ${duplicates.length} duplicates, ${held.length}/${N} in state, ${stale.length} stale pending creates until refresh --clear-pending-creates`,
    );
  });
});
