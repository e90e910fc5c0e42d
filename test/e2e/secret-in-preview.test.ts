/**
 * No secret in any message, through the real Pulumi CLI: a program whose every resource has a
 * secret-bearing input that fails validation (a password of the wrong type, a misspelt password
 * key, a job YAML holding a password, a sink and a DataWorks script holding one) is previewed, once
 * with the planted values as Pulumi secrets and once in plain text. Preview must refuse each
 * resource, and nothing it prints (stdout, stderr, the engine events, the error) may contain a
 * planted value: neither the provider's reasons nor the engine's rendering of a failure's property.
 */
import { randomBytes } from "node:crypto";
import { CommandError, type EngineEvent } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, lastSeq, startHarness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

/** The fixture's cases, and what preview must still say of each: what is wrong, without the value. */
const refusals: Record<string, RegExp> = {
  "password-list": /password must be a string; got a list of 1 entries/,
  "password-misspelt": /has no property passwrod/,
  "job-config": /jobConfig must have a KAFKA section/,
  "user-password": /userPassword must be a string; got a number/,
  "sink-password": /sinkConfig must set exactly one of/,
  "script-password": /taskContent[^\n]*setting\.speed\.concurrent must be a whole number/,
};

/** The suffixes the fixture appends to the planted string, one per planted value. */
const SUFFIXES = ["sj", "sj-ok", "misspelt", "yaml", "sasl", "redis", "script"];
const b64 = (s: string) => Buffer.from(s).toString("base64");

describe("no secret in preview output", () => {
  it.each([
    ["Pulumi secrets", true],
    ["plain values", false],
  ] as const)("rejects every invalid secret input without printing it, given %s", async (_what, asSecret) => {
    const base = `Zq7${randomBytes(6).toString("hex")}`;
    const number = 900_000_000 + randomBytes(3).readUIntBE(0, 3);
    const stack = await h.stack("secret-in-preview", asSecret ? "sipsecret" : "sipplain", {
      asSecret: { value: String(asSecret) },
      planted: { value: b64(base), secret: asSecret },
      plantedNumber: { value: b64(String(number)), secret: asSecret },
    });
    for (const [name, refusal] of Object.entries(refusals)) {
      await stack.setConfig("case", { value: name });
      const printed: string[] = [];
      const events: EngineEvent[] = [];
      const mark = lastSeq(h);
      const err = await stack
        .preview({ diff: !asSecret, onOutput: (s) => void printed.push(s), onError: (s) => void printed.push(s), onEvent: (e) => void events.push(e) })
        .catch((e: unknown) => e);
      expect(err, name).toBeInstanceOf(CommandError);
      const everything = [printed.join(""), String(err), JSON.stringify(events)].join("\n");

      expect(everything, name).not.toContain(base);
      expect(everything, name).not.toContain(String(number));
      for (const suffix of SUFFIXES) expect(everything, name).not.toContain(`${base}-${suffix}`);
      expect(everything, name).toMatch(refusal);
      // Preview only checks: nothing reached the cloud.
      expect(h.callsSince(mark), name).toEqual([]);
    }
    await stack.workspace.removeStack(stack.name);
  });
});
