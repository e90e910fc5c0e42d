/**
 * Verifies Alibaba request signatures the way the gateway does: V1 (HMAC-SHA1 over the sorted
 * query and form parameters) and V3 (ACS3-HMAC-SHA256 over a canonical request), both against the
 * inventory's access keys, with the 15-minute timestamp window and single-use nonces.
 *
 * Signing primitives come from the provider's own signer, so a signer bug shows up as a failing
 * contract test against the vendor vectors rather than being mirrored here unnoticed.
 */
import type { IncomingHttpHeaders } from "node:http";
import { parseV3Authorization, sha256Hex, signaturesEqual, v1Signature, v3Signature, V3_ALGORITHM } from "../../provider/transport/alibaba-signature";
import { utcSeconds, type Clock } from "../clock";
import { headerValue } from "../http-headers";
import { alibabaErrors } from "../errors/alibaba";

/** Both the timestamp skew and how long a nonce stays used. */
export const SIGNATURE_WINDOW_MS = 15 * 60 * 1000;

export interface SignedRequest {
  readonly method: string;
  /** Decoded query parameters. */
  readonly query: Readonly<Record<string, string>>;
  /** Decoded form-body parameters. */
  readonly form: Readonly<Record<string, string>>;
  readonly headers: IncomingHttpHeaders;
  readonly rawBody: Buffer;
}

export interface Authenticated {
  readonly scheme: "v1" | "v3";
  readonly accessKeyId: string;
}

/** Nonces seen within the window, per access key. Insertion order is time order, so expiry pops from the front. */
export class NonceCache {
  private readonly seen = new Map<string, number>();

  /** @returns false when the nonce was already used inside the window. */
  use(accessKeyId: string, nonce: string, now: number): boolean {
    for (const [key, expires] of this.seen) {
      if (expires > now) break;
      this.seen.delete(key);
    }
    const key = `${accessKeyId}\n${nonce}`;
    const expires = this.seen.get(key);
    if (expires !== undefined && expires > now) return false;
    this.seen.delete(key);
    this.seen.set(key, now + SIGNATURE_WINDOW_MS);
    return true;
  }
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** Headers V3 requires, which must also be covered by SignedHeaders. */
const V3_REQUIRED_HEADERS = ["x-acs-version", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"] as const;
const V3_MUST_SIGN = ["host", "x-acs-action", ...V3_REQUIRED_HEADERS] as const;

export class AlibabaAuthenticator {
  constructor(
    private readonly secretFor: (accessKeyId: string) => string | undefined,
    private readonly clock: Clock,
    private readonly nonces: NonceCache = new NonceCache(),
  ) {}

  /** V3 when an Authorization header is present, otherwise V1. Throws an AlibabaError on failure. */
  verify(req: SignedRequest): Authenticated {
    return headerValue(req.headers, "authorization") !== undefined || headerValue(req.headers, "x-acs-action") !== undefined
      ? this.verifyV3(req)
      : this.verifyV1(req);
  }

  private verifyV1(req: SignedRequest): Authenticated {
    const q = req.query;
    const need = (name: string): string => {
      const v = q[name];
      if (v === undefined || v === "") throw alibabaErrors.missingParameter(name);
      return v;
    };
    const id = need("AccessKeyId");
    const signature = need("Signature");
    const method = need("SignatureMethod");
    const version = need("SignatureVersion");
    const timestamp = need("Timestamp");
    const nonce = need("SignatureNonce");
    if (method !== "HMAC-SHA1") throw alibabaErrors.unsupportedSignatureMethod("SignatureMethod", method, "HMAC-SHA1");
    if (version !== "1.0") throw alibabaErrors.unsupportedSignatureMethod("SignatureVersion", version, "1.0");
    this.checkTimestamp("Timestamp", timestamp);
    const secret = this.secretFor(id);
    if (secret === undefined) throw alibabaErrors.accessKeyNotFound();
    const unsigned: Record<string, string> = { ...q };
    delete unsigned.Signature;
    // The SDK signs query and form parameters as one set, the body winning on a clash.
    const expected = v1Signature(req.method, { ...unsigned, ...req.form }, secret);
    if (!signaturesEqual(expected, signature)) {
      throw alibabaErrors.signatureDoesNotMatch(
        "Check the AccessKeySecret and that the string to sign is METHOD&%2F&<every query and form parameter except Signature, sorted, RFC 3986-encoded>.",
      );
    }
    this.useNonce(id, nonce);
    return { scheme: "v1", accessKeyId: id };
  }

  private verifyV3(req: SignedRequest): Authenticated {
    const authorization = headerValue(req.headers, "authorization");
    if (authorization === undefined) throw alibabaErrors.incompleteSignature("the Authorization header is missing.");
    if (!authorization.startsWith(`${V3_ALGORITHM} `)) {
      throw alibabaErrors.incompleteSignature(`the Authorization header must use ${V3_ALGORITHM}.`);
    }
    const auth = parseV3Authorization(authorization);
    if (auth === undefined) {
      throw alibabaErrors.incompleteSignature(
        `the Authorization header must read "${V3_ALGORITHM} Credential=<AccessKeyId>,SignedHeaders=<names>,Signature=<hex>".`,
      );
    }
    for (const name of V3_REQUIRED_HEADERS) {
      if (headerValue(req.headers, name) === undefined) throw alibabaErrors.missingParameter(name);
    }
    for (const name of V3_MUST_SIGN) {
      if (!auth.signedHeaders.includes(name)) throw alibabaErrors.incompleteSignature(`SignedHeaders must include ${name}.`);
    }
    this.checkTimestamp("x-acs-date", headerValue(req.headers, "x-acs-date") as string);
    const hashedPayload = headerValue(req.headers, "x-acs-content-sha256") as string;
    if (hashedPayload !== sha256Hex(req.rawBody)) {
      throw alibabaErrors.signatureDoesNotMatch("The x-acs-content-sha256 header is not the hex SHA-256 of the request body.");
    }
    const secret = this.secretFor(auth.accessKeyId);
    if (secret === undefined) throw alibabaErrors.accessKeyNotFound();
    const headers: Record<string, string> = {};
    for (const name of auth.signedHeaders) headers[name] = headerValue(req.headers, name) ?? "";
    const expected = v3Signature({ method: req.method, pathname: "/", query: req.query, headers, signedHeaders: auth.signedHeaders, hashedPayload }, secret);
    if (!signaturesEqual(expected, auth.signature)) {
      throw alibabaErrors.signatureDoesNotMatch(
        "Check the AccessKeySecret and the canonical request: METHOD, /, sorted RFC 3986 query, the SignedHeaders lines, their names, the body hash.",
      );
    }
    this.useNonce(auth.accessKeyId, headerValue(req.headers, "x-acs-signature-nonce") as string);
    return { scheme: "v3", accessKeyId: auth.accessKeyId };
  }

  private checkTimestamp(name: string, value: string): void {
    const at = TIMESTAMP.test(value) ? Date.parse(value) : Number.NaN;
    if (Number.isNaN(at)) throw alibabaErrors.timestampFormat(name, value);
    const now = this.clock.now();
    if (Math.abs(at - now) > SIGNATURE_WINDOW_MS) {
      throw alibabaErrors.timestampExpired(name, value, utcSeconds(now));
    }
  }

  private useNonce(accessKeyId: string, nonce: string): void {
    if (!this.nonces.use(accessKeyId, nonce, this.clock.now())) throw alibabaErrors.signatureNonceUsed();
  }
}
