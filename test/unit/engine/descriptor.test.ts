/**
 * The descriptors are the one registration of each resource: these tests hold the other places a
 * token still appears (the SDK class, written by hand until it is generated) to them, and the
 * runtime's registry to the list. The SDK side is read from the class itself (its `__pulumiType`,
 * the type it registers, the kind its serialized provider carries), so a token mistyped in either
 * place fails here.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { defineResource } from "../../../provider/engine/descriptor";
import { RESOURCE_KINDS } from "../../../provider/kinds";
import { RESOURCES } from "../../../provider/resources";
import * as runtime from "../../../provider/runtime";
import * as sdk from "../../../sdk";

type SdkClass = (new (name: string, args: never, opts?: pulumi.CustomResourceOptions) => pulumi.CustomResource) & { __pulumiType?: unknown };

const sdkClass = (module: string, name: string): SdkClass | undefined =>
  (sdk as unknown as Record<string, Record<string, SdkClass | undefined> | undefined>)[module]?.[name];

/** sdk/<module>/<kebab-case class name>.ts: the file the class is written in. */
const sdkFile = (module: string, name: string) =>
  join(
    __dirname,
    "../../../sdk",
    module,
    `${name
      .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
      .replace(/([A-Z])([A-Z][a-z])/g, "$1-$2")
      .toLowerCase()}.ts`,
  );

/** The names the SDK class passes to computedOutputs(...), read from its source. */
function sdkComputedOutputs(module: string, name: string): string[] {
  const text = readFileSync(sdkFile(module, name), "utf8");
  const call = /computedOutputs\(([^)]*)\)/.exec(text);
  return call ? [...(call[1] ?? "").matchAll(/"([^"]+)"/g)].map((m) => m[1] as string) : [];
}

/** What each SDK class registers with the engine, captured through Pulumi's mocks. */
const registered = new Map<string, { type: string; provider: string }>();

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.set(args.name, { type: args.type, provider: String(args.inputs.__provider ?? "") });
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: () => ({}),
    },
    "descriptor-test",
    "dev",
    true,
  );
  // The mocks check no input; the endpoint blocks are there because EventRouterJob's constructor walks them.
  const args = { sourceConfig: {}, sinkConfig: {} } as never;
  const made: pulumi.CustomResource[] = [];
  for (const r of RESOURCES) {
    const Cls = sdkClass(r.token.module, r.token.name);
    if (Cls) made.push(new Cls(`probe-${r.kind.replace(":", "-")}`, args));
  }
  // Registration is asynchronous (the provider is serialized first): wait for every URN.
  await Promise.all(made.map((m) => new Promise((resolve) => m.urn.apply(resolve))));
}, 30_000);

describe("the resource descriptors", () => {
  it("have unique kinds", () => {
    const kinds = RESOURCES.map((r) => r.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
  });

  it.each(RESOURCES)("derive $kind, its type token and its title from module and name", (r) => {
    expect(r.kind).toBe(`${r.token.module}:${r.token.name}`);
    expect(r.type).toBe(`pulumi-nodejs:dynamic/${r.token.module}:${r.token.name}`);
    expect(r.title).toBe(`${r.token.module}.${r.token.name}`);
  });

  it.each(RESOURCES)("name an SDK class whose __pulumiType is the type token ($kind)", (r) => {
    const Cls = sdkClass(r.token.module, r.token.name);
    expect(Cls, `sdk ${r.title}`).toBeDefined();
    expect(Cls?.__pulumiType).toBe(r.type);
  });

  it.each(RESOURCES)("match what the SDK class registers: its type and its provider's kind ($kind)", (r) => {
    const got = registered.get(`probe-${r.kind.replace(":", "-")}`);
    expect(got?.type).toBe(r.type);
    expect(got?.provider).toContain(JSON.stringify(r.kind));
  });

  it.each(RESOURCES)("list the outputs the SDK class leaves to the provider ($kind)", (r) => {
    expect([...r.outputs].sort()).toEqual(sdkComputedOutputs(r.token.module, r.token.name).sort());
  });
});

describe("the kinds and the runtime's registry", () => {
  it("list exactly the descriptors' kinds", () => {
    expect([...RESOURCE_KINDS]).toEqual(RESOURCES.map((r) => r.kind));
  });

  it.each(RESOURCES)("serve $kind with its descriptor's handlers", async (r) => {
    const news = { timeoutSeconds: 0 };
    expect(await runtime.check(r.kind, {}, news)).toEqual(r.check({}, news));
    expect(await runtime.diff(r.kind, "id", {}, {})).toEqual(r.diff("id", {}, {}));
  });

  it.each(["alicloud:StreamingJobs", "alicloud:streamingjob", "huaweicloud:StreamingJob", "constructor", "__proto__"])(
    "rejects a kind no descriptor has (%s), naming it",
    async (kind) => {
      await expect(runtime.check(kind, {}, {})).rejects.toThrow(`pulumi-streamjobs does not know the resource kind "${kind}"`);
    },
  );
});

describe("defineResource's defaults", () => {
  const notCalled = () => Promise.reject(new Error("not called"));
  const r = defineResource({
    token: { module: "testcloud", name: "Widget" },
    shape: { name: z.string().min(3), password: z.string().min(8), size: z.number().default(1) },
    fields: { name: { api: "Name", replace: true }, password: { api: "Password", secret: true }, size: { api: "Size" } },
    rules: [
      {
        fields: ["name", "size"],
        property: "size",
        violated: (d: { name: string; size: number }) => d.name === "big" && d.size < 10,
        message: () => "a big widget needs size 10 or more",
      },
    ],
    outputs: {},
    replaceNote: "A widget is never replaced but by its name.",
    sdk: { summary: "A widget.", args: "Inputs of a widget.", example: 'new testcloud.Widget("w", { name: "big" });', get: "Reads a widget." },
    create: notCalled,
    read: notCalled,
    update: notCalled,
    remove: notCalled,
  });

  it("checks the inputs against the shape and the rules, filling defaults", () => {
    expect(r.check({}, { name: "big", password: "long enough" })).toMatchObject({
      inputs: { name: "big", password: "long enough", size: 1 },
      failures: [{ property: "size", reason: "a big widget needs size 10 or more" }],
    });
  });

  it("rejects a secret without showing it (the field table marks it)", () => {
    const { failures } = r.check({}, { name: "widget", password: "short-1" });
    expect(failures).toHaveLength(1);
    expect(JSON.stringify(failures)).not.toContain("short-1");
  });

  it("diffs by the field table: a replacing field replaces, another updates in place", () => {
    expect(r.diff("id", { name: "abc", size: 1 }, { name: "abd", size: 1 })).toEqual({ changes: true, replaces: ["name"] });
    expect(r.diff("id", { name: "abc", size: 1 }, { name: "abc", size: 2 })).toEqual({ changes: true });
    expect(r.diff("id", { name: "abc", size: 1 }, { name: "abc", size: 1 })).toEqual({ changes: false });
  });
});
