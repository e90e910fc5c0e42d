/**
 * Waiting for a cloud object to settle. Polls with a gentle backoff until `classify` says done or
 * failed, or the user's timeout passes, printing progress at most every few seconds so a long wait
 * is never silent.
 *
 * Where progress shows (progress.ts): in the dynamic provider's process each line is an ephemeral
 * status of the resource being waited on, on its row of the CLI's display while the step runs,
 * and not under Diagnostics; elsewhere it goes to stdout. What the engine does not allow, with the
 * @pulumi/pulumi release this package is built against:
 * - a dynamic provider's methods are not told which resource they act on (no URN, no name), and
 *   its stdout reaches the CLI as lines on the Stack row, repeated under Diagnostics; the URN is
 *   therefore read off the host's gRPC request, which fails for the first request a provider
 *   process decodes (before this package is loaded: only a delete, since a check precedes every
 *   create and update), whose progress goes to stdout as before;
 * - an ephemeral status is the resource row's last message only: it is not kept once the step
 *   ends (nothing in Diagnostics, the stack's history or `--json` output records the wait) and
 *   there is no progress bar, percentage or per-step timer a provider can set;
 * - the provider cannot see the user's `customTimeouts` (hence `timeoutSeconds`), nor whether the
 *   CLI is interactive, so the cadence is the same for a terminal and a CI log.
 */
import { waitTimedOut } from "../errors";
import { sleep as realSleep } from "../transport/retry";
import { printProgress } from "./progress";
import { onTheBeat } from "./shared-poll";

/** What a poll is told: whether the wait expects it to find the object settled (a learned first poll). */
export interface PollHint {
  /**
   * True for a first poll aimed at when the kind's objects settle (learnAs): it should read the
   * object itself, since a verdict needs that read anyway, rather than join a shared list round.
   */
  readonly expectSettled: boolean;
}

export type Settled<S> = { state: "done"; value: S } | { state: "failed"; value: S; reason: string } | { state: "pending"; value: S };

export interface WaitOptions<S> {
  /** Human label, e.g. `StreamingJob "orders" (gp-123:4)`. */
  readonly label: string;
  readonly wanted: string;
  readonly timeoutSeconds: number;
  readonly poll: (hint: PollHint) => Promise<S>;
  readonly classify: (value: S) => Settled<S>;
  readonly status: (value: S) => string;
  /** Where progress goes; by default on the row of the resource being handled (progress.ts). */
  readonly log?: (line: string) => void;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
  /** First poll delay; doubles up to maxIntervalMs. */
  readonly intervalMs?: number;
  readonly maxIntervalMs?: number;
  /**
   * Wake on the clock's beat of the interval (shared-poll.ts), so the waiters of one process poll
   * at the same instants and a shared poll serves them all, the first poll too (the object was
   * just asked to change); by default the first poll is at once, each next one an interval later.
   */
  readonly together?: boolean;
  /**
   * With `together`: the kind of wait (product, type, what is waited for), under which the process
   * remembers how long such waits took (SettleTimes), so the next one's first poll goes shortly
   * before that rather than on the fixed ladder's first beats.
   */
  readonly learnAs?: string;
}

export type WaitOutcome<S> =
  | { state: "done"; value: S }
  | { state: "failed"; value: S; reason: string }
  | { state: "timeout"; value: S | undefined; lastStatus: string };

const PROGRESS_EVERY_MS = 5_000;

/**
 * How long the waits of each kind took lately in this process, for the first poll of the next one.
 * Objects of one kind made by one `up` take about as long as each other to settle (jobs of one
 * instance, streams of one project), and most of a large create's polls were early ones that found
 * nothing yet: the fixed ladder asks at ½ s, 2 s and 4 s for a job that needs 3 s. Each wait that
 * ends done brackets its object's settle time: after its last poll that found it pending (if any),
 * by the poll that found it done. Over the last waits of the kind:
 * - once a "pending" lies within a tenth below the quickest "done" (the bracket is tight, or
 *   settle times vary more than that), the first poll aims a twentieth past the later of the two,
 *   since objects of one kind still differ by a little and each one found pending costs a poll;
 * - while the bracket is wider it steps down, halfway into it but never more than a tenth a time;
 * - with no pending poll in the window (every object was done at its first poll, so it may have
 *   been done sooner), one wait at a time probes a tenth below the quickest "done" and the others
 *   aim a twentieth past it. Probing one at a time matters when many waits start together: each
 *   probe that finds its object pending costs a poll.
 * An object slower than the rest costs only its own later polls; a kind that turns slower raises
 * the first poll as its quicker waits leave the window.
 */
export class SettleTimes {
  private readonly recent = new Map<string, { pendingMs: number | undefined; doneMs: number }[]>();
  private readonly probing = new Set<string>();

  constructor(private readonly window = 16) {}

  /** A wait of `kind` found its object done `doneMs` after it began; its last pending poll, if any, was at `pendingMs`. */
  record(kind: string, doneMs: number, pendingMs: number | undefined): void {
    const waits = this.recent.get(kind) ?? [];
    waits.push({ pendingMs, doneMs: Math.max(0, doneMs) });
    if (waits.length > this.window) waits.shift();
    this.recent.set(kind, waits);
    this.probing.delete(kind);
  }

  /** When the next wait of `kind` should first poll, in ms after it begins; undefined without history. */
  firstPollAfter(kind: string): number | undefined {
    const waits = this.recent.get(kind);
    if (waits === undefined || waits.length === 0) return undefined;
    const done = Math.min(...waits.map((w) => w.doneMs));
    const pending = waits.reduce((m, w) => (w.pendingMs === undefined ? m : Math.max(m, w.pendingMs)), Number.NEGATIVE_INFINITY);
    if (pending >= 0.9 * done) return 1.05 * Math.max(done, pending);
    if (pending > Number.NEGATIVE_INFINITY) return Math.max((pending + done) / 2, 0.9 * done);
    if (this.probing.has(kind)) return 1.05 * done;
    this.probing.add(kind);
    return 0.9 * done;
  }
}

/** The provider process's: every wait with `learnAs` records here. */
export const settleTimes = new SettleTimes();

/**
 * The first interval after a learned first poll that found the object pending: the ladder starts
 * again from a short beat, since the object should be close to done.
 */
const AFTER_LEARNED_MS = 250;

export async function waitUntilSettled<S>(o: WaitOptions<S>): Promise<WaitOutcome<S>> {
  const now = o.now ?? Date.now;
  const pause = o.sleep ?? realSleep;
  const log = o.log ?? printProgress;
  const started = now();
  const deadline = started + o.timeoutSeconds * 1000;
  let interval = o.intervalMs ?? 500;
  const maxInterval = o.maxIntervalMs ?? 5_000;
  let lastReport = started;
  let last: S | undefined;
  let lastStatus = "unknown";
  let lastPendingAt: number | undefined;
  let polls = 0;

  const learnAs = o.together ? o.learnAs : undefined;
  const expected = learnAs === undefined ? undefined : settleTimes.firstPollAfter(learnAs);
  // A learned first poll reads its own object, so it need not fall on a beat: it goes when aimed.
  if (expected !== undefined) {
    interval = Math.min(AFTER_LEARNED_MS, maxInterval);
    await pause(Math.min(Math.ceil(expected), o.timeoutSeconds * 1000));
  } else if (o.together) await pause(Math.min(onTheBeat(started, interval), o.timeoutSeconds * 1000));
  for (;;) {
    const polledAt = now();
    // Only the learned first poll expects the object settled; no poll before it found it pending.
    last = await o.poll({ expectSettled: expected !== undefined && lastPendingAt === undefined });
    const verdict = o.classify(last);
    lastStatus = o.status(last);
    if (verdict.state === "done") {
      if (learnAs !== undefined) settleTimes.record(learnAs, polledAt - started, lastPendingAt);
      if (now() - started >= PROGRESS_EVERY_MS) log(`${o.label}: ${lastStatus} after ${Math.round((now() - started) / 1000)}s`);
      return { state: "done", value: verdict.value };
    }
    if (verdict.state === "failed") return { state: "failed", value: verdict.value, reason: verdict.reason };
    lastPendingAt = polledAt - started;
    const t = now();
    if (t >= deadline) return { state: "timeout", value: last, lastStatus };
    if (t - lastReport >= PROGRESS_EVERY_MS) {
      lastReport = t;
      log(`${o.label}: still ${lastStatus}, waiting for ${o.wanted} (${Math.round((t - started) / 1000)}s of ${o.timeoutSeconds}s)`);
    }
    await pause(Math.min(o.together ? onTheBeat(t, interval) : interval, Math.max(0, deadline - t)));
    // Each interval serves two polls before it doubles: a wait found done at the first poll past
    // its object's settle time is at most half an interval late (2 s → 3 s rather than 4 s).
    if (++polls % 2 === 0) interval = Math.min(maxInterval, interval * 2);
  }
}

export interface GoneOptions<S> {
  /** Kind for the timeout message, e.g. `huaweicloud:DisStream`. */
  readonly kind: string;
  /** Progress label. */
  readonly label: string;
  /** How the timeout message names the object; the label by default. */
  readonly subject?: string;
  /** What is waited for, in the messages ("deletion", "deleted"). */
  readonly wanted: string;
  readonly timeoutSeconds: number;
  /** The object, or undefined once it is gone. */
  readonly poll: (hint: PollHint) => Promise<S | undefined>;
  readonly status: (value: S | undefined) => string;
  /** As WaitOptions.together and learnAs. */
  readonly together?: boolean;
  readonly learnAs?: string;
}

/** After a delete: polls until the object is gone, or throws the timeout message. */
export async function waitUntilGone<S>(o: GoneOptions<S>): Promise<void> {
  const outcome = await waitUntilSettled<S | undefined>({
    label: o.label,
    wanted: o.wanted,
    timeoutSeconds: o.timeoutSeconds,
    poll: o.poll,
    status: o.status,
    together: o.together === true,
    ...(o.learnAs !== undefined && { learnAs: o.learnAs }),
    classify: (v) => (v === undefined ? { state: "done", value: v } : { state: "pending", value: v }),
  });
  if (outcome.state !== "done") {
    const last = outcome.state === "timeout" ? outcome.lastStatus : "unknown";
    throw new Error(waitTimedOut(o.kind, o.subject ?? o.label, o.wanted, last, o.timeoutSeconds));
  }
}
