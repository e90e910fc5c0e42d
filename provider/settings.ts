/**
 * Run-time settings: credentials, region and endpoint. They come from stack config through the
 * dynamic provider's `configure` (never from values captured into the serialized provider), or
 * from the environment variables each cloud's own tooling uses.
 */
import { regionIdProblem } from "./apis/alibaba-gpdb-rules";
import { missingCredentials } from "./errors";
import { huaweiRegionProblem } from "./resources/huaweicloud-event-router-job-schema";

export interface ConfigSource {
  get(key: string): string | undefined;
}

let configured: ConfigSource | undefined;

/** Called from the provider's `configure` with the stack config (keys in full `ns:key` form). */
export function setConfigSource(source: ConfigSource | undefined): void {
  configured = source;
}

function setting(configKey: string, envKeys: readonly string[]): string | undefined {
  const fromConfig = configured?.get(configKey);
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

export interface AlibabaSettings {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken: string | undefined;
  readonly region: string | undefined;
  /** Base URL overriding the public endpoint of every Alibaba service. */
  readonly endpoint: string | undefined;
  readonly maxRequestsPerSecond: number;
}

export function alibabaSettings(): AlibabaSettings {
  const accessKeyId = setting("alicloud:accessKey", ["ALIBABA_CLOUD_ACCESS_KEY_ID"]);
  const accessKeySecret = setting("alicloud:secretKey", ["ALIBABA_CLOUD_ACCESS_KEY_SECRET"]);
  if (!accessKeyId || !accessKeySecret) {
    throw missingCredentials(
      "Alibaba Cloud",
      "Set the stack config alicloud:accessKey and alicloud:secretKey " +
        "(`pulumi config set alicloud:accessKey <id>`, `pulumi config set --secret alicloud:secretKey <secret>`), " +
        "or the environment variables ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET.",
    );
  }
  // The configured region is a resource's regionId when it sets none: the same rule applies.
  const region = setting("alicloud:region", ["ALIBABA_CLOUD_REGION_ID"]);
  const regionProblem = region === undefined ? undefined : regionIdProblem(region);
  if (regionProblem !== undefined) {
    throw new Error(
      `The Alibaba Cloud region (stack config alicloud:region, or ALIBABA_CLOUD_REGION_ID) ${regionProblem} Set it to the region of your instances, e.g. \`pulumi config set alicloud:region cn-hangzhou\`.`,
    );
  }
  const rps = Number(setting("streamjobs:maxRequestsPerSecond", ["STREAMJOBS_MAX_REQUESTS_PER_SECOND"]) ?? "10");
  return {
    accessKeyId,
    accessKeySecret,
    securityToken: setting("alicloud:securityToken", ["ALIBABA_CLOUD_SECURITY_TOKEN"]),
    region,
    endpoint: setting("alicloud:endpoint", ["ALIBABA_CLOUD_ENDPOINT"]) ?? globalEndpoint(),
    maxRequestsPerSecond: Number.isFinite(rps) && rps > 0 ? rps : 10,
  };
}

export interface HuaweiPasswordAuth {
  readonly domainName: string;
  readonly userName: string;
  readonly password: string;
  /** IAM endpoint (`https://iam.<region>.<cloud>/v3` by default). */
  readonly authUrl: string | undefined;
}

export interface HuaweiSettings {
  /** AK/SK signing; absent when IAM user/password auth is configured instead. */
  readonly accessKey: string | undefined;
  readonly secretKey: string | undefined;
  readonly securityToken: string | undefined;
  /** IAM user/password token auth (used when no AK/SK is configured). */
  readonly password: HuaweiPasswordAuth | undefined;
  readonly region: string;
  /** Always explicit: never looked up (or created) behind the user's back. */
  readonly projectId: string;
  /** Base URL overriding the public endpoint of every Huawei service (EG, DMS, DIS, IAM). */
  readonly endpoint: string | undefined;
  /** Domain of the public endpoints, `myhuaweicloud.com` unless set. */
  readonly cloud: string;
  readonly maxRequestsPerSecond: number;
}

const HUAWEI_HOW =
  "Set the stack config huaweicloud:accessKey and huaweicloud:secretKey " +
  "(`pulumi config set huaweicloud:accessKey <ak>`, `pulumi config set --secret huaweicloud:secretKey <sk>`) " +
  "or the environment variables HW_ACCESS_KEY and HW_SECRET_KEY; or, for IAM token auth, " +
  "huaweicloud:domainName, huaweicloud:userName and huaweicloud:password (HW_DOMAIN_NAME, HW_USER_NAME, HW_USER_PASSWORD).";

export function huaweiSettings(): HuaweiSettings {
  const accessKey = setting("huaweicloud:accessKey", ["HW_ACCESS_KEY"]);
  const secretKey = setting("huaweicloud:secretKey", ["HW_SECRET_KEY"]);
  const domainName = setting("huaweicloud:domainName", ["HW_DOMAIN_NAME"]);
  const userName = setting("huaweicloud:userName", ["HW_USER_NAME"]);
  const password = setting("huaweicloud:password", ["HW_USER_PASSWORD"]);
  const hasKeys = !!accessKey && !!secretKey;
  const hasUser = !!domainName && !!userName && !!password;
  if (!hasKeys && !hasUser) {
    const partial = accessKey || secretKey ? " Only one of the access key and the secret key is set." : "";
    throw missingCredentials("Huawei Cloud", `${HUAWEI_HOW}${partial}`);
  }
  const region = setting("huaweicloud:region", ["HW_REGION_NAME"]);
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
  const projectId = setting("huaweicloud:projectId", ["HW_PROJECT_ID"]);
  if (!projectId) {
    throw new Error(
      `Huawei Cloud project id is not configured. Set the stack config huaweicloud:projectId to the project id of ${region} ` +
        "(IAM console, My Credentials > Projects) or the environment variable HW_PROJECT_ID. It is never looked up automatically.",
    );
  }
  const rps = Number(setting("streamjobs:maxRequestsPerSecond", ["STREAMJOBS_MAX_REQUESTS_PER_SECOND"]) ?? "10");
  return {
    accessKey: hasKeys ? accessKey : undefined,
    secretKey: hasKeys ? secretKey : undefined,
    securityToken: hasKeys ? setting("huaweicloud:securityToken", ["HW_SECURITY_TOKEN"]) : undefined,
    password: hasKeys
      ? undefined
      : {
          domainName: domainName as string,
          userName: userName as string,
          password: password as string,
          authUrl: setting("huaweicloud:authUrl", ["HW_AUTH_URL"]),
        },
    region,
    projectId,
    endpoint: setting("huaweicloud:endpoint", ["HW_ENDPOINT"]) ?? globalEndpoint(),
    cloud: setting("huaweicloud:cloud", ["HW_CLOUD"]) ?? "myhuaweicloud.com",
    maxRequestsPerSecond: Number.isFinite(rps) && rps > 0 ? rps : 10,
  };
}
