import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  DEFAULT_INVENTORY,
  DEMO_ACCESS_KEY_ID,
  DEMO_ACCESS_KEY_SECRET,
  DEMO_DB_INSTANCE_ID,
  DEMO_HUAWEI_ACCESS_KEY,
  DEMO_HUAWEI_DR_PROJECT_ID,
  DEMO_HUAWEI_DR_REGION,
  DEMO_HUAWEI_PROJECT_ID,
  DEMO_HUAWEI_REGION,
  DEMO_HUAWEI_SECRET_KEY,
  DEMO_HUAWEI_USER,
  demoHuaweiSettings,
  loadInventoryFile,
  parseInventory,
  startEmulator,
  DEMO_DATAWORKS_DATA_SOURCES,
  DEMO_DATAWORKS_PROJECT_ID,
  DEMO_DATAWORKS_PROJECT_NAME,
  DEMO_DATAWORKS_RESOURCE_GROUP,
  DEMO_DATAWORKS_SERVERLESS_RESOURCE_GROUP,
  DEMO_REGION_ID,
  DEMO_DIS_AGENCY,
  DEMO_DWS_CLUSTER_ID,
  DEMO_DWS_CLUSTER_NAME,
  DEMO_DWS_USER,
  DEMO_KMS_KEY_ID,
  DEMO_KMS_KEY_NAME,
  DEMO_OBS_BUCKET,
} from "../../../emulator/index";

const dir = mkdtempSync(join(tmpdir(), "streamjobs-inventory-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const noop = () => {};
const minimal = { accessKeys: [{ id: "k", secret: "s" }] };

describe("inventory", () => {
  it("exposes the demo key pair and instance in the default inventory", () => {
    expect(DEFAULT_INVENTORY.accessKeys).toContainEqual({ id: DEMO_ACCESS_KEY_ID, secret: DEMO_ACCESS_KEY_SECRET });
    const inst = DEFAULT_INVENTORY.alibaba.dbInstances.find((i) => i.id === DEMO_DB_INSTANCE_ID);
    expect(inst).toMatchObject({ region: "cn-beijing", databases: ["analytics", "orders"], accounts: [{ name: "etl" }] });
    // The two demo instances and the two the gpdb SDK's examples name.
    expect(DEFAULT_INVENTORY.alibaba.dbInstances.map((i) => i.id)).toEqual([
      DEMO_DB_INSTANCE_ID,
      "gp-demo00000000002",
      "gp-bp10g78o9807yv9h3",
      "gp-k2j36a3172b102593",
    ]);
    expect(DEFAULT_INVENTORY.alibaba.kafkaClusters.length).toBeGreaterThan(0);
  });

  it("applies defaults to a minimal inventory", () => {
    expect(parseInventory(minimal)).toEqual({
      accessKeys: [{ id: "k", secret: "s" }],
      alibaba: { dbInstances: [], kafkaClusters: [], dataworksProjects: [] },
      huawei: {
        users: [],
        projects: [],
        eventRouterClusters: [],
        kafkaInstances: [],
        rocketmqInstances: [],
        dcsInstances: [],
        dwsClusters: [],
        kmsKeys: [],
        obsBuckets: [],
        agencies: [],
      },
    });
  });

  it.each([
    ["YAML", "inv.yaml", "accessKeys:\n  - { id: k, secret: s }\nalibaba:\n  dbInstances:\n    - { id: gp-1, region: cn-beijing, databases: [db] }\n"],
    ["JSON", "inv.json", JSON.stringify({ ...minimal, alibaba: { dbInstances: [{ id: "gp-1", region: "cn-beijing", databases: ["db"] }] } })],
  ])("loads a %s file", (_name, file, content) => {
    const path = join(dir, file);
    writeFileSync(path, content);
    expect(loadInventoryFile(path).alibaba.dbInstances[0]).toEqual({ id: "gp-1", region: "cn-beijing", databases: ["db"], schemas: ["public"] });
  });

  it.each([
    ["no access keys", { accessKeys: [] }, "accessKeys: Too small"],
    ["an unknown top-level key", { ...minimal, alibab: {} }, 'Unrecognized key: "alibab"'],
    [
      "an instance without databases",
      { ...minimal, alibaba: { dbInstances: [{ id: "gp-1", region: "r", databases: [] }] } },
      "alibaba.dbInstances.0.databases",
    ],
    [
      "a broker without a port",
      { ...minimal, alibaba: { kafkaClusters: [{ name: "k", brokers: ["host"] }] } },
      "alibaba.kafkaClusters.0.brokers.0: a broker is host:port",
    ],
    [
      "a duplicate instance id",
      { ...minimal, alibaba: { dbInstances: [1, 2].map(() => ({ id: "gp-1", region: "r", databases: ["d"] })) } },
      'alibaba.dbInstances[].id must be unique; "gp-1"',
    ],
    [
      "a broker in two clusters",
      { ...minimal, alibaba: { kafkaClusters: ["a", "b"].map((name) => ({ name, brokers: ["h:1"] })) } },
      'brokers must be unique; "h:1"',
    ],
  ])("rejects an inventory with %s, naming the path", (_name, input, message) => {
    expect(() => parseInventory(input, "test inventory")).toThrow(message);
  });

  it("rejects every problem at once", () => {
    const err = (() => {
      try {
        parseInventory({ accessKeys: [{ id: "" }], alibaba: { dbInstances: [{ id: "x" }] } });
      } catch (e) {
        return (e as Error).message;
      }
      return "";
    })();
    expect(err).toContain("accessKeys.0.id");
    expect(err).toContain("accessKeys.0.secret");
    expect(err).toContain("alibaba.dbInstances.0.region");
  });

  it("fails to load a file that is not YAML, naming the file", () => {
    const path = join(dir, "broken.yaml");
    writeFileSync(path, "accessKeys: [unclosed");
    expect(() => loadInventoryFile(path)).toThrow(/inventory file .*broken\.yaml cannot be read/);
  });
});

describe("huawei inventory", () => {
  const P1 = "0123456789abcdef0123456789abcdef";
  const P2 = "fedcba9876543210fedcba9876543210";
  const projects = [
    { id: P1, region: "cn-north-4" },
    { id: P2, region: "cn-east-3" },
  ];
  const cluster = { id: "c1", name: "er", projectId: P1, sourceType: "KAFKA", sinkType: "KAFKA", vpcId: "v", subnetId: "s" };
  const kafka = { id: "k1", name: "kafka", projectId: P1, brokerNum: 3, address: "10.0.0.1:9092,10.0.0.2:9092" };
  const withHuawei = (huawei: Record<string, unknown>) => ({ ...minimal, huawei: { projects, ...huawei } });

  it("holds the demo AK/SK, user, projects, clusters and instances with the published values", () => {
    const hw = DEFAULT_INVENTORY.huawei;
    expect(DEFAULT_INVENTORY.accessKeys).toContainEqual({ id: DEMO_HUAWEI_ACCESS_KEY, secret: DEMO_HUAWEI_SECRET_KEY });
    expect(DEMO_HUAWEI_ACCESS_KEY).toBe("HWSTREAMJOBSDEMOAK01");
    expect(DEMO_HUAWEI_SECRET_KEY).toBe("streamjobs-emulator-huawei-demo-sk");
    expect(hw.users).toEqual([{ domain: "streamjobs-demo", name: "etl-deployer", password: "Demo#Huawei123" }]);
    expect(DEMO_HUAWEI_USER).toEqual(hw.users[0]);
    expect(hw.projects).toEqual([
      { id: DEMO_HUAWEI_PROJECT_ID, region: DEMO_HUAWEI_REGION },
      { id: DEMO_HUAWEI_DR_PROJECT_ID, region: DEMO_HUAWEI_DR_REGION },
    ]);
    expect([DEMO_HUAWEI_PROJECT_ID, DEMO_HUAWEI_REGION, DEMO_HUAWEI_DR_PROJECT_ID, DEMO_HUAWEI_DR_REGION]).toEqual([
      "5f2c1e0a9b7d4c3e8a6f1b2d3c4e5f60",
      "cn-north-4",
      "8d4e6f1a2b3c4d5e6f708192a3b4c5d6",
      "cn-east-3",
    ]);
    expect(hw.eventRouterClusters.map((c) => [c.id, c.name, c.sourceType, c.sinkType, c.projectId, c.status])).toEqual([
      ["9b0c5e1a-2f3d-4c5b-8a6e-000000000001", "er-kafka", "KAFKA", "KAFKA", DEMO_HUAWEI_PROJECT_ID, "RUNNING"],
      ["9b0c5e1a-2f3d-4c5b-8a6e-000000000002", "er-rocketmq", "ROCKETMQ", "ROCKETMQ", DEMO_HUAWEI_PROJECT_ID, "RUNNING"],
      ["9b0c5e1a-2f3d-4c5b-8a6e-000000000003", "er-dcs", "DCS", "DCS", DEMO_HUAWEI_PROJECT_ID, "RUNNING"],
    ]);
    expect(hw.kafkaInstances.map((i) => [i.id, i.name, i.projectId, i.brokerNum, i.reachable])).toEqual([
      ["2f7d3c1e-8a4b-4d6e-9f10-00000000a001", "kafka-orders-primary", DEMO_HUAWEI_PROJECT_ID, 3, true],
      ["2f7d3c1e-8a4b-4d6e-9f10-00000000a002", "kafka-orders-replica", DEMO_HUAWEI_PROJECT_ID, 3, true],
      ["2f7d3c1e-8a4b-4d6e-9f10-00000000a003", "kafka-orders-dr", DEMO_HUAWEI_DR_PROJECT_ID, 2, true],
      ["2f7d3c1e-8a4b-4d6e-9f10-00000000a004", "kafka-legacy", DEMO_HUAWEI_PROJECT_ID, 3, false],
    ]);
    expect(hw.rocketmqInstances.map((i) => [i.id, i.brokerNum])).toEqual([
      ["2f7d3c1e-8a4b-4d6e-9f10-00000000b001", 2],
      ["2f7d3c1e-8a4b-4d6e-9f10-00000000b002", 2],
    ]);
    expect(hw.dcsInstances.map((i) => i.id)).toEqual(["2f7d3c1e-8a4b-4d6e-9f10-00000000d001", "2f7d3c1e-8a4b-4d6e-9f10-00000000d002"]);
    const addresses = [...hw.kafkaInstances, ...hw.rocketmqInstances, ...hw.dcsInstances].flatMap((i) => i.address.split(","));
    for (const a of addresses) expect(a).toMatch(/^192\.168\.20\.\d{1,3}:(9092|8100|6379)$/);
  });

  it("builds client settings for the demo project", () => {
    expect(demoHuaweiSettings("http://127.0.0.1:1")).toMatchObject({
      accessKey: DEMO_HUAWEI_ACCESS_KEY,
      secretKey: DEMO_HUAWEI_SECRET_KEY,
      securityToken: undefined,
      region: DEMO_HUAWEI_REGION,
      projectId: DEMO_HUAWEI_PROJECT_ID,
      endpoint: "http://127.0.0.1:1",
      maxRequestsPerSecond: 100,
    });
  });

  it("applies defaults: clusters RUNNING, instances reachable", () => {
    const inv = parseInventory(withHuawei({ eventRouterClusters: [cluster], kafkaInstances: [kafka] }));
    expect(inv.huawei.eventRouterClusters[0]?.status).toBe("RUNNING");
    expect(inv.huawei.kafkaInstances[0]?.reachable).toBe(true);
    expect(inv.huawei.users).toEqual([]);
  });

  it("accepts DMS_ROCKETMQ as the RocketMQ spelling on either side", () => {
    const inv = parseInventory(withHuawei({ eventRouterClusters: [{ ...cluster, sourceType: "ROCKETMQ", sinkType: "DMS_ROCKETMQ" }] }));
    expect(inv.huawei.eventRouterClusters[0]?.sinkType).toBe("DMS_ROCKETMQ");
  });

  it.each([
    [
      "a project id that is not 32 hex characters",
      { projects: [{ id: "P1", region: "r" }] },
      "huawei.projects.0.id: a project id is 32 lowercase hex characters",
    ],
    ["two projects in one region", { projects: [projects[0], { id: P2, region: "cn-north-4" }] }, 'huawei.projects[].region must be unique; "cn-north-4"'],
    ["a duplicate project id", { projects: [projects[0], { id: P1, region: "cn-east-3" }] }, `huawei.projects[].id must be unique; "${P1}"`],
    ["a duplicate user", { users: [1, 2].map(() => ({ domain: "d", name: "u", password: "p" })) }, 'huawei.users[] (domain/name) must be unique; "d/u"'],
    ["a user without a password", { users: [{ domain: "d", name: "u" }] }, "huawei.users.0.password"],
    [
      "a cluster in an unknown project",
      { eventRouterClusters: [{ ...cluster, projectId: "ab".repeat(16) }] },
      `huawei.eventRouterClusters.0.projectId: project "${"ab".repeat(16)}" is not in huawei.projects`,
    ],
    ["an instance in an unknown project", { kafkaInstances: [{ ...kafka, projectId: "cd".repeat(16) }] }, "huawei.kafkaInstances.0.projectId: project"],
    [
      "a cluster whose sink is another product",
      { eventRouterClusters: [{ ...cluster, sinkType: "DCS" }] },
      "huawei.eventRouterClusters.0.sinkType: must be the same product as sourceType KAFKA",
    ],
    ["an unknown cluster type", { eventRouterClusters: [{ ...cluster, sourceType: "RABBITMQ" }] }, "huawei.eventRouterClusters.0.sourceType"],
    ["a duplicate cluster id", { eventRouterClusters: [cluster, { ...cluster, name: "other" }] }, 'huawei.eventRouterClusters[].id must be unique; "c1"'],
    [
      "one id for a Kafka and a DCS instance",
      { kafkaInstances: [kafka], dcsInstances: [{ id: "k1", name: "redis", projectId: P1, address: "10.0.0.9:6379" }] },
      'huawei instance ids (kafkaInstances, rocketmqInstances, dcsInstances) must be unique; "k1"',
    ],
    ["an address without a port", { kafkaInstances: [{ ...kafka, address: "10.0.0.1" }] }, "huawei.kafkaInstances.0.address"],
    ["a broker count of 0", { kafkaInstances: [{ ...kafka, brokerNum: 0 }] }, "huawei.kafkaInstances.0.brokerNum"],
    ["a Kafka instance without brokerNum", { kafkaInstances: [{ ...kafka, brokerNum: undefined }] }, "huawei.kafkaInstances.0.brokerNum"],
    [
      "a DCS instance with brokers",
      { dcsInstances: [{ id: "d1", name: "redis", projectId: P1, address: "10.0.0.9:6379", brokerNum: 1 }] },
      'Unrecognized key: "brokerNum"',
    ],
    ["an unknown huawei key", { clusters: [] }, 'Unrecognized key: "clusters"'],
  ])("rejects a Huawei section with %s, naming the path", (_name, huawei, message) => {
    expect(() => parseInventory(withHuawei(huawei as Record<string, unknown>), "test inventory")).toThrow(message);
  });
});

/**
 * The `alibaba.dataworksProjects` section of the emulator inventory: the demo workspace and its
 * exported constants, defaults, and the rules a user's file must meet (each reported by its path).
 */
const project = {
  id: 10000,
  name: "dw_project",
  region: "cn-shanghai",
  dataSources: [{ name: "mysql_pub", type: "mysql" }],
  resourceGroups: ["S_res_group_1"],
};
const withProjects = (dataworksProjects: unknown[]) => ({ ...minimal, alibaba: { dataworksProjects } });

describe("dataworks inventory", () => {
  it("holds the demo workspace with the published values", () => {
    expect([DEMO_DATAWORKS_PROJECT_ID, DEMO_DATAWORKS_PROJECT_NAME, DEMO_DATAWORKS_RESOURCE_GROUP, DEMO_DATAWORKS_SERVERLESS_RESOURCE_GROUP]).toEqual([
      10001,
      "streamjobs_demo",
      "S_res_group_demo_001",
      "Serverless_res_group_demo",
    ]);
    expect(DEMO_DATAWORKS_DATA_SOURCES).toEqual({ mysql: "mysql_pub", odps: "odps_first", kafka: "kafka_orders", hologres: "holo_dw" });
    expect(DEFAULT_INVENTORY.alibaba.dataworksProjects).toEqual([
      {
        id: 10001,
        name: "streamjobs_demo",
        region: DEMO_REGION_ID,
        dataSources: [
          { name: "mysql_pub", type: "mysql" },
          { name: "odps_first", type: "odps" },
          { name: "kafka_orders", type: "kafka" },
          { name: "holo_dw", type: "hologres" },
        ],
        resourceGroups: ["S_res_group_demo_001", "Serverless_res_group_demo"],
      },
      // The workspace of the vendor's examples: ProjectId 10000 and its data sources and resource
      // groups as the CreateDISyncTask page (seed 004), the GenerateDISyncTaskConfigForCreating page
      // (seed 002) and the SDK models (the UpdateDISyncTask example's odps_first) print them.
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
    ]);
    expect(DEMO_REGION_ID).toBe("cn-beijing");
  });

  it("defaults to no projects, and a project to no data sources and no resource groups", () => {
    expect(parseInventory(minimal).alibaba.dataworksProjects).toEqual([]);
    expect(parseInventory(withProjects([{ id: 1, name: "p", region: "r" }])).alibaba.dataworksProjects).toEqual([
      { id: 1, name: "p", region: "r", dataSources: [], resourceGroups: [] },
    ]);
  });

  it("configures a data source for the environments listed, both when none are", () => {
    const split = { ...project, dataSources: [{ name: "odps_dev", type: "odps", environments: ["development"] }, ...project.dataSources] };
    expect(parseInventory(withProjects([split])).alibaba.dataworksProjects[0]?.dataSources).toEqual([
      { name: "odps_dev", type: "odps", environments: ["development"] },
      { name: "mysql_pub", type: "mysql" },
    ]);
  });

  it("allows the same data source name and resource group in two projects", () => {
    const second = { ...project, id: 10002, name: "dw_project_2" };
    expect(parseInventory(withProjects([project, second])).alibaba.dataworksProjects).toHaveLength(2);
  });

  it.each([
    ["a ProjectId that is not an integer", [{ ...project, id: "10000" }], "alibaba.dataworksProjects.0.id"],
    ["a ProjectId of 0", [{ ...project, id: 0 }], "alibaba.dataworksProjects.0.id"],
    ["a project without a region", [{ ...project, region: undefined }], "alibaba.dataworksProjects.0.region"],
    ["a data source without a type", [{ ...project, dataSources: [{ name: "x" }] }], "alibaba.dataworksProjects.0.dataSources.0.type"],
    ["an empty resource group", [{ ...project, resourceGroups: [""] }], "alibaba.dataworksProjects.0.resourceGroups.0"],
    [
      "a data source configured for no environment",
      [{ ...project, dataSources: [{ name: "x", type: "odps", environments: [] }] }],
      "alibaba.dataworksProjects.0.dataSources.0.environments",
    ],
    [
      "an environment other than development and production",
      [{ ...project, dataSources: [{ name: "x", type: "odps", environments: ["staging"] }] }],
      "alibaba.dataworksProjects.0.dataSources.0.environments.0",
    ],
    ["an unknown project key", [{ ...project, workspace: "x" }], 'Unrecognized key: "workspace"'],
    ["a duplicate ProjectId", [project, { ...project, name: "other" }], 'alibaba.dataworksProjects[].id must be unique; "10000"'],
    ["a duplicate project name", [project, { ...project, id: 10002 }], 'alibaba.dataworksProjects[].name must be unique; "dw_project"'],
    [
      "a data source named twice in one project",
      [
        {
          ...project,
          dataSources: [
            { name: "mysql_pub", type: "mysql" },
            { name: "mysql_pub", type: "odps" },
          ],
        },
      ],
      'dataSources[].name (per project) must be unique; "10000/mysql_pub"',
    ],
    ["a resource group listed twice in one project", [{ ...project, resourceGroups: ["g", "g"] }], 'resourceGroups (per project) must be unique; "10000/g"'],
  ])("rejects %s, naming the path", (_name, projects, message) => {
    expect(() => parseInventory(withProjects(projects), "test inventory")).toThrow(message);
  });
});

/**
 * The inventory's DIS section: DWS clusters (databases, users, tables), KMS keys, OBS buckets and IAM
 * agencies — the demo values the vendor's dump-task example names, defaults, and every rule with its
 * path.
 */
const P1 = "0123456789abcdef0123456789abcdef";
const base = { accessKeys: [{ id: "k", secret: "s" }] };
const cluster = { id: "dws-1", name: "dws", projectId: P1, databases: ["postgres"] };
const withHuawei = (huawei: Record<string, unknown>) => ({ ...base, huawei: { projects: [{ id: P1, region: "cn-north-4" }], ...huawei } });

describe("huawei inventory: DIS", () => {
  it("holds the DWS cluster, KMS key, buckets and agency of the vendor's example, with the published constants", () => {
    const hw = DEFAULT_INVENTORY.huawei;
    expect([DEMO_DWS_CLUSTER_ID, DEMO_DWS_CLUSTER_NAME, DEMO_KMS_KEY_ID, DEMO_KMS_KEY_NAME, DEMO_OBS_BUCKET, DEMO_DIS_AGENCY]).toEqual([
      "f82dc227-3691-47eb-bca7-e7851f509b2a",
      "dwscluster",
      "1e759f06-9188-4d21-afab-a75e57c04d2b",
      "kmskey",
      "obsbucket",
      "dis_admin_agency",
    ]);
    expect(DEMO_DWS_USER).toEqual({ name: "dbadmin", password: "Dws#Admin-Pass1" });
    expect(hw.dwsClusters).toEqual([
      {
        id: DEMO_DWS_CLUSTER_ID,
        name: DEMO_DWS_CLUSTER_NAME,
        projectId: DEMO_HUAWEI_PROJECT_ID,
        databases: ["postgres", "analytics"],
        users: [DEMO_DWS_USER],
        tables: ["dbadmin.dwstablename", "public.orders", "public.clicks"],
      },
    ]);
    expect(hw.kmsKeys).toEqual([{ id: DEMO_KMS_KEY_ID, name: DEMO_KMS_KEY_NAME, projectId: DEMO_HUAWEI_PROJECT_ID }]);
    expect(hw.obsBuckets).toEqual([
      { name: "obsbucket", projectId: DEMO_HUAWEI_PROJECT_ID },
      { name: "streamjobs-dis-staging", projectId: DEMO_HUAWEI_PROJECT_ID },
    ]);
    expect(hw.agencies).toEqual([{ name: DEMO_DIS_AGENCY }]);
  });

  it("leaves users and tables out when not given (any credentials log in, any table exists)", () => {
    const inv = parseInventory(withHuawei({ dwsClusters: [cluster] }));
    expect(inv.huawei.dwsClusters[0]).toEqual(cluster);
    expect(inv.huawei).toMatchObject({ kmsKeys: [], obsBuckets: [], agencies: [] });
  });

  it.each([
    [
      "a cluster in an unknown project",
      { dwsClusters: [{ ...cluster, projectId: "ab".repeat(16) }] },
      `huawei.dwsClusters.0.projectId: project "${"ab".repeat(16)}" is not in huawei.projects`,
    ],
    ["a cluster without databases", { dwsClusters: [{ ...cluster, databases: [] }] }, "huawei.dwsClusters.0.databases"],
    ["a table without its schema", { dwsClusters: [{ ...cluster, tables: ["orders"] }] }, 'huawei.dwsClusters.0.tables.0: a table is written "schema.table"'],
    ["a user without a password", { dwsClusters: [{ ...cluster, users: [{ name: "u" }] }] }, "huawei.dwsClusters.0.users.0.password"],
    ["a duplicate cluster id", { dwsClusters: [cluster, { ...cluster, name: "other" }] }, 'huawei.dwsClusters[].id must be unique; "dws-1"'],
    [
      "two clusters of one name in a project",
      { dwsClusters: [cluster, { ...cluster, id: "dws-2" }] },
      `huawei.dwsClusters[] (projectId/name) must be unique; "${P1}/dws"`,
    ],
    [
      "a database listed twice",
      { dwsClusters: [{ ...cluster, databases: ["a", "a"] }] },
      'huawei.dwsClusters.0: databases must be unique within the cluster; "a"',
    ],
    [
      "a user listed twice",
      { dwsClusters: [{ ...cluster, users: [1, 2].map(() => ({ name: "u", password: "p" })) }] },
      'users[].name must be unique within the cluster; "u"',
    ],
    ["a table listed twice", { dwsClusters: [{ ...cluster, tables: ["s.t", "s.t"] }] }, 'tables must be unique within the cluster; "s.t"'],
    ["a duplicate KMS key id", { kmsKeys: [1, 2].map(() => ({ id: "key", name: "k", projectId: P1 })) }, 'huawei.kmsKeys[].id must be unique; "key"'],
    ["a KMS key in an unknown project", { kmsKeys: [{ id: "key", name: "k", projectId: "cd".repeat(16) }] }, "huawei.kmsKeys.0.projectId"],
    [
      "an OBS bucket with capitals",
      { obsBuckets: [{ name: "Bucket", projectId: P1 }] },
      "huawei.obsBuckets.0.name: an OBS bucket name is 3-63 lowercase letters",
    ],
    ["an OBS bucket of 2 characters", { obsBuckets: [{ name: "ab", projectId: P1 }] }, "huawei.obsBuckets.0.name"],
    [
      "one bucket name twice (names are global)",
      { obsBuckets: [1, 2].map(() => ({ name: "bucket", projectId: P1 })) },
      'huawei.obsBuckets[].name must be unique; "bucket"',
    ],
    ["a bucket in an unknown project", { obsBuckets: [{ name: "bucket", projectId: "ef".repeat(16) }] }, "huawei.obsBuckets.0.projectId"],
    ["an agency name of 65 characters", { agencies: [{ name: "a".repeat(65) }] }, "huawei.agencies.0.name"],
    ["a duplicate agency", { agencies: [{ name: "a" }, { name: "a" }] }, 'huawei.agencies[].name must be unique; "a"'],
    ["an unknown field on a cluster", { dwsClusters: [{ ...cluster, port: 8000 }] }, 'Unrecognized key: "port"'],
  ])("rejects %s, naming the path", (_name, huawei, message) => {
    expect(() => parseInventory(withHuawei(huawei as Record<string, unknown>), "test inventory")).toThrow(message);
  });
});

describe("the inventory's quotas section", () => {
  it("is optional, and on when present", () => {
    expect(parseInventory({ accessKeys: DEFAULT_INVENTORY.accessKeys }).quotas).toBeUndefined();
    expect(parseInventory({ accessKeys: DEFAULT_INVENTORY.accessKeys, quotas: {} }).quotas).toEqual({ enabled: true, actions: {} });
  });

  it.each([
    ["a rate of 0", { default: { ratePerSecond: 0 } }, "quotas.default.ratePerSecond"],
    ["a fractional burst", { actions: { CreateStreamingJob: { ratePerSecond: 1, burst: 1.5 } } }, "quotas.actions.CreateStreamingJob.burst"],
    ["an unknown field", { actions: { CreateStreamingJob: { rate: 1 } } }, "quotas.actions.CreateStreamingJob"],
    ["a limit without a rate", { default: { burst: 3 } }, "quotas.default.ratePerSecond"],
  ])("rejects %s, naming the path", (_name, quotas, path) => {
    expect(() => parseInventory({ accessKeys: DEFAULT_INVENTORY.accessKeys, quotas })).toThrow(new RegExp(`- ${path.replace(/\./g, "\\.")}: `));
  });

  it("rejects a quota for an action the emulator does not serve, listing the ones it does", async () => {
    await expect(
      startEmulator({ inventory: { ...DEFAULT_INVENTORY, quotas: { actions: { CreateStreamJob: { ratePerSecond: 1 } } } }, log: noop }),
    ).rejects.toThrow(/quotas\.actions names "CreateStreamJob", which the emulator does not serve;.*CreateStreamingJob.*CreateTransferTask/);
  });
});
