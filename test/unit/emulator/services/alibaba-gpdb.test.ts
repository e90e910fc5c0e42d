/**
 * The gpdb status machine, driven through the service's handlers with a store and a hand-moved
 * clock (no HTTP): Init for settleMs after a create or modify, then Running or Exception as the
 * inventory allows, computed from stored instants so a fresh service on the same store agrees.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_INVENTORY, DEMO_DB_ACCOUNT, DEMO_DB_INSTANCE_ID, DEMO_KAFKA_BROKERS, DEMO_SECOND_DB_INSTANCE_ID } from "../../../../emulator/index";
import { createGpdbService } from "../../../../emulator/services/alibaba-gpdb";
import { MemoryStore } from "../../../../emulator/store";

const SETTLE = 1000;
const T0 = Date.parse("2024-05-01T00:00:00Z");
const kafka = (brokers: string, topic = "orders") => JSON.stringify({ brokers, topic });

function world(settleMs = SETTLE) {
  const store = new MemoryStore();
  let now = T0;
  const svc = () => createGpdbService({ store, inventory: DEFAULT_INVENTORY, settleMs });
  let service = svc();
  const call = (action: string, params: Record<string, unknown>, stuck = false) =>
    service.handle({ action, params: { DBInstanceId: DEMO_DB_INSTANCE_ID, ...params }, requestId: "R", now, stuck });
  return {
    call,
    advance: (ms: number) => {
      now += ms;
    },
    /** A new service object over the same store, as after an emulator restart. */
    restart: () => {
      service = svc();
    },
    dataSource(config = kafka(DEMO_KAFKA_BROKERS), instance = DEMO_DB_INSTANCE_ID) {
      const { ServiceId } = call("CreateStreamingDataService", { DBInstanceId: instance, ServiceName: `svc-${now}-${Math.random()}`, ServiceSpec: "2" });
      const { DataSourceId } = call("CreateStreamingDataSource", {
        DBInstanceId: instance,
        DataSourceName: `src-${now}-${Math.random()}`,
        DataSourceType: "kafka",
        DataSourceConfig: config,
        ServiceId,
      });
      return DataSourceId as number;
    },
  };
}

const goodJob = {
  JobName: "job",
  Mode: "basic",
  DestDatabase: "analytics",
  DestTable: "t",
  Account: DEMO_DB_ACCOUNT.name,
  Password: DEMO_DB_ACCOUNT.password,
};

describe("gpdb status machine", () => {
  it("keeps a data service Init for settleMs, then Running", () => {
    const w = world();
    const { ServiceId } = w.call("CreateStreamingDataService", { ServiceName: "s", ServiceSpec: "4" });
    const status = () => w.call("DescribeStreamingDataService", { ServiceId: String(ServiceId) }).Status;
    expect(status()).toBe("Init");
    w.advance(SETTLE - 1);
    expect(status()).toBe("Init");
    w.advance(1);
    expect(status()).toBe("Running");
  });

  it.each([
    ["known brokers and topic", kafka(DEMO_KAFKA_BROKERS), "running", ""],
    ["a subset of one cluster's brokers", kafka("192.168.0.11:9092"), "running", ""],
    ["an unknown broker", kafka("192.168.0.10:9092,10.9.9.9:9092"), "exception", "brokers unreachable: 10.9.9.9:9092"],
    ["brokers from two clusters", kafka("192.168.0.10:9092,192.168.1.10:9092"), "exception", "brokers unreachable: 192.168.1.10:9092"],
    ["a topic the cluster lacks", kafka(DEMO_KAFKA_BROKERS, "nope"), "exception", "topic not found: nope (Kafka cluster demo-kafka)"],
  ])("settles a data source with %s to %s", (_name, config, status, message) => {
    const w = world();
    const id = w.dataSource(config);
    const describe = () => w.call("DescribeStreamingDataSource", { DataSourceId: id });
    expect(describe()).toMatchObject({ Status: "init", ErrorMessage: "" });
    w.advance(SETTLE);
    expect(describe()).toMatchObject({ Status: status, ErrorMessage: message });
  });

  const jobCases: Array<[string, Record<string, unknown>, string, string]> = [
    ["a known database and account", {}, "Running", ""],
    ["lowercase enum values", { WriteMode: "merge", MatchColumns: ["id"], FallbackOffset: "earliest" }, "Running", ""],
    ["an unknown database", { DestDatabase: "nope" }, "Exception", 'FATAL: database "nope" does not exist'],
    ["no DestDatabase", { DestDatabase: undefined }, "Exception", "DestDatabase is not set"],
    ["a wrong password", { Password: "wrong" }, "Exception", `FATAL: password authentication failed for user "${DEMO_DB_ACCOUNT.name}"`],
    ["an unknown account", { Account: "ghost" }, "Exception", 'FATAL: password authentication failed for user "ghost"'],
  ];
  it.each(jobCases)("settles a basic job with %s to %s", (_name, change, status, message) => {
    const w = world();
    const DataSourceId = String(w.dataSource());
    const params: Record<string, unknown> = { ...goodJob, ...change, DataSourceId };
    for (const k of Object.keys(params)) if (params[k] === undefined) delete params[k];
    const { JobId } = w.call("CreateStreamingJob", params);
    expect(w.call("DescribeStreamingJob", { JobId })).toMatchObject({ Status: "Init", ErrorMessage: "" });
    w.advance(SETTLE);
    expect(w.call("DescribeStreamingJob", { JobId })).toMatchObject({ Status: status, ErrorMessage: message });
  });

  it("accepts any credentials on an instance that lists no accounts", () => {
    const w = world();
    const DataSourceId = String(w.dataSource(kafka("192.168.1.10:9092", "events"), DEMO_SECOND_DB_INSTANCE_ID));
    const { JobId } = w.call("CreateStreamingJob", {
      DBInstanceId: DEMO_SECOND_DB_INSTANCE_ID,
      JobName: "j",
      DataSourceId,
      DestDatabase: "warehouse",
      Account: "anyone",
      Password: "x",
    });
    w.advance(SETTLE);
    expect(w.call("DescribeStreamingJob", { DBInstanceId: DEMO_SECOND_DB_INSTANCE_ID, JobId }).Status).toBe("Running");
  });

  it.each([
    ["a matching DATABASE, USER and PASSWORD", `DATABASE: orders\nUSER: etl\nPASSWORD: "${DEMO_DB_ACCOUNT.password}"\n`, "Running", ""],
    ["an unknown DATABASE", "DATABASE: nope\nUSER: etl\nPASSWORD: x\n", "Exception", 'FATAL: database "nope" does not exist'],
    ["no DATABASE", "USER: etl\n", "Exception", "DATABASE in JobConfig is not set"],
    ["a wrong PASSWORD", "DATABASE: orders\nUSER: etl\nPASSWORD: x\n", "Exception", 'FATAL: password authentication failed for user "etl"'],
  ])("judges a professional job by its JobConfig: %s", (_name, head, status, message) => {
    const w = world();
    const DataSourceId = String(w.dataSource());
    const JobConfig = `${head}KAFKA:\n  INPUT: {}\n  OUTPUT: {}\n`;
    // Basic-mode fields that would fail are ignored in professional mode.
    const { JobId } = w.call("CreateStreamingJob", { JobName: "p", DataSourceId, Mode: "Professional", JobConfig, DestDatabase: "nope" });
    w.advance(SETTLE);
    expect(w.call("DescribeStreamingJob", { JobId })).toMatchObject({ Status: status, ErrorMessage: message });
  });

  it("puts a job whose data source is in exception into Exception, naming the cause", () => {
    const w = world();
    const id = w.dataSource(kafka("10.0.0.1:9092"));
    const { JobId } = w.call("CreateStreamingJob", { ...goodJob, DataSourceId: String(id) });
    w.advance(SETTLE);
    expect(w.call("DescribeStreamingJob", { JobId })).toMatchObject({
      Status: "Exception",
      ErrorMessage: `data source ${id} is in exception: brokers unreachable: 10.0.0.1:9092`,
    });
  });

  it("restarts a modified job: Init again, then judged on its new configuration", () => {
    const w = world();
    const { JobId } = w.call("CreateStreamingJob", { ...goodJob, DataSourceId: String(w.dataSource()) });
    w.advance(SETTLE);
    expect(w.call("DescribeStreamingJob", { JobId }).Status).toBe("Running");
    w.call("ModifyStreamingJob", { JobId, DestDatabase: "missing" });
    expect(w.call("DescribeStreamingJob", { JobId }).Status).toBe("Init");
    w.advance(SETTLE);
    expect(w.call("DescribeStreamingJob", { JobId }).Status).toBe("Exception");
    w.call("ModifyStreamingJob", { JobId, DestDatabase: "orders" });
    w.advance(SETTLE);
    expect(w.call("DescribeStreamingJob", { JobId })).toMatchObject({ Status: "Running", ErrorMessage: "", DestDatabase: "orders" });
  });

  it("restarts a modified data source and data service", () => {
    const w = world();
    const id = w.dataSource();
    w.advance(SETTLE);
    w.call("ModifyStreamingDataSource", { DataSourceId: String(id), DataSourceConfig: kafka("10.1.1.1:9092") });
    expect(w.call("DescribeStreamingDataSource", { DataSourceId: id }).Status).toBe("init");
    w.advance(SETTLE);
    expect(w.call("DescribeStreamingDataSource", { DataSourceId: id }).Status).toBe("exception");
    const { ServiceId } = w.call("CreateStreamingDataService", { ServiceName: "s2", ServiceSpec: "2" });
    w.advance(SETTLE);
    w.call("ModifyStreamingDataService", { ServiceId: String(ServiceId), ServiceSpec: "8" });
    expect(w.call("DescribeStreamingDataService", { ServiceId: String(ServiceId) })).toMatchObject({ Status: "Init", ServiceSpec: "8" });
  });

  it("keeps an object created by a stuck call in Init forever", () => {
    const w = world();
    const { ServiceId } = w.call("CreateStreamingDataService", { ServiceName: "stuck", ServiceSpec: "2" }, true);
    w.advance(365 * 24 * 3600 * 1000);
    expect(w.call("DescribeStreamingDataService", { ServiceId: String(ServiceId) }).Status).toBe("Init");
  });

  it("settles at once with settleMs 0", () => {
    const w = world(0);
    const { ServiceId } = w.call("CreateStreamingDataService", { ServiceName: "s", ServiceSpec: "2" });
    expect(w.call("DescribeStreamingDataService", { ServiceId: String(ServiceId) }).Status).toBe("Running");
  });

  it("computes status from stored instants, so a restarted service agrees", () => {
    const w = world();
    const { JobId } = w.call("CreateStreamingJob", { ...goodJob, DataSourceId: String(w.dataSource()) });
    w.advance(SETTLE / 2);
    w.restart();
    expect(w.call("DescribeStreamingJob", { JobId }).Status).toBe("Init");
    w.advance(SETTLE / 2);
    expect(w.call("DescribeStreamingJob", { JobId }).Status).toBe("Running");
  });
});
