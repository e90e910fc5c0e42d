/**
 * The bench's arithmetic (scripts/bench/stats.mjs): medians, paired ratios, and what a request log
 * says about a run — calls by action, quota refusals, the quota bound and calls per second. The
 * logs here are hand-written entries in the emulator's request-log shape.
 */
import { describe, expect, it } from "vitest";
// @ts-expect-error: plain ESM script without type declarations
import * as stats from "../../../../scripts/bench/stats.mjs";

const { apiSpanMs, callsByAction, callsPerSecond, isThrottled, median, pairedRatio, quotaBound, round, shareOf, summarize } = stats;

const at = (ms: number, action: string, extra: Record<string, unknown> = {}) => ({
  time: new Date(Date.UTC(2025, 0, 1, 0, 0, 0, ms)).toISOString(),
  action,
  ...extra,
});

describe("median and summaries", () => {
  it("takes the middle sample, or the mean of the middle two", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow(/no samples/);
  });

  it("summarizes samples with their min and median, rounded", () => {
    expect(summarize([1.234, 3.456, 2.345])).toEqual({ samples: [1.23, 3.46, 2.35], min: 1.23, median: 2.35 });
    expect(round(1.005 * 1000, 0)).toBe(1005);
  });

  it("divides each repetition by its own floor run, and the minimums apart", () => {
    expect(pairedRatio([12, 10, 30], [10, 10, 10])).toEqual({ samples: [1.2, 1, 3], min: 1, median: 1.2, ofMins: 1 });
    expect(() => pairedRatio([1], [1, 2])).toThrow(/equal in number/);
  });
});

describe("request-log figures", () => {
  const log = [
    at(0, "CreateStreamingJob"),
    at(100, "DescribeStreamingJob"),
    at(900, "DescribeStreamingJob", { status: 400, code: "Throttling.User" }),
    at(1500, "DescribeStreamingJob", { status: 400, code: "Throttling.User", fault: "throttle" }),
    at(3999, "CreateStreamingJob"),
  ];

  it("counts calls by action, busiest first", () => {
    expect(callsByAction(log)).toEqual({ DescribeStreamingJob: 3, CreateStreamingJob: 2 });
    expect(Object.keys(callsByAction([at(0, "B"), at(0, "A")]))).toEqual(["A", "B"]);
  });

  it("takes a quota refusal of either cloud as throttled, a drawn fault not", () => {
    expect(log.map(isThrottled)).toEqual([false, false, true, false, false]);
    expect(isThrottled(at(0, "CreateEventStreamingJob", { status: 429, code: "APIGW.0308" }))).toBe(true);
    expect(isThrottled(at(0, "CreateStream", { status: 400, code: "DIS.4305" }))).toBe(true);
    expect(isThrottled(at(0, "CreateStream", { status: 400, code: "DIS.4301" }))).toBe(false);
  });

  it("bounds a run by all its calls over the quota, and by its busiest action", () => {
    expect(quotaBound(log, 2)).toEqual({ calls: 5, rps: 2, seconds: 2.5, busiest: { action: "DescribeStreamingJob", calls: 3, seconds: 1.5 } });
    expect(quotaBound([], 20)).toEqual({ calls: 0, rps: 20, seconds: 0, busiest: { action: "(none)", calls: 0, seconds: 0 } });
  });

  it("measures the span from the first call to the last", () => {
    expect(apiSpanMs(log)).toBe(3999);
    expect(apiSpanMs(log.slice(0, 1))).toBe(0);
  });

  it("bins calls per whole second from the first call or a given start, throttled ones counted apart", () => {
    expect(callsPerSecond(log)).toEqual([
      { second: 0, calls: 3, throttled: 1 },
      { second: 1, calls: 1, throttled: 0 },
      { second: 2, calls: 0, throttled: 0 },
      { second: 3, calls: 1, throttled: 0 },
    ]);
    const start = Date.parse(log[0]!.time) - 2000;
    expect(callsPerSecond(log.slice(0, 1), start)).toEqual([
      { second: 0, calls: 0, throttled: 0 },
      { second: 1, calls: 0, throttled: 0 },
      { second: 2, calls: 1, throttled: 0 },
    ]);
    expect(callsPerSecond([])).toEqual([]);
  });

  it("gives the share of calls an action pattern matches", () => {
    expect(shareOf(log, /^Describe/)).toBe(0.6);
    expect(shareOf([], /^Describe/)).toBe(0);
  });
});

describe("combineRuns", () => {
  const run = (ratio: number, extra: Record<string, unknown> = {}) => ({
    ratio,
    wallSeconds: ratio * 20,
    callsPerJob: 2 + ratio / 10,
    throttled: 0,
    ok: true,
    calls: Math.round(ratio * 100),
    ...extra,
  });

  it("stands the median-ratio run for the case, with every repetition's ratio, wall time and calls per job summarized", () => {
    const combined = stats.combineRuns([run(1.3), run(1.1), run(1.2)]);
    expect(combined.calls).toBe(120);
    expect(combined.ratio).toBe(1.2);
    expect(combined.repetitions.count).toBe(3);
    expect(combined.repetitions.ratio).toEqual({ samples: [1.3, 1.1, 1.2], min: 1.1, median: 1.2 });
    expect(combined.repetitions.wallSeconds.min).toBe(22);
    expect(combined.callsPerJob).toBe(2.12);
  });

  it("keeps the worst throttling count, and counts the case as failed if any repetition failed", () => {
    const combined = stats.combineRuns([run(1.1), run(1.2, { throttled: 4, ok: false }), run(1.3)]);
    expect(combined.throttled).toBe(4);
    expect(combined.ok).toBe(false);
  });

  it("refuses no repetitions", () => {
    expect(() => stats.combineRuns([])).toThrow(/no repetitions/);
  });
});
