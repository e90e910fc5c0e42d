/**
 * The retry loop every cloud client runs its calls through, driven by a script of attempt outcomes
 * with a recording sleep (no real waits). The expectations are the module header's rules: throttling
 * is always retried; other retryable failures only when the call is safe to repeat; otherwise a 5xx
 * or a network failure surfaces as AmbiguousRequestError; a thrown ApiError is final; the policy's
 * maxAttempts counts every attempt, the first included, except a repeat with renewed credentials;
 * between attempts it sleeps the backoff.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AmbiguousRequestError, ApiError } from "../../../provider/errors";
import type { RetryPolicy } from "../../../provider/transport/retry";
import { type AttemptOutcome, withRetries } from "../../../provider/transport/retry-loop";

/** What one attempt does. */
type Step = "ok" | "throttled" | "5xx" | "busy" | "network" | "4xx" | "thrown4xx" | "authRejected";

const apiError = (code: string, status: number) => new ApiError("svc", "DoThing", code, "req-1", status, "detail");

function outcomeOf(step: Step, n: number): AttemptOutcome<string> {
  switch (step) {
    case "ok":
      return { value: `answer-${n}` };
    case "throttled":
      return { error: apiError("Throttling.User", 400), retry: true, throttled: true };
    case "5xx":
      return { error: apiError("InternalError", 503), retry: true, throttled: false };
    case "busy":
      // A retryable refusal below 500 (a vendor's "system busy" code): retryable, not ambiguous.
      return { error: apiError("ServiceBusy", 400), retry: true, throttled: false };
    case "4xx":
      return { error: apiError("InvalidParameter", 400), retry: false, throttled: false };
    case "authRejected":
      return { error: apiError("APIGW.0301", 401), retry: false, throttled: false, authRejected: true };
    case "network":
    case "thrown4xx":
      throw new Error("not an outcome");
  }
}

/** Runs the loop over `script` (the last step repeats), recording each attempt and each sleep. */
async function run(
  script: readonly Step[],
  o: { safeToRepeat: boolean; policy?: RetryPolicy; random?: () => number; renew?: (() => boolean) | undefined },
): Promise<{ value?: string; error?: Error; attempts: Step[]; sleeps: number[] }> {
  const policy = o.policy ?? { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1_000 };
  const attempts: Step[] = [];
  const sleeps: number[] = [];
  const result = await withRetries<string>({
    service: "svc",
    operation: "DoThing",
    safeToRepeat: o.safeToRepeat,
    io: { retry: policy, sleep: async (ms) => void sleeps.push(ms), random: o.random ?? (() => 0.5) },
    ...(o.renew ? { renew: o.renew } : {}),
    once: async () => {
      const step = script[Math.min(attempts.length, script.length - 1)] as Step;
      attempts.push(step);
      if (step === "network") throw new Error("socket hang up", { cause: { code: "ECONNRESET" } });
      if (step === "thrown4xx") throw apiError("InvalidParameter", 400);
      return outcomeOf(step, attempts.length);
    },
  }).then(
    (value) => ({ value }),
    (error: unknown) => ({ error: error as Error }),
  );
  return { ...result, attempts, sleeps };
}

describe("withRetries: which failures are retried", () => {
  it("returns the first answer without sleeping", async () => {
    const r = await run(["ok"], { safeToRepeat: false });
    expect(r).toMatchObject({ value: "answer-1", attempts: ["ok"], sleeps: [] });
  });

  for (const safeToRepeat of [true, false]) {
    it(`retries throttling even when the call is ${safeToRepeat ? "" : "not "}safe to repeat`, async () => {
      const r = await run(["throttled", "throttled", "ok"], { safeToRepeat });
      expect(r.value).toBe("answer-3");
      expect(r.attempts).toHaveLength(3);
      expect(r.sleeps).toHaveLength(2);
    });
  }

  it("retries a 5xx, a retryable code and a network failure when the call is safe to repeat", async () => {
    const r = await run(["5xx", "busy", "network", "ok"], { safeToRepeat: true });
    expect(r.value).toBe("answer-4");
    expect(r.attempts).toEqual(["5xx", "busy", "network", "ok"]);
  });

  it("rejects a 5xx of a call not safe to repeat at once, as AmbiguousRequestError carrying the answer", async () => {
    const r = await run(["5xx", "ok"], { safeToRepeat: false });
    expect(r.attempts).toEqual(["5xx"]);
    expect(r.error).toBeInstanceOf(AmbiguousRequestError);
    expect(r.error).toMatchObject({ service: "svc", action: "DoThing", cause: { code: "InternalError", httpStatus: 503 } });
  });

  it("rejects a network failure of a call not safe to repeat at once, as AmbiguousRequestError", async () => {
    const r = await run(["network", "ok"], { safeToRepeat: false });
    expect(r.attempts).toEqual(["network"]);
    expect(r.error).toBeInstanceOf(AmbiguousRequestError);
    expect(r.error?.message).toContain("ECONNRESET");
  });

  it("rejects a retryable refusal below 500 of a call not safe to repeat with the service's own error (it is not ambiguous)", async () => {
    const r = await run(["busy", "ok"], { safeToRepeat: false });
    expect(r.attempts).toEqual(["busy"]);
    expect(r.error).toBeInstanceOf(ApiError);
    expect(r.error).toMatchObject({ code: "ServiceBusy" });
  });

  for (const safeToRepeat of [true, false]) {
    it(`rejects a non-retryable answer at once with the service's error (${safeToRepeat ? "" : "not "}safe to repeat)`, async () => {
      const r = await run(["4xx", "ok"], { safeToRepeat });
      expect(r.attempts).toEqual(["4xx"]);
      expect(r.sleeps).toEqual([]);
      expect(r.error).toMatchObject({ name: "ApiError", code: "InvalidParameter" });
    });

    it(`rejects a thrown ApiError as final, without a retry (${safeToRepeat ? "" : "not "}safe to repeat)`, async () => {
      const r = await run(["thrown4xx", "ok"], { safeToRepeat });
      expect(r.attempts).toEqual(["thrown4xx"]);
      expect(r.error).toBeInstanceOf(ApiError);
      expect(r.error).not.toBeInstanceOf(AmbiguousRequestError);
    });
  }

  it("rejects with the last 5xx itself when a safe call runs out of attempts (a read is not ambiguous)", async () => {
    const r = await run(["5xx"], { safeToRepeat: true });
    expect(r.attempts).toHaveLength(4);
    expect(r.error).toBeInstanceOf(ApiError);
    expect(r.error).toMatchObject({ code: "InternalError" });
  });

  it("rejects with the last throttling error when throttling outlasts the budget of an unsafe call", async () => {
    const r = await run(["throttled"], { safeToRepeat: false });
    expect(r.attempts).toHaveLength(4);
    expect(r.error).toMatchObject({ name: "ApiError", code: "Throttling.User" });
  });

  it("tries once more with fresh credentials after an auth rejection, when renew allows it", async () => {
    let renewals = 0;
    const renew = () => renewals++ === 0;
    const r = await run(["authRejected", "ok"], { safeToRepeat: false, renew });
    expect(r.value).toBe("answer-2");
    expect(renewals).toBe(1);
    expect(r.sleeps).toEqual([]);
  });

  it("gives the renewed attempt on top of the budget, the same wherever the rejection falls", async () => {
    const policy = { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 };
    for (const script of [
      ["5xx", "authRejected", "ok"],
      ["authRejected", "5xx", "ok"],
    ] as Step[][]) {
      let renewals = 0;
      const r = await run(script, { safeToRepeat: true, policy, renew: () => renewals++ === 0 });
      expect(r.attempts).toEqual(script);
      expect(r.value).toBe("answer-3");
    }
    // Without a renewal the same budget ends at the second failure.
    const plain = await run(["5xx", "5xx", "ok"], { safeToRepeat: true, policy });
    expect(plain.attempts).toEqual(["5xx", "5xx"]);
  });

  it("gives throttling its own budget when the policy has one, leaving the failure budget whole", async () => {
    const policy = { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1, maxThrottledAttempts: 5 };
    const through = await run(["throttled", "throttled", "throttled", "throttled", "5xx", "ok"], { safeToRepeat: true, policy });
    expect(through.value).toBe("answer-6");
    const throttledOut = await run(["throttled"], { safeToRepeat: true, policy });
    expect(throttledOut.attempts).toHaveLength(5);
    expect(throttledOut.error).toMatchObject({ name: "ApiError", code: "Throttling.User" });
    const failedOut = await run(["throttled", "5xx", "throttled", "5xx", "ok"], { safeToRepeat: true, policy });
    expect(failedOut.attempts).toEqual(["throttled", "5xx", "throttled", "5xx"]);
    expect(failedOut.error).toMatchObject({ name: "ApiError", code: "InternalError" });
  });

  it("rejects an auth rejection with the service's error when renew declines or is absent", async () => {
    for (const renew of [() => false, undefined]) {
      const r = await run(["authRejected", "ok"], { safeToRepeat: true, renew });
      expect(r.attempts).toEqual(["authRejected"]);
      expect(r.error).toMatchObject({ name: "ApiError", code: "APIGW.0301" });
    }
  });
});

describe("withRetries: budget and backoff (properties)", () => {
  const steps = fc.constantFrom<Step>("ok", "throttled", "5xx", "busy", "network", "4xx", "thrown4xx");
  const policies = fc.record({
    maxAttempts: fc.integer({ min: 1, max: 8 }),
    baseDelayMs: fc.integer({ min: 1, max: 2_000 }),
    maxDelayMs: fc.integer({ min: 1, max: 20_000 }),
  });
  const draws = fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 1, maxLength: 10 });

  /** May the loop try again after `step`? The header's rule, stated per step. */
  const retryable = (step: Step, safeToRepeat: boolean) => step === "throttled" || (safeToRepeat && (step === "5xx" || step === "busy" || step === "network"));

  it("never exceeds maxAttempts, retries only what the rules allow, and sleeps the capped backoff between attempts", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(steps, { minLength: 1, maxLength: 12 }), fc.boolean(), policies, draws, async (script, safeToRepeat, policy, rs) => {
        let i = 0;
        const random = () => rs[i++ % rs.length] as number;
        const r = await run(script, { safeToRepeat, policy, random });
        const n = r.attempts.length;
        expect(n).toBeGreaterThanOrEqual(1);
        expect(n).toBeLessThanOrEqual(policy.maxAttempts);
        // Every attempt but the last was followed by a retry, so each must have been retryable.
        for (const step of r.attempts.slice(0, -1)) expect(retryable(step, safeToRepeat)).toBe(true);
        // One sleep between each two attempts, each within the backoff window for its retry.
        expect(r.sleeps).toHaveLength(n - 1);
        r.sleeps.forEach((ms, k) => {
          expect(ms).toBeGreaterThanOrEqual(0);
          expect(ms).toBeLessThanOrEqual(Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** k));
        });
        const last = r.attempts[n - 1] as Step;
        if (last === "ok") {
          expect(r.value).toBe(`answer-${n}`);
          return;
        }
        // It stopped on a failure: either the rules forbade another try, or the budget ran out.
        expect(!retryable(last, safeToRepeat) || n === policy.maxAttempts).toBe(true);
        expect(r.error).toBeInstanceOf(Error);
        if (!safeToRepeat && (last === "5xx" || last === "network")) expect(r.error).toBeInstanceOf(AmbiguousRequestError);
        if (last === "4xx" || last === "thrown4xx" || last === "busy" || last === "throttled") expect(r.error).toBeInstanceOf(ApiError);
        if (safeToRepeat && last === "5xx") expect(r.error).toBeInstanceOf(ApiError);
      }),
      { numRuns: 200 },
    );
  });

  it("keeps trying a retryable failure until the budget is spent, then stops", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom<Step>("throttled", "5xx", "network"), policies, async (step, policy) => {
        const r = await run([step], { safeToRepeat: true, policy });
        expect(r.attempts).toHaveLength(policy.maxAttempts);
        expect(r.sleeps).toHaveLength(policy.maxAttempts - 1);
      }),
      { numRuns: 100 },
    );
  });
});
