/**
 * The emulator's fault injection: queued one-shot and repeated faults, and the seeded fault rate
 * (same seed, same faults; the share converges on the rate; a queued rule wins).
 */
import { describe, expect, it } from "vitest";
import { FaultQueue, faultRateSchema, pickKind, seededRandom } from "../../../emulator/faults";

describe("FaultQueue", () => {
  it("fires a one-shot fault once, then nothing", () => {
    const q = new FaultQueue();
    q.add({ action: "CreateStreamingJob", kind: "throttle" });
    expect(q.take("DescribeStreamingJob")).toBeUndefined();
    expect(q.take("CreateStreamingJob")?.kind).toBe("throttle");
    expect(q.take("CreateStreamingJob")).toBeUndefined();
  });

  it("fires a counted fault N times and a persistent one until cleared", () => {
    const q = new FaultQueue();
    q.add({ action: "A", kind: "5xx", times: 2 });
    q.add({ action: "*", kind: "latency", persistent: true, latencyMs: 5 });
    expect([q.take("A")?.kind, q.take("A")?.kind, q.take("A")?.kind, q.take("B")?.kind]).toEqual(["5xx", "5xx", "latency", "latency"]);
    expect(q.list()).toHaveLength(1);
    q.clear();
    expect(q.take("A")).toBeUndefined();
  });

  it("applies defaults", () => {
    expect(new FaultQueue().add({ action: "A", kind: "drop" })).toEqual({
      id: 1,
      action: "A",
      kind: "drop",
      times: 1,
      remaining: 1,
      persistent: false,
      latencyMs: 1000,
      applied: false,
    });
  });

  it.each([
    ["an unknown kind", { action: "A", kind: "explode" }],
    ["zero times", { action: "A", kind: "5xx", times: 0 }],
    ["an unknown field", { action: "A", kind: "5xx", often: true }],
  ])("rejects a fault with %s", (_name, spec) => {
    expect(() => new FaultQueue().add(spec as never)).toThrow();
  });
});

/**
 * The fault rate: a seeded share of calls gets a fault drawn from a weighted mix. The same seed and
 * the same calls give the same faults; the share converges on the rate; a queued rule wins.
 */
/** What `n` calls to `action` draw: the fault label per call, `-` for none. */
function run(q: FaultQueue, n: number, action = "ListStreamingJobs"): string[] {
  return Array.from({ length: n }, () => {
    const f = q.take(action);
    return f === undefined ? "-" : f.kind === "drop" && f.applied ? "dropApplied" : f.kind;
  });
}

function queueWithRate(input: Parameters<FaultQueue["setRate"]>[0]): FaultQueue {
  const q = new FaultQueue();
  q.setRate(input);
  return q;
}

describe("seededRandom", () => {
  it("gives the same sequence for the same seed and a different one for another seed", () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const sa = Array.from({ length: 20 }, a);
    expect(Array.from({ length: 20 }, b)).toEqual(sa);
    expect(Array.from({ length: 20 }, c)).not.toEqual(sa);
    for (const u of sa) expect(u >= 0 && u < 1).toBe(true);
  });
});

describe("pickKind", () => {
  it("splits [0, 1) by cumulative weight and never picks a weight of 0", () => {
    const mix = { throttle: 1, "5xx": 0, latency: 3 };
    expect(pickKind(mix, 0)).toBe("throttle");
    expect(pickKind(mix, 0.2499)).toBe("throttle");
    expect(pickKind(mix, 0.25)).toBe("latency");
    expect(pickKind(mix, 0.9999)).toBe("latency");
  });
});

describe("FaultQueue fault rate", () => {
  it("repeats exactly with the same seed and the same calls", () => {
    const first = run(queueWithRate({ rate: 0.2, seed: 7 }), 500);
    expect(run(queueWithRate({ rate: 0.2, seed: 7 }), 500)).toEqual(first);
    expect(run(queueWithRate({ rate: 0.2, seed: 8 }), 500)).not.toEqual(first);
  });

  it("restarts the sequence when the rate is set again", () => {
    const q = queueWithRate({ rate: 0.5, seed: 3 });
    const first = run(q, 100);
    q.setRate({ rate: 0.5, seed: 3 });
    expect(run(q, 100)).toEqual(first);
  });

  it("faults about the rate's share of calls, with every kind of an even mix", () => {
    const n = 5000;
    const q = queueWithRate({ rate: 0.2, seed: 11 });
    const drawn = run(q, n);
    const faulted = drawn.filter((d) => d !== "-").length;
    // Binomial(5000, 0.2): mean 1000, standard deviation about 28; 4 deviations either side.
    expect(faulted).toBeGreaterThan(1000 - 4 * 28);
    expect(faulted).toBeLessThan(1000 + 4 * 28);
    // Each of the 5 kinds gets about a fifth of the faults (mean 200, deviation about 13).
    for (const kind of ["throttle", "5xx", "latency", "drop", "dropApplied"]) {
      const count = drawn.filter((d) => d === kind).length;
      expect(count, kind).toBeGreaterThan(200 - 4 * 13);
      expect(count, kind).toBeLessThan(200 + 4 * 13);
    }
    expect(q.rate()).toMatchObject({ draws: n });
    const fired: Record<string, number> = q.rate()?.fired ?? {};
    expect(Object.values(fired).reduce((s, c) => s + c, 0)).toBe(faulted);
    expect(q.fired()).toMatchObject(fired);
  });

  it("draws only the kinds of the mix, in proportion to their weights", () => {
    const drawn = run(queueWithRate({ rate: 1, seed: 5, mix: { throttle: 3, dropApplied: 1 } }), 4000).filter((d) => d !== "-");
    expect(new Set(drawn)).toEqual(new Set(["throttle", "dropApplied"]));
    const throttles = drawn.filter((d) => d === "throttle").length;
    // Binomial(4000, 0.75): mean 3000, deviation about 27.
    expect(throttles).toBeGreaterThan(3000 - 4 * 27);
    expect(throttles).toBeLessThan(3000 + 4 * 27);
  });

  it("gives drawn faults the rate's latency, and drop with or without effect", () => {
    const q = queueWithRate({ rate: 1, mix: { latency: 1 }, latencyMs: 25 });
    expect(q.take("A")).toMatchObject({ kind: "latency", latencyMs: 25, action: "A" });
    q.setRate({ rate: 1, mix: { dropApplied: 1 } });
    expect(q.take("A")).toMatchObject({ kind: "drop", applied: true });
    q.setRate({ rate: 1, mix: { drop: 1 } });
    expect(q.take("A")).toMatchObject({ kind: "drop", applied: false });
  });

  it("limits the draw to one action when the rate names one", () => {
    const q = queueWithRate({ rate: 1, action: "CreateStreamingJob" });
    expect(q.take("DescribeStreamingJob")).toBeUndefined();
    expect(q.take("CreateStreamingJob")).toBeDefined();
    expect(q.rate()?.draws).toBe(1);
  });

  it("lets a queued rule win without using a draw, so queued faults do not shift the sequence", () => {
    const plain = run(queueWithRate({ rate: 0.3, seed: 9 }), 50);
    const q = queueWithRate({ rate: 0.3, seed: 9 });
    q.add({ action: "ListStreamingJobs", kind: "stuck", times: 2 });
    expect(run(q, 52)).toEqual(["stuck", "stuck", ...plain]);
    expect(q.fired().stuck).toBe(2);
  });

  it("keeps the rate on clear (a reset) and drops it, with the counts, on clearAll", () => {
    const q = queueWithRate({ rate: 1 });
    q.clear();
    expect(q.take("A")).toBeDefined();
    q.clearAll();
    expect(q.take("A")).toBeUndefined();
    expect(q.rate()).toBeUndefined();
    expect(Object.values(q.fired()).every((c) => c === 0)).toBe(true);
  });

  it("turns the mode off with a rate of 0", () => {
    const q = queueWithRate({ rate: 0.5 });
    expect(q.setRate({ rate: 0 })).toBeUndefined();
    expect(run(q, 100).every((d) => d === "-")).toBe(true);
  });

  it.each([
    ["a rate above 1", { rate: 1.5 }, "rate"],
    ["a negative seed", { rate: 0.2, seed: -1 }, "seed"],
    ["a mix with no weight above 0", { rate: 0.2, mix: { throttle: 0 } }, "mix"],
    ["an unknown kind in the mix", { rate: 0.2, mix: { stuck: 1 } }, "mix"],
    ["an unknown field", { rate: 0.2, times: 3 }, ""],
  ])("rejects %s", (_name, input, path) => {
    const result = faultRateSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.some((i) => i.path.join(".").startsWith(path))).toBe(true);
  });
});
