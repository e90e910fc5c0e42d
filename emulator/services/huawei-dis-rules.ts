/**
 * The DIS checks that need more than one field or the inventory: auto-scale bounds, the Avro-ish
 * data schema, tags, partition quotas, a DWS descriptor's agency, cluster, database, KMS key and
 * staging bucket (each with the reference's code), and whether a DWS dump task can run.
 *
 * Codes are the reference's (docs/vendors/dis.md#error-codes); which check comes first and the exact
 * messages are [inferred]. Messages never quote a password.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { disRules, TAG_LIMITS } from "../../provider/apis/huawei-dis";
import { disErrors } from "../errors/huawei";
import type { Inventory } from "../inventory";
import type { DisStreamRecord, DwsDescriptor, StreamType, Tag } from "./huawei-dis-records";
import { activePartitions } from "./huawei-dis-records";
import type { CreateStreamBody, DwsDescriptorBody, TagBody, UpdateStreamBody } from "./huawei-dis-schema";

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
 * the table are not checked here: DIS accepts the task and it fails when it starts (see dwsProblem).
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

function samePassword(a: string, b: string): boolean {
  // Compared as digests so neither the length nor the content leaks through timing.
  return timingSafeEqual(createHash("sha256").update(a).digest(), createHash("sha256").update(b).digest());
}

/**
 * [inferred] Why a DWS dump task cannot run, judged against the inventory when read: the cluster
 * rejects its credentials (when the cluster lists users), or the target table does not exist (when
 * it lists tables). The wording follows GaussDB(DWS)'s own messages; the service's are undocumented.
 */
export function dwsProblem(d: DwsDescriptor, projectId: string, inventory: Inventory): string | undefined {
  const cluster = inventory.huawei.dwsClusters.find((c) => c.id === d.dws_cluster_id && c.projectId === projectId);
  if (cluster === undefined) return `DWS cluster ${d.dws_cluster_id} no longer exists.`;
  const where = `DWS cluster ${cluster.name} (${cluster.id})`;
  if (cluster.users !== undefined) {
    const user = cluster.users.find((u) => u.name === d.user_name);
    if (user === undefined || !samePassword(user.password, d.user_password)) {
      return `Failed to connect to ${where} as user ${JSON.stringify(d.user_name)}: FATAL: Invalid username/password,login denied.`;
    }
  }
  const table = `${d.dws_schema}.${d.dws_table_name}`;
  if (cluster.tables !== undefined && !cluster.tables.includes(table)) {
    return `Failed to load into ${where}, database ${d.dws_database_name}: ERROR: relation "${table}" does not exist.`;
  }
  return undefined;
}
