import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { RESOURCE_KINDS } from "../../../provider/kinds";
import { secretKeysInput, serializedProvider } from "../../../sdk/shim";

describe("the serialized provider", () => {
  it.each(RESOURCE_KINDS)("stays under 800 bytes, requires the runtime by package name and captures no secret (%s)", (kind) => {
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = "must-never-be-captured";
    const text = serializedProvider(kind);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(800);
    expect(text).not.toMatch(/require\(["']\.\.?\//);
    expect(text).toContain('require("pulumi-streamjobs/provider")');
    expect(text).toContain(JSON.stringify(kind));
    expect(text).not.toContain("must-never-be-captured");
  });

  it.each(RESOURCE_KINDS)("loads as the dynamic provider host loads it, into a provider of the kind's seven methods (%s)", async (kind) => {
    // The host evaluates the text as a module and calls its handler (@pulumi/pulumi's dynamic provider).
    const requireFromString = require("require-from-string") as (code: string) => { handler: () => Record<string, unknown> };
    const provider = requireFromString(serializedProvider(kind)).handler();
    expect(Object.keys(provider).sort()).toEqual(["check", "configure", "create", "delete", "diff", "read", "update"]);
    const check = provider.check as (olds: object, news: object) => Promise<{ failures: unknown[] }>;
    // An empty program fails the kind's own check (its required inputs), so the dispatch reached it.
    expect((await check({}, {})).failures.length).toBeGreaterThan(0);
  });
});

/** Resolves an input to its plain value and whether any part of it was secret. */
async function settle(v: unknown): Promise<{ value: unknown; secret: boolean }> {
  const o = pulumi.output(v as pulumi.Input<Record<string, unknown> | string>) as pulumi.Output<unknown>;
  const secret = await (o as unknown as { isSecret: Promise<boolean> }).isSecret;
  return { value: await new Promise((r) => o.apply(r)), secret };
}

describe("secretKeysInput", () => {
  it("makes the values under the keys secret at any depth, outputs and promises included, and nothing else", async () => {
    const config = { sourceKafka: { region: "r", password: "p1" }, nested: pulumi.output({ sink: Promise.resolve({ password: "p2", alias: "a" }) }) };
    const wrapped = secretKeysInput(config, ["password"]) as Record<string, unknown>;
    const source = wrapped.sourceKafka as Record<string, unknown>;
    expect(source.region).toBe("r");
    expect(pulumi.Output.isInstance(source.password)).toBe(true);
    expect(await settle(source.password)).toEqual({ value: "p1", secret: true });
    // Behind an output, the block resolves with its password secret, which makes the whole output
    // secret when the engine serializes it (a secret inside an output taints the output).
    expect(await settle(wrapped.nested)).toEqual({ value: { sink: { password: "p2", alias: "a" } }, secret: true });
    expect(await settle(config.nested)).toEqual({ value: { sink: { password: "p2", alias: "a" } }, secret: false });
  });

  it("leaves an unset input unset and a block without the key as it was", () => {
    expect(secretKeysInput(undefined, ["password"])).toBeUndefined();
    expect(secretKeysInput({ a: { userName: "u" } }, ["password"])).toEqual({ a: { userName: "u" } });
  });
});
