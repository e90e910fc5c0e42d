/**
 * Bringing a job to the run state its program asks for, for resources whose service has a
 * start/stop action and a few transitional states (EventRouterJob, DwsTransferTask): wait until it
 * settles, send the action when it is in the other settled state, and keep an object that ends in
 * a failed state in Pulumi's state with the service's reason (the partial-failure form) so the next
 * `up` can heal it instead of leaking it. An update may send one start to a failed object; a create
 * reports the failure at once.
 */
import { resourceInitFailed, waitTimedOut } from "../errors";
import { type PollHint, waitUntilSettled } from "./wait";
import { printProgress } from "./progress";

type Props = Record<string, unknown>;

export interface DesiredStateSpec<S> {
  /** Resource kind, for messages. */
  readonly kind: string;
  readonly id: string;
  /** e.g. `EventRouterJob "orders" (<id>)`. */
  readonly label: string;
  /** "job", "task": in "START left the job …". */
  readonly noun: string;
  /** What the service calls the run state ("status", "state"): in "a settled status". */
  readonly stateWord: string;
  /** When the wait started counting (create or update), for the user's timeoutSeconds. */
  readonly deadline: number;
  readonly timeoutSeconds: number;
  /** The object as it is now; undefined once it is gone. */
  readonly poll: (hint: PollHint) => Promise<S | undefined>;
  readonly stateOf: (value: S) => string;
  /** The states it settles in, failed ones included. */
  readonly settled: ReadonlySet<string>;
  readonly failed: ReadonlySet<string>;
  /** The state wanted, and the one that means "not running" (a failed object may stay failed then). */
  readonly desired: string;
  readonly idle: string;
  /** The service's explanation of a failed object, secrets already redacted. */
  readonly reasonOf: (value: S) => string;
  /** The properties kept in state when it fails (inputs plus what the service reports). */
  readonly propsOf: (value: S | undefined) => Props;
  /** The action's name toward a state, and sending it. */
  readonly operationFor: (desired: string) => string;
  readonly send: (value: S, operation: string) => Promise<void>;
  /** May a failed object be started once (an update healing it)? */
  readonly mayRestart: boolean;
  /** Appended to "disappeared" when the object vanishes, e.g. "after create". */
  readonly when?: string;
  /** As WaitOptions.together and learnAs (engine/wait.ts): for a poll shared with other waiters. */
  readonly together?: boolean;
  readonly learnAs?: string;
}

/** Waits until the object leaves its transitional states; a timeout keeps it in state. */
async function waitSettled<S>(spec: DesiredStateSpec<S>): Promise<S> {
  const wanted = `a settled ${spec.stateWord}`;
  const outcome = await waitUntilSettled<S | undefined>({
    label: spec.label,
    wanted,
    timeoutSeconds: Math.max(1, Math.ceil((spec.deadline - Date.now()) / 1000)),
    together: spec.together === true,
    ...(spec.learnAs !== undefined && { learnAs: spec.learnAs }),
    poll: spec.poll,
    classify: (v) => (v === undefined || spec.settled.has(spec.stateOf(v)) ? { state: "done", value: v } : { state: "pending", value: v }),
    status: (v) => (v === undefined ? "gone" : spec.stateOf(v)),
  });
  if (outcome.state === "timeout") {
    throw resourceInitFailed(
      spec.kind,
      spec.label,
      spec.id,
      spec.propsOf(outcome.value),
      waitTimedOut(spec.kind, spec.label, wanted, outcome.lastStatus, spec.timeoutSeconds),
    );
  }
  if (outcome.value === undefined) {
    const when = spec.when ? ` ${spec.when}` : "";
    throw new Error(`${spec.label} disappeared${when}; it was deleted outside this program. Run \`pulumi refresh\` and \`pulumi up\` to recreate it.`);
  }
  return outcome.value;
}

/** Settles the object in the desired state (or idle-and-failed) and returns what the service reports. */
export async function bringToDesiredState<S>(spec: DesiredStateSpec<S>): Promise<S> {
  let value = await waitSettled(spec);
  let restarted = false;
  while (spec.stateOf(value) !== spec.desired) {
    const state = spec.stateOf(value);
    if (spec.failed.has(state)) {
      if (spec.desired === spec.idle) break; // it does not run; its last error stays in the outputs
      if (!spec.mayRestart || restarted) {
        throw resourceInitFailed(spec.kind, spec.label, spec.id, spec.propsOf(value), `${spec.stateWord} ${state}: ${spec.reasonOf(value)}`);
      }
      restarted = true;
    }
    const operation = spec.operationFor(spec.desired);
    printProgress(`${spec.label}: ${state}, sending ${operation}`);
    await spec.send(value, operation);
    value = await waitSettled(spec);
    const now = spec.stateOf(value);
    if (now !== spec.desired && !spec.failed.has(now)) {
      throw resourceInitFailed(spec.kind, spec.label, spec.id, spec.propsOf(value), `${operation} left the ${spec.noun} ${now}, not ${spec.desired}`);
    }
  }
  return value;
}
