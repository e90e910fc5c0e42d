/**
 * How DIS streams and dump tasks are kept in the store: their shapes, ids, partitions and hash
 * ranges, and the tables that read them back.
 *
 * A stream stores when it settles (CREATING → RUNNING); a dump task stores the transition it is in
 * (only STARTING has one), where it rests afterwards (running or paused) and when it settles. The
 * status is computed from those and the clock at read time (huawei-dis-status.ts).
 */
import { randomBytes } from "node:crypto";
import type { SettleAt } from "../lifecycle";
import type { Store } from "../store";

export type StreamType = "COMMON" | "ADVANCED";
export type PartitionStatus = "ACTIVE" | "DELETED";

export interface Tag {
  readonly key: string;
  readonly value: string;
}

export interface PartitionRecord {
  /** `shardId-` and this, zero-padded to 10 digits. */
  readonly index: number;
  status: PartitionStatus;
  /** `[low : high]` of the 63-bit key hash space, as DIS writes it. */
  hashRange: string;
}

/** One scale operation, for `update_partition_counts` and the per-hour limit. */
export interface ScaleRecord {
  readonly at: number;
  readonly from: number;
  readonly to: number;
}

export interface DisStreamRecord {
  readonly projectId: string;
  readonly streamId: string;
  readonly streamName: string;
  readonly streamType: StreamType;
  readonly dataType: "BLOB" | "JSON" | "CSV";
  /** `data_duration` on create, `retention_period` on read, in hours. */
  readonly retentionHours: number;
  readonly autoScaleEnabled: boolean;
  readonly autoScaleMin: number | null;
  readonly autoScaleMax: number | null;
  readonly dataSchema: string | null;
  readonly csvProperties: { readonly delimiter?: string } | null;
  readonly compressionFormat: string | null;
  tags: Tag[];
  readonly sysTags: Tag[];
  partitions: PartitionRecord[];
  scales: ScaleRecord[];
  readonly createdTime: number;
  lastModifiedTime: number;
  /** When CREATING ends (null: a stuck fault pinned it). */
  readonly settleAt: SettleAt;
}

/** The DWS descriptor as stored: the create fields with defaults applied, the password kept (never answered). */
export interface DwsDescriptor {
  readonly task_name: string;
  readonly agency_name: string;
  readonly deliver_time_interval: number;
  readonly consumer_strategy: string;
  readonly dws_cluster_name: string;
  readonly dws_cluster_id: string;
  readonly dws_database_name: string;
  readonly dws_schema: string;
  readonly dws_table_name: string;
  readonly dws_delimiter: string;
  readonly user_name: string;
  readonly user_password: string;
  readonly kms_user_key_name: string;
  readonly kms_user_key_id: string;
  readonly obs_bucket_path: string;
  readonly file_prefix: string | null;
  /** A string, as both SDKs type it. */
  readonly retry_duration: string;
  readonly dws_table_columns: string | null;
  readonly options: Readonly<Record<string, string>> | null;
}

export interface DisTaskRecord {
  readonly projectId: string;
  readonly streamName: string;
  /** The stream the task was created on (a name can be reused after a delete; its tasks go with it). */
  readonly streamId: string;
  readonly taskId: string;
  readonly taskName: string;
  readonly destinationType: "DWS";
  readonly descriptor: DwsDescriptor;
  readonly createdTime: number;
  transition: "STARTING" | null;
  rest: "RUNNING" | "PAUSED";
  settleAt: SettleAt;
  /** The last delivery instant as of when the task last stopped running (ms epoch; 0: never). */
  lastTransfer: number;
}

const ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** [inferred] Stream and task ids look like `CiFdELMr0401K8GGqSs` in the vendor's examples: 19 letters and digits. */
export function newDisId(): string {
  return [...randomBytes(19)].map((b) => ID_CHARS[b % ID_CHARS.length]).join("");
}

export function partitionId(index: number): string {
  return `shardId-${String(index).padStart(10, "0")}`;
}

/** The largest 63-bit key hash: DIS spreads keys over [0 : 2^63-1]. */
const HASH_MAX = (1n << 63n) - 1n;

/** `count` even slices of the hash space, as `[low : high]`. */
export function hashRanges(count: number): string[] {
  const width = (HASH_MAX + 1n) / BigInt(count);
  return Array.from({ length: count }, (_, i) => {
    const low = width * BigInt(i);
    const high = i === count - 1 ? HASH_MAX : width * BigInt(i + 1) - 1n;
    return `[${low} : ${high}]`;
  });
}

export function activePartitions(r: DisStreamRecord): PartitionRecord[] {
  return r.partitions.filter((p) => p.status === "ACTIVE");
}

/**
 * Scaling up adds partitions after the last one; scaling down retires the newest active ones
 * (DELETED: still readable until their data expires, no longer writable). The active ones then
 * split the hash space evenly again [inferred: DIS's real split/merge choice is not documented].
 */
export function scalePartitions(partitions: readonly PartitionRecord[], target: number): PartitionRecord[] {
  const next = partitions.map((p) => ({ ...p }));
  let active = next.filter((p) => p.status === "ACTIVE");
  if (target > active.length) {
    const first = next.length;
    for (let i = 0; i < target - active.length; i++) next.push({ index: first + i, status: "ACTIVE", hashRange: "" });
  } else {
    for (const p of active.slice(target)) p.status = "DELETED";
  }
  active = next.filter((p) => p.status === "ACTIVE");
  const ranges = hashRanges(active.length);
  active.forEach((p, i) => {
    p.hashRange = ranges[i] as string;
  });
  return next;
}

/** Streams keyed `<projectId>/<streamName>`, so a project's streams list together, in name order. */
export class DisStreamTable {
  private static readonly COLLECTION = "huawei.dis.streams";

  constructor(private readonly store: Store) {}

  all(projectId: string): DisStreamRecord[] {
    const prefix = `${projectId}/`;
    return this.store
      .list(DisStreamTable.COLLECTION)
      .filter((e) => e.key.startsWith(prefix))
      .map((e) => e.value as DisStreamRecord);
  }

  get(projectId: string, streamName: string): DisStreamRecord | undefined {
    return this.store.get(DisStreamTable.COLLECTION, `${projectId}/${streamName}`) as DisStreamRecord | undefined;
  }

  byId(projectId: string, streamId: string): DisStreamRecord | undefined {
    return this.all(projectId).find((r) => r.streamId === streamId);
  }

  put(r: DisStreamRecord): void {
    this.store.put(DisStreamTable.COLLECTION, `${r.projectId}/${r.streamName}`, r);
  }

  delete(r: DisStreamRecord): void {
    this.store.delete(DisStreamTable.COLLECTION, `${r.projectId}/${r.streamName}`);
  }
}

/** Dump tasks keyed `<projectId>/<streamName>/<taskName>`: names are unique per stream. */
export class DisTaskTable {
  private static readonly COLLECTION = "huawei.dis.tasks";

  constructor(private readonly store: Store) {}

  /** The stream's tasks in name order. */
  ofStream(stream: DisStreamRecord): DisTaskRecord[] {
    const prefix = `${stream.projectId}/${stream.streamName}/`;
    return this.store
      .list(DisTaskTable.COLLECTION)
      .filter((e) => e.key.startsWith(prefix))
      .map((e) => e.value as DisTaskRecord)
      .filter((t) => t.streamId === stream.streamId);
  }

  get(stream: DisStreamRecord, taskName: string): DisTaskRecord | undefined {
    const r = this.store.get(DisTaskTable.COLLECTION, `${stream.projectId}/${stream.streamName}/${taskName}`) as DisTaskRecord | undefined;
    return r?.streamId === stream.streamId ? r : undefined;
  }

  put(r: DisTaskRecord): void {
    this.store.put(DisTaskTable.COLLECTION, `${r.projectId}/${r.streamName}/${r.taskName}`, r);
  }

  delete(r: DisTaskRecord): void {
    this.store.delete(DisTaskTable.COLLECTION, `${r.projectId}/${r.streamName}/${r.taskName}`);
  }
}
