import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { RESOURCE_KINDS } from "../../../provider/kinds";
import { providerFor } from "../../../sdk/shim";

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
