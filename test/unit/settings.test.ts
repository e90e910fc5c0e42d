import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { alibabaSettings, huaweiSettings, setConfigSource } from "../../provider/settings";
import { SHARED_RULE_CASES } from "../fixtures/event-router-job";
import { config, isolateSettings } from "../helpers/settings";

/**
 * The Alibaba region from stack config or the environment: it stands in for a resource's regionId,
 * so it passes the same rule. Outcomes come from the one case table of the gpdb value rules
 * (test/fixtures/alibaba/gpdb-value-rules.cases.json), whose expectations are the vendor facts'.
 */
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

const HW_ENV = [
  "HW_ACCESS_KEY",
  "HW_SECRET_KEY",
  "HW_SECURITY_TOKEN",
  "HW_REGION_NAME",
  "HW_PROJECT_ID",
  "HW_DOMAIN_NAME",
  "HW_USER_NAME",
  "HW_USER_PASSWORD",
  "HW_AUTH_URL",
  "HW_ENDPOINT",
  "HW_CLOUD",
  "STREAMJOBS_ENDPOINT",
];
isolateSettings(HW_ENV);

const PROJECT = "5f2c1e0a9b7d4c3e8a6f1b2d3c4e5f60";

describe("Huawei settings", () => {
  it("reads AK/SK, region and project from stack config", () => {
    config({
      "huaweicloud:accessKey": "AK",
      "huaweicloud:secretKey": "SK",
      "huaweicloud:region": "cn-north-4",
      "huaweicloud:projectId": PROJECT,
      "streamjobs:endpoint": "http://127.0.0.1:1",
    });
    expect(huaweiSettings()).toMatchObject({
      accessKey: "AK",
      secretKey: "SK",
      password: undefined,
      region: "cn-north-4",
      projectId: PROJECT,
      endpoint: "http://127.0.0.1:1",
      cloud: "myhuaweicloud.com",
    });
  });

  it("falls back to the HW_* environment variables, and config wins over them", () => {
    Object.assign(process.env, { HW_ACCESS_KEY: "envAK", HW_SECRET_KEY: "envSK", HW_REGION_NAME: "cn-east-3", HW_PROJECT_ID: PROJECT });
    expect(huaweiSettings()).toMatchObject({ accessKey: "envAK", region: "cn-east-3" });
    config({ "huaweicloud:region": "cn-north-4" });
    expect(huaweiSettings().region).toBe("cn-north-4");
  });

  it("uses IAM user/password when no AK/SK is set", () => {
    Object.assign(process.env, {
      HW_DOMAIN_NAME: "acme",
      HW_USER_NAME: "deployer",
      HW_USER_PASSWORD: "pw",
      HW_REGION_NAME: "cn-north-4",
      HW_PROJECT_ID: PROJECT,
    });
    expect(huaweiSettings()).toMatchObject({
      accessKey: undefined,
      password: { domainName: "acme", userName: "deployer", password: "pw", authUrl: undefined },
    });
  });

  it("names the settings to set when credentials, region or project id are missing", () => {
    expect(() => huaweiSettings()).toThrow(
      /Huawei Cloud credentials are not configured\. Set the stack config huaweicloud:accessKey and huaweicloud:secretKey/,
    );
    process.env.HW_ACCESS_KEY = "AK";
    expect(() => huaweiSettings()).toThrow(/Only one of the access key and the secret key is set/);
    process.env.HW_SECRET_KEY = "SK";
    expect(() => huaweiSettings()).toThrow("Huawei Cloud region is not configured. Set the stack config huaweicloud:region");
    process.env.HW_REGION_NAME = "cn-north-4";
    expect(() => huaweiSettings()).toThrow(
      /project id is not configured\. Set the stack config huaweicloud:projectId .* It is never looked up automatically\./,
    );
  });

  it("never puts the secret key or password in its errors", () => {
    Object.assign(process.env, { HW_SECRET_KEY: "very-secret-sk", HW_USER_PASSWORD: "very-secret-pw" });
    const err = (() => {
      try {
        huaweiSettings();
      } catch (e) {
        return String(e);
      }
      return "";
    })();
    expect(err).not.toContain("very-secret");
  });
});

/** The Huawei region passes the same rule as an EventRouterJob endpoint's region (the shared case table). */
describe("huaweicloud:region", () => {
  afterEach(() => setConfigSource(undefined));
  const settingsWith = (region: string) => {
    const values: Record<string, string> = {
      "huaweicloud:accessKey": "AK",
      "huaweicloud:secretKey": "SK",
      "huaweicloud:region": region,
      "huaweicloud:projectId": "5f2c1e0a9b7d4c3e8a6f1b2d3c4e5f60",
    };
    setConfigSource({ get: (k) => values[k] });
    return () => huaweiSettings();
  };

  // The region ends up in every endpoint's host name; the endpoint regions' cases of the shared table apply.
  it.each(SHARED_RULE_CASES.filter((c) => c.sdkPath.at(-1) === "region"))("rejects $what in the words preview uses for an endpoint region", (c) => {
    expect(settingsWith(c.value)).toThrow(
      `The Huawei Cloud region (stack config huaweicloud:region, or HW_REGION_NAME) ${c.words}; got ${JSON.stringify(c.value)}. Set it to the region of your project`,
    );
  });

  it.each(["cn-north-4", "eu-west-101", "roma-dev-1"])("accepts %s", (region) => {
    expect(settingsWith(region)().region).toBe(region);
  });
});

describe("request rates: streamjobs:maxRequestsPerSecond and streamjobs:rateLimits", () => {
  isolateSettings(["STREAMJOBS_MAX_REQUESTS_PER_SECOND", "STREAMJOBS_RATE_LIMITS"]);
  const hw = { "huaweicloud:accessKey": "AK", "huaweicloud:secretKey": "SK", "huaweicloud:region": "cn-north-4", "huaweicloud:projectId": PROJECT };

  it("sets neither when nothing is configured, so each API gets its default", () => {
    config(keys);
    expect(alibabaSettings()).not.toHaveProperty("maxRequestsPerSecond");
    expect(alibabaSettings()).not.toHaveProperty("rateLimits");
  });

  it("reads both for both clouds, from stack config or the environment", () => {
    config({
      ...keys,
      ...hw,
      "streamjobs:maxRequestsPerSecond": "7",
      "streamjobs:rateLimits": '{"gpdb": 3, "dis:CreateStream": {"ratePerSecond": 0.5, "burst": 2}}',
    });
    const limits = { gpdb: { ratePerSecond: 3 }, "dis:CreateStream": { ratePerSecond: 0.5, burst: 2 } };
    expect(alibabaSettings()).toMatchObject({ maxRequestsPerSecond: 7, rateLimits: limits });
    expect(huaweiSettings()).toMatchObject({ maxRequestsPerSecond: 7, rateLimits: limits });
    config({ ...keys });
    Object.assign(process.env, { STREAMJOBS_MAX_REQUESTS_PER_SECOND: "4", STREAMJOBS_RATE_LIMITS: '{"eg": 2}' });
    expect(alibabaSettings()).toMatchObject({ maxRequestsPerSecond: 4, rateLimits: { eg: { ratePerSecond: 2 } } });
  });

  it("ignores a rate that is not a positive number, as before", () => {
    config({ ...keys, "streamjobs:maxRequestsPerSecond": "-1" });
    expect(alibabaSettings()).not.toHaveProperty("maxRequestsPerSecond");
  });

  it.each([
    ["not JSON", "{gpdb: 3}", /is not JSON/],
    ["an array", "[3]", /is not a JSON object/],
    ["a zero rate", '{"gpdb": 0}', /"gpdb": ratePerSecond must be a positive number/],
    ["a fractional burst", '{"gpdb": {"ratePerSecond": 2, "burst": 1.5}}', /burst must be a whole number/],
    ["an unknown field", '{"gpdb": {"rate": 2}}', /unknown field rate/],
  ])("rejects %s in streamjobs:rateLimits, naming the setting and an example", (_what, text, problem) => {
    config({ ...keys, "streamjobs:rateLimits": text });
    expect(() => alibabaSettings()).toThrow(problem);
    expect(() => alibabaSettings()).toThrow(/stack config streamjobs:rateLimits, or STREAMJOBS_RATE_LIMITS.*e\.g\. `\{"gpdb": 5/);
  });
});
