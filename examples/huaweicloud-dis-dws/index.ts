// Click events arrive on a DIS stream and are loaded into analytics.public.clicks in DWS every few
// minutes by a dump task. Everything that differs between environments (partitions, cluster, load
// interval) is stack config; the code never branches on the stack name.
import * as pulumi from "@pulumi/pulumi";
import { huaweicloud } from "pulumi-streamjobs";

const cfg = new pulumi.Config();

const stream = new huaweicloud.DisStream("clicks", {
  streamName: "clicks",
  partitionCount: cfg.requireNumber("partitionCount"),
  dataType: "JSON",
  dataDuration: 72, // hours: a dump task stopped over a weekend catches up (the policy pack wants 72 in prod)
  tags: [{ key: "team", value: "analytics" }],
});

const dump = new huaweicloud.DwsTransferTask("clicks-to-dws", {
  streamName: stream.streamName,
  taskName: "clicks_to_dws",
  agencyName: "dis_admin_agency",
  dwsClusterName: cfg.require("dwsClusterName"),
  dwsClusterId: cfg.require("dwsClusterId"),
  dwsDatabaseName: cfg.require("dwsDatabase"),
  dwsSchema: "public",
  dwsTableName: "clicks",
  userName: cfg.require("dwsUser"),
  userPassword: cfg.requireSecret("dwsPassword"),
  kmsUserKeyName: cfg.require("kmsKeyName"),
  kmsUserKeyId: cfg.require("kmsKeyId"),
  obsBucketPath: cfg.require("obsBucket"),
  filePrefix: "clicks",
  deliverTimeInterval: cfg.requireNumber("deliverTimeInterval"),
  consumerStrategy: "TRIM_HORIZON",
  options: { fillMissingFields: true, ignoreExtraData: true, rejectLimit: 100, errorTableName: "clicks_rejected" },
});

export const streamId = stream.streamId;
export const taskId = dump.taskId;
export const taskState = dump.state;
