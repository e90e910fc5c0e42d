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
}

export type FieldTable = Readonly<Record<string, FieldSpec>>;

export interface DiffResult {
  changes: boolean;
  replaces?: string[];
  deleteBeforeReplace?: boolean;
}

const eq = (spec: FieldSpec, a: unknown, b: unknown) => (spec.same ?? sameScalar)(a, b);

/** Properties whose values differ semantically between old state and new inputs. */
export function changedFields(table: FieldTable, olds: Record<string, unknown>, news: Record<string, unknown>): string[] {
  return Object.entries(table)
    .filter(([k, spec]) => !eq(spec, olds[k], news[k]))
    .map(([k]) => k);
}

/** The engine's diff for a list of changed properties: a replacement if any of them needs one. */
export function diffOf(table: FieldTable, changed: readonly string[]): DiffResult {
  const replaces = changed.filter((k) => table[k]?.replace);
  return replaces.length > 0 ? { changes: true, replaces } : { changes: changed.length > 0 };
}

export function diffFields(table: FieldTable, olds: Record<string, unknown>, news: Record<string, unknown>): DiffResult {
  return diffOf(table, changedFields(table, olds, news));
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
    if (eq(spec, lastInputs[k], a)) continue;
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
