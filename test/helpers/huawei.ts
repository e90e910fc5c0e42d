/**
 * Minimal raw Huawei Cloud requests for emulator tests: SDK-HMAC-SHA256 signed with the provider's
 * own `signRequest` (every header present is signed, as the vendor's Node SDK does), or carrying an
 * IAM token. Deliberately not a client: no retries, no error mapping, so tests see exactly what the
 * emulator sent. The real client lives in provider/clients/.
 */
import { signRequest } from "../../provider/transport/huawei-signature";
import { DEMO_HUAWEI_ACCESS_KEY, DEMO_HUAWEI_PROJECT_ID, DEMO_HUAWEI_SECRET_KEY } from "../../emulator/index";
import { facts } from "../conformance/facts";
import { send, type PreparedRequest, type RawResponse, type TestEmulator } from "./emulator";

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

export interface HuaweiInput {
  method: HttpMethod;
  /** Path plus query string as sent, e.g. `/v1/{project}/eventrouter/jobs?limit=5`. */
  path: string;
  /** An object is sent as JSON; a string is sent verbatim (for malformed bodies). */
  body?: unknown;
  accessKey?: string;
  secretKey?: string;
  /** Signing time, epoch ms (use the emulator's clock when it is manual). */
  now?: number;
  /** Extra headers, signed with the rest. */
  headers?: Record<string, string>;
  /** Sent as X-Project-Id when given (the Node SDK always sends it). */
  projectId?: string;
}

function bodyText(body: unknown): string {
  if (body === undefined) return "";
  return typeof body === "string" ? body : JSON.stringify(body);
}

/** An AK/SK-signed request as the vendor's Node SDK sends it: content-type, host, x-project-id, x-sdk-date signed. */
export function signHuawei(baseUrl: string, input: HuaweiInput): PreparedRequest {
  const body = bodyText(input.body);
  const url = new URL(input.path, baseUrl);
  const headers: Record<string, string> = {
    ...(body !== "" && { "Content-Type": "application/json" }),
    ...(input.projectId !== undefined && { "X-Project-Id": input.projectId }),
    ...input.headers,
  };
  const signed = signRequest({
    method: input.method,
    url,
    headers,
    body,
    accessKey: input.accessKey ?? DEMO_HUAWEI_ACCESS_KEY,
    secretKey: input.secretKey ?? DEMO_HUAWEI_SECRET_KEY,
    now: new Date(input.now ?? Date.now()),
  });
  return { method: input.method, path: `${url.pathname}${url.search}`, headers: signed, body };
}

/** A request that authenticates with an IAM token instead of a signature. */
export function withToken(input: Omit<HuaweiInput, "accessKey" | "secretKey" | "now">, token: string): PreparedRequest {
  const body = bodyText(input.body);
  return {
    method: input.method,
    path: input.path,
    headers: { ...(body !== "" && { "Content-Type": "application/json" }), "X-Auth-Token": token, ...input.headers },
    body,
  };
}

/** Signs with the emulator's clock, so manual-clock time never trips the 15-minute skew check. */
export function hw(t: TestEmulator, input: HuaweiInput): Promise<RawResponse> {
  return send(t.url, signHuawei(t.url, { now: t.emulator.clock.now(), ...input }));
}

/** `/v1/{project}/eventrouter/<rest>` in the demo project unless another is given. */
export function egPath(rest: string, projectId: string = DEMO_HUAWEI_PROJECT_ID): string {
  return `/v1/${projectId}/eventrouter/${rest}`;
}

/** Huawei request ids: 32 lowercase hex characters. */
export const HUAWEI_REQUEST_ID = /^[0-9a-f]{32}$/;

/** The gateway/service envelope `{error_code, error_msg, request_id}`, checked field by field, with X-Request-Id. */
export function expectHuaweiError(res: RawResponse, status: number, code: string): void {
  const body = res.json as Record<string, unknown> | undefined;
  const problems: string[] = [];
  if (res.status !== status) problems.push(`status ${res.status}, want ${status}`);
  if (body?.error_code !== code) problems.push(`error_code ${String(body?.error_code)}, want ${code}`);
  if (typeof body?.error_msg !== "string" || body.error_msg === "") problems.push("error_msg missing");
  const header = res.headers["x-request-id"];
  if (typeof header !== "string" || !HUAWEI_REQUEST_ID.test(header)) problems.push("X-Request-Id is not 32 hex characters");
  if (body?.request_id !== header) problems.push("request_id differs from X-Request-Id");
  if (problems.length > 0) throw new Error(`${problems.join("; ")}; body: ${res.text}`);
}

/**
 * DIS's error answer as its error-code reference documents it: exactly `{errorCode, message}` with
 * the status the table gives the code (the request id travels only in X-Request-Id).
 */
export function expectDisError(res: RawResponse, status: number, code: string): void {
  const documented = facts.dis.error_body.codes.find((c) => c.code === code)?.http_status;
  const problems: string[] = [];
  if (documented !== undefined && documented !== status) problems.push(`the test expects ${status} for ${code}, but the DIS facts give ${documented}`);
  if (res.status !== status) problems.push(`status ${res.status}, want ${status}`);
  const body = res.json as Record<string, unknown> | undefined;
  if (JSON.stringify(Object.keys(body ?? {}).sort()) !== JSON.stringify(["errorCode", "message"]))
    problems.push("body keys are not exactly errorCode, message");
  if (body?.errorCode !== code) problems.push(`errorCode ${String(body?.errorCode)}, want ${code}`);
  if (typeof body?.message !== "string" || body.message === "") problems.push("message missing");
  if (!HUAWEI_REQUEST_ID.test(String(res.headers["x-request-id"]))) problems.push("X-Request-Id is not 32 hex characters");
  if (problems.length > 0) throw new Error(`${problems.join("; ")}; body: ${res.text}`);
}

/**
 * Every place the emulator shows a request (the log API, the control route, the JSON-lines file,
 * its log lines, the state dump) has the secret redacted and never in clear.
 */
export async function expectRedactedEverywhere(t: TestEmulator, logLines: readonly string[], secret: string, state: RawResponse): Promise<void> {
  const { readFileSync } = await import("node:fs");
  const { control } = await import("./emulator");
  const views = [
    JSON.stringify(t.emulator.requests()),
    (await control(t.url, "GET", "/requests")).text,
    readFileSync(`${t.stateFile}.requests.jsonl`, "utf8"),
    logLines.join("\n"),
    state.text,
  ];
  for (const view of views) {
    if (!view.includes("REDACTED")) throw new Error(`a view of the requests lacks REDACTED: ${view.slice(0, 200)}`);
    if (view.includes(secret)) throw new Error("a view of the requests shows the secret in clear");
  }
}
