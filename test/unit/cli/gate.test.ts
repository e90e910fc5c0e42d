/**
 * The gate's decisions: it opens only when the source's last update succeeded on the same clean
 * revision, nothing is pending there, every job is healthy and the soak time has passed; each
 * refusal names its subject and why.
 */
import type { UpdateSummary } from "@pulumi/pulumi/automation";
import { describe, expect, it } from "vitest";
import { type GateInput, formatDuration, gateRefusals, lastUpdateOf, parseDuration } from "../../../cli/gate";

const REV = "a".repeat(40);
const OTHER = "b".repeat(40);
const NOW = new Date("2026-05-01T12:00:00Z");
const healthy = { name: "orders", type: "StreamingJob", healthy: true, status: "Running" };
const open: GateInput = {
  source: "staging",
  revision: REV,
  allowDirty: false,
  lastUpdate: { result: "succeeded", revision: REV, dirty: false, endTime: new Date("2026-05-01T11:00:00Z") },
  pending: [],
  health: [healthy],
  now: NOW,
};

describe("gateRefusals", () => {
  it("opens for a healthy source that ran this clean revision", () => {
    expect(gateRefusals(open)).toEqual([]);
    expect(gateRefusals({ ...open, minSoakMs: 3_600_000 })).toEqual([]);
  });

  it("refuses a revision the source never ran, a failed or missing update, and one without a commit", () => {
    expect(gateRefusals({ ...open, lastUpdate: { ...open.lastUpdate!, revision: OTHER } })).toEqual([
      {
        subject: "staging",
        reason: `staging last ran revision ${OTHER.slice(0, 12)}, not ${REV.slice(0, 12)}: revision ${REV.slice(0, 12)} was never deployed to staging`,
      },
    ]);
    expect(gateRefusals({ ...open, lastUpdate: { ...open.lastUpdate!, result: "failed" } })[0]?.reason).toBe("the last update of staging failed");
    expect(gateRefusals({ ...open, lastUpdate: undefined })[0]?.reason).toMatch(/never updated/);
    const { revision: _, ...noCommit } = open.lastUpdate!;
    expect(gateRefusals({ ...open, lastUpdate: noCommit })[0]?.reason).toMatch(/no git commit/);
  });

  it("refuses an update that ran uncommitted changes unless dirty trees are allowed", () => {
    const dirty = { ...open, lastUpdate: { ...open.lastUpdate!, dirty: true } };
    expect(gateRefusals(dirty)[0]?.reason).toMatch(/uncommitted changes/);
    expect(gateRefusals({ ...dirty, allowDirty: true })).toEqual([]);
  });

  it("names each unhealthy job and each pending change", () => {
    const sick = { name: "clicks", type: "EventRouterJob", healthy: false, status: "ERROR", reason: "ERROR, expected RUNNING: broker down" };
    expect(gateRefusals({ ...open, health: [healthy, sick], pending: [{ name: "ingest (StreamingDataService)", op: "update" }] })).toEqual([
      { subject: "ingest (StreamingDataService)", reason: `staging would update it: its state is not what revision ${REV.slice(0, 12)} deploys` },
      { subject: "clicks", reason: "EventRouterJob in staging is ERROR, expected RUNNING: broker down" },
    ]);
  });

  it("refuses a source that has not soaked long enough", () => {
    expect(gateRefusals({ ...open, minSoakMs: 2 * 3_600_000 })).toEqual([
      { subject: "staging", reason: "staging has run this revision for 60m, less than the minimum soak of 2h0m" },
    ]);
  });
});

describe("lastUpdateOf", () => {
  const entry = (kind: string, result: string, env: Record<string, string>): UpdateSummary =>
    ({
      kind,
      result,
      environment: env,
      startTime: "2026-05-01T10:00:00Z",
      endTime: "2026-05-01T10:01:00Z",
      message: "",
      version: 1,
      config: {},
    }) as unknown as UpdateSummary;

  it("takes the newest update, skipping refreshes, with its git commit and dirtiness", () => {
    expect(lastUpdateOf([entry("refresh", "succeeded", {}), entry("update", "succeeded", { "git.head": REV, "git.dirty": "false" })])).toEqual({
      result: "succeeded",
      revision: REV,
      dirty: false,
      endTime: new Date("2026-05-01T10:01:00Z"),
    });
    expect(lastUpdateOf([entry("update", "failed", { "git.dirty": "true" })])).toMatchObject({ result: "failed", dirty: true });
    expect(lastUpdateOf([entry("destroy", "succeeded", {})])).toBeUndefined();
  });
});

describe("durations", () => {
  it("parses s, m, h, d and combinations, and refuses anything else", () => {
    expect([parseDuration("90s"), parseDuration("10m"), parseDuration("1h30m"), parseDuration("1d")]).toEqual([90_000, 600_000, 5_400_000, 86_400_000]);
    for (const bad of ["", "10", "5x", "1h 2m", "m"]) expect(() => parseDuration(bad)).toThrow(/a duration is like/);
    expect([formatDuration(5_000), formatDuration(600_000), formatDuration(9_000_000)]).toEqual(["5s", "10m", "2h30m"]);
  });
});
