/**
 * The per-endpoint token bucket. Its contract, from the module header: `reserve()` takes a token and
 * says how long to wait before the request may go, so callers that honour the waits stay under the
 * quota; buckets are shared by every resource of the same endpoint for the provider's life. The law
 * of a token bucket: in any window of t seconds at most burst + rate * t requests go.
 */
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { bucketFor, TokenBucket } from "../../../provider/transport/rate-limit";

/** A clock the test moves by hand. */
function manualClock(start = 1_000_000) {
  let t = start;
  return {
    now: () => t,
    set: (ms: number) => {
      t = ms;
    },
  };
}

/** Reserves at each arrival time (ascending ms) and returns when each request may go. */
function goTimes(bucket: TokenBucket, clock: ReturnType<typeof manualClock>, arrivals: readonly number[]): number[] {
  return arrivals.map((at) => {
    clock.set(at);
    const wait = bucket.reserve();
    expect(wait).toBeGreaterThanOrEqual(0);
    expect(Number.isInteger(wait)).toBe(true);
    return at + wait;
  });
}

/**
 * Over every window [first, last] of go times, the most requests beyond burst + rate * t. Waits are
 * whole milliseconds rounded up, so a window's first request may go up to 1 ms after its exact time:
 * t is measured with that millisecond added back (without it, a 4,999 ms window between go times
 * that are exactly 5 s apart in real numbers would count as a breach of 0.0002 requests).
 */
function worstExcess(goes: readonly number[], rate: number, burst: number): number {
  const sorted = [...goes].sort((a, b) => a - b);
  let worst = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i; j < sorted.length; j++) {
      const seconds = ((sorted[j] as number) - (sorted[i] as number) + 1) / 1000;
      worst = Math.max(worst, j - i + 1 - (burst + rate * seconds));
    }
  }
  return worst;
}

describe("TokenBucket", () => {
  it("lets a full burst go at once, then spaces requests at the rate", () => {
    const clock = manualClock();
    const bucket = new TokenBucket(5, 10, clock.now);
    const waits = Array.from({ length: 13 }, () => bucket.reserve());
    expect(waits.slice(0, 10)).toEqual(Array(10).fill(0));
    // 5 a second: the 11th request waits 200 ms, the 12th 400 ms, the 13th 600 ms.
    expect(waits.slice(10)).toEqual([200, 400, 600]);
  });

  it("refills with time, never beyond the burst", () => {
    const clock = manualClock();
    const bucket = new TokenBucket(2, 3, clock.now);
    for (let i = 0; i < 3; i++) expect(bucket.reserve()).toBe(0);
    expect(bucket.reserve()).toBe(500);
    // An hour of quiet refills to the burst (3), not to 7,200 tokens.
    clock.set(clock.now() + 3_600_000);
    const waits = Array.from({ length: 4 }, () => bucket.reserve());
    expect(waits).toEqual([0, 0, 0, 500]);
  });

  it("defaults the burst to one second's worth of requests, at least one", () => {
    const clock = manualClock();
    const fast = new TokenBucket(4, undefined, clock.now);
    expect(Array.from({ length: 5 }, () => fast.reserve())).toEqual([0, 0, 0, 0, 250]);
    const slow = new TokenBucket(0.5, undefined, clock.now);
    expect([slow.reserve(), slow.reserve()]).toEqual([0, 2_000]);
  });

  it("never lets more than burst + rate * t requests go in any window of t seconds, when callers honour the waits", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.2, max: 50, noNaN: true }),
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.integer({ min: 0, max: 1_500 }), { minLength: 1, maxLength: 80 }),
        (rate, burst, gaps) => {
          const clock = manualClock();
          const bucket = new TokenBucket(rate, burst, clock.now);
          let at = clock.now();
          const arrivals = gaps.map((g) => (at += g));
          const goes = goTimes(bucket, clock, arrivals);
          // One whole extra request would be an excess of 1; a tiny tolerance covers floating-point sums.
          expect(worstExcess(goes, rate, burst)).toBeLessThanOrEqual(1e-9);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("never makes a request wait when it arrives within the budget: the first burst requests go at once", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.2, max: 50, noNaN: true }), fc.integer({ min: 1, max: 20 }), (rate, burst) => {
        const clock = manualClock();
        const bucket = new TokenBucket(rate, burst, clock.now);
        const waits = Array.from({ length: burst + 1 }, () => bucket.reserve());
        expect(waits.slice(0, burst)).toEqual(Array(burst).fill(0));
        expect(waits[burst]).toBeGreaterThan(0);
        expect(waits[burst]).toBeLessThanOrEqual(Math.ceil(1000 / rate));
      }),
      { numRuns: 100 },
    );
  });
});

describe("bucketFor", () => {
  afterEach(() => void vi.useRealTimers());

  it("shares one bucket among every client of the same endpoint and rate", () => {
    vi.useFakeTimers({ now: 0 });
    const endpoint = `shared-${Math.random()}.example`;
    expect(bucketFor(endpoint, 2)).toBe(bucketFor(endpoint, 2));
    // Two clients of the endpoint draw from the same two-token burst.
    expect([bucketFor(endpoint, 2).reserve(), bucketFor(endpoint, 2).reserve(), bucketFor(endpoint, 2).reserve()]).toEqual([0, 0, 500]);
  });

  it("keeps endpoints apart: one endpoint's burst does not slow another's", () => {
    vi.useFakeTimers({ now: 0 });
    const a = `a-${Math.random()}.example`;
    const b = `b-${Math.random()}.example`;
    expect(bucketFor(a, 1)).not.toBe(bucketFor(b, 1));
    expect(bucketFor(a, 1).reserve()).toBe(0);
    expect(bucketFor(a, 1).reserve()).toBe(1_000);
    expect(bucketFor(b, 1).reserve()).toBe(0);
  });

  it("refills a shared bucket with the wall clock", () => {
    vi.useFakeTimers({ now: 0 });
    const endpoint = `clock-${Math.random()}.example`;
    expect([bucketFor(endpoint, 1).reserve(), bucketFor(endpoint, 1).reserve()]).toEqual([0, 1_000]);
    vi.advanceTimersByTime(5_000);
    // The debt of one token is paid after 1 s; by 5 s the bucket is full again (burst 1).
    expect(bucketFor(endpoint, 1).reserve()).toBe(0);
    expect(bucketFor(endpoint, 1).reserve()).toBe(1_000);
  });
});
