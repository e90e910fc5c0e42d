/**
 * Capped exponential backoff with full jitter, shared by every cloud client. Each attempt's delay is
 * uniform in [0, min(cap, base * 2^attempt)], which spreads retries of a large `up` instead of
 * letting them stampede the API in lock-step.
 */
export interface RetryPolicy {
  /** Total attempts including the first; a repeat after a credential renewal comes on top (see RetryLoop.renew). */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /**
   * Throttled answers retried at most, counted on their own: a throttled call did nothing, and a
   * large `up` under a per-action quota meets throttling in long runs, which the general budget
   * (sized for failures) would turn into a failed resource. Unset: throttling shares maxAttempts.
   */
  readonly maxThrottledAttempts?: number;
}

/** 6 attempts for failures; up to 16 throttled answers (about a minute of backoff at the cap). */
export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 300, maxDelayMs: 10_000, maxThrottledAttempts: 16 };

export function backoffDelayMs(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
