/**
 * The I/O a cloud client depends on, injectable so tests can script responses and run retries
 * without waiting: the HTTP call, timers, randomness for jitter, and the clock used in signatures.
 */
import { DEFAULT_RETRY, type RetryPolicy, sleep } from "./retry";

export interface IoOptions {
  /** Per-request timeout. @default 30000 */
  readonly timeoutMs?: number;
  readonly retry?: RetryPolicy;
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  readonly now?: () => Date;
}

export interface Io {
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
  readonly fetch: typeof fetch;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  readonly now: () => Date;
}

export function ioOf(o: IoOptions): Io {
  return {
    timeoutMs: o.timeoutMs ?? 30_000,
    retry: o.retry ?? DEFAULT_RETRY,
    fetch: o.fetch ?? fetch,
    sleep: o.sleep ?? sleep,
    random: o.random ?? Math.random,
    now: o.now ?? (() => new Date()),
  };
}
