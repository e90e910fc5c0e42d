/**
 * The status of an EventRouter job over the emulator clock: the transition it is in until that
 * settles, then where it rests; a job that rests "running" is RUNNING or ERROR as its source and sink
 * allow, judged against the inventory when read (each side's connectivity, the topics it names).
 * Computed from stored instants at read time, so it survives a restart and follows a manual clock
 * without timers (see lifecycle.ts). Every status name here is [inferred]: the API reference
 * documents none of them.
 */
import { findHuaweiInstance, type Inventory, type QueueEngine } from "../inventory";
import { isSettled } from "../lifecycle";
import type { EgJobRecord, Transition } from "./huawei-eg-records";
import { ENGINE_KEYS, type EndpointParams } from "./huawei-eg-validation";

export type JobStatus = Transition | "RUNNING" | "STOPPED" | "ERROR";

export function inTransition(r: EgJobRecord, now: number): boolean {
  return r.transition !== null && !isSettled(r.settleAt, now);
}

export function isGone(r: EgJobRecord, now: number): boolean {
  return r.rest === "GONE" && !inTransition(r, now);
}

/** One side's connectivity as the job reports it. */
export interface Connectivity {
  readonly ok: boolean;
  readonly info: string;
}

export interface Health {
  readonly source: Connectivity;
  readonly sink: Connectivity;
  /** Why the job cannot run, when it cannot. */
  readonly error: { readonly code: string; readonly message: string } | undefined;
}

function connectivity(inventory: Inventory, engine: QueueEngine, side: "source" | "sink", p: EndpointParams | undefined): Connectivity {
  const product = ENGINE_KEYS[engine].product;
  const found = p?.instance_id ? findHuaweiInstance(inventory, p.project_id, p.instance_id) : undefined;
  if (found === undefined) return { ok: false, info: `${side} ${product} instance ${p?.instance_id ?? ""} no longer exists.` };
  if (!found.instance.reachable) {
    const first = found.instance.address.split(",")[0] ?? found.instance.address;
    return { ok: false, info: `connect to ${side} ${product} instance ${found.instance.id} (${first}) timed out.` };
  }
  return { ok: true, info: "" };
}

/**
 * [inferred] Whether a job can run: both instances exist and are reachable and, when the source
 * instance lists its topics, every literal topic the job names is one of them. The error codes are
 * the emulator's own (the service's are undocumented).
 */
export function jobHealth(r: EgJobRecord, inventory: Inventory): Health {
  const keys = ENGINE_KEYS[r.kind];
  const sourceParams = r.sourceConfig[keys.source];
  const source = connectivity(inventory, r.kind, "source", sourceParams);
  const sink = connectivity(inventory, r.kind, "sink", r.sinkConfig[keys.sink]);
  if (!source.ok) return { source, sink, error: { code: "SOURCE_CONNECT_FAILED", message: source.info } };
  if (!sink.ok) return { source, sink, error: { code: "SINK_CONNECT_FAILED", message: sink.info } };
  const advance = r.advanceConfig[keys.advance] as { topics?: string | null } | undefined;
  const instance = sourceParams?.instance_id ? findHuaweiInstance(inventory, sourceParams.project_id, sourceParams.instance_id) : undefined;
  const listed = instance !== undefined && instance.engine !== "DCS" ? instance.instance.topics : undefined;
  if (listed !== undefined && typeof advance?.topics === "string") {
    const missing = advance.topics
      .split(",")
      .map((t) => t.trim())
      .filter((t) => t !== "" && !listed.includes(t));
    if (missing.length > 0) {
      return {
        source,
        sink,
        error: {
          code: "TOPIC_NOT_FOUND",
          message: `topic ${missing.join(", ")} does not exist on source ${keys.product} instance ${instance?.instance.id ?? ""}.`,
        },
      };
    }
  }
  return { source, sink, error: undefined };
}

/** The status now; a settled delete is not a status (the job is gone, see isGone). */
export function statusOf(r: EgJobRecord, now: number, health: () => Health): JobStatus {
  if (r.transition !== null && inTransition(r, now)) return r.transition;
  if (r.rest === "STOPPED") return "STOPPED";
  return health().error === undefined ? "RUNNING" : "ERROR";
}
