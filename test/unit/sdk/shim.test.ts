import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { RESOURCE_KINDS } from "../../../provider/kinds";
import { providerFor, secretKeysInput } from "../../../sdk/shim";

describe("the serialized provider shim", () => {
  it.each(RESOURCE_KINDS)("stays under 4 KB, requires the runtime by package name and captures no secret (%s)", async (kind) => {
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = "must-never-be-captured";
    const provider = providerFor(kind);
    const sf = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
    expect(sf.text.length).toBeLessThan(4_000);
    expect(sf.containsSecrets).toBe(false);
    expect(sf.text).not.toMatch(/require\(["']\.\.?\//);
    expect(sf.text).toContain('require("pulumi-streamjobs/provider")');
    expect(sf.text).toContain(JSON.stringify(kind));
    expect(sf.text).not.toContain("must-never-be-captured");
  });

  it("returns one provider object per kind, so the engine serializes it once", () => {
    expect(providerFor("alicloud:StreamingJob")).toBe(providerFor("alicloud:StreamingJob"));
    expect(providerFor("alicloud:StreamingJob")).not.toBe(providerFor("alicloud:StreamingDataSource"));
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
