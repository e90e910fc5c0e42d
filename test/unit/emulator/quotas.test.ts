/**
 * The emulator's per-action quotas: the token bucket's arithmetic (rate per second, burst), one
 * bucket per product, action and caller, the inventory's `quotas` section and the CLI flags.
 * Expectations follow from the token-bucket definition, not from the code's own tables.
 */
import { describe, expect, it } from "vitest";
import { parseCliArgs } from "../../../emulator/cli";
import { ManualClock } from "../../../emulator/clock";
import { DEFAULT_INVENTORY, startEmulator } from "../../../emulator/index";
import { parseInventory } from "../../../emulator/inventory";
import { DEFAULT_QUOTA, mergeQuotas, Quotas, quotasSchema, TokenBucket } from "../../../emulator/quotas";

const noop = () => {};
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

describe("the inventory's quotas section", () => {
  it("is optional, and on when present", () => {
    expect(parseInventory({ accessKeys: DEFAULT_INVENTORY.accessKeys }).quotas).toBeUndefined();
    expect(parseInventory({ accessKeys: DEFAULT_INVENTORY.accessKeys, quotas: {} }).quotas).toEqual({ enabled: true, actions: {} });
  });

  it.each([
    ["a rate of 0", { default: { ratePerSecond: 0 } }, "quotas.default.ratePerSecond"],
    ["a fractional burst", { actions: { CreateStreamingJob: { ratePerSecond: 1, burst: 1.5 } } }, "quotas.actions.CreateStreamingJob.burst"],
    ["an unknown field", { actions: { CreateStreamingJob: { rate: 1 } } }, "quotas.actions.CreateStreamingJob"],
    ["a limit without a rate", { default: { burst: 3 } }, "quotas.default.ratePerSecond"],
  ])("rejects %s, naming the path", (_name, quotas, path) => {
    expect(() => parseInventory({ accessKeys: DEFAULT_INVENTORY.accessKeys, quotas })).toThrow(new RegExp(`- ${path.replace(/\./g, "\\.")}: `));
  });

  it("rejects a quota for an action the emulator does not serve, listing the ones it does", async () => {
    await expect(
      startEmulator({ inventory: { ...DEFAULT_INVENTORY, quotas: { actions: { CreateStreamJob: { ratePerSecond: 1 } } } }, log: noop }),
    ).rejects.toThrow(/quotas\.actions names "CreateStreamJob", which the emulator does not serve;.*CreateStreamingJob.*CreateTransferTask/);
  });
});

describe("the CLI's quota flags", () => {
  it("leaves quotas off without a quota flag", () => {
    expect(parseCliArgs([], noop).quotas).toBeUndefined();
  });

  it("maps --quotas, --quota-rate, --quota-burst and repeated --quota", () => {
    expect(parseCliArgs(["--quotas"], noop).quotas).toEqual({ enabled: true, actions: {} });
    expect(parseCliArgs(["--quota-rate", "0.5", "--quota-burst", "2", "--quota", "CreateStreamingJob=1/3", "--quota", "ListStreams=4"], noop).quotas).toEqual({
      enabled: true,
      default: { ratePerSecond: 0.5, burst: 2 },
      actions: { CreateStreamingJob: { ratePerSecond: 1, burst: 3 }, ListStreams: { ratePerSecond: 4 } },
    });
  });

  it.each([
    ["--quota without a rate", ["--quota", "CreateStreamingJob"], /--quota needs ACTION=RATE/],
    ["--quota with a negative rate", ["--quota", "CreateStreamingJob=-1"], /--quota needs ACTION=RATE/],
    ["--quota-rate that is not a number", ["--quota-rate", "fast"], /--quota-rate needs a non-negative number, got "fast"/],
    ["--quota-burst that is fractional", ["--quota-burst", "1.5"], /--quota-burst needs a non-negative integer, got "1.5"/],
  ])("rejects %s", (_name, argv, message) => {
    expect(() => parseCliArgs(argv, noop)).toThrow(message);
  });

  it("rejects a quota rate of 0 when the emulator starts, naming the option", async () => {
    await expect(startEmulator({ ...parseCliArgs(["--quota-rate", "0"], noop), port: 0 })).rejects.toThrow(/quotas\.default\.ratePerSecond: /);
  });
});
