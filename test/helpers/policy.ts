/**
 * Runs policies the way the analyzer server of `@pulumi/policy` does, without its gRPC server
 * (a PolicyPack starts one on construction, and a process may hold only one): props behind the
 * SDK's unknown-checking proxy, config with the schema's defaults filled in as the engine fills
 * them, `notApplicable` as a thrown error, and an `UnknownValueError` turned into the advisory
 * "can't run policy during preview" instead of a failure.
 */
import {
  UnknownValueError,
  unknownCheckingProxy,
  type PolicyConfigSchema,
  type PolicyResource,
  type ResourceValidationArgs,
  type ResourceValidationPolicy,
  type StackValidationArgs,
  type StackValidationPolicy,
} from "@pulumi/policy";
import { EVENT_ROUTER_JOB_TYPE } from "../../policy/rules/_eventrouter";

/** What one policy said about one resource or stack. */
export interface PolicyOutcome {
  readonly violations: string[];
  /** The urn each violation was reported against (stack policies), in the same order. */
  readonly urns: (string | undefined)[];
  /** The reason given to `notApplicable`, when the policy called it. */
  notApplicable?: string;
  /** The UnknownValueError message, when the policy read a value unknown at preview. */
  unknown?: string;
}

class NotApplicable extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

const opts = {
  protect: false,
  ignoreChanges: [],
  aliases: [],
  additionalSecretOutputs: [],
  customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
};

export function urnOf(name: string, type = EVENT_ROUTER_JOB_TYPE): string {
  return `urn:pulumi:test::streamjobs::${type}::${name}`;
}

function newOutcome(): PolicyOutcome {
  return { violations: [], urns: [] };
}

async function capture(outcome: PolicyOutcome, run: () => unknown): Promise<void> {
  try {
    await run();
  } catch (err) {
    if (err instanceof NotApplicable) outcome.notApplicable = err.reason;
    else if (err instanceof UnknownValueError) outcome.unknown = (err as Error).message;
    else throw err;
  }
}

/** What the engine hands a policy: the config file's values over the schema's defaults. */
function configFor(schema: PolicyConfigSchema | undefined, config: object): () => object {
  const defaults = Object.entries(schema?.properties ?? {}).flatMap(([k, p]) => (p.default === undefined ? [] : [[k, p.default]]));
  return () => structuredClone({ ...Object.fromEntries(defaults), ...config });
}

export interface ResourceUnderTest {
  readonly props: Record<string, unknown>;
  readonly name?: string;
  readonly type?: string;
}

/** Runs a resource policy's validations (in order, as the server does) on one resource. */
export async function validateResource(policy: ResourceValidationPolicy, resource: ResourceUnderTest, config: object = {}): Promise<PolicyOutcome> {
  const outcome = newOutcome();
  const type = resource.type ?? EVENT_ROUTER_JOB_TYPE;
  const name = resource.name ?? "job";
  const validations = policy.validateResource === undefined ? [] : [policy.validateResource].flat();
  for (const validation of validations) {
    // A fresh proxy per validation, as the server deserialises the props for each one.
    const props = unknownCheckingProxy(structuredClone(resource.props)) as Record<string, unknown>;
    const args: ResourceValidationArgs = {
      type,
      props,
      urn: urnOf(name, type),
      name,
      opts,
      stackTags: new Map(),
      isType: () => false,
      asType: () => undefined,
      getConfig: configFor(policy.configSchema, config) as ResourceValidationArgs["getConfig"],
      notApplicable: (reason?: string) => {
        throw new NotApplicable(reason ?? "");
      },
    };
    await capture(outcome, () =>
      validation(args, (message, urn) => {
        outcome.violations.push(message);
        outcome.urns.push(urn);
      }),
    );
  }
  return outcome;
}

/** Runs a stack policy over resources given as outputs. */
export async function validateStack(policy: StackValidationPolicy, resources: readonly ResourceUnderTest[], config: object = {}): Promise<PolicyOutcome> {
  const outcome = newOutcome();
  const policyResources: PolicyResource[] = resources.map((r, i) => {
    const type = r.type ?? EVENT_ROUTER_JOB_TYPE;
    const name = r.name ?? `job-${i}`;
    return {
      type,
      props: unknownCheckingProxy(structuredClone(r.props)) as Record<string, unknown>,
      urn: urnOf(name, type),
      name,
      opts,
      dependencies: [],
      propertyDependencies: {},
      isType: () => false,
      asType: () => undefined,
    };
  });
  const args: StackValidationArgs = {
    resources: policyResources,
    stackTags: new Map(),
    getConfig: configFor(policy.configSchema, config) as StackValidationArgs["getConfig"],
    notApplicable: (reason?: string) => {
      throw new NotApplicable(reason ?? "");
    },
  };
  await capture(outcome, () =>
    policy.validateStack(args, (message, urn) => {
      outcome.violations.push(message);
      outcome.urns.push(urn);
    }),
  );
  return outcome;
}

type JsonSchema = PolicyConfigSchema["properties"][string];

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/**
 * The part of JSON schema the pack's configSchemas use (type, enum, minimum, items, properties,
 * additionalProperties, required), checked the way the engine checks a `--policy-pack-config` file.
 * Unknown keys of a policy's config are errors here, stricter than the engine, so that a misspelt
 * key (`broker`) cannot silently fall back to its default.
 */
export function configErrors(schema: PolicyConfigSchema, config: Record<string, unknown>): string[] {
  const errors: string[] = [];
  for (const key of schema.required ?? []) {
    if (!(key in config)) errors.push(`${key}: is required`);
  }
  for (const [key, value] of Object.entries(config)) {
    const prop = schema.properties[key];
    if (prop === undefined) errors.push(`${key}: is not a setting of this policy`);
    else errors.push(...valueErrors(prop, value, key));
  }
  return errors;
}

function valueErrors(schema: JsonSchema | boolean, value: unknown, path: string): string[] {
  if (schema === true) return [];
  if (schema === false) return [`${path}: is not allowed`];
  const errors: string[] = [];
  const actual = typeOf(value);
  if (schema.type !== undefined) {
    const allowed = [schema.type].flat();
    const ok = allowed.includes(actual as never) || (actual === "integer" && allowed.includes("number"));
    if (!ok) return [`${path}: must be ${allowed.join(" or ")}, got ${actual}`];
  }
  if (schema.enum !== undefined && !schema.enum.some((e) => e === value)) errors.push(`${path}: must be one of ${JSON.stringify(schema.enum)}`);
  if (schema.minimum !== undefined && typeof value === "number" && value < schema.minimum) errors.push(`${path}: must be at least ${schema.minimum}`);
  if (Array.isArray(value) && schema.items !== undefined && !Array.isArray(schema.items)) {
    for (const [i, v] of value.entries()) errors.push(...valueErrors(schema.items as JsonSchema, v, `${path}[${i}]`));
  }
  if (actual === "object") {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const prop = schema.properties?.[k] ?? schema.additionalProperties;
      if (prop !== undefined) errors.push(...valueErrors(prop, v, `${path}.${k}`));
    }
    for (const k of schema.required ?? []) {
      if (!(k in (value as object))) errors.push(`${path}.${k}: is required`);
    }
  }
  return errors;
}
