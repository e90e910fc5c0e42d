/**
 * Time as the emulated cloud sees it. Everything time-dependent (signature skew, nonce expiry,
 * Init → Running) reads this instead of `Date.now()`, so tests can move time instead of sleeping.
 */

/** Epoch milliseconds. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to. */
export class ManualClock implements Clock {
  private current: number;

  /** @param startMs epoch milliseconds; defaults to the wall clock so signed timestamps still pass the 15-minute skew check. */
  constructor(startMs: number = Date.now()) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance(ms) needs a finite ms >= 0, got ${ms}`);
    this.current += ms;
    return this.current;
  }
}

export function isManualClock(clock: Clock): clock is ManualClock {
  return clock instanceof ManualClock;
}

/** UTC `yyyy-MM-ddTHH:mm:ssZ`: how Alibaba writes times in answers and in signed timestamps. */
export function utcSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}
