/**
 * The generic API table model: a call's values go where their parameters say (a second place
 * too), undefined values stay home, a value without a parameter is refused, secrets are picked out
 * by the table's flag, and not-found codes are the operation's own.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { type OperationSpec, isNotFoundOf, layOut, notFoundCodesOf, secretValues } from "../../../provider/apis/table";
import { ApiError } from "../../../provider/errors";

const op: OperationSpec = {
  params: {
    Name: { type: "string" },
    Id: { type: "string", location: "path", alsoIn: "body" },
    Page: { type: "integer", location: "query" },
    Password: { type: "string", location: "form", secret: true },
    Token: { type: "string", location: "header" },
  },
  response: z.object({}),
  notFoundCodes: ["Thing.NotFound"],
};

const apiError = (code: string) => new ApiError("S", "Op", code, undefined, 404, "m");

describe("layOut", () => {
  it("puts each value where its parameter travels, the default place for those that name none", () => {
    expect(layOut("S Op", op, { Name: "n", Id: "7", Page: 2, Password: "pw", Token: "t" }, "body")).toEqual({
      path: { Id: "7" },
      query: { Page: 2 },
      form: { Password: "pw" },
      body: { Name: "n", Id: "7" },
      header: { Token: "t" },
    });
    expect(layOut("S Op", op, { Name: "n" }, "query").query).toEqual({ Name: "n" });
  });

  it("keeps the caller's order within a place and leaves undefined values out", () => {
    const placed = layOut("S Op", { ...op, params: { B: { type: "string" }, A: { type: "string" } } }, { B: "b", X: undefined, A: "a" }, "query");
    expect(Object.keys(placed.query)).toEqual(["B", "A"]);
  });

  it("refuses a value the operation has no parameter for, naming it", () => {
    expect(() => layOut("S Op", op, { Nope: 1 }, "query")).toThrow("S Op has no parameter Nope");
  });
});

describe("secretValues", () => {
  it("returns the text of the secret parameters only", () => {
    expect(secretValues(op, { Name: "n", Password: "pw" })).toEqual(["pw"]);
    expect(secretValues(op, { Password: 42 })).toEqual([]);
  });
});

describe("not-found codes", () => {
  it("knows the operation's own codes and nothing else", () => {
    expect(isNotFoundOf(op, apiError("Thing.NotFound"))).toBe(true);
    expect(isNotFoundOf(op, apiError("Other.NotFound"))).toBe(false);
    expect(isNotFoundOf(undefined, apiError("Thing.NotFound"))).toBe(false);
    expect(isNotFoundOf(op, new Error("Thing.NotFound"))).toBe(false);
  });

  it("collects a table's codes across its operations", () => {
    expect([...notFoundCodesOf({ a: op, b: { ...op, notFoundCodes: ["B.Gone", "Thing.NotFound"] } })].sort()).toEqual(["B.Gone", "Thing.NotFound"]);
  });
});
