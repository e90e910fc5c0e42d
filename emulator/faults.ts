/**
 * Queued faults (msw `use` / aws-sdk-client-mock `rejectsOnce` style): each rule matches an action
 * (or every action) and fires on the next N matching calls, or on every call when persistent.
 * Rules are checked in the order they were queued; the first match fires.
 *
 * Beside the queue, a fault rate: a share of calls gets a fault drawn from a weighted mix, from a
 * seeded generator, so a run under a steady fault rate repeats exactly (same seed, same calls,
 * same faults) and needs no external pump. A queued rule that matches wins over the draw.
 */
import { z } from "zod";

export const FAULT_KINDS = ["throttle", "5xx", "latency", "drop", "stuck"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const faultSpecSchema = z.strictObject({
  /** An action name such as `CreateStreamingJob`, or `*` for every cloud API call. */
  action: z.string().min(1),
  kind: z.enum(FAULT_KINDS),
  /** How many matching calls fire the fault (ignored when persistent). */
  times: z.number().int().positive().default(1),
  persistent: z.boolean().default(false),
  /** For `latency`: how long to hold the call before handling it normally. */
  latencyMs: z.number().int().nonnegative().max(600_000).default(1000),
  /**
   * For `drop`: whether the call takes effect before the connection is cut (an ambiguous failure:
   * the client cannot know the object exists). Default false: the call is never handled.
   */
  applied: z.boolean().default(false),
  /**
   * For `throttle` on a Huawei service that has its own throttling answer (DIS: 400 DIS.4305):
   * `service` answers with it instead of the API gateway's 429. Alibaba ignores it (its throttling
   * answer is already the product's).
   */
  throttledBy: z.enum(["gateway", "service"]).optional(),
});

export type FaultSpecInput = z.input<typeof faultSpecSchema>;
export type FaultSpec = z.output<typeof faultSpecSchema>;

/** What a fault rate draws from: `drop` cuts the call before it is handled, `dropApplied` after (an ambiguous failure). */
export const FAULT_MIX_KINDS = ["throttle", "5xx", "latency", "drop", "dropApplied"] as const;
export type FaultMixKind = (typeof FAULT_MIX_KINDS)[number];

const EVEN_MIX: Record<FaultMixKind, number> = { throttle: 1, "5xx": 1, latency: 1, drop: 1, dropApplied: 1 };

export const faultRateSchema = z
  .strictObject({
    /** Share of calls that get a fault, 0 to 1 (0.2: one call in five on average). 0 turns the mode off. */
    rate: z.number().min(0).max(1),
    /** Seeds the draw: the same seed and the same sequence of calls give the same faults. */
    seed: z.number().int().nonnegative().max(0xffff_ffff).default(1),
    /** Relative weights of the kinds drawn; kinds left out are never drawn. @default every kind weight 1 */
    mix: z.partialRecord(z.enum(FAULT_MIX_KINDS), z.number().nonnegative()).default(EVEN_MIX),
    /** An action or Huawei operation name, or `*` for every cloud API call. */
    action: z.string().min(1).default("*"),
    /** How long a drawn `latency` holds the call. */
    latencyMs: z.number().int().nonnegative().max(600_000).default(1000),
    /** As for a queued throttle: `service` makes DIS answer its own 400 DIS.4305 instead of the gateway's 429. */
    throttledBy: z.enum(["gateway", "service"]).optional(),
  })
  .refine((r) => Object.values(r.mix).some((w) => w !== undefined && w > 0), { path: ["mix"], message: "needs at least one kind with a weight above 0" });

export type FaultRateInput = z.input<typeof faultRateSchema>;
export type FaultRate = z.output<typeof faultRateSchema>;

/** Counts by what fired: the fault kinds, with `drop` split by whether the call took effect. */
export type FiredCounts = Record<FaultKind | "dropApplied", number>;

const noneFired = (): FiredCounts => ({ throttle: 0, "5xx": 0, latency: 0, drop: 0, dropApplied: 0, stuck: 0 });

/** mulberry32: small, fast, and the same sequence on every platform for a given seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The kind a uniform draw `u` in [0, 1) lands on, by cumulative weight in FAULT_MIX_KINDS order. */
export function pickKind(mix: FaultRate["mix"], u: number): FaultMixKind {
  const weighted = FAULT_MIX_KINDS.map((k) => [k, mix[k] ?? 0] as const).filter(([, w]) => w > 0);
  const total = weighted.reduce((sum, [, w]) => sum + w, 0);
  let at = u * total;
  for (const [kind, w] of weighted) {
    if (at < w) return kind;
    at -= w;
  }
  return (weighted.at(-1) as readonly [FaultMixKind, number])[0];
}

/** A fault rate in force, with what it has done since it was set. */
export interface FaultRateState extends FaultRate {
  /** Calls the rate was drawn for (calls a queued rule answered are not drawn). */
  draws: number;
  /** Faults it fired, by kind. */
  fired: Record<FaultMixKind, number>;
}

export interface QueuedFault extends FaultSpec {
  readonly id: number;
  /** Calls left before the rule is spent (meaningless when persistent). */
  remaining: number;
}

export class FaultQueue {
  private rules: QueuedFault[] = [];
  private lastId = 0;
  private rateState: FaultRateState | undefined;
  private random: () => number = Math.random;
  private firedCounts: FiredCounts = noneFired();

  add(input: FaultSpecInput): QueuedFault {
    const spec = faultSpecSchema.parse(input);
    const rule: QueuedFault = { ...spec, id: ++this.lastId, remaining: spec.times };
    this.rules.push(rule);
    return { ...rule };
  }

  /** Consumes and returns the fault for this call, if any: a queued rule first, else the rate's draw. */
  take(action: string): FaultSpec | undefined {
    const spec = this.takeQueued(action) ?? this.draw(action);
    if (spec !== undefined) this.firedCounts[spec.kind === "drop" && spec.applied ? "dropApplied" : spec.kind]++;
    return spec;
  }

  private takeQueued(action: string): FaultSpec | undefined {
    const index = this.rules.findIndex((r) => r.action === "*" || r.action === action);
    const rule = this.rules[index];
    if (rule === undefined) return undefined;
    if (!rule.persistent && --rule.remaining <= 0) this.rules.splice(index, 1);
    const { id: _id, remaining: _remaining, ...spec } = rule;
    return spec;
  }

  private draw(action: string): FaultSpec | undefined {
    const r = this.rateState;
    if (r === undefined || (r.action !== "*" && r.action !== action)) return undefined;
    r.draws++;
    // Always two draws per call, so the kinds drawn never shift the sequence the rate is drawn from.
    const hit = this.random() < r.rate;
    const kind = pickKind(r.mix, this.random());
    if (!hit) return undefined;
    r.fired[kind]++;
    return {
      action,
      kind: kind === "dropApplied" ? "drop" : kind,
      times: 1,
      persistent: false,
      latencyMs: r.latencyMs,
      applied: kind === "dropApplied",
      ...(r.throttledBy !== undefined && { throttledBy: r.throttledBy }),
    };
  }

  /** Sets (or with rate 0 turns off) the fault rate; restarts its generator from the seed. */
  setRate(input: FaultRateInput): FaultRateState | undefined {
    const rate = faultRateSchema.parse(input);
    if (rate.rate === 0) {
      this.rateState = undefined;
      return undefined;
    }
    this.random = seededRandom(rate.seed);
    this.rateState = { ...rate, draws: 0, fired: { throttle: 0, "5xx": 0, latency: 0, drop: 0, dropApplied: 0 } };
    return this.rate();
  }

  /** The fault rate in force, with its counts; undefined when off. */
  rate(): FaultRateState | undefined {
    const r = this.rateState;
    return r === undefined ? undefined : { ...r, mix: { ...r.mix }, fired: { ...r.fired } };
  }

  /** Faults fired (queued and drawn) since start or the last `clearAll`. */
  fired(): FiredCounts {
    return { ...this.firedCounts };
  }

  list(): QueuedFault[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** Forgets the queued rules (a reset); a fault rate stays, so a run under a steady rate survives resets. */
  clear(): void {
    this.rules = [];
  }

  /** Forgets the queued rules and the fault rate, and zeroes the counts. */
  clearAll(): void {
    this.rules = [];
    this.rateState = undefined;
    this.firedCounts = noneFired();
  }
}
