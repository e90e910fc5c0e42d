/**
 * EventGrid professional event-stream ("EventRouter") jobs and the DMS instance lookup they need,
 * as raw REST calls over HuaweiClient (no official SDK covers these APIs). Responses are parsed
 * leniently where the documentation is thin: every field the provider reads is checked, unknown
 * fields pass through, and `null` (which the service sends for unset values) counts as absent.
 */
import { z } from "zod";
import { HuaweiClient, type HuaweiRequest, type HuaweiResponse, parseBody } from "../clients/huawei";
import { unexpectedResponse } from "../errors";

/** Codes EventGrid answers for "the job does not exist". */
export const EG_NOT_FOUND_CODES: readonly string[] = ["EG.00014040"];

/** EventGrid's "no such job": its own code, or a bare HTTP 404 from the gateway. */
export function isJobNotFound(err: unknown): boolean {
  return HuaweiClient.isNotFound(err, EG_NOT_FOUND_CODES) || HuaweiClient.isNotFound(err);
}

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

const dmsInstanceSchema = z.looseObject({
  instance_id: optionalString,
  name: optionalString,
  engine: optionalString,
  broker_num: z.union([z.number(), z.string()]).nullish(),
  status: optionalString,
});

const clusterInfoSchema = z.looseObject({
  cluster: z.looseObject({ brokers: z.array(z.unknown()).nullish() }).nullish(),
});

function parse<T extends z.ZodType>(schema: T, operation: string, res: HuaweiResponse): z.output<T> {
  return parseBody(schema, "EventGrid", operation, res);
}

const JOBS = "/v1/{project_id}/eventrouter/jobs";
const JOB = `${JOBS}/{job_id}`;

export type JobBody = Record<string, unknown>;

async function jobCall(client: HuaweiClient, req: HuaweiRequest): Promise<EventRouterJob> {
  return parse(jobSchema, req.operation, await client.request(req));
}

export const eventRouterApi = {
  create: (client: HuaweiClient, body: JobBody, secrets: readonly string[]) =>
    jobCall(client, { operation: "CreateEventRouterJob", method: "POST", path: JOBS, body, secrets }),

  show: (client: HuaweiClient, jobId: string) => jobCall(client, { operation: "ShowEventRouterJob", method: "GET", path: JOB, pathParams: { job_id: jobId } }),

  /** A full-body PUT: repeating it after an ambiguous failure lands in the same state. */
  async update(client: HuaweiClient, jobId: string, body: JobBody, secrets: readonly string[]): Promise<void> {
    await client.request({ operation: "UpdateEventRouterJob", method: "PUT", path: JOB, pathParams: { job_id: jobId }, body, secrets, retryAmbiguous: true });
  },

  async remove(client: HuaweiClient, jobId: string): Promise<void> {
    await client.request({ operation: "DeleteEventRouterJob", method: "DELETE", path: JOB, pathParams: { job_id: jobId }, retryAmbiguous: true });
  },

  async operate(client: HuaweiClient, jobId: string, operation: "START" | "STOP"): Promise<void> {
    await client.request({
      operation: "ExecuteEventRouterJobOperation",
      method: "POST",
      path: `${JOB}/action`,
      pathParams: { job_id: jobId },
      body: { operation },
    });
  },

  /** Jobs whose name contains `name` (the API filters fuzzily; callers match exactly). */
  async listByName(client: HuaweiClient, name: string, clusterId: string | undefined): Promise<EventRouterJob[]> {
    const out: EventRouterJob[] = [];
    for (let offset = 0; ; ) {
      const page = parse(
        listSchema,
        "ListEventRouterJobs",
        await client.request({
          operation: "ListEventRouterJobs",
          method: "GET",
          path: JOBS,
          query: { fuzzy_name: name, cluster_id: clusterId, offset, limit: 100 },
        }),
      );
      out.push(...page.items);
      offset += page.items.length;
      if (page.items.length === 0 || offset >= Number(page.total ?? 0)) return out;
    }
  },
};

/**
 * The broker count of a DMS Kafka instance: `broker_num` from ShowInstance, or the length of the
 * cluster's broker list when an older instance does not report it.
 */
export async function kafkaBrokerCount(dms: HuaweiClient, instanceId: string): Promise<number> {
  const res = await dms.request({
    operation: "ShowInstance",
    method: "GET",
    path: "/v2/{project_id}/instances/{instance_id}",
    pathParams: { instance_id: instanceId },
  });
  const instance = parseBody(dmsInstanceSchema, "DMS", "ShowInstance", res);
  const n = Number(instance.broker_num);
  if (instance.broker_num !== undefined && instance.broker_num !== null && Number.isInteger(n) && n > 0) return n;
  const cluster = await dms.request({
    operation: "ShowCluster",
    method: "GET",
    path: "/v2/{project_id}/instances/{instance_id}/management/cluster",
    pathParams: { instance_id: instanceId },
  });
  const brokers = parseBody(clusterInfoSchema, "DMS", "ShowCluster", cluster).cluster?.brokers;
  if (!brokers || brokers.length === 0)
    throw unexpectedResponse("DMS", "ShowCluster", `instance ${instanceId} reports no broker_num and no brokers`, cluster.requestId);
  return brokers.length;
}
