import { afterEach, describe, expect, it, vi } from "vitest";
import { type FieldTable, changedFields, diffFields, realignInputs, updateParams } from "../../../provider/engine/fields";
import { claimExisting, differences } from "../../../provider/engine/take-over";

/** A made-up table with one field of each kind of removal, so the engine's rules are seen alone. */
const table: FieldTable = {
  name: { api: "Name", replace: true },
  offset: { api: "Offset", unset: { reset: "LATEST" } },
  group: { api: "Group", unset: "kept" },
  schema: { api: "Schema", unset: "replace" },
  note: { api: "Note", unset: { reset: "" } },
  password: { api: "Password", secret: true, unset: "kept" },
  token: { api: "Token", writeOnly: true, unset: "kept" },
};

afterEach(() => vi.restoreAllMocks());

describe("removing an optional input", () => {
  it("treats unset and the vendor default as one value, in diff and in refresh", () => {
    expect(changedFields(table, { offset: "LATEST" }, {})).toEqual([]);
    expect(changedFields(table, { offset: "EARLIEST" }, {})).toEqual(["offset"]);
    expect(realignInputs(table, {}, { offset: "LATEST" })).toEqual({});
  });

  it("sends the vendor default for a removed field, never an empty value", () => {
    expect(updateParams(table, {}, ["offset"])).toEqual({ Offset: "LATEST" });
    expect(updateParams(table, { offset: "EARLIEST" }, ["offset"])).toEqual({ Offset: "EARLIEST" });
    expect(updateParams(table, {}, ["group", "password", "schema"])).toEqual({});
  });

  it("does not diff or drift a kept field the program leaves unset", () => {
    expect(changedFields(table, { group: "g1" }, {})).toEqual([]);
    expect(realignInputs(table, {}, { group: "g-console" })).toEqual({});
    expect(changedFields(table, { group: "g1" }, { group: "g2" })).toEqual(["group"]);
  });

  it("replaces when a field that cannot be cleared in place is removed", () => {
    expect(diffFields(table, { schema: "{}" }, {})).toEqual({ changes: true, replaces: ["schema"] });
    expect(diffFields(table, { schema: "{}" }, { schema: "[]" })).toEqual({ changes: true });
  });
});

describe("a create that finds its name taken", () => {
  const claim = (theirs: Record<string, unknown>, inputs: Record<string, unknown>) => ({
    what: 'Thing "orders"',
    found: "thing 12",
    nameInput: "name",
    inputs: { name: "orders", ...inputs },
    theirs: { name: "orders", ...theirs },
    fields: table,
  });

  it("takes over an object with the program's definition, whatever it holds where the program is silent", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    expect(claimExisting(claim({ offset: "LATEST", group: "console-group", schema: "{}" }, {}), false)).toEqual({ update: [] });
    expect(log.mock.calls[0]?.[0]).toContain("taking it over");
  });

  it("does not compare what the API does not echo", () => {
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    expect(differences(claim({ token: "t1" }, { password: "p", token: "t2" }))).toEqual([]);
  });

  it("rejects a differing object without adopt, naming both, the difference and the ways out", () => {
    expect(() => claimExisting(claim({ offset: "EARLIEST" }, {}), false)).toThrow(
      /Thing "orders": name "orders" is already taken by thing 12, .*offset is "EARLIEST" there, "LATEST" in the program.*adopt: true.*delete thing 12 or choose another name/,
    );
  });

  it("rejects with a secret said to differ, never shown", () => {
    let message = "";
    try {
      claimExisting(claim({ password: "old-pass-1" }, { password: "new-pass-2" }), false);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain("password differs");
    expect(message).not.toContain("old-pass-1");
    expect(message).not.toContain("new-pass-2");
  });

  it("adopts a differing object by updating only what differs", () => {
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    expect(claimExisting(claim({ offset: "EARLIEST", group: "g0" }, { group: "g1" }), true)).toEqual({ update: ["offset", "group"] });
  });

  it("rejects adopting an object whose replace-only field differs", () => {
    expect(() => claimExisting({ ...claim({}, {}), theirs: { name: "other" } }, true)).toThrow(
      /cannot adopt thing 12: name is "other" there, "orders" in the program, and name cannot be changed in place/,
    );
  });
});
