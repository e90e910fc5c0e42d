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

export type Settled<S> = { state: "done"; value: S } | { state: "failed"; value: S; reason: string } | { state: "pending"; value: S };

export interface WaitOptions<S> {
  /** Human label, e.g. `StreamingJob "orders" (gp-123:4)`. */
  readonly label: string;
  readonly wanted: string;
  readonly timeoutSeconds: number;
  readonly poll: () => Promise<S>;
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
}

export type WaitOutcome<S> =
  | { state: "done"; value: S }
  | { state: "failed"; value: S; reason: string }
  | { state: "timeout"; value: S | undefined; lastStatus: string };

const PROGRESS_EVERY_MS = 5_000;

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

  if (o.together) await pause(Math.min(onTheBeat(started, interval), o.timeoutSeconds * 1000));
  for (;;) {
    last = await o.poll();
    const verdict = o.classify(last);
    lastStatus = o.status(last);
    if (verdict.state === "done") {
      if (now() - started >= PROGRESS_EVERY_MS) log(`${o.label}: ${lastStatus} after ${Math.round((now() - started) / 1000)}s`);
      return { state: "done", value: verdict.value };
    }
    if (verdict.state === "failed") return { state: "failed", value: verdict.value, reason: verdict.reason };
    const t = now();
    if (t >= deadline) return { state: "timeout", value: last, lastStatus };
    if (t - lastReport >= PROGRESS_EVERY_MS) {
      lastReport = t;
      log(`${o.label}: still ${lastStatus}, waiting for ${o.wanted} (${Math.round((t - started) / 1000)}s of ${o.timeoutSeconds}s)`);
    }
    await pause(Math.min(o.together ? onTheBeat(t, interval) : interval, Math.max(0, deadline - t)));
    interval = Math.min(maxInterval, interval * 2);
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
  readonly poll: () => Promise<S | undefined>;
  readonly status: (value: S | undefined) => string;
  /** As WaitOptions.together. */
  readonly together?: boolean;
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
    classify: (v) => (v === undefined ? { state: "done", value: v } : { state: "pending", value: v }),
  });
  if (outcome.state !== "done") {
    const last = outcome.state === "timeout" ? outcome.lastStatus : "unknown";
    throw new Error(waitTimedOut(o.kind, o.subject ?? o.label, o.wanted, last, o.timeoutSeconds));
  }
}
