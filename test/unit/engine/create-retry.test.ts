/**
 * The laws of the idempotent create, over any sequence of call fates and any budget (the scripted
 * cases live in test/unit/create-retry.test.ts). From the module header and README's "Retries":
 * after an ambiguous failure the object is looked up by name before anything is sent again, a
 * repeat goes only when the look-up finds nothing, at most `attempts` creates are sent, and so a
 * retry never makes a second object.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createIdempotently } from "../../../provider/engine/create-retry";
import { AmbiguousRequestError, ApiError } from "../../../provider/errors";

type Fate = "ok" | "lost" | "applied" | "refused";

/** A service holding objects by one unique name; each create call meets the next fate of `fates`. */
function service(fates: readonly Fate[]) {
  const objects: string[] = [];
  const log: ("create" | "lookUp")[] = [];
  let calls = 0;
  const dropped = () => new AmbiguousRequestError("svc", "CreateThing", new Error("socket hang up", { cause: { code: "ECONNRESET" } }));
  return {
    objects,
    log,
    create: async () => {
      const fate = fates[calls++] ?? "ok";
      log.push("create");
      if (fate === "refused") throw new ApiError("svc", "CreateThing", "InvalidParameter", "req-1", 400, "bad");
      if (fate === "lost") throw dropped();
      objects.push(`id-${calls}`);
      if (fate === "applied") throw dropped();
      return `id-${calls}`;
    },
    lookUp: async () => {
      log.push("lookUp");
      return objects[0];
    },
  };
}

describe("createIdempotently (laws)", () => {
  it("never makes a second object, never repeats a create without a look-up, never sends more than the budget", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom<Fate>("ok", "lost", "lost", "applied", "refused"), { maxLength: 10 }),
        fc.integer({ min: 1, max: 6 }),
        async (fates, attempts) => {
          const s = service(fates);
          const outcome = await createIdempotently({ what: 'Thing "n1"', create: s.create, lookUp: s.lookUp, attempts }).then(
            (id) => ({ id }),
            (error: Error) => ({ error }),
          );
          expect(s.objects.length).toBeLessThanOrEqual(1);
          const creates = s.log.filter((c) => c === "create").length;
          expect(creates).toBeLessThanOrEqual(attempts);
          for (let i = 1; i < s.log.length; i++) expect(s.log.slice(i - 1, i + 1)).not.toEqual(["create", "create"]);
          if ("id" in outcome) {
            expect(outcome.id).toBe(s.objects[0]);
          } else if (outcome.error instanceof ApiError) {
            expect(outcome.error.code).toBe("InvalidParameter");
            expect(s.log.at(-1)).toBe("create");
          } else {
            // Gave up: every attempt was lost, each followed by a look-up that found nothing.
            expect(s.objects).toEqual([]);
            expect(s.log).toEqual(Array(attempts).fill(["create", "lookUp"]).flat());
            expect(outcome.error).not.toBeInstanceOf(AmbiguousRequestError);
            expect(outcome.error.message).toContain(`${attempts} times in a row`);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("honours a budget of one: a single create and its look-up, then gives up", async () => {
    const s = service(["lost", "ok"]);
    const err = (await createIdempotently({ what: 'Thing "n1"', create: s.create, lookUp: s.lookUp, attempts: 1 }).catch((e) => e)) as Error;
    expect(err.message).toContain("1 times in a row");
    expect(s.log).toEqual(["create", "lookUp"]);
  });

  it("rejects with the service's own error when a repeat is refused after a lost create", async () => {
    const s = service(["lost", "refused", "ok"]);
    await expect(createIdempotently({ what: 'Thing "n1"', create: s.create, lookUp: s.lookUp })).rejects.toMatchObject({
      name: "ApiError",
      code: "InvalidParameter",
    });
    expect(s.log).toEqual(["create", "lookUp", "create"]);
  });
});
