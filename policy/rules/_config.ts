/**
 * Policy config with the schema's defaults filled in. The engine fills defaults when it validates a
 * `--policy-pack-config` file, but a run without a file (or an older engine) hands the policy `{}`;
 * reading the defaults from the same schema the engine sees keeps one source of truth for both.
 */
import type { PolicyConfigSchema } from "@pulumi/policy";

export function configWithDefaults<T extends object>(schema: PolicyConfigSchema, given: object): T {
  const out: Record<string, unknown> = {};
  for (const [key, prop] of Object.entries(schema.properties)) {
    if (prop.default !== undefined) out[key] = prop.default;
  }
  for (const [key, value] of Object.entries(given)) {
    if (value !== undefined) out[key] = value;
  }
  return out as T;
}
