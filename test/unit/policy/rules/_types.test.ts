/**
 * The type tokens the policy pack matches. A rule whose token names no resource would pass every
 * other test and never apply, so: the pack's table (policy/rules/_types.ts) must be the one
 * generated from the provider's resources and agree with the SDK classes, every rule must declare
 * the resources it checks from it, apply to exactly those, and no policy source may spell a token
 * by hand. The expected form of a token, `pulumi-nodejs:dynamic/<module>:<name>`, is what
 * `pulumi.dynamic.Resource` registers.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { policies } from "../../../../policy/rules";
import { TYPES } from "../../../../policy/rules/_types";
import { renderPolicyTypes } from "../../../../provider/field-docs";
import { RESOURCE_KINDS } from "../../../../provider/kinds";
import * as sdk from "../../../../sdk";
import { offlineTask } from "../../../fixtures/dataworks";
import { dwsTask, stream } from "../../../fixtures/dis";
import { kafkaJob } from "../../../fixtures/event-router-job";
import { dataService, dataSource } from "../../../fixtures/streaming-data";
import { basicJob } from "../../../fixtures/streaming-job";
import { type PolicyOutcome, validateResource, validateStack } from "../../../helpers/policy";

const POLICY_DIR = join(__dirname, "../../../../policy");
const TOKENS = RESOURCE_KINDS.map((kind) => `pulumi-nodejs:dynamic/${kind}`);
const tableTokens = (table: Record<string, Record<string, string>>) => Object.values(table).flatMap((names) => Object.values(names));

/** A resource of each type that its rules apply to (the baselines of the rules' own tests). */
const BASELINES: Readonly<Record<string, Record<string, unknown>>> = {
  [TYPES.huaweicloud.EventRouterJob]: kafkaJob,
  [TYPES.huaweicloud.DwsTransferTask]: dwsTask,
  [TYPES.alicloud.DISyncTask]: offlineTask,
  [TYPES.alicloud.StreamingJob]: basicJob,
  [TYPES.alicloud.StreamingDataService]: dataService,
  [TYPES.alicloud.StreamingDataSource]: dataSource,
  [TYPES.huaweicloud.DisStream]: stream,
};

function run(policy: (typeof policies)[number], type: string): Promise<PolicyOutcome> {
  const props = BASELINES[type] ?? {};
  return "validateStack" in policy ? validateStack(policy, [{ type, props }]) : validateResource(policy, { type, props });
}

/** Every .ts file of the pack but the generated table, with its path relative to the pack. */
function packSources(dir = POLICY_DIR, prefix = ""): { path: string; text: string }[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return entry.name === "node_modules" || entry.name === "bin" ? [] : packSources(dir, path);
    return entry.name.endsWith(".ts") && path !== "rules/_types.ts" ? [{ path, text: readFileSync(join(dir, path), "utf8") }] : [];
  });
}

/** String literals in a source that look like a type token or a resource kind. */
function handWrittenTokens(text: string): string[] {
  return [...text.matchAll(/["'`]([^"'`\n]*(?:pulumi-nodejs:dynamic|\b(?:alicloud|huaweicloud):[A-Z])[^"'`\n]*)["'`]/g)].map((m) => m[1] ?? "");
}

describe("the policy pack's type tokens", () => {
  it("are the table generated from the provider's resources (run `npm run docs:fields` after adding one)", () => {
    expect(readFileSync(join(POLICY_DIR, "rules/_types.ts"), "utf8")).toBe(renderPolicyTypes());
  });

  it("name every resource once, as its SDK class registers it", () => {
    expect(tableTokens(TYPES).sort()).toEqual([...TOKENS].sort());
    const classes = Object.entries(sdk).flatMap(([module, exports]) =>
      Object.entries(exports).flatMap(([name, value]) => (typeof value === "function" && "__pulumiType" in value ? [[module, name, value.__pulumiType]] : [])),
    );
    expect(classes.length).toBe(RESOURCE_KINDS.length);
    for (const [module, name, type] of classes)
      expect((TYPES as Record<string, Record<string, string>>)[module as string]?.[name as string], `${module}.${name}`).toBe(type);
  });

  it("are what every rule declares it checks, each the token of a resource of this package", () => {
    for (const p of policies) {
      expect(p.appliesTo.length, p.name).toBeGreaterThan(0);
      for (const type of p.appliesTo) expect(TOKENS, `${p.name} checks ${type}`).toContain(type);
    }
  });

  it.each(policies.map((p) => [p.name, p] as const))("%s applies to exactly the resources it declares", async (_name, p) => {
    for (const type of [...TOKENS, "pulumi-nodejs:dynamic/huaweicloud:NoSuchResource"]) {
      const declared = (p.appliesTo as readonly string[]).includes(type);
      if (declared) expect(BASELINES[type], `a baseline ${type} for this test`).toBeDefined();
      const outcome = await run(p, type);
      if (declared) expect(outcome.notApplicable, `${type} is declared, so the rule must check it`).toBeUndefined();
      else expect(outcome.notApplicable, `${type} is not declared, so the rule must leave it alone`).toBeDefined();
    }
  });

  it("are never written by hand in the pack's sources", () => {
    const found = packSources().flatMap(({ path, text }) => handWrittenTokens(text).map((token) => `${path}: ${token}`));
    expect(found).toEqual([]);
  });

  it("rejects a token written by hand, the way a misspelt rule would carry it", () => {
    expect(handWrittenTokens('if (args.type !== "pulumi-nodejs:dynamic/huaweicloud:DwsTransferTsk") return;')).toEqual([
      "pulumi-nodejs:dynamic/huaweicloud:DwsTransferTsk",
    ]);
    expect(handWrittenTokens("const KIND = 'alicloud:DISyncTask';")).toEqual(["alicloud:DISyncTask"]);
    expect(handWrittenTokens('tags: ["huaweicloud", "dis"], name: "huaweicloud-dis-dwstransfertask-limit-rejected-rows"')).toEqual([]);
  });
});
