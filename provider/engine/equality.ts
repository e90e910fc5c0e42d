/**
 * Semantic equality used by diff and read: values the API treats as the same are not changes.
 */
import { isDeepStrictEqual } from "node:util";
import { parse as parseYaml } from "yaml";

/** Absent, empty string and empty list all mean "not set" to these APIs. */
export function isUnset(v: unknown): boolean {
  return v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);
}

export function sameScalar(a: unknown, b: unknown): boolean {
  if (isUnset(a) && isUnset(b)) return true;
  return String(a) === String(b);
}

/** Enum values the service accepts in either case and echoes back as given. */
export function sameEnum(a: unknown, b: unknown): boolean {
  if (isUnset(a) && isUnset(b)) return true;
  return typeof a === "string" && typeof b === "string" && a.toUpperCase() === b.toUpperCase();
}

export function sameList(a: unknown, b: unknown): boolean {
  if (isUnset(a) && isUnset(b)) return true;
  return isDeepStrictEqual(a, b);
}

/** Lists whose order carries no meaning (key columns, columns to update). */
export function sameSet(a: unknown, b: unknown): boolean {
  if (isUnset(a) && isUnset(b)) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  return isDeepStrictEqual([...a].map(String).sort(), [...b].map(String).sort());
}

function tryParse(text: unknown, parse: (s: string) => unknown): { ok: true; v: unknown } | { ok: false } {
  if (typeof text !== "string") return { ok: false };
  try {
    return { ok: true, v: parse(text) };
  } catch {
    return { ok: false };
  }
}

/** YAML documents that differ only in formatting, quoting, comments or key order. */
export function sameYaml(a: unknown, b: unknown): boolean {
  if (isUnset(a) && isUnset(b)) return true;
  const pa = tryParse(a, parseYaml);
  const pb = tryParse(b, parseYaml);
  return pa.ok && pb.ok ? isDeepStrictEqual(pa.v, pb.v) : a === b;
}

/** JSON texts that differ only in whitespace or key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (isUnset(a) && isUnset(b)) return true;
  const pa = tryParse(a, JSON.parse);
  const pb = tryParse(b, JSON.parse);
  return pa.ok && pb.ok ? isDeepStrictEqual(pa.v, pb.v) : a === b;
}
