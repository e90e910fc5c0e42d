/**
 * The DataWorks realtime generator as pure functions: the script Generate…ForCreating builds from a
 * realtime TaskParam (which the realtime script rules accept), its refusals, and the table
 * selection Generate…ForUpdating replaces.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_INVENTORY, DEMO_DATAWORKS_RESOURCE_GROUP } from "../../../../emulator/index";
import type { DataWorksProject } from "../../../../emulator/inventory";
import { generateForCreating, generateForUpdating } from "../../../../emulator/services/alibaba-dataworks-generator";
import { taskContentProblem } from "../../../../emulator/services/alibaba-dataworks-validation";

const project = DEFAULT_INVENTORY.alibaba.dataworksProjects[0] as DataWorksProject;
const RG = DEMO_DATAWORKS_RESOURCE_GROUP;

const realtime = (setting: Record<string, unknown> = {}, writer: Record<string, unknown> = { stepType: "odps", parameter: { datasource: "odps_first" } }) => ({
  type: "realtime",
  version: "1.0",
  setting: { resourceGroup: RG, taskType: "oneclick_to_odps", ...setting },
  steps: [
    { stepType: "mysql", category: "reader", name: "Reader", parameter: { connection: [{ datasource: "mysql_pub", table: ["orders"] }] } },
    { category: "writer", name: "Writer", ...writer },
  ],
});

describe("realtime generator", () => {
  it("builds a script the realtime rules accept", () => {
    const g = generateForCreating(realtime({ name: "orders_rt" }), project, 7);
    expect(g.ok).toBe(true);
    const content = JSON.parse((g as { taskContent: string }).taskContent);
    expect(content.extend).toEqual({ mode: "oneclick_to_odps", resourceGroup: RG, name: "orders_rt" });
    expect(taskContentProblem(content, "DI_REALTIME", project)).toBeUndefined();
  });

  it("names the task after its mode and process when the TaskParam does not", () => {
    const g = generateForCreating(realtime(), project, 7);
    expect(JSON.parse((g as { taskContent: string }).taskContent).extend.name).toBe("oneclick_to_odps_7");
  });

  it("refuses a task type that is a property of every object", () => {
    expect(generateForCreating(realtime({ taskType: "constructor" }), project, 1)).toMatchObject({
      ok: false,
      message: expect.stringContaining("taskType:[constructor] is invalid"),
    });
  });

  it("refuses a reader data source of another type", () => {
    const p = realtime();
    (p.steps[0]!.parameter as { connection: Array<{ datasource: string }> }).connection[0]!.datasource = "kafka_orders";
    expect(generateForCreating(p, project, 1)).toEqual({
      ok: false,
      message: "datasource:[kafka_orders] is invalid: it is a kafka data source, the reader needs mysql.",
    });
  });

  it("reselects tables for an update and refuses an update that selects none", () => {
    const current = JSON.parse((generateForCreating(realtime(), project, 1) as { taskContent: string }).taskContent);
    const add = {
      steps: [{ category: "reader", parameter: { connection: [{ selectedTables: [{ dbName: "db", schema: [{ tableInfos: [{ table: "a" }] }] }] }] } }],
    };
    const updated = generateForUpdating(add, current, project);
    expect(JSON.parse((updated as { taskContent: string }).taskContent).steps[0].parameter.connection).toEqual([
      { datasource: "mysql_pub", selectedTables: [{ dbName: "db", schema: [{ tableInfos: [{ table: "a" }] }] }] },
    ]);
    expect(generateForUpdating({ steps: [{ category: "reader", parameter: { connection: [{ table: [] }] } }] }, current, project).ok).toBe(false);
  });
});
