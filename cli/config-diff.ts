/**
 * What differs by design between two environments: their stack config, key by key. Secret values
 * are never shown, nor whether they differ: a secret key is listed as such.
 */
import type { ConfigMap } from "@pulumi/pulumi/automation";

/** One line per key that differs, is only in one stack, or is secret in either; sorted by key. */
export function configDifferences(source: ConfigMap, target: ConfigMap, names: { source: string; target: string }): string[] {
  const keys = [...new Set([...Object.keys(source), ...Object.keys(target)])].sort();
  return keys.flatMap((key) => {
    const a = source[key];
    const b = target[key];
    if (a?.secret || b?.secret) {
      const where = a === undefined ? `only in ${names.target}` : b === undefined ? `only in ${names.source}` : "in both";
      return [`${key}: secret, ${where} (value not shown)`];
    }
    if (a === undefined) return [`${key}: only in ${names.target} = ${b?.value}`];
    if (b === undefined) return [`${key}: only in ${names.source} = ${a.value}`];
    return a.value === b.value ? [] : [`${key}: ${a.value} → ${b.value}`];
  });
}
