import { describe, expect, it } from "vitest";
import { huaweiSettings } from "../../provider/settings";
import { config, isolateSettings } from "../helpers/settings";

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
