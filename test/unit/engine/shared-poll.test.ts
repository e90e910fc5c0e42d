/**
 * Shared polls, on fake timers (nothing really waits): the expectations come from the module
 * header. Callers of one key while its call is in flight share that call and its answer or error;
 * other keys have calls of their own; waiters that wake on the beat (waitUntilSettled's
 * `together`) poll together, one call per round however many wait; a settled waiter stops asking.
 * pollThroughList trusts a list entry only for "still waiting" and reads every other object.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SharedPoll, accountOf, onTheBeat, pollThroughList, sharesPollsAs } from "../../../provider/engine/shared-poll";
import { type Settled, waitUntilSettled } from "../../../provider/engine/wait";

/** A clock that is a multiple of every interval used here. */
const START = 1_700_000_000_000;

beforeEach(() => {
  vi.useFakeTimers({ now: START });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A fake list: each call is one round; `statusOf(id, round)` is what that round says of `id`. */
function fakeList(statusOf: (id: string, round: number) => string) {
  const rounds: number[] = [];
  return {
    rounds,
    fetch: async (ids: readonly string[]) => {
      rounds.push(Date.now());
      const round = rounds.length;
      return new Map(ids.map((id) => [id, statusOf(id, round)]));
    },
  };
}

const classify = (s: string): Settled<string> =>
  s === "Running" ? { state: "done", value: s } : s === "Exception" ? { state: "failed", value: s, reason: "broken" } : { state: "pending", value: s };

/** Waiters on one key that poll through `shared`, each counting its own polls. */
function waiters(shared: SharedPoll<Map<string, string>>, ids: readonly string[], fetch: (ids: readonly string[]) => Promise<Map<string, string>>, key = "k") {
  const polls = new Map(ids.map((id) => [id, 0]));
  const wait = (id: string) =>
    waitUntilSettled<string>({
      label: id,
      wanted: "Running",
      timeoutSeconds: 600,
      together: true,
      log: () => {},
      classify,
      status: (s) => s,
      poll: async () => {
        polls.set(id, (polls.get(id) ?? 0) + 1);
        return (await shared.get(key, () => fetch(ids))).get(id) as string;
      },
    });
  return { polls, wait };
}

describe("SharedPoll", () => {
  it("makes one call for every caller of a key in one tick, and each gets its answer", async () => {
    const shared = new SharedPoll<string>();
    const fetch = vi.fn(async () => "answer");
    const answers = Promise.all(Array.from({ length: 10 }, () => shared.get("k", fetch)));
    await vi.runAllTimersAsync();
    expect(await answers).toEqual(Array(10).fill("answer"));
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("starts a new call for a caller that comes after the answer", async () => {
    const shared = new SharedPoll<number>();
    let n = 0;
    const fetch = async () => ++n;
    const first = shared.get("k", fetch);
    await vi.runAllTimersAsync();
    const second = shared.get("k", fetch);
    await vi.runAllTimersAsync();
    expect([await first, await second]).toEqual([1, 2]);
  });

  it("makes a call per key for callers of different keys", async () => {
    const shared = new SharedPoll<string>();
    const fetch = vi.fn(async (key: string) => `answer of ${key}`);
    const answers = Promise.all(["a", "b", "a", "c", "b"].map((k) => shared.get(k, () => fetch(k))));
    await vi.runAllTimersAsync();
    expect(await answers).toEqual(["answer of a", "answer of b", "answer of a", "answer of c", "answer of b"]);
    expect(fetch.mock.calls.map((c) => c[0]).sort()).toEqual(["a", "b", "c"]);
  });

  it("tells the call how many callers had joined when it started: those of its turn", async () => {
    const shared = new SharedPoll<number>();
    const first = Promise.all(Array.from({ length: 3 }, () => shared.get("k", async (joined) => joined)));
    await vi.runAllTimersAsync();
    const alone = shared.get("k", async (joined) => joined);
    await vi.runAllTimersAsync();
    expect([...(await first), await alone]).toEqual([3, 3, 3, 1]);
  });

  it("hands a failed call's error to every caller, and the next caller calls again", async () => {
    const shared = new SharedPoll<string>();
    const fetch = vi.fn().mockRejectedValueOnce(new Error("throttled")).mockResolvedValueOnce("answer");
    const answers = Array.from({ length: 5 }, () => shared.get("k", fetch).catch((err: Error) => err.message));
    await vi.runAllTimersAsync();
    expect(await Promise.all(answers)).toEqual(Array(5).fill("throttled"));
    const again = shared.get("k", fetch);
    await vi.runAllTimersAsync();
    expect(await again).toBe("answer");
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});

describe("waiters polling together", () => {
  /** Every id starts Running at `round`. */
  const runningFrom = (round: number) => (_id: string, r: number) => (r >= round ? "Running" : "Init");

  it("make one call per round however many wait, started at slightly different times", async () => {
    const alone = fakeList(runningFrom(4));
    const one = waiters(new SharedPoll(), ["solo"], alone.fetch);
    const soloDone = one.wait("solo");
    await vi.runAllTimersAsync();
    expect((await soloDone).state).toBe("done");

    vi.setSystemTime(START + 60_000);
    const list = fakeList(runningFrom(4));
    const ids = Array.from({ length: 25 }, (_, i) => `job-${i}`);
    const many = waiters(new SharedPoll(), ids, list.fetch);
    const done: Promise<unknown>[] = [];
    for (const id of ids) {
      done.push(many.wait(id));
      await vi.advanceTimersByTimeAsync(3);
    }
    await vi.runAllTimersAsync();
    expect((await Promise.all(done)).every((o) => (o as { state: string }).state === "done")).toBe(true);
    expect(list.rounds).toHaveLength(alone.rounds.length);
    expect(list.rounds).toHaveLength(4);
  });

  it("poll each key by its own calls", async () => {
    const shared = new SharedPoll<Map<string, string>>();
    const a = fakeList(runningFrom(2));
    const b = fakeList(runningFrom(3));
    const inA = waiters(shared, ["a1", "a2", "a3"], a.fetch, "instance-a");
    const inB = waiters(shared, ["b1", "b2"], b.fetch, "instance-b");
    const done = Promise.all([...["a1", "a2", "a3"].map(inA.wait), ...["b1", "b2"].map(inB.wait)]);
    await vi.runAllTimersAsync();
    await done;
    expect([a.rounds.length, b.rounds.length]).toEqual([2, 3]);
  });

  it("stop asking for a waiter once it has settled, while the others go on", async () => {
    const list = fakeList((id, round) => (id === "quick" ? (round >= 1 ? "Running" : "Init") : round >= 5 ? "Exception" : "Init"));
    const w = waiters(new SharedPoll(), ["quick", "slow"], list.fetch);
    const outcomes = Promise.all([w.wait("quick"), w.wait("slow")]);
    await vi.runAllTimersAsync();
    const [quick, slow] = await outcomes;
    expect(quick.state).toBe("done");
    expect(slow).toMatchObject({ state: "failed", reason: "broken" });
    expect(w.polls.get("quick")).toBe(1);
    expect(w.polls.get("slow")).toBe(5);
    expect(list.rounds).toHaveLength(5);
  });

  it("hand a failed round's error to every waiter of the key", async () => {
    const shared = new SharedPoll<Map<string, string>>();
    const fetch = vi.fn(async (): Promise<Map<string, string>> => {
      throw new Error("instance unreachable");
    });
    const w = waiters(shared, ["a", "b", "c"], fetch);
    const outcomes = ["a", "b", "c"].map((id) => w.wait(id).catch((err: Error) => err.message));
    await vi.runAllTimersAsync();
    expect(await Promise.all(outcomes)).toEqual(Array(3).fill("instance unreachable"));
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});

describe("onTheBeat", () => {
  it("wakes every waiter of an interval at the same instant, between half and one and a half intervals ahead", () => {
    for (const interval of [500, 1_000, 4_000]) {
      const wakes = new Set<number>();
      for (let now = START; now < START + interval / 2; now += 37) {
        const pause = onTheBeat(now, interval);
        expect(pause).toBeGreaterThanOrEqual(interval / 2);
        expect(pause).toBeLessThanOrEqual(interval * 1.5);
        wakes.add(now + pause);
      }
      expect(wakes.size).toBe(1);
    }
  });
});

describe("pollThroughList", () => {
  type Entry = { id: string; status?: string };
  /** A place whose list answers `entries`, counting its calls and the single-object reads. */
  function place(key: string, entries: () => Entry[]) {
    const counts = { lists: 0, reads: [] as string[] };
    const poll = (id: string, waiting = (s: string) => s === "Init") =>
      pollThroughList<string, Entry>({
        list: {
          key,
          entries: async () => {
            counts.lists++;
            return entries();
          },
          idOf: (e) => e.id,
          statusOf: (e) => e.status,
        },
        id,
        waiting,
        pending: (status) => `listed ${status}`,
        read: async () => {
          counts.reads.push(id);
          return `read ${id}`;
        },
      });
    return { counts, poll };
  }

  it("answers every waiter listed as still waiting from one list call, reading none of them", async () => {
    const p = place("shared-1", () => Array.from({ length: 20 }, (_, i) => ({ id: `job-${i}`, status: "Init" })));
    const answers = Promise.all(Array.from({ length: 20 }, (_, i) => p.poll(`job-${i}`)));
    await vi.runAllTimersAsync();
    expect(await answers).toEqual(Array(20).fill("listed Init"));
    expect(p.counts).toEqual({ lists: 1, reads: [] });
  });

  it("reads an object the round does not list, or lists without a status", async () => {
    const p = place("shared-2", () => [{ id: "listed", status: "Init" }, { id: "no-status" }]);
    const answers = Promise.all(["listed", "missing", "no-status"].map((id) => p.poll(id)));
    await vi.runAllTimersAsync();
    expect(await answers).toEqual(["listed Init", "read missing", "read no-status"]);
    expect(p.counts).toEqual({ lists: 1, reads: ["missing", "no-status"] });
  });

  it("reads an object whose listed status is a verdict (done or failed): an entry only says still waiting", async () => {
    const p = place("shared-3", () => [
      { id: "up", status: "Running" },
      { id: "broken", status: "Exception" },
    ]);
    const answers = Promise.all(["up", "broken"].map((id) => p.poll(id)));
    await vi.runAllTimersAsync();
    expect(await answers).toEqual(["read up", "read broken"]);
    expect(p.counts.lists).toBe(1);
  });

  it("lists each key by its own calls", async () => {
    const a = place("shared-a", () => [{ id: "x", status: "Init" }]);
    const b = place("shared-b", () => [{ id: "x", status: "Init" }]);
    const answers = Promise.all([a.poll("x"), b.poll("x"), a.poll("x"), b.poll("x")]);
    await vi.runAllTimersAsync();
    expect(await answers).toEqual(["listed Init", "listed Init", "listed Init", "listed Init"]);
    expect([a.counts.lists, b.counts.lists]).toEqual([1, 1]);
  });

  it("sends no list for a waiter alone in its round: it reads its object, one call either way", async () => {
    const p = place("shared-alone", () => [{ id: "x", status: "Init" }]);
    const answer = p.poll("x");
    await vi.runAllTimersAsync();
    expect(await answer).toBe("read x");
    expect(p.counts).toEqual({ lists: 0, reads: ["x"] });
    // Two in one round share a list again.
    const pair = Promise.all([p.poll("x"), p.poll("y")]);
    await vi.runAllTimersAsync();
    expect(await pair).toEqual(["listed Init", "read y"]);
    expect(p.counts).toEqual({ lists: 1, reads: ["x", "y"] });
  });
});

describe("accountOf", () => {
  it("names clients recorded with one account alike, and any other client apart", () => {
    const a = sharesPollsAs({}, "https://endpoint", "AK1");
    const b = sharesPollsAs({}, "https://endpoint", "AK1");
    const other = sharesPollsAs({}, "https://endpoint", "AK2");
    const loose1 = {};
    const loose2 = {};
    expect(accountOf(a)).toBe(accountOf(b));
    expect(accountOf(other)).not.toBe(accountOf(a));
    expect(accountOf(loose1)).toBe(accountOf(loose1));
    expect(accountOf(loose1)).not.toBe(accountOf(loose2));
  });
});
