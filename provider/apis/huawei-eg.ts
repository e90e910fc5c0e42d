/**
 * EventGrid professional event-stream ("EventRouter") jobs as one REST table (huawei-rest.ts) the
 * Huawei client runs calls through (no official SDK covers these APIs); `eventRouterApi` is the
 * call surface the resource uses, one thin wrapper per table entry. Responses are parsed
 * leniently where the documentation is thin: every field the provider reads is checked, unknown
 * fields pass through, and `null` (which the service sends for unset values) counts as absent.
 */
import { z } from "zod";
import { HuaweiClient } from "../clients/huawei";
import { ApiError } from "../errors";
import type { RestApi, RestParamSpec } from "./huawei-rest";
import { notFoundCodesOf } from "./table";

/** Codes EventGrid answers for "the job does not exist". */
export const EG_NOT_FOUND_CODES: readonly string[] = ["EG.00014040"];

const optionalString = z
  .string()
  .nullish()
  .transform((v) => v ?? undefined);

/** A config block may come back as the object the schema documents or wrapped in a one-item list. */
const block = z
  .union([z.record(z.string(), z.unknown()), z.array(z.record(z.string(), z.unknown()))])
  .nullish()
  .transform((v) => (Array.isArray(v) ? v[0] : (v ?? undefined)));

export const jobSchema = z.looseObject({
  job_id: z.string().min(1),
  cluster_id: optionalString,
  name: z.string(),
  description: optionalString,
  scene_type: optionalString,
  source_type: optionalString,
  sink_type: optionalString,
  vpc_id: optionalString,
  subnet_id: optionalString,
  source_config: block,
  sink_config: block,
  advance_config: block,
  status: z.string(),
  err_code: optionalString,
  err_message: optionalString,
  created_time: optionalString,
  updated_time: optionalString,
  source_status: optionalString,
  source_status_info: optionalString,
  sink_status: optionalString,
  sink_status_info: optionalString,
});
export type EventRouterJob = z.output<typeof jobSchema>;

const listSchema = z.looseObject({
  total: z.union([z.number(), z.string()]).optional(),
  items: z
    .array(jobSchema)
    .nullish()
    .transform((v) => v ?? []),
});

/** The answer's body is not read. */
const unread = z.unknown();

const JOBS = "/v1/{project_id}/eventrouter/jobs";
const JOB = `${JOBS}/{job_id}`;

export type JobBody = Record<string, unknown>;

const jobId = { type: "string", location: "path", required: true } as const satisfies RestParamSpec;
/** A job body built by the resource from its field table, sent as it is. */
const jobBody = { type: "object", location: "body", required: true, spread: true } as const satisfies RestParamSpec;

/** EventGrid's EventRouter jobs as one table; `eventRouterApi` below is what the resource calls. */
export const eg = {
  service: "EventGrid",
  operations: {
    CreateEventRouterJob: { method: "POST", path: JOBS, params: { job: jobBody }, response: jobSchema, notFoundCodes: [] },
    ShowEventRouterJob: { method: "GET", path: JOB, params: { job_id: jobId }, response: jobSchema, notFoundCodes: EG_NOT_FOUND_CODES },
    /** A full-body PUT: repeating it after an ambiguous failure lands in the same state. */
    UpdateEventRouterJob: {
      method: "PUT",
      path: JOB,
      params: { job_id: jobId, job: jobBody },
      response: unread,
      notFoundCodes: EG_NOT_FOUND_CODES,
      retryAmbiguous: true,
    },
    DeleteEventRouterJob: { method: "DELETE", path: JOB, params: { job_id: jobId }, response: unread, notFoundCodes: EG_NOT_FOUND_CODES, retryAmbiguous: true },
    ExecuteEventRouterJobOperation: {
      method: "POST",
      path: `${JOB}/action`,
      params: { job_id: jobId, operation: { type: "string", location: "body", required: true } },
      response: unread,
      notFoundCodes: EG_NOT_FOUND_CODES,
    },
    /** The name filter is fuzzy; callers match exactly. */
    ListEventRouterJobs: {
      method: "GET",
      path: JOBS,
      params: {
        fuzzy_name: { type: "string", location: "query" },
        cluster_id: { type: "string", location: "query" },
        // Both are strings on the reference page: decimal text.
        offset: { type: "string", location: "query" },
        limit: { type: "string", location: "query" },
      },
      response: listSchema,
      notFoundCodes: [],
    },
  },
} as const satisfies RestApi;

export type EgOperation = keyof typeof eg.operations;

const EG_CODES = notFoundCodesOf(eg.operations);

/** EventGrid's "no such job": the table's code, or a bare HTTP 404 from the gateway. */
export function isJobNotFound(err: unknown): boolean {
  return (err instanceof ApiError && EG_CODES.has(err.code)) || HuaweiClient.isNotFound(err);
}

/** The jobs the filters match, every page of 100. */
async function listJobs(client: HuaweiClient, fuzzyName: string | undefined, clusterId: string | undefined): Promise<EventRouterJob[]> {
  const out: EventRouterJob[] = [];
  for (let offset = 0; ; ) {
    const page = await client.call(eg, "ListEventRouterJobs", { fuzzy_name: fuzzyName, cluster_id: clusterId, offset: String(offset), limit: "100" });
    out.push(...page.items);
    offset += page.items.length;
    if (page.items.length === 0 || offset >= Number(page.total ?? 0)) return out;
  }
}

export const eventRouterApi = {
  create: (client: HuaweiClient, body: JobBody, secrets: readonly string[]): Promise<EventRouterJob> =>
    client.call(eg, "CreateEventRouterJob", { job: body }, { secrets }),

  show: (client: HuaweiClient, jobId: string): Promise<EventRouterJob> => client.call(eg, "ShowEventRouterJob", { job_id: jobId }),

  async update(client: HuaweiClient, jobId: string, body: JobBody, secrets: readonly string[]): Promise<void> {
    await client.call(eg, "UpdateEventRouterJob", { job_id: jobId, job: body }, { secrets });
  },

  async remove(client: HuaweiClient, jobId: string): Promise<void> {
    await client.call(eg, "DeleteEventRouterJob", { job_id: jobId });
  },

  async operate(client: HuaweiClient, jobId: string, operation: "START" | "STOP"): Promise<void> {
    await client.call(eg, "ExecuteEventRouterJobOperation", { job_id: jobId, operation });
  },

  /** Jobs whose name contains `name` (the API filters fuzzily; callers match exactly). */
  listByName: (client: HuaweiClient, name: string, clusterId: string | undefined): Promise<EventRouterJob[]> => listJobs(client, name, clusterId),

  /** Every job of the cluster (of the project when none is given). */
  listInCluster: (client: HuaweiClient, clusterId: string | undefined): Promise<EventRouterJob[]> => listJobs(client, undefined, clusterId),
};

/** The DMS broker look-up the job's checks need lives in huawei-dms.ts; re-exported for the resource. */
export { kafkaBrokerCount } from "./huawei-dms";
