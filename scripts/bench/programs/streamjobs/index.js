// The bench's stack: one StreamingDataService, one StreamingDataSource on it and `count`
// StreamingJobs reading from that source, against the emulator's default inventory. Plain
// JavaScript so the language host starts it as fast as the floor (../floor), whose shape is the
// same. `prefix` keeps object names apart from run to run; the endpoint, keys and rate come from
// the environment the bench gives the CLI.

const pulumi = require("@pulumi/pulumi");
const { alicloud } = require("pulumi-streamjobs");

const cfg = new pulumi.Config();
const count = cfg.requireNumber("count");
const prefix = cfg.require("prefix");
const password = cfg.requireSecret("dbPassword");
// Long enough for a create that waits behind a quota and the slow settle case.
const timeoutSeconds = 900;
const dbInstanceId = "gp-demo00000000001";

const service = new alicloud.StreamingDataService("svc", { dbInstanceId, serviceName: `${prefix}-svc`, serviceSpec: "2", timeoutSeconds });
const source = new alicloud.StreamingDataSource("src", {
  dbInstanceId,
  serviceId: service.serviceId,
  dataSourceName: `${prefix}-src`,
  dataSourceConfig: { brokers: "192.168.0.10:9092,192.168.0.11:9092", topic: "orders", format: "delimited", delimiter: "|" },
  timeoutSeconds,
});
for (let i = 0; i < count; i++) {
  new alicloud.StreamingJob(`job-${i}`, {
    dbInstanceId,
    dataSourceId: source.dataSourceId,
    jobName: `${prefix}-job-${i}`,
    account: "etl",
    password,
    destDatabase: "analytics",
    destSchema: "public",
    destTable: "orders",
    srcColumns: ["order_id", "amount", "status"],
    destColumns: ["id", "amount", "status"],
    writeMode: "MERGE",
    matchColumns: ["id"],
    updateColumns: ["amount", "status"],
    timeoutSeconds,
  });
}
