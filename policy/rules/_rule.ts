/**
 * What every rule of the pack declares besides the policy SDK's fields: the resources it looks at,
 * as tokens of the generated TYPES table (never written by hand, so a misspelt one is a compile
 * error rather than a rule that silently never applies). A rule matches resources with `isOneOf`
 * over the same list it declares; a unit test runs each rule on each resource type and checks that
 * it applies to exactly the types it declares.
 */
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import type { TYPES } from "./_types";

type Namespaces = typeof TYPES;

/** The type token of one of the package's resources, e.g. `TYPES.huaweicloud.EventRouterJob`. */
export type ResourceType = { [M in keyof Namespaces]: Namespaces[M][keyof Namespaces[M]] }[keyof Namespaces];

export interface AppliesTo {
  /** The resources the rule checks; every other resource is not applicable to it. */
  readonly appliesTo: readonly ResourceType[];
}

export type PackResourcePolicy = ResourceValidationPolicy & AppliesTo;
export type PackStackPolicy = StackValidationPolicy & AppliesTo;
export type PackPolicy = PackResourcePolicy | PackStackPolicy;

/** Whether a resource (a resource policy's args, or one of a stack policy's resources) is of one of the types. */
export function isOneOf(types: readonly ResourceType[], resource: { readonly type: string }): boolean {
  return (types as readonly string[]).includes(resource.type);
}
