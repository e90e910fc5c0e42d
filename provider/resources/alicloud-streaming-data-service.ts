/**
 * alicloud.StreamingDataService: the streaming compute (in CUs) that data sources run on.
 *
 * Replaced on change: regionId, dbInstanceId, serviceName. Updated in place through
 * ModifyStreamingDataService: serviceSpec, serviceDescription.
 *
 * Removing serviceDescription keeps the service's description: no default is documented and Modify
 * cannot clear it without an empty value, so nothing is sent [inferred: that an omitted Modify
 * parameter leaves the value as it is]. Removing regionId replaces it.
 *
 * serviceName is unique in its instance: a create whose name is taken (an interrupted `pulumi up`
 * run again) takes the service over when it has the program's definition, and with `adopt: true`
 * also when it differs in serviceSpec or serviceDescription (see _gpdb.ts).
 *
 * serviceSpec is checked against 2/4/8/16 although only Modify's SDK model lists those values
 * (Create's names none): a spec Modify refuses could never be changed in place afterwards.
 * Delete is refused in band while a data source still uses the service (HTTP 200, Status false);
 * that surfaces as an error naming the service, never as a wait for it to disappear.
 */
import { z } from "zod";
import { SERVICE_NAME_DUPLICATE, type StreamingDataServiceDescription } from "../apis/alibaba-gpdb";
import { type FieldTable, updateParams } from "../engine/fields";
import { defineResource, tokenKind } from "../engine/descriptor";
import { type GpdbObjectType, dbInstanceIdSchema, gpdbResource, nameSchema, regionIdSchema } from "./_gpdb";

/** The type token, written only here: the kind, the engine's type token and the registry derive from it. */
const token = { module: "alicloud", name: "StreamingDataService" } as const;
export const KIND = tokenKind(token);

export const shape = {
  regionId: regionIdSchema
    .optional()
    .describe(
      "Region of the instance, an Alibaba Cloud region id such as `cn-beijing`. Changing it replaces the service.\n@default the stack config `alicloud:region` (or ALIBABA_CLOUD_REGION_ID)",
    ),
  dbInstanceId: dbInstanceIdSchema.describe("The AnalyticDB for PostgreSQL instance, e.g. `gp-bp10g78o9807yv9h3`. Changing it replaces the service."),
  serviceName: nameSchema(128).describe("Name of the service, unique in the instance, one line without control characters. Changing it replaces the service."),
  serviceSpec: z
    .union([z.enum(["2", "4", "8", "16"]), z.literal(2), z.literal(4), z.literal(8), z.literal(16)], {
      error: "serviceSpec must be one of 2, 4, 8, 16 (compute units); change it to one of these",
    })
    .transform(String)
    .meta({ description: "Compute size in CUs: 2, 4, 8 or 16 (the values ModifyStreamingDataService takes). Updated in place.", sdkOutput: "string" }),
  serviceDescription: z
    .string()
    .max(256)
    .optional()
    .describe("Free text, at most 256 characters. Updated in place; removing it keeps the current description (nothing is sent)."),
  timeoutSeconds: z
    .number()
    .int()
    .min(1)
    .max(86_400)
    .default(600)
    .describe(
      "How long create and update wait for the service to reach Running before failing.\n(Pulumi's `customTimeouts` option does not reach dynamic providers, so it is an input.)",
    ),
  adopt: z
    .boolean()
    .default(false)
    .describe(
      [
        "Bring an existing service with the same `serviceName` under management instead of creating one:",
        "create finds it and modifies only the fields that differ from this definition (never sending an",
        "empty value). A difference in a field that forces a replacement is refused.",
        "Pulumi's `import` option does not work for dynamic resources; this is the supported way.",
        "@default false: a service of this name that has this definition (one an interrupted `pulumi up`",
        "left behind) is still taken over; one that differs is refused, naming both.",
      ].join("\n"),
    ),
} as const;

export const fields: FieldTable = {
  // Removing it makes the provider's region decide the endpoint: a move, so a replacement.
  regionId: { api: "RegionId", replace: true, writeOnly: true, unset: "replace" },
  dbInstanceId: { api: "DBInstanceId", replace: true },
  serviceName: { api: "ServiceName", replace: true },
  serviceSpec: { api: "ServiceSpec" },
  // No documented default, and clearing it would take an empty value: removing it keeps it [inferred].
  serviceDescription: { api: "ServiceDescription", unset: "kept" },
};

export const serviceObject: GpdbObjectType<StreamingDataServiceDescription> = {
  noun: "StreamingDataService",
  describe: "DescribeStreamingDataService",
  list: "ListStreamingDataServices",
  remove: "DeleteStreamingDataService",
  idParam: "ServiceId",
  listKey: "ServiceItems",
  nameField: "ServiceName",
  nameInput: "serviceName",
  duplicateCode: SERVICE_NAME_DUPLICATE,
  healthy: "Running",
  broken: "Exception",
  errorOf: () => undefined,
  computed: (client, d) => ({
    serviceId: Number(d.ServiceId),
    region: client.region,
    status: d.Status,
    serviceIp: d.ServiceIp ?? "",
    servicePort: d.ServicePort ?? 0,
    createTime: d.CreateTime ?? "",
    modifyTime: d.ModifyTime ?? "",
  }),
  secretsOf: () => [],
  deleteRefused: (body) => (body.Status === false ? String(body.ErrorMessage ?? "no reason given") : undefined),
};

export const { check, diff, create, read, update, remove } = gpdbResource({
  kind: KIND,
  object: serviceObject,
  shape,
  fields,
  create: { action: "CreateStreamingDataService", idField: "ServiceId" },
  // ServiceSpec is required by ModifyStreamingDataService, so it is always sent; the description
  // only when it changed to a value (updateParams: never empty).
  modify: {
    action: "ModifyStreamingDataService",
    params: (news, n, changed) => ({ ServiceId: String(n), ServiceSpec: news.serviceSpec, ...updateParams(fields, news, changed) }),
  },
});

/** alicloud.StreamingDataService, as the registry (resources/index.ts) serves it. */
export const resource = defineResource({
  token,
  shape,
  fields,
  outputs: {
    serviceId: z.number().describe("The service's id in its instance; data sources refer to it as `serviceId`."),
    region: z.string().describe("The region the service was created in."),
    status: z.string().describe("Init, Running, Exception or Paused, as the service reports it."),
    serviceIp: z.string(),
    servicePort: z.number(),
    createTime: z.string(),
    modifyTime: z.string(),
  },
  replaceNote: "Updates go through ModifyStreamingDataService.",
  sdk: {
    summary: [
      "A streaming data service of AnalyticDB for PostgreSQL: the compute that Kafka data sources and",
      "streaming jobs run on. Create waits until the service is Running.",
    ].join("\n"),
    args: "Inputs of {@link StreamingDataService}.",
    example: [
      'import { alicloud } from "pulumi-streamjobs";',
      "",
      "// gp-demo00000000001 is an instance of the default emulator; name yours in a real region.",
      'const service = new alicloud.StreamingDataService("clicks", {',
      '  dbInstanceId: "gp-demo00000000001", serviceName: "clicks", serviceSpec: "4",',
      "});",
    ].join("\n"),
    see: "https://www.alibabacloud.com/help/en/analyticdb/analyticdb-for-postgresql/developer-reference/api-gpdb-2016-05-03-createstreamingdataservice",
    get: "Reads an existing service (id `<dbInstanceId>:<serviceId>`) without managing it.",
  },
  check,
  diff,
  create,
  read,
  update,
  remove,
});
