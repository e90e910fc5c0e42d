/**
 * Writing a file atomically: the whole new content or the old file, never a torn one, and nothing
 * left behind when the write cannot happen.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeFileAtomic } from "../../../emulator/atomic-file";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "streamjobs-atomic-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("writeFileAtomic", () => {
  it("replaces the whole file", () => {
    const file = join(dir, "f.json");
    writeFileAtomic(file, "first");
    writeFileAtomic(file, "second");
    expect(readFileSync(file, "utf8")).toBe("second");
    expect(readdirSync(dir)).toEqual(["f.json"]);
  });

  it("fails without touching the target when the directory does not exist", () => {
    expect(() => writeFileAtomic(join(dir, "missing", "f.json"), "x")).toThrow();
    expect(readdirSync(dir)).toEqual([]);
  });
});
