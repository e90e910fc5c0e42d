// Keeps the orders and payments topics of the primary Kafka instance replicated to a standby
// instance, with consumer offsets, so consumers can fail over. Everything that differs between
// environments (instances, replica count, compression) is stack config; the code never branches on
// the stack name.
import * as pulumi from "@pulumi/pulumi";
import { huaweicloud } from "pulumi-streamjobs";

const cfg = new pulumi.Config();
const hw = new pulumi.Config("huaweicloud");
const region = hw.require("region");
const projectId = hw.require("projectId");

const job = new huaweicloud.EventRouterJob("orders-standby", {
  name: "orders-standby",
  description: "orders and payments to the standby Kafka instance",
  clusterId: cfg.require("clusterId"),
  sourceConfig: {
    sourceKafka: { region, projectId, instanceId: cfg.require("sourceInstanceId"), clusterAlias: "primary" },
  },
  sinkConfig: {
    sinkKafka: {
      region: cfg.get("sinkRegion") || region,
      projectId: cfg.get("sinkProjectId") || projectId,
      instanceId: cfg.require("sinkInstanceId"),
      clusterAlias: "standby",
      ...(cfg.get("sinkUser")
        ? { authenticateMode: "SASL_SSL", saslMechanism: "SCRAM-SHA-512", userName: cfg.get("sinkUser"), password: cfg.requireSecret("sinkPassword") }
        : {}),
    },
  },
  advanceConfig: {
    kafka2kafka: {
      topics: cfg.require("topics").split(","),
      replicaCnt: cfg.requireNumber("replicaCnt"),
      seekTo: "earliest",
      compressAlg: cfg.require("compressAlg") as "lz4",
      isSyncProgress: true,
    },
  },
});

export const jobId = job.jobId;
export const status = job.status;
