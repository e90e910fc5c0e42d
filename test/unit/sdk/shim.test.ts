import * as pulumi from "@pulumi/pulumi";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { RESOURCE_KINDS } from "../../../provider/kinds";
import { alicloud } from "../../../sdk";
import { quietRegistration, secretKeysInput, serializedProvider } from "../../../sdk/shim";

describe("the serialized provider", () => {
  it.each(RESOURCE_KINDS)("stays under 800 bytes, requires the runtime by package name and captures no secret (%s)", (kind) => {
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = "must-never-be-captured";
    const text = serializedProvider(kind);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(800);
    expect(text).not.toMatch(/require\(["']\.\.?\//);
    expect(text).toContain('require("pulumi-streamjobs/provider")');
    expect(text).toContain(JSON.stringify(kind));
    expect(text).not.toContain("must-never-be-captured");
  });

  it.each(RESOURCE_KINDS)("loads as the dynamic provider host loads it, into a provider of the kind's seven methods (%s)", async (kind) => {
    // The host evaluates the text as a module and calls its handler (@pulumi/pulumi's dynamic provider).
    const requireFromString = require("require-from-string") as (code: string) => { handler: () => Record<string, unknown> };
    const provider = requireFromString(serializedProvider(kind)).handler();
    expect(Object.keys(provider).sort()).toEqual(["check", "configure", "create", "delete", "diff", "read", "update"]);
    const check = provider.check as (olds: object, news: object) => Promise<{ failures: unknown[] }>;
    // An empty program fails the kind's own check (its required inputs), so the dispatch reached it.
    expect((await check({}, {})).failures.length).toBeGreaterThan(0);
  });
});

/** Resolves an input to its plain value and whether any part of it was secret. */
async function settle(v: unknown): Promise<{ value: unknown; secret: boolean }> {
  const o = pulumi.output(v as pulumi.Input<Record<string, unknown> | string>) as pulumi.Output<unknown>;
  const secret = await (o as unknown as { isSecret: Promise<boolean> }).isSecret;
  return { value: await new Promise((r) => o.apply(r)), secret };
}

describe("secretKeysInput", () => {
  it("makes the values under the keys secret at any depth, outputs and promises included, and nothing else", async () => {
    const config = { sourceKafka: { region: "r", password: "p1" }, nested: pulumi.output({ sink: Promise.resolve({ password: "p2", alias: "a" }) }) };
    const wrapped = secretKeysInput(config, ["password"]) as Record<string, unknown>;
    const source = wrapped.sourceKafka as Record<string, unknown>;
    expect(source.region).toBe("r");
    expect(pulumi.Output.isInstance(source.password)).toBe(true);
    expect(await settle(source.password)).toEqual({ value: "p1", secret: true });
    // Behind an output, the block resolves with its password secret, which makes the whole output
    // secret when the engine serializes it (a secret inside an output taints the output).
    expect(await settle(wrapped.nested)).toEqual({ value: { sink: { password: "p2", alias: "a" } }, secret: true });
    expect(await settle(config.nested)).toEqual({ value: { sink: { password: "p2", alias: "a" } }, secret: false });
  });

  it("leaves an unset input unset and a block without the key as it was", () => {
    expect(secretKeysInput(undefined, ["password"])).toBeUndefined();
    expect(secretKeysInput({ a: { userName: "u" } }, ["password"])).toEqual({ a: { userName: "u" } });
  });
});

/** The source positions the engine is sent, by resource name (read off the mocks' monitor). */
const positions = new Map<string, { uri: string; line: number }>();

describe("registering through a generated class (quietRegistration)", () => {
  beforeAll(async () => {
    await pulumi.runtime.setMocks({ newResource: (a) => ({ id: `${a.name}-id`, state: a.inputs }), call: () => ({}) }, "shim-test", "dev", true);
    type Register = (req: { getName(): string; getSourceposition(): { getUri(): string; getLine(): number } | undefined }, done: never) => unknown;
    const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource: Register };
    const register = monitor.registerResource;
    monitor.registerResource = (req, done) => {
      const at = req.getSourceposition();
      if (at) positions.set(req.getName(), { uri: at.getUri(), line: at.getLine() });
      return register.call(monitor, req, done);
    };
  });
  afterEach(() => {
    Error.stackTraceLimit = 10;
  });

  const args = { dbInstanceId: "gp-demo00000000001", dataSourceId: "1", jobName: "orders", password: "Passw0rd!demo", srcColumns: ["id"] };
  /** The file and line of the first frame of `err`'s stack. */
  const frameOf = (err: unknown) => /\((?<file>[^()]*):(?<line>\d+):\d+\)$/m.exec(String((err as Error).stack).split("\n")[1] ?? "")?.groups;
  // A named function: the source position is read from a frame `at name (file:line:column)`.
  function declareJob(name: string, opts?: pulumi.CustomResourceOptions): [alicloud.StreamingJob, Error] {
    return [new alicloud.StreamingJob(name, args, opts), new Error("the line above")];
  }

  it("formats no stack trace but the one the source position is read from", () => {
    const formatted: number[] = [];
    const original = Error.prepareStackTrace;
    Error.prepareStackTrace = (err, sites) => {
      formatted.push(sites.length);
      return original ? original(err, sites) : `${err}\n${sites.map((s) => `    at ${s}`).join("\n")}`;
    };
    try {
      declareJob("quiet");
    } finally {
      Error.prepareStackTrace = original;
    }
    // @pulumi/pulumi gives four promises a property a new Error's stack; each would hold up to 10 frames.
    expect(formatted.filter((n) => n > 0)).toHaveLength(1);
    expect(formatted.length).toBeGreaterThan(4 * Object.keys(args).length);
  });

  it("sends the engine the program's line as the source position and leaves the stack limit as it was", async () => {
    Error.stackTraceLimit = 17;
    const [job, next] = declareJob("placed");
    expect(Error.stackTraceLimit).toBe(17);
    await new Promise((resolve) => job.urn.apply(resolve));
    const at = frameOf(next);
    expect(positions.get("placed")).toEqual({ uri: `file://${at?.file}`, line: Number(at?.line) });
  });

  it("rejects a bad option with an error whose stack starts at the program's line", () => {
    Error.stackTraceLimit = 12;
    let thrown: unknown;
    try {
      declareJob("orphan", { parent: {} as pulumi.Resource });
    } catch (err) {
      thrown = err;
    }
    expect(Error.stackTraceLimit).toBe(12);
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).message).toMatch(/^Resource parent is not a valid Resource/);
    const [, next] = declareJob("placed-after");
    expect(frameOf(thrown)).toEqual(frameOf(next));
  });

  it("keeps the stack limit when PULUMI_DEBUG_PROMISE_LEAKS asks for the promises' traces", async () => {
    vi.stubEnv("PULUMI_DEBUG_PROMISE_LEAKS", "1");
    vi.resetModules();
    try {
      const shim = (await import("../../../sdk/shim")) as { quietRegistration: typeof quietRegistration };
      const quiet = shim.quietRegistration();
      expect(Error.stackTraceLimit).toBe(10);
      quiet.restore();
    } finally {
      vi.unstubAllEnvs();
    }
    const quiet = quietRegistration();
    expect(Error.stackTraceLimit).toBe(0);
    quiet.restore();
    expect(Error.stackTraceLimit).toBe(10);
  });
});
