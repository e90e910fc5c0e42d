/**
 * DIS (Data Ingestion Service) v2 streams and dump ("transfer") tasks, and the v3 stream update, as
 * one REST table (huawei-rest.ts) the Huawei client runs calls through: no Node SDK for DIS exists.
 * `disApi` is the call surface the resources use, one thin wrapper per table entry. The API's
 * quirks are handled here, once:
 *  - errors are `{errorCode, message}` (the client reads that shape); "not found" is HTTP 400 with
 *    DIS.4301 (stream) or DIS.4354 (task), not 404;
 *  - creates answer 201 with no body, so ids are read back afterwards;
 *  - dump tasks are addressed by name in paths but by id in the batch start/stop action, and the id
 *    (`task_id`) is in the show answer of the Java SDK and the reference examples but in neither of
 *    the Go SDK's show and list models: read it from show, else from the list;
 *  - the show response spells its DWS key `dws_destination_descripton` (the correct spelling is
 *    read too), and numbers arrive as numbers or strings.
 *
 * The input rules DIS documents for names, retention and tags live here too, each with the words
 * both preview (the resources' `check`) and the emulator use to refuse a value.
 */
import { z } from "zod";
import type { HuaweiClient } from "../clients/huawei";
import { ApiError } from "../errors";
import type { RestApi, RestParamSpec } from "./huawei-rest";
import { notFoundCodesOf } from "./table";

export const STREAM_NOT_FOUND = "DIS.4301";
export const TASK_NOT_FOUND = "DIS.4354";
export const TASK_LIMIT = "DIS.4357";

/**
 * Stream and dump-task names: 1–64 letters, digits, `_` and `-` (the Go SDK's CreateStreamReq and
 * DwsDestinationDescriptorRequest). Control characters such as CR/LF are refused like any other.
 */
export const DIS_NAME = /^[A-Za-z0-9_-]{1,64}$/;
/** Retention in hours, on create and on update: 24–72 (the Go SDK's CreateStreamReq and UpdateStreamReq). */
export const DATA_DURATION_HOURS = { min: 24, max: 72, default: 24 } as const;
/** Tags (the DIS tag reference): key 1–36, value at most 43, at most 10 per stream (DIS.4601). */
export const TAG_LIMITS = { keyMax: 36, valueMax: 43, perStream: 10 } as const;
const TAG_KEY = /^[A-Za-z0-9_\-\u4E00-\u9FFF]{1,36}$/;
const TAG_VALUE = /^[A-Za-z0-9._\-\u4E00-\u9FFF]{0,43}$/;

const got = (v: unknown) => `got ${JSON.stringify(v)}.`;

/**
 * What is wrong with a value, in the words preview and the emulator both use after the property's
 * name (`streamName …`, `stream_name …`); undefined when nothing is.
 */
export const disRules = {
  name: (v: string) => (DIS_NAME.test(v) ? undefined : `must be 1 to 64 characters, each a letter, a digit, "_" or "-"; ${got(v)}`),
  dataDuration: (v: number) =>
    Number.isInteger(v) && v >= DATA_DURATION_HOURS.min && v <= DATA_DURATION_HOURS.max
      ? undefined
      : `must be a whole number of hours from ${DATA_DURATION_HOURS.min} to ${DATA_DURATION_HOURS.max}; ${got(v)}`,
  tagKey: (v: string) =>
    TAG_KEY.test(v) ? undefined : `must be 1 to ${TAG_LIMITS.keyMax} characters, each a letter, a digit, "_", "-" or a CJK ideograph; ${got(v)}`,
  tagValue: (v: string) =>
    TAG_VALUE.test(v) ? undefined : `must be at most ${TAG_LIMITS.valueMax} characters, each a letter, a digit, ".", "_", "-" or a CJK ideograph; ${got(v)}`,
  tagCount: (n: number) => (n <= TAG_LIMITS.perStream ? undefined : `must hold at most ${TAG_LIMITS.perStream} tags per stream; got ${n}.`),
} as const;

const optionalString = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? undefined : String(v)));
const optionalNumber = z
  .union([z.number(), z.string()])
  .nullish()
  .transform((v) => (v === null || v === undefined || v === "" ? undefined : Number(v)));
const tagList = z
  .array(z.looseObject({ key: z.string(), value: z.string().nullish() }))
  .nullish()
  .transform((v) => (v ?? []).map((t) => ({ key: t.key, value: t.value ?? "" })));

export const streamSchema = z.looseObject({
  stream_name: z.string(),
  stream_id: optionalString,
  status: z.string(),
  stream_type: optionalString,
  data_type: optionalString,
  retention_period: optionalNumber,
  data_duration: optionalNumber,
  writable_partition_count: optionalNumber,
  readable_partition_count: optionalNumber,
  auto_scale_enabled: z.boolean().nullish(),
  auto_scale_min_partition_count: optionalNumber,
  auto_scale_max_partition_count: optionalNumber,
  data_schema: optionalString,
  compression_format: optionalString,
  csv_properties: z.looseObject({ delimiter: optionalString }).nullish(),
  tags: tagList,
  sys_tags: tagList,
  create_time: optionalNumber,
  last_modified_time: optionalNumber,
});
export type DisStream = z.output<typeof streamSchema>;

const descriptorSchema = z.record(z.string(), z.unknown());

export const taskSchema = z
  .looseObject({
    task_name: z.string(),
    task_id: optionalString,
    state: z.string(),
    destination_type: optionalString,
    create_time: optionalNumber,
    last_transfer_timestamp: optionalNumber,
    dws_destination_descripton: descriptorSchema.nullish(),
    dws_destination_description: descriptorSchema.nullish(),
  })
  .transform((t) => ({ ...t, descriptor: t.dws_destination_descripton ?? t.dws_destination_description ?? undefined }));
export type DisTransferTask = z.output<typeof taskSchema>;

/** A ListStreams page: each entry carries the stream's status (dis.json StreamInfo). */
const streamListSchema = z.looseObject({
  has_more_streams: z.boolean().nullish(),
  stream_info_list: z
    .array(z.looseObject({ stream_name: z.string(), status: optionalString }))
    .nullish()
    .transform((v) => v ?? []),
});

/** The page size asked of ListStreams. The SDK documents no bound; 100 is the emulator's [inferred]. */
const STREAM_PAGE = 100;

const taskListSchema = z.looseObject({
  tasks: z
    .array(z.looseObject({ task_name: z.string(), task_id: optionalString, state: optionalString }))
    .nullish()
    .transform((v) => v ?? []),
});

/** The answer's body is not read (a create's 201 carries none; the ids are read back afterwards). */
const unread = z.unknown();

const STREAMS = "/v2/{project_id}/streams";
const STREAM = `${STREAMS}/{stream_name}`;
const TASKS = `${STREAM}/transfer-tasks`;
const TASK = `${TASKS}/{task_name}`;

const streamName = { type: "string", location: "path", required: true } as const satisfies RestParamSpec;
/** The stream's name in the path, repeated in the body (the scale and the v3 update). */
const streamNameTwice = { ...streamName, alsoIn: "body" } as const satisfies RestParamSpec;
const taskName = { type: "string", location: "path", required: true } as const satisfies RestParamSpec;
/** A body built by the resource from its field table, sent as it is. */
const wholeBody = { type: "object", location: "body", required: true, spread: true } as const satisfies RestParamSpec;

const onStream = [STREAM_NOT_FOUND];
const onTask = [TASK_NOT_FOUND, STREAM_NOT_FOUND];

/** DIS v2 (and the v3 stream update) as one table; the wrappers below are what the resources call. */
export const dis = {
  service: "DIS",
  operations: {
    CreateStream: { method: "POST", path: STREAMS, params: { body: wholeBody }, response: unread, notFoundCodes: [] },
    /** Paged by the last name seen (`start_stream_name`) while `has_more_streams` is true. */
    ListStreams: {
      method: "GET",
      path: STREAMS,
      params: { limit: { type: "integer", location: "query" }, start_stream_name: { type: "string", location: "query" } },
      response: streamListSchema,
      notFoundCodes: [],
    },
    ShowStream: {
      method: "GET",
      path: STREAM,
      params: { stream_name: streamName, limit_partitions: { type: "integer", location: "query" } },
      response: streamSchema,
      notFoundCodes: onStream,
    },
    /** Scaling is idempotent: asking for the count the stream already has again changes nothing. */
    UpdatePartitionCount: {
      method: "PUT",
      path: STREAM,
      params: { stream_name: streamNameTwice, target_partition_count: { type: "integer", location: "body", required: true } },
      response: unread,
      notFoundCodes: onStream,
      retryAmbiguous: true,
    },
    /** Setting values the stream already has changes nothing, so it may be repeated. */
    UpdateStream: {
      method: "PUT",
      path: "/v3/{project_id}/streams/{stream_name}",
      params: { stream_name: streamNameTwice, changes: { type: "object", location: "body", spread: true } },
      response: unread,
      notFoundCodes: onStream,
      retryAmbiguous: true,
    },
    BatchStreamTagsAction: {
      method: "POST",
      path: "/v2/{project_id}/stream/{stream_id}/tags/action",
      params: {
        stream_id: { type: "string", location: "path", required: true },
        action: { type: "string", location: "body", required: true, enum: ["create", "delete"] },
        tags: { type: "array", location: "body", required: true },
      },
      response: unread,
      notFoundCodes: onStream,
      retryAmbiguous: true,
    },
    DeleteStream: { method: "DELETE", path: STREAM, params: { stream_name: streamName }, response: unread, notFoundCodes: onStream, retryAmbiguous: true },
    CreateTransferTask: { method: "POST", path: TASKS, params: { stream_name: streamName, body: wholeBody }, response: unread, notFoundCodes: onStream },
    ShowTransferTask: { method: "GET", path: TASK, params: { stream_name: streamName, task_name: taskName }, response: taskSchema, notFoundCodes: onTask },
    ListTransferTasks: { method: "GET", path: TASKS, params: { stream_name: streamName }, response: taskListSchema, notFoundCodes: onStream },
    DeleteTransferTask: {
      method: "DELETE",
      path: TASK,
      params: { stream_name: streamName, task_name: taskName },
      response: unread,
      notFoundCodes: onTask,
      retryAmbiguous: true,
    },
    /** Start or stop by task id (the batch action does not take names). */
    BatchTransferTaskAction: {
      method: "POST",
      path: `${TASKS}/action`,
      params: {
        stream_name: streamName,
        action: { type: "string", location: "body", required: true, enum: ["start", "stop"] },
        tasks: { type: "array", location: "body", required: true },
      },
      response: unread,
      notFoundCodes: onTask,
      retryAmbiguous: true,
    },
  },
} as const satisfies RestApi;

export type DisOperation = keyof typeof dis.operations;

const DIS_NOT_FOUND_CODES = notFoundCodesOf(dis.operations);

/** DIS answers a missing stream or task as HTTP 400 with the table's codes (terraform misses this), or a bare 404. */
export function isDisNotFound(err: unknown): boolean {
  return err instanceof ApiError && (DIS_NOT_FOUND_CODES.has(err.code) || err.httpStatus === 404);
}

export const disApi = {
  async createStream(client: HuaweiClient, body: Record<string, unknown>): Promise<void> {
    await client.call(dis, "CreateStream", { body });
  },

  /** Every stream of the client's project, with its status, a page at a time. */
  async listStreams(client: HuaweiClient): Promise<Array<{ stream_name: string; status: string | undefined }>> {
    const out: Array<{ stream_name: string; status: string | undefined }> = [];
    for (let after: string | undefined; ; ) {
      const page = await client.call(dis, "ListStreams", { limit: STREAM_PAGE, start_stream_name: after });
      out.push(...page.stream_info_list);
      after = page.stream_info_list.at(-1)?.stream_name;
      if (page.has_more_streams !== true || after === undefined) return out;
    }
  },

  showStream: (client: HuaweiClient, streamName: string): Promise<DisStream> =>
    client.call(dis, "ShowStream", { stream_name: streamName, limit_partitions: 1 }),

  async scaleStream(client: HuaweiClient, streamName: string, target: number): Promise<void> {
    await client.call(dis, "UpdatePartitionCount", { stream_name: streamName, target_partition_count: target });
  },

  /** The v3 in-place update of retention, data type, schema and auto-scaling. */
  async updateStream(client: HuaweiClient, streamName: string, changes: Record<string, unknown>): Promise<void> {
    await client.call(dis, "UpdateStream", { stream_name: streamName, changes });
  },

  async streamTags(client: HuaweiClient, streamId: string, action: "create" | "delete", tags: readonly { key: string; value: string }[]): Promise<void> {
    await client.call(dis, "BatchStreamTagsAction", { stream_id: streamId, action, tags });
  },

  async deleteStream(client: HuaweiClient, streamName: string): Promise<void> {
    await client.call(dis, "DeleteStream", { stream_name: streamName });
  },

  async createTask(client: HuaweiClient, streamName: string, body: Record<string, unknown>, secrets: readonly string[]): Promise<void> {
    await client.call(dis, "CreateTransferTask", { stream_name: streamName, body }, { secrets });
  },

  showTask: (client: HuaweiClient, streamName: string, taskName: string): Promise<DisTransferTask> =>
    client.call(dis, "ShowTransferTask", { stream_name: streamName, task_name: taskName }),

  listTasks: async (client: HuaweiClient, streamName: string) => (await client.call(dis, "ListTransferTasks", { stream_name: streamName })).tasks,

  async deleteTask(client: HuaweiClient, streamName: string, taskName: string): Promise<void> {
    await client.call(dis, "DeleteTransferTask", { stream_name: streamName, task_name: taskName });
  },

  async taskAction(client: HuaweiClient, streamName: string, action: "start" | "stop", taskId: string): Promise<void> {
    await client.call(dis, "BatchTransferTaskAction", { stream_name: streamName, action, tasks: [{ id: taskId }] });
  },
};
