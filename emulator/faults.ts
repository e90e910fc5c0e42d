/**
 * Queued faults (msw `use` / aws-sdk-client-mock `rejectsOnce` style): each rule matches an action
 * (or every action) and fires on the next N matching calls, or on every call when persistent.
 * Rules are checked in the order they were queued; the first match fires.
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

export interface QueuedFault extends FaultSpec {
  readonly id: number;
  /** Calls left before the rule is spent (meaningless when persistent). */
  remaining: number;
}

export class FaultQueue {
  private rules: QueuedFault[] = [];
  private lastId = 0;

  add(input: FaultSpecInput): QueuedFault {
    const spec = faultSpecSchema.parse(input);
    const rule: QueuedFault = { ...spec, id: ++this.lastId, remaining: spec.times };
    this.rules.push(rule);
    return { ...rule };
  }

  /** Consumes and returns the fault for this call, if any. */
  take(action: string): FaultSpec | undefined {
    const index = this.rules.findIndex((r) => r.action === "*" || r.action === action);
    const rule = this.rules[index];
    if (rule === undefined) return undefined;
    if (!rule.persistent && --rule.remaining <= 0) this.rules.splice(index, 1);
    const { id: _id, remaining: _remaining, ...spec } = rule;
    return spec;
  }

  list(): QueuedFault[] {
    return this.rules.map((r) => ({ ...r }));
  }

  clear(): void {
    this.rules = [];
  }
}
