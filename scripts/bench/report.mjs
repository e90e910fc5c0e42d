// The bench's report, pure so its unit tests are exact: each measured ratio set against issue 14's
// target with pass or fail (reported, never asserted: the bench measures whatever the code does),
// and the markdown document of every figure (.streamjobs/bench-results.md).

/** The `--parallel` the README recommends for large stacks; the bench's higher setting. */
export const RECOMMENDED_PARALLEL = 128;

/** What each figure means, printed under the tables and written to the JSON. */
export const DEFINITIONS = {
  floorRatio:
    "our time ÷ the engine floor's (the same stack shape of no-op dynamic resources), each repetition run back to back and interleaved (ours, floor, ours, ...); the median of the per-repetition ratios, with their min",
  quotaBound: "API calls the run made (from the emulator's request log) ÷ the 20 requests/s quota: the issue's bound, as if one quota covered every call",
  quotaRatio: "wall time of the whole `pulumi up` (engine start included) ÷ the quota bound; the targets use this one",
  apiSpanRatio: "the time from the run's first API call to its last ÷ the quota bound (the engine's start and finish left out)",
  busiestBound: "the per-API bound: the busiest action's calls ÷ 20 requests/s (the emulator enforces 20/s per action)",
  throttled: "calls the emulator's quota refused (throttling answers); a run passes only with 0 and every resource created",
  callsPerJob: "every API call of the create run ÷ jobs created (the service's and source's few calls included)",
  checkpointBytesPerJob: "bytes of `pulumi stack export` (JSON) ÷ jobs in the stack",
  providerBytes: "length of a StreamingJob's serialized provider (the `__provider` input) in the checkpoint; stored again in its outputs",
  coldStart:
    "require(`pulumi-streamjobs/provider`) in a fresh node process that has loaded @pulumi/pulumi (as the dynamic provider host has); also a one-job preview minus the floor's",
};

const fmt = (v, digits = 2) => (typeof v === "number" ? v.toFixed(digits) : String(v));

/** One target: a figure, its measured value, the bound and the verdict (undefined value: not measured). */
function row(figure, value, target, pass, digits = 2) {
  return { figure, value: value === undefined ? "not measured" : fmt(value, digits), target, result: value === undefined ? "—" : pass ? "pass" : "fail" };
}

const createRun = (results, settleMs, parallel) => results.create?.find((r) => r.settleMs === settleMs && r.parallel === parallel);

/**
 * The issue's targets ("Done when") against the results.
 * @returns {Array<{ figure: string, value: string, target: string, result: string }>}
 */
export function targetRows(results) {
  const fast = createRun(results, 200, "default");
  const slow = createRun(results, 3000, RECOMMENDED_PARALLEL);
  // The issue's targets are at 200 jobs; a quick run says how many it created.
  const jobs = (r) => (r === undefined || r.jobs === 200 ? "200 jobs" : `${r.jobs} jobs (quick mode; the target is at 200)`);
  const rows = [
    row(`create ${jobs(fast)}, 200 ms settle, default settings: × quota bound`, fast?.ratio, "≤ 1.15", fast?.ratio <= 1.15),
    row(
      `create ${jobs(fast)}, 200 ms settle, default settings: throttling answers`,
      fast?.throttled,
      "0 (and every job created)",
      fast?.throttled === 0 && fast?.ok,
      0,
    ),
    row(`create ${jobs(slow)}, 3 s settle, --parallel ${RECOMMENDED_PARALLEL}: × quota bound`, slow?.ratio, "≤ 1.3", slow?.ratio <= 1.3),
  ];
  for (const r of results.create ?? []) {
    rows.push(row(`calls per created job (${r.settleMs} ms settle, --parallel ${r.parallel})`, r.callsPerJob, "≤ 2.5", r.callsPerJob <= 2.5));
  }
  const sizes = Object.keys(results.noChange ?? {}).map(Number);
  const largest = sizes.length === 0 ? undefined : Math.max(...sizes);
  const preview = largest === undefined ? undefined : results.noChange[largest].preview.ratio.median;
  const at = largest === undefined || largest === 1000 ? "1,000 jobs" : `${largest} jobs (quick mode; the target is at 1,000)`;
  rows.push(row(`no-change preview at ${at}: × floor`, preview, "≤ 1.1", preview <= 1.1));
  const bytes = results.checkpoint?.providerBytesPerResource;
  rows.push(row("serialized provider, bytes per resource", bytes, "≤ 800", bytes <= 800, 0));
  return rows;
}

/** A markdown table of `rows` (objects) under `columns` ([key, heading] pairs). */
export function table(columns, rows) {
  const line = (cells) => `| ${cells.join(" | ")} |`;
  return [line(columns.map(([, h]) => h)), line(columns.map(() => "---")), ...rows.map((r) => line(columns.map(([k]) => String(r[k] ?? ""))))].join("\n");
}

const seconds = (s) => `${fmt(s.min)} / ${fmt(s.median)}`;

function noChangeRows(results) {
  return Object.entries(results.noChange ?? {}).flatMap(([size, ops]) =>
    Object.entries(ops).map(([op, m]) => ({
      what: `no-change ${op}, ${size} jobs`,
      ours: seconds(m.streamjobs),
      floor: seconds(m.floor),
      ratio: `${fmt(m.ratio.median)} (min ${fmt(m.ratio.min)})`,
      calls: m.apiCalls,
    })),
  );
}

function createRows(results) {
  return (results.create ?? []).map((r) => ({
    what: `create ${r.jobs}, ${r.settleMs} ms settle, --parallel ${r.parallel}${r.parallel === "default" ? ` (${r.parallelEffective})` : ""}`,
    wall: fmt(r.wallSeconds, 1),
    calls: r.calls,
    bound: fmt(r.bound.seconds, 1),
    ratio: r.repetitions === undefined || r.repetitions.count < 2 ? fmt(r.ratio) : `${fmt(r.ratio)} (min ${fmt(r.repetitions.ratio.min)})`,
    span: fmt(r.ratioApiSpan),
    busiest: `${fmt(r.ratioBusiest)} (${r.bound.busiest.action})`,
    perJob: fmt(r.callsPerJob),
    describe: `${Math.round(r.describeShare * 100)} %`,
    throttled: r.throttled,
    ok: r.ok ? "yes" : "no",
  }));
}

/** The whole markdown report. */
export function markdown(results) {
  const m = results.machine ?? {};
  const parts = [
    "# `npm run bench`",
    "",
    `${results.when} · ${m.cpus ?? "?"} × ${m.cpuModel ?? "?"}, ${m.memoryGB ?? "?"} GB, ${m.platform ?? "?"} · node ${results.node} · pulumi ${results.pulumi ?? "?"} · ${results.quick ? "quick mode" : "full run"} in ${fmt(results.durationSeconds ?? 0, 0)} s`,
    "",
    "## Targets (issue 14)",
    "",
    table(
      [
        ["figure", "figure"],
        ["value", "measured"],
        ["target", "target"],
        ["result", "result"],
      ],
      targetRows(results),
    ),
    "",
    "## Against the engine floor (seconds: min / median)",
    "",
    table(
      [
        ["what", "run"],
        ["ours", "streamjobs"],
        ["floor", "floor"],
        ["ratio", "× floor"],
        ["calls", "API calls"],
      ],
      noChangeRows(results),
    ),
    "",
    `## Creating jobs against a ${results.quotaRps ?? 20} requests/s per-action quota (${results.latencyMs ?? 0} ms added to every call)`,
    "",
    table(
      [
        ["what", "run"],
        ["wall", "wall s"],
        ["calls", "API calls"],
        ["bound", "bound s"],
        ["ratio", "× bound"],
        ["span", "first→last call × bound"],
        ["busiest", "× per-API bound"],
        ["perJob", "calls/job"],
        ["describe", "Describe share"],
        ["throttled", "throttled"],
        ["ok", "all created"],
      ],
      createRows(results),
    ),
    "",
  ];
  const c = results.checkpoint;
  if (c !== undefined) {
    parts.push(
      "## Checkpoint",
      "",
      `${c.jobs} jobs: ${c.bytes} bytes, ${fmt(c.bytesPerJob, 0)} per job; the serialized provider ${c.providerBytesPerResource} bytes per resource (${Math.round(c.providerShare * 100)} % of the checkpoint, inputs and outputs). Floor: ${fmt(c.floor.bytesPerJob, 0)} bytes per job, provider ${c.floor.providerBytesPerResource} bytes.`,
      "",
    );
  }
  const cold = results.coldStart;
  if (cold !== undefined) {
    parts.push(
      "## Provider cold start",
      "",
      `require: ${fmt(cold.requireMs.min, 0)} ms min, ${fmt(cold.requireMs.median, 0)} ms median; one-job preview ${seconds(cold.preview.streamjobs)} s against the floor's ${seconds(cold.preview.floor)} s (difference of medians ${fmt(cold.preview.differenceMs, 0)} ms).`,
      "",
    );
  }
  parts.push("## Definitions", "", ...Object.entries(DEFINITIONS).map(([k, v]) => `- **${k}**: ${v}`), "");
  return parts.join("\n");
}
