/**
 * Authenticates Huawei Cloud calls the way the API gateway does (docs/vendors/huawei-signing.md,
 * #sdk-hmac-sha256 and #iam-token): either an `X-Auth-Token` issued by the emulated IAM, or an SDK-HMAC-SHA256 signature over
 * the canonical request, checked against the inventory's access keys.
 *
 * The signature is rebuilt from the raw path, the raw query, the raw body and exactly the headers the
 * client listed in SignedHeaders (clients disagree on which headers they sign, so the verifier must
 * trust the list). Signing primitives come from the provider's own signer, so a signer bug shows up
 * as a failing contract test against the vendor vectors rather than being mirrored here unnoticed.
 *
 * Tokens are opaque random strings kept in memory only: a restarted emulator forgets them and callers
 * get a new one, as they would after a token is revoked.
 */
import { randomBytes } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { parseAuthorization, parseSdkDate, signatureMatches } from "../../provider/transport/huawei-signature";
import { utcSeconds, type Clock } from "../clock";
import { apigErrors } from "../errors/huawei";
import { headerValue } from "../http-headers";

/** [inferred] APIG's window for `X-Sdk-Date` (the reference could not confirm the exact value). */
export const SIGNATURE_SKEW_MS = 15 * 60 * 1000;
/** IAM tokens are valid for 24 hours [doc]. */
export const TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;
/**
 * [doc] The gateway's lock on an access key after consecutive signature failures: 5 failures lock
 * it for 5 minutes, during which every AK/SK call with it is refused, even a correctly signed one
 * (Huawei Cloud API Request Signing Guide, FAQs, common errors related to IAM authentication
 * information). A success resets the count.
 */
export interface AccessKeyLockout {
  readonly failures: number;
  readonly lockMs: number;
}

export const AK_LOCKOUT: AccessKeyLockout = { failures: 5, lockMs: 5 * 60 * 1000 };

/** Tokens kept at most; the oldest go first (a client that asks for a token per call must not grow memory). */
const MAX_TOKENS = 10_000;

/** What a token stands for. */
export interface IssuedToken {
  /** The project the token is scoped to. */
  readonly projectId: string;
  /** `domain/name` of the IAM user. */
  readonly user: string;
  readonly issuedAt: number;
  readonly expiresAt: number;
}

export class TokenStore {
  private readonly tokens = new Map<string, IssuedToken>();

  /** @returns the token string for `X-Subject-Token`. */
  issue(grant: Omit<IssuedToken, "expiresAt">): { token: string; issued: IssuedToken } {
    this.forgetExpired(grant.issuedAt);
    if (this.tokens.size >= MAX_TOKENS) {
      const oldest = this.tokens.keys().next().value;
      if (oldest !== undefined) this.tokens.delete(oldest);
    }
    // Real tokens are long base64 blobs starting with "MII" (a PKI token); the prefix keeps the look.
    const token = `MII${randomBytes(48).toString("base64url")}`;
    const issued: IssuedToken = { ...grant, expiresAt: grant.issuedAt + TOKEN_LIFETIME_MS };
    this.tokens.set(token, issued);
    return { token, issued };
  }

  /** The live token, or why it is not one. */
  find(token: string, now: number): { ok: true; token: IssuedToken } | { ok: false; why: string } {
    const found = this.tokens.get(token);
    if (found === undefined) return { ok: false, why: "the token is not valid." };
    if (now >= found.expiresAt) {
      this.tokens.delete(token);
      return { ok: false, why: "the token has expired." };
    }
    return { ok: true, token: found };
  }

  private forgetExpired(now: number): void {
    // Insertion order is issue order and every token lives equally long, so expiry pops from the front.
    for (const [token, t] of this.tokens) {
      if (t.expiresAt > now) break;
      this.tokens.delete(token);
    }
  }
}

export interface HuaweiSignedRequest {
  readonly method: string;
  /** The request target's path exactly as received (still percent-encoded). */
  readonly rawPath: string;
  /** The request target's query exactly as received, without `?`. */
  readonly rawQuery: string;
  readonly headers: IncomingHttpHeaders;
  readonly rawBody: Buffer;
}

/** Who is calling. */
export type HuaweiCaller = { readonly kind: "aksk"; readonly accessKey: string } | { readonly kind: "token"; readonly token: IssuedToken };

function headerRecord(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(headers)) {
    const v = headerValue(headers, name);
    if (v !== undefined) out[name] = v;
  }
  return out;
}

/** Per access key: consecutive signature failures, and when a lock ends. Only inventory keys get an entry, so it stays small. */
interface KeyRecord {
  failures: number;
  lockedUntil: number;
}

export class HuaweiAuthenticator {
  private readonly keys = new Map<string, KeyRecord>();

  /** @param lockout `false` turns the lock off (for tests that send many bad signatures with one key). */
  constructor(
    private readonly secretFor: (accessKey: string) => string | undefined,
    private readonly clock: Clock,
    readonly tokens: TokenStore = new TokenStore(),
    private readonly lockout: AccessKeyLockout | false = AK_LOCKOUT,
  ) {}

  /** Token auth when `X-Auth-Token` is present, AK/SK otherwise. Throws a HuaweiError (401 APIGW.0301). */
  verify(req: HuaweiSignedRequest): HuaweiCaller {
    const token = headerValue(req.headers, "x-auth-token");
    if (token !== undefined) {
      const found = this.tokens.find(token, this.clock.now());
      if (!found.ok) throw apigErrors.unauthenticated(found.why);
      return { kind: "token", token: found.token };
    }
    return this.verifySignature(req);
  }

  /**
   * Whether the caller may act in `projectId`. [inferred] A token is bound to the project it was
   * scoped to; an AK/SK opens every project of the account, i.e. every inventory project.
   */
  authorizeProject(caller: HuaweiCaller, projectId: string, accountHasProject: boolean): void {
    const allowed = caller.kind === "token" ? caller.token.projectId === projectId : accountHasProject;
    if (!allowed) throw apigErrors.projectDenied(projectId);
  }

  private verifySignature(req: HuaweiSignedRequest): HuaweiCaller {
    const authorization = headerValue(req.headers, "authorization");
    if (authorization === undefined) throw apigErrors.unauthenticated("neither an X-Auth-Token nor an Authorization header is present.");
    const auth = parseAuthorization(authorization);
    if (auth === undefined) {
      throw apigErrors.unauthenticated(
        'the Authorization header must read "SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<names joined by ;>, Signature=<64 lowercase hex>".',
      );
    }
    const date = headerValue(req.headers, "x-sdk-date");
    if (date === undefined) throw apigErrors.unauthenticated("the X-Sdk-Date header is missing.");
    const at = parseSdkDate(date);
    if (at === undefined) throw apigErrors.unauthenticated(`the X-Sdk-Date header "${date}" is not a UTC time written YYYYMMDDTHHMMSSZ.`);
    const now = this.clock.now();
    if (Math.abs(at.getTime() - now) > SIGNATURE_SKEW_MS) {
      throw apigErrors.unauthenticated(`the X-Sdk-Date "${date}" differs from the server time ${utcSeconds(now)} by more than 15 minutes.`);
    }
    const secret = this.secretFor(auth.accessKey);
    if (secret === undefined) throw apigErrors.unauthenticated(`the access key ${auth.accessKey} does not exist.`);
    const record = this.keys.get(auth.accessKey);
    if (record !== undefined && now < record.lockedUntil) throw apigErrors.accessKeyLocked(utcSeconds(record.lockedUntil));
    const input = {
      method: req.method,
      path: req.rawPath,
      query: new URLSearchParams(req.rawQuery),
      headers: headerRecord(req.headers),
      signedHeaders: auth.signedHeaders,
      body: req.rawBody,
    };
    if (!signatureMatches(secret, date, input, auth.signature)) {
      this.countFailure(auth.accessKey, now);
      throw apigErrors.unauthenticated(
        "verify aksk signature fail. Check the secret key and the canonical request: METHOD, the path ending in /, the sorted query, the SignedHeaders lines, their names, the body hash.",
      );
    }
    this.keys.delete(auth.accessKey);
    return { kind: "aksk", accessKey: auth.accessKey };
  }

  /** [inferred] Only a signature that does not match counts (not a stale date or a malformed header); the count restarts once a lock is set. */
  private countFailure(accessKey: string, now: number): void {
    if (this.lockout === false) return;
    const record = this.keys.get(accessKey) ?? { failures: 0, lockedUntil: 0 };
    record.failures++;
    if (record.failures >= this.lockout.failures) {
      record.failures = 0;
      record.lockedUntil = now + this.lockout.lockMs;
    }
    this.keys.set(accessKey, record);
  }
}
