/**
 * A resource descriptor: everything the provider knows about one resource, in one value. Its type
 * token is written once, as module and name; the kind the runtime dispatches on
 * (`alicloud:StreamingJob`), the engine's type token (`pulumi-nodejs:dynamic/alicloud:StreamingJob`,
 * what `pulumi.dynamic.Resource` registers and what the SDK class's `__pulumiType` must equal) and
 * the SDK class's path (`alicloud.StreamingJob`) are derived from it. The list of descriptors
 * (resources/index.ts) is the one place a resource is registered: the kinds, the runtime's registry
 * and the field reference come from it.
 */
import type { z } from "zod";
import { type CheckFailure, type Rule, checkInputs } from "./check";
import { type DiffResult, type FieldTable, diffFields } from "./fields";

type Props = Record<string, unknown>;

/** A resource's type token: the SDK namespace (`alicloud`) and class name (`StreamingJob`). */
export interface ResourceToken<M extends string = string, N extends string = string> {
  readonly module: M;
  readonly name: N;
}

export type KindOf<M extends string, N extends string> = `${M}:${N}`;

/** The kind the serialized provider carries and the runtime dispatches on, e.g. `alicloud:StreamingJob`. */
export function tokenKind<const M extends string, const N extends string>(token: ResourceToken<M, N>): KindOf<M, N> {
  return `${token.module}:${token.name}`;
}

/** The engine's type token of a dynamic resource (pulumi.dynamic.Resource's `pulumi-nodejs:dynamic/<module>:<type>`). */
export function tokenType<const M extends string, const N extends string>(token: ResourceToken<M, N>): `pulumi-nodejs:dynamic/${KindOf<M, N>}` {
  return `pulumi-nodejs:dynamic/${tokenKind(token)}`;
}

/** What the dynamic provider does for one resource; the runtime calls exactly these. */
export interface ResourceHandlers {
  check(olds: Props, news: Props): { inputs: Props; failures: CheckFailure[] };
  diff(id: string, olds: Props, news: Props): DiffResult;
  create(inputs: Props): Promise<{ id: string; outs: Props }>;
  read(id: string, props: Props): Promise<{ id?: string; props?: Props; inputs?: Props }>;
  update(id: string, olds: Props, news: Props): Promise<{ outs: Props }>;
  remove(id: string, props: Props): Promise<void>;
}

/** What the SDK class says beyond its inputs and outputs (sdk-gen.ts writes the class from it). */
export interface SdkDocs {
  /** The class's TSDoc: what the resource is, what create waits for, what fails. */
  readonly summary: string;
  /** The Args interface's TSDoc. */
  readonly args: string;
  /** A short program declaring the resource (the class's `@example`). */
  readonly example: string;
  /** The vendor's reference page for the create API. */
  readonly see?: string;
  /** `get()`'s TSDoc: what the id is. */
  readonly get: string;
  /** The input the class fills with the resource's name when the program leaves it unset. */
  readonly nameInput?: string;
  /**
   * Object types the SDK declares beyond what the input schemas name: the typed form of an input
   * whose schema takes any object (its rules are checked later, with messages of their own), which
   * an input refers to by name through `.meta({ sdkInput })`.
   */
  readonly types?: readonly z.ZodType[];
}

export interface ResourceSpec<M extends string, N extends string>
  extends Omit<ResourceHandlers, "check" | "diff">,
    Partial<Pick<ResourceHandlers, "check" | "diff">> {
  readonly token: ResourceToken<M, N>;
  /** The inputs, one zod schema per SDK property. */
  readonly shape: Readonly<Record<string, z.ZodType>>;
  /** Each input sent to or read from the API: its API name, replace, secret, write-only, unset (engine/fields.ts). */
  readonly fields: FieldTable;
  /**
   * The cross-field rules check runs after the per-field schemas. Typed `never` so each resource's
   * rules, typed by its own inputs, fit; the descriptor only lists them.
   */
  readonly rules?: readonly Rule<never>[];
  /**
   * The outputs the service computes, each a zod schema of its value with a `.describe()` doc (the
   * SDK class passes them as undefined, for the engine to fill, and declares their types).
   */
  readonly outputs: Readonly<Record<string, z.ZodType>>;
  readonly sdk: SdkDocs;
  /**
   * What the diff does beyond the field table's `replace` flags, in a sentence or two: the special
   * cases the table cannot say (a nested field that replaces, deleting first because names are
   * unique), the API an update goes through, and what is not a change. The README's "what replaces
   * what" prints it after the fields.
   */
  readonly replaceNote: string;
}

export interface ResourceDescriptor<M extends string = string, N extends string = string> extends ResourceHandlers {
  readonly token: ResourceToken<M, N>;
  readonly kind: KindOf<M, N>;
  readonly type: `pulumi-nodejs:dynamic/${KindOf<M, N>}`;
  /** The SDK class, e.g. `alicloud.StreamingJob`. */
  readonly title: `${M}.${N}`;
  readonly shape: Readonly<Record<string, z.ZodType>>;
  readonly fields: FieldTable;
  readonly rules: readonly Rule<never>[];
  /** The computed outputs' names, in order. */
  readonly outputs: readonly string[];
  readonly outputShape: Readonly<Record<string, z.ZodType>>;
  readonly sdk: SdkDocs;
  readonly replaceNote: string;
}

/**
 * One resource, described once. Without a `check` of its own, check parses the inputs against the
 * shape and runs the rules (checkInputs, with the field table marking secrets); without a `diff`,
 * diff compares the field table's fields (diffFields).
 */
export function defineResource<const M extends string, const N extends string>(spec: ResourceSpec<M, N>): ResourceDescriptor<M, N> {
  const kind = tokenKind(spec.token);
  const rules = spec.rules ?? [];
  return {
    token: { module: spec.token.module, name: spec.token.name },
    kind,
    type: tokenType(spec.token),
    title: `${spec.token.module}.${spec.token.name}`,
    shape: spec.shape,
    fields: spec.fields,
    rules,
    outputs: Object.keys(spec.outputs),
    outputShape: spec.outputs,
    sdk: spec.sdk,
    replaceNote: spec.replaceNote,
    check: spec.check ?? ((_olds, news) => checkInputs(kind, spec.shape, rules, news, spec.fields)),
    diff: spec.diff ?? ((_id, olds, news) => diffFields(spec.fields, olds, news)),
    create: spec.create,
    read: spec.read,
    update: spec.update,
    remove: spec.remove,
  };
}
