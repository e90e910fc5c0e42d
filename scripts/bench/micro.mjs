// The micro figures of `npm run bench`: what scales with stack size inside the provider — check and
// diff (run for every resource on every preview) and the create → Running round trip through the
// real clients against the emulator, sequential and with the provider's rate limiter under
// concurrency, for each resource (DisStream with its dump task; DISyncTask batch and realtime).
// Figures, not assertions.
import { performance } from "node:perf_hooks";

function perOp(n, fn) {
  const t = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  return (performance.now() - t) / n;
}

/** @param {(p: string) => string} dist a path under dist/ */
export async function micro(dist) {
  const job = await import(dist("provider/resources/alicloud-streaming-job.js"));
  const { AlibabaRpcClient } = await import(dist("provider/clients/alibaba.js"));
  const { gpdb } = await import(dist("provider/apis/alibaba-gpdb.js"));
  const emu = await import(dist("emulator/index.js"));
  const er = await import(dist("provider/resources/huaweicloud-event-router-job.js"));
  const { HuaweiClient } = await import(dist("provider/clients/huawei.js"));
  const disStream = await import(dist("provider/resources/huaweicloud-dis-stream.js"));
  const dwsTask = await import(dist("provider/resources/huaweicloud-dws-transfer-task.js"));
  const diTask = await import(dist("provider/resources/alicloud-di-sync-task.js"));
  const { dataworks } = await import(dist("provider/apis/alibaba-dataworks.js"));

  const base = {
    dbInstanceId: "gp-demo00000000001",
    dataSourceId: "1",
    jobName: "bench",
    account: "etl",
    password: "Demo#Pass123",
    destDatabase: "analytics",
    destTable: "orders",
    srcColumns: ["a", "b", "c"],
    destColumns: ["a", "b", "c"],
    writeMode: "MERGE",
    matchColumns: ["a"],
    updateColumns: ["b", "c"],
    timeoutSeconds: 60,
  };

  const results = {};
  results.checkMicros = +(perOp(5000, () => job.check({}, base)) * 1000).toFixed(1);
  const state = { ...job.check({}, base).inputs, jobId: "1", status: "Running" };
  const news = job.check({}, { ...base, writeMode: "merge" }).inputs;
  results.diffMicros = +(perOp(5000, () => job.diff("x", state, news)) * 1000).toFixed(1);

  const server = await emu.startEmulator({ settleMs: 0, log: () => {} });
  const settings = (rps) => emu.demoAlibabaSettings(server.url, rps);
  const client = new AlibabaRpcClient(gpdb, { settings: settings(1000), region: emu.DEMO_REGION_ID });
  const svc = await client.call("CreateStreamingDataService", { DBInstanceId: base.dbInstanceId, ServiceName: "bench", ServiceSpec: "2" });
  const src = await client.call("CreateStreamingDataSource", {
    DBInstanceId: base.dbInstanceId,
    DataSourceName: "bench",
    DataSourceType: "kafka",
    ServiceId: svc.ServiceId,
    DataSourceConfig: JSON.stringify({ brokers: "192.168.0.10:9092", topic: "orders" }),
  });
  const inputs = (name) => job.check({}, { ...base, dataSourceId: String(src.DataSourceId), jobName: name }).inputs;
  const quiet = console.log;
  console.log = () => {};

  const N = 50;
  let t = performance.now();
  for (let i = 0; i < N; i++) await job.create(inputs(`seq-${i}`), client);
  results.sequentialCreateMs = +((performance.now() - t) / N).toFixed(2);

  const limited = new AlibabaRpcClient(gpdb, { settings: settings(20), region: emu.DEMO_REGION_ID });
  const before = server.requests().length;
  t = performance.now();
  await Promise.all(Array.from({ length: N }, (_, i) => job.create(inputs(`par-${i}`), limited)));
  const secs = (performance.now() - t) / 1000;
  results.concurrentCreates = N;
  results.concurrentWallSeconds = +secs.toFixed(2);
  // The bucket starts full (a burst of 20), so the average sits a little above the limit.
  results.apiCallsPerSecondAt20rpsLimit = +((server.requests().length - before) / secs).toFixed(1);

  // huaweicloud.EventRouterJob: check and diff of the seed-shaped kafka2kafka job, and the
  // replica check + create → RUNNING round trip through the signed REST client.
  const kafka = (instanceId, alias) => ({ region: "cn-north-4", projectId: emu.DEMO_HUAWEI_PROJECT_ID, instanceId, clusterAlias: alias });
  const erBase = {
    name: "bench",
    clusterId: emu.DEMO_HUAWEI_EG_KAFKA_CLUSTER_ID,
    timeoutSeconds: 60,
    sourceConfig: { sourceKafka: kafka(emu.DEMO_HUAWEI_KAFKA_PRIMARY_ID, "a") },
    sinkConfig: { sinkKafka: { ...kafka(emu.DEMO_HUAWEI_KAFKA_REPLICA_ID, "b"), authenticateMode: "SASL_SSL", userName: "u", password: "Bench#Secret-1" } },
    advanceConfig: { kafka2kafka: { topics: "orders,payments", replicaCnt: 3, seekTo: "earliest", compressAlg: "lz4" } },
  };
  const erState = { ...er.check({}, erBase).inputs, jobId: "j", status: "RUNNING" };
  const erNews = er.check({}, { ...erBase, advanceConfig: { kafka2kafka: { ...erBase.advanceConfig.kafka2kafka, topics: ["payments", "orders"] } } }).inputs;
  results.eventRouterJob = {
    checkMicros: +(perOp(5000, () => er.check({}, erBase)) * 1000).toFixed(1),
    diffMicros: +(perOp(5000, () => er.diff("j", erState, erNews)) * 1000).toFixed(1),
  };
  const eg = new HuaweiClient("eg", { settings: emu.demoHuaweiSettings(server.url, 1000) });
  t = performance.now();
  for (let i = 0; i < N; i++) await er.create(er.check({}, { ...erBase, name: `seq-${i}` }).inputs, eg);
  results.eventRouterJob.sequentialCreateMs = +((performance.now() - t) / N).toFixed(2);

  // huaweicloud.DisStream + DwsTransferTask: stream create → RUNNING, then a dump task → RUNNING
  // (the id read back after the bodyless 201). Ten streams of one task each (DIS allows 5 per stream).
  const dis = new HuaweiClient("dis", { settings: emu.demoHuaweiSettings(server.url, 1000) });
  const M = 10;
  t = performance.now();
  for (let i = 0; i < M; i++) {
    const s = await disStream.create(disStream.check({}, { streamName: `bench-${i}`, partitionCount: 1 }).inputs, dis);
    await dwsTask.create(
      dwsTask.check(
        {},
        {
          streamName: s.id,
          taskName: "bench",
          agencyName: emu.DEMO_DIS_AGENCY,
          dwsClusterName: emu.DEMO_DWS_CLUSTER_NAME,
          dwsClusterId: emu.DEMO_DWS_CLUSTER_ID,
          dwsDatabaseName: "analytics",
          dwsSchema: "public",
          dwsTableName: "clicks",
          userName: emu.DEMO_DWS_USER.name,
          userPassword: emu.DEMO_DWS_USER.password,
          kmsUserKeyName: emu.DEMO_KMS_KEY_NAME,
          kmsUserKeyId: emu.DEMO_KMS_KEY_ID,
          obsBucketPath: emu.DEMO_OBS_BUCKET,
        },
      ).inputs,
      dis,
    );
  }
  results.disStreamPlusDwsTaskCreateMs = +((performance.now() - t) / M).toFixed(2);

  // alicloud.DISyncTask: a batch create (create, then commit and deploy, each deployment waited on)
  // and a realtime create (generate → poll → create → deploy → start → RUN).
  const dw = new AlibabaRpcClient(dataworks, { settings: settings(1000), region: emu.DEMO_REGION_ID });
  const folder = "workflow/bench/di";
  const rg = emu.DEMO_DATAWORKS_RESOURCE_GROUP;
  const batchScript = {
    type: "job",
    version: "2.0",
    steps: [
      {
        stepType: "mysql",
        category: "reader",
        name: "Reader",
        parameter: { datasource: "mysql_pub", column: ["id"], connection: [{ datasource: "mysql_pub", table: ["orders"] }] },
      },
      { stepType: "odps", category: "writer", name: "Writer", parameter: { datasource: "odps_first", table: "orders", column: ["id"] } },
    ],
    setting: { speed: { concurrent: 2, throttle: false } },
    order: { hops: [{ from: "Reader", to: "Writer" }] },
  };
  const realtimeSpec = {
    type: "realtime",
    version: "1.0",
    setting: { resourceGroup: rg, taskType: "oneclick_to_kafka" },
    steps: [
      {
        stepType: "mysql",
        category: "reader",
        name: "Reader",
        parameter: {
          connection: [
            { datasourceType: "mysql", datasource: "mysql_pub", selectedTables: [{ dbName: "orders_db", schema: [{ tableInfos: [{ table: "orders" }] }] }] },
          ],
        },
      },
      { stepType: "kafka", category: "writer", name: "Writer", parameter: { datasource: "kafka_orders" } },
    ],
  };
  const di = (type, name, content) =>
    diTask.check(
      {},
      {
        projectId: emu.DEMO_DATAWORKS_PROJECT_ID,
        taskType: type,
        taskName: name,
        taskContent: content,
        taskParam: { fileFolderPath: folder, resourceGroup: rg },
      },
    ).inputs;
  t = performance.now();
  for (let i = 0; i < M; i++) await diTask.create(di("DI_OFFLINE", `bench_batch_${i}`, batchScript), dw);
  results.diSyncTask = { batchCreateMs: +((performance.now() - t) / M).toFixed(2) };
  t = performance.now();
  for (let i = 0; i < M; i++) await diTask.create(di("DI_REALTIME", `bench_rt_${i}`, realtimeSpec), dw);
  results.diSyncTask.realtimeCreateToRunMs = +((performance.now() - t) / M).toFixed(2);
  console.log = quiet;
  await server.close();
  return results;
}
