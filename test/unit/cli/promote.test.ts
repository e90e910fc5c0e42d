/** `promote`'s arguments and what it reads from a preview's events as the resources it would change. */
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { changesIn, parsePromoteArgs } from "../../../cli/promote";

const pre = (op: string, type: string, name: string) =>
  ({ sequence: 1, timestamp: 1, resourcePreEvent: { metadata: { op, type, urn: `urn:pulumi:prod::p::${type}::${name}` } } }) as unknown as EngineEvent;

describe("parsePromoteArgs", () => {
  it("takes the stacks, durations and flags, resolving paths", () => {
    expect(
      parsePromoteArgs(["--from", "staging", "--to", "prod", "--min-soak", "10m", "--dry-run", "--policy-config", "prod=p.json", "--cwd", "x"], "/pack"),
    ).toEqual({
      from: "staging",
      to: "prod",
      cwd: resolve("x"),
      policyPack: "/pack",
      policyConfigs: { prod: resolve("p.json") },
      minSoakMs: 600_000,
      waitMs: 300_000,
      allowDirty: false,
      dryRun: true,
    });
  });

  it("refuses a missing or repeated stack, a bad duration and a stray argument", () => {
    expect(() => parsePromoteArgs(["--from", "staging"], "/p")).toThrow(/--to/);
    expect(() => parsePromoteArgs(["--from", "a", "--to", "a"], "/p")).toThrow(/same stack/);
    expect(() => parsePromoteArgs(["--from", "a", "--to", "b", "--wait", "soon"], "/p")).toThrow(/a duration is like/);
    expect(() => parsePromoteArgs(["--from", "a", "--to", "b", "x"], "/p")).toThrow(/unexpected argument x/);
  });
});

describe("changesIn", () => {
  it("lists created, updated, replaced and deleted resources, not providers, the stack or unchanged ones", () => {
    const job = "pulumi-nodejs:dynamic/alicloud:StreamingJob";
    const events = [
      pre("create", "pulumi:providers:pulumi-nodejs", "default"),
      pre("same", "pulumi:pulumi:Stack", "p-prod"),
      pre("same", job, "kept"),
      pre("update", job, "orders"),
      pre("replace", job, "other"),
      pre("refresh", job, "read"),
    ];
    expect(changesIn(events)).toEqual([
      { name: "orders (StreamingJob)", op: "update" },
      { name: "other (StreamingJob)", op: "replace" },
    ]);
  });
});
