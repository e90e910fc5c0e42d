/**
 * Whether the jobs of a stack are healthy now, read back from the cloud without changing the stack:
 * a refresh preview (`pulumi refresh --preview-only`) calls every resource's `read` with the
 * stack's own config and provider code and reports what it found in its engine events, but writes
 * nothing to the state. A resource is healthy when its status field shows the state it should be in
 * (its `desiredStatus` when it has one, else running) and its error field is empty; one that `read`
 * finds gone is unhealthy.
 */
import type { EngineEvent, Stack } from "@pulumi/pulumi/automation";
import { resourceOf } from "./review";

interface HealthRule {
  /** The output holding the status. */
  readonly status: string;
  /** The status of a running object. */
  readonly running: string;
  /** The output holding the service's reason, when the resource has one. */
  readonly error?: string;
  /** The input naming the status the user wants (RUNNING, STOPPED, PAUSED), when the resource has one. */
  readonly desired?: string;
  /** A status that means "nothing runs, by design" (a batch DISyncTask has no realtime instance). */
  readonly idle?: string;
}

const RULES: Readonly<Record<string, HealthRule>> = {
  "pulumi-nodejs:dynamic/alicloud:StreamingDataService": { status: "status", running: "Running" },
  "pulumi-nodejs:dynamic/alicloud:StreamingDataSource": { status: "status", running: "running", error: "errorMessage" },
  "pulumi-nodejs:dynamic/alicloud:StreamingJob": { status: "status", running: "Running", error: "errorMessage" },
  "pulumi-nodejs:dynamic/alicloud:DISyncTask": { status: "status", running: "RUN", idle: "" },
  "pulumi-nodejs:dynamic/huaweicloud:DisStream": { status: "status", running: "RUNNING" },
  "pulumi-nodejs:dynamic/huaweicloud:DwsTransferTask": { status: "state", running: "RUNNING", error: "errorMessage", desired: "desiredStatus" },
  "pulumi-nodejs:dynamic/huaweicloud:EventRouterJob": { status: "status", running: "RUNNING", error: "errMessage", desired: "desiredStatus" },
};

export interface JobHealth {
  readonly name: string;
  readonly type: string;
  readonly healthy: boolean;
  /** The status the cloud reported ("gone" when the object no longer exists). */
  readonly status: string;
  /** Why it is unhealthy: the expected status and the service's reason. */
  readonly reason?: string;
}

const text = (v: unknown): string => (typeof v === "string" ? v : v === undefined || v === null ? "" : String(v));

/** The health of one resource from its outputs; undefined for a type with no status (not this package's). */
export function healthOf(urn: string, type: string, outputs: Record<string, unknown> | undefined): JobHealth | undefined {
  const rule = RULES[type];
  if (rule === undefined) return undefined;
  const { name } = resourceOf(urn);
  const short = type.split(":").pop() ?? type;
  if (outputs === undefined) return { name, type: short, healthy: false, status: "gone", reason: "not found in the cloud" };
  const status = text(outputs[rule.status]);
  const expected = (rule.desired && text(outputs[rule.desired])) || rule.running;
  const error = rule.error ? text(outputs[rule.error]) : "";
  const ok = (status === expected || (rule.idle !== undefined && status === rule.idle)) && error === "";
  if (ok) return { name, type: short, healthy: true, status: status || "idle" };
  const reason = `${status || "no status"}, expected ${expected}${error ? `: ${error}` : ""}`;
  return { name, type: short, healthy: false, status: status || "none", reason };
}

/** The health of every resource a refresh preview's events report, by type then name. */
export function healthFromEvents(events: readonly EngineEvent[]): JobHealth[] {
  const found = new Map<string, JobHealth>();
  for (const e of events) {
    const m = e.resOutputsEvent?.metadata;
    if (m === undefined) continue;
    const gone = m.op === "delete" || m.new === undefined;
    const h = healthOf(m.urn, m.type, gone ? undefined : (m.new?.outputs as Record<string, unknown> | undefined));
    if (h !== undefined) found.set(m.urn, h);
  }
  return [...found.values()].sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name));
}

/** Reads every job of the stack back from the cloud (a refresh preview: the state is left as it is). */
export async function readHealth(stack: Stack): Promise<JobHealth[]> {
  const events: EngineEvent[] = [];
  await stack.previewRefresh({ onEvent: (e) => void events.push(e) });
  return healthFromEvents(events);
}

/** Polls until every job is healthy or the deadline passes; the last reading either way. */
export async function waitHealthy(stack: Stack, timeoutMs: number, intervalMs = 2000): Promise<JobHealth[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const health = await readHealth(stack);
    if (health.every((h) => h.healthy) || Date.now() + intervalMs > deadline) return health;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** One line per job: `name (Type): Status` and the reason when unhealthy. */
export const healthLine = (h: JobHealth): string => `${h.healthy ? "✓" : "✗"} ${h.name} (${h.type}): ${h.healthy ? h.status : h.reason}`;
