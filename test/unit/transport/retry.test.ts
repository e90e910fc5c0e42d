/**
 * The backoff every cloud client shares. The laws come from the module's header: capped exponential
 * backoff with full jitter, each delay uniform in [0, min(cap, base * 2^attempt)]. Full jitter means
 * the floor is 0, not the base: retries of a large `up` spread over the whole window.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { backoffDelayMs, type RetryPolicy } from "../../../provider/transport/retry";

const policies = fc.record({
  maxAttempts: fc.integer({ min: 1, max: 10 }),
  baseDelayMs: fc.integer({ min: 1, max: 5_000 }),
  maxDelayMs: fc.integer({ min: 1, max: 60_000 }),
});
/** What Math.random may return: [0, 1). */
const randoms = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

const ceilingOf = (p: RetryPolicy, attempt: number) => Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** attempt);

describe("backoffDelayMs", () => {
  it("is always a whole number of milliseconds within [0, min(cap, base * 2^attempt)]", () => {
    fc.assert(
      fc.property(policies, fc.integer({ min: 0, max: 64 }), randoms, (policy, attempt, r) => {
        const d = backoffDelayMs(policy, attempt, () => r);
        expect(Number.isInteger(d)).toBe(true);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(ceilingOf(policy, attempt));
        expect(d).toBeLessThanOrEqual(policy.maxDelayMs);
      }),
      { numRuns: 200 },
    );
  });

  it("never exceeds the cap, however many attempts came before", () => {
    fc.assert(
      fc.property(policies, fc.integer({ min: 0, max: 5_000 }), randoms, (policy, attempt, r) => {
        const d = backoffDelayMs(policy, attempt, () => r);
        expect(Number.isFinite(d)).toBe(true);
        expect(d).toBeLessThanOrEqual(policy.maxDelayMs);
      }),
      { numRuns: 200 },
    );
  });

  it("uses the whole window (full jitter): from 0 up to within a millisecond of the ceiling", () => {
    fc.assert(
      fc.property(policies, fc.integer({ min: 0, max: 20 }), (policy, attempt) => {
        const ceiling = ceilingOf(policy, attempt);
        expect(backoffDelayMs(policy, attempt, () => 0)).toBe(0);
        expect(backoffDelayMs(policy, attempt, () => 1 - Number.EPSILON)).toBeGreaterThanOrEqual(ceiling - 1);
      }),
      { numRuns: 200 },
    );
  });

  it("is monotone in the random draw: a larger draw never waits less", () => {
    fc.assert(
      fc.property(policies, fc.integer({ min: 0, max: 20 }), randoms, randoms, (policy, attempt, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(backoffDelayMs(policy, attempt, () => lo)).toBeLessThanOrEqual(backoffDelayMs(policy, attempt, () => hi));
      }),
      { numRuns: 200 },
    );
  });

  it("grows exponentially until the cap: the window doubles with each attempt, then stays at the cap", () => {
    const policy: RetryPolicy = { maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 1_000 };
    const top = (attempt: number) => backoffDelayMs(policy, attempt, () => 1 - Number.EPSILON) + 1;
    expect([0, 1, 2, 3, 4, 5, 30].map(top)).toEqual([100, 200, 400, 800, 1_000, 1_000, 1_000]);
  });
});
