// Copies the orders table from MySQL into a daily MaxCompute partition. The script is the typed
// object form of DataWorks' batch script (type job, version 2.0); what differs between
// environments (workspace, resource group, data sources, concurrency) is stack config.
import * as pulumi from "@pulumi/pulumi";
import { alicloud } from "pulumi-streamjobs";

const cfg = new pulumi.Config();
const columns = ["id", "customer_id", "amount", "status", "created_at"];

const task = new alicloud.DISyncTask("orders-daily", {
  projectId: cfg.requireNumber("projectId"),
  taskType: "DI_OFFLINE",
  taskName: "orders_daily_to_odps",
  taskParam: { fileFolderPath: cfg.require("folder"), resourceGroup: cfg.require("resourceGroup") },
  // Committed and deployed to production after every change (the resource's default), unless a
  // stack keeps a draft. Read with get: the demo runs this program under its own project's config.
  ...(cfg.get("deployTo") === undefined ? {} : { deployTo: cfg.get("deployTo") as "PRODUCTION" | "DEVELOPMENT" | "NONE" }),
  taskContent: {
    type: "job",
    version: "2.0",
    steps: [
      {
        stepType: "mysql",
        category: "reader",
        name: "Reader",
        parameter: {
          datasource: cfg.require("mysqlSource"),
          column: columns,
          connection: [{ datasource: cfg.require("mysqlSource"), table: ["orders"] }],
          splitPk: "id",
          where: "",
        },
      },
      {
        stepType: "odps",
        category: "writer",
        name: "Writer",
        parameter: { datasource: cfg.require("odpsTarget"), table: "ods_orders", column: columns, partition: "pt=${bizdate}", truncate: true },
      },
    ],
    setting: { errorLimit: { record: "0" }, speed: { concurrent: cfg.requireNumber("concurrency"), throttle: false } },
    order: { hops: [{ from: "Reader", to: "Writer" }] },
  },
});

export const fileId = task.fileId;
export const deployedVersion = task.deployedVersion;
