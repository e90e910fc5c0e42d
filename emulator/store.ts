/**
 * The emulator's database: named collections of JSON documents plus per-name id sequences.
 *
 * One in-memory implementation serves both modes; given a file it persists after every committed
 * change (atomic replace) and reloads it on start, so `pulumi up` against a restarted emulator sees
 * the jobs it created before. Values are deep-copied in and out, so a handler can never change stored
 * state by mutating an object it read.
 */
import { existsSync, readFileSync } from "node:fs";
import { z } from "zod";
import { writeFileAtomic } from "./atomic-file";

export interface StoreEntry {
  readonly key: string;
  readonly value: unknown;
}

/** The whole store as plain JSON, keys sorted at every level so dumps diff cleanly. */
export interface StoreDump {
  readonly collections: Record<string, Record<string, unknown>>;
  readonly sequences: Record<string, number>;
}

export interface Store {
  get(collection: string, key: string): unknown;
  /** Entries in key order. */
  list(collection: string): StoreEntry[];
  put(collection: string, key: string, value: unknown): void;
  /** @returns whether the key existed. */
  delete(collection: string, key: string): boolean;
  /** The next value of a sequence, starting at 1. Sequences never go back, even after deletes. */
  nextId(sequence: string): number;
  /**
   * Runs `fn` as one unit: persisted once at the end, rolled back entirely if it throws, so a
   * failed request never leaves half its changes behind.
   */
  transaction<T>(fn: () => T): T;
  dump(): StoreDump;
  /** Forgets everything (and persists the empty store). */
  reset(): void;
}

const fileSchema = z.object({
  format: z.literal("streamjobs-emulator-store/1"),
  collections: z.record(z.string(), z.record(z.string(), z.unknown())),
  sequences: z.record(z.string(), z.number().int().nonnegative()),
});

interface Data {
  collections: Record<string, Record<string, unknown>>;
  sequences: Record<string, number>;
}

function emptyData(): Data {
  return { collections: {}, sequences: {} };
}

function copy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = sortKeysDeep((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

export class MemoryStore implements Store {
  private data: Data;
  private depth = 0;
  private dirty = false;
  /** The data as it was when the running transaction first changed it. */
  private before: string | undefined;

  /** @param file where to persist; omit for a purely in-memory store. */
  constructor(private readonly file?: string) {
    this.data = file !== undefined && existsSync(file) ? MemoryStore.load(file) : emptyData();
  }

  private static load(file: string): Data {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, "utf8"));
    } catch (err) {
      // Refuse to start rather than silently discarding state someone's stack depends on.
      throw new Error(`emulator state file ${file} is not valid JSON (${(err as Error).message}); move it aside to start empty`);
    }
    const parsed = fileSchema.safeParse(raw);
    if (!parsed.success) {
      throw new Error(`emulator state file ${file} has an unexpected shape (${parsed.error.issues[0]?.message ?? "invalid"}); move it aside to start empty`);
    }
    return { collections: parsed.data.collections, sequences: parsed.data.sequences };
  }

  get(collection: string, key: string): unknown {
    return copy(this.data.collections[collection]?.[key]);
  }

  list(collection: string): StoreEntry[] {
    const c = this.data.collections[collection] ?? {};
    return Object.keys(c)
      .sort()
      .map((key) => ({ key, value: copy(c[key]) }));
  }

  put(collection: string, key: string, value: unknown): void {
    this.mutate(() => {
      this.data.collections[collection] ??= {};
      const c = this.data.collections[collection];
      c[key] = copy(value);
    });
  }

  delete(collection: string, key: string): boolean {
    const c = this.data.collections[collection];
    if (c === undefined || !(key in c)) return false;
    this.mutate(() => {
      delete c[key];
      if (Object.keys(c).length === 0) delete this.data.collections[collection];
    });
    return true;
  }

  nextId(sequence: string): number {
    let id = 0;
    this.mutate(() => {
      id = (this.data.sequences[sequence] ?? 0) + 1;
      this.data.sequences[sequence] = id;
    });
    return id;
  }

  transaction<T>(fn: () => T): T {
    if (this.depth > 0) {
      this.depth++;
      try {
        return fn();
      } finally {
        this.depth--;
      }
    }
    this.depth = 1;
    try {
      const result = fn();
      this.depth = 0;
      this.commit();
      return result;
    } catch (err) {
      // Covers a failed write too: memory never runs ahead of what is on disk.
      this.depth = 0;
      if (this.before !== undefined) this.data = JSON.parse(this.before) as Data;
      this.dirty = false;
      throw err;
    } finally {
      this.before = undefined;
    }
  }

  dump(): StoreDump {
    return sortKeysDeep(this.data) as StoreDump;
  }

  reset(): void {
    this.mutate(() => {
      this.data = emptyData();
    });
  }

  private mutate(change: () => void): void {
    if (this.depth === 0) {
      this.transaction(() => this.mutate(change));
      return;
    }
    // Snapshot lazily, on the first change, so read-only requests pay nothing for rollback.
    this.before ??= JSON.stringify(this.data);
    change();
    this.dirty = true;
  }

  private commit(): void {
    if (!this.dirty) return;
    this.dirty = false;
    if (this.file === undefined) return;
    const doc = { format: "streamjobs-emulator-store/1", ...(sortKeysDeep(this.data) as Data) };
    writeFileAtomic(this.file, `${JSON.stringify(doc, null, 2)}\n`);
  }
}
