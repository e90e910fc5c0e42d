/**
 * The Huawei vendor facts (DIS, DMS, EventGrid EventRouter, IAM) as one list of operations, and
 * the checks the conformance tests apply with them: does a request carry the operation's names,
 * locations, JSON types, required fields, enums and limits; does an answer carry its field names,
 * types and status. Every expectation here comes from test/conformance/facts/*.json; nothing reads
 * provider/ or emulator/.
 */
import { type FieldFact, type RestFacts, type RestOperationFact, facts } from "./facts";

export const HUAWEI_APIS = ["dis", "dms", "eventrouter", "iam"] as const;
export type HuaweiApi = (typeof HUAWEI_APIS)[number];

export interface HuaweiOperation {
  readonly api: HuaweiApi;
  readonly key: string;
  /** `api.key`, e.g. `dis.ShowStream`. */
  readonly label: string;
  readonly fact: RestOperationFact;
  readonly method: string | undefined;
  readonly path: string | undefined;
}

/** `GET /v1/x` in a key written `Name (GET /v1/x)` (placeholders that hold no facts yet). */
const KEY_HINT = /\((GET|POST|PUT|DELETE) (\/[^)\s]+)\)/;

export function huaweiOperations(): HuaweiOperation[] {
  const out: HuaweiOperation[] = [];
  for (const api of HUAWEI_APIS) {
    const file: RestFacts = facts[api];
    for (const [key, fact] of Object.entries(file.operations)) {
      const hint = KEY_HINT.exec(key);
      out.push({ api, key, label: `${api}.${key}`, fact, method: fact.method ?? hint?.[1], path: fact.path ?? hint?.[2] });
    }
  }
  return out;
}

/**
 * Why an operation's fact cannot serve as an oracle, or undefined when it can: it needs a method,
 * a path, a request section and a response section with something in it (fields, a status or a
 * note that the body is empty).
 */
export function missingContent(op: HuaweiOperation): string | undefined {
  const f = op.fact;
  const gaps: string[] = [];
  if (f.method === undefined) gaps.push("no method");
  if (f.path === undefined) gaps.push("no path");
  if (f.request === undefined) gaps.push("no request section");
  const r = f.response;
  if (r === undefined || ((r.body ?? []).length === 0 && (r.status ?? undefined) === undefined && r.body_note === undefined)) gaps.push("no response content");
  return gaps.length === 0 ? undefined : gaps.join(", ");
}

// ---------------------------------------------------------------------------------------------
// paths
// ---------------------------------------------------------------------------------------------

type Segment = { readonly literal: string } | { readonly param: string };

export function segmentsOf(template: string): Segment[] {
  return template
    .split("/")
    .slice(1)
    .map((s) => {
      const m = /^\{([A-Za-z_]+)\}$/.exec(s);
      return m?.[1] !== undefined ? { param: m[1] } : { literal: s };
    });
}

/** Two templates name the same route: equal literals, a parameter wherever the other has one. */
export function sameTemplate(a: string, b: string): boolean {
  const sa = segmentsOf(a);
  const sb = segmentsOf(b);
  return (
    sa.length === sb.length &&
    sa.every((s, i) => {
      const other = sb[i] as Segment;
      return "literal" in s ? "literal" in other && other.literal === s.literal : "param" in other;
    })
  );
}

/** The parameters of `template` in a concrete (percent-decoded segment by segment) path, or undefined. */
export function matchPath(template: string, path: string): Record<string, string> | undefined {
  const segs = segmentsOf(template);
  const parts = path.split("/").slice(1);
  if (segs.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i] as Segment;
    let part: string;
    try {
      part = decodeURIComponent(parts[i] as string);
    } catch {
      return undefined;
    }
    if ("literal" in seg) {
      if (seg.literal !== part) return undefined;
    } else {
      if (part === "") return undefined;
      params[seg.param] = part;
    }
  }
  return params;
}

/** Operations whose fact has this method and a path template equal to `template`. */
export function operationsForTemplate(method: string, template: string): HuaweiOperation[] {
  return huaweiOperations().filter((op) => op.method === method && op.path !== undefined && sameTemplate(op.path, template));
}

/** Operations whose fact has this method and a path template a concrete `path` fits. */
export function operationsForPath(method: string, path: string): HuaweiOperation[] {
  return huaweiOperations().filter((op) => op.method === method && op.path !== undefined && matchPath(op.path, path) !== undefined);
}

/**
 * Facts sharing one method and path (a DWS and an OBS dump-task create; the start and the stop
 * action) are told apart the way the vendor tells them apart: by a required body field the fact
 * restricts to one value (`destination_type: DWS`, `action: start`). Candidates whose such fields
 * the body does not match are dropped; when none is left, all are kept so the mismatch is reported.
 */
export function selectByBody(candidates: readonly HuaweiOperation[], body: unknown): HuaweiOperation[] {
  if (candidates.length < 2) return [...candidates];
  const obj = isObject(body) ? body : {};
  const fitting = candidates.filter((op) =>
    (op.fact.request?.body?.fields ?? []).every((f) => f.required !== true || f.enum?.length !== 1 || obj[f.name] === f.enum[0]),
  );
  return fitting.length > 0 ? fitting : [...candidates];
}

// ---------------------------------------------------------------------------------------------
// values against field facts
// ---------------------------------------------------------------------------------------------

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function jsonType(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

const show = (v: unknown) => {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
};

/** The JSON type a fact's type names: `string`, `integer`, `number`, `boolean`, `object`, `array`. */
export function wantedType(type: string | undefined): string | undefined {
  if (type === undefined || type === "") return undefined;
  const t = type.toLowerCase();
  if (t.startsWith("array")) return "array";
  if (/^(integer|long|int32|int64)/.test(t)) return "integer";
  if (/^(number|double|float|bigdecimal)/.test(t)) return "number";
  if (t.startsWith("bool")) return "boolean";
  if (t.startsWith("object") || t.startsWith("map")) return "object";
  if (t.startsWith("string")) return "string";
  return undefined;
}

/** `array<string>` → `string`. */
function itemType(type: string | undefined): string | undefined {
  const m = /^array<(.+)>$/i.exec(type ?? "");
  return m?.[1];
}

function fits(value: unknown, wanted: string): boolean {
  const got = jsonType(value);
  return got === wanted || (wanted === "number" && got === "integer");
}

/**
 * The JSON types a field may take: its fact's type, and the type of the vendor's own example where
 * that differs (DIS `retry_duration` is a string in the SDK model and the number 1800 in the
 * reference page's example; both are the vendor's).
 */
function allowedTypes(f: FieldFact): string[] {
  const types = new Set<string>();
  const wanted = wantedType(f.type);
  if (wanted !== undefined) types.add(wanted);
  if (f.example !== undefined && f.example !== null && wanted !== undefined && wanted !== "array" && wanted !== "object") types.add(jsonType(f.example));
  return [...types];
}

/**
 * Enum values a string may take. The DIS `options` enums are recorded as `true/on` and `false/off`
 * (the SDK comment's way of writing "true or on"; see dis.json uncertain), so such an entry, made
 * only of true/false/on/off, stands for each of its spellings. A value equal to the vendor's own
 * example is allowed too (DIS `dws_delimiter` is "" in the reference page's example).
 */
export function allowedEnum(f: FieldFact): Set<string> | undefined {
  if (f.enum === undefined || f.enum.length === 0) return undefined;
  const out = new Set<string>();
  for (const e of f.enum) {
    const parts = e.split("/");
    if (parts.length > 1 && parts.every((p) => ["true", "false", "on", "off"].includes(p))) for (const p of parts) out.add(p);
    else out.add(e);
  }
  if (typeof f.example === "string") out.add(f.example);
  return out;
}

export type CheckMode = "request" | "response";

function checkLimits(f: FieldFact, value: unknown, where: string, problems: string[]): void {
  const l = f.limits;
  if (l === undefined) return;
  const numeric = typeof value === "number" ? value : typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : undefined;
  const sized = Array.isArray(value) ? value.length : undefined;
  if (typeof value === "string") {
    if (l.min_length !== undefined && value.length < l.min_length) problems.push(`${where}: ${show(value)} is shorter than ${l.min_length} characters`);
    if (l.max_length !== undefined && value.length > l.max_length) problems.push(`${where}: ${show(value)} is longer than ${l.max_length} characters`);
  }
  const measured = sized ?? numeric;
  const unit = sized !== undefined ? " items" : "";
  if (measured !== undefined) {
    if (l.min !== undefined && measured < l.min) problems.push(`${where}: ${show(value)} is below the minimum ${l.min}${unit}`);
    if (l.max !== undefined && measured > l.max) problems.push(`${where}: ${show(value)} is above the maximum ${l.max}${unit}`);
  }
}

/** One value against one field fact; nested objects and arrays of objects recursively. */
function checkValue(f: FieldFact, value: unknown, where: string, mode: CheckMode, problems: string[]): void {
  // The vendors' own examples send and answer null for unset fields (the EventRouter page does both).
  if (value === null) {
    if (mode === "request" && f.required === true) problems.push(`${where}: null, but the field is required`);
    return;
  }
  const types = allowedTypes(f);
  if (types.length > 0 && !types.some((t) => fits(value, t))) {
    problems.push(`${where}: ${jsonType(value)} ${show(value)}, the fact says ${f.type}`);
    return;
  }
  const allowed = allowedEnum(f);
  if (allowed !== undefined && typeof value === "string" && !allowed.has(value)) {
    problems.push(`${where}: ${show(value)} is not one of ${[...allowed].map((e) => JSON.stringify(e)).join(", ")}`);
  }
  if (mode === "request") checkLimits(f, value, where, problems);
  if (isObject(value) && f.fields !== undefined) checkObject(f.fields, value, where, mode, problems);
  if (Array.isArray(value)) {
    const inner = itemType(f.type);
    value.forEach((item, i) => {
      const at = `${where}[${i}]`;
      if (f.items !== undefined && f.items.length > 0) {
        if (!isObject(item)) problems.push(`${at}: ${jsonType(item)} ${show(item)}, the fact says an object`);
        else checkObject(f.items, item, at, mode, problems);
        return;
      }
      const wanted = wantedType(inner);
      if (wanted !== undefined && item !== null && !fits(item, wanted)) problems.push(`${at}: ${jsonType(item)} ${show(item)}, the fact says ${inner}`);
      if (allowed !== undefined && typeof item === "string" && !allowed.has(item)) {
        problems.push(`${at}: ${show(item)} is not one of ${[...allowed].map((e) => JSON.stringify(e)).join(", ")}`);
      }
    });
  }
}

function checkObject(fields: readonly FieldFact[], obj: Record<string, unknown>, where: string, mode: CheckMode, problems: string[]): void {
  const byName = new Map(fields.map((f) => [f.name, f]));
  for (const [k, v] of Object.entries(obj)) {
    const at = where === "" ? k : `${where}.${k}`;
    const f = byName.get(k);
    if (f === undefined) {
      problems.push(`${at}: not a field of the fact (it lists ${fields.map((x) => x.name).join(", ")})`);
      continue;
    }
    checkValue(f, v, at, mode, problems);
  }
  if (mode === "request") {
    for (const f of fields) if (f.required === true && !(f.name in obj)) problems.push(`${where === "" ? f.name : `${where}.${f.name}`}: required, but absent`);
  }
}

/** A JSON body against the fact's top-level fields. */
export function checkBody(fields: readonly FieldFact[], body: unknown, mode: CheckMode): string[] {
  const problems: string[] = [];
  if (!isObject(body)) return [`(body): ${jsonType(body)} ${show(body)}, the fact says a JSON object`];
  checkObject(fields, body, "", mode, problems);
  return problems;
}

/** A query or path value (always text on the wire) against its fact. */
function checkText(f: FieldFact, value: string, where: string, problems: string[]): void {
  const wanted = wantedType(f.type);
  if (wanted === "integer" && !/^-?\d+$/.test(value)) problems.push(`${where}: ${show(value)} is not a whole number, the fact says ${f.type}`);
  if (wanted === "number" && !/^-?\d+(\.\d+)?$/.test(value)) problems.push(`${where}: ${show(value)} is not a number, the fact says ${f.type}`);
  if (wanted === "boolean" && value !== "true" && value !== "false") problems.push(`${where}: ${show(value)} is not true or false, the fact says ${f.type}`);
  const allowed = allowedEnum(f);
  if (allowed !== undefined && !allowed.has(value))
    problems.push(`${where}: ${show(value)} is not one of ${[...allowed].map((e) => JSON.stringify(e)).join(", ")}`);
  checkLimits(f, wanted === "integer" || wanted === "number" ? Number(value) : value, where, problems);
}

const mediaType = (contentType: string | undefined) => (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";

// ---------------------------------------------------------------------------------------------
// a whole request, a whole answer
// ---------------------------------------------------------------------------------------------

export interface WireRequest {
  readonly method: string;
  /** The path as sent (percent-encoded). */
  readonly path: string;
  readonly query: readonly (readonly [string, string])[];
  /** Header names lower-case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly bodyText: string;
}

/** What is wrong with `req` as a call of `op`, per its fact; empty when nothing is. */
export function checkRequest(op: Pick<HuaweiOperation, "fact">, req: WireRequest): string[] {
  const f = op.fact;
  const problems: string[] = [];
  if (f.method !== req.method) problems.push(`method ${req.method}, the fact says ${f.method}`);
  const params = f.path === undefined ? undefined : matchPath(f.path, req.path);
  if (params === undefined) {
    problems.push(`path ${req.path} does not fit the fact's ${f.path}`);
  } else {
    const declared = new Map((f.request?.path ?? []).map((p) => [p.name, p]));
    for (const [name, value] of Object.entries(params)) {
      const p = declared.get(name);
      if (p === undefined) problems.push(`path parameter {${name}} is in the path but not among the fact's path parameters`);
      else checkText(p, value, `path {${name}}`, problems);
    }
  }

  const declaredQuery = new Map((f.request?.query ?? []).map((q) => [q.name, q]));
  const sent = new Map<string, string>();
  for (const [k, v] of req.query) sent.set(k, v);
  for (const [k, v] of sent) {
    const q = declaredQuery.get(k);
    if (q === undefined) problems.push(`query ${k}=${show(v)}: not a query parameter of the fact (it lists ${[...declaredQuery.keys()].join(", ") || "none"})`);
    else checkText(q, v, `query ${k}`, problems);
  }
  for (const q of declaredQuery.values()) if (q.required === true && !sent.has(q.name)) problems.push(`query ${q.name}: required, but absent`);

  const authorization = req.headers.authorization ?? "";
  for (const h of f.request?.header ?? []) {
    const name = h.name.toLowerCase();
    if (h.required !== true || (name === "content-type" && req.bodyText === "")) continue;
    // The reference pages document token auth; an AK/SK signature takes the token's place.
    if (name === "x-auth-token" && authorization.startsWith("SDK-HMAC-SHA256 ")) continue;
    if (req.headers[name] === undefined) problems.push(`header ${h.name}: required, but absent`);
  }

  const bodyFacts = f.request?.body?.fields;
  if (req.bodyText.trim() === "") {
    if (bodyFacts?.some((b) => b.required === true)) problems.push("no body, but the fact's body has required fields");
  } else if (bodyFacts === undefined) {
    problems.push(`a body was sent (${show(req.bodyText)}), but the fact's request has none`);
  } else {
    let body: unknown;
    try {
      body = JSON.parse(req.bodyText);
    } catch {
      problems.push(`the body is not JSON: ${show(req.bodyText)}`);
    }
    if (body !== undefined) problems.push(...checkBody(bodyFacts, body, "request"));
    if (f.content_type !== undefined && mediaType(req.headers["content-type"]) !== mediaType(f.content_type)) {
      problems.push(`Content-Type ${show(req.headers["content-type"])}, the SDK sends ${f.content_type}`);
    }
  }
  return problems;
}

export interface WireAnswer {
  readonly status: number;
  /** Header names lower-case. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
}

/**
 * What is wrong with `res` as a success answer of `op`: the status (the fact's, or a 2xx where it
 * names none), the headers it lists, and the body's field names and JSON types. An operation whose
 * fact has no body fields and a note saying so ("empty", "none") must answer with no body.
 */
export function checkAnswer(op: Pick<HuaweiOperation, "fact">, res: WireAnswer): string[] {
  const r = op.fact.response ?? {};
  const problems: string[] = [];
  // A fact may hold `status: null` where the page's status table was not seen.
  if (r.status !== undefined && r.status !== null) {
    if (res.status !== r.status.code) problems.push(`status ${res.status}, the fact says ${r.status.code}`);
  } else if (res.status < 200 || res.status > 299) {
    problems.push(`status ${res.status}, want a success (2xx): ${show(res.text)}`);
  }
  for (const h of r.headers ?? []) if (res.headers[h.name.toLowerCase()] === undefined) problems.push(`header ${h.name}: absent`);

  const fields = r.body ?? [];
  // The SDK's model for the start/stop action is one `body` string: the raw answer, whatever it holds.
  const rawBody = fields.length === 1 && fields[0]?.name === "body" && wantedType(fields[0].type) === "string";
  if (fields.length === 0 || rawBody) {
    const empty = r.body_note !== undefined && /\b(empty|none|no body)\b/i.test(r.body_note);
    if (empty && res.text.trim() !== "") problems.push(`a body ${show(res.text)}, the fact says ${show(r.body_note)}`);
    return problems;
  }
  let body: unknown;
  try {
    body = JSON.parse(res.text);
  } catch {
    problems.push(`the body is not JSON: ${show(res.text)}`);
    return problems;
  }
  problems.push(...checkBody(fields, body, "response"));
  return problems;
}
