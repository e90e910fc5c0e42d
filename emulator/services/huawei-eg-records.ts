/**
 * How EventRouter jobs are kept in the store: their shape and the table that reads them back.
 *
 * A job stores only the transition it is in (CREATING, STARTING, UPDATING, STOPPING, DELETING), where
 * it rests once that settles (running, stopped, or gone) and when it settles; the status is computed
 * from those and the clock at read time (huawei-eg-status.ts). Every transition and rest name here is
 * [inferred]: the API reference documents none of them.
 */
import type { QueueEngine } from "../inventory";
import type { SettleAt } from "../lifecycle";
import type { Store } from "../store";
import type { EndpointParams } from "./huawei-eg-validation";

export type Transition = "CREATING" | "STARTING" | "UPDATING" | "STOPPING" | "DELETING";
export type Rest = "RUNNING" | "STOPPED" | "GONE";

export interface EgJobRecord {
  readonly projectId: string;
  readonly jobId: string;
  readonly clusterId: string;
  /** The queue engine it replicates (stored under `kind`, the key state files have always had). */
  readonly kind: QueueEngine;
  name: string;
  description: string;
  sceneType: string;
  /** Normalised to objects; passwords are kept (the job needs them) but never answered. */
  sourceConfig: Record<string, EndpointParams>;
  sinkConfig: Record<string, EndpointParams>;
  advanceConfig: Record<string, object>;
  readonly createdTime: number;
  updatedTime: number;
  transition: Transition | null;
  rest: Rest;
  settleAt: SettleAt;
}

/** Jobs keyed `<projectId>/<jobId>`, so a project's jobs list together. */
export class EgJobTable {
  private static readonly COLLECTION = "huawei.eg.jobs";

  constructor(private readonly store: Store) {}

  all(projectId: string): EgJobRecord[] {
    const prefix = `${projectId}/`;
    return this.store
      .list(EgJobTable.COLLECTION)
      .filter((e) => e.key.startsWith(prefix))
      .map((e) => e.value as EgJobRecord);
  }

  get(projectId: string, jobId: string): EgJobRecord | undefined {
    return this.store.get(EgJobTable.COLLECTION, `${projectId}/${jobId}`) as EgJobRecord | undefined;
  }

  put(record: EgJobRecord): void {
    this.store.put(EgJobTable.COLLECTION, `${record.projectId}/${record.jobId}`, record);
  }

  /** Forgets the project's jobs that are `gone` (those whose delete has settled, see huawei-eg-status.ts). */
  sweep(projectId: string, gone: (r: EgJobRecord) => boolean): void {
    for (const r of this.all(projectId)) {
      if (gone(r)) this.store.delete(EgJobTable.COLLECTION, `${r.projectId}/${r.jobId}`);
    }
  }
}
