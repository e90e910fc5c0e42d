/**
 * The shape of DIS request bodies (docs/vendors/dis.md#streams to #dws-descriptor, and the vendor's
 * add-DWS-dump-task page): types, required fields, enums, lengths and ranges, as zod schemas. What needs more than one
 * field, the inventory or the store lives in huawei-dis-rules.ts and the handlers.
 *
 * Numbers the SDKs disagree on (`deliver_time_interval` is an int for Huawei's Go SDK and a string for
 * OTC's; `retry_duration` a string in both SDKs and an int in the vendor's example) are taken either
 * way. The first problem found is answered as DIS.4200 naming the field by its path in the body; no
 * message quotes a submitted value (the DWS password travels in these bodies).
 */
import { z } from "zod";
import { disRules } from "../../provider/apis/huawei-dis";
import { disErrors } from "../errors/huawei";
import { fieldOf, reason } from "./huawei-eg-schema";
export const STREAM_TYPES = ["COMMON", "ADVANCED"] as const;
export const DATA_TYPES = ["BLOB", "JSON", "CSV"] as const;
export const COMPRESSION_FORMATS = ["snappy", "gzip", "zip"] as const;
/** Every type the API names; the emulator serves DWS only (see the rules). */
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
