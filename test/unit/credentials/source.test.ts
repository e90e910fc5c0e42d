/**
 * The pieces every credential source is built from: renewal before expiry (one fetch for
 * concurrent callers, still-valid keys kept when a renewal fails), sharing per process, object and
 * duration settings, and the exchange's messages, which name a source and never a secret.
 */
import { describe, expect, it } from "vitest";
import {
  CredentialError,
  type Credentials,
  clearCredentialCache,
  exchange,
  objectSetting,
  refreshing,
  secondsSetting,
  shared,
  signingKeys,
  staticSource,
} from "../../../provider/credentials/source";

const keys = (n: number, expiresAt?: number): Credentials => ({
  accessKeyId: `id-${n}`,
  accessKeySecret: `secret-${n}`,
  securityToken: `token-${n}`,
  ...(expiresAt !== undefined && { expiresAt }),
});

describe("refreshing", () => {
  it("keeps keys until the margin before their expiry, then fetches again", async () => {
    let now = 0;
    let fetched = 0;
    const source = refreshing("test", 100, async () => keys(++fetched, now + 1000), { now: () => now });
    await source.credentials();
    now = 899;
    expect((await source.credentials()).accessKeyId).toBe("id-1");
    now = 900;
    expect((await source.credentials()).accessKeyId).toBe("id-2");
  });

  it("shares one fetch among concurrent callers", async () => {
    let fetched = 0;
    const source = refreshing("test", 0, async () => {
      fetched++;
      await new Promise((r) => setTimeout(r, 5));
      return keys(fetched, Date.now() + 60_000);
    });
    await Promise.all([source.credentials(), source.credentials(), source.credentials()]);
    expect(fetched).toBe(1);
  });

  it("uses the keys it holds when a renewal fails before they expire, and fails once they have", async () => {
    let now = 0;
    let fail = false;
    const source = refreshing(
      "test",
      500,
      async () => {
        if (fail) throw new CredentialError("renewal refused");
        return keys(1, now + 1000);
      },
      { now: () => now },
    );
    await source.credentials();
    fail = true;
    now = 600;
    expect((await source.credentials()).accessKeyId).toBe("id-1");
    now = 1000;
    await expect(source.credentials()).rejects.toThrow("renewal refused");
  });
});

describe("shared", () => {
  it("builds a source once per description, keyed by a hash that holds no secret", () => {
    clearCredentialCache();
    let built = 0;
    const make = () => ({ name: "x", credentials: async () => keys(++built) });
    const a = shared(["kind", "secret-Zq7"], make);
    const b = shared(["kind", "secret-Zq7"], make);
    expect(a).toBe(b);
    expect(a.id).not.toContain("Zq7");
    expect(shared(["kind", "other"], make)).not.toBe(a);
    expect(staticSource("s", keys(1)).id).not.toContain("secret-1");
  });
});

describe("settings of an object or a duration", () => {
  it("names the key, never the value, when an object setting is not JSON", () => {
    expect(() => objectSetting("alicloud:assumeRole", "{roleArn: secret-Zq7")).toThrow(/^alicloud:assumeRole must be an object .*its value is not JSON\.$/);
    expect(() => objectSetting("alicloud:assumeRole", "[1]")).toThrow("alicloud:assumeRole must be an object; got a list.");
    expect(objectSetting("k", undefined)).toBeUndefined();
  });

  it("accepts whole seconds in range, strings included, and falls back when unset", () => {
    expect(secondsSetting("d", "900", 900, 3600, 1)).toBe(900);
    expect(secondsSetting("d", undefined, 900, 3600, 1234)).toBe(1234);
    expect(() => secondsSetting("d", 899, 900, 3600, 1)).toThrow("d must be a whole number of seconds from 900 to 3600; got 899.");
  });
});

describe("exchange", () => {
  it("names the service's origin and path, never the query, when there is no answer", async () => {
    const failing = (async () => {
      throw new TypeError("fetch failed");
    }) as typeof fetch;
    await expect(exchange("STS AssumeRole", new URL("http://127.0.0.1:9/?Signature=secret-Zq7"), {}, { fetch: failing })).rejects.toThrow(
      /^STS AssumeRole: no answer from http:\/\/127\.0\.0\.1:9\/ \(fetch failed\)$/,
    );
  });
});

describe("signingKeys", () => {
  it("asks the source when there is one, else uses the static keys of either cloud's settings", async () => {
    await expect(signingKeys({ credentials: staticSource("s", keys(7)), securityToken: undefined })).resolves.toMatchObject({ accessKeyId: "id-7" });
    await expect(signingKeys({ accessKeyId: "a", accessKeySecret: "b", securityToken: "t" })).resolves.toEqual({
      accessKeyId: "a",
      accessKeySecret: "b",
      securityToken: "t",
    });
    await expect(signingKeys({ accessKey: "a", secretKey: "b", securityToken: undefined })).resolves.toEqual({ accessKeyId: "a", accessKeySecret: "b" });
    await expect(signingKeys({ securityToken: undefined })).rejects.toThrow(CredentialError);
  });
});
