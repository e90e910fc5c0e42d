/**
 * Which client-side bucket a call draws from, and that bucket's rate: the clouds meter their APIs
 * per API (an Alibaba RPC action, a Huawei operation) or per documented class of APIs, per account
 * and region, so the provider keeps one bucket per API (or class) and endpoint for its process.
 *
 * Defaults, and where each comes from (a guess is marked so; throttling halves any of them, see
 * rate-limit.ts, so a quota lower than its default converges rather than failing):
 *
 * | Product (key)              | Bucket                  | Default            | Source |
 * |----------------------------|-------------------------|--------------------|--------|
 * | DataWorks (`dataworks-public`) | `read`: every non-mutating action | 50/s, burst 25 | DataWorks "Using OpenAPI" limits: Enterprise Edition, read APIs ≤ 50 QPS per account and region |
 * | DataWorks (`dataworks-public`) | `write`: every mutating action    | 20/s, burst 10 | the same page: Enterprise Edition, write APIs ≤ 20 QPS (Basic Edition: ≤ 5 for all APIs together; set `streamjobs:rateLimits`) |
 * | AnalyticDB for PostgreSQL (`gpdb`) | each action    | 20/s, burst 10     | guess: no per-API figure is published for these actions; DataWorks' write figure is taken |
 * | Huawei EventGrid, DMS, DIS (`eg`, `dms`, `dis`) | each operation | 10/s, burst 5 | guess: none is published for these services; Huawei's per-API figure for its other open APIs (10 per second per user and API) is taken |
 * | anything else              | each action / operation | 10/s, burst 5      | guess: the provider's earlier per-endpoint default |
 *
 * Overrides, strongest first: `streamjobs:rateLimits` for `<product>:<bucket>`, then for
 * `<product>`, then `streamjobs:maxRequestsPerSecond` for every bucket, then the table.
 */

/** A sustained rate and how many calls may go back to back. */
export interface RateLimit {
  readonly ratePerSecond: number;
  /** @default half the rate rounded up, at least 1 (see defaultBurst) */
  readonly burst?: number;
}

/** `streamjobs:rateLimits`: limits by `<product>` or `<product>:<action, operation or class>`. */
export type RateLimits = Readonly<Record<string, RateLimit>>;

/** What the settings say about rates; both fields absent means the table's defaults. */
export interface RateSettings {
  /** `streamjobs:maxRequestsPerSecond`: the rate of every bucket without an override of its own. */
  readonly maxRequestsPerSecond?: number;
  readonly rateLimits?: RateLimits;
}

/** A bucket's identity and rate. */
export interface ApiQuota {
  /** `<product>:<bucket>`, also the override key that names it. */
  readonly key: string;
  readonly limit: Required<RateLimit>;
}

interface ProductQuota {
  /** The bucket of a call: its own name, or its documented class. */
  readonly bucket: (name: string, mutating: boolean) => string;
  readonly limit: (bucket: string) => RateLimit;
}

const perApi = (ratePerSecond: number): ProductQuota => ({ bucket: (name) => name, limit: () => ({ ratePerSecond }) });

const PRODUCTS: Readonly<Record<string, ProductQuota>> = {
  "dataworks-public": {
    bucket: (_name, mutating) => (mutating ? "write" : "read"),
    limit: (bucket) => ({ ratePerSecond: bucket === "write" ? 20 : 50 }),
  },
  gpdb: perApi(20),
  eg: perApi(10),
  dms: perApi(10),
  dis: perApi(10),
};

const FALLBACK = perApi(10);

/** The bucket and rate of one call: `name` is the action or operation, `mutating` its kind. */
export function quotaFor(product: string, name: string, mutating: boolean, settings: RateSettings): ApiQuota {
  const table = PRODUCTS[product] ?? FALLBACK;
  const bucket = table.bucket(name, mutating);
  const key = `${product}:${bucket}`;
  const global: RateLimit | undefined = settings.maxRequestsPerSecond === undefined ? undefined : { ratePerSecond: settings.maxRequestsPerSecond };
  const chosen: RateLimit = settings.rateLimits?.[key] ?? settings.rateLimits?.[product] ?? global ?? table.limit(bucket);
  return { key, limit: { ratePerSecond: chosen.ratePerSecond, burst: chosen.burst ?? defaultBurst(chosen.ratePerSecond) } };
}

/**
 * Half a second's worth of calls, at least one. A quota meters what reaches the cloud, and network
 * and event-loop delays bunch calls sent evenly: a client sending a full second's worth back to
 * back at exactly the quota's rate leaves the quota's bucket (or window) no room for that, and
 * draws throttling answers (seen against the emulator's 20/s per action, at 20/s with burst 20).
 */
export function defaultBurst(ratePerSecond: number): number {
  return Math.max(1, Math.ceil(ratePerSecond / 2));
}

/**
 * Reads `streamjobs:rateLimits` text: a JSON object whose values are a rate (calls per second) or
 * `{ "ratePerSecond": r, "burst": n }`. Returns the limits, or a sentence saying what is wrong.
 */
export function parseRateLimits(text: string): RateLimits | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return "is not JSON";
  }
  if (json === null || typeof json !== "object" || Array.isArray(json)) return "is not a JSON object";
  const limits: Record<string, RateLimit> = {};
  for (const [key, value] of Object.entries(json)) {
    const limit = typeof value === "number" ? { ratePerSecond: value } : value;
    const problem = limitProblem(limit);
    if (problem !== undefined) return `has ${JSON.stringify(key)}: ${problem}`;
    limits[key] = limit as RateLimit;
  }
  return limits;
}

function limitProblem(limit: unknown): string | undefined {
  if (limit === null || typeof limit !== "object") return "expected a rate or { ratePerSecond, burst }";
  const { ratePerSecond, burst, ...rest } = limit as Record<string, unknown>;
  if (Object.keys(rest).length > 0) return `unknown field ${Object.keys(rest).join(", ")}`;
  if (typeof ratePerSecond !== "number" || !Number.isFinite(ratePerSecond) || ratePerSecond <= 0) return "ratePerSecond must be a positive number";
  if (burst !== undefined && (typeof burst !== "number" || !Number.isInteger(burst) || burst < 1)) return "burst must be a whole number of at least 1";
  return undefined;
}
