/**
 * A raw Alibaba RPC request laid out as the official Go SDK lays it out, signed by the tier's own
 * ACS3 signer. Source: alibabacloud-go/darabonba-openapi@fbb884fc2d3ad7d28aacd89a70594ca4e7b88731
 * client/client.go `DoRequest` (what CallApi uses for signature V3):
 * - method and pathname from the operation (POST, `/`), the business parameters in the query or in
 *   an `application/x-www-form-urlencoded` body as the product client puts them (the facts'
 *   `location`), lists as one JSON string (`shrink:json`);
 * - headers `host`, `x-acs-version`, `x-acs-action`, `user-agent`, `x-acs-date`
 *   (`2006-01-02T15:04:05Z`, UTC), `x-acs-signature-nonce`, `accept: application/json`, then
 *   `content-type` only when there is a form body, `x-acs-content-sha256` (hex SHA-256 of the body)
 *   and `Authorization`.
 */
import { randomBytes } from "node:crypto";
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET } from "../../emulator/default-inventory";
import type { PreparedRequest, TestEmulator } from "../helpers/emulator";
import type { FieldFact, RpcOperationFact } from "./facts";
import { requestFact } from "./alibaba-apis";
import { acs3Sign, canonicalQueryString, hexSha256, sdkFormBody } from "./signers/alibaba-acs3";

/** What the Go SDK's default user agent looks like (utils/client.go defaultUserAgent). */
export const SDK_USER_AGENT = "AlibabaCloud (linux; amd64) Golang/1.22 Core/0.01 TeaDSL/2";

export interface SdkRequestInput {
  /** Where the request goes, e.g. the emulator's `http://127.0.0.1:PORT`; its host is the `host` header. */
  readonly endpoint: string;
  readonly action: string;
  readonly version: string;
  readonly method?: string;
  readonly pathname?: string;
  /** Wire values (already encoded). */
  readonly query: Readonly<Record<string, string>>;
  readonly form: Readonly<Record<string, string>>;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** Signing time, epoch ms. */
  readonly now: number;
}

/** `2006-01-02T15:04:05Z`: what openapiutil.GetTimestamp writes. */
export function sdkTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function sdkRequest(input: SdkRequestInput): PreparedRequest {
  const method = input.method ?? "POST";
  const pathname = input.pathname ?? "/";
  const body = Object.keys(input.form).length === 0 ? "" : sdkFormBody(input.form);
  const headers: Record<string, string> = {
    host: new URL(input.endpoint).host,
    "x-acs-version": input.version,
    "x-acs-action": input.action,
    "user-agent": SDK_USER_AGENT,
    "x-acs-date": sdkTimestamp(input.now),
    // GetNonce: the hex MD5 of process, goroutine, time, sequence and a random number: 32 hex digits.
    "x-acs-signature-nonce": randomBytes(16).toString("hex"),
    accept: "application/json",
  };
  if (body !== "") headers["content-type"] = "application/x-www-form-urlencoded";
  headers["x-acs-content-sha256"] = hexSha256(body);
  const signed = acs3Sign({ method, pathname, query: input.query, headers, body }, input.accessKeyId, input.accessKeySecret);
  const qs = canonicalQueryString(input.query);
  return { method, path: qs === "" ? pathname : `${pathname}?${qs}`, headers: { ...headers, Authorization: signed.authorization }, body };
}

/** `sdkRequest` to the test emulator `emu`, signed with the demo access key at the emulator's clock. */
export function demoSdkRequest(emu: TestEmulator, input: Omit<SdkRequestInput, "endpoint" | "accessKeyId" | "accessKeySecret" | "now">): PreparedRequest {
  return sdkRequest({ ...input, endpoint: emu.url, accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: DEMO_ACCESS_KEY_SECRET, now: emu.emulator.clock.now() });
}

/** A business parameter as a test writes it: the value's JSON type is encoded per the fact. */
export type ParamValue = string | number | boolean | readonly string[] | Readonly<Record<string, unknown>>;

/** The wire text of a value for its fact: lists as one JSON string, JSON-text parameters given as objects stringified. */
export function encodeForFact(p: FieldFact, value: ParamValue): string {
  if (Array.isArray(value)) return JSON.stringify(value);
  if (typeof value === "object") return JSON.stringify(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number" && p.type !== "integer" && p.type !== "long" && p.type !== "string") {
    throw new Error(`${p.name} is a ${p.type} in the facts; a number cannot be sent for it`);
  }
  return String(value);
}

/** Splits parameters into the query and the form body where the operation's facts put them; a name without a fact is a test bug. */
export function layOutParams(
  op: RpcOperationFact,
  params: Readonly<Record<string, ParamValue>>,
): { query: Record<string, string>; form: Record<string, string> } {
  const query: Record<string, string> = {};
  const form: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    const p = requestFact(op, name);
    if (p === undefined) throw new Error(`${op.action} has no parameter ${name} in the SDK model; a vendor-layout request cannot carry it`);
    (p.location === "form" ? form : query)[name] = encodeForFact(p, value);
  }
  return { query, form };
}
