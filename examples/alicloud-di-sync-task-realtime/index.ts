// Streams every change of the orders tables from MySQL into Kafka. taskContent is the realtime
// specification DataWorks generates the task from (type realtime, version 1.0); the provider runs
// the generation, creates and deploys the task and keeps its instance running (or stopped).
import * as pulumi from "@pulumi/pulumi";
import { alicloud } from "pulumi-streamjobs";

const cfg = new pulumi.Config();
const resourceGroup = cfg.require("resourceGroup");

const task = new alicloud.DISyncTask("orders-cdc", {
  projectId: cfg.requireNumber("projectId"),
  taskType: "DI_REALTIME",
  taskName: "orders_cdc_to_kafka",
  taskParam: { fileFolderPath: cfg.require("folder"), resourceGroup },
  taskContent: {
    type: "realtime",
    version: "1.0",
    setting: { resourceGroup, taskType: "oneclick_to_kafka" },
    steps: [
      {
        stepType: "mysql",
        category: "reader",
        name: "Reader",
        parameter: {
          connection: [
            {
              datasourceType: "mysql",
              datasource: cfg.require("mysqlSource"),
              selectedTables: [
                {
                  dbName: "orders_db",
                  schema: [
                    {
                      tableInfos: cfg
                        .require("tables")
                        .split(",")
                        .map((table) => ({ table })),
                    },
                  ],
                },
              ],
            },
          ],
        },
      },
      { stepType: "kafka", category: "writer", name: "Writer", parameter: { datasource: cfg.require("kafkaTarget") } },
    ],
  },
  desiredStatus: cfg.requireBoolean("running") ? "RUNNING" : "STOPPED",
  startParam: { failoverLimit: { count: 10, interval: 30 }, errorLimit: { record: 0 } },
});

export const fileId = task.fileId;
export const status = task.status;
