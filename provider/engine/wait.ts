/**
 * Waiting for a cloud object to settle. Polls with a gentle backoff until `classify` says done or
 * failed, or the user's timeout passes, printing progress (the dynamic provider's stdout shows in
 * the CLI) at most every few seconds so a long wait is never silent.
 */
import { sleep as realSleep } from "../transport/retry";

export type Settled<S> = { state: "done"; value: S } | { state: "failed"; value: S; reason: string } | { state: "pending"; value: S };

export interface WaitOptions<S> {
  /** Human label, e.g. `StreamingJob "orders" (gp-123:4)`. */
  readonly label: string;
  readonly wanted: string;
  readonly timeoutSeconds: number;
  readonly poll: () => Promise<S>;
  readonly classify: (value: S) => Settled<S>;
  readonly status: (value: S) => string;
  readonly log?: (line: string) => void;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
  /** First poll delay; doubles up to maxIntervalMs. */
  readonly intervalMs?: number;
  readonly maxIntervalMs?: number;
}

export type WaitOutcome<S> =
  | { state: "done"; value: S }
  | { state: "failed"; value: S; reason: string }
  | { state: "timeout"; value: S | undefined; lastStatus: string };

const PROGRESS_EVERY_MS = 5_000;

export async function waitUntilSettled<S>(o: WaitOptions<S>): Promise<WaitOutcome<S>> {
  const now = o.now ?? Date.now;
  const pause = o.sleep ?? realSleep;
  const log = o.log ?? ((line: string) => console.log(line));
  const started = now();
  const deadline = started + o.timeoutSeconds * 1000;
  let interval = o.intervalMs ?? 500;
  const maxInterval = o.maxIntervalMs ?? 5_000;
  let lastReport = started;
  let last: S | undefined;
  let lastStatus = "unknown";

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
    await pause(Math.min(interval, Math.max(0, deadline - t)));
    interval = Math.min(maxInterval, interval * 2);
  }
}
