/**
 * The value rules a DIS request is checked against (docs/vendors/dis.md#streams to #dws-descriptor,
 * and the vendor's add-DWS-dump-task page). First the shape of each body as zod schemas: types,
 * required fields, enums, lengths and ranges; then what needs more than one field or the
 * inventory: auto-scale bounds, the Avro-ish data schema, tags, partition quotas, a DWS
 * descriptor's agency, cluster, database, KMS key and staging bucket (each with the reference's
 * code). Whether a created dump task can run is its status (huawei-dis-status.ts).
 *
 * Numbers the SDKs disagree on (`deliver_time_interval` is an int for Huawei's Go SDK and a string for
 * OTC's; `retry_duration` a string in both SDKs and an int in the vendor's example) are taken either
 * way. The first problem found is answered as DIS.4200 naming the field by its path in the body.
 * Codes are the reference's (docs/vendors/dis.md#error-codes); which check comes first and the exact
 * messages are [inferred]. No message quotes a submitted value (the DWS password travels in these
 * bodies).
 */
import { z } from "zod";
import { disRules, TAG_LIMITS } from "../../provider/apis/huawei-dis";
import { disErrors } from "../errors/huawei";
import type { Inventory } from "../inventory";
import { activePartitions, type DisStreamRecord, type DwsDescriptor, type StreamType, type Tag } from "./huawei-dis-records";
import { fieldOf, reason } from "./huawei-eg-validation";

// ---------------------------------------------------------------------------------------------
// The shape of each body
// ---------------------------------------------------------------------------------------------

export const STREAM_TYPES = ["COMMON", "ADVANCED"] as const;
export const DATA_TYPES = ["BLOB", "JSON", "CSV"] as const;
export const COMPRESSION_FORMATS = ["snappy", "gzip", "zip"] as const;
/** Every type the API names; the emulator serves DWS only (CreateTransferTask refuses the others). */
export const DESTINATION_TYPES = ["OBS", "MRS", "DLI", "CLOUDTABLE", "DWS"] as const;
export type DestinationType = (typeof DESTINATION_TYPES)[number];
export const CONSUMER_STRATEGIES = ["LATEST", "TRIM_HORIZON"] as const;
/** The documented column delimiters; the vendor's own example sends "", taken as the default `,` [inferred]. */
export const DWS_DELIMITERS = [",", ";", "|"] as const;
const DWS_OPTION_TOGGLES = ["true", "on", "false", "off"] as const;

/**
 * A schema refused where DIS refuses, in the words preview uses too: names (1–64 `[A-Za-z0-9_-]`),
 * retention (24–72 hours, create and update), tag keys and values [doc: the Go SDK models and the
 * tag reference; the rules live in provider/apis/huawei-dis.ts].
 */
function ruled<T extends z.ZodType>(schema: T, problem: (v: z.output<T>) => string | undefined) {
  return schema.superRefine((v, ctx) => {
    const why = problem(v);
    if (why !== undefined) ctx.addIssue({ code: "custom", message: why });
  });
}

const name = ruled(z.string(), disRules.name);
const retention = ruled(z.number(), disRules.dataDuration);
const required = z.string().min(1);
const positive = z.number().int().min(1);

/** An integer, or a string of digits (the SDKs send both). */
const wholeOrDigits = (min: number, max: number) =>
  z.preprocess((v) => (typeof v === "string" && /^\d{1,9}$/.test(v) ? Number(v) : v), z.number().int().min(min).max(max));

/** Built per strictness: strict rejects fields the API does not define, loose drops them. */
export function disSchemas(strict: boolean) {
  const obj = <S extends z.core.$ZodLooseShape>(shape: S) => (strict ? z.strictObject(shape) : z.object(shape));

  const tag = obj({ key: ruled(z.string(), disRules.tagKey), value: ruled(z.string(), disRules.tagValue).nullish() });
  // The only system tag DIS documents: the enterprise project a stream is billed to.
  const sysTag = obj({ key: z.enum(["_sys_enterprise_project_id"]), value: required });

  const createStream = obj({
    stream_name: name,
    partition_count: positive,
    stream_type: z.enum(STREAM_TYPES).nullish(),
    data_type: z.enum(DATA_TYPES).nullish(),
    data_duration: retention.nullish(),
    auto_scale_enabled: z.boolean().nullish(),
    auto_scale_min_partition_count: positive.nullish(),
    auto_scale_max_partition_count: positive.nullish(),
    data_schema: z.string().nullish(),
    csv_properties: obj({ delimiter: z.string().nullish() }).nullish(),
    compression_format: z.enum(COMPRESSION_FORMATS).nullish(),
    tags: z.array(tag).nullish(),
    sys_tags: z.array(sysTag).nullish(),
  });

  const scale = obj({ stream_name: name, target_partition_count: positive });

  /** The v3 UpdateStream body: the name again, then what changes (UpdateStreamReq). */
  const updateStream = obj({
    stream_name: name,
    data_duration: retention.nullish(),
    data_type: z.enum(DATA_TYPES).nullish(),
    data_schema: z.string().nullish(),
    auto_scale_enabled: z.boolean().nullish(),
    auto_scale_min_partition_count: positive.nullish(),
    // [inferred] At least 1, as the minimum (the reference gives no bound).
    auto_scale_max_partition_count: positive.nullish(),
  });

  const tagsAction = obj({ action: z.enum(["create", "delete"]), tags: z.array(tag).min(1) });

  /** The envelope of a dump-task create or update; the descriptor is parsed once its type is known. */
  const descriptorSlot = z.unknown().optional();
  const taskEnvelope = obj({
    destination_type: z.enum(DESTINATION_TYPES),
    obs_destination_descriptor: descriptorSlot,
    mrs_destination_descriptor: descriptorSlot,
    dli_destination_descriptor: descriptorSlot,
    cloudtable_destination_descriptor: descriptorSlot,
    dws_destination_descriptor: descriptorSlot,
  });

  const dwsOptions = obj({
    fill_missing_fields: z.enum(DWS_OPTION_TOGGLES).nullish(),
    ignore_extra_data: z.enum(DWS_OPTION_TOGGLES).nullish(),
    compatible_illegal_chars: z.enum(DWS_OPTION_TOGGLES).nullish(),
    reject_limit: z
      .string()
      .regex(/^(\d{1,9}|unlimited)$/, 'must be a whole number written as a string, or "unlimited"')
      .nullish(),
    error_table_name: z.string().nullish(),
  });

  const dwsDescriptor = obj({
    task_name: name,
    agency_name: required.max(64),
    // Mandatory on the vendor's page, which also gives it a default; a missing one takes the default [inferred].
    deliver_time_interval: wholeOrDigits(30, 900).nullish(),
    consumer_strategy: z.enum(CONSUMER_STRATEGIES).nullish(),
    dws_cluster_name: required,
    dws_cluster_id: required,
    dws_database_name: required,
    dws_schema: required,
    dws_table_name: required,
    dws_delimiter: z.string().refine((v) => v === "" || (DWS_DELIMITERS as readonly string[]).includes(v), 'must be ",", ";" or "|"'),
    user_name: required,
    user_password: required,
    kms_user_key_name: required,
    kms_user_key_id: required,
    obs_bucket_path: required,
    file_prefix: z
      .string()
      .max(50)
      .regex(/^[A-Za-z0-9_/]*$/, 'may contain only letters, digits, "_" and "/"')
      .refine((v) => !v.startsWith("/"), 'must not start with "/"')
      .nullish(),
    retry_duration: wholeOrDigits(0, 7200).nullish(),
    dws_table_columns: z.string().nullish(),
    options: dwsOptions.nullish(),
  });

  const taskAction = obj({ action: z.enum(["start", "stop"]), tasks: z.array(obj({ id: required })).min(1) });

  return { createStream, scale, updateStream, tagsAction, taskEnvelope, dwsDescriptor, taskAction };
}

type Schemas = ReturnType<typeof disSchemas>;
export type CreateStreamBody = z.output<Schemas["createStream"]>;
export type UpdateStreamBody = z.output<Schemas["updateStream"]>;
export type DwsDescriptorBody = z.output<Schemas["dwsDescriptor"]>;
export type TagBody = z.output<Schemas["tagsAction"]>["tags"][number];

/** zod's words, with DIS's own for numbers (the SDKs send integers as numbers or digit strings). */
function disReason(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type" && issue.input !== undefined && (issue.expected === "number" || issue.expected === "int")) return "must be a whole number.";
  // The shared rules' sentences are complete (and the same as preview's).
  if (issue.code === "custom" && issue.message.endsWith(".")) return issue.message;
  return reason(issue);
}

function fail(prefix: string, issue: z.core.$ZodIssue) {
  const field = fieldOf(issue);
  return disErrors.invalidRequest(prefix === "" ? field : field === "body" ? prefix : `${prefix}.${field}`, disReason(issue));
}

/** Parses a request body: DIS.4202 without one, DIS.4300 when it is not an object, DIS.4200 naming the first bad field. */
export function parseDisBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  if (body === undefined) throw disErrors.emptyRequest();
  if (body === null || typeof body !== "object" || Array.isArray(body)) throw disErrors.bodyError("The body must be a JSON object.");
  // The input is reported only so that "absent" can be told from "wrong type"; it is never shown.
  const parsed = schema.safeParse(body, { reportInput: true });
  if (parsed.success) return parsed.data;
  throw fail("", parsed.error.issues[0] as z.core.$ZodIssue);
}

/** Parses an object nested in a body (a destination descriptor), naming fields from `field` down. */
export function parseDisObject<T extends z.ZodType>(schema: T, value: unknown, field: string, when: string): z.output<T> {
  if (value === undefined || value === null) throw disErrors.invalidRequest(field, `is required ${when}.`);
  if (typeof value !== "object" || Array.isArray(value)) throw disErrors.invalidRequest(field, "must be an object.");
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  throw fail(field, parsed.error.issues[0] as z.core.$ZodIssue);
}

// ---------------------------------------------------------------------------------------------
// Checks beyond one field: schemas, tags, quotas, the DWS descriptor against the inventory
// ---------------------------------------------------------------------------------------------

/** Default partition quota per project [doc: "per account"; the emulator counts per project]. */
export const PARTITION_QUOTA: Readonly<Record<StreamType, number>> = { COMMON: 50, ADVANCED: 10 };
/** Dump tasks per stream [doc: DIS.4357 in the error-code table]. */
export const TASKS_PER_STREAM = 5;
/** Scale operations per stream in any hour [doc]. */
export const SCALES_PER_HOUR = 5;
export const HOUR_MS = 60 * 60 * 1000;
/** Tags per stream [doc: DIS.4601, at most 10 per resource]. */
export const TAGS_PER_STREAM = TAG_LIMITS.perStream;
const RESERVED_TAG_PREFIX = "_sys_";
/** The delimiter a dump task uses when it names none (the vendor's example sends ""). */
export const DEFAULT_DWS_DELIMITER = ",";

const AVRO_TYPES = new Set(["null", "boolean", "int", "long", "float", "double", "bytes", "string", "record", "enum", "array", "map", "fixed"]);

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/**
 * [inferred] An Avro schema as DIS reads one: JSON, an object with a known `type`; a record has a
 * `name` and a non-empty `fields` list whose entries have a `name` and a `type`.
 */
export function checkDataSchema(text: string): void {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw disErrors.invalidDataSchema("data_schema is not valid JSON.");
  }
  if (!isObject(doc) || typeof doc.type !== "string") throw disErrors.invalidDataSchema('data_schema must be a JSON object with a "type".');
  if (!AVRO_TYPES.has(doc.type)) throw disErrors.invalidDataSchema(`data_schema has type ${JSON.stringify(doc.type)}, which is not an Avro type.`);
  if (doc.type !== "record") return;
  if (typeof doc.name !== "string" || doc.name === "") throw disErrors.invalidDataSchema('a "record" data_schema needs a "name".');
  if (!Array.isArray(doc.fields) || doc.fields.length === 0) throw disErrors.invalidDataSchema('a "record" data_schema needs a non-empty "fields" list.');
  doc.fields.forEach((f: unknown, i) => {
    if (!isObject(f) || typeof f.name !== "string" || f.name === "" || f.type === undefined) {
      throw disErrors.invalidDataSchema(`data_schema fields[${i}] needs a "name" and a "type".`);
    }
  });
}

/** Keys unique, none reserved for system tags, at most TAGS_PER_STREAM (DIS.4601 beyond). */
export function checkTags(tags: readonly Tag[], field: string): void {
  const seen = new Set<string>();
  tags.forEach((t, i) => {
    if (t.key.startsWith(RESERVED_TAG_PREFIX))
      throw disErrors.invalidRequest(`${field}.${i}.key`, `must not start with "${RESERVED_TAG_PREFIX}" (reserved for system tags).`);
    if (seen.has(t.key)) throw disErrors.invalidRequest(`${field}.${i}.key`, `repeats the key ${JSON.stringify(t.key)}.`);
    seen.add(t.key);
  });
  const tooMany = disRules.tagCount(tags.length);
  if (tooMany !== undefined) throw disErrors.tagLimit(`${field} ${tooMany}`);
}

export function toTags(tags: readonly TagBody[] | null | undefined): Tag[] {
  return (tags ?? []).map((t) => ({ key: t.key, value: t.value ?? "" }));
}

/** Auto-scaling needs both bounds, the minimum not above the maximum. */
function checkAutoScale(enabled: boolean, min: number | null | undefined, max: number | null | undefined): void {
  if (!enabled) return;
  if (min === undefined || min === null) throw disErrors.invalidRequest("auto_scale_min_partition_count", "is required when auto_scale_enabled is true.");
  if (max === undefined || max === null) throw disErrors.invalidRequest("auto_scale_max_partition_count", "is required when auto_scale_enabled is true.");
  if (min > max) throw disErrors.invalidRequest("auto_scale_min_partition_count", `(${min}) must not exceed auto_scale_max_partition_count (${max}).`);
}

/** Everything about a create-stream body that one field cannot say. */
export function checkStreamBody(body: CreateStreamBody): void {
  checkAutoScale(body.auto_scale_enabled === true, body.auto_scale_min_partition_count, body.auto_scale_max_partition_count);
  if (typeof body.data_schema === "string" && body.data_schema !== "") checkDataSchema(body.data_schema);
  checkTags(toTags(body.tags), "tags");
}

/**
 * An UpdateStream body against the stream it changes: the schema as on create (DIS.4360 [doc]), and
 * auto-scaling judged on the result, so turning it on needs both bounds in the body or already on
 * the stream [inferred].
 */
export function checkStreamUpdate(body: UpdateStreamBody, stream: DisStreamRecord): void {
  const enabled = body.auto_scale_enabled ?? stream.autoScaleEnabled;
  checkAutoScale(enabled, body.auto_scale_min_partition_count ?? stream.autoScaleMin, body.auto_scale_max_partition_count ?? stream.autoScaleMax);
  if (typeof body.data_schema === "string" && body.data_schema !== "") checkDataSchema(body.data_schema);
}

/** Writable partitions of a type across the project's streams, but `except`. */
export function partitionsInUse(streams: readonly DisStreamRecord[], type: StreamType, except?: string): number {
  return streams.filter((s) => s.streamType === type && s.streamId !== except).reduce((n, s) => n + activePartitions(s).length, 0);
}

export function checkQuota(streams: readonly DisStreamRecord[], type: StreamType, wanted: number, except?: string): void {
  const used = partitionsInUse(streams, type, except);
  if (used + wanted > PARTITION_QUOTA[type]) {
    throw disErrors.quotaExceeded(
      `${type} streams of this project would have ${used + wanted} partitions (${used} elsewhere + ${wanted} here); the quota is ${PARTITION_QUOTA[type]}.`,
    );
  }
}

/**
 * A DWS descriptor checked against the inventory, with defaults applied: the agency (DIS.4335), the
 * cluster by id and name in this project and its database (DIS.4350), the KMS key by id and name
 * (DIS.4351), the staging bucket (DIS.4306; the first segment of `obs_bucket_path`). Credentials and
 * the table are not checked here: DIS accepts the task and it fails when it starts (dwsProblem, huawei-dis-status.ts).
 */
export function resolveDws(body: DwsDescriptorBody, projectId: string, inventory: Inventory): DwsDescriptor {
  const hw = inventory.huawei;
  if (!hw.agencies.some((a) => a.name === body.agency_name)) throw disErrors.invalidAgency(body.agency_name);

  const cluster = hw.dwsClusters.find((c) => c.id === body.dws_cluster_id && c.projectId === projectId);
  if (cluster === undefined) throw disErrors.invalidDwsCluster(`dws_cluster_id: no DWS cluster ${body.dws_cluster_id} exists in this project.`);
  if (cluster.name !== body.dws_cluster_name) {
    throw disErrors.invalidDwsCluster(
      `dws_cluster_name is ${JSON.stringify(body.dws_cluster_name)}, but cluster ${cluster.id} is named ${JSON.stringify(cluster.name)}.`,
    );
  }
  // [inferred] The service reads the cluster's databases when the task is created.
  if (!cluster.databases.includes(body.dws_database_name)) {
    throw disErrors.invalidDwsCluster(`dws_database_name: database ${JSON.stringify(body.dws_database_name)} does not exist in DWS cluster ${cluster.name}.`);
  }

  const key = hw.kmsKeys.find((k) => k.id === body.kms_user_key_id && k.projectId === projectId);
  if (key === undefined) throw disErrors.invalidKmsKey(`kms_user_key_id: no KMS key ${body.kms_user_key_id} exists in this project.`);
  if (key.name !== body.kms_user_key_name) {
    throw disErrors.invalidKmsKey(`kms_user_key_name is ${JSON.stringify(body.kms_user_key_name)}, but key ${key.id} is named ${JSON.stringify(key.name)}.`);
  }

  const bucket = body.obs_bucket_path.split("/")[0] ?? "";
  if (!hw.obsBuckets.some((b) => b.name === bucket && b.projectId === projectId)) throw disErrors.bucketNotFound(bucket);

  const text = (v: string | null | undefined) => (v === undefined || v === null ? null : v);
  const options =
    body.options === undefined || body.options === null
      ? null
      : Object.fromEntries(Object.entries(body.options).filter((e): e is [string, string] => typeof e[1] === "string"));
  return {
    task_name: body.task_name,
    agency_name: body.agency_name,
    deliver_time_interval: body.deliver_time_interval ?? 300,
    consumer_strategy: body.consumer_strategy ?? "LATEST",
    dws_cluster_name: body.dws_cluster_name,
    dws_cluster_id: body.dws_cluster_id,
    dws_database_name: body.dws_database_name,
    dws_schema: body.dws_schema,
    dws_table_name: body.dws_table_name,
    // [inferred] "" (the vendor's example) is the default delimiter.
    dws_delimiter: body.dws_delimiter === "" ? DEFAULT_DWS_DELIMITER : body.dws_delimiter,
    user_name: body.user_name,
    user_password: body.user_password,
    kms_user_key_name: body.kms_user_key_name,
    kms_user_key_id: body.kms_user_key_id,
    obs_bucket_path: body.obs_bucket_path,
    file_prefix: text(body.file_prefix),
    retry_duration: String(body.retry_duration ?? 1800),
    dws_table_columns: text(body.dws_table_columns),
    options,
  };
}
