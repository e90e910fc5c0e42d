/**
 * Per-action API quotas, as both clouds enforce them: a token bucket per (product, action, caller
 * credential) that refills at `ratePerSecond` up to `burst`. A call that finds its bucket empty is
 * refused with the cloud's throttling answer before it does anything, and takes no token.
 *
 * Buckets read the emulator's clock, so a test on a ManualClock exhausts a quota and recovers by
 * moving time, never by sleeping. Quotas are off unless the inventory or the CLI turns them on, so
 * the demo and the tests that do not ask for them see no throttling.
 */
import { z } from "zod";
import type { Clock } from "./clock";

/** One limit: the sustained rate and the calls allowed at once. */
export const quotaLimitSchema = z.strictObject({
  /** Calls per second the bucket refills at (a fraction such as 0.5 is one call every 2 s). */
  ratePerSecond: z.number().positive().max(1_000_000),
  /** Calls allowed back to back from a full bucket. @default the rate rounded up (at least 1) */
  burst: z.number().int().positive().max(1_000_000).optional(),
});

/**
 * [inferred] What an action gets when neither the inventory nor the CLI names a limit. Neither
 * vendor publishes the per-API quotas of these products: Alibaba shows each API's "Request Rate"
 * on its page and in Quota Center, Huawei documents none for EventGrid or the DIS control APIs.
 * Five calls a second is half the provider's default client-side rate (10 per endpoint), so one
 * busy action (a create's status polling) can meet it while a normal `up` recovers by retrying.
 */
export const DEFAULT_QUOTA = { ratePerSecond: 5, burst: 10 } as const;

/** The `quotas` section of an inventory file, and the shape of the `quotas` emulator option. */
export const quotasSchema = z.strictObject({
  /** false keeps the table but enforces nothing. @default true (the section's presence turns quotas on) */
  enabled: z.boolean().default(true),
  /** The limit of every action not listed in `actions`. @default DEFAULT_QUOTA */
  default: quotaLimitSchema.optional(),
  /** Limits by Alibaba action or Huawei operation name, e.g. `CreateStreamingJob`, `CreateTransferTask`. */
  actions: z.record(z.string().min(1), quotaLimitSchema).default({}),
});

export type QuotaLimitInput = z.input<typeof quotaLimitSchema>;
export type QuotasInput = z.input<typeof quotasSchema>;
export type QuotasConfig = z.output<typeof quotasSchema>;

export interface QuotaLimit {
  readonly ratePerSecond: number;
  readonly burst: number;
}

function resolveLimit(limit: QuotaLimitInput | undefined): QuotaLimit {
  const rate = limit?.ratePerSecond ?? DEFAULT_QUOTA.ratePerSecond;
  const burst = limit?.burst ?? (limit === undefined ? DEFAULT_QUOTA.burst : Math.max(1, Math.ceil(rate)));
  return { ratePerSecond: rate, burst };
}

/**
 * A token bucket that refuses instead of waiting (the provider's own bucket waits; a cloud says no).
 * Time comes from the caller, so the bucket is pure and its tests are exact.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly limit: QuotaLimit,
    startMs: number,
  ) {
    this.tokens = limit.burst;
    this.last = startMs;
  }

  /** Takes a token and returns true, or returns false and takes nothing. */
  tryTake(nowMs: number): boolean {
    // A system clock stepped backwards must not drain the bucket.
    const elapsed = Math.max(0, nowMs - this.last);
    this.last = Math.max(this.last, nowMs);
    this.tokens = Math.min(this.limit.burst, this.tokens + (elapsed / 1000) * this.limit.ratePerSecond);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until a token is available (0 when one is). */
  waitMs(nowMs: number): number {
    const elapsed = Math.max(0, nowMs - this.last);
    const tokens = Math.min(this.limit.burst, this.tokens + (elapsed / 1000) * this.limit.ratePerSecond);
    return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) / this.limit.ratePerSecond) * 1000);
  }
}

/** Merges the `quotas` option (the CLI's) over the inventory's section: the option wins field by field, action by action. */
export function mergeQuotas(base: QuotasInput | undefined, over: QuotasInput | undefined): QuotasConfig | undefined {
  if (base === undefined && over === undefined) return undefined;
  const b = quotasSchema.parse(base ?? {});
  const o = over === undefined ? undefined : quotasSchema.parse(over);
  const def = o?.default ?? b.default;
  return {
    // Any quota setting on the command line turns quotas on (a `quotas` section may say `enabled: false`).
    enabled: o?.enabled ?? b.enabled,
    ...(def !== undefined && { default: def }),
    actions: { ...b.actions, ...o?.actions },
  };
}

export interface QuotaReport {
  readonly enabled: boolean;
  readonly default: QuotaLimit;
  readonly actions: Readonly<Record<string, QuotaLimit>>;
  /** Calls refused by a quota since start, by action. */
  readonly throttled: Readonly<Record<string, number>>;
}

export class Quotas {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly throttledCounts = new Map<string, number>();
  private readonly defaultLimit: QuotaLimit;
  private readonly actionLimits: ReadonlyMap<string, QuotaLimit>;
  readonly enabled: boolean;

  /** @param config undefined: no quotas at all. */
  constructor(
    config: QuotasConfig | undefined,
    private readonly clock: Clock,
  ) {
    this.enabled = config?.enabled ?? false;
    this.defaultLimit = resolveLimit(config?.default);
    this.actionLimits = new Map(Object.entries(config?.actions ?? {}).map(([a, l]) => [a, resolveLimit(l)]));
  }

  /** The action names the configuration lists (so the emulator can refuse names it does not serve). */
  get listedActions(): string[] {
    return [...this.actionLimits.keys()];
  }

  limitFor(action: string): QuotaLimit {
    return this.actionLimits.get(action) ?? this.defaultLimit;
  }

  /**
   * Whether this call is within its quota; takes a token when it is. `product` keeps two products'
   * same-named actions apart; `caller` is the credential (access key id, or the IAM user of a token).
   */
  admit(product: string, action: string, caller: string): boolean {
    if (!this.enabled) return true;
    const key = `${product}\n${action}\n${caller}`;
    const now = this.clock.now();
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      bucket = new TokenBucket(this.limitFor(action), now);
      this.buckets.set(key, bucket);
    }
    if (bucket.tryTake(now)) return true;
    this.throttledCounts.set(action, (this.throttledCounts.get(action) ?? 0) + 1);
    return false;
  }

  report(): QuotaReport {
    return {
      enabled: this.enabled,
      default: this.defaultLimit,
      actions: Object.fromEntries(this.actionLimits),
      throttled: Object.fromEntries([...this.throttledCounts].sort(([a], [b]) => a.localeCompare(b))),
    };
  }
}
