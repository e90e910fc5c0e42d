/**
 * The Alibaba RPC specifics of the API table model (table.ts): every call is one POST naming its
 * Action and Version, each parameter is text in the query string or the form body, and a product
 * table adds the endpoint of a region. The provider's client encodes requests from a product table
 * (encodeParam) and the emulator's router decodes and validates them from the same table
 * (decodeParam, `rule`), so the two cannot drift apart silently.
 */
import type { z } from "zod";
import type { OperationSpec, ParamSpec } from "./table";

/** The wire types an RPC parameter may have: everything is text in a query or a form body. */
export type RpcWireType = "string" | "integer" | "long" | "boolean" | "stringList";

export interface RpcParamSpec extends ParamSpec<RpcWireType, "query" | "form"> {
  /**
   * Where the official SDK sends the parameter: in the query string (when absent) or in the
   * `application/x-www-form-urlencoded` body. The gateway reads both; the client follows the SDK.
   */
  readonly location?: "query" | "form";
  /**
   * A rule on the wire text beyond its type and enum: the problem as a sentence continuing the
   * parameter's name, or undefined. The emulator applies it; the resources' checks call the same
   * function, so both refuse in the same words. Never set on a secret parameter (problems quote).
   */
  readonly rule?: (value: string) => string | undefined;
}

export interface RpcActionSpec extends OperationSpec<RpcParamSpec> {
  /** Shape of a successful response body (besides `RequestId`, which every response has). */
  readonly response: z.ZodType;
  /** Whether the action changes state (used by the request log and by retry policy). */
  readonly mutating: boolean;
}

export interface RpcProduct {
  readonly product: string;
  readonly version: string;
  /** Public endpoint host for a region. */
  readonly endpointHost: (region: string) => string;
  readonly actions: Readonly<Record<string, RpcActionSpec>>;
}

/** Where an RPC parameter travels when its spec names no location. */
export const RPC_DEFAULT_LOCATION = "query";

/** Error codes any Alibaba RPC action may return that are worth retrying. */
export const RETRYABLE_CODES: readonly string[] = [
  "Throttling",
  "Throttling.User",
  "Throttling.Api",
  "Rejected.Throttling",
  "ServiceUnavailable",
  "InternalError",
];

/** The wire value of a parameter. Encoding lives here so client and emulator agree. */
export function encodeParam(type: RpcWireType, value: unknown): string {
  switch (type) {
    case "stringList":
      return JSON.stringify(value);
    case "boolean":
      // Strict: the string "false" must not become "true".
      return value === true || value === "true" ? "true" : "false";
    case "integer":
    case "long":
      return String(value);
    case "string":
      return String(value);
  }
}

const INT_RANGE = {
  integer: [-(2n ** 31n), 2n ** 31n - 1n, "32-bit"],
  long: [-(2n ** 63n), 2n ** 63n - 1n, "64-bit"],
} as const;

function decodeInteger(type: "integer" | "long", raw: string): DecodeResult {
  if (!/^-?\d+$/.test(raw)) return { ok: false, reason: "is not an integer" };
  const [min, max, bits] = INT_RANGE[type];
  const n = BigInt(raw);
  if (n < min || n > max) return { ok: false, reason: `is outside the ${bits} integer range (${min} to ${max})` };
  return { ok: true, value: Number(raw) };
}

export type DecodeResult = { ok: true; value: unknown } | { ok: false; reason: string };

/** Parses a wire value back; used by the emulator to validate requests. */
export function decodeParam(type: RpcWireType, raw: string): DecodeResult {
  switch (type) {
    case "string":
      return { ok: true, value: raw };
    case "integer":
    case "long":
      return decodeInteger(type, raw);
    case "boolean":
      return raw === "true" || raw === "false" ? { ok: true, value: raw === "true" } : { ok: false, reason: "is not a boolean (true or false)" };
    case "stringList": {
      try {
        const v: unknown = JSON.parse(raw);
        if (Array.isArray(v) && v.every((x) => typeof x === "string")) return { ok: true, value: v };
      } catch {
        // fall through to the error below
      }
      return { ok: false, reason: "is not a JSON array of strings" };
    }
  }
}
