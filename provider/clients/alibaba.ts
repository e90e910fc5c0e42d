/**
 * The Alibaba Cloud RPC client: encodes a call from the product's action table, signs it with
 * ACS3-HMAC-SHA256, sends it with an explicit timeout, retries what is safe to retry, and turns
 * failures into ApiError carrying the action, code and request id. Pointed at a real region it
 * talks to `https://<product>.<region>.aliyuncs.com`; the only thing the emulator changes is the
 * endpoint.
 */
import { randomUUID } from "node:crypto";
import { RETRYABLE_CODES, RPC_DEFAULT_LOCATION, type RpcActionSpec, type RpcProduct, encodeParam } from "../apis/alibaba-rpc";
import { isNotFoundOf, layOut, secretValues } from "../apis/table";
import { signingKeys } from "../credentials/source";
import { redact } from "../engine/redact";
import { apiError, unexpectedResponse } from "../errors";
import type { AlibabaSettings } from "../settings";
import { quotaFor } from "../transport/quotas";
import { bucketFor, paced } from "../transport/rate-limit";
import { type Io, type IoOptions, ioOf } from "../transport/io";
import { type AttemptOutcome, withRetries } from "../transport/retry-loop";
import { canonicalQuery, sha256Hex, v3AuthorizationHeader, v3Signature } from "../transport/alibaba-signature";

export interface AlibabaClientOptions extends IoOptions {
  readonly settings: AlibabaSettings;
  /** Region for this client; a resource's own regionId wins over the configured one. */
  readonly region: string;
}

type ActionsOf<P extends RpcProduct> = P["actions"];

export class AlibabaRpcClient<P extends RpcProduct> {
  private readonly base: URL;
  private readonly io: Io;

  constructor(
    readonly product: P,
    private readonly opts: AlibabaClientOptions,
  ) {
    const endpoint = opts.settings.endpoint ?? `https://${product.endpointHost(opts.region)}`;
    this.base = new URL(endpoint);
    this.io = ioOf(opts);
  }

  get region(): string {
    return this.opts.region;
  }

  /**
   * Calls `action`. Parameters are given by their API names; undefined values are left out.
   * Throttling is always retried (the service rejected the call before doing anything). 5xx and
   * network failures are retried for read-only actions and for `retryAmbiguous` ones; otherwise
   * they surface as AmbiguousRequestError so the caller can look before acting again.
   */
  async call<A extends keyof ActionsOf<P> & string>(
    action: A,
    params: Readonly<Record<string, unknown>>,
    options: { retryAmbiguous?: boolean } = {},
  ): Promise<Record<string, unknown>> {
    const spec = this.product.actions[action] as RpcActionSpec | undefined;
    if (!spec) throw new Error(`${this.product.product} has no action ${action} in its table`);
    const secrets = secretValues(spec, params);
    const encoded = this.encode(action, spec, params);
    const safeToRepeat = !spec.mutating || options.retryAmbiguous === true;

    return withRetries({
      service: this.product.product,
      operation: action,
      safeToRepeat,
      io: this.io,
      once: () => paced(this.bucket(action, spec), this.io.sleep, () => this.attempt(action, spec, encoded, secrets)),
    });
  }

  /** The process's bucket for this action (or its class) at this endpoint. */
  private bucket(action: string, spec: RpcActionSpec) {
    const quota = quotaFor(this.product.product, action, spec.mutating === true, this.opts.settings);
    return bucketFor(this.base.host, quota, () => this.io.now().getTime());
  }

  /** The call's text values, split into query and form body as the table places them. */
  private encode(action: string, spec: RpcActionSpec, params: Readonly<Record<string, unknown>>) {
    const placed = layOut(`${this.product.product} ${action}`, spec, params, RPC_DEFAULT_LOCATION);
    const text = (values: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(values).map(([name, v]) => [name, encodeParam(spec.params[name]?.type ?? "string", v)]));
    return { query: text(placed.query), body: text(placed.form) };
  }

  private async attempt(
    action: string,
    spec: RpcActionSpec,
    encoded: { query: Record<string, string>; body: Record<string, string> },
    secrets: readonly string[],
  ): Promise<AttemptOutcome<Record<string, unknown>>> {
    const keys = await signingKeys(this.opts.settings);
    const bodyText = new URLSearchParams(encoded.body).toString();
    const headers: Record<string, string> = {
      host: this.base.host,
      "x-acs-action": action,
      "x-acs-version": this.product.version,
      "x-acs-date": this.io
        .now()
        .toISOString()
        .replace(/\.\d{3}Z$/, "Z"),
      "x-acs-signature-nonce": randomUUID(),
      "x-acs-content-sha256": sha256Hex(bodyText),
    };
    if (bodyText) headers["content-type"] = "application/x-www-form-urlencoded";
    if (keys.securityToken) headers["x-acs-security-token"] = keys.securityToken;
    const signedHeaders = Object.keys(headers).sort();
    const signature = v3Signature(
      { method: "POST", pathname: "/", query: encoded.query, headers, signedHeaders, hashedPayload: headers["x-acs-content-sha256"] as string },
      keys.accessKeySecret,
    );
    const qs = canonicalQuery(encoded.query);
    const url = new URL(`/${qs ? `?${qs}` : ""}`, this.base);
    const { host: _host, ...sendHeaders } = headers;
    const res = await this.io.fetch(url, {
      method: "POST",
      headers: {
        ...sendHeaders,
        accept: "application/json",
        authorization: v3AuthorizationHeader(keys.accessKeyId, signedHeaders, signature),
      },
      body: bodyText || undefined,
      signal: AbortSignal.timeout(this.io.timeoutMs),
    } as RequestInit);
    const text = await res.text();
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      const error = apiError(this.product.product, action, `HTTP${res.status}`, undefined, res.status, "non-JSON response body", secrets);
      return { retry: res.status >= 500, throttled: false, error };
    }
    // As the SDK's RPC parser reads an answer (darabonba-openapi doRequest): HTTP 400-599 is an
    // error whatever the body says, and each of Code, Message and RequestId may come capitalised or
    // not. A successful body may carry a Code of its own, which is not a failure.
    const requestId = stringField(json, "RequestId") ?? res.headers.get("x-acs-request-id") ?? undefined;
    if (res.status >= 400) {
      const code = stringField(json, "Code") ?? `HTTP${res.status}`;
      const message = stringField(json, "Message") ?? "";
      const error = apiError(this.product.product, action, code, requestId, res.status, message, secrets);
      const throttled = /Throttling/i.test(code);
      return { retry: res.status >= 500 || RETRYABLE_CODES.includes(code) || throttled, throttled, error };
    }
    const parsed = spec.response.safeParse(json);
    if (!parsed.success) {
      const problem = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw unexpectedResponse(this.product.product, action, redact(problem, secrets), requestId);
    }
    return { value: json };
  }

  /** True when `err` is this action's "the object does not exist" answer. */
  isNotFound(action: keyof ActionsOf<P> & string, err: unknown): boolean {
    return isNotFoundOf(this.product.actions[action] as RpcActionSpec | undefined, err);
  }
}

/** `Name` or `name` (the SDK's parser reads both spellings), when it is a string. */
function stringField(json: Record<string, unknown>, name: string): string | undefined {
  const lower = `${name.charAt(0).toLowerCase()}${name.slice(1)}`;
  const value = json[name] ?? json[lower];
  return typeof value === "string" ? value : undefined;
}
