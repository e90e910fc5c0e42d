// The bench's arithmetic, pure so its unit tests are exact: min and median of repeated samples,
// ratios of interleaved runs, and what the emulator's request log says about a run — calls by
// action, throttled answers, the quota bound (API calls ÷ a requests-per-second quota) and calls
// per second over the run (the chart's series).

/** Rounds to `digits` decimals (a number, not a string). */
export const round = (x, digits = 2) => Number(x.toFixed(digits));

/** The median of a non-empty list (the mean of the middle two for an even length). */
export function median(xs) {
  if (xs.length === 0) throw new Error("median of no samples");
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Every sample (rounded), their min and their median. */
export function summarize(xs, digits = 2) {
  return { samples: xs.map((x) => round(x, digits)), min: round(Math.min(...xs), digits), median: round(median(xs), digits) };
}

/**
 * Ratios of paired samples (ours[i] ÷ floor[i], each pair run back to back), summarized; plus the
 * ratio of the two minimums, the least noisy figure when one run of either side was disturbed.
 */
export function pairedRatio(ours, floor) {
  if (ours.length !== floor.length || ours.length === 0) throw new Error("paired samples must be equal in number and not empty");
  const each = ours.map((x, i) => x / floor[i]);
  return { ...summarize(each), ofMins: round(Math.min(...ours) / Math.min(...floor)) };
}

/** Codes of a quota refusal: Alibaba's gateway, Huawei's API gateway, DIS (emulator/README.md, "Quotas"). */
const THROTTLING_CODE = /^Throttling|^APIGW\.0308$|^DIS\.4305$/;

/** True for a call the cloud refused for its rate (a quota refusal, not a drawn fault). */
export const isThrottled = (entry) => entry.fault === undefined && THROTTLING_CODE.test(String(entry.code ?? ""));

/** Calls per action, busiest first (ties by name). */
export function callsByAction(entries) {
  const counts = new Map();
  for (const e of entries) counts.set(e.action ?? "(unknown)", (counts.get(e.action ?? "(unknown)") ?? 0) + 1);
  return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
}

/**
 * The quota bound of a run: the least time its calls can take under a quota of `rps` requests per
 * second. `seconds` is the definition — every API call of the run ÷ `rps`, as if one quota
 * covered them all; `busiest` is the per-API bound — the busiest action's calls ÷ `rps`, the floor
 * when each action has a quota of its own (always ≤ `seconds`).
 */
export function quotaBound(entries, rps) {
  const byAction = callsByAction(entries);
  const [action, calls] = Object.entries(byAction)[0] ?? ["(none)", 0];
  return { calls: entries.length, rps, seconds: entries.length / rps, busiest: { action, calls, seconds: calls / rps } };
}

/** Milliseconds from the first to the last call of the log (0 for fewer than two). */
export function apiSpanMs(entries) {
  if (entries.length < 2) return 0;
  const times = entries.map((e) => Date.parse(e.time));
  return Math.max(...times) - Math.min(...times);
}

/**
 * Calls per whole second since `startMs` (default: the first call), through the last call: one
 * bin per second, each with its calls and how many of them were throttled.
 */
export function callsPerSecond(entries, startMs) {
  const times = entries.map((e) => Date.parse(e.time));
  if (times.length === 0) return [];
  const start = startMs ?? Math.min(...times);
  const bins = Array.from({ length: Math.floor((Math.max(...times) - start) / 1000) + 1 }, (_, second) => ({ second, calls: 0, throttled: 0 }));
  entries.forEach((e, i) => {
    const bin = bins[Math.floor((times[i] - start) / 1000)];
    if (bin === undefined) return; // a call before startMs
    bin.calls += 1;
    if (isThrottled(e)) bin.throttled += 1;
  });
  return bins;
}

/** The share (0–1) of calls whose action matches `pattern`. */
export function shareOf(entries, pattern) {
  return entries.length === 0 ? 0 : entries.filter((e) => pattern.test(e.action ?? "")).length / entries.length;
}

/**
 * Repetitions of one create case, as one result: the run with the median ratio stands for the case
 * (its calls, chart and by-action counts), with the ratio, wall time and calls per job of every
 * repetition summarized beside it; the throttling count is the worst repetition's, and the case
 * created everything only if every repetition did.
 */
export function combineRuns(runs) {
  if (runs.length === 0) throw new Error("no repetitions to combine");
  const byRatio = [...runs].sort((a, b) => a.ratio - b.ratio);
  const middle = byRatio[Math.floor((byRatio.length - 1) / 2)];
  return {
    ...middle,
    ratio: round(median(runs.map((r) => r.ratio))),
    callsPerJob: round(median(runs.map((r) => r.callsPerJob))),
    throttled: Math.max(...runs.map((r) => r.throttled)),
    ok: runs.every((r) => r.ok),
    repetitions: {
      count: runs.length,
      ratio: summarize(runs.map((r) => r.ratio)),
      wallSeconds: summarize(runs.map((r) => r.wallSeconds)),
      callsPerJob: summarize(runs.map((r) => r.callsPerJob)),
    },
  };
}
