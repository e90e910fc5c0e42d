import { describe, expect, it } from "vitest";
import { NonceCache, SIGNATURE_WINDOW_MS } from "../../emulator/auth/alibaba";
import { FaultQueue } from "../../emulator/faults";
import { RequestLog, redactParams } from "../../emulator/request-log";

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

describe("NonceCache", () => {
  it("rejects a nonce reused inside the window and accepts it after", () => {
    const c = new NonceCache();
    expect(c.use("k", "n", 0)).toBe(true);
    expect(c.use("k", "n", SIGNATURE_WINDOW_MS - 1)).toBe(false);
    expect(c.use("other-key", "n", 1)).toBe(true);
    expect(c.use("k", "n", SIGNATURE_WINDOW_MS)).toBe(true);
  });
});

describe("RequestLog", () => {
  const entry = { time: "t", product: "gpdb", action: "A", params: {}, status: 200, requestId: "R" };

  it("numbers entries and returns those after a seq", () => {
    const log = new RequestLog();
    log.append(entry);
    log.append(entry);
    expect(log.since(0).requests.map((e) => e.seq)).toEqual([1, 2]);
    expect(log.since(1)).toMatchObject({ requests: [{ seq: 2 }], next: 2 });
    expect(log.since(2)).toEqual({ requests: [], next: 2 });
  });

  it("keeps only the newest entries in memory", () => {
    const log = new RequestLog({ capacity: 2 });
    for (let i = 0; i < 5; i++) log.append(entry);
    expect(log.since(0).requests.map((e) => e.seq)).toEqual([4, 5]);
  });

  it("redacts secret parameters and sorts keys", () => {
    expect(redactParams({ b: "1", Password: "p", a: "2" }, new Set(["Password"]))).toEqual({ Password: "REDACTED", a: "2", b: "1" });
  });
});
