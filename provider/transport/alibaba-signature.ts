/**
 * Alibaba Cloud request signing: ACS3-HMAC-SHA256 (V3, what the client sends) and the legacy RPC
 * HMAC-SHA1 scheme (V1, which the emulator also accepts because terraform and older SDKs use it).
 *
 * Why our own signer instead of `@alicloud/openapi-client`: that client's retry loop never fires
 * (it only retries an error type it never throws), its default 3 s connect/read timeouts need
 * overriding in two places, its errors embed the whole response body (which for DescribeStreamingJob
 * holds the target database password in plain text), and it pulls a large dependency tree into
 * every place `pulumi` runs. Signing itself is a few dozen lines over `node:crypto`; the tests pin
 * it to the vendor's published vectors (test/unit/transport/alibaba-signature.test.ts).
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/** RFC 3986 percent-encoding as Alibaba canonicalises it: `!'()*` encoded, `~` literal, space `%20`. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** `k=v&…` with keys sorted in byte order and both sides percent-encoded. */
export function canonicalQuery(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .sort(byteOrder)
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k] ?? "")}`)
    .join("&");
}

export function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

// ---------------------------------------------------------------------------------------------
// V1: HMAC-SHA1 over the sorted query (plus form body) parameters.
// ---------------------------------------------------------------------------------------------

/** The V1 string to sign; `params` must not contain `Signature`. */
export function v1StringToSign(method: string, params: Readonly<Record<string, string>>): string {
  return `${method.toUpperCase()}&${percentEncode("/")}&${percentEncode(canonicalQuery(params))}`;
}

export function v1Signature(method: string, params: Readonly<Record<string, string>>, accessKeySecret: string): string {
  return createHmac("sha1", `${accessKeySecret}&`).update(v1StringToSign(method, params)).digest("base64");
}

// ---------------------------------------------------------------------------------------------
// V3: ACS3-HMAC-SHA256 over a canonical request built from method, query, signed headers, body hash.
// ---------------------------------------------------------------------------------------------

export const V3_ALGORITHM = "ACS3-HMAC-SHA256";

/** Header names V3 signs: `host`, `content-type` and every `x-acs-*`. */
export function isV3SignedHeader(lowercaseName: string): boolean {
  return lowercaseName === "host" || lowercaseName === "content-type" || lowercaseName.startsWith("x-acs-");
}

export interface V3Request {
  method: string;
  /** Canonical URI; `/` for RPC-style APIs. */
  pathname: string;
  query: Readonly<Record<string, string>>;
  /** Lower-case header names. Only those listed in `signedHeaders` are used. */
  headers: Readonly<Record<string, string>>;
  signedHeaders: readonly string[];
  /** Hex SHA-256 of the raw body (the `x-acs-content-sha256` header). */
  hashedPayload: string;
}

export function v3CanonicalRequest(req: V3Request): string {
  const names = [...req.signedHeaders].sort();
  const headerLines = names.map((n) => `${n}:${(req.headers[n] ?? "").trim()}\n`).join("");
  return [req.method.toUpperCase(), req.pathname, canonicalQuery(req.query), headerLines, names.join(";"), req.hashedPayload].join("\n");
}

export function v3Signature(req: V3Request, accessKeySecret: string): string {
  const stringToSign = `${V3_ALGORITHM}\n${sha256Hex(v3CanonicalRequest(req))}`;
  return createHmac("sha256", accessKeySecret).update(stringToSign).digest("hex");
}

export function v3AuthorizationHeader(accessKeyId: string, signedHeaders: readonly string[], signature: string): string {
  return `${V3_ALGORITHM} Credential=${accessKeyId},SignedHeaders=${[...signedHeaders].sort().join(";")},Signature=${signature}`;
}

export interface ParsedV3Authorization {
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

export function parseV3Authorization(header: string): ParsedV3Authorization | undefined {
  const m = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]+)$/.exec(header.trim());
  if (!m) return undefined;
  return { accessKeyId: m[1] as string, signedHeaders: (m[2] as string).split(";"), signature: m[3] as string };
}

/** Constant-time comparison of two signatures (hex or base64 text). */
export function signaturesEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}
