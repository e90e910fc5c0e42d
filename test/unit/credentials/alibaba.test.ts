/**
 * Which Alibaba credential source the chain picks, from configuration alone: the precedence of
 * README's "Credentials" section (static keys, OIDC, CLI profile, ECS RAM role, then assume-role on
 * top), pulumi-alicloud's config keys, the CLI profile's modes, the ECS detection, and the error
 * listing what was tried. Nothing here reaches a network: sources are only chosen, not asked.
 * No message, and nothing written to the console, carries a planted secret.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { alibabaCredentials } from "../../../provider/credentials/alibaba";
import { type Read, clearCredentialCache } from "../../../provider/credentials/source";

const SECRET = "planted-Zq7-secret";
let home: string;
let values: Record<string, string>;
const read: Read = (key, envs) => {
  const v = (key !== undefined ? values[key] : undefined) ?? envs.map((e) => values[e]).find((x) => x !== undefined && x !== "");
  return v === "" ? undefined : v;
};
const choose = () => alibabaCredentials(read, { home, dmiDir: home });
const nameOf = () => choose().source.name;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), "alibaba-chain-"));
  values = {};
  clearCredentialCache();
});

const cliConfig = (conf: unknown) => {
  mkdirSync(join(home, ".aliyun"), { recursive: true });
  writeFileSync(join(home, ".aliyun", "config.json"), typeof conf === "string" ? conf : JSON.stringify(conf));
};
const OIDC = {
  ALIBABA_CLOUD_ROLE_ARN: "acs:ram::1:role/r",
  ALIBABA_CLOUD_OIDC_PROVIDER_ARN: "acs:ram::1:oidc-provider/p",
  ALIBABA_CLOUD_OIDC_TOKEN_FILE: "/var/run/token",
};

describe("precedence", () => {
  it("takes stack config keys over the environment's, and either over every other source", async () => {
    cliConfig({ current: "default", profiles: [{ name: "default", mode: "AK", access_key_id: "cli", access_key_secret: "cli" }] });
    Object.assign(values, OIDC, { ALIBABA_CLOUD_ACCESS_KEY_ID: "env-id", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "env-secret", "alicloud:accessKey": "cfg-id" });
    const chosen = choose();
    expect(chosen.staticKeys).toEqual({ accessKeyId: "cfg-id", accessKeySecret: "env-secret" });
    await expect(chosen.source.credentials()).resolves.toEqual({ accessKeyId: "cfg-id", accessKeySecret: "env-secret" });
  });

  it("reads pulumi-alicloud's ALICLOUD_* key variables and a security token", async () => {
    Object.assign(values, { ALICLOUD_ACCESS_KEY: "id", ALICLOUD_SECRET_KEY: "s", ALICLOUD_SECURITY_TOKEN: "t" });
    expect(choose().staticKeys).toEqual({ accessKeyId: "id", accessKeySecret: "s", securityToken: "t" });
  });

  it("takes OIDC before the CLI profile, and the CLI profile before the ECS RAM role", () => {
    cliConfig({ current: "default", profiles: [{ name: "default", mode: "AK", access_key_id: "cli", access_key_secret: "cli" }] });
    writeFileSync(join(home, "product_name"), "Alibaba Cloud ECS\n");
    Object.assign(values, OIDC);
    expect(nameOf()).toBe("OIDC role acs:ram::1:role/r");
    values = {};
    expect(nameOf()).toMatch(/^access key of Alibaba Cloud CLI profile default /);
    values = { ALIBABA_CLOUD_CLI_PROFILE_DISABLED: "true" };
    expect(nameOf()).toMatch(/^ECS RAM role \(metadata at 100\.100\.100\.200\)$/);
  });

  it("reads OIDC from alicloud:assumeRoleWithOidc, the token itself or its file", () => {
    values["alicloud:assumeRoleWithOidc"] = JSON.stringify({ roleArn: "acs:ram::1:role/cfg", oidcProviderArn: "p", oidcToken: SECRET });
    expect(nameOf()).toBe("OIDC role acs:ram::1:role/cfg");
  });

  it("assumes alicloud:assumeRole's role with whatever source the chain found", () => {
    Object.assign(values, {
      "alicloud:accessKey": "id",
      "alicloud:secretKey": SECRET,
      "alicloud:assumeRole": JSON.stringify({ roleArn: "acs:ram::1:role/target" }),
    });
    const chosen = choose();
    expect(chosen.staticKeys).toBeUndefined();
    expect(chosen.source.name).toBe("RAM role acs:ram::1:role/target assumed with the static access key");
    values = { "alicloud:ecsRoleName": "vm-role", ALICLOUD_ASSUME_ROLE_ARN: "acs:ram::1:role/env" };
    expect(nameOf()).toBe("RAM role acs:ram::1:role/env assumed with the ECS RAM role vm-role (metadata at 100.100.100.200)");
  });

  it("refuses a session duration outside 900 to 43200 seconds", () => {
    Object.assign(values, {
      "alicloud:accessKey": "id",
      "alicloud:secretKey": "s",
      ALICLOUD_ASSUME_ROLE_ARN: "r",
      ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION: "60",
    });
    expect(() => choose()).toThrow(/ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION\) must be a whole number of seconds from 900 to 43200; got "60"/);
  });
});

describe("the ECS RAM role", () => {
  it("is asked for only on an ECS instance, with a role name, or with its endpoint set", () => {
    values.ALIBABA_CLOUD_CLI_PROFILE_DISABLED = "true";
    expect(() => choose()).toThrow(/ECS RAM role: not on an Alibaba Cloud ECS instance/);
    values.ALIBABA_CLOUD_ECS_METADATA = "r1";
    expect(nameOf()).toBe("ECS RAM role r1 (metadata at 100.100.100.200)");
    values = { "alicloud:ecsMetadataEndpoint": "http://127.0.0.1:1" };
    expect(nameOf()).toBe("ECS RAM role (metadata at 127.0.0.1:1)");
  });

  it("is never asked for when ALIBABA_CLOUD_ECS_METADATA_DISABLED is true", () => {
    writeFileSync(join(home, "product_name"), "Alibaba Cloud ECS\n");
    values = { ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true", ALIBABA_CLOUD_ECS_METADATA: "r1" };
    expect(() => choose()).toThrow(/ECS RAM role: disabled by ALIBABA_CLOUD_ECS_METADATA_DISABLED/);
  });
});

describe("the CLI profile", () => {
  const profiles = [
    { name: "ak", mode: "AK", access_key_id: "id", access_key_secret: SECRET },
    { name: "sts", mode: "StsToken", access_key_id: "id", access_key_secret: SECRET, sts_token: "tok" },
    { name: "role", mode: "RamRoleArn", access_key_id: "id", access_key_secret: SECRET, ram_role_arn: "acs:ram::1:role/x" },
    { name: "chain", mode: "ChainableRamRoleArn", source_profile: "role", ram_role_arn: "acs:ram::1:role/y" },
    { name: "loop", mode: "ChainableRamRoleArn", source_profile: "loop", ram_role_arn: "acs:ram::1:role/z" },
    { name: "ecs", mode: "EcsRamRole", ram_role_name: "vm-role" },
    { name: "oidc", mode: "OIDC", ram_role_arn: "acs:ram::1:role/o", oidc_provider_arn: "p", oidc_token_file: "/t" },
    { name: "sso", mode: "CloudSSO" },
  ];
  beforeEach(() => cliConfig({ current: "ak", profiles }));

  it.each([
    ["ak", /^access key of Alibaba Cloud CLI profile ak /],
    ["sts", /^STS token of Alibaba Cloud CLI profile sts /],
    ["role", /^RAM role acs:ram::1:role\/x assumed with the access key of Alibaba Cloud CLI profile role /],
    ["chain", /^RAM role acs:ram::1:role\/y assumed with the RAM role acs:ram::1:role\/x assumed with /],
    ["ecs", /^ECS RAM role vm-role /],
    ["oidc", /^OIDC role acs:ram::1:role\/o$/],
  ])("turns mode of profile %s into its source", (name, expected) => {
    values.ALIBABA_CLOUD_PROFILE = name;
    expect(nameOf()).toMatch(expected);
  });

  it("uses the file's current profile unless one is named", async () => {
    await expect(choose().source.credentials()).resolves.toEqual({ accessKeyId: "id", accessKeySecret: SECRET });
  });

  it.each([
    ["sso", /mode CloudSSO is not supported here/],
    ["loop", /its source_profile chain comes back to itself/],
    ["missing", /profile missing .*: no profile of that name in the file \(it has ak, sts, role/],
  ])("refuses profile %s, saying why", (name, expected) => {
    values["alicloud:profile"] = name;
    expect(() => choose()).toThrow(expected);
  });

  it("refuses a named file that does not exist, and an unreadable one without quoting it", () => {
    values["alicloud:sharedCredentialsFile"] = join(home, "absent.json");
    expect(() => choose()).toThrow(/the config file .*absent\.json does not exist/);
    values = {};
    cliConfig(`{"profiles": [{"access_key_secret": "${SECRET}"`);
    expect(() => choose()).toThrow(/config\.json cannot be read as JSON\.$/);
  });
});

describe("nothing configured", () => {
  it("lists every source it tried, in order, and how to set keys", () => {
    expect(() => choose()).toThrow(
      /^Alibaba Cloud credentials are not configured\. Set the stack config alicloud:accessKey and alicloud:secretKey .* Tried, in order: static keys .*: not set; OIDC .*: not set; CLI profile: no config file at .*config\.json; ECS RAM role: not on an Alibaba Cloud ECS instance/,
    );
  });

  it("says when only one of the key pair is set, without printing it", () => {
    values.ALIBABA_CLOUD_ACCESS_KEY_SECRET = SECRET;
    expect(() => choose()).toThrow(/\(only one of the access key id and the secret is set\)/);
  });
});

describe("secrets", () => {
  it("are in no message and on no console output, whatever fails", () => {
    const spies = (["log", "info", "warn", "error", "debug"] as const).map((m) => vi.spyOn(console, m));
    const stderr = vi.spyOn(process.stderr, "write");
    const failures: unknown[] = [];
    const attempt = (setup: () => void) => {
      values = {};
      setup();
      try {
        choose();
      } catch (e) {
        failures.push(e);
      }
    };
    attempt(() => Object.assign(values, { ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET }));
    attempt(() => Object.assign(values, { "alicloud:assumeRole": `{"roleArn": "${SECRET}"` }));
    attempt(() => cliConfig(`{"profiles":[{"name":"x","access_key_secret":"${SECRET}"}`));
    attempt(() => {
      cliConfig({ current: "x", profiles: [{ name: "x", mode: "External", access_key_secret: SECRET }] });
    });
    expect(failures).toHaveLength(4);
    for (const f of failures) expect(String(f)).not.toContain("Zq7");
    for (const s of [...spies, stderr]) {
      expect(s.mock.calls.flat().join(" ")).not.toContain("Zq7");
      s.mockRestore();
    }
  });
});
