/**
 * alicloud.StreamingDataSource: the Kafka source a streaming job reads, running on a data service.
 *
 * Replaced on change: regionId, dbInstanceId, dataSourceName, dataSourceType, serviceId. Updated in
 * place through ModifyStreamingDataSource: dataSourceConfig, dataSourceDescription.
 *
 * Removing dataSourceDescription keeps the data source's description: no default is documented and
 * Modify cannot clear it without an empty value, so nothing is sent [inferred: that an omitted
 * Modify parameter leaves the value as it is]. Removing regionId replaces it.
 *
 * dataSourceName is unique in its instance: a create whose name is taken (an interrupted `pulumi
 * up` run again) takes the data source over when it has the program's definition, and with `adopt:
 * true` also when it differs in dataSourceConfig or dataSourceDescription (see _gpdb.ts).
 *
 * The broker list key: the SDK's CreateStreamingDataSource example writes `broker_list`, its
 * Describe, Modify and List examples `brokers`. The vendor's terraform provider creates with
 * `brokers` in acceptance tests against the live API and reads the same text back, so the typed
 * form renders `brokers`; JSON text is sent as given (either key), and a config read back under
 * either key compares equal to the same list under the other, so neither shows as drift.
 */
import { z } from "zod";
import { DATA_SOURCE_NAME_DUPLICATE, type StreamingDataSourceDescription } from "../apis/alibaba-gpdb";
import { dataSourceConfigProblem } from "../apis/alibaba-gpdb-rules";
import { sameJson } from "../engine/equality";
import { type FieldTable, updateParams } from "../engine/fields";
import { defineResource, tokenKind } from "../engine/descriptor";
import { type GpdbObjectType, INT32_MAX, dbInstanceIdSchema, gpdbResource, nameSchema, regionIdSchema } from "./_gpdb";

/** The type token, written only here: the kind, the engine's type token and the registry derive from it. */
const token = { module: "alicloud", name: "StreamingDataSource" } as const;
export const KIND = tokenKind(token);

/**
 * The Kafka connection as a typed object; rendered to the JSON text the API takes. The broker list
 * is checked on the rendered text, by the same rule (and words) as JSON text and the emulator.
 */
export const kafkaConfig = z
  .strictObject({
    brokers: z.string().min(1).describe("Comma-separated `host:port` list of the Kafka brokers."),
    topic: z.string().min(1),
    format: z.enum(["delimited", "json", "csv", "avro"]).optional().describe("Message format."),
    delimiter: z.string().min(1).optional().describe("Field delimiter for `delimited` messages, e.g. `|`."),
  })
  .meta({ sdkName: "KafkaDataSourceConfig", sdkTypeDoc: "A Kafka data source's connection, as an object (rendered to the JSON text the API takes)." });

const configText = z
  .union([z.string(), kafkaConfig.transform((o) => JSON.stringify(o))])
  .meta({ sdkOutput: "string", sdkOutputDoc: "The connection as JSON text." })
  .superRefine((text, ctx) => {
    const problem = dataSourceConfigProblem(text);
    if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
  });

/** The config with a `broker_list` key spelled `brokers`, for comparison only (never sent). */
function brokersSpelled(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    const o: unknown = JSON.parse(value);
    if (o && typeof o === "object" && !Array.isArray(o) && "broker_list" in o && !("brokers" in o)) {
      const { broker_list, ...rest } = o as Record<string, unknown>;
      return JSON.stringify({ brokers: broker_list, ...rest });
    }
  } catch {
    // not JSON: compared as text
  }
  return value;
}

/** Same JSON, whichever of the two broker keys each side uses. */
export const sameDataSourceConfig = (a: unknown, b: unknown) => sameJson(brokersSpelled(a), brokersSpelled(b));

export const shape = {
  regionId: regionIdSchema
    .optional()
    .describe(
      "Region of the instance, an Alibaba Cloud region id such as `cn-beijing`. Changing it replaces the data source.\n@default the stack config `alicloud:region` (or ALIBABA_CLOUD_REGION_ID)",
    ),
  dbInstanceId: dbInstanceIdSchema.describe("The AnalyticDB for PostgreSQL instance. Changing it replaces the data source."),
  dataSourceName: nameSchema(128).describe("Name, unique in the instance, one line without control characters. Changing it replaces the data source."),
  dataSourceType: z.enum(["kafka"]).default("kafka").describe("Source type; only Kafka exists. Changing it replaces the data source."),
  dataSourceConfig: configText.describe(
    'The Kafka connection: JSON text such as `{"brokers":"h1:9092","topic":"t"}` or the typed object\n(sent under `brokers`). The broker list is `host:port[,host:port…]`, no spaces, ports 1–65535;\nJSON text may carry it under `brokers` or `broker_list` (the SDK\'s Create example), not both.\nText that differs only in whitespace, key order or which of the two keys holds the same list is\nnot a change. Updated in place.',
  ),
  serviceId: z
    .union([z.string().regex(/^\d+$/), z.number().int().nonnegative()])
    .transform(Number)
    .refine((n) => n <= INT32_MAX, { message: `must be at most ${INT32_MAX}: CreateStreamingDataSource takes ServiceId as a 32-bit integer` })
    .meta({ description: "The data service it runs on (a StreamingDataService's `serviceId`). Changing it replaces the data source.", sdkOutput: "number" }),
  dataSourceDescription: z
    .string()
    .max(256)
    .optional()
    .describe("Free text, at most 256 characters. Updated in place; removing it keeps the current description (nothing is sent)."),
  timeoutSeconds: z.number().int().min(1).max(86_400).default(600).describe("How long create and update wait for the data source to reach running."),
  adopt: z
    .boolean()
    .default(false)
    .describe(
      "Bring an existing data source with the same `dataSourceName` under management instead of creating one:\ncreate finds it and modifies only the fields that differ from this definition (never sending an\nempty value). A difference in a field that forces a replacement is refused.\nPulumi's `import` option does not work for dynamic resources; this is the supported way.\n@default false: a data source of this name that has this definition (one an interrupted `pulumi up`\nleft behind) is still taken over; one that differs is refused, naming both.",
    ),
} as const;

export const fields: FieldTable = {
  // Removing it makes the provider's region decide the endpoint: a move, so a replacement.
  regionId: { api: "RegionId", replace: true, writeOnly: true, unset: "replace" },
  dbInstanceId: { api: "DBInstanceId", replace: true },
  dataSourceName: { api: "DataSourceName", replace: true },
  dataSourceType: { api: "DataSourceType", replace: true },
  serviceId: { api: "ServiceId", replace: true, same: (a, b) => String(a) === String(b) },
  dataSourceConfig: { api: "DataSourceConfig", same: sameDataSourceConfig },
  // No documented default, and clearing it would take an empty value: removing it keeps it [inferred].
  dataSourceDescription: { api: "DataSourceDescription", unset: "kept" },
};

export const sourceObject: GpdbObjectType<StreamingDataSourceDescription> = {
  noun: "StreamingDataSource",
  describe: "DescribeStreamingDataSource",
  list: "ListStreamingDataSources",
  remove: "DeleteStreamingDataSource",
  idParam: "DataSourceId",
  listKey: "DataSourceItems",
  nameField: "DataSourceName",
  nameInput: "dataSourceName",
  duplicateCode: DATA_SOURCE_NAME_DUPLICATE,
  // Data sources report their status in lower case, unlike services and jobs.
  healthy: "running",
  broken: "exception",
  errorOf: (d) => d.ErrorMessage,
  computed: (client, d) => ({
    dataSourceId: String(d.DataSourceId),
    region: client.region,
    status: d.Status,
    errorMessage: d.ErrorMessage ?? "",
    createTime: d.CreateTime ?? "",
  }),
  secretsOf: () => [],
};

export const { check, diff, create, read, update, remove } = gpdbResource({
  kind: KIND,
  object: sourceObject,
  shape,
  fields,
  create: { action: "CreateStreamingDataSource", idField: "DataSourceId" },
  // Terraform resends the config on every modify; so do we, so the service never sees a partial
  // update. The description goes only when it changed to a value (updateParams: never empty).
  modify: {
    action: "ModifyStreamingDataSource",
    params: (news, n, changed) => ({ DataSourceId: String(n), DataSourceConfig: news.dataSourceConfig, ...updateParams(fields, news, changed) }),
  },
});

/** alicloud.StreamingDataSource, as the registry (resources/index.ts) serves it. */
export const resource = defineResource({
  token,
  shape,
  fields,
  outputs: {
    dataSourceId: z.string().describe("The data source's id in its instance; jobs refer to it as `dataSourceId`."),
    region: z.string(),
    status: z.string().describe("init, running or exception (this API reports it in lower case)."),
    errorMessage: z.string(),
    createTime: z.string(),
  },
  replaceNote:
    "Updates go through ModifyStreamingDataSource. A `dataSourceConfig` read back with its brokers under `broker_list` instead of `brokers` (or the other way round) is not a change.",
  sdk: {
    summary: [
      "A Kafka data source of AnalyticDB for PostgreSQL streaming, read by streaming jobs. Create waits",
      "until it is running; a source whose brokers cannot be reached ends in exception, and is kept in",
      "state with the service's reason.",
    ].join("\n"),
    args: "Inputs of {@link StreamingDataSource}.",
    example: [
      'import { alicloud } from "pulumi-streamjobs";',
      "",
      "// The instance and the Kafka brokers are the default emulator's; name yours in a real region.",
      'const dbInstanceId = "gp-demo00000000001";',
      'const service = new alicloud.StreamingDataService("payments", { dbInstanceId, serviceName: "payments", serviceSpec: "4" });',
      'const source = new alicloud.StreamingDataSource("payments-topic", {',
      '  dbInstanceId, serviceId: service.serviceId, dataSourceName: "payments",',
      '  dataSourceConfig: { brokers: "192.168.0.10:9092,192.168.0.11:9092,192.168.0.12:9092", topic: "payments", format: "json" },',
      "});",
    ].join("\n"),
    see: "https://www.alibabacloud.com/help/en/analyticdb/analyticdb-for-postgresql/developer-reference/api-gpdb-2016-05-03-createstreamingdatasource",
    get: "Reads an existing data source (id `<dbInstanceId>:<dataSourceId>`) without managing it.",
  },
  check,
  diff,
  create,
  read,
  update,
  remove,
});
