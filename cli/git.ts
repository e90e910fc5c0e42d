/**
 * The revision a promotion promotes: the git commit checked out in the program's directory, and
 * the files that differ from it (uncommitted or untracked, ignored files aside).
 */
import { execFileSync } from "node:child_process";

export interface Revision {
  readonly revision: string;
  /** `git status --porcelain` lines: empty when the tree is clean. */
  readonly dirty: readonly string[];
}

const git = (dir: string, args: string[]): string => execFileSync("git", ["-C", dir, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

export function revisionOf(dir: string): Revision {
  let revision: string;
  try {
    revision = git(dir, ["rev-parse", "HEAD"]).trim();
  } catch {
    throw new Error(`${dir} is not in a git repository with a commit: a promotion names the commit it promotes`);
  }
  const dirty = git(dir, ["status", "--porcelain"])
    .split("\n")
    .filter((l) => l.trim() !== "");
  return { revision, dirty };
}
