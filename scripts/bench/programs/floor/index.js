// The engine floor: the streamjobs bench stack (../streamjobs) with every resource a no-op dynamic
// resource — one "service", one "source" taking the service's id, `count` "jobs" taking the
// source's id, each job with the same inputs (the password secret too). The provider only echoes
// its inputs, so what this stack costs is what the engine, the language host and the dynamic
// provider plugin cost for that shape: the bench divides the streamjobs stack's time by it.

const pulumi = require("@pulumi/pulumi");

const cfg = new pulumi.Config();
const count = cfg.requireNumber("count");
const prefix = cfg.require("prefix");
const password = cfg.requireSecret("dbPassword");

let next = 0;
const noop = {
  async create(inputs) {
    next += 1;
    return { id: `noop-${next}`, outs: inputs };
  },
};

class Noop extends pulumi.dynamic.Resource {
  constructor(name, props) {
    super(noop, name, props);
  }
}

const dbInstanceId = "gp-demo00000000001";
const timeoutSeconds = 900;
const service = new Noop("svc", { dbInstanceId, serviceName: `${prefix}-svc`, serviceSpec: "2", timeoutSeconds });
const source = new Noop("src", {
  dbInstanceId,
  serviceId: service.id,
  dataSourceName: `${prefix}-src`,
  dataSourceConfig: { brokers: "192.168.0.10:9092,192.168.0.11:9092", topic: "orders", format: "delimited", delimiter: "|" },
  timeoutSeconds,
});
for (let i = 0; i < count; i++) {
  new Noop(`job-${i}`, {
    dbInstanceId,
    dataSourceId: source.id,
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
