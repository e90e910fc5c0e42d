import { RESOURCES } from "./resources";

/** Every resource kind this package serves, from the one list of descriptors (resources/index.ts). */
export type ResourceKind = (typeof RESOURCES)[number]["kind"];
export const RESOURCE_KINDS: readonly ResourceKind[] = RESOURCES.map((r) => r.kind);
