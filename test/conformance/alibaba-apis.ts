/**
 * The Alibaba half of the conformance tier, as one table: for each RPC product, its vendor facts
 * (the oracle), the provider's action table (what the client sends from) and the emulator service
 * (what it serves). Beside it, the checks every Alibaba conformance test applies, each judging one
 * side against the facts alone: a wire parameter against its fact, an answer body against the
 * response model, an error body against the darabonba-openapi RPC envelope.
 *
 * The checks return problems as sentences (empty when conformant) so a test can report every
 * disagreement of a request or answer at once.
 */
import { dataworks } from "../../provider/apis/alibaba-dataworks";
import { gpdb } from "../../provider/apis/alibaba-gpdb";
import type { RpcProduct } from "../../provider/apis/alibaba-rpc";
import { DEFAULT_INVENTORY } from "../../emulator/default-inventory";
import { createDataWorksService } from "../../emulator/services/alibaba-dataworks";
import { createGpdbService } from "../../emulator/services/alibaba-gpdb";
import type { RpcService } from "../../emulator/routers/alibaba-rpc";
import { MemoryStore } from "../../emulator/store";
import { type FieldFact, type RpcFacts, type RpcOperationFact, facts } from "./facts";

export interface AlibabaApi {
  readonly name: "gpdb" | "dataworks";
  readonly facts: RpcFacts;
  /** The provider's action table. */
  readonly table: RpcProduct;
  /** The emulator's service for the product; the router serves exactly its product's actions. */
  readonly service: () => RpcService;
}

const serviceOptions = () => ({ store: new MemoryStore(), inventory: DEFAULT_INVENTORY, settleMs: 0 });

export const ALIBABA_APIS: readonly AlibabaApi[] = [
  { name: "gpdb", facts: facts.gpdb, table: gpdb, service: () => createGpdbService(serviceOptions()) },
  { name: "dataworks", facts: facts.dataworks, table: dataworks, service: () => createDataWorksService(serviceOptions()) },
];

/** The API whose facts have this version (the emulator tells products apart by version too). */
export function apiByVersion(version: string): AlibabaApi | undefined {
  return ALIBABA_APIS.find((a) => a.facts.version === version);
}

export function operationFact(api: AlibabaApi, action: string): RpcOperationFact | undefined {
  return Object.hasOwn(api.facts.operations, action) ? api.facts.operations[action] : undefined;
}

export function requestFact(op: RpcOperationFact, name: string): FieldFact | undefined {
  return op.request.find((p) => p.name === name);
}

/** A fact parameter is required when the SDK model says so, or when a reference page does (both are sources). */
export function requiredBySomeSource(p: FieldFact): boolean {
  return p.required === true || p.required_per_reference_page === true;
}

// ---------------------------------------------------------------------------------------------
// request parameters
// ---------------------------------------------------------------------------------------------

const INT32 = { min: -(2n ** 31n), max: 2n ** 31n - 1n };
const INT64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };

const isShrinkJson = (p: FieldFact) => typeof p.wire_encoding === "string" && p.wire_encoding.startsWith("shrink:json");

/**
 * How one wire value (the decoded text of a query or form parameter) disagrees with its fact:
 * integer and long as a decimal in their range, boolean as `true`/`false`, a shrink-encoded list
 * as one JSON array of strings, the enum (exactly as the SDK model spells it) and the limits.
 */
export function wireValueProblems(p: FieldFact, raw: string): string[] {
  const problems: string[] = [];
  const shown = JSON.stringify(raw.length > 80 ? `${raw.slice(0, 80)}…` : raw);
  switch (p.type) {
    case "integer":
    case "long": {
      const range = p.type === "integer" ? INT32 : INT64;
      if (!/^-?\d+$/.test(raw)) problems.push(`${p.name} is ${shown}, not a decimal ${p.type}`);
      else if (BigInt(raw) < range.min || BigInt(raw) > range.max) problems.push(`${p.name} is ${shown}, outside the ${p.type} range`);
      else {
        const n = Number(raw);
        if (p.limits?.min !== undefined && n < p.limits.min) problems.push(`${p.name} is ${raw}, below the minimum ${p.limits.min}`);
        if (p.limits?.max !== undefined && n > p.limits.max) problems.push(`${p.name} is ${raw}, above the maximum ${p.limits.max}`);
      }
      break;
    }
    case "boolean":
      if (raw !== "true" && raw !== "false") problems.push(`${p.name} is ${shown}, not the boolean true or false`);
      break;
    case "array<string>": {
      if (!isShrinkJson(p)) {
        problems.push(`${p.name}: the facts give no wire encoding for ${p.type}`);
        break;
      }
      let v: unknown;
      try {
        v = JSON.parse(raw);
      } catch {
        v = undefined;
      }
      if (!Array.isArray(v) || !v.every((x) => typeof x === "string"))
        problems.push(`${p.name} is ${shown}, not one JSON array of strings (the SDK's shrink:json)`);
      break;
    }
    case "string":
      if (p.limits?.min_length !== undefined && raw.length < p.limits.min_length) problems.push(`${p.name} is shorter than ${p.limits.min_length}`);
      if (p.limits?.max_length !== undefined && raw.length > p.limits.max_length) problems.push(`${p.name} is longer than ${p.limits.max_length}`);
      break;
    default:
      problems.push(`${p.name}: the facts' type ${String(p.type)} has no wire check here`);
  }
  // Where the vendor's own texts disagree on the values (facts: enum_per_operation_texts), either reading is the vendor's.
  const allowed = p.enum === undefined ? undefined : [...new Set([...p.enum, ...(p.enum_per_operation_texts ?? [])])];
  if (allowed !== undefined && !allowed.includes(raw)) problems.push(`${p.name} is ${shown}, not one of the vendor's values ${allowed.join(", ")}`);
  return problems;
}

export interface WireParams {
  readonly query: Readonly<Record<string, string>>;
  readonly form: Readonly<Record<string, string>>;
}

/** Every way a request's business parameters disagree with the operation's fact. */
export function requestParamProblems(op: RpcOperationFact, params: WireParams): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [where, values] of [
    ["query", params.query],
    ["form", params.form],
  ] as const) {
    for (const [name, raw] of Object.entries(values)) {
      seen.add(name);
      const p = requestFact(op, name);
      if (p === undefined) {
        problems.push(`${name} (${where}) is not in the SDK request model of ${op.action}`);
        continue;
      }
      if (p.location !== where) problems.push(`${name} travels in the ${where}, the SDK sends it in the ${p.location}`);
      problems.push(...wireValueProblems(p, raw));
    }
  }
  for (const p of op.request) {
    if (p.required === true && !seen.has(p.name)) problems.push(`${p.name} is required by the SDK model of ${op.action} and was not sent`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// answers
// ---------------------------------------------------------------------------------------------

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

function jsonTypeOf(v: unknown): string {
  if (Array.isArray(v)) return "array";
  if (v === null) return "null";
  if (typeof v === "number") return Number.isInteger(v) ? "integer number" : "fractional number";
  return typeof v;
}

/** The JSON type an SDK field type decodes from, or a problem. `null` decodes into any of them (Go pointers). */
function valueProblems(f: FieldFact, v: unknown, path: string): string[] {
  if (v === null) return [];
  const wrong = () => [`${path} is ${jsonTypeOf(v)} ${JSON.stringify(v)?.slice(0, 60)}, the SDK model has ${f.type}`];
  switch (f.type) {
    case "string":
      return typeof v === "string" ? [] : wrong();
    case "integer":
    case "long":
      return typeof v === "number" && Number.isSafeInteger(v) ? [] : wrong();
    case "boolean":
      return typeof v === "boolean" ? [] : wrong();
    case "object":
      if (!isObject(v)) return wrong();
      return f.fields === undefined ? [] : objectProblems(v, f.fields, path);
    case "array<string>":
      return Array.isArray(v) && v.every((x) => typeof x === "string") ? [] : wrong();
    case "array<object>":
      if (!Array.isArray(v)) return wrong();
      return v.flatMap((item, i) =>
        isObject(item) ? objectProblems(item, f.items ?? [], `${path}[${i}]`) : [`${path}[${i}] is ${jsonTypeOf(item)}, not an object`],
      );
    default:
      return [`${path}: the facts' type ${String(f.type)} has no check here`];
  }
}

function objectProblems(body: Record<string, unknown>, fields: readonly FieldFact[], path: string): string[] {
  return Object.entries(body).flatMap(([k, v]) => {
    const f = fields.find((x) => x.name === k);
    const at = path === "" ? k : `${path}.${k}`;
    return f === undefined ? [`${at} is not in the SDK response model`] : valueProblems(f, v, at);
  });
}

/** Every way a success body disagrees with the response model: unknown names, wrong JSON types, no RequestId. */
export function answerProblems(op: RpcOperationFact, body: unknown): string[] {
  if (!isObject(body)) return [`the answer to ${op.action} is ${jsonTypeOf(body)}, not a JSON object`];
  const problems = objectProblems(body, op.response, "");
  if (typeof body.RequestId !== "string" || body.RequestId === "") problems.push("RequestId is missing");
  return problems;
}

/**
 * Every way an error answer disagrees with the darabonba-openapi RPC envelope (facts `error_body`):
 * HTTP 400-599, a JSON body (not `text/xml;charset=utf-8`, which the SDK parses as XML) with a string
 * Code, Message and RequestId; Description a string and AccessDeniedDetail an object when present.
 */
export function errorEnvelopeProblems(status: number, contentType: string | undefined, body: unknown): string[] {
  const problems: string[] = [];
  if (status < 400 || status > 599) problems.push(`HTTP ${status} is not an error status (the SDK treats 400-599 as errors)`);
  if (contentType === "text/xml;charset=utf-8") problems.push("the error is XML (content-type text/xml;charset=utf-8); the SDK would parse it as such");
  if (!isObject(body)) return [...problems, `the error body is ${jsonTypeOf(body)}, not a JSON object`];
  for (const k of ["Code", "Message", "RequestId"]) if (typeof body[k] !== "string" || body[k] === "") problems.push(`error ${k} is missing or not a string`);
  if (body.Description !== undefined && typeof body.Description !== "string") problems.push("error Description is not a string");
  if (body.AccessDeniedDetail !== undefined && !isObject(body.AccessDeniedDetail)) problems.push("error AccessDeniedDetail is not an object");
  return problems;
}
