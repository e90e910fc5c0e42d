/**
 * The status of DIS streams and dump tasks over the emulator clock: a stream is CREATING until it
 * settles, then RUNNING; a dump task shows its transition (STARTING) until it settles, then rests
 * PAUSED, or RUNNING or ERROR as its DWS cluster allows, judged against the inventory when read.
 * Computed from stored instants at read time, so it survives a restart and follows a manual clock
 * without timers (see lifecycle.ts).
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { Inventory } from "../inventory";
import { isSettled } from "../lifecycle";
import type { DisStreamRecord, DisTaskRecord, DwsDescriptor } from "./huawei-dis-records";

export type StreamStatus = "CREATING" | "RUNNING";
/** The task states the emulator shows; the API's enum also has DELETE and ABNORMAL, which it never reaches. */
export type TaskState = "STARTING" | "RUNNING" | "PAUSED" | "ERROR";

export function streamStatus(r: DisStreamRecord, now: number): StreamStatus {
  return isSettled(r.settleAt, now) ? "RUNNING" : "CREATING";
}

/** The state now; `problem` says why a task that rests running cannot run (undefined: it can). */
export function taskState(r: DisTaskRecord, now: number, problem: () => string | undefined): TaskState {
  if (r.transition !== null && !isSettled(r.settleAt, now)) return r.transition;
  if (r.rest === "PAUSED") return "PAUSED";
  return problem() === undefined ? "RUNNING" : "ERROR";
}

/**
 * [inferred] A running task delivers once per `deliver_time_interval` from the moment it started
 * running; the last of those instants is its `last_transfer_timestamp`. Otherwise the value frozen
 * when it last stopped (0 before any delivery).
 */
export function lastTransferAt(r: DisTaskRecord, state: TaskState, now: number): number {
  if (state !== "RUNNING" || r.settleAt === null) return r.lastTransfer;
  const intervalMs = r.descriptor.deliver_time_interval * 1000;
  const rounds = Math.floor((now - r.settleAt) / intervalMs);
  return rounds >= 1 ? r.settleAt + rounds * intervalMs : r.lastTransfer;
}

function samePassword(a: string, b: string): boolean {
  // Compared as digests so neither the length nor the content leaks through timing.
  return timingSafeEqual(createHash("sha256").update(a).digest(), createHash("sha256").update(b).digest());
}

/**
 * [inferred] Why a DWS dump task cannot run, judged against the inventory when read: the cluster
 * rejects its credentials (when the cluster lists users), or the target table does not exist (when
 * it lists tables). The wording follows GaussDB(DWS)'s own messages; the service's are undocumented.
 */
export function dwsProblem(d: DwsDescriptor, projectId: string, inventory: Inventory): string | undefined {
  const cluster = inventory.huawei.dwsClusters.find((c) => c.id === d.dws_cluster_id && c.projectId === projectId);
  if (cluster === undefined) return `DWS cluster ${d.dws_cluster_id} no longer exists.`;
  const where = `DWS cluster ${cluster.name} (${cluster.id})`;
  if (cluster.users !== undefined) {
    const user = cluster.users.find((u) => u.name === d.user_name);
    if (user === undefined || !samePassword(user.password, d.user_password)) {
      return `Failed to connect to ${where} as user ${JSON.stringify(d.user_name)}: FATAL: Invalid username/password,login denied.`;
    }
  }
  const table = `${d.dws_schema}.${d.dws_table_name}`;
  if (cluster.tables !== undefined && !cluster.tables.includes(table)) {
    return `Failed to load into ${where}, database ${d.dws_database_name}: ERROR: relation "${table}" does not exist.`;
  }
  return undefined;
}
