/**
 * The inventory's DIS section: DWS clusters (databases, users, tables), KMS keys, OBS buckets and IAM
 * agencies — the demo values the vendor's dump-task example names, defaults, and every rule with its
 * path.
 */
import { describe, expect, it } from "vitest";
import {
  DEFAULT_INVENTORY,
  DEMO_DIS_AGENCY,
  DEMO_DWS_CLUSTER_ID,
  DEMO_DWS_CLUSTER_NAME,
  DEMO_DWS_USER,
  DEMO_HUAWEI_PROJECT_ID,
  DEMO_KMS_KEY_ID,
  DEMO_KMS_KEY_NAME,
  DEMO_OBS_BUCKET,
  parseInventory,
} from "../../emulator/index";

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
