/**
 * The laws of the idempotent create, over any sequence of call fates and any budget (the scripted
 * cases follow the laws). From the module header and README's "Retries":
 * after an ambiguous failure the object is looked up by name before anything is sent again, a
 * repeat goes only when the look-up finds nothing, at most `attempts` creates are sent, and so a
 * retry never makes a second object.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CREATE_ATTEMPTS, createIdempotently } from "../../../provider/engine/create-retry";
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

/**
 * The create helper every resource without an idempotency token goes through, driven by a scripted
 * service: each create call answers from a script (ambiguous, applied or not, or a definite answer),
 * and the look-up sees only what the script applied. The log records the order of calls, so the
 * tests show that no create is ever sent after an ambiguous one without a look-up in between.
 */
describe("createIdempotently", () => {
  it("keeps the budget the gpdb resources had: four create calls", () => {
    expect(CREATE_ATTEMPTS).toBe(4);
  });

  it("sends one create and no look-up when the first answer is definite", async () => {
    const s = service(["ok"]);
    expect(await createIdempotently({ what: 'Thing "n1"', ...s })).toBe("id-1");
    expect(s.log).toEqual(["create"]);
  });

  for (let lost = 1; lost < CREATE_ATTEMPTS; lost++) {
    it(`looks up after each of ${lost} lost creates, then creates exactly one object`, async () => {
      const s = service([...Array<Fate>(lost).fill("lost"), "ok"]);
      expect(await createIdempotently({ what: 'Thing "n1"', ...s })).toBe(`id-${lost + 1}`);
      expect(s.log).toEqual([...Array(lost).fill(["create", "lookUp"]).flat(), "create"]);
      expect(s.objects).toHaveLength(1);
    });
  }

  it("returns the object the look-up finds when a dropped create took effect, without a second create", async () => {
    const s = service(["lost", "applied"]);
    expect(await createIdempotently({ what: 'Thing "n1"', ...s })).toBe("id-2");
    expect(s.log).toEqual(["create", "lookUp", "create", "lookUp"]);
    expect(s.objects).toEqual(["id-2"]);
  });

  it("looks up after the last attempt too, so a create applied on the final call is kept", async () => {
    const s = service([...Array<Fate>(CREATE_ATTEMPTS - 1).fill("lost"), "applied"]);
    expect(await createIdempotently({ what: 'Thing "n1"', ...s })).toBe(`id-${CREATE_ATTEMPTS}`);
    expect(s.log.filter((c) => c === "create")).toHaveLength(CREATE_ATTEMPTS);
    expect(s.log.at(-1)).toBe("lookUp");
    expect(s.objects).toHaveLength(1);
  });

  it("fails after the budget of lost creates, naming the object, the count and the way out", async () => {
    const s = service(Array<Fate>(CREATE_ATTEMPTS + 2).fill("lost"));
    const err = (await createIdempotently({ what: 'Thing "n1"', ...s }).catch((e) => e)) as Error;
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(AmbiguousRequestError);
    expect(err.message).toContain('Thing "n1"');
    expect(err.message).toContain(`${CREATE_ATTEMPTS} times in a row`);
    expect(err.message).toContain("ECONNRESET");
    expect(err.message).toContain("pulumi up");
    expect(s.log).toEqual(Array(CREATE_ATTEMPTS).fill(["create", "lookUp"]).flat());
    expect(s.objects).toEqual([]);
  });

  it("fails at once with the service's own error when a create is refused, without a look-up", async () => {
    const s = service(["refused"]);
    await expect(createIdempotently({ what: 'Thing "n1"', ...s })).rejects.toMatchObject({ name: "ApiError", code: "InvalidParameter" });
    expect(s.log).toEqual(["create"]);
  });

  it("fails with the look-up's error when the look-up itself fails", async () => {
    const s = service(["lost"]);
    const lookUp = async () => {
      throw new ApiError("svc", "ListThings", "InternalError", "req-2", 500, "down");
    };
    await expect(createIdempotently({ what: 'Thing "n1"', create: s.create, lookUp })).rejects.toMatchObject({ code: "InternalError" });
    expect(s.log).toEqual(["create"]);
  });
});
