/**
 * Alibaba Cloud credentials, resolved in the order of the vendor's default credentials chain and
 * with pulumi-alicloud's stack config keys: static keys (stack config, then environment), OIDC role
 * assumption, a profile of the Alibaba CLI's config file, the ECS instance's RAM role from the
 * metadata service; then, when `alicloud:assumeRole` (or ALICLOUD_ASSUME_ROLE_ARN) names a role,
 * that role assumed with whatever the chain found. The choice is made from what is configured
 * (files are read, nothing is called) so a missing setting is reported before any request; the
 * temporary keys themselves are fetched on first use and renewed 3 minutes before they expire, as
 * the vendor's library does.
 *
 * STS calls are signed with our own V1 signer (HMAC-SHA1, as the vendor's library signs AssumeRole);
 * AssumeRoleWithOIDC is anonymous, the OIDC token being the proof.
 */
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { missingCredentials } from "../errors";
import { canonicalQuery, v1Signature } from "../transport/alibaba-signature";
import {
  CredentialError,
  type CredentialSource,
  type Credentials,
  DMI_DIR,
  type Read,
  type SourceIo,
  dmiMatches,
  exchange,
  expiryOf,
  field,
  metadataSessionToken,
  objectSetting,
  refreshing,
  refused,
  secondsSetting,
  shared,
  staticSource,
} from "./source";

/** Renew temporary keys this long before they expire (the vendor library's margin). */
const RENEW_MARGIN_MS = 180_000;
const STS_VERSION = "2015-04-01";
const DEFAULT_SESSION_NAME = "pulumi-streamjobs";
const METADATA = "http://100.100.100.200";

export interface AlibabaChainIo extends SourceIo {
  /** Home directory holding `.aliyun/config.json`. @default os.homedir() */
  readonly home?: string;
  /** Where DMI identification is read. @default /sys/class/dmi/id */
  readonly dmiDir?: string;
}

/** What the chain chose: the source, and the keys themselves when they are static. */
export interface AlibabaChoice {
  readonly source: CredentialSource;
  readonly staticKeys: Credentials | undefined;
}

const truthy = (v: string | undefined) => v?.toLowerCase() === "true";

const HOW =
  "Set the stack config alicloud:accessKey and alicloud:secretKey " +
  "(`pulumi config set alicloud:accessKey <id>`, `pulumi config set --secret alicloud:secretKey <secret>`), " +
  "or the environment variables ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET; " +
  "or configure one of the other sources (README, Configuration > Credentials).";

/** The credential source for the settings `read` gives; throws, listing what it tried, when there is none. */
export function alibabaCredentials(read: Read, io: AlibabaChainIo = {}): AlibabaChoice {
  const tried: string[] = [];
  const base = staticKeys(read, tried) ?? oidc(read, io, tried) ?? cliProfile(read, io, tried) ?? ecsRole(read, io, tried);
  if (base === undefined) throw missingCredentials("Alibaba Cloud", `${HOW} Tried, in order: ${tried.join("; ")}.`);
  const role = assumeRoleSettings(read);
  if (role === undefined) return base;
  return { source: assumeRole(base.source, role, stsEndpoint(read), io), staticKeys: undefined };
}

function staticKeys(read: Read, tried: string[]): AlibabaChoice | undefined {
  const accessKeyId = read("alicloud:accessKey", ["ALIBABA_CLOUD_ACCESS_KEY_ID", "ALICLOUD_ACCESS_KEY"]);
  const accessKeySecret = read("alicloud:secretKey", ["ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALICLOUD_SECRET_KEY"]);
  if (accessKeyId && accessKeySecret) {
    const securityToken = read("alicloud:securityToken", ["ALIBABA_CLOUD_SECURITY_TOKEN", "ALICLOUD_SECURITY_TOKEN"]);
    const keys: Credentials = securityToken ? { accessKeyId, accessKeySecret, securityToken } : { accessKeyId, accessKeySecret };
    return { source: staticSource(securityToken ? "static STS token" : "static access key", keys), staticKeys: keys };
  }
  const partial = accessKeyId || accessKeySecret ? " (only one of the access key id and the secret is set)" : "";
  tried.push(`static keys (alicloud:accessKey/alicloud:secretKey, ALIBABA_CLOUD_ACCESS_KEY_ID/ALIBABA_CLOUD_ACCESS_KEY_SECRET): not set${partial}`);
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// STS: AssumeRole and AssumeRoleWithOIDC
// ---------------------------------------------------------------------------------------------

/** `alicloud:stsEndpoint` / ALIBABA_CLOUD_STS_ENDPOINT (a URL or a host), else the regional or central STS. */
function stsEndpoint(read: Read, region?: string, vpc?: boolean): URL {
  const explicit = read("alicloud:stsEndpoint", ["ALIBABA_CLOUD_STS_ENDPOINT"]);
  if (explicit) return new URL(/^[a-z]+:\/\//i.test(explicit) ? explicit : `https://${explicit}`);
  const stsRegion = region || read(undefined, ["ALIBABA_CLOUD_STS_REGION"]);
  const useVpc = vpc || truthy(read(undefined, ["ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED"]));
  return new URL(stsRegion ? `https://${useVpc ? "sts-vpc" : "sts"}.${stsRegion}.aliyuncs.com` : "https://sts.aliyuncs.com");
}

function utcSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Sends one STS action (form body), signed with `signer` when given, and reads the credentials it returns. */
async function stsCall(
  action: string,
  endpoint: URL,
  form: Record<string, string>,
  signer: Credentials | undefined,
  secrets: readonly (string | undefined)[],
  io: SourceIo,
): Promise<Credentials> {
  const now = (io.now ?? Date.now)();
  const query: Record<string, string> = { Action: action, Format: "JSON", Version: STS_VERSION, Timestamp: utcSeconds(now) };
  if (signer) {
    Object.assign(query, { SignatureMethod: "HMAC-SHA1", SignatureVersion: "1.0", SignatureNonce: randomUUID(), AccessKeyId: signer.accessKeyId });
    if (signer.securityToken) query.SecurityToken = signer.securityToken;
    query.Signature = v1Signature("POST", { ...query, ...form }, signer.accessKeySecret);
  }
  const url = new URL(`/?${canonicalQuery(query)}`, endpoint);
  const what = `STS ${action} at ${endpoint.host}`;
  const answer = await exchange(
    what,
    url,
    {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams(form).toString(),
    },
    io,
  );
  const requestId = field(answer.json, "RequestId");
  if (answer.status !== 200) throw refused(what, answer, field(answer.json, "Code"), field(answer.json, "Message"), requestId, secrets);
  const accessKeyId = field(answer.json, "Credentials", "AccessKeyId");
  const accessKeySecret = field(answer.json, "Credentials", "AccessKeySecret");
  const securityToken = field(answer.json, "Credentials", "SecurityToken");
  if (!accessKeyId || !accessKeySecret || !securityToken)
    throw new CredentialError(`${what}: the answer carries no Credentials${requestId ? ` (request id ${requestId})` : ""}`);
  return { accessKeyId, accessKeySecret, securityToken, expiresAt: expiryOf(what, field(answer.json, "Credentials", "Expiration")) };
}

export interface AssumeRoleSettings {
  readonly roleArn: string;
  readonly sessionName: string;
  readonly durationSeconds: number;
  readonly policy?: string | undefined;
  readonly externalId?: string | undefined;
}

/** The role `source`'s credentials assume through STS AssumeRole, renewed before it expires. */
export function assumeRole(source: CredentialSource, role: AssumeRoleSettings, endpoint: URL, io: SourceIo = {}): CredentialSource {
  return shared(["alibaba-assume-role", source.id, role, endpoint.href, io.fetch !== undefined], () =>
    refreshing(
      `RAM role ${role.roleArn} assumed with the ${source.name}`,
      RENEW_MARGIN_MS,
      async () => {
        const signer = await source.credentials();
        const form: Record<string, string> = { RoleArn: role.roleArn, RoleSessionName: role.sessionName, DurationSeconds: String(role.durationSeconds) };
        if (role.policy) form.Policy = role.policy;
        if (role.externalId) form.ExternalId = role.externalId;
        return stsCall("AssumeRole", endpoint, form, signer, [signer.accessKeySecret, signer.securityToken], io);
      },
      io,
    ),
  );
}

function assumeRoleSettings(read: Read): AssumeRoleSettings | undefined {
  const block = objectSetting("alicloud:assumeRole", read("alicloud:assumeRole", [])) ?? {};
  const roleArn = str(block.roleArn) ?? read(undefined, ["ALICLOUD_ASSUME_ROLE_ARN"]);
  if (!roleArn) return undefined;
  return {
    roleArn,
    sessionName: str(block.sessionName) ?? read(undefined, ["ALICLOUD_ASSUME_ROLE_SESSION_NAME"]) ?? DEFAULT_SESSION_NAME,
    durationSeconds: secondsSetting(
      "alicloud:assumeRole.sessionExpiration (ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION)",
      block.sessionExpiration ?? read(undefined, ["ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION"]),
      900,
      43_200,
      3600,
    ),
    ...(str(block.policy) && { policy: str(block.policy) }),
    ...(str(block.externalId) && { externalId: str(block.externalId) }),
  };
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

// ---------------------------------------------------------------------------------------------
// OIDC
// ---------------------------------------------------------------------------------------------

export interface OidcSettings {
  readonly roleArn: string;
  readonly oidcProviderArn: string;
  /** The token file, read again at each renewal (the issuer rotates it); or the token itself. */
  readonly tokenFile?: string | undefined;
  readonly token?: string | undefined;
  readonly sessionName: string;
  readonly durationSeconds: number;
  readonly policy?: string | undefined;
}

/** Credentials of `settings.roleArn`, assumed with an OIDC token through STS AssumeRoleWithOIDC. */
export function oidcRole(settings: OidcSettings, endpoint: URL, io: SourceIo = {}): CredentialSource {
  return shared(["alibaba-oidc", settings, endpoint.href, io.fetch !== undefined], () =>
    refreshing(
      `OIDC role ${settings.roleArn}`,
      RENEW_MARGIN_MS,
      async () => {
        const token = settings.token ?? readToken(settings.tokenFile);
        const form: Record<string, string> = {
          RoleArn: settings.roleArn,
          OIDCProviderArn: settings.oidcProviderArn,
          OIDCToken: token,
          RoleSessionName: settings.sessionName,
          DurationSeconds: String(settings.durationSeconds),
        };
        if (settings.policy) form.Policy = settings.policy;
        return stsCall("AssumeRoleWithOIDC", endpoint, form, undefined, [token], io);
      },
      io,
    ),
  );
}

function readToken(file: string | undefined): string {
  try {
    const token = readFileSync(file ?? "", "utf8").trim();
    if (token !== "") return token;
  } catch {
    // reported below
  }
  throw new CredentialError(`the OIDC token file ${file} cannot be read or is empty`);
}

function oidc(read: Read, io: AlibabaChainIo, tried: string[]): AlibabaChoice | undefined {
  const block = objectSetting("alicloud:assumeRoleWithOidc", read("alicloud:assumeRoleWithOidc", [])) ?? {};
  const roleArn = str(block.roleArn) ?? read(undefined, ["ALIBABA_CLOUD_ROLE_ARN"]);
  const oidcProviderArn = str(block.oidcProviderArn) ?? read(undefined, ["ALIBABA_CLOUD_OIDC_PROVIDER_ARN"]);
  const token = str(block.oidcToken);
  const tokenFile = str(block.oidcTokenFile) ?? read(undefined, ["ALIBABA_CLOUD_OIDC_TOKEN_FILE"]);
  if (!roleArn || !oidcProviderArn || (!token && !tokenFile)) {
    tried.push("OIDC (alicloud:assumeRoleWithOidc, or ALIBABA_CLOUD_ROLE_ARN with ALIBABA_CLOUD_OIDC_PROVIDER_ARN and ALIBABA_CLOUD_OIDC_TOKEN_FILE): not set");
    return undefined;
  }
  const settings: OidcSettings = {
    roleArn,
    oidcProviderArn,
    ...(token ? { token } : { tokenFile }),
    sessionName: str(block.roleSessionName) ?? read(undefined, ["ALIBABA_CLOUD_ROLE_SESSION_NAME"]) ?? DEFAULT_SESSION_NAME,
    durationSeconds: secondsSetting("alicloud:assumeRoleWithOidc.sessionExpiration", block.sessionExpiration, 900, 43_200, 3600),
    ...(str(block.policy) && { policy: str(block.policy) }),
  };
  return { source: oidcRole(settings, stsEndpoint(read), io), staticKeys: undefined };
}

// ---------------------------------------------------------------------------------------------
// The Alibaba CLI's config file
// ---------------------------------------------------------------------------------------------

interface CliProfile {
  readonly name?: string;
  readonly mode?: string;
  readonly access_key_id?: string;
  readonly access_key_secret?: string;
  readonly sts_token?: string;
  readonly ram_role_arn?: string;
  readonly ram_session_name?: string;
  readonly expired_seconds?: number;
  readonly sts_region?: string;
  readonly enable_vpc?: boolean;
  readonly source_profile?: string;
  readonly ram_role_name?: string;
  readonly oidc_token_file?: string;
  readonly oidc_provider_arn?: string;
  readonly policy?: string | undefined;
  readonly external_id?: string;
}

function cliProfile(read: Read, io: AlibabaChainIo, tried: string[]): AlibabaChoice | undefined {
  if (truthy(read(undefined, ["ALIBABA_CLOUD_CLI_PROFILE_DISABLED"]))) {
    tried.push("CLI profile: disabled by ALIBABA_CLOUD_CLI_PROFILE_DISABLED");
    return undefined;
  }
  const explicitFile = read("alicloud:sharedCredentialsFile", ["ALICLOUD_SHARED_CREDENTIALS_FILE", "ALIBABA_CLOUD_CONFIG_FILE"]);
  const named = read("alicloud:profile", ["ALIBABA_CLOUD_PROFILE", "ALICLOUD_PROFILE"]);
  const file = explicitFile ?? join(io.home ?? homedir(), ".aliyun", "config.json");
  if (!existsSync(file)) {
    // A file or profile the user named must exist; the default file is simply one source less.
    if (explicitFile || named) throw new CredentialError(`Alibaba Cloud CLI profile${named ? ` ${named}` : ""}: the config file ${file} does not exist.`);
    tried.push(`CLI profile: no config file at ${file}`);
    return undefined;
  }
  const conf = readCliConfig(file);
  const name = named ?? (typeof conf.current === "string" ? conf.current : "default");
  const source = profileSource(conf.profiles, name, file, read, io, []);
  return { source, staticKeys: undefined };
}

function readCliConfig(file: string): { current?: unknown; profiles: readonly CliProfile[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    // Never the file's text: it holds keys.
    throw new CredentialError(`Alibaba Cloud CLI config file ${file} cannot be read as JSON.`);
  }
  const profiles = (parsed as { profiles?: unknown } | null)?.profiles;
  if (!Array.isArray(profiles) || profiles.length === 0) throw new CredentialError(`Alibaba Cloud CLI config file ${file} has no profiles.`);
  return { current: (parsed as { current?: unknown }).current, profiles: profiles as CliProfile[] };
}

/** The source a profile's mode describes (a chained role follows its source profile). */
function profileSource(profiles: readonly CliProfile[], name: string, file: string, read: Read, io: AlibabaChainIo, seen: readonly string[]): CredentialSource {
  const what = `Alibaba Cloud CLI profile ${name} (${file})`;
  if (seen.includes(name)) throw new CredentialError(`${what}: its source_profile chain comes back to itself.`);
  const p = profiles.find((x) => x.name === name);
  if (p === undefined) throw new CredentialError(`${what}: no profile of that name in the file (it has ${profiles.map((x) => x.name).join(", ")}).`);
  const keys = (): Credentials => {
    if (!p.access_key_id || !p.access_key_secret) throw new CredentialError(`${what}: mode ${p.mode} needs access_key_id and access_key_secret.`);
    return p.mode === "StsToken"
      ? { accessKeyId: p.access_key_id, accessKeySecret: p.access_key_secret, securityToken: p.sts_token ?? "" }
      : { accessKeyId: p.access_key_id, accessKeySecret: p.access_key_secret };
  };
  const role = (): AssumeRoleSettings => {
    if (!p.ram_role_arn) throw new CredentialError(`${what}: mode ${p.mode} needs ram_role_arn.`);
    return {
      roleArn: p.ram_role_arn,
      sessionName: p.ram_session_name || DEFAULT_SESSION_NAME,
      durationSeconds: secondsSetting(`${what} expired_seconds`, p.expired_seconds, 900, 43_200, 3600),
      ...(p.policy && { policy: p.policy }),
      ...(p.external_id && { externalId: p.external_id }),
    };
  };
  const sts = () => stsEndpoint(read, p.sts_region, p.enable_vpc);
  switch (p.mode ?? "AK") {
    case "AK":
      return staticSource(`access key of ${what}`, keys());
    case "StsToken":
      return staticSource(`STS token of ${what}`, keys());
    case "RamRoleArn":
      return assumeRole(staticSource(`access key of ${what}`, keys()), role(), sts(), io);
    case "ChainableRamRoleArn": {
      if (!p.source_profile) throw new CredentialError(`${what}: mode ChainableRamRoleArn needs source_profile.`);
      return assumeRole(profileSource(profiles, p.source_profile, file, read, io, [...seen, name]), role(), sts(), io);
    }
    case "EcsRamRole":
      return ecsRamRole(p.ram_role_name || undefined, metadataEndpoint(read), imdsV1Disabled(read), io);
    case "OIDC": {
      if (!p.oidc_provider_arn || !p.oidc_token_file) throw new CredentialError(`${what}: mode OIDC needs oidc_provider_arn and oidc_token_file.`);
      const r = role();
      return oidcRole(
        {
          roleArn: r.roleArn,
          oidcProviderArn: p.oidc_provider_arn,
          tokenFile: p.oidc_token_file,
          sessionName: r.sessionName,
          durationSeconds: r.durationSeconds,
          ...(r.policy && { policy: r.policy }),
        },
        sts(),
        io,
      );
    }
    default:
      throw new CredentialError(
        `${what}: mode ${p.mode} is not supported here (AK, StsToken, RamRoleArn, ChainableRamRoleArn, EcsRamRole and OIDC are); sign in with the CLI into a profile of one of those modes, or use another source.`,
      );
  }
}

// ---------------------------------------------------------------------------------------------
// ECS RAM role from the instance metadata service
// ---------------------------------------------------------------------------------------------

function metadataEndpoint(read: Read): URL {
  return new URL(read("alicloud:ecsMetadataEndpoint", ["ALIBABA_CLOUD_ECS_METADATA_ENDPOINT"]) ?? METADATA);
}

const imdsV1Disabled = (read: Read) => truthy(read(undefined, ["ALIBABA_CLOUD_IMDSV1_DISABLED"]));

/**
 * The RAM role attached to this ECS instance (`roleName`, or the one the metadata service names),
 * read with an IMDSv2 session token; without a token (an old metadata service) the plain request is
 * used unless IMDSv1 is disabled.
 */
export function ecsRamRole(roleName: string | undefined, endpoint: URL, disableV1: boolean, io: SourceIo = {}): CredentialSource {
  const metaIo: SourceIo = { ...io, timeoutMs: io.timeoutMs ?? 1000 };
  return shared(["alibaba-ecs", roleName, endpoint.href, disableV1, io.fetch !== undefined], () =>
    refreshing(
      `ECS RAM role${roleName ? ` ${roleName}` : ""} (metadata at ${endpoint.host})`,
      RENEW_MARGIN_MS,
      async () => {
        const headers: Record<string, string> = {};
        const token = await metadataToken(endpoint, disableV1, metaIo);
        if (token) headers["X-aliyun-ecs-metadata-token"] = token;
        const base = new URL("/latest/meta-data/ram/security-credentials/", endpoint);
        const role = roleName ?? (await attachedRole(base, headers, metaIo));
        const what = `ECS metadata credentials of RAM role ${role}`;
        const answer = await exchange(what, new URL(encodeURIComponent(role), base), { headers }, metaIo);
        if (answer.status !== 200) throw refused(what, answer, undefined, undefined, undefined, []);
        const accessKeyId = field(answer.json, "AccessKeyId");
        const accessKeySecret = field(answer.json, "AccessKeySecret");
        const securityToken = field(answer.json, "SecurityToken");
        if (field(answer.json, "Code") !== "Success" || !accessKeyId || !accessKeySecret || !securityToken) {
          throw new CredentialError(`${what}: the answer is not a Success with AccessKeyId, AccessKeySecret and SecurityToken`);
        }
        return { accessKeyId, accessKeySecret, securityToken, expiresAt: expiryOf(what, field(answer.json, "Expiration")) };
      },
      io,
    ),
  );
}

async function metadataToken(endpoint: URL, disableV1: boolean, io: SourceIo): Promise<string | undefined> {
  const what = "ECS metadata session token";
  try {
    const { token, answer } = await metadataSessionToken(what, new URL("/latest/api/token", endpoint), "X-aliyun-ecs-metadata-token-ttl-seconds", io);
    if (token !== undefined) return token;
    if (disableV1) throw refused(what, answer, undefined, undefined, undefined, []);
  } catch (err) {
    if (disableV1) throw err;
  }
  return undefined;
}

async function attachedRole(base: URL, headers: Record<string, string>, io: SourceIo): Promise<string> {
  const what = "ECS metadata: the instance's RAM role";
  const answer = await exchange(what, base, { headers }, io);
  const role = answer.text.trim().split("\n")[0]?.trim();
  if (answer.status !== 200 || !role) throw new CredentialError(`${what}: ${answer.status === 200 ? "none is attached" : `HTTP ${answer.status}`}`);
  return role;
}

function ecsRole(read: Read, io: AlibabaChainIo, tried: string[]): AlibabaChoice | undefined {
  if (truthy(read(undefined, ["ALIBABA_CLOUD_ECS_METADATA_DISABLED"]))) {
    tried.push("ECS RAM role: disabled by ALIBABA_CLOUD_ECS_METADATA_DISABLED");
    return undefined;
  }
  const roleName = read("alicloud:ecsRoleName", ["ALICLOUD_ECS_ROLE_NAME", "ALIBABA_CLOUD_ECS_METADATA"]);
  const endpointSet = read("alicloud:ecsMetadataEndpoint", ["ALIBABA_CLOUD_ECS_METADATA_ENDPOINT"]) !== undefined;
  // Without a role name or an endpoint, the metadata service is asked only on an ECS instance.
  if (!roleName && !endpointSet && !dmiMatches(io.dmiDir ?? DMI_DIR, "product_name", /Alibaba Cloud ECS/i)) {
    tried.push("ECS RAM role: not on an Alibaba Cloud ECS instance, and no alicloud:ecsRoleName (ALICLOUD_ECS_ROLE_NAME, ALIBABA_CLOUD_ECS_METADATA) set");
    return undefined;
  }
  return { source: ecsRamRole(roleName, metadataEndpoint(read), imdsV1Disabled(read), io), staticKeys: undefined };
}
