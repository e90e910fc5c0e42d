/**
 * The field reference (docs/fields.md), rendered from each resource's input schema and field table,
 * so what the docs say a change or a removal does is what diff and update do. `npm run docs:fields`
 * writes it; a unit test fails when the file and the tables disagree.
 */
import type { z } from "zod";
import { show } from "./engine/check";
import type { FieldSpec, FieldTable } from "./engine/fields";
import { RESOURCES as DESCRIPTORS } from "./resources";

export interface DocumentedResource {
  /** The SDK class, e.g. `alicloud.StreamingJob`. */
  readonly title: string;
  readonly kind: string;
  readonly shape: Readonly<Record<string, z.ZodType>>;
  readonly fields: FieldTable;
}

/** Every resource, in the order of the one list of descriptors (resources/index.ts). */
export const RESOURCES: readonly DocumentedResource[] = DESCRIPTORS.map(({ title, kind, shape, fields }) => ({ title, kind, shape, fields }));

const defaultOf = (schema: z.ZodType): { optional: boolean; value?: unknown } => {
  const r = schema.safeParse(undefined);
  return r.success ? { optional: true, value: r.data } : { optional: false };
};

function whenRemoved(schema: z.ZodType, spec: FieldSpec | undefined): string {
  const d = defaultOf(schema);
  if (!d.optional) return "required";
  if (d.value !== undefined) return `back to ${show(d.value)} (the default)`;
  if (spec?.replace || spec?.unset === "replace") return "replaces the object";
  if (spec?.unset === "kept") return "left as it is (nothing is sent)";
  if (spec?.unset !== undefined) return `back to the vendor's default, ${show(spec.unset.reset)}`;
  return "not defined";
}

function onChange(spec: FieldSpec | undefined): string {
  if (!spec) return "provider setting, never sent";
  const how = spec.replace ? "replaces" : "in place";
  return spec.writeOnly ? `${how} (not read back)` : how;
}

const cell = (s: string) => s.replace(/\|/g, "\\|");

export function renderFieldDocs(resources: readonly DocumentedResource[] = RESOURCES): string {
  const out = [
    "# Field reference",
    "",
    "Generated from the resources' schemas and field tables by `npm run docs:fields`; do not edit by",
    "hand. For each input: the API parameter it is sent as, what a change does, and what taking the",
    "input out of the program does on the next `pulumi up`. No update ever sends an empty value.",
    "Nested members of object inputs are described in the resource's own documentation.",
  ];
  for (const r of resources) {
    out.push("", `## ${r.title}`, "", "| Input | API name | On change | When removed from the program |", "|---|---|---|---|");
    for (const [k, schema] of Object.entries(r.shape)) {
      const spec = r.fields[k];
      const api = spec?.api ? `\`${spec.api}\`` : "—";
      out.push(`| \`${k}\` | ${api} | ${cell(onChange(spec))} | ${cell(whenRemoved(schema, spec))} |`);
    }
  }
  return `${out.join("\n")}\n`;
}
