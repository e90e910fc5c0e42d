/**
 * A Huawei REST table entry laid out as the request the client sends: path parameters filled in
 * by name, query and body fields where the table puts them, a spread body merged, secrets and the
 * repeat-safety flag carried, and nothing sent that the entry has no parameter for.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { type RestApi, pathPlaceholders, restRequest } from "../../../provider/apis/huawei-rest";

const api = {
  service: "X",
  operations: {
    Show: {
      method: "GET",
      path: "/v1/{project_id}/things/{thing_name}",
      params: { thing_name: { type: "string", location: "path", required: true }, limit: { type: "integer", location: "query" } },
      response: z.unknown(),
      notFoundCodes: [],
    },
    Scale: {
      method: "PUT",
      path: "/v1/{project_id}/things/{thing_name}",
      params: {
        thing_name: { type: "string", location: "path", required: true, alsoIn: "body" },
        changes: { type: "object", location: "body", spread: true },
        password: { type: "string", location: "body", secret: true },
      },
      response: z.unknown(),
      notFoundCodes: [],
      retryAmbiguous: true,
    },
  },
} as const satisfies RestApi;

describe("restRequest", () => {
  it("lays out a read: path parameters and query, no body, not marked repeat-safe", () => {
    expect(restRequest(api, "Show", { thing_name: "a b", limit: 1 })).toEqual({
      operation: "Show",
      method: "GET",
      path: "/v1/{project_id}/things/{thing_name}",
      pathParams: { thing_name: "a b" },
      query: { limit: 1 },
    });
  });

  it("lays out a write: the path's name repeated in the body, the changes merged after it", () => {
    const req = restRequest(api, "Scale", { thing_name: "t", changes: { size: 3, on: true } }, { secrets: ["nested-pw"] });
    expect(req).toEqual({
      operation: "Scale",
      method: "PUT",
      path: "/v1/{project_id}/things/{thing_name}",
      pathParams: { thing_name: "t" },
      body: { thing_name: "t", size: 3, on: true },
      secrets: ["nested-pw"],
      retryAmbiguous: true,
    });
    expect(Object.keys(req.body as object)).toEqual(["thing_name", "size", "on"]);
  });

  it("scrubs the table's secret parameters as well as the caller's", () => {
    expect(restRequest(api, "Scale", { thing_name: "t", password: "pw" }, { secrets: ["x"] }).secrets).toEqual(["pw", "x"]);
  });

  it("leaves undefined values out and refuses unknown ones and unknown operations", () => {
    expect(restRequest(api, "Show", { thing_name: "t", limit: undefined }).query).toBeUndefined();
    expect(() => restRequest(api, "Show", { thing_name: "t", nope: 1 })).toThrow("X Show has no parameter nope");
    expect(() => restRequest(api, "Gone" as "Show", {})).toThrow("X has no operation Gone in its table");
  });
});

describe("pathPlaceholders", () => {
  it("names every placeholder, the client's project id included", () => {
    expect(pathPlaceholders("/v2/{project_id}/streams/{stream_name}/transfer-tasks/{task_name}")).toEqual(["project_id", "stream_name", "task_name"]);
  });
});
