/**
 * The inventory the demo and the tests run against when none is given. Every credential here is
 * fake and only opens this emulator.
 */
import { parseInventory, type Inventory } from "./inventory";

export const DEMO_ACCESS_KEY_ID = "LTAIstreamjobsDemoKey";
export const DEMO_ACCESS_KEY_SECRET = "streamjobs-emulator-demo-secret";

/**
 * Client settings that reach an emulator at `endpoint` with the demo key, in the provider's
 * AlibabaSettings shape (for the demo, the benchmark and tests that call the API directly).
 */
export function demoAlibabaSettings(endpoint: string, maxRequestsPerSecond = 100) {
  return {
    accessKeyId: DEMO_ACCESS_KEY_ID,
    accessKeySecret: DEMO_ACCESS_KEY_SECRET,
    securityToken: undefined,
    region: DEMO_REGION_ID,
    endpoint,
    maxRequestsPerSecond,
  };
}

/** The primary demo instance (cn-beijing) and the database account it accepts. */
export const DEMO_DB_INSTANCE_ID = "gp-demo00000000001";
export const DEMO_REGION_ID = "cn-beijing";
export const DEMO_DB_ACCOUNT = { name: "etl", password: "Demo#Pass123" } as const;
/** A second instance in another region that lists no accounts (any credentials log in). */
export const DEMO_SECOND_DB_INSTANCE_ID = "gp-demo00000000002";
/**
 * The instance the gpdb SDK's and reference pages' examples name (cn-beijing, their RegionId), with
 * the database and accounts of the CreateStreamingJob examples (basic mode: dest-db, test-account /
 * pwd123; professional JobConfig: adbpgss_test / adbpgssTest), so those examples run verbatim.
 */
export const VENDOR_EXAMPLE_DB_INSTANCE_ID = "gp-bp10g78o9807yv9h3";
/** The instance of the SDK's ModifyStreamingDataSource example. */
export const VENDOR_EXAMPLE_SECOND_DB_INSTANCE_ID = "gp-k2j36a3172b102593";
/** The brokers and topic of the SDK's DataSourceConfig examples, and of the CreateStreamingJob page's JobConfig. */
export const VENDOR_EXAMPLE_KAFKA = {
  sdk: { brokers: ["broker0:9091", "broker1:9091"], topic: "topic" },
  jobConfig: { brokers: ["broker1:9092", "broker2:9092", "broker3:9092"], topic: "testtopic" },
} as const;
/** The brokers of the cn-beijing demo Kafka cluster, in DataSourceConfig `brokers` form. */
export const DEMO_KAFKA_BROKERS = "192.168.0.10:9092,192.168.0.11:9092,192.168.0.12:9092";
/** The DataWorks workspace (cn-beijing) DI tasks are created in: its ProjectId, name and DI resource groups. */
export const DEMO_DATAWORKS_PROJECT_ID = 10001;
export const DEMO_DATAWORKS_PROJECT_NAME = "streamjobs_demo";
export const DEMO_DATAWORKS_RESOURCE_GROUP = "S_res_group_demo_001";
export const DEMO_DATAWORKS_SERVERLESS_RESOURCE_GROUP = "Serverless_res_group_demo";
/** Its data sources, by the name DI scripts use: MySQL, MaxCompute, Kafka and Hologres. */
export const DEMO_DATAWORKS_DATA_SOURCES = {
  mysql: "mysql_pub",
  odps: "odps_first",
  kafka: "kafka_orders",
  hologres: "holo_dw",
} as const;

// ---- Huawei Cloud ----

export const DEMO_HUAWEI_ACCESS_KEY = "HWSTREAMJOBSDEMOAK01";
export const DEMO_HUAWEI_SECRET_KEY = "streamjobs-emulator-huawei-demo-sk";
/** The IAM user for token auth (`POST /v3/auth/tokens`, password method). */
export const DEMO_HUAWEI_USER = { domain: "streamjobs-demo", name: "etl-deployer", password: "Demo#Huawei123" } as const;
/** The primary region and its project, where the EventGrid clusters and most instances live. */
export const DEMO_HUAWEI_REGION = "cn-north-4";
export const DEMO_HUAWEI_PROJECT_ID = "5f2c1e0a9b7d4c3e8a6f1b2d3c4e5f60";
/** The disaster-recovery region and its project (one Kafka instance, no cluster). */
export const DEMO_HUAWEI_DR_REGION = "cn-east-3";
export const DEMO_HUAWEI_DR_PROJECT_ID = "8d4e6f1a2b3c4d5e6f708192a3b4c5d6";

/** EventGrid professional event stream clusters in cn-north-4, one per product. */
export const DEMO_HUAWEI_EG_KAFKA_CLUSTER_ID = "9b0c5e1a-2f3d-4c5b-8a6e-000000000001";
export const DEMO_HUAWEI_EG_ROCKETMQ_CLUSTER_ID = "9b0c5e1a-2f3d-4c5b-8a6e-000000000002";
export const DEMO_HUAWEI_EG_DCS_CLUSTER_ID = "9b0c5e1a-2f3d-4c5b-8a6e-000000000003";
const DEMO_HUAWEI_VPC_ID = "3c9a7e21-5b4d-4f6e-8a1c-2d3e4f5a6b7c";
const DEMO_HUAWEI_SUBNET_ID = "4d0b8f32-6c5e-4a7f-9b2d-3e4f5a6b7c8d";

/** Kafka: primary and replica (cn-north-4, 3 brokers), DR (cn-east-3, 2 brokers), legacy (cn-north-4, unreachable). */
export const DEMO_HUAWEI_KAFKA_PRIMARY_ID = "2f7d3c1e-8a4b-4d6e-9f10-00000000a001";
export const DEMO_HUAWEI_KAFKA_REPLICA_ID = "2f7d3c1e-8a4b-4d6e-9f10-00000000a002";
export const DEMO_HUAWEI_KAFKA_DR_ID = "2f7d3c1e-8a4b-4d6e-9f10-00000000a003";
export const DEMO_HUAWEI_KAFKA_LEGACY_ID = "2f7d3c1e-8a4b-4d6e-9f10-00000000a004";
/** RocketMQ and DCS pairs in cn-north-4. */
export const DEMO_HUAWEI_ROCKETMQ_PRIMARY_ID = "2f7d3c1e-8a4b-4d6e-9f10-00000000b001";
export const DEMO_HUAWEI_ROCKETMQ_REPLICA_ID = "2f7d3c1e-8a4b-4d6e-9f10-00000000b002";
export const DEMO_HUAWEI_DCS_PRIMARY_ID = "2f7d3c1e-8a4b-4d6e-9f10-00000000d001";
export const DEMO_HUAWEI_DCS_REPLICA_ID = "2f7d3c1e-8a4b-4d6e-9f10-00000000d002";

/** What DIS dump tasks deliver into (cn-north-4), with the ids and names of the vendor's DWS dump-task example. */
export const DEMO_DWS_CLUSTER_ID = "f82dc227-3691-47eb-bca7-e7851f509b2a";
export const DEMO_DWS_CLUSTER_NAME = "dwscluster";
/** The DWS database user a dump task logs in as (the example's `userpassword` is not it: that task ends in ERROR). */
export const DEMO_DWS_USER = { name: "dbadmin", password: "Dws#Admin-Pass1" } as const;
export const DEMO_KMS_KEY_ID = "1e759f06-9188-4d21-afab-a75e57c04d2b";
export const DEMO_KMS_KEY_NAME = "kmskey";
/** The staging bucket of the example; `streamjobs-dis-staging` exists too. */
export const DEMO_OBS_BUCKET = "obsbucket";
/** The agency the DIS console creates for dump tasks. */
export const DEMO_DIS_AGENCY = "dis_admin_agency";

/**
 * Client settings that reach an emulator at `endpoint` with the demo AK/SK, in the shape of the
 * provider's HuaweiSettings (for the demo, the benchmark and tests that call the API directly).
 * AK/SK signing, so no IAM password; `cloud` only matters without an endpoint.
 */
export function demoHuaweiSettings(endpoint: string, maxRequestsPerSecond = 100) {
  return {
    accessKey: DEMO_HUAWEI_ACCESS_KEY,
    secretKey: DEMO_HUAWEI_SECRET_KEY,
    securityToken: undefined,
    password: undefined,
    region: DEMO_HUAWEI_REGION,
    projectId: DEMO_HUAWEI_PROJECT_ID,
    endpoint,
    cloud: "myhuaweicloud.com",
    maxRequestsPerSecond,
  };
}

const hosts = (first: number, count: number, port: number) => Array.from({ length: count }, (_, i) => `192.168.20.${first + i}:${port}`).join(",");

const inNorth4 = { projectId: DEMO_HUAWEI_PROJECT_ID, vpcId: DEMO_HUAWEI_VPC_ID, subnetId: DEMO_HUAWEI_SUBNET_ID };

export const DEFAULT_INVENTORY: Inventory = parseInventory(
  {
    accessKeys: [
      { id: DEMO_ACCESS_KEY_ID, secret: DEMO_ACCESS_KEY_SECRET },
      { id: DEMO_HUAWEI_ACCESS_KEY, secret: DEMO_HUAWEI_SECRET_KEY },
    ],
    alibaba: {
      dbInstances: [
        {
          id: DEMO_DB_INSTANCE_ID,
          region: DEMO_REGION_ID,
          databases: ["analytics", "orders"],
          schemas: ["public", "ods"],
          accounts: [{ ...DEMO_DB_ACCOUNT }],
        },
        {
          id: DEMO_SECOND_DB_INSTANCE_ID,
          region: "cn-shanghai",
          databases: ["warehouse"],
          schemas: ["public"],
        },
        {
          id: VENDOR_EXAMPLE_DB_INSTANCE_ID,
          region: DEMO_REGION_ID,
          databases: ["dest-db", "adbpgss_test"],
          schemas: ["dest-schema", "adbpgss_test"],
          accounts: [
            { name: "test-account", password: "pwd123" },
            { name: "adbpgss_test", password: "adbpgssTest" },
          ],
        },
        { id: VENDOR_EXAMPLE_SECOND_DB_INSTANCE_ID, region: DEMO_REGION_ID, databases: ["dest-db"], schemas: ["dest-schema"] },
      ],
      kafkaClusters: [
        {
          name: "demo-kafka",
          region: DEMO_REGION_ID,
          brokers: DEMO_KAFKA_BROKERS.split(","),
          topics: ["orders", "payments", "clickstream"],
        },
        {
          name: "demo-kafka-shanghai",
          region: "cn-shanghai",
          brokers: ["192.168.1.10:9092", "192.168.1.11:9092"],
          topics: ["events"],
        },
        { name: "vendor-example-sdk", region: DEMO_REGION_ID, brokers: [...VENDOR_EXAMPLE_KAFKA.sdk.brokers], topics: [VENDOR_EXAMPLE_KAFKA.sdk.topic] },
        {
          name: "vendor-example-job-config",
          region: DEMO_REGION_ID,
          brokers: [...VENDOR_EXAMPLE_KAFKA.jobConfig.brokers],
          topics: [VENDOR_EXAMPLE_KAFKA.jobConfig.topic],
        },
      ],
      dataworksProjects: [
        {
          id: DEMO_DATAWORKS_PROJECT_ID,
          name: DEMO_DATAWORKS_PROJECT_NAME,
          region: DEMO_REGION_ID,
          dataSources: Object.entries(DEMO_DATAWORKS_DATA_SOURCES).map(([type, name]) => ({ name, type })),
          resourceGroups: [DEMO_DATAWORKS_RESOURCE_GROUP, DEMO_DATAWORKS_SERVERLESS_RESOURCE_GROUP],
        },
        // The workspace the vendor's own examples name (the CreateDISyncTask and
        // GenerateDISyncTaskConfigForCreating pages, the SDK models' examples), so their payloads
        // can be sent as printed. `odps_first` is the writer of the SDK's UpdateDISyncTask example.
        {
          id: 10000,
          name: "dw_project",
          region: "cn-shanghai",
          dataSources: [
            { name: "mysql_pub", type: "mysql" },
            { name: "odps_source", type: "odps" },
            { name: "odps_first", type: "odps" },
            { name: "mysql_pub1", type: "mysql" },
            { name: "pkset_test", type: "mysql" },
            { name: "azn_kafka", type: "kafka" },
            { name: "holo", type: "hologres" },
          ],
          resourceGroups: ["S_res_group_XXX_XXXX", "S_res_group_280749521950784_1623033752022"],
        },
      ],
    },
    huawei: {
      users: [{ ...DEMO_HUAWEI_USER }],
      projects: [
        { id: DEMO_HUAWEI_PROJECT_ID, region: DEMO_HUAWEI_REGION },
        { id: DEMO_HUAWEI_DR_PROJECT_ID, region: DEMO_HUAWEI_DR_REGION },
      ],
      eventRouterClusters: [
        {
          id: DEMO_HUAWEI_EG_KAFKA_CLUSTER_ID,
          name: "er-kafka",
          sourceType: "KAFKA",
          sinkType: "KAFKA",
          ...inNorth4,
          flavor: "medium",
          zoneNames: ["cn-north-4a", "cn-north-4b"],
        },
        {
          id: DEMO_HUAWEI_EG_ROCKETMQ_CLUSTER_ID,
          name: "er-rocketmq",
          sourceType: "ROCKETMQ",
          sinkType: "ROCKETMQ",
          ...inNorth4,
          flavor: "small",
          zoneNames: ["cn-north-4a"],
        },
        { id: DEMO_HUAWEI_EG_DCS_CLUSTER_ID, name: "er-dcs", sourceType: "DCS", sinkType: "DCS", ...inNorth4, flavor: "small", zoneNames: ["cn-north-4a"] },
      ],
      kafkaInstances: [
        { id: DEMO_HUAWEI_KAFKA_PRIMARY_ID, name: "kafka-orders-primary", ...inNorth4, brokerNum: 3, engineVersion: "2.7", address: hosts(11, 3, 9092) },
        { id: DEMO_HUAWEI_KAFKA_REPLICA_ID, name: "kafka-orders-replica", ...inNorth4, brokerNum: 3, engineVersion: "2.7", address: hosts(21, 3, 9092) },
        {
          id: DEMO_HUAWEI_KAFKA_DR_ID,
          name: "kafka-orders-dr",
          projectId: DEMO_HUAWEI_DR_PROJECT_ID,
          vpcId: "5e1c9043-7d6f-4b80-8c3e-4f5a6b7c8d9e",
          subnetId: "6f2da154-8e70-4c91-9d4f-5a6b7c8d9e0f",
          brokerNum: 2,
          engineVersion: "2.7",
          address: hosts(31, 2, 9092),
        },
        {
          id: DEMO_HUAWEI_KAFKA_LEGACY_ID,
          name: "kafka-legacy",
          ...inNorth4,
          brokerNum: 3,
          engineVersion: "1.1.0",
          address: hosts(41, 3, 9092),
          reachable: false,
        },
      ],
      rocketmqInstances: [
        {
          id: DEMO_HUAWEI_ROCKETMQ_PRIMARY_ID,
          name: "rocketmq-orders-primary",
          ...inNorth4,
          brokerNum: 2,
          engineVersion: "4.8.0",
          address: hosts(51, 2, 8100),
        },
        {
          id: DEMO_HUAWEI_ROCKETMQ_REPLICA_ID,
          name: "rocketmq-orders-replica",
          ...inNorth4,
          brokerNum: 2,
          engineVersion: "4.8.0",
          address: hosts(61, 2, 8100),
        },
      ],
      dcsInstances: [
        { id: DEMO_HUAWEI_DCS_PRIMARY_ID, name: "dcs-sessions-primary", ...inNorth4, engineVersion: "5.0", address: hosts(71, 1, 6379) },
        { id: DEMO_HUAWEI_DCS_REPLICA_ID, name: "dcs-sessions-replica", ...inNorth4, engineVersion: "5.0", address: hosts(81, 1, 6379) },
      ],
      dwsClusters: [
        {
          id: DEMO_DWS_CLUSTER_ID,
          name: DEMO_DWS_CLUSTER_NAME,
          projectId: DEMO_HUAWEI_PROJECT_ID,
          databases: ["postgres", "analytics"],
          users: [{ ...DEMO_DWS_USER }],
          tables: ["dbadmin.dwstablename", "public.orders", "public.clicks"],
        },
      ],
      kmsKeys: [{ id: DEMO_KMS_KEY_ID, name: DEMO_KMS_KEY_NAME, projectId: DEMO_HUAWEI_PROJECT_ID }],
      obsBuckets: [
        { name: DEMO_OBS_BUCKET, projectId: DEMO_HUAWEI_PROJECT_ID },
        { name: "streamjobs-dis-staging", projectId: DEMO_HUAWEI_PROJECT_ID },
      ],
      agencies: [{ name: DEMO_DIS_AGENCY }],
    },
  },
  "default inventory",
);
