/**
 * Huawei Cloud AK/SK request signing (SDK-HMAC-SHA256), used by the EventGrid, DIS and DMS clients
 * and verified by the emulator.
 *
 * Why our own signer instead of `@huaweicloud/huaweicloud-sdk-core`: that package logs the full
 * request config (Authorization header included) through log4js on every failed call, has no
 * request timeout unless one is threaded through axios options, never retries throttling, may
 * look up or even create an IAM project when no project id is given, and fails to load without an
 * undeclared `uuid` dependency. The algorithm is an HMAC over a canonical request; the tests pin
 * it to the four published vectors (test/unit/transport/huawei-signature.test.ts).
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { sha256Hex } from "./alibaba-signature";

export const ALGORITHM = "SDK-HMAC-SHA256";

/** `A-Z a-z 0-9 - _ . ~` stay literal; every other UTF-8 byte becomes `%XX` (upper-case hex). */
export function huaweiEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The canonical URI: each path segment encoded, always ending in `/`. `path` is the path as sent
 * (already percent-encoded), so each segment is decoded before it is encoded again; a path built
 * from raw names and one received off the wire canonicalise the same.
 */
export function canonicalUri(path: string): string {
  const encoded = path
    .split("/")
    .map((s) => huaweiEncode(decodeSegment(s)))
    .join("/");
  return encoded.endsWith("/") ? encoded : `${encoded}/`;
}

/** Query pairs as sent (`URLSearchParams` order), canonicalised: sorted by key, then by value. */
export function canonicalQuery(pairs: Iterable<readonly [string, string]>): string {
  const encoded = [...pairs].map(([k, v]) => [huaweiEncode(k), huaweiEncode(v)] as const);
  encoded.sort(([ka, va], [kb, vb]) => (ka < kb ? -1 : ka > kb ? 1 : va < vb ? -1 : va > vb ? 1 : 0));
  return encoded.map(([k, v]) => `${k}=${v}`).join("&");
}

/** Header names lower-cased; a name given twice keeps its last value. */
function lowerCaseHeaders(headers: Readonly<Record<string, string>>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(headers)) out.set(k.toLowerCase(), v);
  return out;
}

export interface CanonicalInput {
  readonly method: string;
  /** The path as sent, e.g. `/v1/0123…/eventrouter/jobs`. */
  readonly path: string;
  readonly query: Iterable<readonly [string, string]>;
  /** Every request header; only those named in `signedHeaders` take part. */
  readonly headers: Readonly<Record<string, string>>;
  /** Lower-case names, sorted. */
  readonly signedHeaders: readonly string[];
  readonly body: string | Buffer;
}

export function canonicalRequest(input: CanonicalInput): string {
  const headers = lowerCaseHeaders(input.headers);
  const canonicalHeaders = input.signedHeaders.map((h) => `${h}:${(headers.get(h) ?? "").trim()}\n`).join("");
  const payloadHash = headers.get("x-sdk-content-sha256") ?? sha256Hex(input.body);
  return [input.method.toUpperCase(), canonicalUri(input.path), canonicalQuery(input.query), canonicalHeaders, input.signedHeaders.join(";"), payloadHash].join(
    "\n",
  );
}

export function stringToSign(sdkDate: string, canonical: string): string {
  return `${ALGORITHM}\n${sdkDate}\n${sha256Hex(canonical)}`;
}

export function signature(secretKey: string, toSign: string): string {
  return createHmac("sha256", secretKey).update(toSign).digest("hex");
}

/** `20060102T150405Z` for the given instant. */
export function sdkDate(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** Parses `YYYYMMDDTHHMMSSZ`; undefined when malformed. */
export function parseSdkDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const at = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return at.getUTCMonth() === mo - 1 && at.getUTCDate() === d ? at : undefined;
}

export interface SignRequest {
  readonly method: string;
  readonly url: URL;
  /** Headers to send; every one present is signed, plus `host` and `x-sdk-date`. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly accessKey: string;
  readonly secretKey: string;
  readonly now?: Date;
}

/**
 * Returns the headers to send: the given ones plus `X-Sdk-Date`, `Host` and `Authorization`. Like
 * the vendor's Node SDK, every header present at signing time is signed.
 */
export function signRequest(req: SignRequest): Record<string, string> {
  const headers: Record<string, string> = { ...req.headers };
  const lower = lowerCaseHeaders(headers);
  const date = lower.get("x-sdk-date") ?? sdkDate(req.now ?? new Date());
  if (!lower.has("x-sdk-date")) headers["X-Sdk-Date"] = date;
  if (!lower.has("host")) headers.Host = req.url.host;
  const signedHeaders = [...lowerCaseHeaders(headers).keys()].sort();
  const canonical = canonicalRequest({
    method: req.method,
    path: req.url.pathname,
    query: req.url.searchParams,
    headers,
    signedHeaders,
    body: req.body,
  });
  const sig = signature(req.secretKey, stringToSign(date, canonical));
  headers.Authorization = `${ALGORITHM} Access=${req.accessKey}, SignedHeaders=${signedHeaders.join(";")}, Signature=${sig}`;
  return headers;
}

const AUTHORIZATION = /^SDK-HMAC-SHA256 Access=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/;

export interface ParsedAuthorization {
  readonly accessKey: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

export function parseAuthorization(value: string): ParsedAuthorization | undefined {
  const m = AUTHORIZATION.exec(value);
  if (!m?.[1] || !m[2] || !m[3]) return undefined;
  return { accessKey: m[1], signedHeaders: m[2].split(";"), signature: m[3] };
}

/** Constant-time check of a received signature against the one the secret key gives. */
export function signatureMatches(secretKey: string, sdkDateValue: string, input: CanonicalInput, received: string): boolean {
  const expected = Buffer.from(signature(secretKey, stringToSign(sdkDateValue, canonicalRequest(input))));
  const got = Buffer.from(received);
  return expected.length === got.length && timingSafeEqual(expected, got);
}
