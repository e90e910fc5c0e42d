/**
 * ACS3-HMAC-SHA256, Alibaba Cloud's signature V3, written for the conformance tier only.
 *
 * It follows the vendor's published algorithm (page "Request syntax and signature method V3") and
 * the official Go SDK that implements it (alibabacloud-go/darabonba-openapi
 * @fbb884fc2d3ad7d28aacd89a70594ca4e7b88731: utils/client.go GetAuthorization,
 * getCanonicalQueryString, getCanonicalHeaders; alibabacloud-go/tea dara/form.go ToFormString).
 * It deliberately shares nothing with the provider's signer, so one wrong primitive cannot make the
 * client and the emulator agree with each other while both disagree with the cloud.
 *
 * What the SDK does, in the order this file does it:
 * - canonical query: keys sorted by bytes and written as they are; each value through Go's
 *   `url.QueryEscape`, then `+` → `%20`, `*` → `%2A`, `%7E` → `~`; an empty value gives `key=`;
 * - canonical headers: `host`, `content-type` and every `x-acs-*` header, names lower-cased, values
 *   trimmed, sorted by name, one `name:value\n` each; SignedHeaders are those names joined by `;`;
 * - canonical request: method, pathname, canonical query, canonical headers, signed headers and the
 *   hex SHA-256 of the body, joined by `\n`;
 * - string to sign: the algorithm name, `\n`, the hex SHA-256 of the canonical request;
 * - signature: hex HMAC-SHA256 keyed with the AccessKey secret;
 * - a form body is Go's `url.Values.Encode()`: keys sorted, keys and values through `QueryEscape`
 *   (so a space is `+` there, unlike in the canonical query).
 */
import { createHash, createHmac } from "node:crypto";

export const ACS3_ALGORITHM = "ACS3-HMAC-SHA256";

/** Bytes Go's `url.QueryEscape` leaves alone: letters, digits and `-_.~`. */
function unreserved(byte: number): boolean {
  return (
    (byte >= 0x30 && byte <= 0x39) ||
    (byte >= 0x41 && byte <= 0x5a) ||
    (byte >= 0x61 && byte <= 0x7a) ||
    byte === 0x2d ||
    byte === 0x5f ||
    byte === 0x2e ||
    byte === 0x7e
  );
}

/** Go's `url.QueryEscape`: the UTF-8 bytes, unreserved ones as they are, a space as `+`, the rest `%XX`. */
export function goQueryEscape(value: string): string {
  let out = "";
  for (const byte of Buffer.from(value, "utf8")) {
    if (unreserved(byte)) out += String.fromCharCode(byte);
    else if (byte === 0x20) out += "+";
    else out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** A value as the SDK writes it into the canonical query. */
export function canonicalValue(value: string): string {
  return goQueryEscape(value).replaceAll("+", "%20").replaceAll("*", "%2A").replaceAll("%7E", "~");
}

const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));

export function canonicalQueryString(query: Readonly<Record<string, string>>): string {
  return Object.keys(query)
    .sort(byBytes)
    .map((key) => {
      const value = query[key] ?? "";
      return value === "" ? `${key}=` : `${key}=${canonicalValue(value)}`;
    })
    .join("&");
}

const isSigned = (lowerName: string) => lowerName === "host" || lowerName === "content-type" || lowerName.startsWith("x-acs-");

export function canonicalHeaders(headers: Readonly<Record<string, string>>): { readonly text: string; readonly signedHeaders: readonly string[] } {
  const kept = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (isSigned(lower)) kept.set(lower, value.trim());
  }
  const signedHeaders = [...kept.keys()].sort(byBytes);
  return { text: signedHeaders.map((name) => `${name}:${kept.get(name)}\n`).join(""), signedHeaders };
}

export function hexSha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

export interface Acs3Request {
  readonly method: string;
  readonly pathname: string;
  readonly query: Readonly<Record<string, string>>;
  /** Every header the request carries; the signed ones are picked out here. */
  readonly headers: Readonly<Record<string, string>>;
  /** The exact body bytes (empty string when there is none). */
  readonly body: string | Buffer;
}

export interface Acs3Signed {
  readonly canonicalRequest: string;
  readonly stringToSign: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
  readonly authorization: string;
}

export function acs3Sign(req: Acs3Request, accessKeyId: string, accessKeySecret: string): Acs3Signed {
  const headers = canonicalHeaders(req.headers);
  const canonicalRequest = [
    req.method,
    req.pathname === "" ? "/" : req.pathname,
    canonicalQueryString(req.query),
    headers.text,
    headers.signedHeaders.join(";"),
    hexSha256(req.body),
  ].join("\n");
  const stringToSign = `${ACS3_ALGORITHM}\n${hexSha256(canonicalRequest)}`;
  const signature = createHmac("sha256", accessKeySecret).update(stringToSign).digest("hex");
  const authorization = `${ACS3_ALGORITHM} Credential=${accessKeyId},SignedHeaders=${headers.signedHeaders.join(";")},Signature=${signature}`;
  return { canonicalRequest, stringToSign, signedHeaders: headers.signedHeaders, signature, authorization };
}

/** The parts of an `Authorization: ACS3-HMAC-SHA256 …` header, or undefined when it has another form. */
export function parseAcs3Authorization(header: string): { accessKeyId: string; signedHeaders: string[]; signature: string } | undefined {
  const m = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/.exec(header);
  if (m === null) return undefined;
  return { accessKeyId: m[1] as string, signedHeaders: (m[2] as string).split(";"), signature: m[3] as string };
}

/** A form body as the SDK writes it (Go `url.Values.Encode()`). */
export function sdkFormBody(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .sort(byBytes)
    .map((key) => `${goQueryEscape(key)}=${goQueryEscape(params[key] ?? "")}`)
    .join("&");
}
