/**
 * A field table describes each SDK property once: its API name, how two values compare, and whether
 * a change needs a replacement. Mapping to and from the API, `diff` and the drift realignment of
 * `read` are all derived from it.
 */
import { sameScalar } from "./equality";

export interface FieldSpec {
  /** The API's parameter/response name. */
  readonly api: string;
  /** Semantic equality; defaults to sameScalar. */
  readonly same?: (a: unknown, b: unknown) => boolean;
  /** A change cannot be applied in place: the resource is replaced. */
  readonly replace?: boolean;
  /** Sent on create only (the Modify API does not take it). Implied by `replace`. */
  readonly createOnly?: boolean;
  /** Not echoed by the read API, so read keeps the last known value. */
  readonly writeOnly?: boolean;
  /**
   * The value is a secret (a password, or a job config that holds one): check failures describe it
   * without showing it (see engine/check.ts). Secret in state through the SDK, not through this flag.
   */
  readonly secret?: boolean;
  /** Keys, at any depth of this object value, whose values are secrets (an endpoint's `password`). */
  readonly secretKeys?: readonly string[];
  /**
   * What taking an optional input out of the program means; every optional input has one (a unit
   * test holds each resource to it), and neither ever sends an empty value:
   * - `{ reset: v }`: the object goes back to the vendor's default `v`, which the update sends.
   *   Unset and `v` are the same value, in diff and in refresh.
   * - `"kept"`: nothing is sent and the object keeps what it has. An unset input matches any value
   *   the cloud holds, so it is neither a change nor drift.
   * - `"replace"`: the API cannot clear it in place, so removing it replaces the object.
   */
  readonly unset?: { readonly reset: unknown } | "kept" | "replace";
}

export type FieldTable = Readonly<Record<string, FieldSpec>>;

export interface DiffResult {
  changes: boolean;
  replaces?: string[];
  deleteBeforeReplace?: boolean;
}

const eq = (spec: FieldSpec, a: unknown, b: unknown) => (spec.same ?? sameScalar)(a, b);

const resetOf = (spec: FieldSpec) => (typeof spec.unset === "object" ? spec.unset : undefined);

/** Unset and the vendor default are one value for a field that resets to it. */
const effective = (spec: FieldSpec, v: unknown) => {
  const r = resetOf(spec);
  return v === undefined && r ? r.reset : v;
};

/** Whether the program's value `wanted` (possibly unset) agrees with `held` (state or cloud). */
export function agrees(spec: FieldSpec, held: unknown, wanted: unknown): boolean {
  if (wanted === undefined && spec.unset === "kept") return true;
  return eq(spec, effective(spec, held), effective(spec, wanted));
}

/** Properties whose values differ semantically between old state and new inputs. */
export function changedFields(table: FieldTable, olds: Record<string, unknown>, news: Record<string, unknown>): string[] {
  return Object.entries(table)
    .filter(([k, spec]) => !agrees(spec, olds[k], news[k]))
    .map(([k]) => k);
}

/** The replacing fields among `changed`, plus a field whose removal replaces (`unset: "replace"`) when the program no longer sets it. */
function replacingFields(table: FieldTable, changed: readonly string[], news?: Record<string, unknown>): string[] {
  return changed.filter((k) => table[k]?.replace || (table[k]?.unset === "replace" && news !== undefined && news[k] === undefined));
}

/** The engine's diff for a list of changed properties: a replacement if any of them needs one. */
export function diffOf(table: FieldTable, changed: readonly string[], news?: Record<string, unknown>): DiffResult {
  const replaces = replacingFields(table, changed, news);
  return replaces.length > 0 ? { changes: true, replaces } : { changes: changed.length > 0 };
}

export function diffFields(table: FieldTable, olds: Record<string, unknown>, news: Record<string, unknown>): DiffResult {
  return diffOf(table, changedFields(table, olds, news), news);
}

/**
 * API parameters that apply the changed fields of an update: the new values, and for a field the
 * program no longer sets, the vendor default it resets to. A kept field is left out, and nothing is
 * ever sent empty (the APIs refuse `""` where they expect a value). A field whose removal replaces
 * does not reach here: diff replaced the object instead.
 */
export function updateParams(table: FieldTable, news: Record<string, unknown>, changed: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of changed) {
    const spec = table[k];
    if (!spec) continue;
    const v = effective(spec, news[k]);
    if (v !== undefined) out[spec.api] = v;
  }
  return out;
}

/** API parameters for the given SDK values (undefined left out). */
export function toApi(table: FieldTable, values: Record<string, unknown>, only?: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, spec] of Object.entries(table)) {
    if (only && !only.includes(k)) continue;
    if (values[k] !== undefined) out[spec.api] = values[k];
  }
  return out;
}

/** SDK values read from an API response (fields the response lacks are left out). */
export function fromApi(table: FieldTable, body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, spec] of Object.entries(table)) {
    if (!spec.writeOnly && body[spec.api] !== undefined) out[k] = body[spec.api];
  }
  return out;
}

/**
 * The inputs a refresh should record: the last inputs where the cloud still agrees with them
 * (keeping the user's formatting, case and order), the cloud's value where it drifted.
 */
export function realignInputs(table: FieldTable, lastInputs: Record<string, unknown>, actual: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...lastInputs };
  for (const [k, spec] of Object.entries(table)) {
    if (spec.writeOnly) continue;
    const a = actual[k];
    if (agrees(spec, a, lastInputs[k])) continue;
    if (a === undefined || a === "" || (Array.isArray(a) && a.length === 0)) delete out[k];
    else out[k] = a;
  }
  return out;
}

/** The subset of `props` that are inputs (declared in the schema), plus `__provider`. */
export function inputsOf(shapeKeys: readonly string[], props: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of [...shapeKeys, "__provider"]) if (props[k] !== undefined) out[k] = props[k];
  return out;
}
