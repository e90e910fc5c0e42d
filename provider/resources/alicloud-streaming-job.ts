/**
 * alicloud.StreamingJob: an AnalyticDB for PostgreSQL streaming job that reads a Kafka data source
 * into a table (basic mode: columns and write mode as fields; professional mode: a YAML config).
 *
 * Replaced on change (ModifyStreamingJob cannot change them): regionId, dbInstanceId, dataSourceId,
 * jobName, mode. Everything else updates in place through ModifyStreamingJob, which is sent only the
 * changed fields and never an empty value (the service refuses `FallbackOffset ""`).
 *
 * Removing an optional input (`unset` in the field table): tryRun goes back to its documented
 * default false (seed 000, the SDK model). No other optional field has a documented default, and
 * ModifyStreamingJob has no way to clear one (an empty value is refused), so every other removal
 * keeps the job's current value: nothing is sent, and it is neither a change nor drift [inferred:
 * that an omitted Modify parameter leaves the value as it is, as the SDK's optional parameters
 * suggest]. Removing regionId replaces the job (the region decides the endpoint).
 *
 * A create whose jobName is taken in the instance (`pulumi up` killed after its create reached the
 * cloud, then run again) takes the job over when it has the program's definition; `adopt: true`
 * also takes over a differing one and modifies it to the program's values (see _gpdb.ts).
 *
 * Preview accepts the CreateStreamingJob page's own example (seed 000, basic and professional):
 * so `password` has no length rule (its example is `pwd123`; the job logs in with an existing
 * account, whose rules are not this API's), and `updateColumns` beside writeMode INSERT is allowed
 * (the example sends both; INSERT ignores it). The column-membership rules apply to MERGE and
 * UPDATE only, where the key columns are used; the column lists themselves are optional, as in the
 * SDK's example. Names are checked by the rule the emulator applies.
 */
import { z } from "zod";
import { JOB_NAME_DUPLICATE, type StreamingJobDescription } from "../apis/alibaba-gpdb";
import { type Rule, checkInputs, show } from "../engine/check";
import { isUnset, sameEnum, sameList, sameSet, sameYaml } from "../engine/equality";
import { type FieldTable, changedFields, diffOf, toApi, updateParams } from "../engine/fields";
import { redact, redactYamlPasswords } from "../engine/redact";
import { defineResource, tokenKind } from "../engine/descriptor";
import {
  type GpdbClient,
  type GpdbObjectType,
  type ModifyObject,
  INT32_MAX,
  dbInstanceIdSchema,
  nameSchema,
  regionIdSchema,
  createObject,
  gpdbClient,
  parseCompositeId,
  readObject,
  regionParam,
  removeObject,
  settleObject,
} from "./_gpdb";
import { jobConfigObject, jobConfigProblems, renderJobConfig } from "./alicloud-streaming-job-config";

/** The type token, written only here: the kind, the engine's type token and the registry derive from it. */
const token = { module: "alicloud", name: "StreamingJob" } as const;
export const KIND = tokenKind(token);

const enumAnyCase = (prop: string, values: readonly string[]) =>
  z.string().refine((v) => values.includes(v.toUpperCase()), {
    message: `${prop} must be one of ${values.join(", ")} (either case); change it to one of these`,
  });

const columns = z.array(z.string().min(1)).refine((a) => new Set(a).size === a.length, { message: "must not list a column twice" });

const numericId = z.union([z.string().regex(/^\d+$/, 'must be a numeric id such as "1"'), z.number().int().nonnegative()]).transform(String);

/** Input schema, one entry per SDK property. */
export const shape = {
  regionId: regionIdSchema
    .optional()
    .describe(
      "Region of the instance, an Alibaba Cloud region id such as `cn-beijing` or\n`cn-shanghai-finance-1` (lower-case words joined by hyphens). Changing it replaces the job.\n@default the stack config `alicloud:region` (or ALIBABA_CLOUD_REGION_ID), which must have the same form",
    ),
  dbInstanceId: dbInstanceIdSchema.describe("The AnalyticDB for PostgreSQL instance. Changing it replaces the job."),
  dataSourceId: numericId
    .meta({ sdkOutput: "string" })
    .describe("The Kafka data source the job reads (a StreamingDataSource's `dataSourceId`). Changing it replaces the job."),
  jobName: nameSchema(128).describe("Job name, unique in the instance, one line without control characters. Changing it replaces the job."),
  mode: z
    .enum(["basic", "professional"])
    .default("basic")
    .describe("`basic` (columns and write mode given as fields) or `professional` (a YAML `jobConfig`).\nChanging it replaces the job."),
  jobDescription: z.string().max(256).optional(),
  account: nameSchema().optional().describe("Target database account. Required in basic mode."),
  password: z
    .string()
    .min(1)
    .optional()
    .describe("Target database password (the account's own; no length rule here). Always stored as a secret. Required in basic mode."),
  destDatabase: nameSchema().optional().describe("Target database. Basic mode only (required there)."),
  destSchema: nameSchema().optional().describe("Target schema. Basic mode only."),
  destTable: nameSchema().optional().describe("Target table. Basic mode only (required there)."),
  srcColumns: columns
    .optional()
    .describe("Source fields, in order; `srcColumns[i]` is written to `destColumns[i]`. Basic mode only (optional there, as in the SDK's example)."),
  destColumns: columns.optional().describe("Target columns, as many as `srcColumns`. Basic mode only."),
  matchColumns: columns
    .optional()
    .describe("Key columns that find the row to update; required for UPDATE and MERGE, and then among `destColumns`. Order is not significant."),
  updateColumns: columns.optional().describe("Non-key columns overwritten on a match (used by UPDATE and MERGE, ignored by INSERT). Order is not significant."),
  writeMode: enumAnyCase("writeMode", ["INSERT", "UPDATE", "MERGE"])
    .optional()
    .describe(
      "INSERT, UPDATE or MERGE (either case; the service echoes what it was given, so case alone is never a change).\n@default decided by the service (INSERT)",
    ),
  jobConfig: z
    .union([z.string().min(1), jobConfigObject.transform(renderJobConfig)])
    .superRefine((text, ctx) => {
      for (const message of jobConfigProblems(text)) ctx.addIssue({ code: "custom", message });
    })
    .optional()
    .meta({ sdkOutput: "string", sdkOutputDoc: "The job YAML (rendered, when given as an object)." })
    .describe(
      "Professional mode's job configuration: YAML text, or the typed object rendered to YAML.\nYAML that differs only in formatting, quoting or key order is not a change. Kept secret in\nstate because it holds the target password.",
    ),
  groupName: nameSchema().optional().describe("Kafka consumer group."),
  fallbackOffset: enumAnyCase("fallbackOffset", ["EARLIEST", "LATEST"])
    .optional()
    .describe("Where to start when the group has no valid committed offset: EARLIEST or LATEST."),
  // A long on Create and Modify, but DescribeStreamingJob answers it as a 32-bit integer.
  errorLimitCount: z
    .number()
    .int()
    .min(0)
    .max(INT32_MAX)
    .optional()
    .describe("Bad rows tolerated before the job fails, 0 to 2147483647 (DescribeStreamingJob answers it as a 32-bit integer)."),
  consistency: enumAnyCase("consistency", ["ATLEAST", "EXACTLY"]).optional().describe("Delivery guarantee: ATLEAST or EXACTLY."),
  tryRun: z.boolean().optional().describe("Test-run the job. Never echoed back by the service. Removing it sends the vendor's default, false."),
  timeoutSeconds: z
    .number()
    .int()
    .min(1)
    .max(86_400)
    .default(600)
    .describe(
      "How long create, update and delete wait for the job to settle before failing. A job still\nstarting when it runs out is kept in state and the run fails; the next `up` waits again.\n(Pulumi's `customTimeouts` option does not reach dynamic providers, so it is an input.)",
    ),
  adopt: z
    .boolean()
    .default(false)
    .describe(
      "Bring an existing job with the same `jobName` under management instead of creating one: create\nfinds it and modifies only the fields that differ from this definition (never sending an empty\nvalue). A difference in a field that forces a replacement (dataSourceId, mode) is refused.\nPulumi's `import` option does not work for dynamic resources; this is the supported way.\n@default false: a job of this name that has this definition (one an interrupted `pulumi up`\nleft behind) is still taken over; one that differs is refused, naming both jobs.",
    ),
} as const;

type Inputs = {
  [K in keyof typeof shape]: z.output<(typeof shape)[K]>;
};

const BASIC_ONLY = ["destDatabase", "destSchema", "destTable", "srcColumns", "destColumns", "matchColumns", "updateColumns", "writeMode"] as const;
/** What a basic job cannot run without: where it writes and who it logs in as (the SDK's own example sends no column lists). */
const BASIC_NEEDS = ["account", "password", "destDatabase", "destTable"] as const;
const keyed = (m: unknown) => typeof m === "string" && ["MERGE", "UPDATE"].includes(m.toUpperCase());

export const rules: readonly Rule<Inputs>[] = [
  {
    fields: ["mode", "jobConfig"],
    property: "jobConfig",
    violated: (d) => d.mode === "professional" && d.jobConfig === undefined,
    message: () => 'jobConfig is required when mode is "professional". Give the job YAML (or the typed object), or set mode to "basic".',
  },
  {
    fields: ["mode", "jobConfig"],
    property: "jobConfig",
    violated: (d) => d.mode === "basic" && d.jobConfig !== undefined,
    message: () => 'jobConfig is only used when mode is "professional"; got a jobConfig with mode "basic". Remove jobConfig or set mode to "professional".',
  },
  ...BASIC_ONLY.map(
    (f): Rule<Inputs> => ({
      fields: ["mode", f],
      property: f,
      violated: (d) => d.mode === "professional" && !isUnset(d[f]),
      message: (d) =>
        `${f} is a basic-mode field; got ${show(d[f])} with mode "professional", where jobConfig holds the mapping. Remove ${f} or set mode to "basic".`,
    }),
  ),
  ...BASIC_NEEDS.map(
    (f): Rule<Inputs> => ({
      fields: ["mode", f],
      property: f,
      violated: (d) => d.mode === "basic" && isUnset(d[f]),
      message: () => `${f} is required when mode is "basic" (the job needs it to write into the target table). Set ${f}.`,
    }),
  ),
  {
    fields: ["writeMode", "matchColumns"],
    property: "matchColumns",
    violated: (d) => keyed(d.writeMode) && isUnset(d.matchColumns),
    message: (d) =>
      `matchColumns is required when writeMode is ${String(d.writeMode).toUpperCase()} (it names the key that finds the row to update). Set matchColumns, usually to the primary key, or use writeMode INSERT.`,
  },
  {
    fields: ["srcColumns", "destColumns"],
    property: "destColumns",
    violated: (d) => !!d.srcColumns && !!d.destColumns && d.srcColumns.length !== d.destColumns.length,
    message: (d) =>
      `srcColumns and destColumns must be the same length (column i of the source maps to column i of the table); got ${d.srcColumns?.length} source and ${d.destColumns?.length} destination columns. Make the two lists match.`,
  },
  ...(["matchColumns", "updateColumns"] as const).map(
    (f): Rule<Inputs> => ({
      fields: [f, "destColumns", "writeMode"],
      property: f,
      violated: (d) => keyed(d.writeMode) && !!d[f] && !!d.destColumns && d[f].some((c) => !d.destColumns?.includes(c)),
      message: (d) =>
        `${f} must name columns of destColumns; ${show(d[f]?.filter((c) => !d.destColumns?.includes(c)))} ${d[f]?.filter((c) => !d.destColumns?.includes(c)).length === 1 ? "is" : "are"} not in destColumns ${show(d.destColumns)}. Add them to destColumns or remove them from ${f}.`,
    }),
  ),
];

/** src[i] → dest[i] pairs; reordering both lists together is not a change. */
const samePairs = (olds: Record<string, unknown>, news: Record<string, unknown>) => {
  const pairs = (p: Record<string, unknown>) =>
    Array.isArray(p.srcColumns) && Array.isArray(p.destColumns)
      ? p.srcColumns.map((s, i) => `${String(s)}\u0000${String((p.destColumns as unknown[])[i])}`).sort()
      : [p.srcColumns, p.destColumns];
  return sameList(pairs(olds), pairs(news));
};

/** No documented default and no way to clear it in place: removing it keeps the job's value [inferred]. */
const kept = "kept" as const;

export const fields: FieldTable = {
  // Removing it makes the provider's region decide the endpoint: a move, so a replacement.
  regionId: { api: "RegionId", replace: true, writeOnly: true, unset: "replace" },
  dbInstanceId: { api: "DBInstanceId", replace: true },
  dataSourceId: { api: "DataSourceId", replace: true },
  jobName: { api: "JobName", replace: true },
  mode: { api: "Mode", replace: true, same: (a, b) => (a ?? "basic") === (b ?? "basic") },
  jobDescription: { api: "JobDescription", unset: kept },
  account: { api: "Account", unset: kept },
  password: { api: "Password", secret: true, unset: kept },
  destDatabase: { api: "DestDatabase", unset: kept },
  destSchema: { api: "DestSchema", unset: kept },
  destTable: { api: "DestTable", unset: kept },
  srcColumns: { api: "SrcColumns", same: sameList, unset: kept },
  destColumns: { api: "DestColumns", same: sameList, unset: kept },
  matchColumns: { api: "MatchColumns", same: sameSet, unset: kept },
  updateColumns: { api: "UpdateColumns", same: sameSet, unset: kept },
  writeMode: { api: "WriteMode", same: sameEnum, unset: kept },
  jobConfig: { api: "JobConfig", same: sameYaml, secret: true, unset: kept },
  groupName: { api: "GroupName", unset: kept },
  fallbackOffset: { api: "FallbackOffset", same: sameEnum, unset: kept },
  errorLimitCount: { api: "ErrorLimitCount", unset: kept },
  consistency: { api: "Consistency", same: sameEnum, unset: kept },
  // Default false (seed 000 and the SDK model): removing it runs the job for real again.
  tryRun: { api: "TryRun", writeOnly: true, same: (a, b) => Boolean(a) === Boolean(b), unset: { reset: false } },
};

/** Outputs computed by the service. */
export type Computed = {
  jobId: string;
  region: string;
  status: string;
  errorMessage: string;
  dataSourceName: string;
  createTime: string;
  modifyTime: string;
};

function computed(client: GpdbClient, d: StreamingJobDescription): Computed {
  return {
    jobId: d.JobId,
    region: client.region,
    status: d.Status,
    errorMessage: redact(d.ErrorMessage ?? "", [d.Password]),
    dataSourceName: d.DataSourceName ?? "",
    createTime: d.CreateTime ?? "",
    modifyTime: d.ModifyTime ?? "",
  };
}

export function check(_olds: Record<string, unknown>, news: Record<string, unknown>) {
  return checkInputs<Inputs>(KIND, shape, rules, news, fields);
}

/** Changed properties; reordering srcColumns and destColumns together is not a change. */
export function jobChanges(olds: Record<string, unknown>, news: Record<string, unknown>): string[] {
  const changed = changedFields(fields, olds, news);
  return samePairs(olds, news) ? changed.filter((k) => k !== "srcColumns" && k !== "destColumns") : changed;
}

export function diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
  const d = diffOf(fields, jobChanges(olds, news), news);
  // A replacement that keeps the name in the same instance must delete first: names are unique.
  if (d.replaces && !d.replaces.some((k) => k === "jobName" || k === "dbInstanceId" || k === "regionId")) d.deleteBeforeReplace = true;
  return d;
}

export const jobObject: GpdbObjectType<StreamingJobDescription> = {
  noun: "StreamingJob",
  describe: "DescribeStreamingJob",
  list: "ListStreamingJobs",
  remove: "DeleteStreamingJob",
  idParam: "JobId",
  listKey: "JobItems",
  nameField: "JobName",
  nameInput: "jobName",
  duplicateCode: JOB_NAME_DUPLICATE,
  healthy: "Running",
  broken: "Exception",
  errorOf: (d) => d.ErrorMessage,
  computed,
  secretsOf: (i) => [i.password as string | undefined],
};

/**
 * ModifyStreamingJob with the changed fields only: a removed field sends its reset value or nothing
 * (updateParams), never an empty one. TryRun goes with every modify the program sets it for, so a
 * modified test run stays a test run.
 */
const modifyJob: ModifyObject = async (client, dbInstanceId, n, news, changed) => {
  await client.call(
    "ModifyStreamingJob",
    {
      ...regionParam(client),
      DBInstanceId: dbInstanceId,
      JobId: n,
      ...updateParams(fields, news, changed),
      ...(news.tryRun !== undefined ? { TryRun: news.tryRun } : {}),
    },
    { retryAmbiguous: true },
  );
};

export async function create(inputs: Record<string, unknown>, client: GpdbClient = gpdbClient(inputs.regionId)) {
  return createObject(
    jobObject,
    fields,
    client,
    inputs,
    async () => String((await client.call("CreateStreamingJob", { ...regionParam(client), ...toApi(fields, inputs) })).JobId),
    modifyJob,
  );
}

export async function read(id: string, props: Record<string, unknown>, client: GpdbClient = gpdbClient(props.regionId)) {
  return readObject(jobObject, fields, shape, client, id, props);
}

export async function update(id: string, olds: Record<string, unknown>, news: Record<string, unknown>, client: GpdbClient = gpdbClient(news.regionId)) {
  const { dbInstanceId, n } = parseCompositeId(KIND, id);
  const changed = jobChanges(olds, news).filter((k) => !fields[k]?.replace);
  if (changed.length > 0) await modifyJob(client, dbInstanceId, n, news, changed);
  return { outs: await settleObject(jobObject, client, news, id, "after update") };
}

export async function remove(id: string, props: Record<string, unknown>, client: GpdbClient = gpdbClient(props.regionId)) {
  await removeObject(jobObject, client, id, props);
}

/** Redacted view of a described job for logs and the demo's summary. */
export function describeForDisplay(d: StreamingJobDescription): Record<string, unknown> {
  return { ...d, Password: d.Password ? "[secret]" : undefined, JobConfig: d.JobConfig ? redactYamlPasswords(d.JobConfig) : undefined };
}

/** alicloud.StreamingJob, as the registry (resources/index.ts) serves it. */
export const resource = defineResource({
  token,
  shape,
  fields,
  rules,
  outputs: {
    jobId: z.string().describe("The job's id in its instance."),
    region: z.string().describe("The region the job was created in."),
    status: z.string().describe("Init, Running, Exception or Paused, as the service reports it."),
    errorMessage: z.string().describe("The service's reason when the job is in Exception."),
    dataSourceName: z.string(),
    createTime: z.string(),
    modifyTime: z.string(),
  },
  replaceNote:
    "ModifyStreamingJob is sent only the changed fields; a replacement that keeps `jobName` in the same instance deletes the old job first (names are unique). YAML that differs only in formatting, enum values in another case, and key/update column lists in another order are not changes.",
  sdk: {
    summary:
      "An AnalyticDB for PostgreSQL streaming job: reads a Kafka data source into a table, in basic mode\n(columns and write mode as fields) or professional mode (a YAML job config). Create and update\nwait until the job is Running; a job that lands in Exception is kept in state with its id and the\nservice's reason, and the run fails.",
    args: "Inputs of {@link StreamingJob}. Names are the camelCase of the CreateStreamingJob parameters.",
    example: [
      'import * as pulumi from "@pulumi/pulumi";',
      'import { alicloud } from "pulumi-streamjobs";',
      "",
      "// The instance, its etl account (password Demo#Pass123) and the brokers are the default emulator's.",
      "const config = new pulumi.Config();",
      'const dbInstanceId = "gp-demo00000000001";',
      'const service = new alicloud.StreamingDataService("orders", { dbInstanceId, serviceName: "orders", serviceSpec: "4" });',
      'const source = new alicloud.StreamingDataSource("orders", {',
      '  dbInstanceId, serviceId: service.serviceId, dataSourceName: "orders",',
      '  dataSourceConfig: { brokers: "192.168.0.10:9092,192.168.0.11:9092,192.168.0.12:9092", topic: "orders", format: "json" },',
      "});",
      'const job = new alicloud.StreamingJob("orders", {',
      '  dbInstanceId, dataSourceId: source.dataSourceId, jobName: "orders",',
      '  account: "etl", password: config.requireSecret("dbPassword"),',
      '  destDatabase: "analytics", destSchema: "public", destTable: "orders",',
      '  srcColumns: ["id", "amount"], destColumns: ["id", "amount"],',
      '  writeMode: "MERGE", matchColumns: ["id"], updateColumns: ["amount"], consistency: "EXACTLY",',
      "});",
    ].join("\n"),
    see: "https://www.alibabacloud.com/help/en/analyticdb/analyticdb-for-postgresql/developer-reference/api-gpdb-2016-05-03-createstreamingjob",
    get: "Reads an existing job (id `<dbInstanceId>:<jobId>`) without managing it.",
  },
  check,
  diff,
  create,
  read,
  update,
  remove,
});
