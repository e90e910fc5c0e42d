/**
 * AnalyticDB for PostgreSQL streaming (gpdb 2016-05-03): data services → data sources → jobs,
 * scoped to a DB instance from the inventory. Parameters arrive decoded and validated against the
 * action table; this module holds the handlers: existence, hierarchy, names and the type quirks of
 * each response. The cross-field rules are alibaba-gpdb-validation.ts, the stored records
 * alibaba-gpdb-records.ts, and the status over the clock alibaba-gpdb-status.ts.
 */
import type { z } from "zod";
import { gpdb, type GpdbAction } from "../../provider/apis/alibaba-gpdb";
import { alibabaErrors, gpdbErrors, type AlibabaError } from "../errors/alibaba";
import type { AlibabaDbInstance, Inventory } from "../inventory";
import { utcSeconds } from "../clock";
import { settleAt } from "../lifecycle";
import type { DecodedParams } from "../routers/alibaba-params";
import type { RpcCall, RpcService } from "../routers/alibaba-rpc";
import type { Store } from "../store";
import { capitalised, dataSourceOutcome, jobOutcome, statusOf } from "./alibaba-gpdb-status";
import { GpdbRecords, parseId, type DataSourceRecord, type JobFields, type JobRecord, type RecordTable, type ServiceRecord } from "./alibaba-gpdb-records";
import { assertValidJob } from "./alibaba-gpdb-validation";

type Actions = (typeof gpdb)["actions"];
type Handler<A extends GpdbAction> = (call: RpcCall<DecodedParams<Actions[A]["params"]>>) => z.input<Actions[A]["response"]>;
/** One handler per table action: a missing one is a compile error. */
type Handlers = { [A in GpdbAction]: Handler<A> };

export interface GpdbServiceOptions {
  readonly store: Store;
  readonly inventory: Inventory;
  /** How long a created or modified object stays Init. */
  readonly settleMs: number;
}

/** [inferred] Fixed values for fields the emulator has nothing real to report. */
const SERVICE_PORT = 5000;
const SERVICE_OWNER_ID = "1000000000000000";
const SERVICE_TYPE = "adbpgss";

/** [inferred] The wording of the in-band refusal; the SDK's example says the service is still used by a data source. */
const serviceInUse = (serviceId: number, dataSourceIds: readonly number[]) =>
  `The streaming data service ${serviceId} is still used by data sources ${dataSourceIds.join(", ")}; delete them before the service.`;

function page<T>(items: readonly T[], params: { PageNumber?: number; PageSize?: number }): T[] {
  const number = params.PageNumber ?? 1;
  if (number < 1) throw alibabaErrors.invalidParameter("PageNumber", `${number} is less than 1.`);
  const size = params.PageSize ?? 30;
  return items.slice((number - 1) * size, number * size);
}

function ensureUniqueName<R extends { id: number }>(
  records: readonly R[],
  nameOf: (r: R) => string,
  param: "JobName" | "DataSourceName" | "ServiceName",
  name: string,
): void {
  const clash = records.find((r) => nameOf(r) === name);
  if (clash !== undefined) throw gpdbErrors.nameDuplicate(param, name, clash.id);
}

export function createGpdbService(opts: GpdbServiceOptions): RpcService {
  const records = new GpdbRecords(opts.store);
  const { inventory } = opts;

  /** RegionId, when given, must be the instance's region: another region's endpoint does not know it. */
  function instanceOf(p: { DBInstanceId: string; RegionId?: string }): AlibabaDbInstance {
    const inst = inventory.alibaba.dbInstances.find((i) => i.id === p.DBInstanceId);
    const region = p.RegionId === "" ? undefined : p.RegionId;
    if (inst === undefined || (region !== undefined && region !== inst.region)) throw gpdbErrors.instanceNotFound(p.DBInstanceId, region);
    return inst;
  }

  /** Ids typed as strings in the table (e.g. Describe's ServiceId) that name no integer are simply not found. */
  function lookup<R extends ServiceRecord | DataSourceRecord | JobRecord>(
    table: RecordTable<R>,
    inst: AlibabaDbInstance,
    raw: string | number,
    notFound: (id: string) => AlibabaError,
  ): R {
    const id = typeof raw === "number" ? raw : parseId(raw);
    const r = id === undefined ? undefined : table.get(inst.id, id);
    if (r === undefined) throw notFound(String(raw));
    return r;
  }
  const service = (inst: AlibabaDbInstance, id: string | number) => lookup(records.services, inst, id, gpdbErrors.serviceNotFound);
  const dataSource = (inst: AlibabaDbInstance, id: string | number) => lookup(records.dataSources, inst, id, gpdbErrors.dataSourceNotFound);
  const job = (inst: AlibabaDbInstance, id: number) => lookup(records.jobs, inst, id, gpdbErrors.jobNotFound);

  const serviceStatus = (r: ServiceRecord, now: number) => statusOf(r.settleAt, now, () => ({ ok: true }));
  const dataSourceStatus = (r: DataSourceRecord, now: number) => statusOf(r.settleAt, now, () => dataSourceOutcome(r, inventory));
  const jobStatus = (inst: AlibabaDbInstance, r: JobRecord, source: DataSourceRecord | undefined, now: number) =>
    statusOf(r.settleAt, now, () => jobOutcome(r, inst, source === undefined ? undefined : dataSourceStatus(source, now)));

  function describeService(r: ServiceRecord, now: number) {
    return {
      ServiceId: String(r.id),
      ...r.fields,
      ServiceIp: `172.16.${(r.id >> 8) & 255}.${r.id & 255}`,
      ServicePort: SERVICE_PORT,
      ServiceManaged: true,
      ServiceOwnerId: SERVICE_OWNER_ID,
      Status: capitalised(serviceStatus(r, now).phase),
      CreateTime: utcSeconds(r.createTime),
      ModifyTime: utcSeconds(r.modifyTime),
    };
  }

  function describeDataSource(r: DataSourceRecord, now: number) {
    const status = dataSourceStatus(r, now);
    return {
      DataSourceId: String(r.id),
      ...r.fields,
      ServiceId: r.serviceId,
      Status: status.phase,
      ErrorMessage: status.message,
      CreateTime: utcSeconds(r.createTime),
    };
  }

  function describeJob(inst: AlibabaDbInstance, r: JobRecord, now: number) {
    const source = records.dataSources.get(inst.id, r.dataSourceId);
    const status = jobStatus(inst, r, source, now);
    return {
      JobId: String(r.id),
      // [inferred] A job created without Mode runs in basic mode and says so.
      Mode: "basic",
      ...r.fields,
      DataSourceId: String(r.dataSourceId),
      ...(source !== undefined && { DataSourceName: source.fields.DataSourceName }),
      Status: capitalised(status.phase),
      ErrorMessage: status.message,
      CreateTime: utcSeconds(r.createTime),
      ModifyTime: utcSeconds(r.modifyTime),
    };
  }

  /** Create and Modify both (re)start the object: Init again, then settle by the clock. */
  const lifecycle = (call: RpcCall<unknown>) => ({
    modifyTime: call.now,
    settleAt: settleAt(call.now, opts.settleMs, call.stuck),
  });

  const handlers: Handlers = {
    // ---- data services ----
    CreateStreamingDataService(call) {
      const p = call.params;
      const inst = instanceOf(p);
      ensureUniqueName(records.services.all(inst.id), (r) => r.fields.ServiceName, "ServiceName", p.ServiceName);
      const id = records.services.nextId(inst.id);
      records.services.put({
        instanceId: inst.id,
        id,
        createTime: call.now,
        ...lifecycle(call),
        fields: {
          ServiceName: p.ServiceName,
          ServiceSpec: p.ServiceSpec,
          ...(p.ServiceDescription !== undefined && { ServiceDescription: p.ServiceDescription }),
        },
      });
      return { ServiceId: id };
    },
    DescribeStreamingDataService(call) {
      const inst = instanceOf(call.params);
      return describeService(service(inst, call.params.ServiceId), call.now);
    },
    ModifyStreamingDataService(call) {
      const p = call.params;
      const inst = instanceOf(p);
      const r = service(inst, p.ServiceId);
      r.fields.ServiceSpec = p.ServiceSpec;
      if (p.ServiceDescription !== undefined) r.fields.ServiceDescription = p.ServiceDescription;
      records.services.put({ ...r, ...lifecycle(call) });
      return {};
    },
    DeleteStreamingDataService(call) {
      const inst = instanceOf(call.params);
      const r = service(inst, call.params.ServiceId);
      const children = records.dataSources.all(inst.id).filter((s) => s.serviceId === r.id);
      // A service still in use is refused in band, HTTP 200 with Status false (the SDK's example).
      if (children.length > 0)
        return {
          Status: false,
          ErrorMessage: serviceInUse(
            r.id,
            children.map((s) => s.id),
          ),
        };
      records.services.delete(inst.id, r.id);
      return { Status: true };
    },
    ListStreamingDataServices(call) {
      const inst = instanceOf(call.params);
      const all = records.services.all(inst.id);
      return {
        ServiceItems: page(all, call.params).map((r) => ({
          ...describeService(r, call.now),
          ServicePort: String(SERVICE_PORT),
          ServiceType: SERVICE_TYPE,
        })),
        TotalRecordCount: all.length,
      };
    },

    // ---- data sources ----
    CreateStreamingDataSource(call) {
      const p = call.params;
      const inst = instanceOf(p);
      const fields: DataSourceRecord["fields"] = {
        DataSourceName: p.DataSourceName,
        DataSourceType: p.DataSourceType,
        DataSourceConfig: p.DataSourceConfig,
        ...(p.DataSourceDescription !== undefined && { DataSourceDescription: p.DataSourceDescription }),
      };
      const parent = service(inst, p.ServiceId);
      ensureUniqueName(records.dataSources.all(inst.id), (r) => r.fields.DataSourceName, "DataSourceName", p.DataSourceName);
      const id = records.dataSources.nextId(inst.id);
      records.dataSources.put({ instanceId: inst.id, id, serviceId: parent.id, createTime: call.now, ...lifecycle(call), fields });
      return { DataSourceId: id };
    },
    DescribeStreamingDataSource(call) {
      const inst = instanceOf(call.params);
      return describeDataSource(dataSource(inst, call.params.DataSourceId), call.now);
    },
    ModifyStreamingDataSource(call) {
      const p = call.params;
      const inst = instanceOf(p);
      const r = dataSource(inst, p.DataSourceId);
      if (p.DataSourceConfig !== undefined) r.fields.DataSourceConfig = p.DataSourceConfig;
      if (p.DataSourceDescription !== undefined) r.fields.DataSourceDescription = p.DataSourceDescription;
      records.dataSources.put({ ...r, ...lifecycle(call) });
      return {};
    },
    DeleteStreamingDataSource(call) {
      const inst = instanceOf(call.params);
      const r = dataSource(inst, call.params.DataSourceId);
      const children = records.jobs.all(inst.id).filter((j) => j.dataSourceId === r.id);
      if (children.length > 0)
        throw gpdbErrors.dataSourceHasJobs(
          r.id,
          children.map((j) => j.id),
        );
      records.dataSources.delete(inst.id, r.id);
      return {};
    },
    ListStreamingDataSources(call) {
      const inst = instanceOf(call.params);
      const all = records.dataSources.all(inst.id);
      return {
        DataSourceItems: page(all, call.params).map((r) => ({
          ...describeDataSource(r, call.now),
          DataSourceId: r.id,
          ModifyTime: utcSeconds(r.modifyTime),
        })),
        PageNumber: call.params.PageNumber ?? 1,
        TotalRecordCount: all.length,
      };
    },

    // ---- jobs ----
    CreateStreamingJob(call) {
      const { DBInstanceId: _instance, RegionId: _region, DataSourceId, TryRun: _tryRun, ...fields } = call.params;
      const inst = instanceOf(call.params);
      // Malformed input is rejected before anything is looked up, as the gateway checks first.
      assertValidJob(fields);
      const source = dataSource(inst, DataSourceId);
      ensureUniqueName(records.jobs.all(inst.id), (r) => r.fields.JobName, "JobName", fields.JobName);
      const id = records.jobs.nextId(inst.id);
      records.jobs.put({ instanceId: inst.id, id, dataSourceId: source.id, createTime: call.now, ...lifecycle(call), fields });
      return { JobId: id };
    },
    DescribeStreamingJob(call) {
      const inst = instanceOf(call.params);
      return describeJob(inst, job(inst, call.params.JobId), call.now);
    },
    ModifyStreamingJob(call) {
      const { DBInstanceId: _instance, RegionId: _region, JobId, TryRun: _tryRun, ...changes } = call.params;
      const inst = instanceOf(call.params);
      const r = job(inst, JobId);
      const fields: JobFields = { ...r.fields, ...changes };
      assertValidJob(fields);
      // A modified job restarts: Init again, then its new configuration is judged afresh.
      records.jobs.put({ ...r, fields, ...lifecycle(call) });
      return {};
    },
    DeleteStreamingJob(call) {
      const inst = instanceOf(call.params);
      records.jobs.delete(inst.id, job(inst, call.params.JobId).id);
      return {};
    },
    ListStreamingJobs(call) {
      const inst = instanceOf(call.params);
      const all = records.jobs.all(inst.id);
      const items = page(all, call.params).map((r) => {
        // List items leave these out (docs/vendors/gpdb.md#read-answers).
        const { GroupName: _g, ErrorLimitCount: _e, JobConfig: _c, ...item } = describeJob(inst, r, call.now);
        return item;
      });
      return {
        JobItems: items,
        PageNumber: call.params.PageNumber ?? 1,
        PageRecordCount: items.length,
        TotalRecordCount: all.length,
      };
    },
  };

  return {
    product: gpdb,
    handle(call) {
      const handler = handlers[call.action as GpdbAction] as (c: RpcCall<unknown>) => Record<string, unknown>;
      return handler(call);
    },
  };
}
