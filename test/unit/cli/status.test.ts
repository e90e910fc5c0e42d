/** What `status` prints per stack: health, the promotion record, a revision deployed outside a promotion, drift from the record. */
import { describe, expect, it } from "vitest";
import { parseStatusArgs, statusLines } from "../../../cli/status";

const REV = "a".repeat(40);
const job = { name: "orders", type: "StreamingJob", healthy: true, status: "Running" };
const record = { revision: REV, fingerprint: "f".repeat(64), source: "staging", sourceFingerprint: "e".repeat(64), promotedAt: "2026-05-01T12:00:00.000Z" };

describe("statusLines", () => {
  it("shows a promoted stack's record and health", () => {
    expect(
      statusLines({
        stack: "prod",
        record,
        fingerprintMatches: true,
        lastRevision: REV,
        lastResult: "succeeded",
        lastTime: new Date("2026-05-01T12:00:00Z"),
        health: [job],
      }),
    ).toEqual([
      "prod: healthy (1 jobs)",
      `  revision ${REV}, promoted from staging at 2026-05-01T12:00:00.000Z, fingerprint ffffffffffff`,
      "  last update succeeded at 2026-05-01T12:00:00.000Z",
      "  ✓ orders (StreamingJob): Running",
    ]);
  });

  it("flags unhealthy jobs, drift from the record, and an update that was not a promotion", () => {
    const sick = { ...job, healthy: false, status: "Exception", reason: "Exception, expected Running: x" };
    const lines = statusLines({ stack: "prod", record, fingerprintMatches: false, lastRevision: "b".repeat(40), lastResult: "succeeded", health: [sick] });
    expect(lines[0]).toBe("prod: UNHEALTHY (1 of 1 jobs)");
    expect(lines).toContain("  changed since the promotion: its resources no longer match the recorded fingerprint");
    expect(lines).toContain(`  last update ran revision ${"b".repeat(40)} (not through a promotion)`);
    expect(statusLines({ stack: "dev", health: [] })).toEqual(["dev: no jobs", "  never updated"]);
  });
});

describe("parseStatusArgs", () => {
  it("takes stacks (default none: every stack) and a directory", () => {
    expect(parseStatusArgs([]).stacks).toEqual([]);
    expect(parseStatusArgs(["--stack", "a", "--stack", "b"]).stacks).toEqual(["a", "b"]);
    expect(() => parseStatusArgs(["x"])).toThrow(/unexpected argument/);
  });
});
