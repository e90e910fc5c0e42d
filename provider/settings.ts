/**
 * Run-time settings: credentials, region and endpoint. They come from stack config through the
 * dynamic provider's `configure` (never from values captured into the serialized provider), or
 * from the environment variables each cloud's own tooling uses.
 */
import { missingCredentials } from "./errors";

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
  const rps = Number(setting("streamjobs:maxRequestsPerSecond", ["STREAMJOBS_MAX_REQUESTS_PER_SECOND"]) ?? "10");
  return {
    accessKeyId,
    accessKeySecret,
    securityToken: setting("alicloud:securityToken", ["ALIBABA_CLOUD_SECURITY_TOKEN"]),
    region: setting("alicloud:region", ["ALIBABA_CLOUD_REGION_ID"]),
    endpoint: setting("alicloud:endpoint", ["ALIBABA_CLOUD_ENDPOINT"]) ?? globalEndpoint(),
    maxRequestsPerSecond: Number.isFinite(rps) && rps > 0 ? rps : 10,
  };
}
