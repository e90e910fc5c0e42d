/**
 * A token bucket per endpoint, so one `up` with hundreds of jobs stays under the cloud's API quota
 * rather than failing on throttling. Buckets live for the provider process, shared by every
 * resource of the same endpoint.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number = Math.max(1, Math.ceil(ratePerSecond)),
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = this.burst;
    this.last = this.now();
  }

  /** Milliseconds to wait before the next request may go; takes the token. */
  reserve(): number {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.ratePerSecond);
    this.last = t;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.ratePerSecond) * 1000);
  }
}

const buckets = new Map<string, TokenBucket>();

export function bucketFor(endpoint: string, ratePerSecond: number): TokenBucket {
  const key = `${endpoint}|${ratePerSecond}`;
  let b = buckets.get(key);
  if (!b) {
    b = new TokenBucket(ratePerSecond);
    buckets.set(key, b);
  }
  return b;
}
