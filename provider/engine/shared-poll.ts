/**
 * Polls shared by the waiters of one provider process. Many resources wait on objects of one
 * place at once (200 jobs of one instance, each polling its own Describe, are most of a large
 * create's calls); where the cloud lists that place's objects with their status, one List call
 * answers all of them.
 *
 * - SharedPoll: a keyed coalescer. The first caller of a key starts its call on the next turn of
 *   the timers; every caller of that key until the call answers joins it and gets the same
 *   answer, or the same error. Once it has answered, the next caller starts a new call.
 * - onTheBeat: how long a waiter pauses so that it wakes on the clock's beat of its interval, the
 *   same instant as every other waiter of the process with that interval (and, since intervals
 *   double, with every waiter of a shorter one), so their polls fall within one tick and share.
 * A waiter that has settled simply stops asking: nothing polls for it any more.
 */

/** Runs `f` on a later turn of the event loop, after the callers of this turn have asked. */
export type Defer = (f: () => void) => void;

/**
 * A timer of its own, so it runs after every timer already due: waiters woken by timers of the same
 * instant (onTheBeat) have all asked by then.
 */
const nextTurn: Defer = (f) => void setTimeout(f, 0);

export class SharedPoll<T> {
  private readonly inFlight = new Map<string, Promise<T>>();

  constructor(private readonly defer: Defer = nextTurn) {}

  /** The answer of `fetch` for `key`, shared with every caller of `key` while it is in flight. */
  get(key: string, fetch: () => Promise<T>): Promise<T> {
    const running = this.inFlight.get(key);
    if (running !== undefined) return running;
    const call = new Promise<T>((resolve, reject) => {
      this.defer(() => {
        fetch()
          .then(resolve, reject)
          .finally(() => {
            if (this.inFlight.get(key) === call) this.inFlight.delete(key);
          });
      });
    });
    this.inFlight.set(key, call);
    return call;
  }
}

/**
 * The pause from `now` to the clock's multiple of `intervalMs` nearest one interval ahead: between
 * half an interval and one and a half, one interval on average, the same instant for every waiter.
 */
export function onTheBeat(now: number, intervalMs: number): number {
  if (intervalMs <= 0) return 0;
  const beat = Math.round((now + intervalMs) / intervalMs) * intervalMs;
  return Math.max(beat - now, Math.ceil(intervalMs / 2));
}
