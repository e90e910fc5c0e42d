/**
 * The realtime DISyncTask's specification changes: which change a table-selection update
 * (GenerateDISyncTaskConfigForUpdating) can make, and the TaskParam that call is given.
 */
import { describe, expect, it } from "vitest";
import { realtimeChangeNeedsReplace, updatingTaskParam } from "../../../provider/resources/alicloud-di-sync-task-realtime";
import { realtimeSpec } from "../../fixtures/dataworks";

describe("a realtime specification's change", () => {
  it("needs no replacement when only the reader's table selection changes", () => {
    expect(realtimeChangeNeedsReplace(JSON.stringify(realtimeSpec()), JSON.stringify(realtimeSpec(["a", "b"])))).toBe(false);
  });

  it("asks ForUpdating for the new table selection in the SDK example's form", () => {
    expect(JSON.parse(updatingTaskParam(JSON.stringify(realtimeSpec(["orders", "refunds"]))))).toEqual({
      steps: [
        {
          parameter: { connection: [{ selectedTables: [{ dbName: "orders_db", schema: [{ tableInfos: [{ table: "orders" }, { table: "refunds" }] }] }] }] },
          name: "Reader",
          category: "reader",
        },
      ],
    });
  });
});
