/**
 * Coverage of the Huawei facts: every operation the provider calls (read from provider/apis and
 * the IAM token request in provider/clients/huawei.ts) and every route the emulator serves (read
 * from its service modules' route tables) has a vendor fact in test/conformance/facts/
 * {dis,dms,eventrouter,iam}.json, matched by method and path template. A fact without request
 * and response content counts as missing: it cannot serve as an oracle.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type HuaweiOperation, huaweiOperations, missingContent, operationsForTemplate } from "./huawei-facts";
import { emulatorRoutes, providerOperations, unlistedServiceFactories } from "./huawei-sources";

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

describe("the provider's Huawei operations are read from its source", () => {
  it("finds a method and a path for every request literal in provider/apis/huawei-*.ts", () => {
    const dir = join(__dirname, "..", "..", "provider", "apis");
    const literals = readdirSync(dir)
      .filter((f) => /^huawei-.*\.ts$/.test(f))
      // Every request literal names exactly one HTTP method.
      .reduce((n, f) => n + (readFileSync(join(dir, f), "utf8").match(/\bmethod: "(GET|POST|PUT|DELETE)"/g) ?? []).length, 0);
    const fromApis = provider.filter((p) => p.file.startsWith("provider/apis/"));
    expect(fromApis.length).toBe(literals);
    expect(fromApis.filter((p) => p.method === undefined || p.path === undefined).map((p) => `${p.file}: ${p.name}`)).toEqual([]);
  });

  it("finds the IAM token request in provider/clients/huawei.ts", () => {
    expect(provider.filter((p) => p.file === "provider/clients/huawei.ts").length).toBeGreaterThan(0);
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
