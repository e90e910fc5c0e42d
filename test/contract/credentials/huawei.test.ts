/**
 * The Huawei credential chain against loopback stand-ins of the ECS metadata service and IAM's
 * security-token API (test/helpers/credential-stand-ins.ts), and the DIS client signing with what
 * it fetched against the emulator: the agency's metadata keys (with and without a V2 session
 * token), renewal 10 minutes before expiry, an agency assumed with static or temporary keys, and a
 * shared config profile naming an agency.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEMO_HUAWEI_ACCESS_KEY, DEMO_HUAWEI_PROJECT_ID, DEMO_HUAWEI_SECRET_KEY, type RunningEmulator, startEmulator } from "../../../emulator";
import { HuaweiClient } from "../../../provider/clients/huawei";
import { clearCredentialCache } from "../../../provider/credentials/source";
import { huaweiSettings, setCredentialChainIo } from "../../../provider/settings";
import { HUAWEI_METADATA_TOKEN, type StandIn, huaweiIam, huaweiMetadata } from "../../helpers/credential-stand-ins";
import { config, isolateSettings } from "../../helpers/settings";

isolateSettings([
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
  "HW_PROFILE",
  "HW_SHARED_CONFIG_FILE",
  "HW_METADATA_ENDPOINT",
  "HW_ASSUME_ROLE_AGENCY_NAME",
  "HW_ASSUME_ROLE_DOMAIN_NAME",
  "HW_ASSUME_ROLE_DURATION",
  "STREAMJOBS_ENDPOINT",
]);

const SOURCE = { id: "HWSOURCEAK", secret: "hw-source-sk-Zq7" };
const WHERE = { "huaweicloud:region": "cn-north-4", "huaweicloud:projectId": DEMO_HUAWEI_PROJECT_ID };

let emu: RunningEmulator;
let metadata: StandIn;
let iam: StandIn;
let home: string;

beforeAll(async () => {
  emu = await startEmulator({ log: () => {} });
  metadata = await huaweiMetadata({ id: DEMO_HUAWEI_ACCESS_KEY, secret: DEMO_HUAWEI_SECRET_KEY });
  iam = await huaweiIam({ [SOURCE.id]: SOURCE.secret, [DEMO_HUAWEI_ACCESS_KEY]: DEMO_HUAWEI_SECRET_KEY });
});
afterAll(async () => {
  await Promise.all([emu.close(), metadata.close(), iam.close()]);
});
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), "huawei-credentials-"));
  setCredentialChainIo({ home, dmiDir: home });
  clearCredentialCache();
  for (const s of [metadata, iam]) {
    s.requests.length = 0;
    s.issued = 0;
    s.lifetimeSeconds = 3600;
  }
});
afterEach(() => setCredentialChainIo({}));

const listStreams = (client: HuaweiClient) => client.request({ operation: "ListStreams", method: "GET", path: "/v2/{project_id}/streams" });

describe("ECS agency keys from the metadata service", () => {
  it("signs API calls with the agency's keys and renews them when they expire within 10 minutes", async () => {
    config({ ...WHERE, "huaweicloud:metadataEndpoint": metadata.url, "huaweicloud:endpoint": emu.url });
    const settings = huaweiSettings();
    expect(settings).toMatchObject({ accessKey: undefined, password: undefined });
    const client = new HuaweiClient("dis", { settings });
    metadata.lifetimeSeconds = 300;
    await expect(listStreams(client)).resolves.toMatchObject({ status: 200 });
    await listStreams(client);
    expect(metadata.issued).toBe(2);
    metadata.lifetimeSeconds = 3600;
    await listStreams(client);
    await listStreams(client);
    expect(metadata.issued).toBe(3);
    // Each renewal asks for a V2 session token first and reads the security key with it.
    expect(metadata.requests.map((r) => `${r.method} ${r.path}`)).toEqual(
      Array.from({ length: 3 }, () => ["PUT /meta-data/latest/api/token", "GET /openstack/latest/securitykey"]).flat(),
    );
    expect(metadata.requests.filter((r) => r.method === "GET").every((r) => r.headers["x-metadata-token"] === HUAWEI_METADATA_TOKEN)).toBe(true);
  });

  it("reads the security key without a session token from a metadata service that has no token API", async () => {
    const older = await huaweiMetadata(undefined, { tokens: false });
    try {
      config({ ...WHERE, "huaweicloud:metadataEndpoint": older.url });
      await expect(huaweiSettings().credentials?.credentials()).resolves.toMatchObject({ accessKeyId: "agency-1", securityToken: "agency-token-1" });
      expect(older.requests.map((r) => `${r.method} ${r.path} ${r.headers["x-metadata-token"] ?? "(no token)"}`)).toEqual([
        "PUT /meta-data/latest/api/token (no token)",
        "GET /openstack/latest/securitykey (no token)",
      ]);
    } finally {
      await older.close();
    }
  });

  it("sends the agency's security token as a signed X-Security-Token header", async () => {
    // The IAM stand-in records any request; one for a path it does not serve answers 404.
    config({ ...WHERE, "huaweicloud:metadataEndpoint": metadata.url, "huaweicloud:endpoint": iam.url });
    await expect(
      listStreams(new HuaweiClient("dis", { settings: huaweiSettings(), retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 } })),
    ).rejects.toThrow(/HTTP 404/);
    const sent = iam.requests[0];
    expect(sent?.headers["x-security-token"]).toBe("agency-token-1");
    expect(String(sent?.headers.authorization)).toMatch(new RegExp(`^SDK-HMAC-SHA256 Access=${DEMO_HUAWEI_ACCESS_KEY}, SignedHeaders=[^,]*x-security-token`));
  });
});

describe("an agency assumed through IAM", () => {
  const agency = JSON.stringify({ agencyName: "deploy_agency", domainName: "acme-prod", duration: 3600 });

  it("signs the request with the static keys and returns the agency's temporary keys", async () => {
    config({
      ...WHERE,
      "huaweicloud:accessKey": SOURCE.id,
      "huaweicloud:secretKey": SOURCE.secret,
      "huaweicloud:assumeRole": agency,
      "huaweicloud:authUrl": `${iam.url}/v3`,
    });
    const settings = huaweiSettings();
    expect(settings.accessKey).toBeUndefined();
    await expect(settings.credentials?.credentials()).resolves.toMatchObject({ accessKeyId: "assumed-1", securityToken: "assumed-token-1" });
    expect(JSON.parse(iam.requests[0]?.body ?? "{}")).toEqual({
      auth: { identity: { methods: ["assume_role"], assume_role: { agency_name: "deploy_agency", domain_name: "acme-prod", duration_seconds: 3600 } } },
    });
  });

  it("fails with IAM's code, without the secret, when the signature is wrong", async () => {
    config({
      ...WHERE,
      "huaweicloud:accessKey": SOURCE.id,
      "huaweicloud:secretKey": "wrong-sk-Zq7",
      "huaweicloud:assumeRole": agency,
      "huaweicloud:authUrl": `${iam.url}/v3`,
    });
    const err = await huaweiSettings()
      .credentials?.credentials()
      .catch((e: Error) => e);
    expect(String(err)).toMatch(/IAM CreateTemporaryAccessKeyByAgency at 127\.0\.0\.1:\d+ failed: HTTP 401 APIGW\.0301: /);
    expect(String(err)).not.toContain("Zq7");
  });

  it("assumes the agency with the ECS agency's keys, their security token signed with the request", async () => {
    Object.assign(process.env, {
      HW_METADATA_ENDPOINT: metadata.url,
      HW_ASSUME_ROLE_AGENCY_NAME: "deploy_agency",
      HW_ASSUME_ROLE_DOMAIN_NAME: "acme-prod",
      HW_AUTH_URL: `${iam.url}/v3`,
    });
    config(WHERE);
    await expect(huaweiSettings().credentials?.credentials()).resolves.toMatchObject({ accessKeyId: "assumed-1" });
    const sent = iam.requests[0];
    expect(sent?.headers["x-security-token"]).toBe("agency-token-1");
    expect(String(sent?.headers.authorization)).toMatch(/SignedHeaders=[^,]*x-security-token/);
    expect(JSON.parse(sent?.body ?? "{}").auth.identity.assume_role.duration_seconds).toBe(43_200);
  });

  it("takes the keys, region, project and agency from a shared config profile", async () => {
    const file = join(home, "config.json");
    const profile = {
      name: "prod",
      mode: "AKSK",
      accessKeyId: SOURCE.id,
      secretAccessKey: SOURCE.secret,
      region: "cn-north-4",
      projectId: DEMO_HUAWEI_PROJECT_ID,
      agencyName: "deploy_agency",
      agencyDomainName: "acme-prod",
    };
    writeFileSync(file, JSON.stringify({ current: "other", profiles: [{ name: "other", mode: "AKSK" }, profile] }));
    Object.assign(process.env, { HW_SHARED_CONFIG_FILE: file, HW_PROFILE: "prod", HW_AUTH_URL: `${iam.url}/v3` });
    const settings = huaweiSettings();
    expect(settings).toMatchObject({ region: "cn-north-4", projectId: DEMO_HUAWEI_PROJECT_ID, accessKey: undefined });
    await expect(settings.credentials?.credentials()).resolves.toMatchObject({ accessKeyId: "assumed-1" });
    expect(String(iam.requests[0]?.headers.authorization)).toContain(`Access=${SOURCE.id},`);
  });
});
