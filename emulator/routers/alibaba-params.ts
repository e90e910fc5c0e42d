/**
 * Request validation derived from an action table row: nothing here names a parameter, so a new
 * action or parameter in `provider/apis/*` is validated the moment it is added there.
 */
import { decodeParam, type RpcActionSpec, type RpcParamSpec, type RpcProduct, type RpcWireType } from "../../provider/apis/alibaba-rpc";
import { alibabaErrors } from "../errors/alibaba";

type WireValue<K extends RpcWireType> = K extends "integer" | "long" ? number : K extends "boolean" ? boolean : K extends "stringList" ? string[] : string;

/** The decoded parameters of an action, typed from its table row: required keys are present. */
export type DecodedParams<P extends Readonly<Record<string, RpcParamSpec>>> = {
  -readonly [K in keyof P as P[K] extends { readonly required: true } ? K : never]: WireValue<P[K]["type"]>;
} & {
  -readonly [K in keyof P as P[K] extends { readonly required: true } ? never : K]?: WireValue<P[K]["type"]>;
};

/**
 * Common RPC parameters every action accepts (V1 signing and response format). They are consumed
 * by the protocol layer and never reach a handler.
 */
export const PROTOCOL_PARAMS: ReadonlySet<string> = new Set([
  "Action",
  "Version",
  "Format",
  "Timestamp",
  "SignatureNonce",
  "SignatureMethod",
  "SignatureVersion",
  "SignatureType",
  "Signature",
  "AccessKeyId",
  "SecurityToken",
]);

/**
 * [emulator] The most query and form parameters one call may carry, counted before anything is
 * decoded. The widest action here takes a few dozen; no vendor page gives the gateway's own bound.
 */
export const MAX_PARAMETERS = 1000;

export interface ParamValidationOptions {
  /** Reject parameters the action does not define (the real gateway ignores them). */
  readonly strict: boolean;
}

/**
 * Decodes and checks the business parameters of one call. Throws the first failure as the
 * gateway does: unknown (strict), then missing, then malformed, not in the enum, or against the
 * parameter's rule.
 */
export function validateParams(
  action: string,
  spec: RpcActionSpec,
  raw: Readonly<Record<string, string>>,
  opts: ParamValidationOptions,
): Record<string, unknown> {
  if (opts.strict) {
    for (const name of Object.keys(raw).sort()) {
      if (!PROTOCOL_PARAMS.has(name) && !(name in spec.params)) throw alibabaErrors.unknownParameter(name, action);
    }
  }
  const out: Record<string, unknown> = {};
  for (const [name, p] of Object.entries(spec.params)) {
    const value = raw[name];
    // The gateway treats an empty required value as absent.
    if (value === undefined || (p.required === true && value === "")) {
      if (p.required === true) throw alibabaErrors.missingBusinessParameter(name);
      continue;
    }
    out[name] = decodeOne(name, p, value);
  }
  return out;
}

function decodeOne(name: string, p: RpcParamSpec, value: string): unknown {
  const shown = p.secret === true ? "the value" : JSON.stringify(value);
  const decoded = decodeParam(p.type, value);
  if (!decoded.ok) throw alibabaErrors.invalidParameter(name, `${shown} ${decoded.reason}.`);
  if (p.enum !== undefined && !p.enum.some((allowed) => allowed.toLowerCase() === value.toLowerCase())) {
    throw alibabaErrors.invalidParameter(name, `${shown} is not one of ${p.enum.join(", ")} (case-insensitive).`);
  }
  // The table's own rule (region ids, names, DataSourceConfig): the same function the resources' checks call.
  const problem = p.secret === true ? undefined : p.rule?.(value);
  if (problem !== undefined) throw alibabaErrors.invalidParameter(name, problem);
  return decoded.value;
}

/** Names flagged `secret` in any action of the given products: redacted wherever params are shown. */
export function secretParamNames(products: readonly RpcProduct[]): ReadonlySet<string> {
  const names = new Set<string>();
  for (const product of products) {
    for (const spec of Object.values(product.actions)) {
      for (const [name, p] of Object.entries(spec.params)) if (p.secret === true) names.add(name);
    }
  }
  return names;
}
