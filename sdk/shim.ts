/**
 * The serialized provider. Every resource carries it in state (the `__provider` input) and Pulumi's
 * dynamic provider host loads it as a module in the provider's process, calling its `handler()` for
 * the provider object. `pulumi.dynamic.Resource` would serialize a provider closure there (2.4 KB a
 * resource, most of a large stack's checkpoint); this writes the module text itself, one line that
 * requires this package's provider runtime BY NAME and asks it for the provider of one kind. So it
 * captures nothing (no credential, endpoint or path), and state written by earlier versions, whose
 * serialized closures call the runtime's exported functions, keeps loading (provider/runtime.ts).
 *
 * The rest is what the generated SDK classes do at registration: secret inputs, computed outputs,
 * and registering without @pulumi/pulumi's debug stack traces (quietRegistration).
 */
import * as pulumi from "@pulumi/pulumi";
import type { ResourceKind } from "../provider/kinds";

/** The `__provider` module text for a resource of `kind`. */
export function serializedProvider(kind: ResourceKind): string {
  return `exports.handler = () => require("pulumi-streamjobs/provider").providerOf(${JSON.stringify(kind)});\n`;
}

/** Wraps a secret-bearing input so it is encrypted in state even if the caller passed plain text. */
export function secretInput<T>(value: pulumi.Input<T> | undefined): pulumi.Output<pulumi.Unwrap<T>> | undefined {
  return value === undefined ? undefined : pulumi.secret(value);
}

/**
 * Marks the values under `keys`, at any depth of an object input, secret (an endpoint's `password`
 * inside a job's source config), so state holds them encrypted even if given in plain text. Outputs
 * and promises on the way are walked once they resolve.
 */
export function secretKeysInput<T>(value: pulumi.Input<T> | undefined, keys: readonly string[]): pulumi.Input<T> | undefined {
  const walk = (v: unknown): unknown => {
    if (pulumi.Output.isInstance(v) || v instanceof Promise) return pulumi.output(v).apply(walk);
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== "object") return v;
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, keys.includes(k) && x !== undefined ? pulumi.secret(x) : walk(x)]));
  };
  return value === undefined ? undefined : (walk(value) as pulumi.Input<T>);
}

/** Output-only properties, passed as undefined so the engine fills them from the provider's outputs. */
export function computedOutputs(...names: string[]): Record<string, undefined> {
  return Object.fromEntries(names.map((n) => [n, undefined]));
}

/** Set, @pulumi/pulumi reports leaked promises with the stack traces quietRegistration leaves out. */
const DEBUG_PROMISE_LEAKS = !!process.env.PULUMI_DEBUG_PROMISE_LEAKS;

/** What a generated constructor calls around `super(...)` (see quietRegistration). */
export interface QuietRegistration {
  /** Puts the program's Error.stackTraceLimit back (in `finally`). */
  restore(): void;
  /**
   * An error `super(...)` threw, given the stack it was made without: from the caller of `at`
   * (the SDK class), so the program's line shows. Returned for the constructor to throw.
   */
  failed(err: unknown, at: abstract new (...args: never[]) => unknown): unknown;
}

/**
 * Lowers Error.stackTraceLimit to 0 for the synchronous part of a resource's registration, the
 * `super(...)` of a generated class (which must call it inline, not in a callback: @pulumi/pulumi
 * takes the resource's source position four frames up from its own constructor).
 *
 * Why: for every property of every resource, @pulumi/pulumi's registration makes four promises and
 * gives each the stack trace of a new Error (runtime/debuggable.js `debuggablePromise`), formatted
 * at once through the source-map support the Node language host installs. Nothing reads those
 * traces unless PULUMI_DEBUG_PROMISE_LEAKS is set, yet they were most of a no-change preview's time
 * per resource in the program (a CPU profile of the bench's 200-job stack). With the limit at 0
 * they cost nothing. What else registration does is unchanged: the source position and stack trace
 * the engine records come from Resource.callsites, which sets its own limit; later, asynchronous
 * work runs with the program's limit; with PULUMI_DEBUG_PROMISE_LEAKS set this changes nothing. An
 * error thrown out of `super(...)` (a bad option, or a program's own `transformations`, which run
 * inside it) gets a stack from the program's line; an Error made and caught within it has none.
 */
export function quietRegistration(): QuietRegistration {
  const limit = Error.stackTraceLimit;
  if (!DEBUG_PROMISE_LEAKS) Error.stackTraceLimit = 0;
  return {
    restore: () => {
      Error.stackTraceLimit = limit;
    },
    failed: (err, at) => {
      Error.stackTraceLimit = limit;
      if (err instanceof Error && !/\n\s+at /.test(err.stack ?? "")) Error.captureStackTrace(err, at);
      return err;
    },
  };
}
