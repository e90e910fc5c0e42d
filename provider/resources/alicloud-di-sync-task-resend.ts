/**
 * Sending a DataWorks call that has no idempotency token. DeleteFile, DeployFile,
 * StartDISyncInstance and StopDISyncInstance take no ClientToken (their SDK request models,
 * test/conformance/facts/dataworks.json), and a repeat is not harmless: a second start of a
 * running instance or a second stop of a stopped one is refused in band, a second DeployFile of a
 * deletion finds the file already gone. So the transport never repeats them (no retryAmbiguous)
 * and a dropped connection or a 5xx surfaces here as AmbiguousRequestError. After each one the
 * object is looked at: when it shows the goal reached (the dropped call took effect) nothing more
 * is sent; otherwise the call is sent again, up to the budget every create has (CREATE_ATTEMPTS).
 */
import { CREATE_ATTEMPTS } from "../engine/create-retry";
import { AmbiguousRequestError } from "../errors";

export interface ResendOptions<T> {
  /** The object and the call, for the error when the budget runs out: `DISyncTask "x" (…): StartDISyncInstance`. */
  readonly what: string;
  /** Sends the call once. `afterAmbiguous` is true for a repeat that follows an ambiguous failure. */
  readonly send: (afterAmbiguous: boolean) => Promise<T>;
  /** After an ambiguous failure: whether the object already shows what the call was for. */
  readonly reached: () => Promise<boolean>;
  /** What to do when the budget runs out, appended to the error. */
  readonly wayOut: string;
  /** Calls sent at most; CREATE_ATTEMPTS unless a test says otherwise. */
  readonly attempts?: number;
}

/** The call's answer, or `reached` when a look-up after an ambiguous failure showed the goal met. */
export async function sendUntilReached<T>(o: ResendOptions<T>): Promise<{ answer: T } | { reached: true }> {
  const attempts = o.attempts ?? CREATE_ATTEMPTS;
  let last: AmbiguousRequestError | undefined;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      return { answer: await o.send(last !== undefined) };
    } catch (err) {
      if (!(err instanceof AmbiguousRequestError)) throw err;
      last = err;
    }
    if (await o.reached()) return { reached: true };
  }
  throw new Error(
    `${o.what} got no definite answer ${attempts} times in a row (last: ${last?.message ?? "none"}), and a look-up after each showed it had not taken effect. ${o.wayOut}`,
  );
}
