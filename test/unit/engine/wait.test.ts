/**
 * Waiting for a cloud object to settle, on a simulated clock: `sleep` moves the clock, a poll may
 * take time of its own, nothing really waits. The expectations come from the module header and
 * README's "Waits": poll with a backoff that starts at intervalMs and doubles every second poll up to maxIntervalMs,
 * until `classify` says done or failed or the timeout passes; print progress at most every few
 * seconds so a long wait is never silent; `waitUntilGone` throws the timeout message.
 */
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SettleTimes, type Settled, waitUntilGone, waitUntilSettled } from "../../../provider/engine/wait";

/** A simulated clock; `sleep` and each poll's latency move it. */
function simulation(states: readonly string[], latencyMs = 0) {
  let t = 1_700_000_000_000;
  const polls: number[] = [];
  const sleeps: number[] = [];
  const lines: { at: number; line: string }[] = [];
  return {
    polls,
    sleeps,
    lines,
    start: t,
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
    log: (line: string) => void lines.push({ at: t, line }),
    poll: async () => {
      polls.push(t);
      t += latencyMs;
      return states[Math.min(polls.length - 1, states.length - 1)] as string;
    },
  };
}

/** RUNNING is done, FAILED failed, anything else pending. */
const classify = (s: string): Settled<string> =>
  s === "RUNNING" ? { state: "done", value: s } : s === "FAILED" ? { state: "failed", value: s, reason: "broker unreachable" } : { state: "pending", value: s };

function options(sim: ReturnType<typeof simulation>, timeoutSeconds: number, extra: { intervalMs?: number; maxIntervalMs?: number } = {}) {
  return {
    label: 'Job "orders" (j-1)',
    wanted: "RUNNING",
    timeoutSeconds,
    poll: sim.poll,
    classify,
    status: (s: string) => s,
    log: sim.log,
    sleep: sim.sleep,
    now: sim.now,
    ...extra,
  };
}

describe("waitUntilSettled", () => {
  it("returns done with the settled value once classify says so, and polls no more", async () => {
    const sim = simulation(["CREATING", "STARTING", "RUNNING", "FAILED"]);
    expect(await waitUntilSettled(options(sim, 60))).toEqual({ state: "done", value: "RUNNING" });
    expect(sim.polls).toHaveLength(3);
  });

  it("returns failed at once with classify's reason, long before the timeout", async () => {
    const sim = simulation(["CREATING", "FAILED", "RUNNING"]);
    expect(await waitUntilSettled(options(sim, 3_600))).toEqual({ state: "failed", value: "FAILED", reason: "broker unreachable" });
    expect(sim.polls).toHaveLength(2);
    expect(sim.now() - sim.start).toBeLessThan(10_000);
  });

  it("returns timeout with the last value and status when the object never settles", async () => {
    const sim = simulation(["CREATING", "STARTING"]);
    const outcome = await waitUntilSettled(options(sim, 30));
    expect(outcome).toEqual({ state: "timeout", value: "STARTING", lastStatus: "STARTING" });
    expect(sim.now() - sim.start).toBeGreaterThanOrEqual(30_000);
  });

  it("polls once and reports what it saw when the timeout is zero", async () => {
    const sim = simulation(["CREATING"]);
    expect(await waitUntilSettled(options(sim, 0))).toEqual({ state: "timeout", value: "CREATING", lastStatus: "CREATING" });
    expect(sim.polls).toHaveLength(1);
    expect(sim.sleeps).toEqual([]);
  });

  it("takes a settled answer that arrives after the deadline: a slow poll that says done is done", async () => {
    const sim = simulation(["RUNNING"], 20_000);
    expect(await waitUntilSettled(options(sim, 5))).toEqual({ state: "done", value: "RUNNING" });
  });

  it("backs off gently: the first pauses are intervalMs, each interval serves two polls and then doubles, up to maxIntervalMs", async () => {
    const sim = simulation(["CREATING"]);
    await waitUntilSettled(options(sim, 600, { intervalMs: 250, maxIntervalMs: 3_000 }));
    expect(sim.sleeps.slice(0, 10)).toEqual([250, 250, 500, 500, 1_000, 1_000, 2_000, 2_000, 3_000, 3_000]);
  });

  it("with together, polls only on the clock's beat of the interval, the first poll too, and still times out", async () => {
    const sim = simulation(["CREATING"]);
    sim.sleep(123);
    const outcome = await waitUntilSettled({ ...options(sim, 30), together: true, intervalMs: 500, maxIntervalMs: 4_000 });
    expect(outcome).toMatchObject({ state: "timeout", lastStatus: "CREATING" });
    expect(sim.polls[0]).toBeGreaterThan(sim.start + 123);
    // The first poll on the initial interval's beat, then each interval for two polls.
    for (const [i, at] of sim.polls.slice(0, 6).entries()) expect(at % (500 * 2 ** Math.max(0, Math.floor((i - 1) / 2)))).toBe(0);
    expect(sim.polls.slice(0, 6).some((at, i) => i >= 3 && at % 1_000 === 0)).toBe(true);
    expect(sim.now() - sim.start - 123).toBeGreaterThanOrEqual(30_000);
  });

  it("says where it is: progress names the object, its status, what it waits for and the time spent of the timeout", async () => {
    const sim = simulation(["CREATING"]);
    await waitUntilSettled(options(sim, 60));
    expect(sim.lines.length).toBeGreaterThan(0);
    expect(sim.lines[0]?.line).toMatch(/^Job "orders" \(j-1\): still CREATING, waiting for RUNNING \(\d+s of 60s\)$/);
  });

  it("reports how long it took when a wait that was long enough to report ends done", async () => {
    const sim = simulation([...Array(12).fill("STARTING"), "RUNNING"]);
    await waitUntilSettled(options(sim, 600));
    expect(sim.lines.at(-1)?.line).toMatch(/^Job "orders" \(j-1\): RUNNING after \d+s$/);
  });

  it("stays quiet when it settles quickly", async () => {
    const sim = simulation(["CREATING", "RUNNING"]);
    await waitUntilSettled(options(sim, 60));
    expect(sim.lines).toEqual([]);
  });

  const waits = fc.record({
    timeoutSeconds: fc.integer({ min: 0, max: 900 }),
    // Pauses of at least 100 ms keep a run to a few thousand polls at most.
    intervalMs: fc.integer({ min: 100, max: 4_000 }),
    maxIntervalMs: fc.integer({ min: 100, max: 20_000 }),
    latencyMs: fc.integer({ min: 0, max: 3_000 }),
    pendingPolls: fc.integer({ min: 0, max: 400 }),
    ending: fc.constantFrom("RUNNING", "FAILED", "STARTING"),
  });

  it("never polls after its deadline, never pauses past it, and ends in the outcome its last poll showed", async () => {
    await fc.assert(
      fc.asyncProperty(waits, async (w) => {
        const sim = simulation([...Array(w.pendingPolls).fill("STARTING"), w.ending], w.latencyMs);
        const deadline = sim.start + w.timeoutSeconds * 1000;
        const outcome = await waitUntilSettled(options(sim, w.timeoutSeconds, { intervalMs: w.intervalMs, maxIntervalMs: w.maxIntervalMs }));
        for (const at of sim.polls) expect(at).toBeLessThanOrEqual(deadline);
        expect(sim.sleeps.every((ms) => ms >= 0 && ms <= Math.max(w.intervalMs, w.maxIntervalMs))).toBe(true);
        expect(sim.polls).toHaveLength(sim.sleeps.length + 1);
        const lastSeen = [...Array(w.pendingPolls).fill("STARTING"), w.ending][Math.min(sim.polls.length - 1, w.pendingPolls)];
        if (lastSeen === "RUNNING") expect(outcome.state).toBe("done");
        else if (lastSeen === "FAILED") expect(outcome.state).toBe("failed");
        else {
          expect(outcome).toEqual({ state: "timeout", value: "STARTING", lastStatus: "STARTING" });
          expect(sim.now()).toBeGreaterThanOrEqual(deadline);
        }
      }),
      { numRuns: 100 },
    );
  });

  it("prints progress at most every few seconds, and never stays silent longer than that plus one poll", async () => {
    await fc.assert(
      fc.asyncProperty(waits, async (w) => {
        const sim = simulation(["STARTING"], w.latencyMs);
        await waitUntilSettled(options(sim, w.timeoutSeconds, { intervalMs: w.intervalMs, maxIntervalMs: w.maxIntervalMs }));
        const progress = sim.lines.map((l) => l.at);
        for (let i = 1; i < progress.length; i++) expect((progress[i] as number) - (progress[i - 1] as number)).toBeGreaterThanOrEqual(1_000);
        // Between the start (or the last line) and the last poll, the silence is bounded by a few
        // seconds plus one pause and one poll's latency.
        const pollGap = Math.max(w.intervalMs, w.maxIntervalMs) + w.latencyMs;
        const marks = [sim.start, ...progress, sim.polls.at(-1) as number];
        for (let i = 1; i < marks.length; i++) expect((marks[i] as number) - (marks[i - 1] as number)).toBeLessThanOrEqual(10_000 + pollGap);
      }),
      { numRuns: 100 },
    );
  });
});

describe("SettleTimes", () => {
  it("has nothing to say of a kind without history", () => {
    expect(new SettleTimes().firstPollAfter("gpdb job")).toBeUndefined();
  });

  it("aims a tenth before the quickest done, with no wait having seen its object pending", () => {
    const t = new SettleTimes();
    t.record("k", 3_000, undefined);
    t.record("k", 2_000, undefined);
    t.record("k", 4_000, undefined);
    expect(t.firstPollAfter("k")).toBeCloseTo(1_800, 9);
  });

  it("steps down into a wide bracket, halfway but no more than a tenth, and aims a twentieth past it once it is tight", () => {
    const t = new SettleTimes();
    t.record("k", 4_000, 2_000);
    // Halfway would be 3 s, a tenth below the quickest done 3.6 s.
    expect(t.firstPollAfter("k")).toBeCloseTo(3_600, 9);
    t.record("k", 3_400, 3_000);
    expect(t.firstPollAfter("k")).toBeCloseTo(3_200, 9);
    t.record("k", 3_200, 3_100);
    expect(t.firstPollAfter("k")).toBeCloseTo(3_360, 9);
    // A pending later than the quickest done (settle times that vary): past the pending.
    t.record("k", 6_000, 5_500);
    expect(t.firstPollAfter("k")).toBeCloseTo(5_775, 9);
  });

  it("with no pending in the window, lets one wait at a time probe below the quickest done", () => {
    const t = new SettleTimes();
    t.record("k", 3_000, undefined);
    expect(t.firstPollAfter("k")).toBeCloseTo(2_700, 9);
    // While that probe is out, the others aim a twentieth past the quickest done.
    expect(t.firstPollAfter("k")).toBeCloseTo(3_150, 9);
    expect(t.firstPollAfter("k")).toBeCloseTo(3_150, 9);
    // Its answer (here: done at the probe) lets the next one probe.
    t.record("k", 2_700, undefined);
    expect(t.firstPollAfter("k")).toBeCloseTo(2_430, 9);
  });

  it("keeps each kind apart and forgets waits older than its window", () => {
    const t = new SettleTimes(2);
    t.record("a", 1_000, undefined);
    t.record("b", 9_000, undefined);
    t.record("a", 5_000, undefined);
    t.record("a", 6_000, undefined);
    expect(t.firstPollAfter("a")).toBeCloseTo(4_500, 9);
    expect(t.firstPollAfter("b")).toBeCloseTo(8_100, 9);
  });
});

describe("waitUntilSettled with learnAs", () => {
  /** An object that is done from `settleMs` after the wait begins; the simulated clock moves by the pauses. */
  function settlingAt(settleMs: number) {
    const sim = simulation([]);
    const from = sim.now();
    return {
      sim,
      options: {
        ...options(sim, 600),
        together: true,
        poll: async () => {
          sim.polls.push(sim.now());
          return sim.now() - from >= settleMs ? "RUNNING" : "STARTING";
        },
      },
    };
  }
  let seq = 0;

  it("polls as the ladder does for a kind it has not seen, then first polls close to the settle time it learnt", async () => {
    const kind = `learnt-${++seq}`;
    const first = settlingAt(3_000);
    await waitUntilSettled({ ...first.options, learnAs: kind });
    // The ladder: on the beats of 500 ms, 1 s, 2 s, 4 s.
    expect(first.sim.polls.length).toBeGreaterThanOrEqual(3);
    const polls: number[][] = [];
    for (let i = 0; i < 6; i++) {
      const next = settlingAt(3_000);
      await waitUntilSettled({ ...next.options, learnAs: kind });
      polls.push(next.sim.polls.map((at) => at - next.sim.start));
    }
    for (const p of polls) {
      // Never earlier than half the settle time, never later than a tenth past it.
      expect(p[0]).toBeGreaterThanOrEqual(1_500);
      expect(p.at(-1)).toBeLessThanOrEqual(3_300);
    }
    // Each later wait takes one poll or two; the last ones find the object done at their first
    // poll, within a tenth of its settle time.
    expect(polls.every((p) => p.length <= 2)).toBe(true);
    for (const p of polls.slice(-2)) {
      expect(p).toHaveLength(1);
      expect(p[0]).toBeLessThanOrEqual(3_300);
    }
  });

  it("still finds an object slower than the ones before it, polling on until its timeout", async () => {
    const kind = `learnt-${++seq}`;
    for (let i = 0; i < 3; i++) await waitUntilSettled({ ...settlingAt(200).options, learnAs: kind });
    const slow = settlingAt(20_000);
    expect(await waitUntilSettled({ ...slow.options, learnAs: kind })).toEqual({ state: "done", value: "RUNNING" });
    expect((slow.sim.polls.at(-1) as number) - slow.sim.start).toBeLessThan(20_000 + 5_000);
    const never = settlingAt(Number.POSITIVE_INFINITY);
    expect(await waitUntilSettled({ ...never.options, timeoutSeconds: 30, learnAs: kind })).toMatchObject({ state: "timeout" });
  });

  it("learns nothing without together: the first poll is at once", async () => {
    const kind = `learnt-${++seq}`;
    for (let i = 0; i < 2; i++) {
      const w = settlingAt(3_000);
      await waitUntilSettled({ ...w.options, together: false, learnAs: kind });
      expect(w.sim.polls[0]).toBe(w.sim.start);
    }
  });
});

describe("waitUntilGone", () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  /** Runs `promise` on fake timers to completion, the clock jumping from one timer to the next. */
  async function settle<T>(promise: Promise<T>): Promise<T | Error> {
    const caught = promise.catch((e: unknown) => e as Error);
    await vi.runAllTimersAsync();
    return caught;
  }

  it("resolves once the object is gone", async () => {
    vi.useFakeTimers({ now: 0 });
    vi.spyOn(console, "log").mockImplementation(() => {});
    const seen = ["DELETING", "DELETING", undefined];
    let n = 0;
    const outcome = await settle(
      waitUntilGone({
        kind: "huaweicloud:DisStream",
        label: 'DisStream "orders"',
        wanted: "deletion",
        timeoutSeconds: 60,
        poll: async () => seen[Math.min(n++, seen.length - 1)],
        status: (v) => v ?? "gone",
      }),
    );
    expect(outcome).toBeUndefined();
    expect(n).toBe(3);
  });

  it("fails after the timeout with the kind, the subject, what it waited for, the last status and the way out", async () => {
    vi.useFakeTimers({ now: 0 });
    vi.spyOn(console, "log").mockImplementation(() => {});
    const polls: number[] = [];
    const outcome = await settle(
      waitUntilGone({
        kind: "huaweicloud:DisStream",
        label: "progress label",
        subject: 'DisStream "orders"',
        wanted: "deletion",
        timeoutSeconds: 20,
        poll: async () => {
          polls.push(Date.now());
          return "DELETING";
        },
        status: (v) => v ?? "gone",
      }),
    );
    expect(outcome).toBeInstanceOf(Error);
    const message = (outcome as Error).message;
    expect(message).toContain("20s");
    expect(message).toContain('huaweicloud:DisStream DisStream "orders"');
    expect(message).toContain("deletion");
    expect(message).toContain("last status DELETING");
    expect(message).toContain("timeoutSeconds");
    expect(message).not.toContain("progress label");
    expect(Math.max(...polls)).toBeLessThanOrEqual(20_000);
  });
});
