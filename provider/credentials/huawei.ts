/**
 * Huawei Cloud credentials the way the Huawei Terraform provider resolves them, with its stack
 * config and environment names: static AK/SK (stack config, then HW_ACCESS_KEY/HW_SECRET_KEY), a
 * profile of the shared config file (`huaweicloud:sharedConfigFile`/HW_SHARED_CONFIG_FILE,
 * `~/.hcloud/config.json` by default, read when a file or `huaweicloud:profile`/HW_PROFILE is
 * set), IAM user/password (the client's token auth), and last the ECS agency's temporary keys from
 * the metadata service (with a V2 session token where it issues them); then, when an agency is named (`huaweicloud:assumeRole`,
 * HW_ASSUME_ROLE_AGENCY_NAME or the profile's agencyName), that agency assumed through IAM with the
 * keys found. Temporary keys are renewed 10 minutes before they expire (the Terraform provider's
 * margin) and are sent with an X-Security-Token header, which the client signs with the request.
 */
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { missingCredentials } from "../errors";
import { signRequest } from "../transport/huawei-signature";
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

const RENEW_MARGIN_MS = 600_000;
const METADATA = "http://169.254.169.254";
/** What the Terraform provider asks IAM for when assuming an agency: 12 hours. */
const DEFAULT_AGENCY_DURATION = 43_200;

export interface HuaweiChainIo extends SourceIo {
  /** Home directory holding `.hcloud/config.json`. @default os.homedir() */
  readonly home?: string;
  /** Where DMI identification is read. @default /sys/class/dmi/id */
  readonly dmiDir?: string;
}

/** A profile of the shared config file, as far as this provider reads it. */
export interface HuaweiProfile {
  readonly name: string;
  readonly file: string;
  readonly keys: Credentials | undefined;
  readonly region: string | undefined;
  readonly projectId: string | undefined;
  readonly agencyName: string | undefined;
  readonly agencyDomainName: string | undefined;
}

/** What the chain found before any agency is assumed. */
export type HuaweiBase =
  | { readonly kind: "source"; readonly source: CredentialSource; readonly staticKeys: Credentials | undefined }
  | { readonly kind: "password" };

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/** The selected profile of the shared config file, when a file or a profile is configured. */
export function huaweiProfile(read: Read, io: HuaweiChainIo = {}): HuaweiProfile | undefined {
  const explicitFile = read("huaweicloud:sharedConfigFile", ["HW_SHARED_CONFIG_FILE"]);
  const named = read("huaweicloud:profile", ["HW_PROFILE"]);
  if (!explicitFile && !named) return undefined;
  const file = explicitFile ?? join(io.home ?? homedir(), ".hcloud", "config.json");
  if (!existsSync(file)) throw new CredentialError(`Huawei Cloud shared config file ${file} does not exist.`);
  let parsed: { current?: unknown; profiles?: unknown };
  try {
    parsed = JSON.parse(readFileSync(file, "utf8")) as typeof parsed;
  } catch {
    // Never the file's text: it holds keys.
    throw new CredentialError(`Huawei Cloud shared config file ${file} cannot be read as JSON.`);
  }
  const profiles = Array.isArray(parsed?.profiles) ? (parsed.profiles as Record<string, unknown>[]) : [];
  const name = named ?? str(parsed?.current);
  const p = profiles.find((x) => x.name === name);
  if (!name || p === undefined)
    throw new CredentialError(
      `Huawei Cloud shared config file ${file}: no profile ${name ?? "is current"} (it has ${profiles.map((x) => x.name).join(", ") || "none"}).`,
    );
  const sso = p.mode === "SSO" ? ((p.ssoAuth as { stsToken?: Record<string, unknown> } | undefined)?.stsToken ?? {}) : p;
  const ak = str(sso.accessKeyId);
  const sk = str(sso.secretAccessKey);
  const token = str(sso.securityToken);
  return {
    name,
    file,
    keys: ak && sk ? { accessKeyId: ak, accessKeySecret: sk, ...(token && { securityToken: token }) } : undefined,
    region: str(p.region),
    projectId: str(p.projectId),
    agencyName: str(p.agencyName),
    agencyDomainName: str(p.agencyDomainName),
  };
}

const HOW =
  "Set the stack config huaweicloud:accessKey and huaweicloud:secretKey " +
  "(`pulumi config set huaweicloud:accessKey <ak>`, `pulumi config set --secret huaweicloud:secretKey <sk>`) " +
  "or the environment variables HW_ACCESS_KEY and HW_SECRET_KEY; or, for IAM token auth, " +
  "huaweicloud:domainName, huaweicloud:userName and huaweicloud:password (HW_DOMAIN_NAME, HW_USER_NAME, HW_USER_PASSWORD).";

/**
 * The credentials before any agency is assumed: static keys, the profile's keys, IAM password auth,
 * or the ECS agency's metadata keys. Throws, listing what it tried, when there are none.
 */
export function huaweiBase(read: Read, profile: HuaweiProfile | undefined, passwordConfigured: boolean, io: HuaweiChainIo = {}): HuaweiBase {
  const accessKey = read("huaweicloud:accessKey", ["HW_ACCESS_KEY"]);
  const secretKey = read("huaweicloud:secretKey", ["HW_SECRET_KEY"]);
  if (accessKey && secretKey) {
    const token = read("huaweicloud:securityToken", ["HW_SECURITY_TOKEN"]);
    const keys: Credentials = { accessKeyId: accessKey, accessKeySecret: secretKey, ...(token && { securityToken: token }) };
    return { kind: "source", source: staticSource(token ? "static temporary AK/SK" : "static AK/SK", keys), staticKeys: keys };
  }
  const tried = [`static AK/SK (huaweicloud:accessKey/huaweicloud:secretKey, HW_ACCESS_KEY/HW_SECRET_KEY): not set`];
  if (profile?.keys) return { kind: "source", source: staticSource(`keys of profile ${profile.name} (${profile.file})`, profile.keys), staticKeys: undefined };
  tried.push(
    profile
      ? `shared config profile ${profile.name}: has no accessKeyId/secretAccessKey`
      : "shared config file: neither huaweicloud:sharedConfigFile (HW_SHARED_CONFIG_FILE) nor huaweicloud:profile (HW_PROFILE) set",
  );
  if (passwordConfigured) return { kind: "password" };
  tried.push("IAM user/password (huaweicloud:domainName, huaweicloud:userName, huaweicloud:password): not set");
  const endpoint = read("huaweicloud:metadataEndpoint", ["HW_METADATA_ENDPOINT"]);
  // Without an endpoint set, the metadata service is asked only on a Huawei Cloud ECS.
  if (endpoint !== undefined || dmiMatches(io.dmiDir ?? DMI_DIR, "chassis_asset_tag", /HUAWEICLOUD/)) {
    return { kind: "source", source: ecsAgency(new URL(endpoint ?? METADATA), io), staticKeys: undefined };
  }
  tried.push("ECS agency metadata: not on a Huawei Cloud ECS, and no huaweicloud:metadataEndpoint (HW_METADATA_ENDPOINT) set");
  const partial = accessKey || secretKey ? " Only one of the access key and the secret key is set." : "";
  throw missingCredentials("Huawei Cloud", `${HOW}${partial} Tried, in order: ${tried.join("; ")}.`);
}

/** The `credential` object IAM and the metadata service answer with, as Credentials. */
function keysOf(what: string, json: unknown): Credentials {
  const accessKeyId = field(json, "credential", "access");
  const accessKeySecret = field(json, "credential", "secret");
  const securityToken = field(json, "credential", "securitytoken");
  if (!accessKeyId || !accessKeySecret || !securityToken)
    throw new CredentialError(`${what}: the answer carries no credential with access, secret and securitytoken`);
  return { accessKeyId, accessKeySecret, securityToken, expiresAt: expiryOf(what, field(json, "credential", "expires_at")) };
}

/**
 * Token-request statuses after which the SDK reads the security key without a session token: the
 * metadata service has no token API (huaweicloud-sdk-go-v3 core/auth/internal/metadata_accessor.go).
 */
const NO_TOKEN_API = new Set([404, 405, 503]);

/**
 * A metadata session token (V2, "hardening"): an instance set to V2 only refuses the security key
 * without one. Undefined where the service has no token API; any other refusal fails, as in the SDK.
 */
async function metadataToken(endpoint: URL, io: SourceIo): Promise<string | undefined> {
  const what = "ECS metadata session token";
  // A token is asked for at each renewal: it outlives the keys it reads.
  const { token, answer } = await metadataSessionToken(what, new URL("/meta-data/latest/api/token", endpoint), "X-Metadata-Token-Ttl-Seconds", io);
  if (token !== undefined) return token;
  // A 200 without a token leaves nothing to send; the security key answer then says whether it was needed.
  if (answer.status === 200 || NO_TOKEN_API.has(answer.status)) return undefined;
  throw refused(what, answer, undefined, undefined, undefined, []);
}

/**
 * The temporary keys of the agency this ECS runs with, from the OpenStack metadata service, read
 * with a session token when the service issues them.
 */
export function ecsAgency(endpoint: URL, io: SourceIo = {}): CredentialSource {
  const metaIo: SourceIo = { ...io, timeoutMs: io.timeoutMs ?? 1000 };
  return shared(["huawei-ecs", endpoint.href, io.fetch !== undefined], () =>
    refreshing(
      `ECS agency (metadata at ${endpoint.host})`,
      RENEW_MARGIN_MS,
      async () => {
        const what = "ECS metadata security key";
        const token = await metadataToken(endpoint, metaIo);
        const headers: Record<string, string> = { Accept: "application/json", ...(token && { "X-Metadata-Token": token }) };
        const answer = await exchange(what, new URL("/openstack/latest/securitykey", endpoint), { headers }, metaIo);
        if (answer.status !== 200) throw refused(what, answer, undefined, undefined, undefined, []);
        return keysOf(what, answer.json);
      },
      io,
    ),
  );
}

export interface AgencySettings {
  readonly agencyName: string;
  /** The account (domain) that owns the agency. */
  readonly domainName: string;
  readonly durationSeconds: number;
}

/** The agency to assume, from `huaweicloud:assumeRole`, the HW_ASSUME_ROLE_* variables or the profile. */
export function agencySettings(read: Read, profile: HuaweiProfile | undefined): AgencySettings | undefined {
  const block = objectSetting("huaweicloud:assumeRole", read("huaweicloud:assumeRole", [])) ?? {};
  const agencyName = str(block.agencyName) ?? read(undefined, ["HW_ASSUME_ROLE_AGENCY_NAME"]) ?? profile?.agencyName;
  if (!agencyName) return undefined;
  const domainName = str(block.domainName) ?? read(undefined, ["HW_ASSUME_ROLE_DOMAIN_NAME"]) ?? profile?.agencyDomainName;
  if (!domainName)
    throw new CredentialError(
      `Huawei Cloud agency ${agencyName}: set the account that owns it, huaweicloud:assumeRole.domainName (HW_ASSUME_ROLE_DOMAIN_NAME).`,
    );
  const duration = block.duration ?? read(undefined, ["HW_ASSUME_ROLE_DURATION"]);
  return {
    agencyName,
    domainName,
    durationSeconds: secondsSetting("huaweicloud:assumeRole.duration (HW_ASSUME_ROLE_DURATION)", duration, 900, 43_200, DEFAULT_AGENCY_DURATION),
  };
}

/**
 * The agency's temporary keys, from IAM's `POST /v3.0/OS-CREDENTIAL/securitytokens` with the
 * `assume_role` method, signed with `source`'s keys (and their security token when temporary).
 */
export function assumeAgency(source: CredentialSource, agency: AgencySettings, iam: URL, io: SourceIo = {}): CredentialSource {
  return shared(["huawei-agency", source.id, agency, iam.origin, io.fetch !== undefined], () =>
    refreshing(
      `agency ${agency.agencyName} of ${agency.domainName} assumed with the ${source.name}`,
      RENEW_MARGIN_MS,
      async () => {
        const signer = await source.credentials();
        const url = new URL("/v3.0/OS-CREDENTIAL/securitytokens", iam);
        const body = JSON.stringify({
          auth: {
            identity: {
              methods: ["assume_role"],
              assume_role: { agency_name: agency.agencyName, domain_name: agency.domainName, duration_seconds: agency.durationSeconds },
            },
          },
        });
        const base: Record<string, string> = { "Content-Type": "application/json;charset=utf8" };
        if (signer.securityToken) base["X-Security-Token"] = signer.securityToken;
        const signed = signRequest({
          method: "POST",
          url,
          headers: base,
          body,
          accessKey: signer.accessKeyId,
          secretKey: signer.accessKeySecret,
          now: new Date((io.now ?? Date.now)()),
        });
        const { Host: _host, ...headers } = signed;
        const what = `IAM CreateTemporaryAccessKeyByAgency at ${url.host}`;
        const answer = await exchange(what, url, { method: "POST", headers: { ...headers, Accept: "application/json" }, body }, io);
        if (answer.status !== 201 && answer.status !== 200) {
          const nested = (answer.json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
          const code = field(answer.json, "error_code") ?? str(nested?.code);
          const message = field(answer.json, "error_msg") ?? str(nested?.message);
          throw refused(what, answer, code, message, field(answer.json, "request_id"), [signer.accessKeySecret, signer.securityToken]);
        }
        return keysOf(what, answer.json);
      },
      io,
    ),
  );
}
