/**
 * Raw Huawei Cloud requests laid out the way the official Go SDK (huaweicloud-sdk-go-v3@1cd70eb6,
 * core/hc_http_client.go and core/auth) lays them out, signed by the conformance tier's own signer
 * (signers/huawei-sdk-hmac.ts), never by the provider's:
 *  - the header map at signing time holds User-Agent `huaweicloud-usdk-go/3.0`, the operation's
 *    Content-Type (sent even on a GET, the SDK's default), X-Project-Id (the credentials' project,
 *    also filled into `{project_id}`) and X-Sdk-Date; the Go rule then signs user-agent,
 *    x-project-id and x-sdk-date, not Content-Type, and not Host, which Go's transport writes;
 *  - a JSON body is Go's `json.Encoder` output: compact, HTML left unescaped, a newline at the end.
 * The Node SDK layout (content-type, host, x-project-id, x-sdk-date all signed) is there too, for
 * a verifier that must trust whatever SignedHeaders lists.
 *
 * The method, the path template and the Content-Type come from the operation's fact.
 */
import { DEMO_HUAWEI_ACCESS_KEY, DEMO_HUAWEI_PROJECT_ID, DEMO_HUAWEI_SECRET_KEY } from "../../emulator/index";
import { type PreparedRequest, type RawResponse, type TestEmulator, send } from "../helpers/emulator";
import type { HuaweiOperation, WireRequest } from "./huawei-facts";
import { authorization, goSdkSignedHeaders, nodeSdkSignedHeaders, sdkDateOf } from "./signers/huawei-sdk-hmac";

export const GO_SDK_USER_AGENT = "huaweicloud-usdk-go/3.0";
/** The Content-Type of every DIS, EG, Kafka, RocketMQ and DCS operation in the Go SDK metas (`WithContentType`). */
export const DEFAULT_CONTENT_TYPE = "application/json";

export type Layout = "go" | "node";

export interface SdkCall {
  /** Path parameters other than `project_id`, unescaped. */
  readonly pathParams?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string | number | boolean>>;
  /** Encoded as Go encodes it; a string is sent verbatim (for malformed bodies). */
  readonly body?: unknown;
  /** The credentials' project: `{project_id}` and X-Project-Id. */
  readonly projectId?: string;
  /** @default "go" */
  readonly layout?: Layout;
  /** Leave the request unsigned (IAM's token request needs no credentials). */
  readonly unsigned?: boolean;
  readonly accessKey?: string;
  readonly secretKey?: string;
  /** Signing time, epoch ms. */
  readonly now?: number;
  /** Headers set after signing (never signed), e.g. an X-Auth-Token. */
  readonly extraHeaders?: Readonly<Record<string, string>>;
}

/** Go's `json.Encoder` output: JSON.stringify leaves `<`, `>` and `&` alone too, and Go adds a newline. */
export function goJson(body: unknown): string {
  return `${JSON.stringify(body)}\n`;
}

export function sdkRequest(baseUrl: string, op: HuaweiOperation, call: SdkCall = {}): PreparedRequest {
  if (op.method === undefined || op.path === undefined) throw new Error(`${op.label}: the fact has no method or path`);
  const projectId = op.path.includes("{project_id}") ? (call.projectId ?? DEMO_HUAWEI_PROJECT_ID) : undefined;
  const params: Record<string, string> = { ...(projectId !== undefined && { project_id: projectId }), ...call.pathParams };
  const rawPath = op.path.replace(/\{([A-Za-z_]+)\}/g, (_, k: string) => {
    const v = params[k];
    if (v === undefined) throw new Error(`${op.label}: no value for {${k}}`);
    return v;
  });
  const wirePath = op.path.replace(/\{([A-Za-z_]+)\}/g, (_, k: string) => encodeURIComponent(params[k] as string));
  const query = Object.entries(call.query ?? {})
    .map(([k, v]) => [k, String(v)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const body = call.body === undefined ? "" : typeof call.body === "string" ? call.body : goJson(call.body);
  const date = sdkDateOf(new Date(call.now ?? Date.now()));
  const layout = call.layout ?? "go";
  const contentType = op.fact.content_type ?? DEFAULT_CONTENT_TYPE;
  const host = new URL(baseUrl).host;
  const headers: Record<string, string> =
    layout === "go"
      ? {
          "User-Agent": GO_SDK_USER_AGENT,
          "Content-Type": contentType,
          ...(projectId !== undefined && { "X-Project-Id": projectId }),
          "X-Sdk-Date": date,
        }
      : {
          ...(body !== "" && { "Content-Type": contentType }),
          Host: host,
          ...(projectId !== undefined && { "X-Project-Id": projectId }),
          "X-Sdk-Date": date,
        };
  if (call.unsigned !== true) {
    headers.Authorization = authorization({
      method: op.method,
      path: rawPath,
      query,
      headers,
      body,
      accessKey: call.accessKey ?? DEMO_HUAWEI_ACCESS_KEY,
      secretKey: call.secretKey ?? DEMO_HUAWEI_SECRET_KEY,
      rule: layout === "go" ? goSdkSignedHeaders : nodeSdkSignedHeaders,
    });
  }
  const qs = query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
  return { method: op.method, path: qs === "" ? wirePath : `${wirePath}?${qs}`, headers: { ...headers, ...call.extraHeaders }, body };
}

/** Sends a fact's operation to the emulator, signed with the emulator's clock. */
export function callOperation(t: TestEmulator, op: HuaweiOperation, call: SdkCall = {}): Promise<RawResponse> {
  return send(t.url, sdkRequest(t.url, op, { now: t.emulator.clock.now(), ...call }));
}

/** Header values as strings (the first of a repeated one). */
export function headerRecord(headers: RawResponse["headers"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? (v[0] ?? "") : v;
  return out;
}

/** A prepared request as the fact checks see it. */
export function wireOf(req: PreparedRequest): WireRequest {
  const url = new URL(req.path, "http://emulator");
  return {
    method: req.method,
    path: url.pathname,
    query: [...url.searchParams.entries()],
    headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), v])),
    bodyText: req.body,
  };
}
