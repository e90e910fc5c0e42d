/**
 * Crash-safe file replacement: a reader sees either the old content or the new, never a torn
 * write. Write a temp file beside the target, fsync it, rename over the target, then fsync the
 * directory so the rename itself survives a power cut.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { basename, dirname, join } from "node:path";

/** Temp files share this suffix so a leftover from a crash is recognisable and harmless. */
export const TEMP_SUFFIX = ".tmp";

export function writeFileAtomic(target: string, data: string): void {
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}${TEMP_SUFFIX}`);
  let fd = openSync(temp, "wx", 0o600);
  try {
    const buf = Buffer.from(data, "utf8");
    let written = 0;
    while (written < buf.length) written += writeSync(fd, buf, written, buf.length - written);
    fsyncSync(fd);
    closeSync(fd);
    fd = -1;
    renameSync(temp, target);
  } catch (err) {
    if (fd >= 0) closeSync(fd);
    rmSync(temp, { force: true });
    throw err;
  }
  syncDirectory(dirname(target));
}

function syncDirectory(dir: string): void {
  // Not every platform can fsync a directory (Windows cannot); the rename is still atomic there.
  try {
    const fd = openSync(dir, "r");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // best effort
  }
}
