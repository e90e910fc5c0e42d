/**
 * The promotion gate's decision, as a pure function of what was read: the source stack's last
 * update (Pulumi records the program's git commit and whether the tree was dirty in every update's
 * metadata, `git.head` and `git.dirty`, so a plain `pulumi up` counts as much as a promotion), the
 * source's pending changes for this revision (none: its state is what the revision deploys there),
 * its jobs' health read from the cloud now, and the minimum soak time since that update ended.
 * Each refusal names its subject (a job, or the stack) and why.
 */
import type { UpdateSummary } from "@pulumi/pulumi/automation";
import type { JobHealth } from "./health";

export interface LastUpdate {
  readonly result: string;
  /** The git commit the update ran, when the program was in a git repository. */
  readonly revision?: string;
  readonly dirty: boolean;
  readonly endTime?: Date;
}

/** A resource the source's preview would change, with the engine's operation. */
export interface PendingChange {
  readonly name: string;
  readonly op: string;
}

export interface GateInput {
  readonly source: string;
  readonly revision: string;
  readonly allowDirty: boolean;
  readonly lastUpdate: LastUpdate | undefined;
  readonly pending: readonly PendingChange[];
  readonly health: readonly JobHealth[];
  readonly minSoakMs?: number;
  readonly now: Date;
}

export interface Refusal {
  /** A job's name, or the stack's. */
  readonly subject: string;
  readonly reason: string;
}

/** The most recent update (not refresh or destroy) of a stack's history, newest first as the CLI lists it. */
export function lastUpdateOf(history: readonly UpdateSummary[]): LastUpdate | undefined {
  const u = history.find((h) => h.kind === "update");
  if (u === undefined) return undefined;
  const env = u.environment ?? {};
  const end = u.endTime ? new Date(u.endTime) : undefined;
  return { result: u.result, dirty: env["git.dirty"] === "true", ...(env["git.head"] ? { revision: env["git.head"] } : {}), ...(end ? { endTime: end } : {}) };
}

const shortRev = (r: string) => r.slice(0, 12);

function updateRefusals(i: GateInput): Refusal[] {
  const u = i.lastUpdate;
  const s = i.source;
  if (u === undefined) return [{ subject: s, reason: `${s} was never updated: deploy revision ${shortRev(i.revision)} there first` }];
  if (u.result !== "succeeded") return [{ subject: s, reason: `the last update of ${s} ${u.result === "in-progress" ? "is still running" : "failed"}` }];
  if (u.revision === undefined) return [{ subject: s, reason: `the last update of ${s} recorded no git commit (the program was not in a git repository)` }];
  if (u.revision !== i.revision) {
    return [
      {
        subject: s,
        reason: `${s} last ran revision ${shortRev(u.revision)}, not ${shortRev(i.revision)}: revision ${shortRev(i.revision)} was never deployed to ${s}`,
      },
    ];
  }
  if (u.dirty && !i.allowDirty) return [{ subject: s, reason: `the last update of ${s} ran uncommitted changes on top of ${shortRev(u.revision)}` }];
  return [];
}

function soakRefusals(i: GateInput): Refusal[] {
  const end = i.lastUpdate?.endTime;
  if (i.minSoakMs === undefined || end === undefined) return [];
  const soaked = i.now.getTime() - end.getTime();
  if (soaked >= i.minSoakMs) return [];
  return [
    {
      subject: i.source,
      reason: `${i.source} has run this revision for ${formatDuration(soaked)}, less than the minimum soak of ${formatDuration(i.minSoakMs)}`,
    },
  ];
}

/** Why the promotion must not go ahead; empty when the gate opens. */
export function gateRefusals(i: GateInput): Refusal[] {
  const pending = i.pending.map((p) => ({
    subject: p.name,
    reason: `${i.source} would ${p.op} it: its state is not what revision ${shortRev(i.revision)} deploys`,
  }));
  const sick = i.health.filter((h) => !h.healthy).map((h) => ({ subject: h.name, reason: `${h.type} in ${i.source} is ${h.reason ?? "unhealthy"}` }));
  return [...updateRefusals(i), ...pending, ...sick, ...soakRefusals(i)];
}

const UNITS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `90s`, `10m`, `2h`, `1d` (or combined, `1h30m`) in milliseconds. */
export function parseDuration(text: string): number {
  const parts = [...text.matchAll(/(\d+)([smhd])/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== text) throw new Error(`a duration is like 90s, 10m, 2h or 1d, got ${JSON.stringify(text)}`);
  return parts.reduce((sum, p) => sum + Number(p[1]) * (UNITS[p[2] ?? "s"] ?? 0), 0);
}

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.floor(s / 60)}m`;
  return `${Math.floor(s / 3600)}h${Math.floor((s % 3600) / 60)}m`;
}
