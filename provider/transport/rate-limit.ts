/**
 * Client-side rate limiting, so one `up` with hundreds of jobs stays under the clouds' API quotas
 * rather than failing on throttling: a token bucket per API (or documented class of APIs, see
 * quotas.ts) and endpoint, shared by every resource of the provider process.
 *
 * The buckets adapt. A throttling answer says the quota is lower than the bucket's rate, and the
 * answers the cloud accepted in the last seconds say about how much lower: the rate is cut to a
 * tenth under that accepted rate (at least a tenth below the current rate, at most by half in one
 * cut: few accepted answers say little, and a lone throttling answer on a bucket's first call or at
 * low demand cut a bucket to a tenth that then took most of a minute to recover, seen under the
 * load test's injected faults), the burst shrinks with it and the calls
 * waiting drop their schedule (they take again at the new rate). The rate then holds for a while
 * and grows back slowly (5 % a second, compounding) up to the configured one.
 * Answers to calls sent before the last cut, or within a second of it, do not cut again, so a burst
 * of them cuts once. A quota below the configured rate is thus found in a few cuts and the
 * bucket settles just under it, where halving (the classic multiplicative decrease) undershot a
 * quota just below a power of two of the rate by up to half and spent the hold there. The first
 * cut of each bucket is reported once.
 */
import type { ApiQuota } from "./quotas";
import type { AttemptOutcome } from "./retry-loop";

/**
 * A plain token bucket: `reserve()` takes a token and says how long to wait before the call may go.
 * When the rate changes, the tokens owed by the calls told to wait become a time, `pausedUntil`,
 * before which nothing accrues: those calls keep their turn, and the new rate applies only to the
 * calls that come after the change.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private pausedUntil = Number.NEGATIVE_INFINITY;

  constructor(
    private ratePerSecond: number,
    private burst: number = Math.max(1, Math.ceil(ratePerSecond)),
    private readonly now: () => number = () => Date.now(),
  ) {
    this.tokens = this.burst;
    this.last = this.now();
  }

  /** Milliseconds to wait before the next request may go; takes the token. */
  reserve(): number {
    const t = this.refill();
    this.tokens -= 1;
    const owed = this.tokens >= 0 ? 0 : (-this.tokens / this.ratePerSecond) * 1000;
    return Math.ceil(Math.max(0, this.pausedUntil - t) + owed);
  }

  /**
   * Changes rate and burst from now on: the calls already told to wait keep their turn, unless
   * `forgive` drops what they owe because they take again (see `paced`).
   */
  retune(ratePerSecond: number, burst: number, forgive = false): void {
    const t = this.refill();
    if (forgive) {
      this.pausedUntil = Number.NEGATIVE_INFINITY;
      this.tokens = Math.max(0, this.tokens);
    } else if (this.tokens < 0) {
      this.pausedUntil = Math.max(this.pausedUntil, t) + (-this.tokens / this.ratePerSecond) * 1000;
      this.tokens = 0;
    }
    this.ratePerSecond = ratePerSecond;
    this.burst = burst;
    this.tokens = Math.min(this.tokens, burst);
  }

  /** Adds what accrued since the last look (nothing before `pausedUntil`); returns the time now. */
  private refill(): number {
    const t = this.now();
    const from = Math.max(this.last, this.pausedUntil);
    if (t > from) this.tokens = Math.min(this.burst, this.tokens + ((t - from) / 1000) * this.ratePerSecond);
    // A clock stepped backwards must not drain the bucket.
    this.last = Math.max(this.last, t);
    return t;
  }
}

/** How a bucket slows down and recovers. */
export interface Adaptation {
  /** After a cut, the rate stays this long before it grows. */
  readonly holdMs: number;
  /** Growth per second after the hold, compounding: a rate cut deep by a spurious refusal comes back in a minute or so. */
  readonly recoveryPerSecond: number;
  /** Never slower than this many calls per second. */
  readonly minRatePerSecond: number;
  /** At most one cut this often: a quota's window is about a second, and its refusals come in a burst. */
  readonly cooldownMs: number;
  /**
   * The answers of this last stretch estimate the quota at a cut; longer at a slow rate, so that it
   * holds at least `windowAnswers` answers' worth at the current rate.
   */
  readonly windowMs: number;
  readonly windowAnswers: number;
  /** A cut goes to this share of the accepted rate, and at least this share below the current rate. */
  readonly headroom: number;
  /** One cut keeps at least this share of the current rate. */
  readonly deepestCut: number;
}

export const DEFAULT_ADAPTATION: Adaptation = {
  holdMs: 5_000,
  recoveryPerSecond: 0.05,
  minRatePerSecond: 0.05,
  cooldownMs: 1_000,
  windowMs: 2_000,
  windowAnswers: 10,
  headroom: 0.9,
  deepestCut: 0.5,
};

/** A token taken: the wait before the call may go, and the rate generation it was taken under. */
export interface Permit {
  readonly waitMs: number;
  readonly generation: number;
}

/** A token bucket whose rate halves on throttling and recovers gradually (see the module header). */
export class AdaptiveBucket {
  private readonly bucket: TokenBucket;
  private rate: number;
  private generation = 0;
  /** When the last cut happened and the rate it cut to; undefined while at the ceiling. */
  private cut: { atMs: number; rate: number } | undefined;
  private lastCutMs = Number.NEGATIVE_INFINITY;
  /** The answers of the last window, oldest first: when each came and whether the quota let it through. */
  private readonly answers: { readonly at: number; readonly accepted: boolean }[] = [];

  constructor(
    readonly ceiling: Required<{ ratePerSecond: number; burst: number }>,
    private readonly now: () => number = () => Date.now(),
    private readonly onSlowDown: (ratePerSecond: number) => void = () => {},
    private readonly adaptation: Adaptation = DEFAULT_ADAPTATION,
  ) {
    this.rate = ceiling.ratePerSecond;
    this.bucket = new TokenBucket(ceiling.ratePerSecond, ceiling.burst, now);
  }

  /** The rate in force now, calls per second. */
  get ratePerSecond(): number {
    this.recover();
    return this.rate;
  }

  /** Takes a token: how long to wait, and the generation to hand back to `throttled`. */
  take(): Permit {
    this.recover();
    return { waitMs: this.bucket.reserve(), generation: this.generation };
  }

  /** False once the rate was cut after `permit` was taken: its wait was reckoned at the old rate. */
  isCurrent(permit: Permit): boolean {
    return permit.generation === this.generation;
  }

  /** `take()`'s wait alone. */
  reserve(): number {
    return this.take().waitMs;
  }

  /** The call went through the quota (any answer but a throttling one): counts toward the estimate. */
  accepted(): void {
    this.answered(true);
  }

  private answered(accepted: boolean): void {
    const t = this.now();
    this.answers.push({ at: t, accepted });
    this.forgetBefore(t - this.windowMs());
  }

  private windowMs(): number {
    return Math.max(this.adaptation.windowMs, (this.adaptation.windowAnswers * 1000) / this.rate);
  }

  /**
   * Calls per second the quota let through lately: the accepted answers of the window over the time
   * its answers span (not the whole window, so a run that began or resumed within it is not read as
   * slow); the cut's bounds make up for an estimate from a handful of answers.
   */
  private acceptedRate(t: number): number {
    this.forgetBefore(t - this.windowMs());
    const first = this.answers[0];
    if (first === undefined) return 0;
    const accepted = this.answers.reduce((n, a) => n + (a.accepted ? 1 : 0), 0);
    return (accepted * 1000) / Math.max(t - first.at, 1);
  }

  /**
   * The call sent under `permit` was throttled: cuts the rate (see the module header), unless a
   * call sent before the last cut is answering, or the last cut is under a second old (that cut
   * already accounts for it). True when the rate was cut.
   */
  throttled(permit: Permit): boolean {
    const t = this.now();
    const current = permit.generation === this.generation && t - this.lastCutMs >= this.adaptation.cooldownMs;
    const acceptedRate = current ? this.acceptedRate(t) : 0;
    this.answered(false);
    if (!current) return false;
    this.recover();
    const first = this.generation === 0;
    const a = this.adaptation;
    const deepest = Math.max(this.rate * a.deepestCut, Math.min(a.minRatePerSecond, this.ceiling.ratePerSecond));
    this.rate = Math.max(deepest, Math.min(this.rate * a.headroom, acceptedRate * a.headroom));
    this.cut = { atMs: t, rate: this.rate };
    this.lastCutMs = t;
    this.generation++;
    this.bucket.retune(this.rate, this.burstAt(this.rate), true);
    if (first) this.onSlowDown(this.rate);
    return true;
  }

  private forgetBefore(t: number): void {
    let stale = 0;
    while (stale < this.answers.length && (this.answers[stale]?.at as number) <= t) stale++;
    if (stale > 0) this.answers.splice(0, stale);
  }

  /** The burst scales with the rate, so a slowed bucket does not send its full burst at once. */
  private burstAt(rate: number): number {
    return Math.max(1, Math.floor((this.ceiling.burst * rate) / this.ceiling.ratePerSecond));
  }

  /** Grows the rate back after the hold, compounding, up to the ceiling. */
  private recover(): void {
    if (this.cut === undefined) return;
    const grown = Math.max(0, this.now() - this.cut.atMs - this.adaptation.holdMs) / 1000;
    const rate = Math.min(this.ceiling.ratePerSecond, this.cut.rate * (1 + this.adaptation.recoveryPerSecond) ** grown);
    if (rate === this.rate) return;
    this.rate = rate;
    this.bucket.retune(rate, this.burstAt(rate));
    if (rate >= this.ceiling.ratePerSecond) this.cut = undefined;
  }
}

/** Where a bucket's first slow-down is reported (the CLI shows the provider's output). */
let warn: (line: string) => void = (line) => console.log(line);

/** Sends slow-down warnings to `sink` (tests); returns the previous sink. */
export function setRateLimitWarnings(sink: (line: string) => void): (line: string) => void {
  const previous = warn;
  warn = sink;
  return previous;
}

const buckets = new Map<string, AdaptiveBucket>();

/**
 * The process's bucket for `quota` at `endpoint` (a host), made on first use with `now` as its
 * clock. A number as `quota` is a plain per-endpoint rate (burst: one second's worth).
 */
export function bucketFor(endpoint: string, quota: ApiQuota | number, now: () => number = () => Date.now()): AdaptiveBucket {
  const q = typeof quota === "number" ? { key: "", limit: { ratePerSecond: quota, burst: Math.max(1, Math.ceil(quota)) } } : quota;
  const id = `${endpoint}|${q.key}|${q.limit.ratePerSecond}|${q.limit.burst}`;
  let b = buckets.get(id);
  if (!b) {
    const label = q.key === "" ? endpoint : `${q.key} at ${endpoint}`;
    b = new AdaptiveBucket(q.limit, now, (rate) => warn(slowDownWarning(label, q.limit.ratePerSecond, rate)));
    buckets.set(id, b);
  }
  return b;
}

function slowDownWarning(label: string, configured: number, rate: number): string {
  const per = (r: number) => `${Number(r.toPrecision(3))}/s`;
  return (
    `warning: ${label} answered with throttling: its calls slow down from ${per(configured)} to ${per(rate)} and speed up again ` +
    "gradually (set streamjobs:rateLimits to match the quota; no further notice for this API)"
  );
}

/**
 * One attempt through `bucket`: waits for a token, runs the attempt, and cuts the bucket's rate
 * when the answer is throttling. A wait the bucket's rate was cut during is taken again at the new
 * rate, so calls queued before a cut do not all go on the old schedule.
 */
export async function paced<T>(
  bucket: AdaptiveBucket,
  sleep: (ms: number) => Promise<void>,
  attempt: () => Promise<AttemptOutcome<T>>,
): Promise<AttemptOutcome<T>> {
  let permit = bucket.take();
  while (permit.waitMs > 0) {
    await sleep(permit.waitMs);
    if (bucket.isCurrent(permit)) break;
    permit = bucket.take();
  }
  const outcome = await attempt();
  if ("error" in outcome && outcome.throttled) bucket.throttled(permit);
  else bucket.accepted();
  return outcome;
}
