/**
 * Run-time settings: credentials, region and endpoint. They come from stack config through the
 * dynamic provider's `configure` (never from values captured into the serialized provider), or
 * from the environment variables each cloud's own tooling uses. Which credential source applies is
 * decided here, in the order README's "Credentials" section documents (credentials/alibaba.ts and
 * credentials/huawei.ts); the keys of a temporary source are fetched when a client first signs.
 */
import { regionIdProblem } from "./apis/alibaba-gpdb-rules";
import { type AlibabaChainIo, alibabaCredentials } from "./credentials/alibaba";
import { type HuaweiChainIo, agencySettings, assumeAgency, huaweiBase, huaweiProfile } from "./credentials/huawei";
import type { CredentialSource } from "./credentials/source";
import { type RateSettings, parseRateLimits } from "./transport/quotas";
import { huaweiRegionProblem } from "./resources/huaweicloud-event-router-job-schema";

export interface ConfigSource {
  get(key: string): string | undefined;
}

let configured: ConfigSource | undefined;

/** Called from the provider's `configure` with the stack config (keys in full `ns:key` form). */
export function setConfigSource(source: ConfigSource | undefined): void {
  configured = source;
}

let chainIo: AlibabaChainIo & HuaweiChainIo = {};

/** Where the credential chains look for the home directory, DMI and the network (tests). */
export function setCredentialChainIo(io: AlibabaChainIo & HuaweiChainIo): void {
  chainIo = io;
}

function setting(configKey: string | undefined, envKeys: readonly string[]): string | undefined {
  const fromConfig = configKey === undefined ? undefined : configured?.get(configKey);
  if (fromConfig !== undefined && fromConfig !== "") return fromConfig;
  for (const k of envKeys) {
    const v = process.env[k];
    if (v !== undefined && v !== "") return v;
  }
  return undefined;
}

/**
 * One URL that points every service of every cloud at the emulator (or a proxy), e.g.
 * `http://127.0.0.1:8470`. Per-cloud endpoint settings win over it.
 */
export function globalEndpoint(): string | undefined {
  return setting("streamjobs:endpoint", ["STREAMJOBS_ENDPOINT"]);
}

export interface AlibabaSettings extends RateSettings {
  /** Static keys, when the credentials are static; undefined when `credentials` fetches them. */
  readonly accessKeyId: string | undefined;
  readonly accessKeySecret: string | undefined;
  readonly securityToken: string | undefined;
  /** Where the keys come from; absent, the static keys above are used. */
  readonly credentials?: CredentialSource;
  readonly region: string | undefined;
  /** Base URL overriding the public endpoint of every Alibaba service. */
  readonly endpoint: string | undefined;
}

export function alibabaSettings(): AlibabaSettings {
  const { source, staticKeys } = alibabaCredentials(setting, chainIo);
  // The configured region is a resource's regionId when it sets none: the same rule applies.
  const region = setting("alicloud:region", ["ALIBABA_CLOUD_REGION_ID"]);
  const regionProblem = region === undefined ? undefined : regionIdProblem(region);
  if (regionProblem !== undefined) {
    throw new Error(
      `The Alibaba Cloud region (stack config alicloud:region, or ALIBABA_CLOUD_REGION_ID) ${regionProblem} Set it to the region of your instances, e.g. \`pulumi config set alicloud:region cn-hangzhou\`.`,
    );
  }
  return {
    accessKeyId: staticKeys?.accessKeyId,
    accessKeySecret: staticKeys?.accessKeySecret,
    securityToken: staticKeys?.securityToken,
    credentials: source,
    region,
    endpoint: setting("alicloud:endpoint", ["ALIBABA_CLOUD_ENDPOINT"]) ?? globalEndpoint(),
    ...rateSettings(),
  };
}

export interface HuaweiPasswordAuth {
  readonly domainName: string;
  readonly userName: string;
  readonly password: string;
  /** IAM endpoint (`https://iam.<region>.<cloud>/v3` by default). */
  readonly authUrl: string | undefined;
}

export interface HuaweiSettings extends RateSettings {
  /** AK/SK signing; absent when IAM user/password auth is configured instead. */
  readonly accessKey: string | undefined;
  readonly secretKey: string | undefined;
  readonly securityToken: string | undefined;
  /** Where the AK/SK come from; absent, the static keys above (or password auth) are used. */
  readonly credentials?: CredentialSource;
  /** IAM user/password token auth (used when no AK/SK is configured). */
  readonly password: HuaweiPasswordAuth | undefined;
  readonly region: string;
  /** Always explicit: never looked up (or created) behind the user's back. */
  readonly projectId: string;
  /** Base URL overriding the public endpoint of every Huawei service (EG, DMS, DIS, IAM). */
  readonly endpoint: string | undefined;
  /** Domain of the public endpoints, `myhuaweicloud.com` unless set. */
  readonly cloud: string;
}

export function huaweiSettings(): HuaweiSettings {
  const domainName = setting("huaweicloud:domainName", ["HW_DOMAIN_NAME"]);
  const userName = setting("huaweicloud:userName", ["HW_USER_NAME"]);
  const password = setting("huaweicloud:password", ["HW_USER_PASSWORD"]);
  const hasUser = !!domainName && !!userName && !!password;
  const profile = huaweiProfile(setting, chainIo);
  const base = huaweiBase(setting, profile, hasUser, chainIo);
  const region = setting("huaweicloud:region", ["HW_REGION_NAME"]) ?? profile?.region;
  if (!region) {
    throw new Error(
      "Huawei Cloud region is not configured. Set the stack config huaweicloud:region (e.g. `pulumi config set huaweicloud:region cn-north-4`) or the environment variable HW_REGION_NAME.",
    );
  }
  // The region becomes part of every endpoint's host name: a malformed one would fail there, obscurely.
  const regionProblem = huaweiRegionProblem(region);
  if (regionProblem !== undefined) {
    throw new Error(
      `The Huawei Cloud region (stack config huaweicloud:region, or HW_REGION_NAME) ${regionProblem} Set it to the region of your project, e.g. \`pulumi config set huaweicloud:region cn-north-4\`.`,
    );
  }
  const projectId = setting("huaweicloud:projectId", ["HW_PROJECT_ID"]) ?? profile?.projectId;
  if (!projectId) {
    throw new Error(
      `Huawei Cloud project id is not configured. Set the stack config huaweicloud:projectId to the project id of ${region} ` +
        "(IAM console, My Credentials > Projects) or the environment variable HW_PROJECT_ID. It is never looked up automatically.",
    );
  }
  const endpoint = setting("huaweicloud:endpoint", ["HW_ENDPOINT"]) ?? globalEndpoint();
  const cloud = setting("huaweicloud:cloud", ["HW_CLOUD"]) ?? "myhuaweicloud.com";
  const authUrl = setting("huaweicloud:authUrl", ["HW_AUTH_URL"]);
  const agency = agencySettings(setting, profile);
  if (agency !== undefined && base.kind === "password") {
    throw new Error(
      `Huawei Cloud agency ${agency.agencyName} is assumed with access keys: set huaweicloud:accessKey and huaweicloud:secretKey (or a profile, or run on an ECS with an agency) instead of IAM user/password.`,
    );
  }
  const keys = base.kind === "source" && agency === undefined ? base.staticKeys : undefined;
  const source =
    base.kind === "password"
      ? undefined
      : agency === undefined
        ? base.source
        : assumeAgency(base.source, agency, new URL(iamOrigin(authUrl, endpoint, region, cloud)), chainIo);
  return {
    accessKey: keys?.accessKeyId,
    secretKey: keys?.accessKeySecret,
    securityToken: keys?.securityToken,
    ...(source !== undefined && { credentials: source }),
    password: base.kind === "password" ? { domainName: domainName as string, userName: userName as string, password: password as string, authUrl } : undefined,
    region,
    projectId,
    endpoint,
    cloud,
    ...rateSettings(),
  };
}

/**
 * Client-side request rates (provider/transport/quotas.ts): each API's default from the quotas
 * table, `streamjobs:maxRequestsPerSecond` for every API instead, and `streamjobs:rateLimits`
 * (JSON) for named products, APIs or classes. A rate that is not a positive number is ignored.
 */
function rateSettings(): RateSettings {
  const rps = Number(setting("streamjobs:maxRequestsPerSecond", ["STREAMJOBS_MAX_REQUESTS_PER_SECOND"]) ?? Number.NaN);
  const text = setting("streamjobs:rateLimits", ["STREAMJOBS_RATE_LIMITS"]);
  const rateLimits = text === undefined ? undefined : parseRateLimits(text);
  if (typeof rateLimits === "string") {
    throw new Error(
      `The request rates (stack config streamjobs:rateLimits, or STREAMJOBS_RATE_LIMITS) ${rateLimits}. Set it to a JSON object of rates by product or API, e.g. \`{"gpdb": 5, "gpdb:CreateStreamingJob": {"ratePerSecond": 2, "burst": 4}}\`.`,
    );
  }
  return {
    ...(Number.isFinite(rps) && rps > 0 && { maxRequestsPerSecond: rps }),
    ...(rateLimits !== undefined && { rateLimits }),
  };
}

/** IAM's origin: the auth URL's, else the endpoint override's, else the region's public IAM. */
function iamOrigin(authUrl: string | undefined, endpoint: string | undefined, region: string, cloud: string): string {
  return new URL(authUrl ?? endpoint ?? `https://iam.${region}.${cloud}`).origin;
}
