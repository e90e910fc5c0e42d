/**
 * The asynchronous part of every emulated object: after a create or modify it is Init until
 * `settleAt`, then settles to whatever its dependencies allow. Only the instant is stored; the
 * status is computed from it and the clock at read time, so it survives a restart and moves with a
 * manual clock without any timers.
 */

/** Epoch ms when the object leaves Init, or null when a "stuck" fault pinned it in Init. */
export type SettleAt = number | null;

export function settleAt(now: number, settleMs: number, stuck: boolean): SettleAt {
  return stuck ? null : now + settleMs;
}

export function isSettled(at: SettleAt, now: number): boolean {
  return at !== null && now >= at;
}
