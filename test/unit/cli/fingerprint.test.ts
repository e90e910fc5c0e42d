/**
 * The definition fingerprint: canonical JSON (key order never matters), secrets replaced by their
 * digest (the fingerprint follows a changed secret but never holds it), ciphertext refused, and
 * only this package's resources counted, named by name and type so two stacks line up.
 */
import { describe, expect, it } from "vitest";
import { canonicalJson, deploymentFingerprints, hashSecrets, resourceFingerprint, sha256, stackFingerprint } from "../../../cli/fingerprint";

const SIG = "4dabf18193072939515e22adb298388d";
const secret = (value: string) => ({ [SIG]: "1b47061264138c4ac30d75fd1eb44270", plaintext: JSON.stringify(value) });
const JOB = "pulumi-nodejs:dynamic/alicloud:StreamingJob";
const urn = (stack: string, name: string, type = JOB) => `urn:pulumi:${stack}::proj::${type}::${name}`;
const job = (stack: string, inputs: Record<string, unknown>) => ({
  urn: urn(stack, "orders"),
  type: JOB,
  custom: true,
  inputs: { __provider: `code of ${stack}`, ...inputs },
});

describe("canonicalJson", () => {
  it("sorts keys at every level and keeps array order", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
  });
});

describe("hashSecrets", () => {
  it("replaces a secret by the SHA-256 of its plaintext, at any depth", () => {
    expect(hashSecrets({ password: secret("pw"), nested: [{ key: secret("k") }], plain: "x" })).toEqual({
      password: { secretSha256: sha256('"pw"') },
      nested: [{ key: { secretSha256: sha256('"k"') } }],
      plain: "x",
    });
  });

  it("refuses a secret without its plaintext (ciphertext changes at every encryption)", () => {
    expect(() => hashSecrets({ p: { [SIG]: "1b47061264138c4ac30d75fd1eb44270", ciphertext: "v1:abc" } })).toThrow(/secrets decrypted/);
  });
});

describe("resource fingerprints", () => {
  it("is stable under key order and stack name, leaves the provider code out, and never holds the secret", () => {
    const a = resourceFingerprint(job("staging", { jobName: "j", password: secret("Very#Secret1"), errorLimitCount: 10 }));
    const b = resourceFingerprint(job("prod", { errorLimitCount: 10, password: secret("Very#Secret1"), jobName: "j" }));
    expect(a).toEqual(b);
    expect(a).toEqual({ name: "orders", type: JOB, fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(JSON.stringify(a)).not.toContain("Very#Secret1");
  });

  it("changes with any input, a secret's value included", () => {
    const base = resourceFingerprint(job("s", { password: secret("one"), errorLimitCount: 10 })).fingerprint;
    expect(resourceFingerprint(job("s", { password: secret("two"), errorLimitCount: 10 })).fingerprint).not.toBe(base);
    expect(resourceFingerprint(job("s", { password: secret("one"), errorLimitCount: 11 })).fingerprint).not.toBe(base);
  });

  it("counts only the package's live resources, sorted, and digests them into one stack fingerprint", () => {
    const resources = [
      job("s", { a: 1 }),
      { urn: urn("s", "s", "pulumi:pulumi:Stack"), type: "pulumi:pulumi:Stack", custom: false },
      { urn: urn("s", "default", "pulumi:providers:pulumi-nodejs"), type: "pulumi:providers:pulumi-nodejs", custom: true, inputs: { k: 1 } },
      { urn: urn("s", "old", JOB), type: JOB, custom: true, delete: true, inputs: {} },
      {
        urn: urn("s", "ingest", "pulumi-nodejs:dynamic/alicloud:StreamingDataService"),
        type: "pulumi-nodejs:dynamic/alicloud:StreamingDataService",
        custom: true,
        inputs: {},
      },
    ];
    const fps = deploymentFingerprints({ deployment: { resources } });
    expect(fps.map((f) => f.name)).toEqual(["ingest", "orders"]);
    expect(stackFingerprint(fps)).toBe(stackFingerprint([...fps]));
    expect(stackFingerprint(fps)).not.toBe(stackFingerprint(fps.slice(1)));
    expect(deploymentFingerprints({})).toEqual([]);
  });
});
