/**
 * EventGrid professional event streams ("EventRouter", docs/vendors/eventgrid.md): clusters are
 * read from the inventory; jobs are created, listed, shown, updated, operated and deleted here and
 * kept in the store. Bodies are checked by huawei-eg-validation.ts, jobs are kept by
 * huawei-eg-records.ts and statuses come from huawei-eg-status.ts.
 *
 * Quirks reproduced: offsets and limits are strings in the query; config objects arrive as objects
 * or one-element arrays; delete answers 200 with `{"job_id"}`. Passwords are never answered.
 */
import { randomUUID } from "node:crypto";
import { utcSeconds } from "../clock";
import { egErrors } from "../errors/huawei";
import type { EventRouterCluster, Inventory } from "../inventory";
import { settleAt } from "../lifecycle";
import type { HuaweiCall, HuaweiReply, HuaweiService } from "../routers/huawei-rest";
import type { Store } from "../store";
import { EgJobTable, type EgJobRecord, type Rest, type Transition } from "./huawei-eg-records";
import { inTransition, isGone, jobHealth, statusOf, type JobStatus } from "./huawei-eg-status";
import { ENGINE_KEYS, jobSchemas, parseBody, resolveJob, type EndpointParams, type JobBody } from "./huawei-eg-validation";

export interface EgServiceOptions {
  readonly store: Store;
  readonly inventory: Inventory;
  /** How long a transition (CREATING, STARTING, …) lasts. */
  readonly settleMs: number;
  /** Reject body fields the API does not define. */
  readonly strict: boolean;
}

const BASE = "/v1/{project_id}/eventrouter";
/** [inferred] Clusters come from the inventory, which has no times; they report this one. */
const CLUSTER_CREATED = Date.parse("2024-01-01T00:00:00Z");
/** [inferred] List paging defaults and bound (terraform pages with limit=100). */
const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 1000;

/** `offset` and `limit` are strings in the query [doc]; both must be whole numbers. */
function page<T>(items: readonly T[], query: Readonly<Record<string, string>>): { total: number; size: number; items: T[] } {
  const whole = (name: "offset" | "limit", fallback: number, min: number, max: number): number => {
    const raw = query[name];
    if (raw === undefined || raw === "") return fallback;
    const n = /^\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN;
    if (Number.isNaN(n) || n < min || n > max) throw egErrors.invalidParameter(name, `must be a whole number from ${min} to ${max}.`);
    return n;
  };
  const offset = whole("offset", 0, 0, 999_999_999);
  const limit = whole("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
  const slice = items.slice(offset, offset + limit);
  return { total: items.length, size: slice.length, items: slice };
}

/**
 * The advance configuration as answered: `task_cnt`, which the vendor's example request sends but
 * neither the parameter tables nor the answer tables list, is accepted and not answered [inferred].
 */
function answeredAdvance(config: Readonly<Record<string, object>>): Record<string, object> {
  const out: Record<string, object> = {};
  for (const [key, params] of Object.entries(config)) {
    const { task_cnt: _taskCnt, ...rest } = params as Record<string, unknown>;
    out[key] = rest;
  }
  return out;
}

/** Endpoint parameters as answered: everything but the password. */
function withoutPasswords(config: Readonly<Record<string, EndpointParams>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, params] of Object.entries(config)) {
    const { password: _password, ...rest } = params;
    out[key] = rest;
  }
  return out;
}

export function createEgService(opts: EgServiceOptions): HuaweiService {
  const { inventory } = opts;
  const jobs = new EgJobTable(opts.store);
  const schemas = jobSchemas(opts.strict);

  const projectOf = (call: HuaweiCall) => call.path.project_id ?? "";

  function clusterIn(projectId: string, id: string): EventRouterCluster {
    const cluster = inventory.huawei.eventRouterClusters.find((c) => c.id === id && c.projectId === projectId);
    if (cluster === undefined) throw egErrors.clusterNotFound(id);
    return cluster;
  }

  /** Live jobs of a project (settled deletes swept first). */
  function liveJobs(projectId: string, now: number): EgJobRecord[] {
    jobs.sweep(projectId, (r) => isGone(r, now));
    return jobs.all(projectId);
  }

  function jobIn(call: HuaweiCall): EgJobRecord {
    const id = call.path.job_id ?? "";
    const r = jobs.get(projectOf(call), id);
    if (r === undefined || isGone(r, call.now)) throw egErrors.jobNotFound(id);
    return r;
  }

  const status = (r: EgJobRecord, now: number): JobStatus => statusOf(r, now, () => jobHealth(r, inventory));

  function renderCluster(c: EventRouterCluster, now: number) {
    return {
      cluster_id: c.id,
      name: c.name,
      description: "",
      source_type: c.sourceType,
      sink_type: c.sinkType,
      vpc_id: c.vpcId,
      subnet_id: c.subnetId,
      // A comma-separated string, as terraform reads it; `flavor` is never returned [tf].
      zone_names: (c.zoneNames ?? []).join(","),
      status: c.status,
      job_count: liveJobs(c.projectId, now).filter((j) => j.clusterId === c.id).length,
      charging_mode: "postPaid",
      err_code: null,
      err_message: null,
      created_time: utcSeconds(CLUSTER_CREATED),
      updated_time: utcSeconds(CLUSTER_CREATED),
    };
  }

  function renderJob(r: EgJobRecord, now: number) {
    const pending = inTransition(r, now);
    const health = jobHealth(r, inventory);
    const current = status(r, now);
    const cluster = inventory.huawei.eventRouterClusters.find((c) => c.id === r.clusterId);
    const side = (c: { ok: boolean; info: string }) => (pending ? { status: null, info: null } : { status: c.ok ? "NORMAL" : "ABNORMAL", info: c.info });
    const source = side(health.source);
    const sink = side(health.sink);
    const failed = current === "ERROR" ? health.error : undefined;
    return {
      cluster_id: r.clusterId,
      job_id: r.jobId,
      name: r.name,
      description: r.description,
      scene_type: r.sceneType,
      source_type: cluster?.sourceType ?? r.kind,
      sink_type: cluster?.sinkType ?? r.kind,
      vpc_id: cluster?.vpcId ?? null,
      subnet_id: cluster?.subnetId ?? null,
      source_config: withoutPasswords(r.sourceConfig),
      sink_config: withoutPasswords(r.sinkConfig),
      advance_config: answeredAdvance(r.advanceConfig),
      status: current,
      err_code: failed?.code ?? null,
      err_message: failed?.message ?? null,
      created_time: utcSeconds(r.createdTime),
      updated_time: utcSeconds(r.updatedTime),
      source_status: source.status,
      source_status_info: source.info,
      sink_status: sink.status,
      sink_status_info: sink.info,
      // The emulator has no log service (LTS) to point at.
      log_group_id: null,
      log_stream_id: null,
    };
  }

  /** Names are unique per project, deleting jobs included until they are gone [inferred scope]. */
  function ensureUniqueName(projectId: string, name: string, now: number, self?: string): void {
    const clash = liveJobs(projectId, now).find((j) => j.name === name && j.jobId !== self);
    if (clash !== undefined) throw egErrors.nameDuplicated(name, clash.jobId);
  }

  /** Starts a transition: the job shows `transition` until settleMs pass, then rests at `rest`. */
  function begin(r: EgJobRecord, call: HuaweiCall, transition: Transition | null, rest: Rest): EgJobRecord {
    return { ...r, transition, rest, updatedTime: call.now, settleAt: settleAt(call.now, opts.settleMs, call.stuck) };
  }

  /**
   * [inferred] Answers never carry passwords, so a PUT built from a read cannot carry them either:
   * an endpoint sent without one keeps the password stored for the same instance (as the console's
   * edit form leaves a blank password unchanged). A password that is sent replaces it.
   */
  function keepPasswords(body: JobBody, r: EgJobRecord): void {
    const sides = [
      [body.source_config as Record<string, EndpointParams | null | undefined>, r.sourceConfig, ENGINE_KEYS[r.kind].source],
      [body.sink_config as Record<string, EndpointParams | null | undefined>, r.sinkConfig, ENGINE_KEYS[r.kind].sink],
    ] as const;
    for (const [sent, stored, key] of sides) {
      const now = sent[key];
      const before = stored[key];
      if (now && before?.password && !now.password && now.instance_id === before.instance_id) sent[key] = { ...now, password: before.password };
    }
  }

  function fields(body: JobBody) {
    return { name: body.name, description: body.description ?? "", sceneType: body.scene_type };
  }

  const handlers = {
    ListEventRouterClusters(call: HuaweiCall): HuaweiReply {
      const fuzzy = (call.query.fuzzy_name ?? "").toLowerCase();
      const all = inventory.huawei.eventRouterClusters.filter((c) => c.projectId === projectOf(call) && c.name.toLowerCase().includes(fuzzy));
      const p = page(all, call.query);
      return { body: { ...p, items: p.items.map((c) => renderCluster(c, call.now)) } };
    },
    ShowEventRouterCluster(call: HuaweiCall): HuaweiReply {
      return { body: renderCluster(clusterIn(projectOf(call), call.path.cluster_id ?? ""), call.now) };
    },
    CreateEventRouterJob(call: HuaweiCall): HuaweiReply {
      const projectId = projectOf(call);
      const body = parseBody(schemas.job, call.body);
      const resolved = resolveJob(body, clusterIn(projectId, body.cluster_id), inventory);
      ensureUniqueName(projectId, body.name, call.now);
      const record: EgJobRecord = {
        projectId,
        jobId: randomUUID(),
        clusterId: resolved.cluster.id,
        kind: resolved.engine,
        ...fields(body),
        sourceConfig: resolved.sourceConfig,
        sinkConfig: resolved.sinkConfig,
        advanceConfig: resolved.advanceConfig,
        createdTime: call.now,
        updatedTime: call.now,
        transition: "CREATING",
        rest: "RUNNING",
        settleAt: settleAt(call.now, opts.settleMs, call.stuck),
      };
      jobs.put(record);
      return { body: renderJob(record, call.now) };
    },
    ListEventRouterJobs(call: HuaweiCall): HuaweiReply {
      const q = call.query;
      const fuzzy = (q.fuzzy_name ?? "").toLowerCase();
      const sinkOf = (r: EgJobRecord) => Object.values(r.sinkConfig)[0];
      const matches = liveJobs(projectOf(call), call.now)
        .filter((r) => r.name.toLowerCase().includes(fuzzy))
        .filter((r) => !q.cluster_id || r.clusterId === q.cluster_id)
        .filter((r) => !q.status || status(r, call.now) === q.status)
        .filter((r) => !q.sink_instance_id || sinkOf(r)?.instance_id === q.sink_instance_id)
        .filter((r) => !q.sink_region || sinkOf(r)?.region === q.sink_region)
        .filter((r) => !q.sink_address || (sinkOf(r)?.address ?? "").includes(q.sink_address))
        // [inferred] Newest first.
        .sort((a, b) => b.createdTime - a.createdTime || a.jobId.localeCompare(b.jobId));
      const p = page(matches, q);
      return { body: { ...p, items: p.items.map((r) => renderJob(r, call.now)) } };
    },
    ShowEventRouterJob(call: HuaweiCall): HuaweiReply {
      return { body: renderJob(jobIn(call), call.now) };
    },
    UpdateEventRouterJob(call: HuaweiCall): HuaweiReply {
      const r = jobIn(call);
      const body = parseBody(schemas.job, call.body);
      // [inferred] What places the job (its cluster) and what it copies (its queue engine) cannot change.
      if (body.cluster_id !== r.clusterId) {
        throw egErrors.invalidParameter(
          "cluster_id",
          `cannot change: job ${r.jobId} runs on cluster ${r.clusterId}; create a new job on the other cluster instead.`,
        );
      }
      keepPasswords(body, r);
      const resolved = resolveJob(body, clusterIn(r.projectId, body.cluster_id), inventory);
      if (resolved.engine !== r.kind) {
        throw egErrors.invalidParameter("source_config", `cannot change the job's type from ${r.kind} to ${resolved.engine}; create a new job instead.`);
      }
      const current = status(r, call.now);
      if (inTransition(r, call.now)) {
        throw egErrors.invalidParameter("job_id", `job ${r.jobId} is ${current}; it can be updated once it is RUNNING, STOPPED or ERROR.`);
      }
      ensureUniqueName(r.projectId, body.name, call.now, r.jobId);
      const changed: EgJobRecord = {
        ...r,
        ...fields(body),
        sourceConfig: resolved.sourceConfig,
        sinkConfig: resolved.sinkConfig,
        advanceConfig: resolved.advanceConfig,
      };
      // A stopped job takes the new configuration and stays stopped; a running (or failed) one restarts with it.
      const next = current === "STOPPED" ? { ...changed, updatedTime: call.now, transition: null } : begin(changed, call, "UPDATING", "RUNNING");
      jobs.put(next);
      return { body: renderJob(next, call.now) };
    },
    DeleteEventRouterJob(call: HuaweiCall): HuaweiReply {
      const r = jobIn(call);
      if (r.transition === "DELETING") throw egErrors.invalidParameter("job_id", `job ${r.jobId} is already DELETING.`);
      jobs.put(begin(r, call, "DELETING", "GONE"));
      return { body: { job_id: r.jobId } };
    },
    ExecuteEventRouterJobOperation(call: HuaweiCall): HuaweiReply {
      const r = jobIn(call);
      const body = parseBody(schemas.action, call.body);
      const current = status(r, call.now);
      // [inferred] START (documented) from STOPPED or ERROR; STOP (not documented) from RUNNING or ERROR.
      const allowed: Record<typeof body.operation, readonly JobStatus[]> = { START: ["STOPPED", "ERROR"], STOP: ["RUNNING", "ERROR"] };
      if (!allowed[body.operation].includes(current)) {
        throw egErrors.invalidParameter(
          "operation",
          `cannot ${body.operation} job ${r.jobId} while it is ${current}; ${body.operation} applies to a job that is ${allowed[body.operation].join(" or ")}.`,
        );
      }
      jobs.put(body.operation === "START" ? begin(r, call, "STARTING", "RUNNING") : begin(r, call, "STOPPING", "STOPPED"));
      return { body: { job_id: r.jobId } };
    },
  };

  const list = ["offset", "limit"];
  return {
    product: "eg",
    label: "eg v1",
    secretFields: ["password"],
    errors: { invalidParameter: egErrors.invalidParameter, internal: egErrors.internal },
    routes: [
      {
        method: "GET",
        path: `${BASE}/clusters`,
        operation: "ListEventRouterClusters",
        query: ["fuzzy_name", ...list],
        handle: handlers.ListEventRouterClusters,
      },
      { method: "GET", path: `${BASE}/clusters/{cluster_id}`, operation: "ShowEventRouterCluster", query: [], handle: handlers.ShowEventRouterCluster },
      { method: "POST", path: `${BASE}/jobs`, operation: "CreateEventRouterJob", query: [], handle: handlers.CreateEventRouterJob },
      {
        method: "GET",
        path: `${BASE}/jobs`,
        operation: "ListEventRouterJobs",
        query: ["fuzzy_name", "sink_region", "sink_instance_id", "sink_address", "status", "cluster_id", ...list],
        handle: handlers.ListEventRouterJobs,
      },
      { method: "GET", path: `${BASE}/jobs/{job_id}`, operation: "ShowEventRouterJob", query: [], handle: handlers.ShowEventRouterJob },
      { method: "PUT", path: `${BASE}/jobs/{job_id}`, operation: "UpdateEventRouterJob", query: [], handle: handlers.UpdateEventRouterJob },
      { method: "DELETE", path: `${BASE}/jobs/{job_id}`, operation: "DeleteEventRouterJob", query: [], handle: handlers.DeleteEventRouterJob },
      {
        method: "POST",
        path: `${BASE}/jobs/{job_id}/action`,
        operation: "ExecuteEventRouterJobOperation",
        query: [],
        handle: handlers.ExecuteEventRouterJobOperation,
      },
    ],
  };
}
