/**
 * The serialized provider. Pulumi writes this closure into every resource's state and runs it in
 * the dynamic provider's process, so it must stay tiny and capture nothing but a kind string: each
 * method requires this package's provider runtime BY NAME inside its body (a module-scope import
 * would be serialized by value or pinned to a file path) and dispatches on the kind. Credentials
 * and endpoints are read there at run time, never captured here.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ResourceKind } from "../provider/kinds";

const cache = new Map<ResourceKind, pulumi.dynamic.ResourceProvider>();

/** One provider object per kind, so the engine serializes it once (it caches by identity). */
export function providerFor(kind: ResourceKind): pulumi.dynamic.ResourceProvider {
  let p = cache.get(kind);
  if (!p) {
    p = {
      configure: async (req) => require("pulumi-streamjobs/provider").configure(kind, req),
      check: async (olds, news) => require("pulumi-streamjobs/provider").check(kind, olds, news),
      diff: async (id, olds, news) => require("pulumi-streamjobs/provider").diff(kind, id, olds, news),
      create: async (inputs) => require("pulumi-streamjobs/provider").create(kind, inputs),
      read: async (id, props) => require("pulumi-streamjobs/provider").read(kind, id, props),
      update: async (id, olds, news) => require("pulumi-streamjobs/provider").update(kind, id, olds, news),
      delete: async (id, props) => require("pulumi-streamjobs/provider").remove(kind, id, props),
    };
    cache.set(kind, p);
  }
  return p;
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
