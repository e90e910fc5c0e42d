/**
 * Every cloud API call the emulator answered (control routes are not logged), for tests and
 * golden files: bounded in memory, and appended as JSON lines beside the state file when there is
 * one. Secret parameters are redacted before an entry exists, so no view of the log can leak them.
 */
import { appendFileSync, closeSync, existsSync, openSync, readSync, statSync } from "node:fs";
import type { FaultKind } from "./faults";

export const REDACTED = "REDACTED";

export interface RequestLogEntry {
  /** Strictly increasing, also across restarts when the log is persisted. */
  readonly seq: number;
  /** ISO-8601 by the emulator's clock. */
  readonly time: string;
  /** null when the call named no known product or action. */
  readonly product: string | null;
  readonly action: string | null;
  /** Business parameters (protocol and signing parameters left out), secrets redacted. */
  readonly params: Readonly<Record<string, string>>;
  /** HTTP status sent; 0 when a fault dropped the connection. */
  readonly status: number;
  readonly code?: string;
  readonly requestId: string;
  readonly fault?: FaultKind;
}

export type NewRequestLogEntry = Omit<RequestLogEntry, "seq">;

export function redactParams(params: Readonly<Record<string, string>>, secretNames: ReadonlySet<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(params).sort()) out[k] = secretNames.has(k) ? REDACTED : (params[k] as string);
  return out;
}

export interface RequestLogOptions {
  /** Entries kept in memory; older ones are dropped (the file keeps everything). */
  readonly capacity?: number;
  /** JSON-lines file to append to. */
  readonly file?: string;
}

export class RequestLog {
  private readonly entries: RequestLogEntry[] = [];
  private readonly capacity: number;
  private readonly file: string | undefined;
  private lastSeq: number;

  constructor(opts: RequestLogOptions = {}) {
    this.capacity = opts.capacity ?? 10_000;
    this.file = opts.file;
    this.lastSeq = this.file === undefined ? 0 : lastSeqInFile(this.file);
  }

  append(entry: NewRequestLogEntry): RequestLogEntry {
    const full: RequestLogEntry = { seq: ++this.lastSeq, ...entry };
    this.entries.push(full);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    if (this.file !== undefined) appendFileSync(this.file, `${JSON.stringify(full)}\n`, { mode: 0o600 });
    return full;
  }

  /** Entries after `seq`, and the value to pass as `since` next time. */
  since(seq = 0): { requests: RequestLogEntry[]; next: number } {
    const requests = this.entries.filter((e) => e.seq > seq);
    return { requests, next: requests.at(-1)?.seq ?? Math.max(seq, 0) };
  }
}

/** Reads only the file's tail: the log can grow large, and only the last seq matters. */
function lastSeqInFile(file: string): number {
  if (!existsSync(file)) return 0;
  const size = statSync(file).size;
  const length = Math.min(size, 64 * 1024);
  const buf = Buffer.alloc(length);
  const fd = openSync(file, "r");
  try {
    readSync(fd, buf, 0, length, size - length);
  } finally {
    closeSync(fd);
  }
  const lines = buf
    .toString("utf8")
    .split("\n")
    .filter((l) => l.trim() !== "");
  for (let i = lines.length - 1; i >= 0; i--) {
    try {
      const seq = (JSON.parse(lines[i] as string) as { seq?: unknown }).seq;
      if (typeof seq === "number") return seq;
    } catch {
      // a torn last line from a crash, or the cut-off first line of the tail: try the one before
    }
  }
  return 0;
}
