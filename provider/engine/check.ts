/**
 * `check` for every resource: per-field zod schemas plus a table of cross-field rules, all failures
 * reported at once in the SDK's property names. Values still unknown at preview (the engine's
 * sentinel string) are skipped, the way CDK skips unresolved tokens: a rule that reads an unknown
 * field does not run, and a field that is unknown is not validated.
 *
 * No failure carries a secret (a field the table marks `secret`, a key it lists in `secretKeys`, or
 * any key named like a password): its value is described ("a value of 5 characters"), never shown,
 * and a failure about a property that holds one is reported without `property`, because the engine
 * prints `inputs[property]` beside the reason ("property password value {…} has a problem"), and
 * it does so in clear for secrets too (pulumi v3.259.0 `issueCheckFailures`, which formats the
 * PropertyValue with `%v`). Nested paths (`sinkConfig.sinkKafka.password`) are no key of the
 * inputs, so the engine finds nothing to print for them and they keep their property.
 */
import type { z } from "zod";
import type { FieldTable } from "./fields";
import { redact } from "./redact";

/** The engine's placeholder for a value not known until apply (`pulumi.runtime.unknownValue`). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface CheckFailure {
  /** The SDK property path; "" where the engine would print a secret beside it. */
  property: string;
  reason: string;
}

/** Keys treated as secret wherever they appear, whatever a field table says. */
const SECRET_KEY = /password/i;

/** What a check message says in place of a secret. */
export const HIDDEN = "[secret]";

function masked(value: unknown, isSecret: (key: string) => boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => masked(v, isSecret));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, isSecret(k) && v !== undefined && v !== null && v !== "" ? HIDDEN : masked(v, isSecret)]),
    );
  }
  return value;
}

/** A value as an object: JSON text (a DataWorks script given as text) is read as what it holds. */
function structured(value: unknown): unknown {
  if (typeof value !== "string" || !/^\s*[[{]/.test(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function holdsKey(raw: unknown, isSecret: (key: string) => boolean): boolean {
  const value = structured(raw);
  if (Array.isArray(value)) return value.some((v) => holdsKey(v, isSecret));
  if (value && typeof value === "object") return Object.entries(value).some(([k, v]) => isSecret(k) || holdsKey(v, isSecret));
  return false;
}

/** A secret described by its shape alone: enough to fix it, nothing of the value. */
export function describeSecret(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "string") return `a value of ${value.length} character${value.length === 1 ? "" : "s"}`;
  if (typeof value === "number") return "a number";
  if (typeof value === "boolean") return "true or false";
  if (Array.isArray(value)) return `a list of ${value.length} entries`;
  return "an object";
}

export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}

/**
 * A cross-field rule: when `violated` holds, `message` explains it (what, got, allowed, fix); a rule
 * that finds several problems (a script with many faults) gives one message each.
 */
export interface Rule<T> {
  /** Fields the rule reads; it is skipped if any failed its own schema or is still unknown. */
  readonly fields: readonly (keyof T & string)[];
  /** The property the failure is reported against. */
  readonly property: keyof T & string;
  readonly violated: (d: T) => boolean;
  readonly message: (d: T) => string | readonly string[];
}

export interface CheckResult<T> {
  inputs: Record<string, unknown>;
  failures: CheckFailure[];
  /** The parsed inputs, when every field is known and valid. */
  parsed?: T;
}

/** A value as a message shows it: JSON, cut at 80 characters, every password-like key masked. */
export function show(value: unknown): string {
  if (value === undefined) return "nothing";
  const s = JSON.stringify(masked(value, (k) => SECRET_KEY.test(k)));
  return s === undefined ? String(value) : s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

function at(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const k of path) v = v && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

const TYPE_NAMES: Record<string, string> = {
  int: "a whole number",
  number: "a number",
  string: "a string",
  boolean: "true or false",
  array: "a list",
  object: "an object",
};

/**
 * One readable sentence per zod issue, naming the property path as the SDK spells it. `secret` says
 * the value at the issue's path is a secret: the sentence then describes it instead of showing it.
 */
export function describeIssue(prop: string, issue: z.core.$ZodIssue, value: unknown, secret = false): CheckFailure {
  const path = [prop, ...issue.path.map(String)].join(".");
  const got = secret ? describeSecret(at(value, issue.path)) : show(at(value, issue.path));
  let reason: string;
  switch (issue.code) {
    case "invalid_type": {
      const want = TYPE_NAMES[issue.expected] ?? `a ${issue.expected}`;
      reason = at(value, issue.path) === undefined ? `${path} is required. Set it to ${want}.` : `${path} must be ${want}; got ${got}.`;
      break;
    }
    case "invalid_value":
      reason = `${path} must be one of ${issue.values.map((v) => String(v)).join(", ")}; got ${got}. Change ${path} to one of these.`;
      break;
    case "too_small":
    case "too_big": {
      const [bound, edge, strict] = issue.code === "too_small" ? [issue.minimum, "at least", "more than"] : [issue.maximum, "at most", "less than"];
      reason =
        issue.origin === "string"
          ? `${path} must be ${edge} ${bound} characters long; got ${got}.`
          : issue.origin === "array"
            ? `${path} must have ${edge} ${bound} entries; got ${got}.`
            : `${path} must be ${issue.inclusive ? edge : strict} ${bound}; got ${got}.`;
      break;
    }
    case "unrecognized_keys":
      reason = `${path} has unknown ${issue.keys.length > 1 ? "fields" : "field"} ${issue.keys.join(", ")}. Remove ${issue.keys.length > 1 ? "them" : "it"} or check the spelling.`;
      break;
    default:
      if (issue.code === "invalid_union" && issue.message === "Invalid input") {
        reason = `${path} is not in any accepted form; got ${got}. Check the property's documented type.`;
        break;
      }
      // Custom refinements and formats carry a complete sentence already; one that continues the
      // property name ("must be…", "is required…") reads as a sentence after it.
      reason = issue.message.startsWith(path)
        ? issue.message
        : /^(is|are|and|or|must|may|only|has)\b/.test(issue.message)
          ? `${path} ${issue.message}`
          : `${path}: ${issue.message}`;
  }
  return { property: path, reason };
}

/** Which keys of a resource's inputs are, or hold, secrets; from the field table's flags. */
class Secrets {
  private readonly keys: ReadonlySet<string>;
  constructor(private readonly table: FieldTable) {
    this.keys = new Set(Object.values(table).flatMap((spec) => spec.secretKeys ?? []));
  }
  private readonly nestedKey = (k: string) => this.keys.has(k) || SECRET_KEY.test(k);
  /** The whole value of this top-level property is secret. */
  field(prop: string): boolean {
    return this.table[prop]?.secret === true || SECRET_KEY.test(prop);
  }
  /** The value at `path` under `prop` is (part of) a secret. */
  at(prop: string, path: readonly PropertyKey[]): boolean {
    return this.field(prop) || path.some((k) => typeof k === "string" && this.nestedKey(k));
  }
  /** Printing this top-level value would print a secret. */
  heldBy(prop: string, value: unknown): boolean {
    return this.field(prop) || holdsKey(value, this.nestedKey);
  }
  /** Every secret string in the inputs, for a last redaction of the messages. */
  values(news: Record<string, unknown>): string[] {
    const out: string[] = [];
    const leaves = (v: unknown): void => {
      if (typeof v === "string") {
        out.push(v);
        // A professional-mode job YAML: its password is the secret a message could quote.
        for (const m of v.matchAll(/^\s*PASSWORD\s*:[ \t]*(.*?)[ \t]*$/gim)) out.push(m[1] ?? "", (m[1] ?? "").replace(/^(["'])(.*)\1$/, "$2"));
      } else if (typeof v === "number") out.push(String(v));
      else if (Array.isArray(v)) v.forEach(leaves);
      else if (v && typeof v === "object") Object.values(v).forEach(leaves);
    };
    const walk = (raw: unknown): void => {
      const v = structured(raw);
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) this.nestedKey(k) ? leaves(x) : walk(x);
    };
    for (const [k, v] of Object.entries(news)) this.field(k) ? leaves(v) : walk(v);
    return out;
  }
}

/**
 * Parses `news` field by field against `shape`, then runs `rules`. Returns the normalised inputs
 * (defaults applied, values canonicalised) with unknown values passed through untouched. `fields`
 * marks the secrets, which no failure shows (see the header).
 */
export function checkInputs<T extends Record<string, unknown>>(
  kind: string,
  shape: Readonly<Record<string, z.ZodType>>,
  rules: readonly Rule<T>[],
  news: Record<string, unknown>,
  fields: FieldTable = {},
): CheckResult<T> {
  const secrets = new Secrets(fields);
  const failures: CheckFailure[] = [];
  const out: Record<string, unknown> = {};
  const bad = new Set<string>();
  const unknown = new Set<string>();

  for (const key of Object.keys(news)) {
    if (key === "__provider" || key in shape) continue;
    const close = Object.keys(shape).find((k) => k.toLowerCase() === key.toLowerCase());
    failures.push({
      property: key,
      reason: `${kind} has no property ${key}.${close ? ` Did you mean ${close}?` : " Remove it."}`,
    });
  }

  for (const [key, schema] of Object.entries(shape)) {
    const raw = news[key];
    if (containsUnknown(raw)) {
      unknown.add(key);
      out[key] = raw;
      continue;
    }
    const r = schema.safeParse(raw);
    if (r.success) {
      if (r.data !== undefined) out[key] = r.data;
    } else {
      bad.add(key);
      if (raw !== undefined) out[key] = raw;
      for (const issue of r.error.issues) failures.push(describeIssue(key, issue, raw, secrets.at(key, issue.path)));
    }
  }

  const data = out as T;
  for (const rule of rules) {
    if (rule.fields.some((f) => bad.has(f) || unknown.has(f))) continue;
    if (!rule.violated(data)) continue;
    for (const reason of [rule.message(data)].flat()) failures.push({ property: rule.property, reason });
  }

  // An unknown key's value may be a misspelt secret: the engine must not print it either.
  const hidden = secrets.values(news);
  const safe = failures.map(({ property, reason }) => ({
    property: property in news && (!(property in shape) || secrets.heldBy(property, news[property])) ? "" : property,
    reason: redact(reason, hidden),
  }));

  if ("__provider" in news) out.__provider = news.__provider;
  const result: CheckResult<T> = { inputs: out, failures: safe };
  if (failures.length === 0 && unknown.size === 0) result.parsed = data;
  return result;
}
