/**
 * Coverage of the Huawei facts: every operation the provider calls (the entries of its REST tables
 * in provider/apis and the IAM token request in provider/clients/huawei.ts) and every route the
 * emulator serves (read from its service modules' route tables) has a vendor fact in
 * test/conformance/facts/{dis,dms,eventrouter,iam}.json, matched by method and path template, and
 * every table parameter agrees with its fact (huawei-tables.ts). A fact without request and
 * response content counts as missing: it cannot serve as an oracle.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { type RestOperationSpec, pathPlaceholders } from "../../provider/apis/huawei-rest";
import { type HuaweiOperation, huaweiOperations, missingContent, operationsForTemplate } from "./huawei-facts";
import { emulatorRoutes, providerOperations, tableOperations, unlistedServiceFactories, unlistedTableFiles } from "./huawei-sources";
import { operationProblems } from "./huawei-tables";

const FACT_FILES = "test/conformance/facts/{dis,dms,eventrouter,iam}.json";

const provider = providerOperations();
const routes = emulatorRoutes();

/** Why `candidates` do not cover a call, or undefined when one of them does. */
function uncovered(what: string, candidates: readonly HuaweiOperation[]): string | undefined {
  if (candidates.length === 0) return `${what} has no vendor fact in ${FACT_FILES}`;
  const gaps = candidates.map((op) => [op.label, missingContent(op)] as const);
  if (gaps.some(([, gap]) => gap === undefined)) return undefined;
  return `${what} has only facts without content: ${gaps.map(([l, g]) => `${l} (${g})`).join("; ")}`;
}

describe("the provider's Huawei operations are read from its tables", () => {
  it("lists every table in provider/apis/huawei-*.ts", () => {
    expect(unlistedTableFiles()).toEqual([]);
  });

  it("sends no request from provider/apis/huawei-*.ts except through a table entry", () => {
    const dir = join(__dirname, "..", "..", "provider", "apis");
    const files = readdirSync(dir).filter((f) => /^huawei-.*\.ts$/.test(f));
    const sources = files.map((f) => [f, readFileSync(join(dir, f), "utf8")] as const);
    // A request built by hand calls the client's `request`; a table entry names exactly one HTTP method.
    expect(sources.filter(([, text]) => /\.request\(/.test(text)).map(([f]) => f)).toEqual([]);
    const literals = sources.reduce((n, [, text]) => n + (text.match(/\bmethod: "(GET|POST|PUT|DELETE)"/g) ?? []).length, 0);
    expect(tableOperations().length).toBe(literals);
  });

  it("names every placeholder of an entry's path template as a path parameter, and no other", () => {
    const problems = tableOperations().flatMap(({ name, spec, file }) => {
      const placeholders = pathPlaceholders(spec.path)
        .filter((p) => p !== "project_id")
        .sort();
      const inPath = Object.entries(spec.params)
        .filter(([, p]) => p.location === "path")
        .map(([n]) => n)
        .sort();
      return placeholders.join() === inPath.join() ? [] : [`${file} ${name}: ${spec.path} has {${placeholders.join("}, {")}}, the table ${inPath.join(", ")}`];
    });
    expect(problems).toEqual([]);
  });

  it("finds the IAM token request in provider/clients/huawei.ts", () => {
    expect(provider.filter((p) => p.file === "provider/clients/huawei.ts").length).toBeGreaterThan(0);
  });
});

describe("every Huawei table parameter agrees with its vendor fact", () => {
  it.each(tableOperations().map((t) => [`${t.name} (${t.spec.method} ${t.spec.path}, ${t.file})`, t] as const))("%s", (_, t) => {
    expect(operationProblems(t.name, t.spec, operationsForTemplate(t.spec.method, t.spec.path))).toEqual([]);
  });
});

describe("the table-versus-facts comparison", () => {
  const fact: HuaweiOperation = {
    api: "dis",
    key: "Op",
    label: "dis.Op",
    method: "PUT",
    path: "/v2/{project_id}/x/{x_name}",
    fact: {
      method: "PUT",
      path: "/v2/{project_id}/x/{x_name}",
      request: {
        path: [
          { name: "project_id", type: "string", required: true },
          { name: "x_name", type: "string", required: true },
        ],
        query: [{ name: "limit", type: "integer" }],
        body: { fields: [{ name: "action", type: "string", required: true, enum: ["start"] }] },
      },
    },
  };
  const spec = (params: RestOperationSpec["params"]): RestOperationSpec => ({
    method: "PUT",
    path: "/v2/{project_id}/x/{x_name}",
    params,
    response: z.unknown(),
    notFoundCodes: [],
  });

  it("rejects a table parameter whose fact disagrees (the comparison can fail)", () => {
    const wrong = spec({
      x_name: { type: "string", location: "query" },
      limit: { type: "boolean", location: "query", required: true },
      action: { type: "string", location: "body", required: true, enum: ["start", "stop"] },
    });
    expect(operationProblems("Op", wrong, [fact])).toEqual([
      "Op (dis.Op): query x_name is in the table but not among the fact's query parameters",
      "Op (dis.Op): query limit: the table type boolean is not the fact's integer",
      "Op (dis.Op): query limit: the table requires it, the fact does not",
      "Op (dis.Op): body action: the table's value stop is not one of the fact's",
      "Op (dis.Op): path x_name: the fact requires it, the table lacks it",
    ]);
    expect(operationProblems("Op", wrong, [])).toEqual(["Op: no vendor fact has its method and path"]);
  });

  it("accepts a table that says what the fact says", () => {
    const right = spec({
      x_name: { type: "string", location: "path", required: true },
      limit: { type: "integer", location: "query" },
      action: { type: "string", location: "body", required: true, enum: ["start"] },
    });
    expect(operationProblems("Op", right, [fact])).toEqual([]);
  });
});

describe("every Huawei operation the provider calls has a vendor fact", () => {
  it.each(provider.map((p) => [`${p.name} (${p.method ?? "built by hand"} ${p.path ?? ""}, ${p.file})`, p] as const))("%s", (_, p) => {
    const handBuilt = p.file === "provider/clients/huawei.ts";
    if (!handBuilt) expect(p.method !== undefined && p.path !== undefined, `the method or path of ${p.name} could not be read from ${p.file}`).toBe(true);
    const candidates = handBuilt
      ? // The token request is built by hand and named after the SDK's operation; its wire form is checked in huawei-client-requests.
        huaweiOperations().filter((op) => op.key === p.name)
      : operationsForTemplate(p.method ?? "", p.path ?? "");
    expect(uncovered(`provider operation ${p.name}`, candidates)).toBeUndefined();
  });
});

describe("every Huawei route the emulator serves has a vendor fact", () => {
  it("reads the routes of every Huawei service factory in emulator/services", () => {
    expect(unlistedServiceFactories()).toEqual([]);
    expect(new Set(routes.map((r) => r.product))).toEqual(new Set(["dis", "dms", "eg", "iam"]));
  });

  it.each(routes.map((r) => [`${r.method} ${r.path} (${r.operation}, ${r.factory})`, r] as const))("%s", (_, r) => {
    expect(uncovered(`emulator route ${r.operation}`, operationsForTemplate(r.method, r.path))).toBeUndefined();
  });
});
