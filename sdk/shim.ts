/**
 * The serialized provider. Every resource carries it in state (the `__provider` input) and Pulumi's
 * dynamic provider host loads it as a module in the provider's process, calling its `handler()` for
 * the provider object. `pulumi.dynamic.Resource` would serialize a provider closure there (2.4 KB a
 * resource, most of a large stack's checkpoint); this writes the module text itself, one line that
 * requires this package's provider runtime BY NAME and asks it for the provider of one kind. So it
 * captures nothing (no credential, endpoint or path), and state written by earlier versions, whose
 * serialized closures call the runtime's exported functions, keeps loading (provider/runtime.ts).
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ResourceKind } from "../provider/kinds";

/** The `__provider` module text for a resource of `kind`. */
export function serializedProvider(kind: ResourceKind): string {
  return `exports.handler = () => require("pulumi-streamjobs/provider").providerOf(${JSON.stringify(kind)});\n`;
}

/** Wraps a secret-bearing input so it is encrypted in state even if the caller passed plain text. */
export function secretInput<T>(value: pulumi.Input<T> | undefined): pulumi.Output<pulumi.Unwrap<T>> | undefined {
  // Required lazily: the SDK must not pull @pulumi/pulumi's runtime into the shim's closure.
  const p: typeof pulumi = require("@pulumi/pulumi");
  return value === undefined ? undefined : p.secret(value);
}

/**
 * Marks the values under `keys`, at any depth of an object input, secret (an endpoint's `password`
 * inside a job's source config), so state holds them encrypted even if given in plain text. Outputs
 * and promises on the way are walked once they resolve.
 */
export function secretKeysInput<T>(value: pulumi.Input<T> | undefined, keys: readonly string[]): pulumi.Input<T> | undefined {
  const p: typeof pulumi = require("@pulumi/pulumi");
  const walk = (v: unknown): unknown => {
    if (p.Output.isInstance(v) || v instanceof Promise) return p.output(v).apply(walk);
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== "object") return v;
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, keys.includes(k) && x !== undefined ? p.secret(x) : walk(x)]));
  };
  return value === undefined ? undefined : (walk(value) as pulumi.Input<T>);
}

/** Output-only properties, passed as undefined so the engine fills them from the provider's outputs. */
export function computedOutputs(...names: string[]): Record<string, undefined> {
  return Object.fromEntries(names.map((n) => [n, undefined]));
}
