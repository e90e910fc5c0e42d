/**
 * What `review` reads from a preview's engine events (violations, counts, errors), how it picks an
 * environment's policy config, and how it names a resource from its URN.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { changesOf, countsOf, environmentOf, errorsOf, levelOf, policyConfigFor, resourceOf, violationsOf } from "../../../cli/review";
import { DEV_EVENTS, LOOPS, PROD_EVENTS, RULE, urn } from "./_review-fixture";

describe("reading the preview's events", () => {
  it("takes one violation per policy event, without the policy's description line", () => {
    const descriptions = new Map([[RULE, "A DwsTransferTask may tolerate only a bounded number of bad rows per load."]]);
    expect(violationsOf(PROD_EVENTS, descriptions)).toEqual([
      {
        policyName: RULE,
        policyPackName: "streamjobs",
        level: "mandatory",
        message: 'DwsTransferTask "dump": options.rejectLimit is 5000 | "unlimited"; set rejectLimit to 100 or less.',
        resourceUrn: urn("prod", "dump"),
      },
      {
        policyName: LOOPS,
        policyPackName: "streamjobs",
        level: "mandatory",
        // No description known for this policy: the engine's message is kept whole.
        message:
          'EventRouterJobs may not copy a topic back to itself: messages in such a loop are copied without end.\nEventRouterJobs "a" and "b" copy topic "orders" around a loop.',
      },
    ]);
    expect(violationsOf(DEV_EVENTS).map((v) => v.level)).toEqual(["advisory"]);
  });

  it("maps the engine's levels (advisory, or the typings' warning) to the pack's", () => {
    expect(["advisory", "warning", "mandatory", "remediate"].map(levelOf)).toEqual(["advisory", "advisory", "mandatory", "remediate"]);
  });

  it("counts the plan from the summary event, zero for a missing kind or summary", () => {
    expect(countsOf(changesOf(PROD_EVENTS))).toEqual({ create: 0, update: 1, replace: 1, delete: 2, same: 3 });
    expect(countsOf(changesOf([]))).toEqual({ create: 0, update: 0, replace: 0, delete: 0, same: 0 });
  });

  it("collects the error diagnostics, without colour codes", () => {
    const colored = { sequence: 9, timestamp: 0, diagnosticEvent: { message: "<{%reset%}>boom<{%reset%}>\n", color: "raw", severity: "error" as const } };
    expect(errorsOf([...PROD_EVENTS, colored])).toEqual(["preview failed: 2 policy violations", "boom"]);
    expect(errorsOf(DEV_EVENTS)).toEqual([]);
  });
});

describe("an environment's policy config", () => {
  const pack = mkdtempSync(join(tmpdir(), "review-pack-"));
  mkdirSync(join(pack, "config"));
  writeFileSync(join(pack, "config", "prod.json"), "{}");
  const custom = join(pack, "custom.json");
  writeFileSync(custom, "{}");

  it("is the explicit mapping, else the pack's config/<env>.json, else none", () => {
    expect(policyConfigFor("prod", { policyPack: pack, policyConfigs: { prod: custom } })).toBe(custom);
    expect(policyConfigFor("prod", { policyPack: pack, policyConfigs: {} })).toBe(join(pack, "config", "prod.json"));
    expect(policyConfigFor("dev", { policyPack: pack, policyConfigs: {} })).toBeUndefined();
  });

  it("rejects a mapping to a missing file", () => {
    expect(() => policyConfigFor("dev", { policyPack: pack, policyConfigs: { dev: join(pack, "nope.json") } })).toThrow(/policy config for dev not found/);
  });

  it("is named by the stack name's last segment", () => {
    expect([environmentOf("acme/shop/prod"), environmentOf("dev")]).toEqual(["prod", "dev"]);
  });
});

describe("resourceOf", () => {
  it("takes the name and innermost type of a URN", () => {
    expect(resourceOf(urn("dev", "dump"))).toEqual({ name: "dump", type: "pulumi-nodejs:dynamic/huaweicloud:DwsTransferTask" });
    expect(resourceOf("urn:pulumi:dev::shop::pulumi:pulumi:Stack::shop-dev")).toEqual({ name: "shop-dev", type: "pulumi:pulumi:Stack" });
  });
});
