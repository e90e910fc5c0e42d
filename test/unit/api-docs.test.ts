/**
 * The API reference (`npm run docs`, TypeDoc over the public modules as typedoc.json lists them)
 * builds without a warning: every TSDoc tag is known, every {@link} resolves, every type a public
 * declaration names is documented. Run in memory with nothing written (docs/api is generated and
 * not committed), with the options of typedoc.json, warnings treated as errors as there.
 */
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(__dirname, "../..");

/** The part of TypeDoc's API used here (it is an ES module this CommonJS project does not resolve types for). */
interface TypeDoc {
  Application: {
    bootstrapWithPlugins(options: Record<string, unknown>): Promise<{
      logger: { log(message: string, level: number): void; hasErrors(): boolean; hasWarnings(): boolean };
      convert(): Promise<object | undefined>;
      validate(project: object): void;
    }>;
  };
  LogLevel: { Warn: number };
}

/** TypeDoc's warnings and errors for a typedoc.json (the repository's by default), emitting nothing. */
async function apiDocProblems(config = join(ROOT, "typedoc.json")): Promise<{ converted: boolean; problems: string[] }> {
  const { Application, LogLevel } = (await import("typedoc" as string)) as TypeDoc;
  const app = await Application.bootstrapWithPlugins({ options: config, emit: "none" });
  const problems: string[] = [];
  app.logger.log = (message, level) => {
    if (level >= LogLevel.Warn) problems.push(message);
  };
  const project = await app.convert();
  if (project) app.validate(project);
  return { converted: project !== undefined, problems };
}

describe("the API reference", () => {
  it("is generated from the TSDoc of the public modules without a warning", async () => {
    const { converted, problems } = await apiDocProblems();
    expect(problems).toEqual([]);
    expect(converted).toBe(true);
  }, 120_000);

  it("reports a module whose TSDoc links nowhere", async () => {
    const { problems } = await apiDocProblems(join(ROOT, "test", "fixtures", "api-docs", "typedoc.json"));
    expect(problems.some((p) => p.includes("NoSuchThing"))).toBe(true);
  }, 120_000);
});
