/**
 * The Alibaba region from stack config or the environment: it stands in for a resource's regionId,
 * so it passes the same rule. Outcomes come from the one case table of the gpdb value rules
 * (test/fixtures/alibaba/gpdb-value-rules.cases.json), whose expectations are the vendor facts'.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { alibabaSettings } from "../../provider/settings";
import { config, isolateSettings } from "../helpers/settings";

const ENV = [
  "ALIBABA_CLOUD_ACCESS_KEY_ID",
  "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
  "ALIBABA_CLOUD_REGION_ID",
  "ALIBABA_CLOUD_SECURITY_TOKEN",
  "ALIBABA_CLOUD_ENDPOINT",
];
isolateSettings(ENV);

const keys = { "alicloud:accessKey": "LTAIexample", "alicloud:secretKey": "example-secret" };

interface ValueCase {
  readonly property: string;
  readonly value: string;
  readonly vendor: "accepts" | "refuses";
}
const regionCases = (
  JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "alibaba", "gpdb-value-rules.cases.json"), "utf8")) as { cases: ValueCase[] }
).cases.filter((c) => c.property === "regionId");

describe("Alibaba settings: the region", () => {
  it("has region cases to run", () => {
    expect(regionCases.filter((c) => c.vendor === "accepts").length).toBeGreaterThan(0);
    expect(regionCases.filter((c) => c.vendor === "refuses").length).toBeGreaterThan(0);
  });

  it.each(regionCases.filter((c) => c.vendor === "accepts").map((c) => [c.value]))("accepts alicloud:region %s", (region) => {
    config({ ...keys, "alicloud:region": region });
    expect(alibabaSettings().region).toBe(region);
  });

  it.each(regionCases.filter((c) => c.vendor === "refuses").map((c) => [JSON.stringify(c.value), c.value]))(
    "rejects alicloud:region %s, naming the setting and the fix",
    (_shown, region) => {
      config({ ...keys, "alicloud:region": region });
      expect(() => alibabaSettings()).toThrow(
        /^The Alibaba Cloud region \(stack config alicloud:region, or ALIBABA_CLOUD_REGION_ID\) must be an Alibaba Cloud region id: .+`pulumi config set alicloud:region /,
      );
    },
  );

  it("rejects a malformed ALIBABA_CLOUD_REGION_ID the same way", () => {
    config(keys);
    process.env.ALIBABA_CLOUD_REGION_ID = "CN-HANGZHOU";
    expect(() => alibabaSettings()).toThrow('got "CN-HANGZHOU"');
  });

  it("leaves the region unset when none is configured (the central endpoint serves it)", () => {
    config(keys);
    expect(alibabaSettings().region).toBeUndefined();
  });
});
