/**
 * The RPC wire types: how each value is written as text (client) and read back (emulator), and the
 * integer ranges of `integer` (int32) and `long` (int64), as the SDK's Go types have them.
 */
import { describe, expect, it } from "vitest";
import { RETRYABLE_CODES, decodeParam, encodeParam } from "../../../provider/apis/alibaba-rpc";

describe("integer wire types", () => {
  it.each([
    ["integer", "2147483647", true],
    ["integer", "-2147483648", true],
    ["integer", "2147483648", false],
    ["integer", "-2147483649", false],
    ["long", "2147483648", true],
    ["long", "9223372036854775807", true],
    ["long", "9223372036854775808", false],
    ["integer", "1.5", false],
    ["long", "", false],
  ] as const)("decodes %s %s: %s", (type, raw, ok) => {
    expect(decodeParam(type, raw).ok).toBe(ok);
  });

  it("rejects an out-of-range value naming the range", () => {
    expect(decodeParam("integer", "3000000000")).toEqual({ ok: false, reason: "is outside the 32-bit integer range (-2147483648 to 2147483647)" });
  });
});

describe("encodeParam and decodeParam", () => {
  it.each([
    ["string", "a b", "a b"],
    ["integer", 42, "42"],
    ["long", 9007199254740991, "9007199254740991"],
    ["boolean", true, "true"],
    ["stringList", ["a", "b"], '["a","b"]'],
  ] as const)("writes a %s as text and reads it back", (type, value, text) => {
    expect(encodeParam(type, value)).toBe(text);
    expect(decodeParam(type, text)).toEqual({ ok: true, value });
  });

  it("never turns the text false into true", () => {
    expect(encodeParam("boolean", "false")).toBe("false");
    expect(encodeParam("boolean", false)).toBe("false");
  });

  it("refuses text that is not its type", () => {
    expect(decodeParam("boolean", "yes")).toEqual({ ok: false, reason: "is not a boolean (true or false)" });
    expect(decodeParam("stringList", "[1]")).toEqual({ ok: false, reason: "is not a JSON array of strings" });
  });
});

describe("RETRYABLE_CODES", () => {
  it("holds the throttling and transient server codes", () => {
    expect(RETRYABLE_CODES).toEqual(expect.arrayContaining(["Throttling", "Throttling.User", "ServiceUnavailable", "InternalError"]));
  });
});
