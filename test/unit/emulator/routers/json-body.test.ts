/**
 * The pure parts of the emulator's hardening: the JSON depth bound (measured on raw text, brackets
 * inside strings not counted). The control routes' request guard is control.test.ts's.
 */
import { describe, expect, it } from "vitest";
import { MAX_JSON_DEPTH, nestsDeeperThan, parseJsonBody } from "../../../../emulator/routers/json-body";

const nested = (depth: number) => Buffer.from(`${"[".repeat(depth)}${"]".repeat(depth)}`);

describe("nestsDeeperThan", () => {
  it("accepts exactly the bound and rejects one level more", () => {
    expect(nestsDeeperThan(nested(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(false);
    expect(nestsDeeperThan(nested(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBe(true);
  });

  it("does not count brackets inside strings, escaped quotes included", () => {
    const text = JSON.stringify({ a: "[[[[[[{{{{", b: 'x\\"[[[[', c: [["]]]]"]] });
    expect(JSON.parse(text)).toBeDefined();
    expect(nestsDeeperThan(Buffer.from(text), 3)).toBe(false);
    expect(nestsDeeperThan(Buffer.from(text), 2)).toBe(true);
  });

  it("rejects 100,000 levels without parsing, and parses a normal body", () => {
    const deep = parseJsonBody(nested(100_000), undefined);
    expect(deep).toMatchObject({ ok: false, tooDeep: true });
    expect(parseJsonBody(Buffer.from('{"a":[1,{"b":2}]}'), undefined)).toEqual({ ok: true, value: { a: [1, { b: 2 }] } });
    expect(parseJsonBody(Buffer.alloc(0), {})).toEqual({ ok: true, value: {} });
    expect(parseJsonBody(Buffer.from("{"), undefined)).toMatchObject({ ok: false, tooDeep: false });
  });
});
