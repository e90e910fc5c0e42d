/**
 * State written by an earlier version keeps working: the checkpoint in
 * test/fixtures/checkpoints/streamjobs-0.1.0.json (`pulumi stack export` after `pulumi up` of the
 * program beside it, one resource of each type, written by release 0.1.0 and never regenerated) is
 * loaded the way the engine loads it. For each resource: its type token is one this package
 * serves, its serialized provider evaluates here (as Pulumi's Node dynamic provider evaluates it)
 * and reaches the built provider runtime by package name, `check` accepts the recorded inputs
 * unchanged, `diff` of the recorded inputs against themselves reports no change, and `read`
 * against an emulator seeded with the objects that run created reports no drift.
 */
import { createDecipheriv, pbkdf2Sync } from "node:crypto";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../emulator/index";
import { RESOURCE_KINDS } from "../../provider/kinds";
import { callsSince, lastSeq } from "../helpers/emulator";

const ROOT = resolve(__dirname, "../..");
const FIXTURES = join(ROOT, "test/fixtures/checkpoints");
/** The stack passphrase the checkpoint's secrets are encrypted with (a test fixture secret, nothing else). */
const CHECKPOINT_PASSPHRASE = "streamjobs-checkpoint-fixture";

/** The type tokens release 0.1.0 wrote: user-facing names that must keep loading. */
const TOKENS_0_1_0 = [
  "alicloud:StreamingJob",
  "alicloud:StreamingDataSource",
  "alicloud:StreamingDataService",
  "alicloud:DISyncTask",
  "huaweicloud:EventRouterJob",
  "huaweicloud:DisStream",
  "huaweicloud:DwsTransferTask",
];
/** Pulumi's Node SDK writes a dynamic resource's type as this prefix plus the resource's token. */
const DYNAMIC_PREFIX = "pulumi-nodejs:dynamic/";
/** The key Pulumi marks a secret value with in state (its "special signature" for secrets). */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

type Props = Record<string, unknown>;
interface StateResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Props;
  outputs?: Props;
}
interface Checkpoint {
  deployment: { secrets_providers: { type: string; state: { salt: string } }; resources: StateResource[] };
}

const checkpoint = JSON.parse(readFileSync(join(FIXTURES, "streamjobs-0.1.0.json"), "utf8")) as Checkpoint;
const dynamic = checkpoint.deployment.resources.filter((r) => r.type.startsWith(DYNAMIC_PREFIX));

/**
 * Pulumi's passphrase secrets manager: the key is PBKDF2-SHA256 (1,000,000 rounds, 32 bytes) of
 * the passphrase over the salt in the checkpoint, values are AES-256-GCM as `v1:<nonce>:<sealed>`.
 * The salt state's own sealed value opens to "pulumi", which proves the passphrase before any
 * secret is read.
 */
function passphraseCrypter(passphrase: string, saltState: string): (sealed: string) => string {
  const [version, salt, ...check] = saltState.split(":");
  if (version !== "v1" || salt === undefined) throw new Error(`unexpected passphrase salt state "${saltState.slice(0, 8)}…"`);
  const key = pbkdf2Sync(passphrase, Buffer.from(salt, "base64"), 1_000_000, 32, "sha256");
  const open = (sealed: string) => {
    const [v, nonce, text] = sealed.split(":");
    if (v !== "v1" || nonce === undefined || text === undefined) throw new Error("a secret in the checkpoint is not v1 ciphertext");
    const bytes = Buffer.from(text, "base64");
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(nonce, "base64"));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString("utf8");
  };
  if (open(check.join(":")) !== "pulumi") throw new Error('the checkpoint\'s passphrase check value did not open to "pulumi"');
  return open;
}

/** A state value with every secret opened, as the engine hands it to a provider that does not accept secrets. */
function plain(value: unknown, open: (sealed: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => plain(v, open));
  if (value !== null && typeof value === "object") {
    const o = value as Props;
    if (o[SECRET_SIG] === "1b47061264138c4ac30d75fd1eb44270") {
      if (typeof o.ciphertext !== "string") throw new Error("a secret in the checkpoint is in plain text");
      return JSON.parse(open(o.ciphertext));
    }
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, plain(v, open)]));
  }
  return value;
}

/** State props without the serialized provider (the dynamic provider server strips and re-adds it). */
const withoutProvider = (p: Props): Props => Object.fromEntries(Object.entries(p).filter(([k]) => k !== "__provider"));

// Evaluated exactly as @pulumi/pulumi's dynamic provider evaluates `__provider`, with the module it uses.
const requireFromString = createRequire(require.resolve("@pulumi/pulumi/package.json"))("require-from-string") as (
  code: string,
  filename?: string,
) => {
  handler: () => pulumi.dynamic.ResourceProvider;
};
const RUNTIME = join(ROOT, "dist/provider/runtime.js");

let emulator: RunningEmulator;
let dir: string;
let open: (sealed: string) => string;
let config: Record<string, string>;

beforeAll(async () => {
  if (!existsSync(RUNTIME)) throw new Error("dist/provider/runtime.js is missing: the serialized provider loads the built package; run `npm run build` first");
  open = passphraseCrypter(CHECKPOINT_PASSPHRASE, checkpoint.deployment.secrets_providers.state.salt);
  // A copy of the emulator state that run left behind: the emulator persists to its state file.
  dir = mkdtempSync(join(tmpdir(), "streamjobs-checkpoint-"));
  copyFileSync(join(FIXTURES, "streamjobs-0.1.0.emulator.json"), join(dir, "state.json"));
  emulator = await startEmulator({ port: 0, stateFile: join(dir, "state.json"), settleMs: 50, huaweiAkLockout: false });
  // The stack config the engine hands the dynamic provider: the default provider's recorded inputs, secrets opened, pointed at this emulator.
  const nodejsProvider = checkpoint.deployment.resources.find((r) => r.type === "pulumi:providers:pulumi-nodejs");
  config = { ...(plain(nodejsProvider?.inputs ?? {}, open) as Record<string, string>), "streamjobs:endpoint": emulator.url };
}, 30_000);

afterAll(async () => {
  await emulator?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("a checkpoint written by streamjobs 0.1.0", () => {
  it("holds one resource of each type release 0.1.0 served, each a type this package serves", () => {
    const tokens = dynamic.map((r) => r.type.slice(DYNAMIC_PREFIX.length));
    expect([...tokens].sort()).toEqual([...TOKENS_0_1_0].sort());
    expect(tokens.filter((t) => !(RESOURCE_KINDS as readonly string[]).includes(t))).toEqual([]);
  });

  it("records no plain-text secret and no path in a serialized provider", () => {
    const text = JSON.stringify(checkpoint);
    expect(text).not.toContain('"plaintext"');
    for (const r of dynamic) {
      const serialized = String(r.inputs?.__provider);
      expect(serialized).toContain('require("pulumi-streamjobs/provider")');
      expect(serialized).not.toMatch(/node_modules|require\(["'][./]/);
    }
  });

  it.each(dynamic.map((r) => [r.type.slice(DYNAMIC_PREFIX.length), r] as const))(
    "%s: the serialized provider loads, check and diff see no change, read sees no drift",
    async (token, r) => {
      const id = r.id as string;
      const inputs = plain(r.inputs, open) as Props;
      const outputs = plain(r.outputs, open) as Props;
      const provider = requireFromString(String(inputs.__provider), join(FIXTURES, "program", "__provider.js")).handler();
      expect(Object.keys(provider).sort()).toEqual(["check", "configure", "create", "delete", "diff", "read", "update"]);
      await provider.configure?.({ config: { get: (k: string) => config[k] } } as unknown as pulumi.dynamic.ConfigureRequest);
      // The shim's `require` reached the built runtime by package name.
      expect(require.cache[RUNTIME], `${token} did not load ${RUNTIME}`).toBeDefined();

      const checked = await provider.check?.(inputs, inputs);
      expect(checked?.failures ?? []).toEqual([]);
      expect(withoutProvider(checked?.inputs ?? {})).toEqual(withoutProvider(inputs));

      const diff = await provider.diff?.(id, inputs, inputs);
      expect(diff?.changes).toBe(false);
      expect(diff?.replaces ?? []).toEqual([]);

      const mark = lastSeq(emulator);
      const read = await provider.read?.(id, outputs);
      expect(callsSince(emulator, mark), "read asked the emulator nothing").not.toEqual([]);
      expect(read?.id).toBe(id);
      // No drift: every input reads back as recorded. Outputs the service moves on its own (a dump
      // task's lastTransferTimestamp) are only required to be there still.
      const props = withoutProvider((read?.props ?? {}) as Props);
      const recorded = withoutProvider(outputs);
      const inputKeys = Object.keys(withoutProvider(inputs));
      expect(Object.fromEntries(inputKeys.map((k) => [k, props[k]]))).toEqual(Object.fromEntries(inputKeys.map((k) => [k, recorded[k]])));
      expect(Object.keys(props).sort()).toEqual(Object.keys(recorded).sort());
    },
  );
});
