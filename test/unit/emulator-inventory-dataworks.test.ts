/**
 * The `alibaba.dataworksProjects` section of the emulator inventory: the demo workspace and its
 * exported constants, defaults, and the rules a user's file must meet (each reported by its path).
 */
import { describe, expect, it } from "vitest";
import {
  DEFAULT_INVENTORY,
  DEMO_DATAWORKS_DATA_SOURCES,
  DEMO_DATAWORKS_PROJECT_ID,
  DEMO_DATAWORKS_PROJECT_NAME,
  DEMO_DATAWORKS_RESOURCE_GROUP,
  DEMO_DATAWORKS_SERVERLESS_RESOURCE_GROUP,
  DEMO_REGION_ID,
  parseInventory,
} from "../../emulator/index";

const minimal = { accessKeys: [{ id: "k", secret: "s" }] };
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
