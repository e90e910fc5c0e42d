/**
 * The retry loop every cloud client runs its calls through. Throttling is always retried (the
 * service refused before doing anything); other retryable failures only when the call is safe to
 * repeat (a read, or a write the caller made idempotent). Otherwise a 5xx or a network failure
 * surfaces as AmbiguousRequestError, so the caller can look before acting again.
 */
import { AmbiguousRequestError, ApiError } from "../errors";
import type { Io } from "./io";
import { backoffDelayMs } from "./retry";

/** One attempt: the answer, or the failure and whether another attempt may help. */
export type AttemptOutcome<T> =
  | { readonly value: T }
  | { readonly error: Error; readonly retry: boolean; readonly throttled: boolean; readonly authRejected?: boolean };

export interface RetryLoop<T> {
  /** Service and operation, for AmbiguousRequestError. */
  readonly service: string;
  readonly operation: string;
  readonly safeToRepeat: boolean;
  readonly io: Pick<Io, "retry" | "sleep" | "random">;
  /** An attempt; a thrown ApiError is final, anything else thrown is a network failure. */
  readonly once: () => Promise<AttemptOutcome<T>>;
  /**
   * After rejected credentials: true to try once more with fresh ones. That repeat is on top of
   * `maxAttempts`, so the caller bounds renewals (the Huawei client allows one per request).
   */
  readonly renew?: () => boolean;
}

export async function withRetries<T>(o: RetryLoop<T>): Promise<T> {
  const policy = o.io.retry;
  let throttles = 0;
  for (let attempt = 0; ; attempt++) {
    const overall = attempt + 1 >= policy.maxAttempts;
    let outcome: AttemptOutcome<T>;
    try {
      outcome = await o.once();
    } catch (err) {
      if (err instanceof ApiError) throw err;
      // Network failure or timeout: the request may have been processed.
      outcome = { error: new AmbiguousRequestError(o.service, o.operation, err), retry: true, throttled: false };
    }
    if ("value" in outcome) return outcome.value;
    const { error } = outcome;
    if (outcome.authRejected && o.renew?.()) {
      // Not a failure of the call: the repeat with fresh credentials does not use up the budget.
      attempt--;
      continue;
    }
    const ambiguous = error instanceof AmbiguousRequestError || (error instanceof ApiError && (error.httpStatus ?? 0) >= 500);
    const mayRetry = outcome.retry && (outcome.throttled || o.safeToRepeat);
    if (outcome.throttled) throttles++;
    // With a throttling budget of its own, throttled answers count against it and the rest against
    // maxAttempts; without one, every attempt counts against maxAttempts.
    const own = policy.maxThrottledAttempts;
    const last = own === undefined ? overall : outcome.throttled ? throttles >= own : attempt + 1 - throttles >= policy.maxAttempts;
    if (!mayRetry || last) {
      if (ambiguous && !o.safeToRepeat && !(error instanceof AmbiguousRequestError)) throw new AmbiguousRequestError(o.service, o.operation, error);
      throw error;
    }
    await o.io.sleep(backoffDelayMs(o.io.retry, attempt, o.io.random));
  }
}
