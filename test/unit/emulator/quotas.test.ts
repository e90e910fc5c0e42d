/**
 * The emulator's per-action quotas: the token bucket's arithmetic (rate per second, burst), one
 * bucket per product, action and caller, and merging the inventory's section with the option (the
 * section itself is inventory.test.ts's, the flags cli.test.ts's).
 * Expectations follow from the token-bucket definition, not from the code's own tables.
 */
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../../emulator/clock";
import { DEFAULT_QUOTA, mergeQuotas, Quotas, quotasSchema, TokenBucket } from "../../../emulator/quotas";

const T0 = 1_700_000_000_000;

/** Admits `n` calls at `now` and returns how many got through. */
function admitted(bucket: TokenBucket, n: number, now: number): number {
  let ok = 0;
  for (let i = 0; i < n; i++) if (bucket.tryTake(now)) ok++;
  return ok;
}

describe("TokenBucket", () => {
  it("admits a full burst at once, then refuses until time passes", () => {
    const b = new TokenBucket({ ratePerSecond: 2, burst: 3 }, T0);
    expect(admitted(b, 5, T0)).toBe(3);
    expect(b.waitMs(T0)).toBe(500);
    expect(b.tryTake(T0 + 499)).toBe(false);
    expect(b.tryTake(T0 + 500)).toBe(true);
    expect(b.tryTake(T0 + 500)).toBe(false);
  });

  it("refills at the rate but never above the burst", () => {
    const b = new TokenBucket({ ratePerSecond: 10, burst: 4 }, T0);
    expect(admitted(b, 4, T0)).toBe(4);
    // An hour idle refills 4, not 36 000.
    expect(admitted(b, 10, T0 + 3_600_000)).toBe(4);
    // 10 per second: one every 100 ms.
    expect(admitted(b, 3, T0 + 3_600_000 + 250)).toBe(2);
  });

  it("spaces a fractional rate (one call every 4 s at 0.25/s)", () => {
    const b = new TokenBucket({ ratePerSecond: 0.25, burst: 1 }, T0);
    expect(b.tryTake(T0)).toBe(true);
    expect(b.tryTake(T0 + 3999)).toBe(false);
    expect(b.tryTake(T0 + 4000)).toBe(true);
  });

  it("refuses without taking a token, so refused calls do not delay recovery", () => {
    const b = new TokenBucket({ ratePerSecond: 1, burst: 1 }, T0);
    expect(b.tryTake(T0)).toBe(true);
    for (let i = 0; i < 100; i++) expect(b.tryTake(T0 + i)).toBe(false);
    expect(b.tryTake(T0 + 1000)).toBe(true);
  });

  it("does not drain when the clock steps backwards", () => {
    const b = new TokenBucket({ ratePerSecond: 1, burst: 2 }, T0);
    expect(b.tryTake(T0)).toBe(true);
    expect(b.tryTake(T0 - 60_000)).toBe(true);
    expect(b.tryTake(T0)).toBe(false);
    expect(b.tryTake(T0 + 1000)).toBe(true);
  });
});

describe("Quotas", () => {
  const config = quotasSchema.parse({ default: { ratePerSecond: 1, burst: 2 }, actions: { CreateStreamingJob: { ratePerSecond: 1, burst: 1 } } });

  it("keeps one bucket per action and per caller", () => {
    const clock = new ManualClock(T0);
    const q = new Quotas(config, clock);
    expect([q.admit("gpdb", "CreateStreamingJob", "ak1"), q.admit("gpdb", "CreateStreamingJob", "ak1")]).toEqual([true, false]);
    // Another caller, another action and another product each have a full bucket of their own.
    expect(q.admit("gpdb", "CreateStreamingJob", "ak2")).toBe(true);
    expect([
      q.admit("gpdb", "DescribeStreamingJob", "ak1"),
      q.admit("gpdb", "DescribeStreamingJob", "ak1"),
      q.admit("gpdb", "DescribeStreamingJob", "ak1"),
    ]).toEqual([true, true, false]);
    expect(q.admit("dataworks-public", "CreateStreamingJob", "ak1")).toBe(true);
    clock.advance(1000);
    expect(q.admit("gpdb", "CreateStreamingJob", "ak1")).toBe(true);
    expect(q.report().throttled).toEqual({ CreateStreamingJob: 1, DescribeStreamingJob: 1 });
  });

  it("admits everything when off: no section at all, or enabled false", () => {
    for (const c of [undefined, quotasSchema.parse({ enabled: false, default: { ratePerSecond: 0.001, burst: 1 } })]) {
      const q = new Quotas(c, new ManualClock(T0));
      for (let i = 0; i < 50; i++) expect(q.admit("gpdb", "ListStreamingJobs", "ak")).toBe(true);
      expect(q.report()).toMatchObject({ enabled: false, throttled: {} });
    }
  });

  it("uses the stated default when a section gives no default, and a burst of the rate rounded up when a limit gives none", () => {
    const q = new Quotas(quotasSchema.parse({ actions: { A: { ratePerSecond: 2.5 } } }), new ManualClock(T0));
    expect(q.limitFor("B")).toEqual(DEFAULT_QUOTA);
    expect(q.limitFor("A")).toEqual({ ratePerSecond: 2.5, burst: 3 });
  });

  it("merges the option over the inventory's section, action by action", () => {
    const merged = mergeQuotas(
      { enabled: false, default: { ratePerSecond: 1 }, actions: { A: { ratePerSecond: 1 }, B: { ratePerSecond: 2 } } },
      { actions: { B: { ratePerSecond: 9, burst: 9 } } },
    );
    expect(merged).toEqual({ enabled: true, default: { ratePerSecond: 1 }, actions: { A: { ratePerSecond: 1 }, B: { ratePerSecond: 9, burst: 9 } } });
    expect(mergeQuotas(undefined, undefined)).toBeUndefined();
    expect(mergeQuotas({ enabled: false }, undefined)?.enabled).toBe(false);
  });
});
