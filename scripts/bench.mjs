#!/usr/bin/env node
// `npm run bench`: figures, not assertions, measured in one run on one machine. Ratios first (issue
// 14): no-change preview and up against the engine floor (the same stack of no-op dynamic
// resources), creating jobs against the emulator's per-action quota at a fast and a slow settle,
// calls per job, checkpoint bytes, the provider's cold start; then the micro figures (check, diff,
// single round trips). `--quick` runs smaller stacks; `--no-micro` skips the micro figures;
// `--only nochange,coldstart,create` runs just those ratio sections (the others are reported as not
// measured), for working on one of them.
// Writes .streamjobs/bench-results.json, bench-results.md and bench-calls.svg.
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, platform, release, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { micro } from "./bench/micro.mjs";
import { checkpoints, coldStart, createRun, defaultParallel, noChange } from "./bench/ratios.mjs";
import { combineRuns } from "./bench/stats.mjs";
import { DEFINITIONS, RECOMMENDED_PARALLEL, markdown, targetRows } from "./bench/report.mjs";
import { benchWorkspace } from "./bench/stacks.mjs";
import { callsChart } from "./bench/svg.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = (p) => join(root, "dist", p);
const SECTIONS = ["nochange", "coldstart", "create"];
const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    "no-micro": { type: "boolean", default: false },
    only: { type: "string", default: SECTIONS.join(",") },
  },
});
const quick = values.quick;
const only = new Set(values.only.split(",").map((s) => s.trim()));
for (const s of only) if (!SECTIONS.includes(s)) throw new Error(`--only: unknown section ${JSON.stringify(s)} (expected some of ${SECTIONS.join(", ")})`);

// The sizes and settings; --quick shrinks the stacks, never the settings.
const SIZES = quick ? [50, 200] : [200, 1000];
const CREATE_JOBS = quick ? 50 : 200;
const REPS = 3;
// Create runs take minutes each at 3 s settle: a quick run makes one of each.
const CREATE_REPS = quick ? 1 : REPS;
const QUOTA_RPS = 20;
const LATENCY_MS = 50;
const CREATE_CASES = [
  { settleMs: 200, parallel: "default" },
  { settleMs: 3000, parallel: "default" },
  { settleMs: 3000, parallel: RECOMMENDED_PARALLEL },
];

const started = performance.now();
const log = (line) => console.error(`[bench ${((performance.now() - started) / 1000).toFixed(0)} s] ${line}`);
const emu = await import(dist("emulator/index.js"));
const ws = await benchWorkspace({ root, dist });
const results = {
  when: new Date().toISOString(),
  node: process.version,
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? "?", memoryGB: Math.round(totalmem() / 2 ** 30), platform: `${platform()} ${release()}` },
  pulumi: ws.version,
  quick,
  sizes: SIZES,
  repetitions: REPS,
  quotaRps: QUOTA_RPS,
  latencyMs: LATENCY_MS,
  definitions: DEFINITIONS,
};
try {
  const parallelEffective = defaultParallel(ws.binDir);
  if (only.has("nochange")) {
    const nc = await noChange(ws, emu, { sizes: SIZES, reps: REPS, log });
    results.noChange = nc.figures;
    results.noChangeSetupSeconds = nc.setupSeconds;
    results.checkpoint = await checkpoints(nc.stacks[SIZES.at(-1)], SIZES.at(-1));
  }
  if (only.has("coldstart")) {
    log("cold start");
    results.coldStart = await coldStart(ws, { root, reps: REPS });
  }
  // Repetitions interleaved (every case once, then again), so a noisy minute hits them all alike.
  const runs = CREATE_CASES.map(() => []);
  for (let rep = 1; rep <= (only.has("create") ? CREATE_REPS : 0); rep++) {
    for (const [i, c] of CREATE_CASES.entries()) {
      log(`create ${CREATE_JOBS} jobs, ${c.settleMs} ms settle, --parallel ${c.parallel} (repetition ${rep} of ${CREATE_REPS})`);
      runs[i].push(await createRun(ws, emu, { jobs: CREATE_JOBS, rps: QUOTA_RPS, latencyMs: LATENCY_MS, parallelEffective, rep, ...c }));
    }
  }
  results.create = runs.filter((r) => r.length > 0).map(combineRuns);
} finally {
  await ws.close();
}
if (!values["no-micro"]) {
  log("micro figures");
  results.micro = await micro(dist);
}
results.durationSeconds = Math.round((performance.now() - started) / 1000);
results.targets = targetRows(results);

const out = join(root, ".streamjobs");
mkdirSync(out, { recursive: true });
const chart = callsChart(
  results.create.map((r) => ({
    bins: r.perSecond,
    title: `create ${r.jobs} jobs, ${r.settleMs} ms settle, --parallel ${r.parallel}: ${r.calls} calls in ${r.wallSeconds} s (${r.ratio}× the bound)`,
    quota: QUOTA_RPS,
    quotaLabel: `${QUOTA_RPS}/s: the bound's rate`,
  })),
);
writeFileSync(join(out, "bench-results.json"), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(join(out, "bench-results.md"), markdown(results));
writeFileSync(join(out, "bench-calls.svg"), chart);
console.log(markdown(results));
console.log(`the whole run took ${results.durationSeconds} s; written to .streamjobs/bench-results.json, bench-results.md and bench-calls.svg`);
