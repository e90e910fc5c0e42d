/**
 * An SDK-HMAC-SHA256 signer of the conformance tier's own, written from the published algorithm
 * (the official Go SDK's core/auth/signer/signer.go, huaweicloud/huaweicloud-sdk-go-v3@1cd70eb6)
 * and checked against the vendors' published vectors (huawei-sdk-hmac.test.ts). It shares no code
 * with provider/transport/huawei-signature.ts, which the provider signs with and the emulator
 * verifies with: a mistake there cannot hide here.
 *
 * The algorithm, step by step:
 *  1. X-Sdk-Date is the UTC time written `YYYYMMDDTHHMMSSZ`.
 *  2. The canonical request is six lines: the method; the path with every segment escaped and a
 *     `/` at the end (always, even though the path sent has none); the query, each key and value
 *     escaped, sorted by key and then by value, joined `k=v&…`; one `name:value` line per signed
 *     header (names lower-case and sorted, values trimmed) followed by an empty line; the signed
 *     names joined by `;`; the hex SHA-256 of the body (or the X-Sdk-Content-Sha256 header).
 *     Escaping keeps `A-Z a-z 0-9 _ - ~ .` and writes every other UTF-8 byte as `%XX`, upper case.
 *  3. The string to sign is `SDK-HMAC-SHA256`, the date and the hex SHA-256 of the canonical
 *     request, one per line; the signature is the hex HMAC-SHA256 of it keyed with the secret key.
 *  4. `Authorization: SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<names>, Signature=<hex>`.
 *
 * Which headers are signed differs between the vendor's SDKs. The Go SDK signs every header in
 * its request's header map except names starting with `content-type` and names containing `_`;
 * Host is not in that map (Go's transport writes it), so Go requests sign neither Host nor
 * Content-Type. The Node SDK signs every header present, Host and Content-Type included.
 */
import { createHash, createHmac } from "node:crypto";

export const ALGORITHM = "SDK-HMAC-SHA256";

const UNRESERVED = /^[A-Za-z0-9_\-~.]$/;

/** `%XX` for every UTF-8 byte outside `A-Z a-z 0-9 _ - ~ .`. */
export function sdkEscape(value: string): string {
  let out = "";
  for (const byte of Buffer.from(value, "utf8")) {
    const c = String.fromCharCode(byte);
    out += UNRESERVED.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** `path` is unescaped (path parameters as values, not percent-encoded). */
function canonicalPath(path: string): string {
  const joined = path.split("/").map(sdkEscape).join("/");
  return joined.endsWith("/") ? joined : `${joined}/`;
}

function canonicalQueryOf(query: readonly (readonly [string, string])[]): string {
  const byKey = new Map<string, string[]>();
  for (const [k, v] of query) byKey.set(k, [...(byKey.get(k) ?? []), v]);
  const lines: string[] = [];
  for (const key of [...byKey.keys()].sort()) {
    for (const v of (byKey.get(key) ?? []).sort()) lines.push(`${sdkEscape(key)}=${sdkEscape(v)}`);
  }
  return lines.join("&");
}

export interface CanonicalParts {
  readonly method: string;
  /** Unescaped path. */
  readonly path: string;
  /** Unescaped query pairs, in any order. */
  readonly query: readonly (readonly [string, string])[];
  readonly headers: Readonly<Record<string, string>>;
  /** Lower-case names. */
  readonly signedHeaders: readonly string[];
  readonly body: string;
}

export function canonicalRequest(p: CanonicalParts): string {
  const lower = new Map(Object.entries(p.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const signed = [...p.signedHeaders].sort();
  const headerLines = signed.map((name) => `${name}:${(lower.get(name) ?? "").trim()}`).join("\n");
  const payload = lower.get("x-sdk-content-sha256") ?? sha256(p.body);
  return [p.method.toUpperCase(), canonicalPath(p.path), canonicalQueryOf(p.query), `${headerLines}\n`, signed.join(";"), payload].join("\n");
}

export function stringToSign(date: string, canonical: string): string {
  return `${ALGORITHM}\n${date}\n${sha256(canonical)}`;
}

export function signatureOf(secretKey: string, toSign: string): string {
  return createHmac("sha256", Buffer.from(secretKey, "utf8")).update(toSign).digest("hex");
}

/** Which header names an SDK signs, from the names present when it signs. */
export type SignedHeaderRule = (names: readonly string[]) => string[];

/** The Go SDK's rule (core/auth/signer/signer.go extractSignedHeaders). */
export const goSdkSignedHeaders: SignedHeaderRule = (names) =>
  names.filter((n) => !n.toLowerCase().startsWith("content-type") && !n.includes("_")).map((n) => n.toLowerCase());

/** The Node SDK's rule: every header present. */
export const nodeSdkSignedHeaders: SignedHeaderRule = (names) => names.map((n) => n.toLowerCase());

/** `20060102T150405Z`. */
export function sdkDateOf(at: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${at.getUTCFullYear()}${p(at.getUTCMonth() + 1)}${p(at.getUTCDate())}T${p(at.getUTCHours())}${p(at.getUTCMinutes())}${p(at.getUTCSeconds())}Z`;
}

export interface SignInput {
  readonly method: string;
  readonly path: string;
  readonly query: readonly (readonly [string, string])[];
  /** The SDK's header map at signing time, X-Sdk-Date included. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly accessKey: string;
  readonly secretKey: string;
  readonly rule: SignedHeaderRule;
}

/** The Authorization header value for the request. */
export function authorization(input: SignInput): string {
  const date = Object.entries(input.headers).find(([k]) => k.toLowerCase() === "x-sdk-date")?.[1];
  if (date === undefined) throw new Error("sign: the header map has no X-Sdk-Date");
  const signedHeaders = [...new Set(input.rule(Object.keys(input.headers)))].sort();
  const canonical = canonicalRequest({ ...input, signedHeaders });
  const sig = signatureOf(input.secretKey, stringToSign(date, canonical));
  return `${ALGORITHM} Access=${input.accessKey}, SignedHeaders=${signedHeaders.join(";")}, Signature=${sig}`;
}
