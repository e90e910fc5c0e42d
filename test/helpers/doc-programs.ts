/**
 * The programs a newcomer copies: every `ts` code block of README.md and every `@example` of the
 * generated SDK classes (sdk/<cloud>/*.ts, rendered from each descriptor's `sdk.example`), each
 * as one complete module. A README block whose first line starts with `// Continues the program
 * above` is appended to the program before it, as a reader would paste it. Used by the unit test
 * that type-checks them and by the e2e test that runs them on the default emulator.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface DocProgram {
  /** Where it comes from, for messages: `README.md:42` or `sdk/alicloud/streaming-job.ts StreamingJob`. */
  readonly origin: string;
  /** A file-name-safe id, unique among the programs of one source: `readme-1`, `example-streaming-job`. */
  readonly id: string;
  readonly text: string;
}

const CONTINUES = "// Continues the program above";

/** The `ts` fenced blocks of a Markdown text, with the line each starts on. */
export function tsBlocks(markdown: string): { line: number; text: string }[] {
  const blocks: { line: number; text: string }[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (!/^```ts\s*$/.test(lines[i] ?? "")) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^```\s*$/.test(lines[end] ?? "")) end++;
    blocks.push({ line: start + 1, text: lines.slice(start, end).join("\n") });
    i = end;
  }
  return blocks;
}

/** README's programs: one per block, continuation blocks joined to the program before them. */
export function readmePrograms(root: string): DocProgram[] {
  const programs: { origin: string; text: string }[] = [];
  for (const b of tsBlocks(readFileSync(join(root, "README.md"), "utf8"))) {
    const last = programs[programs.length - 1];
    if (b.text.startsWith(CONTINUES) && last !== undefined) last.text = `${last.text}\n\n${b.text}`;
    else programs.push({ origin: `README.md:${b.line}`, text: b.text });
  }
  return programs.map((p, i) => ({ ...p, id: `readme-${i + 1}`, text: `${p.text}\n` }));
}

/** The `@example` of each class's TSDoc in a TypeScript source: the lines up to the next tag. */
export function classExamples(source: string): { className: string; text: string }[] {
  const out: { className: string; text: string }[] = [];
  for (const m of source.matchAll(/\/\*\*([\s\S]*?)\*\/\s*export class (\w+)/g)) {
    const lines = (m[1] ?? "").split("\n").map((l) => l.replace(/^\s*\* ?/, ""));
    const at = lines.findIndex((l) => l.trim() === "@example");
    if (at < 0) continue;
    const rest = lines.slice(at + 1);
    const end = rest.findIndex((l) => l.startsWith("@"));
    out.push({ className: m[2] as string, text: (end < 0 ? rest : rest.slice(0, end)).join("\n").trim() });
  }
  return out;
}

/** Every `@example` of the generated SDK, one program each. */
export function sdkExamples(root: string): DocProgram[] {
  const sdk = join(root, "sdk");
  return readdirSync(sdk, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(join(sdk, d.name))
        .filter((f) => f.endsWith(".ts") && f !== "index.ts")
        .sort()
        .flatMap((f) =>
          classExamples(readFileSync(join(sdk, d.name, f), "utf8")).map((e) => ({
            origin: `sdk/${d.name}/${f} ${e.className}`,
            id: `example-${d.name}-${f.replace(/\.ts$/, "")}`,
            text: `${e.text}\n`,
          })),
        ),
    );
}
