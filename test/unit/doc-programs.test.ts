/**
 * README's programs and the SDK's `@example`s compile as a newcomer's project compiles them: each
 * one a module of its own, type-checked with the TypeScript API (strict, as `pulumi new
 * typescript` sets it up) against the built package, imported by its name `pulumi-streamjobs`.
 * test/e2e/examples.test.ts runs the same programs on the default emulator.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { type DocProgram, classExamples, readmePrograms, sdkExamples, tsBlocks } from "../helpers/doc-programs";

const ROOT = resolve(__dirname, "../..");
/** Where the programs are placed (in memory only), so `pulumi-streamjobs` resolves as in a project. */
const VIRTUAL_DIR = join(ROOT, ".doc-programs");

const OPTIONS: ts.CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  esModuleInterop: true,
  skipLibCheck: true,
  types: ["node"],
  noEmit: true,
};

/** Type errors of each program, as `origin: line: message`. */
function typeErrors(programs: readonly DocProgram[]): string[] {
  const files = new Map(programs.map((p) => [join(VIRTUAL_DIR, `${p.id}.ts`), p]));
  const host = ts.createCompilerHost(OPTIONS);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (f) => files.get(f)?.text ?? readFile(f);
  host.fileExists = (f) => files.has(f) || fileExists(f);
  host.getSourceFile = (f, lang, ...rest) => {
    const p = files.get(f);
    return p ? ts.createSourceFile(f, p.text, lang) : getSourceFile(f, lang, ...rest);
  };
  const program = ts.createProgram([...files.keys()], OPTIONS, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const p = d.file ? files.get(d.file.fileName) : undefined;
    const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
    return `${p?.origin ?? d.file?.fileName ?? "(options)"}: line ${where}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
  });
}

describe("the programs a newcomer copies", () => {
  beforeAll(() => {
    if (!existsSync(join(ROOT, "dist", "sdk", "index.d.ts"))) throw new Error("the built SDK is missing: run `npm run build` first");
  });

  it("finds README's programs and one @example per SDK class", () => {
    expect(readmePrograms(ROOT).length).toBeGreaterThanOrEqual(4);
    expect(sdkExamples(ROOT).map((p) => p.origin.split(" ")[1])).toEqual(
      expect.arrayContaining(["StreamingJob", "StreamingDataSource", "StreamingDataService", "DISyncTask", "EventRouterJob", "DisStream", "DwsTransferTask"]),
    );
  });

  it("reads a Markdown ts block, a continuation, and an @example up to the next tag", () => {
    expect(tsBlocks("a\n```ts\nconst x = 1;\n```\n```sh\nls\n```\n")).toEqual([{ line: 3, text: "const x = 1;" }]);
    const doc = "/**\n * Summary.\n *\n * @example\n * new A();\n *   indented();\n * @see https://example.com\n */\nexport class A {}";
    expect(classExamples(doc)).toEqual([{ className: "A", text: "new A();\n  indented();" }]);
  });

  it("type-checks every README program against the built package", () => {
    expect(typeErrors(readmePrograms(ROOT))).toEqual([]);
  }, 60_000);

  it("type-checks every SDK @example, each a complete program", () => {
    expect(typeErrors(sdkExamples(ROOT))).toEqual([]);
  }, 60_000);

  it("reports a program that does not compile (a misspelt input, a missing import)", () => {
    const broken: DocProgram[] = [
      {
        origin: "broken-1",
        id: "broken-1",
        text: 'import { alicloud } from "pulumi-streamjobs";\nnew alicloud.StreamingDataService("s", { dbInstance: "gp-1" });\n',
      },
      { origin: "broken-2", id: "broken-2", text: 'new huaweicloud.DisStream("clicks", {});\n' },
    ];
    const errors = typeErrors(broken);
    expect(errors.some((e) => e.startsWith("broken-1: line 2:") && e.includes("dbInstance"))).toBe(true);
    expect(errors.some((e) => e.startsWith("broken-2: line 1:") && e.includes("huaweicloud"))).toBe(true);
  }, 60_000);
});
