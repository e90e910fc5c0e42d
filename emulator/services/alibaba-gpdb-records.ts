/**
 * How gpdb streaming objects are kept in the store. Each record keeps the caller's fields under
 * their wire names, verbatim (enum case included), so Describe can echo them back as the service
 * does; ids are small integers allocated per instance and per collection.
 */
import type { gpdb } from "../../provider/apis/alibaba-gpdb";
import type { SettleAt } from "../lifecycle";
import type { DecodedParams } from "../routers/alibaba-params";
import type { Store } from "../store";

type Params<A extends keyof typeof gpdb.actions> = DecodedParams<(typeof gpdb.actions)[A]["params"]>;

/** Addressing and lifecycle shared by services, data sources and jobs. */
interface RecordBase {
  readonly instanceId: string;
  readonly id: number;
  readonly createTime: number;
  modifyTime: number;
  settleAt: SettleAt;
}

export interface ServiceRecord extends RecordBase {
  fields: Pick<Params<"CreateStreamingDataService">, "ServiceName" | "ServiceSpec" | "ServiceDescription">;
}

export interface DataSourceRecord extends RecordBase {
  readonly serviceId: number;
  fields: Pick<Params<"CreateStreamingDataSource">, "DataSourceName" | "DataSourceType" | "DataSourceConfig" | "DataSourceDescription">;
}

/** Everything a job keeps: the Create parameters minus addressing and the never-echoed TryRun. */
export type JobFields = Omit<Params<"CreateStreamingJob">, "DBInstanceId" | "RegionId" | "DataSourceId" | "TryRun">;

export interface JobRecord extends RecordBase {
  readonly dataSourceId: number;
  fields: JobFields;
  /**
   * A failure injected through the control route (`/__emulator/streaming-jobs/exception`): once
   * settled the job shows Exception with this message, whatever the inventory says, until cleared.
   */
  injectedException?: string;
}

/** One collection of records, keyed `<instanceId>/<id>` so an instance's records list together. */
export class RecordTable<R extends RecordBase> {
  constructor(
    private readonly store: Store,
    private readonly collection: string,
  ) {}

  all(instanceId: string): R[] {
    const prefix = `${instanceId}/`;
    return this.store
      .list(this.collection)
      .filter((e) => e.key.startsWith(prefix))
      .map((e) => e.value as R)
      .sort((a, b) => a.id - b.id);
  }

  get(instanceId: string, id: number): R | undefined {
    return this.store.get(this.collection, `${instanceId}/${id}`) as R | undefined;
  }

  put(record: R): void {
    this.store.put(this.collection, `${record.instanceId}/${record.id}`, record);
  }

  delete(instanceId: string, id: number): void {
    this.store.delete(this.collection, `${instanceId}/${id}`);
  }

  /** Ids are never reused, even after a delete, as cloud ids are not. */
  nextId(instanceId: string): number {
    return this.store.nextId(`${this.collection}/${instanceId}`);
  }
}

export class GpdbRecords {
  readonly services: RecordTable<ServiceRecord>;
  readonly dataSources: RecordTable<DataSourceRecord>;
  readonly jobs: RecordTable<JobRecord>;

  constructor(store: Store) {
    this.services = new RecordTable(store, "alibaba.gpdb.streamingDataServices");
    this.dataSources = new RecordTable(store, "alibaba.gpdb.streamingDataSources");
    this.jobs = new RecordTable(store, "alibaba.gpdb.streamingJobs");
  }
}

/**
 * Sets (a message) or clears (undefined) a job's injected exception; false when the instance has
 * no such job. The control route's only way into the records.
 */
export function injectJobException(store: Store, instanceId: string, jobId: number, message: string | undefined): boolean {
  const jobs = new GpdbRecords(store).jobs;
  const job = jobs.get(instanceId, jobId);
  if (job === undefined) return false;
  const { injectedException: _, ...rest } = job;
  jobs.put(message === undefined ? rest : { ...rest, injectedException: message });
  return true;
}

/** Ids that the table types as strings (e.g. DescribeStreamingDataService.ServiceId) still name integers. */
export function parseId(raw: string): number | undefined {
  return /^\d{1,15}$/.test(raw) ? Number(raw) : undefined;
}
