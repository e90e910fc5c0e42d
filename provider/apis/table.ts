/**
 * The generic API table model both clouds' tables are written in: an operation is its name (the
 * table's key), its parameters and where each travels on the wire, the schema of a successful
 * answer, and the error codes meaning "the addressed object does not exist". Codes worth retrying
 * are the protocol's (any call may be throttled), so they sit beside each protocol's model.
 *
 * What differs per protocol is kept out of this file, in one small module each, because each has
 * its own consumers: alibaba-rpc.ts (an Action on one POST, text encodings, per-parameter rules the
 * emulator's router applies) and huawei-rest.ts (a method and a path template, JSON bodies, the
 * request the Huawei client sends). The product files (alibaba-gpdb.ts, huawei-dis.ts, ...) hold
 * only their tables and the constants and rules of their API.
 */
import type { z } from "zod";
import { ApiError } from "../errors";

/** What a parameter's value is, as the wire carries it. */
export type WireType =
  /** Plain text. */
  | "string"
  /** A whole number in the 32-bit range (Go `int32`; JSON integer, or decimal text). */
  | "integer"
  /** A whole number in the 64-bit range (Go `int64`). */
  | "long"
  /** `true` / `false`. */
  | "boolean"
  /** An RPC list of strings, JSON-encoded into one text value (the Alibaba SDK's "shrink" style). */
  | "stringList"
  /** A JSON object (a REST body field). */
  | "object"
  /** A JSON array (a REST body field). */
  | "array";

/** Where a parameter travels. */
export type ParamLocation = "path" | "query" | "form" | "body" | "header";

export interface ParamSpec<T extends WireType = WireType, L extends ParamLocation = ParamLocation> {
  readonly type: T;
  /** Where it travels; each protocol names its default. */
  readonly location?: L;
  /** A second place the same value travels (DIS's stream update repeats the path's name in its body). */
  readonly alsoIn?: L;
  readonly required?: boolean;
  /** Allowed values, compared case-insensitively (the services accept and echo either case). */
  readonly enum?: readonly string[];
  /** Never written to logs or error text. */
  readonly secret?: boolean;
}

export interface OperationSpec<P extends ParamSpec = ParamSpec> {
  /** By wire name. */
  readonly params: Readonly<Record<string, P>>;
  /** Shape of a successful answer's body. */
  readonly response: z.ZodType;
  /** Error codes meaning the addressed object does not exist. */
  readonly notFoundCodes: readonly string[];
}

/** A call's values grouped by where they travel, in the order the caller gave them. */
export type LaidOut = { readonly [L in ParamLocation]: Record<string, unknown> };

/**
 * Puts each given value where its parameter travels (`alsoIn` too); undefined values are left out.
 * A value the operation has no parameter for is a programming error, refused with `label` named.
 */
export function layOut(label: string, op: OperationSpec, values: Readonly<Record<string, unknown>>, defaultLocation: ParamLocation): LaidOut {
  const out: LaidOut = { path: {}, query: {}, form: {}, body: {}, header: {} };
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const p = op.params[name];
    if (!p) throw new Error(`${label} has no parameter ${name}`);
    out[p.location ?? defaultLocation][name] = value;
    if (p.alsoIn !== undefined) out[p.alsoIn][name] = value;
  }
  return out;
}

/** The text values of the call's secret parameters: what error text must never show. */
export function secretValues(op: OperationSpec, values: Readonly<Record<string, unknown>>): string[] {
  return Object.entries(values)
    .filter(([name, v]) => op.params[name]?.secret === true && typeof v === "string")
    .map(([, v]) => v as string);
}

/** True when `err` is the operation's "the object does not exist" answer. */
export function isNotFoundOf(op: OperationSpec | undefined, err: unknown): boolean {
  return err instanceof ApiError && op !== undefined && op.notFoundCodes.includes(err.code);
}

/** Every not-found code of a table's operations. */
export function notFoundCodesOf(operations: Readonly<Record<string, OperationSpec>>): ReadonlySet<string> {
  return new Set(Object.values(operations).flatMap((op) => op.notFoundCodes));
}
