/**
 * alicloud.StreamingDataSource: the Kafka source a streaming job reads, running on a data service.
 *
 * Replaced on change: regionId, dbInstanceId, dataSourceName, dataSourceType, serviceId. Updated in
 * place through ModifyStreamingDataSource: dataSourceConfig, dataSourceDescription.
 */
import { z } from "zod";
import type { StreamingDataSourceDescription } from "../apis/alibaba-gpdb";
import { sameJson } from "../engine/equality";
import type { FieldTable } from "../engine/fields";
import { type GpdbObjectKind, gpdbResource } from "./_gpdb";

export const KIND = "alicloud:StreamingDataSource";

/** The Kafka connection as a typed object; rendered to the JSON text the API takes. */
export const kafkaConfig = z.strictObject({
  /** Comma-separated `host:port` list. */
  brokers: z.string().regex(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, "must be a comma-separated list of host:port, e.g. 10.0.0.1:9092,10.0.0.2:9092"),
  topic: z.string().min(1),
  format: z.enum(["delimited", "json", "csv", "avro"]).optional(),
  delimiter: z.string().min(1).optional(),
});

const configText = z.union([z.string(), kafkaConfig.transform((o) => JSON.stringify(o))]).superRefine((text, ctx) => {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    ctx.addIssue({ code: "custom", message: "dataSourceConfig must be JSON text or an object with brokers and topic; got text that is not JSON" });
    return;
  }
  const r = kafkaConfig.safeParse(v);
  if (!r.success) {
    for (const i of r.error.issues) {
      ctx.addIssue({ code: "custom", message: `dataSourceConfig.${i.path.join(".")}: ${i.message}`, path: i.path });
    }
  }
});

export const shape = {
  regionId: z.string().min(1).optional(),
  dbInstanceId: z.string().regex(/^gp-[A-Za-z0-9-]+$/, "must be an AnalyticDB for PostgreSQL instance id such as gp-bp10g78o9807yv9h3"),
  dataSourceName: z.string().min(1).max(128),
  dataSourceType: z.enum(["kafka"]).default("kafka"),
  dataSourceConfig: configText,
  serviceId: z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform(Number),
  dataSourceDescription: z.string().max(256).optional(),
  timeoutSeconds: z.number().int().min(1).max(86_400).default(600),
} as const;

export const fields: FieldTable = {
  regionId: { api: "RegionId", replace: true, writeOnly: true },
  dbInstanceId: { api: "DBInstanceId", replace: true },
  dataSourceName: { api: "DataSourceName", replace: true },
  dataSourceType: { api: "DataSourceType", replace: true },
  serviceId: { api: "ServiceId", replace: true, same: (a, b) => String(a) === String(b) },
  dataSourceConfig: { api: "DataSourceConfig", same: sameJson },
  dataSourceDescription: { api: "DataSourceDescription" },
};

export const sourceKind: GpdbObjectKind<StreamingDataSourceDescription> = {
  noun: "StreamingDataSource",
  describe: "DescribeStreamingDataSource",
  list: "ListStreamingDataSources",
  remove: "DeleteStreamingDataSource",
  idParam: "DataSourceId",
  listKey: "DataSourceItems",
  nameField: "DataSourceName",
  nameInput: "dataSourceName",
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
  object: sourceKind,
  shape,
  fields,
  create: { action: "CreateStreamingDataSource", idField: "DataSourceId" },
  // Terraform resends the config on every modify; so do we, so the service never sees a partial update.
  modify: {
    action: "ModifyStreamingDataSource",
    params: (news, n) => ({ DataSourceId: String(n), DataSourceConfig: news.dataSourceConfig, DataSourceDescription: news.dataSourceDescription ?? "" }),
  },
});
