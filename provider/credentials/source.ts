/**
 * What both clouds' credential chains are built from: a credential source (static keys, or
 * temporary keys fetched from a metadata or STS service and renewed before they expire), the HTTP
 * exchange those services answer, and the error a source raises.
 *
 * Why our own chain instead of `@alicloud/credentials` (or the Huawei SDK's providers): the vendor
 * libraries put response bodies and file contents into their error messages (the CLI profile
 * reader quotes the whole config file, secrets included, when it fails to parse), bring an HTTP
 * stack of their own beside ours, and sign STS calls with a signer other than the one the tests pin
 * to the published vectors. The chain is a few small sources; every message here names a source and
 * a status or code, never a key, token or body.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { redact } from "../engine/redact";

/** Keys to sign with: an access key id and secret, plus a security token when they are temporary. */
export interface Credentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string;
  /** Epoch ms after which temporary keys stop working; undefined for long-lived keys. */
  readonly expiresAt?: number;
}

/** One way of obtaining credentials; `name` says which (for messages, never a secret). */
export interface CredentialSource {
  readonly name: string;
  /** Tells sources apart (a hash of what the source was built from; never a secret in clear). */
  readonly id: string;
  credentials(): Promise<Credentials>;
}

/** A source failed: the message names the source and what went wrong, without any secret. */
export class CredentialError extends Error {
  override readonly name = "CredentialError";
}

/** The injectable I/O of the sources that call a service (tests pass fakes or a loopback server). */
export interface SourceIo {
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
  /** Per-request timeout of metadata and STS calls. @default 5000 */
  readonly timeoutMs?: number;
}

export function staticSource(name: string, credentials: Credentials): CredentialSource {
  return { name, id: hashOf(["static", credentials]), credentials: async () => credentials };
}

function hashOf(parts: readonly unknown[]): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}

/**
 * Temporary credentials from `fetchOnce`, kept until `marginMs` before they expire and then fetched
 * again. Concurrent callers share one fetch. When a renewal fails while the keys held are still
 * valid, those keys are used and the next call tries again.
 */
export function refreshing(name: string, marginMs: number, fetchOnce: () => Promise<Credentials>, io: SourceIo = {}): Omit<CredentialSource, "id"> {
  const now = io.now ?? Date.now;
  let held: Credentials | undefined;
  let pending: Promise<Credentials> | undefined;
  const fresh = (c: Credentials | undefined): c is Credentials => c !== undefined && (c.expiresAt === undefined || c.expiresAt - marginMs > now());
  return {
    name,
    async credentials() {
      if (fresh(held)) return held;
      pending ??= fetchOnce().finally(() => {
        pending = undefined;
      });
      try {
        held = await pending;
        return held;
      } catch (err) {
        if (held?.expiresAt !== undefined && held.expiresAt > now()) return held;
        throw err;
      }
    },
  };
}

export interface ServiceAnswer {
  readonly status: number;
  readonly text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  readonly json: unknown;
}

/**
 * One HTTP exchange with a metadata or STS service. A network failure or timeout becomes a
 * CredentialError naming `what` and the URL's origin and path (never its query, never a body).
 */
export async function exchange(what: string, url: URL, init: RequestInit, io: SourceIo): Promise<ServiceAnswer> {
  const doFetch = io.fetch ?? fetch;
  let res: Response;
  try {
    res = await doFetch(url, { ...init, signal: AbortSignal.timeout(io.timeoutMs ?? 5000) });
  } catch (err) {
    const cause = err instanceof Error ? (err.name === "TimeoutError" ? "timed out" : err.message) : String(err);
    throw new CredentialError(`${what}: no answer from ${url.origin}${url.pathname} (${cause})`);
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = text.trim() === "" ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json };
}

/**
 * A metadata service's session token (IMDSv2 on Alibaba, V2 "hardening" on Huawei): a PUT with
 * the TTL header the cloud names, asking for six hours, the longest both allow and what both
 * vendors' libraries ask for. `token` is undefined when the answer is not a 200 with a token.
 */
export async function metadataSessionToken(what: string, url: URL, ttlHeader: string, io: SourceIo): Promise<{ token?: string; answer: ServiceAnswer }> {
  const answer = await exchange(what, url, { method: "PUT", headers: { [ttlHeader]: "21600" } }, io);
  const token = answer.status === 200 ? answer.text.trim() : "";
  return token === "" ? { answer } : { token, answer };
}

/** A string field of a JSON object, or undefined. */
export function field(json: unknown, ...path: string[]): string | undefined {
  let at: unknown = json;
  for (const key of path) at = at !== null && typeof at === "object" ? (at as Record<string, unknown>)[key] : undefined;
  return typeof at === "string" && at !== "" ? at : undefined;
}

/**
 * A service's refusal as a CredentialError: its HTTP status and, when the body carries them, its
 * error code, message and request id, with every value of `secrets` scrubbed from the message.
 */
export function refused(
  what: string,
  answer: ServiceAnswer,
  code: string | undefined,
  message: string | undefined,
  requestId: string | undefined,
  secrets: readonly (string | undefined)[],
): CredentialError {
  const detail = [code, message === undefined ? undefined : redact(message, secrets)].filter((s) => s !== undefined).join(": ");
  return new CredentialError(`${what} failed: HTTP ${answer.status}${detail ? ` ${detail}` : ""}${requestId ? ` (request id ${requestId})` : ""}`);
}

/** An expiry time as the services write it (ISO 8601, UTC); a CredentialError when unreadable. */
export function expiryOf(what: string, value: string | undefined): number {
  const at = value === undefined ? Number.NaN : Date.parse(value);
  if (Number.isNaN(at)) throw new CredentialError(`${what}: the answer has no readable expiry time`);
  return at;
}

/** Sources by what they were built from, so every client in the process shares one renewal. */
const built = new Map<string, CredentialSource>();

/**
 * The source `make` builds for `parts`, built once per process. `parts` may hold secrets: only a
 * hash of them is kept as the key.
 */
export function shared(parts: readonly unknown[], make: () => Omit<CredentialSource, "id">): CredentialSource {
  const id = hashOf(parts);
  let source = built.get(id);
  if (source === undefined) {
    source = { ...make(), id };
    built.set(id, source);
  }
  return source;
}

/** Forgets every built source and the credentials they hold (tests; rotated keys). */
export function clearCredentialCache(): void {
  built.clear();
}

/** Where Linux exposes the firmware's identification (what the clouds' own agents read to tell they run on their VMs). */
export const DMI_DIR = "/sys/class/dmi/id";

/** True when the DMI file `name` under `dir` exists and matches `pattern`. */
export function dmiMatches(dir: string, name: string, pattern: RegExp): boolean {
  try {
    return pattern.test(readFileSync(join(dir, name), "utf8"));
  } catch {
    return false;
  }
}

/** A config value holding a JSON object (Pulumi hands object config over as JSON text). */
export function objectSetting(key: string, text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CredentialError(`${key} must be an object (\`pulumi config set --path ${key}.<name> <value>\`); its value is not JSON.`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
    throw new CredentialError(`${key} must be an object; got ${Array.isArray(parsed) ? "a list" : typeof parsed}.`);
  return parsed as Record<string, unknown>;
}

/** A whole number of seconds within [min, max] from config or the environment, or `fallback`. */
export function secondsSetting(what: string, value: unknown, min: number, max: number, fallback: number): number {
  if (value === undefined || value === "" || value === 0) return fallback;
  const n = typeof value === "number" ? value : Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new CredentialError(`${what} must be a whole number of seconds from ${min} to ${max}; got ${JSON.stringify(value)}.`);
  return n;
}

/** How the settings read one value: stack config key first, then each environment variable. */
export type Read = (configKey: string | undefined, envKeys: readonly string[]) => string | undefined;

/** The keys a client signs with now: from the settings' source, or their static keys. */
export async function signingKeys(s: {
  readonly credentials?: CredentialSource | undefined;
  readonly accessKeyId?: string | undefined;
  readonly accessKeySecret?: string | undefined;
  readonly accessKey?: string | undefined;
  readonly secretKey?: string | undefined;
  readonly securityToken: string | undefined;
}): Promise<Credentials> {
  if (s.credentials) return s.credentials.credentials();
  const accessKeyId = s.accessKeyId ?? s.accessKey;
  const accessKeySecret = s.accessKeySecret ?? s.secretKey;
  if (!accessKeyId || !accessKeySecret) throw new CredentialError("no access keys are configured");
  return { accessKeyId, accessKeySecret, ...(s.securityToken && { securityToken: s.securityToken }) };
}
