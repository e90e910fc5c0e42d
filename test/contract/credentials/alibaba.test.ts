/**
 * The Alibaba credential chain against loopback stand-ins of the ECS metadata service and STS
 * (test/helpers/credential-stand-ins.ts), and the gpdb client signing with what it fetched against
 * the emulator: the IMDSv2 exchange, AssumeRole signed with the source keys, AssumeRoleWithOIDC
 * with a token file read at each renewal, a CLI profile, and renewal before expiry.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, DEMO_DB_INSTANCE_ID, DEMO_REGION_ID, type RunningEmulator, startEmulator } from "../../../emulator";
import { gpdb } from "../../../provider/apis/alibaba-gpdb";
import { AlibabaRpcClient } from "../../../provider/clients/alibaba";
import { clearCredentialCache } from "../../../provider/credentials/source";
import { alibabaSettings, setCredentialChainIo } from "../../../provider/settings";
import { ALIBABA_METADATA_TOKEN, type StandIn, alibabaMetadata, alibabaSts } from "../../helpers/credential-stand-ins";
import { config, isolateSettings } from "../../helpers/settings";

const ENV = [
  "ALIBABA_CLOUD_ACCESS_KEY_ID",
  "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
  "ALIBABA_CLOUD_SECURITY_TOKEN",
  "ALICLOUD_ACCESS_KEY",
  "ALICLOUD_SECRET_KEY",
  "ALIBABA_CLOUD_ROLE_ARN",
  "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
  "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
  "ALIBABA_CLOUD_ROLE_SESSION_NAME",
  "ALIBABA_CLOUD_PROFILE",
  "ALICLOUD_PROFILE",
  "ALIBABA_CLOUD_CONFIG_FILE",
  "ALICLOUD_SHARED_CREDENTIALS_FILE",
  "ALIBABA_CLOUD_ECS_METADATA",
  "ALIBABA_CLOUD_ECS_METADATA_ENDPOINT",
  "ALIBABA_CLOUD_ECS_METADATA_DISABLED",
  "ALIBABA_CLOUD_STS_ENDPOINT",
  "ALICLOUD_ASSUME_ROLE_ARN",
  "ALIBABA_CLOUD_ENDPOINT",
  "STREAMJOBS_ENDPOINT",
];
isolateSettings(ENV);

const ROLE = "streamjobs-deployer";
const ROLE_ARN = "acs:ram::1234567890123456:role/deployer";
const SOURCE = { id: "LTAIsourceKey", secret: "source-secret-Zq7" };
const OIDC_TOKEN = "eyJ.oidc-token-Zq7.sig";

let emu: RunningEmulator;
let metadata: StandIn;
let sts: StandIn;
let home: string;

beforeAll(async () => {
  emu = await startEmulator({ log: () => {} });
  metadata = await alibabaMetadata(ROLE, { id: DEMO_ACCESS_KEY_ID, secret: DEMO_ACCESS_KEY_SECRET });
  sts = await alibabaSts({ [SOURCE.id]: SOURCE.secret }, OIDC_TOKEN);
});
afterAll(async () => {
  await Promise.all([emu.close(), metadata.close(), sts.close()]);
});
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), "alibaba-credentials-"));
  setCredentialChainIo({ home, dmiDir: home });
  clearCredentialCache();
  for (const s of [metadata, sts]) {
    s.requests.length = 0;
    s.issued = 0;
    s.lifetimeSeconds = 3600;
  }
});
afterEach(() => setCredentialChainIo({}));

const listJobs = (client: AlibabaRpcClient<typeof gpdb>) => client.call("ListStreamingJobs", { DBInstanceId: DEMO_DB_INSTANCE_ID });

describe("ECS RAM role from the metadata service", () => {
  it("asks for an IMDSv2 session token, finds the attached role, and signs API calls with the role's keys", async () => {
    process.env.ALIBABA_CLOUD_ECS_METADATA_ENDPOINT = metadata.url;
    config({ "alicloud:endpoint": emu.url });
    const settings = alibabaSettings();
    expect(settings.accessKeyId).toBeUndefined();
    const client = new AlibabaRpcClient(gpdb, { settings, region: DEMO_REGION_ID });
    await expect(listJobs(client)).resolves.toHaveProperty("JobItems");
    expect(metadata.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "PUT /latest/api/token",
      "GET /latest/meta-data/ram/security-credentials/",
      `GET /latest/meta-data/ram/security-credentials/${ROLE}`,
    ]);
    expect(metadata.requests[0]?.headers["x-aliyun-ecs-metadata-token-ttl-seconds"]).toBe("21600");
    expect(metadata.requests.slice(1).every((r) => r.headers["x-aliyun-ecs-metadata-token"] === ALIBABA_METADATA_TOKEN)).toBe(true);
  });

  it("sends the role's security token as a signed x-acs-security-token header", async () => {
    // The STS stand-in records any request (and refuses one without an STS action).
    process.env.ALIBABA_CLOUD_ECS_METADATA_ENDPOINT = metadata.url;
    config({ "alicloud:endpoint": sts.url });
    const client = new AlibabaRpcClient(gpdb, {
      settings: alibabaSettings(),
      region: DEMO_REGION_ID,
      retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
    });
    await expect(listJobs(client)).rejects.toThrow(/InvalidAction\.NotFound/);
    const sent = sts.requests[0];
    expect(sent?.headers["x-acs-security-token"]).toBe("ecs-token-1");
    expect(String(sent?.headers.authorization)).toMatch(
      new RegExp(`^ACS3-HMAC-SHA256 Credential=${DEMO_ACCESS_KEY_ID},SignedHeaders=[^,]*x-acs-security-token`),
    );
  });

  it("renews keys that expire within 3 minutes before the next call, and keeps keys that do not", async () => {
    process.env.ALIBABA_CLOUD_ECS_METADATA = ROLE;
    process.env.ALIBABA_CLOUD_ECS_METADATA_ENDPOINT = metadata.url;
    config({ "alicloud:endpoint": emu.url });
    const client = new AlibabaRpcClient(gpdb, { settings: alibabaSettings(), region: DEMO_REGION_ID });
    metadata.lifetimeSeconds = 120;
    await listJobs(client);
    await listJobs(client);
    expect(metadata.issued).toBe(2);
    metadata.lifetimeSeconds = 3600;
    await listJobs(client);
    await listJobs(client);
    await listJobs(new AlibabaRpcClient(gpdb, { settings: alibabaSettings(), region: DEMO_REGION_ID }));
    expect(metadata.issued).toBe(3);
    // The role was named, so its list is never asked for.
    expect(metadata.requests.some((r) => r.path.endsWith("/security-credentials/"))).toBe(false);
  });

  it("reports a metadata service that refuses, naming the source and status only", async () => {
    process.env.ALIBABA_CLOUD_ECS_METADATA = "no-such-role";
    process.env.ALIBABA_CLOUD_ECS_METADATA_ENDPOINT = metadata.url;
    await expect(alibabaSettings().credentials?.credentials()).rejects.toThrow(/^ECS metadata credentials of RAM role no-such-role failed: HTTP 404$/);
  });
});

describe("STS AssumeRole with the source credentials", () => {
  const assumeRole = JSON.stringify({ roleArn: ROLE_ARN, sessionName: "ci-run-7", sessionExpiration: 900 });

  it("signs AssumeRole with the static keys and returns the role's temporary keys", async () => {
    config({ "alicloud:accessKey": SOURCE.id, "alicloud:secretKey": SOURCE.secret, "alicloud:assumeRole": assumeRole, "alicloud:stsEndpoint": sts.url });
    const settings = alibabaSettings();
    expect(settings.accessKeyId).toBeUndefined();
    await expect(settings.credentials?.credentials()).resolves.toMatchObject({
      accessKeyId: "sts-1",
      accessKeySecret: "sts-secret-1",
      securityToken: "sts-token-1",
    });
    const form = Object.fromEntries(new URLSearchParams(sts.requests[0]?.body));
    expect(form).toEqual({ RoleArn: ROLE_ARN, RoleSessionName: "ci-run-7", DurationSeconds: "900" });
  });

  it("fails with STS's code and request id, and without the secret, when the signature is wrong", async () => {
    config({ "alicloud:accessKey": SOURCE.id, "alicloud:secretKey": "wrong-secret-Zq7", "alicloud:assumeRole": assumeRole, "alicloud:stsEndpoint": sts.url });
    const err = await alibabaSettings()
      .credentials?.credentials()
      .catch((e: Error) => e);
    expect(String(err)).toMatch(/STS AssumeRole at 127\.0\.0\.1:\d+ failed: HTTP 400 SignatureDoesNotMatch: .*\(request id req-1\)/);
    expect(String(err)).not.toContain("Zq7");
  });

  it("assumes the role with the ECS role's keys, sending their security token", async () => {
    // The stand-in STS knows only SOURCE's secret: hand that pair out from the metadata service.
    const ecs = await alibabaMetadata(ROLE, SOURCE);
    try {
      Object.assign(process.env, { ALIBABA_CLOUD_ECS_METADATA_ENDPOINT: ecs.url, ALICLOUD_ASSUME_ROLE_ARN: ROLE_ARN, ALIBABA_CLOUD_STS_ENDPOINT: sts.url });
      await expect(alibabaSettings().credentials?.credentials()).resolves.toMatchObject({ accessKeyId: "sts-1" });
      expect(new URL(sts.requests[0]?.path ?? "", "http://x").searchParams.get("SecurityToken")).toBe("ecs-token-1");
    } finally {
      await ecs.close();
    }
  });
});

describe("OIDC role assumption", () => {
  it("sends the token file's content, unsigned, and reads the file again at each renewal", async () => {
    const tokenFile = join(home, "token");
    writeFileSync(tokenFile, `${OIDC_TOKEN}\n`);
    Object.assign(process.env, {
      ALIBABA_CLOUD_ROLE_ARN: ROLE_ARN,
      ALIBABA_CLOUD_OIDC_PROVIDER_ARN: "acs:ram::1234567890123456:oidc-provider/ack",
      ALIBABA_CLOUD_OIDC_TOKEN_FILE: tokenFile,
      ALIBABA_CLOUD_STS_ENDPOINT: sts.url,
    });
    // Keys that are already expired: every use renews them.
    sts.lifetimeSeconds = 0;
    const source = alibabaSettings().credentials;
    await expect(source?.credentials()).resolves.toMatchObject({ accessKeyId: "sts-1" });
    const first = sts.requests[0];
    expect(new URL(first?.path ?? "", "http://x").searchParams.get("Action")).toBe("AssumeRoleWithOIDC");
    expect(new URL(first?.path ?? "", "http://x").searchParams.has("Signature")).toBe(false);
    expect(new URLSearchParams(first?.body).get("OIDCToken")).toBe(OIDC_TOKEN);

    await expect(source?.credentials()).resolves.toMatchObject({ accessKeyId: "sts-2" });
    // A token the issuer rotated to one STS refuses: the renewal sends the file's new content.
    writeFileSync(tokenFile, "rotated-token-Zq7");
    const err = await source?.credentials().catch((e: Error) => e);
    // The stand-in quotes the token it refused; the message must not.
    expect(String(err)).toMatch(/AuthenticationFail\.OIDCToken\.Invalid/);
    expect(String(err)).not.toContain("rotated-token-Zq7");
  });
});

describe("the Alibaba CLI's config file", () => {
  it("assumes the role of a RamRoleArn profile chosen by ALIBABA_CLOUD_PROFILE", async () => {
    const profiles = [
      { name: "default", mode: "AK", access_key_id: "LTAIother", access_key_secret: "other" },
      {
        name: "ci",
        mode: "RamRoleArn",
        access_key_id: SOURCE.id,
        access_key_secret: SOURCE.secret,
        ram_role_arn: ROLE_ARN,
        ram_session_name: "from-profile",
        expired_seconds: 1800,
      },
    ];
    const file = join(home, "config.json");
    writeFileSync(file, JSON.stringify({ current: "default", profiles }));
    Object.assign(process.env, { ALIBABA_CLOUD_PROFILE: "ci", ALIBABA_CLOUD_CONFIG_FILE: file, ALIBABA_CLOUD_STS_ENDPOINT: sts.url });
    await expect(alibabaSettings().credentials?.credentials()).resolves.toMatchObject({ accessKeyId: "sts-1" });
    expect(Object.fromEntries(new URLSearchParams(sts.requests[0]?.body))).toEqual({
      RoleArn: ROLE_ARN,
      RoleSessionName: "from-profile",
      DurationSeconds: "1800",
    });
  });
});
