/**
 * The emulator's store: collections in memory, and on disk a state file loaded at start and
 * written when a change or a transaction ends (a corrupt one refused, left as it was).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MemoryStore } from "../../../emulator/store";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "streamjobs-store-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("MemoryStore in memory", () => {
  it("keeps values by collection and key, listing in key order", () => {
    const s = new MemoryStore();
    s.put("c", "b", { v: 2 });
    s.put("c", "a", { v: 1 });
    expect(s.list("c")).toEqual([
      { key: "a", value: { v: 1 } },
      { key: "b", value: { v: 2 } },
    ]);
    expect(s.get("c", "a")).toEqual({ v: 1 });
    expect(s.get("other", "a")).toBeUndefined();
  });

  it("copies values in and out so callers cannot change stored state by mutation", () => {
    const s = new MemoryStore();
    const v = { list: [1] };
    s.put("c", "k", v);
    v.list.push(2);
    (s.get("c", "k") as { list: number[] }).list.push(3);
    expect(s.get("c", "k")).toEqual({ list: [1] });
  });

  it("allocates sequence ids from 1 and never reuses them after a delete", () => {
    const s = new MemoryStore();
    expect([s.nextId("q"), s.nextId("q"), s.nextId("other")]).toEqual([1, 2, 1]);
    s.put("c", "2", {});
    expect(s.delete("c", "2")).toBe(true);
    expect(s.delete("c", "2")).toBe(false);
    expect(s.nextId("q")).toBe(3);
  });

  it("rolls back every change of a transaction that throws", () => {
    const s = new MemoryStore();
    s.put("c", "keep", 1);
    expect(() =>
      s.transaction(() => {
        s.put("c", "new", 2);
        s.nextId("q");
        s.delete("c", "keep");
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(s.dump()).toEqual({ collections: { c: { keep: 1 } }, sequences: {} });
  });

  it("dumps with keys sorted at every level", () => {
    const s = new MemoryStore();
    s.put("z", "k", { b: 1, a: { d: 1, c: 2 } });
    s.put("a", "k", 1);
    expect(JSON.stringify(s.dump())).toBe('{"collections":{"a":{"k":1},"z":{"k":{"a":{"c":2,"d":1},"b":1}}},"sequences":{}}');
  });

  it("forgets everything on reset", () => {
    const s = new MemoryStore();
    s.put("c", "k", 1);
    s.nextId("q");
    s.reset();
    expect(s.dump()).toEqual({ collections: {}, sequences: {} });
  });
});

describe("MemoryStore on disk", () => {
  it("reloads state and sequences written by an earlier instance", () => {
    const file = join(dir, "state.json");
    const first = new MemoryStore(file);
    first.put("jobs", "gp/1", { name: "a" });
    first.nextId("jobs/gp");
    const second = new MemoryStore(file);
    expect(second.get("jobs", "gp/1")).toEqual({ name: "a" });
    expect(second.nextId("jobs/gp")).toBe(2);
  });

  it("writes a transaction once, at its end, and nothing when it rolls back", () => {
    const file = join(dir, "state.json");
    const s = new MemoryStore(file);
    s.transaction(() => {
      s.put("c", "a", 1);
      // Not yet on disk mid-transaction: a crash here leaves the previous state intact.
      expect(() => readFileSync(file)).toThrow();
      s.put("c", "b", 2);
    });
    expect(JSON.parse(readFileSync(file, "utf8")).collections).toEqual({ c: { a: 1, b: 2 } });
    expect(() =>
      s.transaction(() => {
        s.put("c", "x", 3);
        throw new Error("no");
      }),
    ).toThrow();
    expect(new MemoryStore(file).get("c", "x")).toBeUndefined();
  });

  it("leaves no temp files behind and ignores a stale one from a crash", () => {
    const file = join(dir, "state.json");
    writeFileSync(join(dir, ".state.json.123.deadbeef.tmp"), "{torn");
    const s = new MemoryStore(file);
    s.put("c", "k", 1);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp") && !f.includes("deadbeef"))).toEqual([]);
    expect(new MemoryStore(file).get("c", "k")).toBe(1);
  });

  it.each([
    ["not JSON", "{torn", /is not valid JSON/],
    ["an unexpected shape", JSON.stringify({ collections: {} }), /has an unexpected shape/],
  ])("fails to open a state file that is %s rather than discarding it", (_name, content, message) => {
    const file = join(dir, "state.json");
    writeFileSync(file, content);
    expect(() => new MemoryStore(file)).toThrow(message);
    expect(readFileSync(file, "utf8")).toBe(content);
  });
});
