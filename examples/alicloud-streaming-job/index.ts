/**
 * Kafka → AnalyticDB for PostgreSQL: a streaming data service, the Kafka data source it runs, and a
 * MERGE job that upserts order events into analytics.public.orders. Everything that differs between
 * environments comes from stack config (see Pulumi.yaml for the keys and their defaults).
 */
import * as pulumi from "@pulumi/pulumi";
import { alicloud } from "pulumi-streamjobs";

const config = new pulumi.Config();
const dbInstanceId = config.require("dbInstanceId");

const service = new alicloud.StreamingDataService("ingest", {
  dbInstanceId,
  serviceName: "ingest",
  serviceSpec: config.require("serviceSpec") as "2" | "4" | "8" | "16",
  serviceDescription: "Streaming compute for order events",
});

const source = new alicloud.StreamingDataSource("orders-topic", {
  dbInstanceId,
  serviceId: service.serviceId,
  dataSourceName: "orders",
  dataSourceConfig: { brokers: config.require("kafkaBrokers"), topic: "orders", format: "delimited", delimiter: "|" },
  dataSourceDescription: "Order events",
});

const job = new alicloud.StreamingJob("orders", {
  dbInstanceId,
  dataSourceId: source.dataSourceId,
  jobName: "orders-to-analytics",
  jobDescription: "Upsert order events into analytics.public.orders",
  account: config.require("dbAccount"),
  password: config.requireSecret("dbPassword"),
  destDatabase: "analytics",
  destSchema: "public",
  destTable: "orders",
  srcColumns: ["order_id", "customer_id", "amount", "status"],
  destColumns: ["id", "customer_id", "amount", "status"],
  writeMode: "MERGE",
  matchColumns: ["id"],
  updateColumns: ["amount", "status"],
  groupName: "orders-to-analytics",
  fallbackOffset: "EARLIEST",
  errorLimitCount: config.requireNumber("errorLimitCount"),
  consistency: "EXACTLY", // a restart writes no message twice (the policy pack requires it in staging and prod)
  timeoutSeconds: 300,
});

export { dbInstanceId };
export const serviceId = service.serviceId;
export const dataSourceId = source.dataSourceId;
export const jobId = job.jobId;
export const jobStatus = job.status;
