/**
 * The SDK generator: writes sdk/<module>/<class>.ts and the namespace indexes from the resource
 * descriptors (resources/index.ts), as pulumi-awsx and pulumi-command generate their SDKs from one
 * schema. Each class's Args, their TSDoc, the output properties, `__pulumiType`, the secret inputs
 * and outputs, the name default and `get()` all come from the descriptor, so none of them is written
 * by hand a second time. `npm run sdk:generate` writes the files (scripts/sdk-gen.mjs, which also
 * formats them); a unit test regenerates them in memory and fails on drift.
 *
 * The TypeScript types are printed from the zod schemas (the input side, what a program may pass)
 * by the small printer below rather than through a JSON-schema library: the SDK needs Pulumi's
 * `Input<>` around every nested value and named interfaces for the object types users import, which
 * no converter emits. A schema whose output side is a transform (a list rendered to a string, say)
 * states its output type with `.meta({ sdkOutput })`; the printer refuses to guess it. A named type
 * whose shape spreads another's fields (the same zod schemas) extends that interface, so shared
 * members and their TSDoc are written once.
 */
import { z } from "zod";
import type { ResourceDescriptor } from "./engine/descriptor";
import { RESOURCES } from "./resources";

/** What a schema may say about itself to the generator, through zod's `.meta()` / `.describe()`. */
export interface SdkMeta {
  /** The TSDoc of the input, the output or the object member (zod's `.describe()`). */
  readonly description?: string | undefined;
  /** An object type's interface name in the SDK (`DwsTransferOptions`), which users import. */
  readonly sdkName?: string | undefined;
  /**
   * The named type's own TSDoc. Not `description`: an input holding the type describes itself with
   * `.describe()`, which copies the type's metadata, so the two docs need two keys.
   */
  readonly sdkTypeDoc?: string | undefined;
  /** The TypeScript type the output property has, for a schema whose output is a transform. */
  readonly sdkOutput?: string | undefined;
  /** The TypeScript input type, where the schema accepts more than the SDK should advertise. */
  readonly sdkInput?: string | undefined;
  /** The output property's TSDoc, where what state holds needs saying (JSON text an object was rendered to). */
  readonly sdkOutputDoc?: string | undefined;
}

type Schema = z.ZodType;
interface Def {
  readonly type: string;
  readonly [key: string]: unknown;
}

const defOf = (s: Schema): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The schema a wrapper (optional, default, refinement pipe...) stands for, on the given side. */
function inner(s: Schema, side: Side): Schema | undefined {
  const d = defOf(s);
  // A preprocess (a pipe from a transform) takes what its output schema takes.
  if (d.type === "pipe") return (side === "input" && defOf(d.in as Schema).type !== "transform" ? d.in : d.out) as Schema;
  if (d.type === "lazy") return (d.getter as () => Schema)();
  return WRAPPERS.has(d.type) ? (d.innerType as Schema) : undefined;
}

const WRAPPERS = new Set(["optional", "default", "prefault", "nullable", "readonly", "catch", "nonoptional"]);

/** The first value of `key` met walking from the schema inward (optional, default, a pipe's input...). */
function metaValue(s: Schema, key: keyof SdkMeta): string | undefined {
  for (let cur: Schema | undefined = s; cur !== undefined; cur = inner(cur, "input")) {
    const meta = z.globalRegistry.get(cur) as Record<string, unknown> | undefined;
    // A named object type's description is the type's, not that of an input holding it.
    if (cur !== s && key === "description" && typeof meta?.sdkName === "string") return undefined;
    const v = meta?.[key];
    if (typeof v === "string") return v;
  }
  return undefined;
}

export const metaOf = (s: Schema): SdkMeta => ({
  description: metaValue(s, "description"),
  sdkName: metaValue(s, "sdkName"),
  sdkTypeDoc: metaValue(s, "sdkTypeDoc"),
  sdkOutput: metaValue(s, "sdkOutput"),
  sdkInput: metaValue(s, "sdkInput"),
  sdkOutputDoc: metaValue(s, "sdkOutputDoc"),
});

/** Whether a program may leave the input out (optional, or a default fills it). */
export function isOptionalInput(s: Schema): boolean {
  return s.safeParse(undefined).success;
}

/** The default zod fills in when the program leaves the input out, if any. */
function defaultValue(s: Schema): unknown {
  const r = s.safeParse(undefined);
  return r.success ? r.data : undefined;
}

type Side = "input" | "output";

/** Named object types met while printing, in the order met, for the file to declare. */
class Interfaces {
  readonly declared = new Map<string, Schema>();
  name(s: Schema): string | undefined {
    const n = z.globalRegistry.get(s)?.sdkName;
    if (typeof n !== "string") return undefined;
    const seen = this.declared.get(n);
    // `.describe()` on a named schema makes a copy with the same definition: the same type.
    if (seen !== undefined && defOf(seen) !== defOf(s)) throw new Error(`two different object schemas are both named ${n}; give one another sdkName`);
    this.declared.set(n, s);
    return n;
  }
}

class Unprintable extends Error {}

const union = (parts: string[]) => [...new Set(parts)].join(" | ");
const wrapped = (t: string, input: boolean) => (input ? `pulumi.Input<${t}>` : t);

/**
 * The TypeScript type of a schema. On the input side every nested value is a `pulumi.Input<>` (a
 * program may pass outputs of other resources anywhere); on the output side values are plain.
 */
export function printType(s: Schema, side: Side, names: Interfaces): string {
  const input = side === "input";
  const override = z.globalRegistry.get(s)?.[input ? "sdkInput" : "sdkOutput"];
  if (typeof override === "string") return override;
  const d = defOf(s);
  switch (d.type) {
    case "string":
      return "string";
    case "number":
    case "int":
      return "number";
    case "boolean":
      return "boolean";
    case "unknown":
    case "any":
      return "unknown";
    case "literal":
      return union((d.values as unknown[]).map((v) => JSON.stringify(v)));
    case "enum":
      return union(Object.values(d.entries as Record<string, unknown>).map((v) => JSON.stringify(v)));
    case "union":
      return union((d.options as Schema[]).map((o) => printType(o, side, names)));
    case "nullable":
      return union([printType(d.innerType as Schema, side, names), "null"]);
    case "array":
      return `readonly ${wrapped(printType(d.element as Schema, side, names), input)}[]`;
    case "record":
      return `Readonly<Record<string, ${wrapped(printType(d.valueType as Schema, side, names), input)}>>`;
    case "object":
      // One member a line, so a member's TSDoc stays above it (the formatter folds short ones).
      return names.name(s) ?? `{\n${objectMembers(s, names, "", side).join("\n")}\n}`;
    case "transform":
      if (input) return "unknown";
      throw new Unprintable("a transform");
    default: {
      const next = inner(s, side);
      if (next === undefined) throw new Error(`the SDK generator cannot print a zod ${d.type}`);
      return printType(next, side, names);
    }
  }
}

const doc = (text: string | undefined, indent: string): string[] => {
  if (text === undefined || text.trim() === "") return [];
  const lines = text.trim().split("\n");
  return lines.length === 1 ? [`${indent}/** ${lines[0]} */`] : [`${indent}/**`, ...lines.map((l) => `${indent} *${l === "" ? "" : ` ${l}`}`), `${indent} */`];
};

/** An input's TSDoc: its description, and its zod default unless the description states one. */
function inputDoc(s: Schema): string | undefined {
  const { description } = metaOf(s);
  const v = defaultValue(s);
  if (v === undefined || description?.includes("@default")) return description;
  return [description, `@default ${JSON.stringify(v)}`].filter((x) => x !== undefined).join("\n");
}

const shapeOf = (s: Schema) => (defOf(s).shape ?? {}) as Readonly<Record<string, Schema>>;
/** A loose object (z.looseObject) takes keys beyond its shape. */
const isLoose = (s: Schema) => {
  const rest = defOf(s).catchall as Schema | undefined;
  return rest !== undefined && defOf(rest).type !== "never";
};

/**
 * The members of an object type or Args interface, each `readonly name?: pulumi.Input<T>;` with its
 * doc; `inherited`, the keys an interface takes from the one it extends, are left out.
 */
function objectMembers(s: Schema, names: Interfaces, indent = "", side: Side = "input", inherited: ReadonlySet<string> = new Set()): string[] {
  const shape = Object.fromEntries(Object.entries(shapeOf(s)).filter(([k]) => !inherited.has(k)));
  const members = side === "input" ? membersOf(shape, names, indent) : plainMembers(shape, names, indent);
  return isLoose(s) ? [...members, `${indent}readonly [key: string]: unknown;`] : members;
}

/** An unnamed object's members on the output side: plain values, present when the schema fills them. */
function plainMembers(shape: Readonly<Record<string, Schema>>, names: Interfaces, indent: string): string[] {
  return Object.entries(shape).map(
    ([k, v]) => `${indent}readonly ${k}${isOptionalInput(v) && defaultValue(v) === undefined ? "?" : ""}: ${printType(v, "output", names)};`,
  );
}

/** `filled`: an input the class fills itself (the name default), so the program may leave it out. */
function membersOf(shape: Readonly<Record<string, Schema>>, names: Interfaces, indent: string, filled?: string): string[] {
  return Object.entries(shape).flatMap(([k, v]) => [
    ...doc(inputDoc(v), indent),
    `${indent}readonly ${k}${isOptionalInput(v) || k === filled ? "?" : ""}: pulumi.Input<${printType(v, "input", names)}>;`,
  ]);
}

/** The type of an input's output property: the schema's output side, or its input side unwrapped where a transform hides it. */
function outputType(field: string, s: Schema, names: Interfaces, mayBeUnset: boolean): string {
  let t: string;
  try {
    t = printType(s, "output", names);
  } catch (err) {
    if (!(err instanceof Unprintable)) throw err;
    const stated = metaOf(s).sdkOutput;
    if (stated === undefined) throw new Error(`${field}: ${err.message} hides the output type; state it with .meta({ sdkOutput: "<type>" })`);
    t = stated;
  }
  return mayBeUnset && !t.split(" | ").includes("undefined") ? `${t} | undefined` : t;
}

/** sdk/<module>/<file>.ts: the class name in kebab case (DISyncTask → di-sync-task). */
export const sdkFileName = (name: string) =>
  name
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/([A-Z])([A-Z][a-z])/g, "$1-$2")
    .toLowerCase();

const HEADER = "// Generated from the resource descriptor by `npm run sdk:generate` (provider/sdk-gen.ts); do not edit by hand.";

/** Secret inputs: the whole value (`secret`), or values under some keys of it (`secretKeys`). */
function secretsOf(r: ResourceDescriptor) {
  const whole = Object.keys(r.shape).filter((k) => r.fields[k]?.secret === true);
  const keyed = Object.keys(r.shape).flatMap((k) => {
    const keys = r.fields[k]?.secretKeys;
    return keys && keys.length > 0 ? [[k, keys] as const] : [];
  });
  return { whole, keyed };
}

/** One resource's SDK file, and the names it exports for its module's index: the class, its Args, its named object types. */
export interface RenderedResource {
  readonly text: string;
  readonly exports: { readonly cls: string; readonly types: readonly string[] };
}

/** One resource's SDK file. */
export const renderResource = (r: ResourceDescriptor): string => renderResourceFile(r).text;

/** One resource's SDK file and what it exports, from one pass over its schemas. */
export function renderResourceFile(r: ResourceDescriptor): RenderedResource {
  const names = new Interfaces();
  const { name } = r.token;
  const argsName = `${name}Args`;
  for (const t of r.sdk.types ?? []) printType(t, "input", names);
  const argMembers = membersOf(r.shape, names, "  ", r.sdk.nameInput);
  const props = Object.entries(r.shape).flatMap(([k, s]) => [
    ...doc(metaOf(s).sdkOutputDoc, "  "),
    `  declare readonly ${k}: pulumi.Output<${outputType(k, s, names, isOptionalInput(s) && defaultValue(s) === undefined && k !== r.sdk.nameInput)}>;`,
  ]);
  const outs = Object.entries(r.outputShape).flatMap(([k, s]) => [
    ...doc(metaOf(s).description, "  "),
    `  declare readonly ${k}: pulumi.Output<${outputType(k, s, names, isOptionalInput(s))}>;`,
  ]);
  const { whole, keyed } = secretsOf(r);
  const shimImports = [
    "computedOutputs",
    "quietRegistration",
    "serializedProvider",
    ...(whole.length > 0 ? ["secretInput"] : []),
    ...(keyed.length > 0 ? ["secretKeysInput"] : []),
  ];
  const filled = [
    ...(r.sdk.nameInput !== undefined ? [`${r.sdk.nameInput}: args.${r.sdk.nameInput} ?? name`] : []),
    ...whole.map((k) => `${k}: secretInput(args.${k})`),
    ...keyed.map(([k, keys]) => `${k}: secretKeysInput(args.${k}, ${JSON.stringify(keys)})`),
  ];
  const propsExpr =
    filled.length > 0 ? `opts?.id !== undefined ? { ...outputs, ...args } : { ...outputs, ...args, ${filled.join(", ")} }` : "{ ...outputs, ...args }";
  const optsExpr = whole.length > 0 ? `pulumi.mergeOptions(opts, { additionalSecretOutputs: ${JSON.stringify(whole)} })` : "opts";
  const declared = declareAll(names);
  const interfaces = declared.flatMap(({ name: n, schema, base, members }) => [
    "",
    ...doc(metaOf(schema).sdkTypeDoc, ""),
    `export interface ${n}${base === undefined ? "" : ` extends ${base}`} {`,
    ...members,
    "}",
  ]);
  const classDoc = [r.sdk.summary, "", "@example", ...r.sdk.example.split("\n"), ...(r.sdk.see ? [`@see ${r.sdk.see}`] : [])].join("\n");
  const text = [
    HEADER,
    'import * as pulumi from "@pulumi/pulumi";',
    `import { ${shimImports.join(", ")} } from "../shim";`,
    ...interfaces,
    "",
    ...doc(r.sdk.args, ""),
    `export interface ${argsName} {`,
    ...argMembers,
    "}",
    "",
    ...doc(classDoc, ""),
    `export class ${name} extends pulumi.CustomResource {`,
    "  /** The type token, so policies can match this class with `validateResourceOfType`. */",
    `  static readonly __pulumiType = ${JSON.stringify(r.type)};`,
    "",
    ...props,
    ...outs,
    "",
    `  constructor(name: string, args: ${argsName}, opts?: pulumi.CustomResourceOptions) {`,
    `    const outputs = computedOutputs(${r.outputs.map((o) => JSON.stringify(o)).join(", ")});`,
    `    const props = ${propsExpr};`,
    // Inline, not in a helper taking a callback: @pulumi/pulumi reads the program's line a fixed
    // number of frames above its own constructor (sdk/shim.ts quietRegistration).
    "    const quiet = quietRegistration();",
    "    try {",
    `      super(${name}.__pulumiType, name, { ...props, __provider: serializedProvider(${JSON.stringify(r.kind)}) }, ${optsExpr});`,
    "    } catch (err) {",
    `      throw quiet.failed(err, ${name});`,
    "    } finally {",
    "      quiet.restore();",
    "    }",
    "  }",
    "",
    ...doc(r.sdk.get, "  "),
    `  static get(name: string, id: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): ${name} {`,
    `    return new ${name}(name, {} as ${argsName}, { ...opts, id });`,
    "  }",
    "}",
    "",
  ].join("\n");
  return { text, exports: { cls: name, types: [argsName, ...declared.map((d) => d.name)] } };
}

interface Declared {
  readonly name: string;
  readonly schema: Schema;
  /** The named type this one extends, its members then left out of `members`. */
  readonly base: string | undefined;
  readonly members: string[];
}

/** Every named object type the file uses, nested ones included, with its members, in the order met. */
function declareAll(names: Interfaces): Declared[] {
  // Printing members meets nested named types: go on until every type met has been printed once.
  const printed = new Set<string>();
  while (printed.size < names.declared.size) {
    for (const [n, s] of [...names.declared]) {
      if (printed.has(n)) continue;
      printed.add(n);
      objectMembers(s, names, "  ");
    }
  }
  const all = [...names.declared];
  return all.map(([n, s], i) => {
    const base = baseOf(s, i, all);
    const inherited = new Set(base === undefined ? [] : Object.keys(shapeOf(base[1])));
    return { name: n, schema: s, base: base?.[0], members: objectMembers(s, names, "  ", "input", inherited) };
  });
}

/**
 * The named type the `index`th one extends: the largest other whose every member stands in its
 * shape as the very same schema (a spread of shared fields, as the endpoint kinds spread theirs),
 * so the SDK states those members once. Of two types with the same members the later extends the
 * earlier, never both ways; a strict type does not extend a loose one (it would gain an index signature).
 */
function baseOf(s: Schema, index: number, all: readonly [string, Schema][]): [string, Schema] | undefined {
  const own = shapeOf(s);
  const size = (t: Schema) => Object.keys(shapeOf(t)).length;
  const within = ([, b]: [string, Schema], i: number) => {
    const members = Object.entries(shapeOf(b));
    const smaller = members.length < size(s) || (members.length === size(s) && i < index);
    return i !== index && members.length > 0 && smaller && members.every(([k, v]) => own[k] === v) && (isLoose(s) || !isLoose(b));
  };
  let best: [string, Schema] | undefined;
  all.forEach((b, i) => {
    if (within(b, i) && (best === undefined || size(b[1]) > size(best[1]))) best = b;
  });
  return best;
}

/** sdk/<module>/index.ts: the module's classes and types, in the order of the list of descriptors. */
export function renderModuleIndex(
  module: string,
  resources: readonly { readonly r: ResourceDescriptor; readonly exports: RenderedResource["exports"] }[],
): string {
  const lines = resources
    .filter(({ r }) => r.token.module === module)
    .map(({ r, exports: { cls, types } }) => `export { ${[cls, ...types.map((t) => `type ${t}`)].join(", ")} } from "./${sdkFileName(r.token.name)}";`);
  return [HEADER, ...lines, ""].join("\n");
}

/** sdk/index.ts: one namespace per module. */
export function renderRootIndex(resources: readonly ResourceDescriptor[]): string {
  const modules = [...new Set(resources.map((r) => r.token.module))];
  return [
    HEADER,
    "/**",
    " * pulumi-streamjobs: streaming and data-sync jobs on Alibaba Cloud and Huawei Cloud as Pulumi",
    ` * resources. Each cloud is a namespace: \`import { ${modules.join(", ")} } from "pulumi-streamjobs"\`.`,
    " */",
    ...modules.map((m) => `export * as ${m} from "./${m}";`),
    "",
  ].join("\n");
}

/** Every generated file, by its path in the repository, unformatted (the script and the drift test format them alike). */
export function renderSdk(resources: readonly ResourceDescriptor[] = RESOURCES): Map<string, string> {
  const files = new Map<string, string>();
  const rendered = resources.map((r) => ({ r, ...renderResourceFile(r) }));
  for (const { r, text } of rendered) files.set(`sdk/${r.token.module}/${sdkFileName(r.token.name)}.ts`, text);
  for (const m of new Set(resources.map((r) => r.token.module))) files.set(`sdk/${m}/index.ts`, renderModuleIndex(m, rendered));
  files.set("sdk/index.ts", renderRootIndex(resources));
  return files;
}
