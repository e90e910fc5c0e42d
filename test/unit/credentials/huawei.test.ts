/**
 * Which Huawei credential source the chain picks, from configuration alone, in the Terraform
 * provider's order (static AK/SK, shared config profile, IAM password, ECS agency metadata, then an
 * agency assumed on top): the profile file's shape (AK/SK and SSO modes, current profile, region
 * and project), the ECS detection, the agency's settings, and the error listing what was tried.
 * No message, and nothing written to the console, carries a planted secret.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { agencySettings, assumeAgency, huaweiBase, huaweiProfile } from "../../../provider/credentials/huawei";
import { type Read, clearCredentialCache, staticSource } from "../../../provider/credentials/source";

const SECRET = "planted-Zq7-secret";
let home: string;
let values: Record<string, string>;
const read: Read = (key, envs) => (key !== undefined ? values[key] : undefined) ?? envs.map((e) => values[e]).find((x) => x !== undefined && x !== "");
const io = () => ({ home, dmiDir: home });
const profile = () => huaweiProfile(read, io());
const base = (password = false) => huaweiBase(read, profile(), password, io());
const sourceName = (password = false) => {
  const b = base(password);
  return b.kind === "source" ? b.source.name : b.kind;
};

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), "huawei-chain-"));
  values = {};
  clearCredentialCache();
});

const sharedConfig = (conf: unknown) => {
  mkdirSync(join(home, ".hcloud"), { recursive: true });
  writeFileSync(join(home, ".hcloud", "config.json"), typeof conf === "string" ? conf : JSON.stringify(conf));
};
const PROFILES = {
  current: "dev",
  profiles: [
    {
      name: "dev",
      mode: "AKSK",
      accessKeyId: "dev-ak",
      secretAccessKey: SECRET,
      region: "cn-east-3",
      projectId: "p-dev",
      agencyName: "ag",
      agencyDomainName: "acme",
    },
    { name: "sso", mode: "SSO", ssoAuth: { stsToken: { accessKeyId: "sso-ak", secretAccessKey: "sso-sk", securityToken: "sso-token" } } },
    { name: "empty", mode: "AKSK" },
  ],
};

describe("precedence", () => {
  it("takes static keys over a profile, a profile over IAM password, and password over metadata", () => {
    sharedConfig(PROFILES);
    writeFileSync(join(home, "chassis_asset_tag"), "HUAWEICLOUD\n");
    Object.assign(values, { HW_PROFILE: "dev", HW_ACCESS_KEY: "ak", HW_SECRET_KEY: "sk" });
    expect(sourceName(true)).toBe("static AK/SK");
    values = { HW_PROFILE: "dev" };
    expect(sourceName(true)).toMatch(/^keys of profile dev \(.*config\.json\)$/);
    values = {};
    expect(sourceName(true)).toBe("password");
    expect(sourceName(false)).toBe("ECS agency (metadata at 169.254.169.254)");
  });

  it("sends a static security token with static keys", async () => {
    Object.assign(values, { "huaweicloud:accessKey": "ak", HW_SECRET_KEY: "sk", HW_SECURITY_TOKEN: "tok" });
    const b = base();
    expect(b.kind === "source" && b.staticKeys).toEqual({ accessKeyId: "ak", accessKeySecret: "sk", securityToken: "tok" });
  });

  it("asks the metadata service only on a Huawei Cloud ECS or with its endpoint set", () => {
    expect(() => base()).toThrow(/ECS agency metadata: not on a Huawei Cloud ECS/);
    values.HW_METADATA_ENDPOINT = "http://127.0.0.1:1";
    expect(sourceName()).toBe("ECS agency (metadata at 127.0.0.1:1)");
  });
});

describe("the shared config file", () => {
  it("is read only when a file or a profile is configured, as the Terraform provider does", () => {
    sharedConfig(PROFILES);
    expect(profile()).toBeUndefined();
    values["huaweicloud:sharedConfigFile"] = join(home, ".hcloud", "config.json");
    expect(profile()).toMatchObject({ name: "dev", region: "cn-east-3", projectId: "p-dev", agencyName: "ag", agencyDomainName: "acme" });
  });

  it("reads an SSO profile's STS token", () => {
    sharedConfig(PROFILES);
    values["huaweicloud:profile"] = "sso";
    expect(profile()?.keys).toEqual({ accessKeyId: "sso-ak", accessKeySecret: "sso-sk", securityToken: "sso-token" });
  });

  it("refuses a missing file, a missing profile and an unreadable file, never quoting the file", () => {
    values.HW_PROFILE = "dev";
    expect(() => profile()).toThrow(/shared config file .*config\.json does not exist/);
    sharedConfig(PROFILES);
    values.HW_PROFILE = "prod";
    expect(() => profile()).toThrow(/no profile prod \(it has dev, sso, empty\)/);
    sharedConfig(`{"profiles":[{"secretAccessKey":"${SECRET}"`);
    expect(() => profile()).toThrow(/cannot be read as JSON\.$/);
  });

  it("goes on to the next source when the profile has no keys, saying so", () => {
    sharedConfig(PROFILES);
    values.HW_PROFILE = "empty";
    expect(() => base()).toThrow(/shared config profile empty: has no accessKeyId\/secretAccessKey/);
  });
});

describe("the agency to assume", () => {
  it("comes from huaweicloud:assumeRole, the HW_ASSUME_ROLE_* variables or the profile, 12 hours unless set", () => {
    values["huaweicloud:assumeRole"] = JSON.stringify({ agencyName: "a1", domainName: "d1", duration: 900 });
    expect(agencySettings(read, undefined)).toEqual({ agencyName: "a1", domainName: "d1", durationSeconds: 900 });
    values = { HW_ASSUME_ROLE_AGENCY_NAME: "a2", HW_ASSUME_ROLE_DOMAIN_NAME: "d2" };
    expect(agencySettings(read, undefined)).toEqual({ agencyName: "a2", domainName: "d2", durationSeconds: 43_200 });
    sharedConfig(PROFILES);
    values = { HW_PROFILE: "dev" };
    expect(agencySettings(read, profile())).toMatchObject({ agencyName: "ag", domainName: "acme" });
  });

  it("needs the account that owns the agency", () => {
    values.HW_ASSUME_ROLE_AGENCY_NAME = "a";
    expect(() => agencySettings(read, undefined)).toThrow(/agency a: set the account that owns it, huaweicloud:assumeRole\.domainName/);
  });

  it("is assumed with the source it is given, named after both", () => {
    const src = staticSource("static AK/SK", { accessKeyId: "ak", accessKeySecret: SECRET });
    const assumed = assumeAgency(src, { agencyName: "a", domainName: "d", durationSeconds: 900 }, new URL("https://iam.cn-north-4.myhuaweicloud.com"));
    expect(assumed.name).toBe("agency a of d assumed with the static AK/SK");
  });
});

describe("nothing configured", () => {
  it("lists every source it tried, in order", () => {
    expect(() => base()).toThrow(
      /^Huawei Cloud credentials are not configured\. Set the stack config huaweicloud:accessKey .* Tried, in order: static AK\/SK .*: not set; shared config file: neither .*; IAM user\/password .*: not set; ECS agency metadata: not on a Huawei Cloud ECS/,
    );
  });

  it("puts no secret in a message or on the console", () => {
    const spies = (["log", "info", "warn", "error", "debug"] as const).map((m) => vi.spyOn(console, m));
    const messages: string[] = [];
    for (const setup of [
      () => Object.assign(values, { HW_SECRET_KEY: SECRET }),
      () => Object.assign(values, { "huaweicloud:assumeRole": `{"agencyName":"${SECRET}"` }),
      () => {
        values.HW_PROFILE = "x";
        sharedConfig(`{"profiles":[{"name":"x","secretAccessKey":"${SECRET}"}`);
      },
    ]) {
      values = {};
      setup();
      try {
        agencySettings(read, undefined);
        base();
      } catch (e) {
        messages.push(String(e));
      }
    }
    expect(messages).toHaveLength(3);
    for (const m of messages) expect(m).not.toContain("Zq7");
    for (const s of spies) {
      expect(s).not.toHaveBeenCalled();
      s.mockRestore();
    }
  });
});
