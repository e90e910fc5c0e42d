/**
 * The DataWorks value rules as pure functions: task scripts, TaskParam, folders and the data
 * sources a deployment needs in its environment.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_INVENTORY, DEMO_DATAWORKS_PROJECT_ID } from "../../../../emulator/index";
import type { DataWorksProject } from "../../../../emulator/inventory";
import { environmentProblem, folderPathProblem, taskContentProblem, taskParamOf } from "../../../../emulator/services/alibaba-dataworks-validation";

const project = DEFAULT_INVENTORY.alibaba.dataworksProjects[0] as DataWorksProject;

const script = () => ({
  type: "job",
  steps: [
    { stepType: "mysql", category: "reader", name: "Reader", parameter: { datasource: "mysql_pub", connection: [{ datasource: "mysql_pub", table: ["t"] }] } },
    { stepType: "odps", category: "writer", name: "Writer", parameter: { datasource: "odps_first" } },
  ],
  setting: { speed: { concurrent: 1 } },
  order: { hops: [{ from: "Reader", to: "Writer" }] },
});

describe("script rules", () => {
  it("accepts a batch script meeting every rule", () => {
    expect(taskContentProblem(script(), "DI_OFFLINE", project)).toBeUndefined();
  });

  it("reads data sources from connection[] too", () => {
    const s = script();
    s.steps[0]!.parameter.connection = [{ datasource: "mysql_nope", table: ["t"] }];
    expect(taskContentProblem(s, "DI_OFFLINE", project)).toBe(
      `TaskContent steps[0] names data source "mysql_nope", which is not in project ${DEMO_DATAWORKS_PROJECT_ID}.`,
    );
  });

  it("lets a realtime script skip type and concurrency but not hops", () => {
    const { type: _t, setting: _s, ...rest } = script();
    expect(taskContentProblem(rest, "DI_REALTIME", project)).toBeUndefined();
    expect(taskContentProblem({ ...rest, order: { hops: [] } }, "DI_REALTIME", project)).toContain("order.hops");
  });

  it("refuses a concurrency that is not an integer", () => {
    expect(taskContentProblem({ ...script(), setting: { speed: { concurrent: 1.5 } } }, "DI_OFFLINE", project)).toContain("got 1.5");
    expect(taskContentProblem({ ...script(), setting: { speed: { concurrent: "2" } } }, "DI_OFFLINE", project)).toContain('got "2"');
  });

  it("takes the vendor's folder paths and refuses empty, '..' and control-character ones", () => {
    expect(folderPathProblem("Business Flow/XXX/Data Integration")).toBeUndefined();
    expect(folderPathProblem("workflow/biz")).toBeUndefined();
    expect(folderPathProblem(undefined)).toMatch(/^TaskParam\.FileFolderPath must not be empty/);
    expect(folderPathProblem("a/../b")).toMatch(/must not have a "\.\." segment/);
    expect(folderPathProblem("a//b")).toMatch(/must not have an empty segment/);
    expect(folderPathProblem("a/b\r\nc")).toMatch(/must not contain control characters/);
  });

  it("fails a deployment to an environment a named data source is not configured for", () => {
    const dev = { ...project, dataSources: [...project.dataSources, { name: "odps_dev", type: "odps", environments: ["development" as const] }] };
    const s = script();
    s.steps[1]!.parameter.datasource = "odps_dev";
    expect(environmentProblem(JSON.stringify(s), "development", dev)).toBeUndefined();
    expect(environmentProblem(JSON.stringify(s), "production", dev)).toBe(
      `datasource:[odps_dev] is not configured for the production environment of project ${DEMO_DATAWORKS_PROJECT_ID}.`,
    );
    expect(environmentProblem(JSON.stringify(script()), "production", project)).toBeUndefined();
  });

  it("reads TaskParam's Cu as a positive multiple of 0.5", () => {
    expect(taskParamOf({ Cu: 2.5 })).toEqual({ ok: true, param: { Cu: 2.5 } });
    expect(taskParamOf({ Cu: -0.5 }).ok).toBe(false);
    expect(taskParamOf({ ResourceGroup: 7 })).toEqual({ ok: false, problem: "TaskParam.ResourceGroup must be a string." });
  });
});
