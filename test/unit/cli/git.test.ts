/** The revision of a program directory: its git commit, the uncommitted files, and a clear error outside a repository. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { revisionOf } from "../../../cli/git";

const git = (dir: string, ...args: string[]) =>
  execFileSync("git", ["-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { encoding: "utf8" }).trim();

describe("revisionOf", () => {
  it("gives HEAD and lists uncommitted files", () => {
    const dir = mkdtempSync(join(tmpdir(), "streamjobs-git-"));
    git(dir, "init", "-q");
    writeFileSync(join(dir, "index.ts"), "1");
    git(dir, "add", ".");
    git(dir, "commit", "-q", "-m", "one");
    expect(revisionOf(dir)).toEqual({ revision: git(dir, "rev-parse", "HEAD"), dirty: [] });
    writeFileSync(join(dir, "index.ts"), "2");
    expect(revisionOf(dir).dirty).toEqual([" M index.ts"]);
  });

  it("refuses a directory outside any repository", () => {
    expect(() => revisionOf(mkdtempSync(join(tmpdir(), "streamjobs-nogit-")))).toThrow(/not in a git repository/);
  });
});
