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
  /** What its diff does beyond the field table's `replace` flags (the descriptor's replaceNote). */
  readonly replaceNote: string;
}

/** Every resource, in the order of the one list of descriptors (resources/index.ts). */
export const RESOURCES: readonly DocumentedResource[] = DESCRIPTORS.map(({ title, kind, shape, fields, replaceNote }) => ({
  title,
  kind,
  shape,
  fields,
  replaceNote,
}));

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

/**
 * The policy pack's table of type tokens (policy/rules/_types.ts), by SDK namespace and class. The
 * pack may not import the SDK (it loads without the built package), so its rules take their tokens
 * from this generated table; a unit test fails when the file and the resources disagree.
 */
export function renderPolicyTypes(resources: readonly DocumentedResource[] = RESOURCES): string {
  const modules = new Map<string, string[]>();
  for (const r of resources) {
    const [module, name] = r.kind.split(":");
    if (module === undefined || name === undefined) throw new Error(`resource kind ${JSON.stringify(r.kind)} is not <module>:<name>`);
    modules.set(module, [...(modules.get(module) ?? []), `    ${name}: "pulumi-nodejs:dynamic/${r.kind}",`]);
  }
  return [
    "// Generated from the provider's resources by `npm run docs:fields` (scripts/field-docs.mjs); do not edit by hand.",
    "",
    "/**",
    " * The type token of each resource of pulumi-streamjobs, by SDK namespace and class: rules match",
    " * resources through it (`TYPES.huaweicloud.DwsTransferTask`), never through a token written by hand.",
    " * The pack cannot import the SDK classes' `__pulumiType`: it must load without the built package.",
    " */",
    "export const TYPES = {",
    ...[...modules].flatMap(([module, lines]) => [`  ${module}: {`, ...lines, "  },"]),
    "} as const;",
    "",
  ].join("\n");
}

/** The README's markers around the generated "what replaces what" (README.md, "Exact diffs"). */
export const REPLACES_BEGIN = "<!-- generated: replaces -->";
export const REPLACES_END = "<!-- end generated -->";

const codeList = (keys: readonly string[]) => {
  const quoted = keys.map((k) => `\`${k}\``);
  return quoted.length < 2 ? quoted.join("") : `${quoted.slice(0, -1).join(", ")} and ${quoted.at(-1)}`;
};

/** Words filled to the README's width, the first line as a list item, the rest under it. */
function listItem(text: string, indent: string, width = 100): string[] {
  const lines: string[] = [];
  let line = `${indent}-`;
  for (const word of text.split(" ")) {
    if (line.length + 1 + word.length > width && line.trim() !== "-") {
      lines.push(line);
      line = `${indent}  ${word}`;
    } else line = `${line} ${word}`;
  }
  return [...lines, line];
}

/**
 * Per resource, which inputs replace it and which update in place (the field tables' `replace`,
 * and `unset: "replace"` for a removal that replaces), then its descriptor's replaceNote. Provider settings
 * (`timeoutSeconds`, `adopt`) are never sent and are left out. The lines go between the README's
 * markers, as sub-items of the "Exact diffs" bullet.
 */
export function renderReplaces(resources: readonly DocumentedResource[] = RESOURCES): string {
  const out: string[] = [];
  for (const r of resources) {
    const sent = Object.keys(r.shape).filter((k) => r.fields[k] !== undefined);
    const replacing = sent.filter((k) => r.fields[k]?.replace);
    const inPlace = sent.filter((k) => !r.fields[k]?.replace);
    const removalReplaces = inPlace.filter((k) => r.fields[k]?.unset === "replace");
    const parts = [
      replacing.length > 0 ? `${codeList(replacing)} ${replacing.length === 1 ? "replaces" : "replace"} it` : "no input replaces it",
      inPlace.length > 0 ? `${codeList(inPlace)} ${inPlace.length === 1 ? "updates" : "update"} in place` : "nothing updates in place",
      ...(removalReplaces.length > 0 ? [`removing ${codeList(removalReplaces)} replaces it`] : []),
    ];
    out.push(...listItem(`\`${r.title}\`: ${parts.join("; ")}. ${r.replaceNote}`, "  "));
  }
  return out.join("\n");
}

/** README text with the block between the markers rendered afresh; throws when a marker is missing. */
export function readmeWithReplaces(readme: string, block: string = renderReplaces()): string {
  const begin = readme.indexOf(REPLACES_BEGIN);
  const end = readme.indexOf(REPLACES_END, begin);
  if (begin < 0 || end < 0) throw new Error(`README.md has no ${REPLACES_BEGIN} … ${REPLACES_END} block; put the markers where the list belongs`);
  const start = readme.indexOf("\n", begin) + 1;
  const stop = readme.lastIndexOf("\n", end) + 1;
  return `${readme.slice(0, start)}${block}\n${readme.slice(stop)}`;
}
