// The ratio sections of `npm run bench`, each run through the real Pulumi CLI against the emulator:
// no-change preview and up against the engine floor, creating jobs against the emulator's per-action
// quota, checkpoint size and the provider's cold start. Each returns plain figures; the arithmetic
// lives in stats.mjs, the verdicts in report.mjs.
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { startLatencyProxy } from "./latency-proxy.mjs";
import { checkpoint, timed } from "./stacks.mjs";
import { apiSpanMs, callsByAction, callsPerSecond, isThrottled, median, pairedRatio, quotaBound, round, shareOf, summarize } from "./stats.mjs";

const quietly = { onOutput: () => {}, onError: () => {} };

/** Times `op` on both stacks back to back, `reps` times interleaved; counts the API calls made meanwhile. */
async function interleaved(reps, ours, floor, op, server) {
  const mark = server.requests().at(-1)?.seq ?? 0;
  const o = [];
  const f = [];
  for (let i = 0; i < reps; i++) {
    o.push((await timed(() => op(ours))).seconds);
    f.push((await timed(() => op(floor))).seconds);
  }
  return { streamjobs: summarize(o), floor: summarize(f), ratio: pairedRatio(o, f), apiCalls: server.requests(mark).length };
}

/**
 * No-change preview and up at each size, ours against the floor. The stacks are brought up first
 * against a fast emulator (no quota, no settle, a high client-side rate): only the no-change runs
 * are measured, and they must make no API call.
 * @returns {Promise<{ figures: Record<string, object>, stacks: Record<string, { streamjobs: object, floor: object }>, setupSeconds: number }>}
 */
export async function noChange(ws, emu, { sizes, reps, log }) {
  const server = await emu.startEmulator({ settleMs: 0, log: () => {} });
  ws.pointAt(server.url, 1000);
  const stacks = {};
  const setup = performance.now();
  for (const size of sizes) {
    log(`no-change: bringing up ${size} jobs and the floor's ${size}`);
    stacks[size] = { streamjobs: await ws.stack("streamjobs", `nochange-${size}`, size), floor: await ws.stack("floor", `floor-${size}`, size) };
    // Each create waits for its job to run: a wide --parallel keeps the setup short.
    await stacks[size].streamjobs.up({ ...quietly, parallel: 256 });
    await stacks[size].floor.up({ ...quietly, parallel: 256 });
  }
  const setupSeconds = (performance.now() - setup) / 1000;
  const figures = {};
  for (const size of sizes) {
    const { streamjobs, floor } = stacks[size];
    log(`no-change: ${reps} interleaved previews and ups at ${size} jobs`);
    figures[size] = {
      preview: await interleaved(reps, streamjobs, floor, (s) => s.preview({ ...quietly, expectNoChanges: true }), server),
      up: await interleaved(reps, streamjobs, floor, (s) => s.up({ ...quietly, expectNoChanges: true }), server),
    };
  }
  await server.close();
  return { figures, stacks, setupSeconds: round(setupSeconds, 1) };
}

/** The `--parallel` the CLI uses when none is given, from its help (it depends on the machine's cores). */
export function defaultParallel(binDir) {
  const help = spawnSync(`${binDir}/pulumi`, ["up", "--help"], { encoding: "utf8" }).stdout ?? "";
  const m = /--parallel\b.*\(default (\d+)\)/.exec(help);
  return m === null ? undefined : Number(m[1]);
}

/**
 * One `pulumi up` creating `jobs` jobs (and their service and source) on a fresh emulator with a
 * per-action quota of `rps` and `latencyMs` added to every call, at `settleMs` and `parallel`
 * ("default": the CLI's). The provider runs with its default settings.
 */
export async function createRun(ws, emu, { jobs, settleMs, parallel, rps, latencyMs, parallelEffective, rep = 1 }) {
  const server = await emu.startEmulator({ settleMs, quotas: { default: { ratePerSecond: rps } }, log: () => {} });
  const proxy = await startLatencyProxy({ target: server.url, delayMs: latencyMs });
  ws.pointAt(proxy.url, undefined);
  // A stack of its own per repetition: each creates its jobs from empty state on a fresh emulator.
  const stack = await ws.stack("streamjobs", `create-${jobs}-${settleMs}ms-p${parallel}-r${rep}`, jobs);
  const started = Date.now();
  const { seconds, result } = await timed(() =>
    stack.up({ ...quietly, ...(parallel !== "default" && { parallel }) }).then(
      (up) => ({ ok: up.summary.result === "succeeded", error: undefined }),
      (err) => ({ ok: false, error: String(err?.message ?? err).slice(0, 2000) }),
    ),
  );
  const log = server.requests();
  const throttledByQuota = Object.values(server.quotas().throttled).reduce((a, b) => a + b, 0);
  await proxy.close();
  await server.close();
  const bound = quotaBound(log, rps);
  return {
    jobs,
    settleMs,
    parallel,
    parallelEffective: parallel === "default" ? parallelEffective : parallel,
    ok: result.ok,
    ...(result.error !== undefined && { error: result.error }),
    wallSeconds: round(seconds, 2),
    apiSpanSeconds: round(apiSpanMs(log) / 1000, 2),
    calls: log.length,
    bound: { ...bound, seconds: round(bound.seconds, 2), busiest: { ...bound.busiest, seconds: round(bound.busiest.seconds, 2) } },
    ratio: round(seconds / bound.seconds),
    ratioApiSpan: round(apiSpanMs(log) / 1000 / bound.seconds),
    ratioBusiest: round(seconds / bound.busiest.seconds),
    throttled: Math.max(throttledByQuota, log.filter(isThrottled).length),
    callsPerJob: round(log.length / jobs),
    describeShare: round(shareOf(log, /^Describe/), 3),
    byAction: callsByAction(log),
    // Seconds since the `up` began, so the chart shows the engine's start before the first call.
    perSecond: callsPerSecond(log, started),
  };
}

/**
 * Bytes of the checkpoint (compact JSON of the export) per job, and of the serialized provider per
 * resource (the median over dynamic resources: a job's, since jobs are nearly all of them).
 */
export function checkpointFigures(deployment, jobs) {
  const text = JSON.stringify(deployment);
  const dynamic = (deployment.resources ?? []).filter((r) => typeof r.inputs?.__provider === "string");
  const providerLengths = dynamic.map((r) => r.inputs.__provider.length);
  const providerTotal = dynamic.reduce((n, r) => n + r.inputs.__provider.length + (r.outputs?.__provider?.length ?? 0), 0);
  return {
    jobs,
    bytes: Buffer.byteLength(text),
    bytesPerJob: round(Buffer.byteLength(text) / jobs, 1),
    providerBytesPerResource: providerLengths.length === 0 ? 0 : median(providerLengths),
    providerShare: round(providerTotal / text.length, 3),
  };
}

/** Checkpoint figures of our stack of `size` jobs beside the floor's. */
export async function checkpoints(stacks, size) {
  return { ...checkpointFigures(await checkpoint(stacks.streamjobs), size), floor: checkpointFigures(await checkpoint(stacks.floor), size) };
}

/** Milliseconds to require the provider in a fresh node process that has loaded @pulumi/pulumi first. */
function requireMs(root) {
  const script = `require("@pulumi/pulumi"); const t = performance.now(); require("pulumi-streamjobs/provider"); console.log(performance.now() - t);`;
  const out = spawnSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8" });
  if (out.status !== 0) throw new Error(`requiring the provider failed: ${out.stderr}`);
  return Number(out.stdout.trim());
}

/** The provider's cold start: require time (`reps` fresh processes) and a one-job preview against the floor's. */
export async function coldStart(ws, { root, reps }) {
  const requireTimes = summarize(
    Array.from({ length: reps + 2 }, () => requireMs(root)),
    1,
  );
  const ours = await ws.stack("streamjobs", "cold-1", 1);
  const floor = await ws.stack("floor", "cold-floor-1", 1);
  const o = [];
  const f = [];
  // Never brought up: each preview checks the job in a fresh provider process.
  for (let i = 0; i < reps; i++) {
    o.push((await timed(() => ours.preview(quietly))).seconds);
    f.push((await timed(() => floor.preview(quietly))).seconds);
  }
  return {
    requireMs: requireTimes,
    preview: { streamjobs: summarize(o), floor: summarize(f), differenceMs: round((median(o) - median(f)) * 1000, 0) },
  };
}
