/**
 * `check` for every resource: per-field zod schemas plus a table of cross-field rules, all failures
 * reported at once in the SDK's property names. Values still unknown at preview (the engine's
 * sentinel string) are skipped, the way CDK skips unresolved tokens: a rule that reads an unknown
 * field does not run, and a field that is unknown is not validated.
 */
import type { z } from "zod";

/** The engine's placeholder for a value not known until apply (`pulumi.runtime.unknownValue`). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface CheckFailure {
  property: string;
  reason: string;
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

export function show(value: unknown): string {
  if (value === undefined) return "nothing";
  const s = JSON.stringify(value);
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

/** One readable sentence per zod issue, naming the property path as the SDK spells it. */
export function describeIssue(prop: string, issue: z.core.$ZodIssue, value: unknown): CheckFailure {
  const path = [prop, ...issue.path.map(String)].join(".");
  const got = show(at(value, issue.path));
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

/**
 * Parses `news` field by field against `shape`, then runs `rules`. Returns the normalised inputs
 * (defaults applied, values canonicalised) with unknown values passed through untouched.
 */
export function checkInputs<T extends Record<string, unknown>>(
  kind: string,
  shape: Readonly<Record<string, z.ZodType>>,
  rules: readonly Rule<T>[],
  news: Record<string, unknown>,
): CheckResult<T> {
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
      for (const issue of r.error.issues) failures.push(describeIssue(key, issue, raw));
    }
  }

  const data = out as T;
  for (const rule of rules) {
    if (rule.fields.some((f) => bad.has(f) || unknown.has(f))) continue;
    if (!rule.violated(data)) continue;
    for (const reason of [rule.message(data)].flat()) failures.push({ property: rule.property, reason });
  }

  if ("__provider" in news) out.__provider = news.__provider;
  const result: CheckResult<T> = { inputs: out, failures };
  if (failures.length === 0 && unknown.size === 0) result.parsed = data;
  return result;
}
