/** Every resource kind this package serves; the runtime's registry must cover each one. */
export const RESOURCE_KINDS = ["alicloud:StreamingJob", "alicloud:StreamingDataSource", "alicloud:StreamingDataService"] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** The engine's type token for a kind: `pulumi-nodejs:dynamic/<module>:<type>`. */
export function typeToken(kind: ResourceKind): string {
  return `pulumi-nodejs:dynamic/${kind}`;
}
