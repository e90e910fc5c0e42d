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
 * - pollThroughList: one poll of a waiter through its place's shared list round. A list entry only
 *   ever says "still waiting": every verdict (done, failed, gone), and the outputs, come from the
 *   single-object read, since list entries lack fields and a paged list can miss an entry that
 *   moved between pages. An object the round does not list, or lists without a status, is read;
 *   so is the object of a waiter that is alone in its round (no list is sent for one), and that of
 *   a poll that expects it settled (a learned first poll, engine/wait.ts), which needs the read.
 * - sharesPollsAs / accountOf: which account and endpoint a client speaks for, so only clients of
 *   the same one share a round.
 * A waiter that has settled simply stops asking: nothing polls for it any more.
 */

import type { PollHint } from "./wait";

/** Runs `f` on a later turn of the event loop, after the callers of this turn have asked. */
export type Defer = (f: () => void) => void;

/**
 * A timer of its own, so it runs after every timer already due: waiters woken by timers of the same
 * instant (onTheBeat) have all asked by then.
 */
const nextTurn: Defer = (f) => void setTimeout(f, 0);

export class SharedPoll<T> {
  private readonly inFlight = new Map<string, { call: Promise<T>; joined: number }>();

  constructor(private readonly defer: Defer = nextTurn) {}

  /**
   * The answer of `fetch` for `key`, shared with every caller of `key` while it is in flight.
   * `fetch` is told how many callers had joined when it started (those of this turn).
   */
  get(key: string, fetch: (joined: number) => Promise<T>): Promise<T> {
    const running = this.inFlight.get(key);
    if (running !== undefined) {
      running.joined++;
      return running.call;
    }
    const call = new Promise<T>((resolve, reject) => {
      this.defer(() => {
        fetch(this.inFlight.get(key)?.joined ?? 1)
          .then(resolve, reject)
          .finally(() => {
            if (this.inFlight.get(key)?.call === call) this.inFlight.delete(key);
          });
      });
    });
    this.inFlight.set(key, { call, joined: 1 });
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

/**
 * The account and endpoint each client speaks for, as its maker recorded it (sharesPollsAs); any
 * other client (a test's) is an account of its own.
 */
const accounts = new WeakMap<object, string>();
let unnamed = 0;

/** Records that `client` speaks for the account and endpoint `parts` name; returns the client. */
export function sharesPollsAs<C extends object>(client: C, ...parts: readonly unknown[]): C {
  accounts.set(client, parts.map((p) => String(p ?? "")).join(" "));
  return client;
}

/** Which account and endpoint `client` speaks for: a part of every shared list's key. */
export function accountOf(client: object): string {
  let key = accounts.get(client);
  if (key === undefined) {
    key = `client#${++unnamed}`;
    accounts.set(client, key);
  }
  return key;
}

/**
 * One round of a shared list: each listed object's id and its status; undefined for a round only
 * one waiter asked for, who reads its object instead (one call either way, and the read's answer
 * is a verdict where a list entry is at most "still waiting").
 */
type Statuses = ReadonlyMap<string, string> | undefined;
const listRounds = new SharedPoll<Statuses>();

/** A place's list whose entries carry their object's status (gpdb List*, DIS ListStreams, …). */
export interface StatusList<E> {
  /**
   * Which list of which place, seen by which account (accountOf): the waiters of one key share a
   * round, so it names everything the answer depends on, the list action too.
   */
  readonly key: string;
  /** Every entry of the place, all pages. A place that is not found lists none (the read then says so). */
  readonly entries: () => Promise<Iterable<E>>;
  readonly idOf: (entry: E) => unknown;
  readonly statusOf: (entry: E) => unknown;
}

export interface ListedPoll<S, E> {
  readonly list: StatusList<E>;
  /** The object's id, as `idOf` gives it (compared as text). */
  readonly id: string;
  /** Whether a listed status means "still waiting", the only thing an entry is trusted to say. */
  readonly waiting: (status: string) => boolean;
  /** The pending value standing for that status (only its status is read). */
  readonly pending: (status: string) => S;
  /** The single-object read (Describe, Show): every verdict and the outputs. */
  readonly read: () => Promise<S>;
  /** The wait's hint (engine/wait.ts): a poll that expects the object settled reads it at once. */
  readonly hint?: PollHint;
}

async function statusesOf<E>(list: StatusList<E>): Promise<Statuses> {
  const statuses = new Map<string, string>();
  for (const entry of await list.entries()) {
    const id = list.idOf(entry);
    const status = list.statusOf(entry);
    if ((typeof id === "string" || typeof id === "number") && typeof status === "string") statuses.set(String(id), status);
  }
  return statuses;
}

/**
 * One poll of a wait: the shared list round of the object's place; where its entry says it is
 * still waiting, that status as a pending value, else the single-object read.
 */
export async function pollThroughList<S, E>(p: ListedPoll<S, E>): Promise<S> {
  if (p.hint?.expectSettled === true) return p.read();
  const round = await listRounds.get(p.list.key, (joined) => (joined < 2 ? Promise.resolve(undefined) : statusesOf(p.list)));
  const status = round?.get(p.id);
  return status !== undefined && p.waiting(status) ? p.pending(status) : p.read();
}
