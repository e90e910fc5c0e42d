/**
 * The pure parts of the emulator's hardening: the JSON depth bound (measured on raw text, brackets
 * inside strings not counted) and the control routes' request guard.
 */
import { describe, expect, it } from "vitest";
import { refuseControlRequest } from "../../../../emulator/control";
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

describe("refuseControlRequest", () => {
  const host = "127.0.0.1:4000";
  it("lets a loopback request without a body through", () => {
    expect(refuseControlRequest({ host })).toBeUndefined();
    expect(refuseControlRequest({ host: "[::1]", "content-length": "0" })).toBeUndefined();
    expect(refuseControlRequest({ host: "localhost:1", "content-type": "application/json", "content-length": "2" })).toBeUndefined();
    expect(refuseControlRequest({ host, origin: "http://localhost:5173" })).toBeUndefined();
  });

  it.each([
    ["no Host", {}, 403],
    ["a foreign Host", { host: "attacker.example:4000" }, 403],
    ["a Host that only starts like loopback", { host: "127.0.0.1.nip.io" }, 403],
    ["a foreign Origin", { host, origin: "https://attacker.example" }, 403],
    ["the opaque Origin null", { host, origin: "null" }, 403],
    ["a text/plain body", { host, "content-type": "text/plain", "content-length": "2" }, 415],
    ["a chunked body without Content-Type", { host, "transfer-encoding": "chunked" }, 415],
    ["a JSON look-alike media type", { host, "content-type": "application/json-patch+json", "content-length": "2" }, 415],
  ])("rejects %s", (_name, headers, status) => {
    expect(refuseControlRequest(headers)?.status).toBe(status);
  });
});
