/**
 * Health from a refresh preview's events: each type's status field against its running (or
 * desired) status, the error field empty, a resource `read` found gone unhealthy, other types
 * ignored.
 */
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { describe, expect, it } from "vitest";
import { healthFromEvents, healthLine, healthOf } from "../../../cli/health";

const T = (t: string) => `pulumi-nodejs:dynamic/${t}`;
const urn = (type: string, name: string) => `urn:pulumi:staging::p::${type}::${name}`;
const outputsEvent = (type: string, name: string, outputs?: Record<string, unknown>, op = "same") =>
  ({
    sequence: 1,
    timestamp: 1,
    resOutputsEvent: { metadata: { op, urn: urn(type, name), type, ...(outputs ? { new: { outputs } } : {}) } },
  }) as unknown as EngineEvent;

describe("healthOf", () => {
  it("is healthy at the running status with no error", () => {
    expect(healthOf(urn(T("alicloud:StreamingJob"), "orders"), T("alicloud:StreamingJob"), { status: "Running", errorMessage: "" })).toEqual({
      name: "orders",
      type: "StreamingJob",
      healthy: true,
      status: "Running",
    });
  });

  it("names the status, the expected one and the service's reason when not", () => {
    const h = healthOf(urn(T("alicloud:StreamingJob"), "orders"), T("alicloud:StreamingJob"), { status: "Exception", errorMessage: "FATAL: boom" });
    expect(h).toMatchObject({ healthy: false, reason: "Exception, expected Running: FATAL: boom" });
    expect(healthLine(h!)).toBe("✗ orders (StreamingJob): Exception, expected Running: FATAL: boom");
    expect(healthOf(urn(T("huaweicloud:EventRouterJob"), "j"), T("huaweicloud:EventRouterJob"), { status: "RUNNING", errMessage: "lag" })?.healthy).toBe(false);
  });

  it("follows a desired status, lets a batch DISyncTask be idle, and skips other types", () => {
    const dws = T("huaweicloud:DwsTransferTask");
    expect(healthOf(urn(dws, "d"), dws, { state: "PAUSED", desiredStatus: "PAUSED", errorMessage: "" })?.healthy).toBe(true);
    expect(healthOf(urn(dws, "d"), dws, { state: "RUNNING", desiredStatus: "PAUSED", errorMessage: "" })?.reason).toBe("RUNNING, expected PAUSED");
    const di = T("alicloud:DISyncTask");
    expect(healthOf(urn(di, "t"), di, { status: "" })).toMatchObject({ healthy: true, status: "idle" });
    expect(healthOf(urn(di, "t"), di, { status: "PAUSE" })?.healthy).toBe(false);
    expect(healthOf(urn("pulumi:pulumi:Stack", "s"), "pulumi:pulumi:Stack", {})).toBeUndefined();
  });
});

describe("healthFromEvents", () => {
  it("reads the outputs of each resource, a gone one unhealthy, sorted by type then name", () => {
    const job = T("alicloud:StreamingJob");
    const svc = T("alicloud:StreamingDataService");
    const events = [
      outputsEvent(job, "b", { status: "Running", errorMessage: "" }),
      outputsEvent(svc, "ingest", { status: "Running" }),
      outputsEvent(job, "a", undefined, "delete"),
      outputsEvent("pulumi:providers:pulumi-nodejs", "default", {}),
    ];
    expect(healthFromEvents(events).map((h) => [h.name, h.healthy, h.status])).toEqual([
      ["ingest", true, "Running"],
      ["a", false, "gone"],
      ["b", true, "Running"],
    ]);
  });
});
