/**
 * The SDK is generated from the resource descriptors (provider/sdk-gen.ts): this regenerates it in
 * memory, formats it as the repository's formatter does, and fails when a file on disk differs (the
 * fix: `npm run sdk:generate`). It also holds the printer to the types a program may pass, on
 * schemas written here rather than taken from a resource.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { RESOURCES } from "../../provider/resources";
import { isOptionalInput, metaOf, printType, renderResource, renderSdk, sdkFileName } from "../../provider/sdk-gen";

const ROOT = resolve(__dirname, "../..");
const BIOME = join(ROOT, "node_modules/.bin/biome");

function formatted(path: string, text: string): string {
  const r = spawnSync(BIOME, ["format", `--stdin-file-path=${path}`], { cwd: ROOT, input: text, encoding: "utf8", timeout: 30_000 });
  if (r.status !== 0) throw new Error(`biome could not format the generated ${path}: ${r.stderr}`);
  return r.stdout;
}

const names = () => ({ declared: new Map(), name: () => undefined }) as never;

describe("the generated SDK", () => {
  it("matches the files on disk (run `npm run sdk:generate` after changing a descriptor)", () => {
    const files = renderSdk();
    expect(files.size).toBe(RESOURCES.length + 3);
    const drifted = [...files].filter(([path, text]) => formatted(path, text) !== readFileSync(join(ROOT, path), "utf8")).map(([path]) => path);
    expect(drifted).toEqual([]);
    // One formatter process per file: on a loaded machine that takes longer than a unit test's default.
  }, 120_000);

  it("writes each class where the descriptor's token says, with the token's engine type", () => {
    const files = renderSdk();
    for (const r of RESOURCES) {
      const text = files.get(`sdk/${r.token.module}/${sdkFileName(r.token.name)}.ts`);
      expect(text).toBeDefined();
      expect(text).toContain(`export class ${r.token.name} extends pulumi.CustomResource`);
      expect(text).toContain(`static readonly __pulumiType = "pulumi-nodejs:dynamic/${r.token.module}:${r.token.name}";`);
      // The generated files import only @pulumi/pulumi and the shim (the @example's imports are comment text).
      expect([...(text ?? "").matchAll(/^import [^\n]* from "([^"]+)"/gm)].map((m) => m[1])).toEqual(["@pulumi/pulumi", "../shim"]);
    }
  });

  it("fails on drift: a descriptor changed without regenerating renders another file", () => {
    const dws = RESOURCES.find((r) => r.token.name === "DwsTransferTask");
    expect(dws).toBeDefined();
    if (dws === undefined) return;
    const path = "sdk/huaweicloud/dws-transfer-task.ts";
    const onDisk = readFileSync(join(ROOT, path), "utf8");
    const renamed = renderResource({ ...dws, sdk: { ...dws.sdk, get: "Reads a dump task by another doc." } });
    expect(formatted(path, renamed)).not.toBe(onDisk);
    const extraOutput = renderResource({ ...dws, outputs: [...dws.outputs, "extra"], outputShape: { ...dws.outputShape, extra: z.string() } });
    expect(extraOutput).toContain('computedOutputs("taskId", "state", "errorMessage", "createTime", "lastTransferTimestamp", "extra")');
  }, 60_000);

  it("marks secret inputs and outputs as the field table says", () => {
    const text = renderSdk().get("sdk/huaweicloud/dws-transfer-task.ts") ?? "";
    expect(text).toContain("userPassword: secretInput(args.userPassword)");
    expect(text).toContain('additionalSecretOutputs: ["userPassword"]');
    const erj = renderSdk().get("sdk/huaweicloud/event-router-job.ts") ?? "";
    expect(erj).toContain('sourceConfig: secretKeysInput(args.sourceConfig, ["password"])');
    expect(erj).toContain('sinkConfig: secretKeysInput(args.sinkConfig, ["password"])');
  });

  it("declares a named type holding another's very schemas as extending it, with only its own members", () => {
    const dws = RESOURCES.find((r) => r.token.name === "DwsTransferTask");
    expect(dws).toBeDefined();
    if (dws === undefined) return;
    const shared = { a: z.string().describe("doc of a"), b: z.number().optional() };
    const c = z.boolean();
    const named = (sdkName: string, shape: Record<string, z.ZodType>) => z.strictObject(shape).meta({ sdkName, sdkTypeDoc: `doc of ${sdkName}` });
    const types = [
      named("Base", shared),
      named("Wide", { ...shared, c }),
      named("Wider", { ...shared, c, d: z.string() }),
      named("Same", shared),
      // The same members written again are other schemas: nothing says they mean the same.
      named("Lookalike", { a: z.string().describe("doc of a"), b: z.number().optional() }),
      z.looseObject(shared).meta({ sdkName: "Open" }),
    ];
    const text = renderResource({ ...dws, sdk: { ...dws.sdk, types } });
    const declaration = (n: string) => text.slice(text.indexOf(`/** doc of ${n} */`)).split("\n}\n")[0];
    expect(declaration("Base")).toBe(
      "/** doc of Base */\nexport interface Base {\n  /** doc of a */\n  readonly a: pulumi.Input<string>;\n  readonly b?: pulumi.Input<number>;",
    );
    expect(declaration("Wide")).toBe("/** doc of Wide */\nexport interface Wide extends Base {\n  readonly c: pulumi.Input<boolean>;");
    // The largest of the types it contains, so d alone is declared.
    expect(declaration("Wider")).toBe("/** doc of Wider */\nexport interface Wider extends Wide {\n  readonly d: pulumi.Input<string>;");
    expect(declaration("Same")).toBe("/** doc of Same */\nexport interface Same extends Base {");
    expect(declaration("Lookalike")).toContain("export interface Lookalike {\n  /** doc of a */");
    expect(text).toContain("export interface Open extends Base {\n  readonly [key: string]: unknown;\n}");
    // A strict type never extends a loose one: it would take keys its schema refuses.
    const strictAfterLoose = renderResource({ ...dws, sdk: { ...dws.sdk, types: [z.looseObject(shared).meta({ sdkName: "Open" }), named("Closed", shared)] } });
    expect(strictAfterLoose).toContain("export interface Closed {\n  /** doc of a */");
  });

  it("names files in kebab case, acronyms kept together", () => {
    expect(sdkFileName("DISyncTask")).toBe("di-sync-task");
    expect(sdkFileName("EventRouterJob")).toBe("event-router-job");
    expect(sdkFileName("DwsTransferTask")).toBe("dws-transfer-task");
  });
});

describe("the type printer", () => {
  it("prints what a program may pass, with Input around nested values", () => {
    expect(printType(z.enum(["A", "B"]), "input", names())).toBe('"A" | "B"');
    expect(printType(z.array(z.string()), "input", names())).toBe("readonly pulumi.Input<string>[]");
    expect(printType(z.record(z.string(), z.number()), "input", names())).toBe("Readonly<Record<string, pulumi.Input<number>>>");
    expect(printType(z.strictObject({ a: z.string(), b: z.number().optional().describe("bee") }), "input", names())).toBe(
      "{\nreadonly a: pulumi.Input<string>;\n/** bee */\nreadonly b?: pulumi.Input<number>;\n}",
    );
    expect(printType(z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).pipe(z.number().int()), "input", names())).toBe("number | string");
  });

  it("prints the output side plainly, and refuses a transform without a stated type", () => {
    expect(printType(z.union([z.number(), z.string().transform(Number)]).pipe(z.number()), "output", names())).toBe("number");
    expect(printType(z.array(z.string()).default([]), "output", names())).toBe("string[]".replace("string[]", "readonly string[]"));
    expect(() =>
      printType(
        z.string().transform((s) => s.length),
        "output",
        names(),
      ),
    ).toThrow(/transform/);
    expect(
      printType(
        z
          .string()
          .transform((s) => s.length)
          .meta({ sdkOutput: "number" }),
        "output",
        names(),
      ),
    ).toBe("number");
  });

  it("reads docs through wrappers and treats defaults as optional inputs", () => {
    const s = z.string().describe("the doc").default("x");
    expect(metaOf(s).description).toBe("the doc");
    expect(isOptionalInput(s)).toBe(true);
    expect(isOptionalInput(z.string())).toBe(false);
  });
});
