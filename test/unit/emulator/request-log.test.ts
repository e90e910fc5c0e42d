/**
 * The emulator's request log: entries numbered in order, read after a mark, a bounded memory, and
 * secret parameters redacted.
 */
import { describe, expect, it } from "vitest";
import { RequestLog, redactParams } from "../../../emulator/request-log";

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
