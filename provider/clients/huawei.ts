/**
 * The Huawei Cloud REST client shared by EventGrid, DMS and DIS: fills `{project_id}` into the path,
 * authenticates (AK/SK SDK-HMAC-SHA256 signing, or an IAM token cached until shortly before it
 * expires), sends with an explicit timeout, retries what is safe to retry, and turns failures into
 * ApiError with the service's code and request id. Pointed at a real region it talks to
 * `https://<service>.<region>.myhuaweicloud.com`; the emulator changes only the endpoint.
 *
 * Nothing here logs a request: the Authorization header, tokens and passwords never leave it
 * except on the wire, and error messages are built from the response's code and message with the
 * request's secrets redacted.
 */
import type { z } from "zod";
import { type CallOptions, type RestApi, THROTTLING_CODES, restRequest } from "../apis/huawei-rest";
import { signingKeys } from "../credentials/source";
import { ApiError, apiError, unexpectedResponse } from "../errors";
import type { HuaweiSettings } from "../settings";
import { signRequest } from "../transport/huawei-signature";
import { quotaFor } from "../transport/quotas";
import { bucketFor, paced } from "../transport/rate-limit";
import { type Io, type IoOptions, ioOf } from "../transport/io";
import { type AttemptOutcome, withRetries } from "../transport/retry-loop";

export type HuaweiService = "eg" | "dms" | "dis";

const SERVICE_NAMES: Record<HuaweiService | "iam", string> = { eg: "EventGrid", dms: "DMS", dis: "DIS", iam: "IAM" };

export { THROTTLING_CODES };

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

export interface HuaweiRequest {
  /** The API's operation name, used in errors (e.g. `CreateEventRouterJob`). */
  readonly operation: string;
  readonly method: HttpMethod;
  /** Path template; `{project_id}` and every `{name}` in `pathParams` are filled in, encoded. */
  readonly path: string;
  readonly pathParams?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  readonly body?: unknown;
  /** Values to scrub from any error text (passwords in the body). */
  readonly secrets?: readonly string[];
  /** A POST/PUT/DELETE that may be repeated safely (the caller checked or it is idempotent). */
  readonly retryAmbiguous?: boolean;
}

export interface HuaweiResponse {
  readonly status: number;
  /** Parsed JSON, or undefined for an empty body. */
  readonly body: unknown;
  readonly requestId: string | undefined;
}

export interface HuaweiClientOptions extends IoOptions {
  readonly settings: HuaweiSettings;
  /** Region and project for this client; default to the configured ones. */
  readonly region?: string;
  readonly projectId?: string;
}

interface CachedToken {
  readonly token: string;
  readonly expiresAt: number;
}

/** IAM tokens by (IAM endpoint, domain, user, project); shared by every client in the process. */
const tokenCache = new Map<string, CachedToken | Promise<CachedToken>>();
/** A token is renewed this long before the expiry IAM announced. */
const TOKEN_RENEW_MARGIN_MS = 5 * 60_000;

/** Drops every cached IAM token (tests; a changed password). */
export function clearTokenCache(): void {
  tokenCache.clear();
}

type Attempt = AttemptOutcome<HuaweiResponse>;

export class HuaweiClient {
  readonly region: string;
  readonly projectId: string;
  private readonly base: URL;
  private readonly io: Io;

  constructor(
    readonly service: HuaweiService,
    private readonly opts: HuaweiClientOptions,
  ) {
    this.region = opts.region ?? opts.settings.region;
    this.projectId = opts.projectId ?? opts.settings.projectId;
    this.base = new URL(opts.settings.endpoint ?? `https://${service}.${this.region}.${opts.settings.cloud}`);
    this.io = ioOf(opts);
  }

  /** A client for the same credentials in another service, region or project. */
  sibling(service: HuaweiService, where: { region?: string; projectId?: string } = {}): HuaweiClient {
    return new HuaweiClient(service, { ...this.opts, region: where.region ?? this.region, projectId: where.projectId ?? this.projectId });
  }

  /**
   * Sends the request. Throttling is always retried. 5xx and network failures are retried for GET
   * and for `retryAmbiguous` requests; otherwise they surface as AmbiguousRequestError so the caller
   * can look before acting again. A rejected IAM token is renewed once.
   */
  async request(req: HuaweiRequest): Promise<HuaweiResponse> {
    const name = SERVICE_NAMES[this.service];
    const url = this.url(req);
    const bodyText = req.body === undefined ? "" : JSON.stringify(req.body);
    const safeToRepeat = req.method === "GET" || req.retryAmbiguous === true;
    let renewedToken = false;
    return withRetries({
      service: name,
      operation: req.operation,
      safeToRepeat,
      io: this.io,
      once: () => paced(this.bucket(req), this.io.sleep, () => this.attempt(name, req, url, bodyText, req.secrets ?? [])),
      renew: () => {
        if (!this.usesToken() || renewedToken) return false;
        renewedToken = true;
        tokenCache.delete(this.tokenKey());
        return true;
      },
    });
  }

  /**
   * Calls a table's operation: the values are laid out where the table puts them (path, query,
   * body), the request is sent as `request` sends it, and the answer's body is checked against the
   * operation's response schema and returned parsed.
   */
  async call<A extends RestApi, O extends keyof A["operations"] & string>(
    api: A,
    operation: O,
    values: Readonly<Record<string, unknown>> = {},
    options: CallOptions = {},
  ): Promise<z.output<A["operations"][O]["response"]>> {
    return (await this.exchange(api, operation, values, options)).value;
  }

  /** `call`, with the answer's request id beside the parsed body (for errors the caller raises). */
  async exchange<A extends RestApi, O extends keyof A["operations"] & string>(
    api: A,
    operation: O,
    values: Readonly<Record<string, unknown>> = {},
    options: CallOptions = {},
  ): Promise<{ value: z.output<A["operations"][O]["response"]>; requestId: string | undefined }> {
    const res = await this.request(restRequest(api, operation, values, options));
    const schema = api.operations[operation]?.response as A["operations"][O]["response"];
    return { value: parseBody(schema, api.service, operation, res), requestId: res.requestId };
  }

  private url(req: HuaweiRequest): URL {
    const params: Record<string, string> = { project_id: this.projectId, ...req.pathParams };
    const path = req.path.replace(/\{([a-z_]+)\}/g, (_, key: string) => {
      const v = params[key];
      if (v === undefined) throw new Error(`${req.operation}: no value for {${key}} in ${req.path}`);
      return encodeURIComponent(v);
    });
    const url = new URL(path, this.base);
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    return url;
  }

  /** The process's bucket for this operation at this endpoint. */
  private bucket(req: HuaweiRequest) {
    const quota = quotaFor(this.service, req.operation, req.method !== "GET", this.opts.settings);
    return bucketFor(this.base.host, quota, () => this.io.now().getTime());
  }

  private usesToken(): boolean {
    const s = this.opts.settings;
    return s.accessKey === undefined && s.credentials === undefined && s.password !== undefined;
  }

  private async authHeaders(method: string, url: URL, headers: Record<string, string>, bodyText: string): Promise<Record<string, string>> {
    if (!this.usesToken()) {
      // Temporary keys travel with their security token, signed like every header present.
      const keys = await signingKeys(this.opts.settings);
      const withToken = keys.securityToken ? { ...headers, "X-Security-Token": keys.securityToken } : headers;
      return signRequest({ method, url, headers: withToken, body: bodyText, accessKey: keys.accessKeyId, secretKey: keys.accessKeySecret, now: this.io.now() });
    }
    return { ...headers, "X-Auth-Token": await this.token() };
  }

  private async attempt(name: string, req: HuaweiRequest, url: URL, bodyText: string, secrets: readonly string[]): Promise<Attempt> {
    const base: Record<string, string> = { "X-Project-Id": this.projectId };
    if (bodyText) base["Content-Type"] = "application/json";
    const headers = await this.authHeaders(req.method, url, base, bodyText);
    const { Host: _host, ...sendHeaders } = headers;
    const res = await this.io.fetch(url, {
      method: req.method,
      headers: { ...sendHeaders, Accept: "application/json" },
      body: bodyText || undefined,
      signal: AbortSignal.timeout(this.io.timeoutMs),
    } as RequestInit);
    return this.interpret(name, req.operation, res, await res.text(), secrets);
  }

  private interpret(name: string, operation: string, res: Response, text: string, secrets: readonly string[]): Attempt {
    const headerRequestId = res.headers.get("x-request-id") ?? undefined;
    let json: unknown;
    if (text.trim() !== "") {
      try {
        json = JSON.parse(text);
      } catch {
        if (res.ok) throw unexpectedResponse(name, operation, "non-JSON response body", headerRequestId);
        const error = apiError(name, operation, `HTTP${res.status}`, headerRequestId, res.status, "non-JSON response body", secrets);
        return { error, retry: res.status >= 500 || res.status === 429, throttled: res.status === 429, authRejected: false };
      }
    }
    const obj = json !== null && typeof json === "object" ? (json as Record<string, unknown>) : {};
    const requestId = typeof obj.request_id === "string" ? obj.request_id : headerRequestId;
    if (res.ok) return { value: { status: res.status, body: json, requestId } };

    // Three body shapes: the gateway's and most services' {error_code, error_msg}, DIS's documented
    // {errorCode, message}, and Keystone's nested {error: {code, message}}.
    const nested = obj.error !== null && typeof obj.error === "object" ? (obj.error as Record<string, unknown>) : {};
    const code = String(obj.error_code ?? obj.errorCode ?? nested.code ?? `HTTP${res.status}`);
    const message = String(obj.error_msg ?? obj.message ?? nested.message ?? res.statusText ?? "");
    const error = apiError(name, operation, code, requestId, res.status, message, secrets);
    const throttled = res.status === 429 || THROTTLING_CODES.includes(code);
    // DIS.5xxx is the service's own failure whatever the status (the DIS Java SDK retries "DIS.5" by default).
    const serverSide = res.status >= 500 || /^DIS\.5\d{3}$/.test(code);
    return { error, retry: throttled || serverSide, throttled, authRejected: res.status === 401 };
  }

  private tokenKey(): string {
    const p = this.opts.settings.password;
    return `${this.iamBase().href}|${p?.domainName}|${p?.userName}|${this.projectId}`;
  }

  private iamBase(): URL {
    const s = this.opts.settings;
    const explicit = s.password?.authUrl ?? (s.endpoint ? `${s.endpoint.replace(/\/+$/, "")}/v3` : `https://iam.${this.region}.${s.cloud}/v3`);
    return new URL(explicit.endsWith("/") ? explicit : `${explicit}/`);
  }

  /** An IAM token scoped to this client's project, from the cache while it is comfortably valid. */
  private async token(): Promise<string> {
    const key = this.tokenKey();
    const cached = tokenCache.get(key);
    if (cached) {
      const t = await cached;
      if (t.expiresAt - TOKEN_RENEW_MARGIN_MS > this.io.now().getTime()) return t.token;
    }
    const pending = this.issueToken();
    tokenCache.set(key, pending);
    try {
      const t = await pending;
      tokenCache.set(key, t);
      return t.token;
    } catch (err) {
      tokenCache.delete(key);
      throw err;
    }
  }

  private async issueToken(): Promise<CachedToken> {
    const p = this.opts.settings.password;
    if (!p) throw new Error("IAM token auth is not configured");
    const url = new URL("auth/tokens?nocatalog=true", this.iamBase());
    const body = JSON.stringify({
      auth: {
        identity: { methods: ["password"], password: { user: { name: p.userName, password: p.password, domain: { name: p.domainName } } } },
        scope: { project: { id: this.projectId } },
      },
    });
    const operation = "KeystoneCreateUserTokenByPassword";
    let token: string | null = null;
    // Issuing a token has no side effect, so every transient failure may be retried.
    const res = await withRetries({
      service: "IAM",
      operation,
      safeToRepeat: true,
      io: this.io,
      once: async () => {
        const answer = await this.io.fetch(url, {
          method: "POST",
          headers: { "Content-Type": "application/json;charset=utf8", Accept: "application/json" },
          body,
          signal: AbortSignal.timeout(this.io.timeoutMs),
        } as RequestInit);
        token = answer.headers.get("x-subject-token");
        return this.interpret("IAM", operation, answer, await answer.text(), [p.password]);
      },
    });
    const expires = (res.body as { token?: { expires_at?: unknown } } | undefined)?.token?.expires_at;
    const expiresAt = typeof expires === "string" ? Date.parse(expires) : Number.NaN;
    if (!token || Number.isNaN(expiresAt)) throw unexpectedResponse("IAM", operation, "no X-Subject-Token header or token.expires_at", res.requestId);
    return { token, expiresAt };
  }

  /** True when `err` is an ApiError with one of `codes` (or HTTP 404 when `codes` is empty). */
  static isNotFound(err: unknown, codes: readonly string[] = []): boolean {
    return err instanceof ApiError && (codes.length === 0 ? err.httpStatus === 404 : codes.includes(err.code));
  }
}

/** A response body checked against the fields the caller reads; a mismatch names each problem. */
export function parseBody<T extends z.ZodType>(schema: T, service: string, operation: string, res: HuaweiResponse): z.output<T> {
  const r = schema.safeParse(res.body);
  if (!r.success) {
    const problem = r.error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`).join("; ");
    throw unexpectedResponse(service, operation, problem, res.requestId);
  }
  return r.data;
}
