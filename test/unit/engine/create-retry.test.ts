/**
 * The laws of the idempotent create, over any sequence of call fates and any budget (the scripted
 * cases follow the laws). From the module header and README's "Retries":
 * after an ambiguous failure the object is looked up by name before anything is sent again, a
 * repeat goes only when the look-up finds nothing, at most `attempts` creates are sent, and so a
 * retry never makes a second object.
 */
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CREATE_ATTEMPTS, type CreateOrClaim, createIdempotently, createOrClaim } from "../../../provider/engine/create-retry";
import type { FieldTable } from "../../../provider/engine/fields";
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

/**
 * The whole create flow, from the module header and createOrClaim's doc: `adopt` looks the name up
 * first; a name-taken refusal is followed by a look-up, and stands when that finds nothing; what
 * was found rather than made is judged by claimExisting (refused when it differs without adopt)
 * and handed to takeOver with the fields to update; an object found after an ambiguous failure is
 * claimed unless the resource says it is the one the lost create made.
 */
describe("createOrClaim", () => {
  afterEach(() => vi.restoreAllMocks());
  const NAME_TAKEN = "Thing.NameTaken";
  const fields: FieldTable = { name: { api: "Name", replace: true }, size: { api: "Size" }, zone: { api: "Zone", replace: true } };
  const program = { name: "n1", size: 2, zone: "a" };
  type Thing = { id: string; size: number; zone: string };
  type Answer = "ok" | "taken" | "lost" | "applied" | "refused";

  /** A service holding at most one thing under the name; each create meets the next answer. */
  function world(o: { existing?: Thing; answers?: readonly Answer[]; adopt?: boolean; claimRecovered?: boolean }) {
    const log: string[] = [];
    let thing = o.existing;
    let calls = 0;
    const taken = new ApiError("svc", "CreateThing", NAME_TAKEN, "req-1", 400, "the name is taken");
    const options: CreateOrClaim<string, Thing> = {
      what: 'Thing "n1" in zone a',
      adopt: o.adopt ?? false,
      send: async () => {
        calls++;
        const answer = o.answers?.[calls - 1] ?? "ok";
        log.push("send");
        if (answer === "taken") throw taken;
        if (answer === "refused") throw new ApiError("svc", "CreateThing", "InvalidParameter", "req-2", 400, "bad");
        if (answer === "lost") throw new AmbiguousRequestError("svc", "CreateThing", new Error("socket hang up"));
        thing = { id: `made-${calls}`, size: program.size, zone: program.zone };
        if (answer === "applied") throw new AmbiguousRequestError("svc", "CreateThing", new Error("socket hang up"));
        return thing.id;
      },
      lookUp: async () => {
        log.push("lookUp");
        return thing;
      },
      isNameTaken: (err) => err instanceof ApiError && err.code === NAME_TAKEN,
      claimOf: (t) => {
        log.push(`claimOf ${t.id}`);
        return { what: 'Thing "n1"', found: `thing ${t.id}`, nameInput: "name", inputs: program, theirs: { name: "n1", size: t.size, zone: t.zone }, fields };
      },
      takeOver: async (t, update) => {
        log.push(`takeOver ${t.id} [${update.join(",")}]`);
      },
      ...(o.claimRecovered === undefined ? {} : { claimRecovered: o.claimRecovered }),
    };
    return { log, options, taken };
  }
  const quiet = () => vi.spyOn(console, "log").mockImplementation(() => {});

  it("returns the object it made, with one create, no look-up and no claim", async () => {
    const w = world({});
    expect(await createOrClaim(w.options)).toEqual({ how: "made", value: "made-1" });
    expect(w.log).toEqual(["send"]);
  });

  it("with adopt, looks the name up first and claims what it finds instead of creating", async () => {
    quiet();
    const w = world({ adopt: true, existing: { id: "old", size: 5, zone: "a" } });
    expect(await createOrClaim(w.options)).toEqual({ how: "found", value: { id: "old", size: 5, zone: "a" } });
    expect(w.log).toEqual(["lookUp", "claimOf old", "takeOver old [size]"]);
  });

  it("with adopt and a free name, creates after the look-up", async () => {
    const w = world({ adopt: true });
    expect(await createOrClaim(w.options)).toEqual({ how: "made", value: "made-1" });
    expect(w.log).toEqual(["lookUp", "send"]);
  });

  it("claims the object holding the name when the create is refused as name taken", async () => {
    const said = quiet();
    const w = world({ existing: { id: "left", size: 2, zone: "a" }, answers: ["taken"] });
    expect(await createOrClaim(w.options)).toEqual({ how: "found", value: { id: "left", size: 2, zone: "a" } });
    expect(w.log).toEqual(["send", "lookUp", "claimOf left", "takeOver left []"]);
    expect(said.mock.calls.flat().join("\n")).toContain("taking it over");
  });

  it("rethrows the name-taken refusal itself when the look-up after it finds nothing", async () => {
    const w = world({ answers: ["taken"] });
    const err = await createOrClaim(w.options).catch((e) => e);
    expect(err).toBe(w.taken);
    expect(w.log).toEqual(["send", "lookUp"]);
  });

  it("rethrows any other refusal of the create without a look-up", async () => {
    const w = world({ answers: ["refused"] });
    await expect(createOrClaim(w.options)).rejects.toMatchObject({ code: "InvalidParameter" });
    expect(w.log).toEqual(["send"]);
  });

  it("claims the object the look-up after an ambiguous failure finds, without a second create", async () => {
    quiet();
    const w = world({ answers: ["applied"] });
    expect(await createOrClaim(w.options)).toEqual({ how: "found", value: { id: "made-1", size: 2, zone: "a" } });
    expect(w.log).toEqual(["send", "lookUp", "claimOf made-1", "takeOver made-1 []"]);
  });

  it("takes that object as made, unclaimed, when the resource says claimRecovered: false", async () => {
    const w = world({ answers: ["lost", "applied"], claimRecovered: false });
    expect(await createOrClaim(w.options)).toEqual({ how: "recovered", value: { id: "made-2", size: 2, zone: "a" } });
    expect(w.log).toEqual(["send", "lookUp", "send", "lookUp"]);
  });

  it("gives up after the budget of ambiguous creates, each followed by a look-up", async () => {
    const w = world({ answers: ["lost", "lost"] });
    const err = (await createOrClaim({ ...w.options, attempts: 2 }).catch((e) => e)) as Error;
    expect(err.message).toContain('Thing "n1" in zone a');
    expect(err.message).toContain("2 times in a row");
    expect(w.log).toEqual(["send", "lookUp", "send", "lookUp"]);
  });

  it("propagates the claim's refusal of a differing object without adopt, and takes nothing over", async () => {
    const w = world({ existing: { id: "other", size: 9, zone: "a" }, answers: ["taken"] });
    await expect(createOrClaim(w.options)).rejects.toThrow(
      /Thing "n1": name "n1" is already taken by thing other.*size is 9 there, 2 in the program.*adopt: true/,
    );
    expect(w.log).toEqual(["send", "lookUp", "claimOf other"]);
  });

  it("refuses to adopt an object that differs in a field only a replacement changes", async () => {
    const w = world({ adopt: true, existing: { id: "other", size: 2, zone: "b" } });
    await expect(createOrClaim(w.options)).rejects.toThrow(/cannot adopt thing other: zone is "b" there, "a" in the program/);
    expect(w.log).toEqual(["lookUp", "claimOf other"]);
  });

  it("claims without a takeOver hook when nothing changes in place", async () => {
    quiet();
    const w = world({ existing: { id: "left", size: 2, zone: "a" }, answers: ["taken"] });
    const { takeOver: _, ...options } = w.options;
    expect(await createOrClaim(options)).toMatchObject({ how: "found" });
    expect(w.log).toEqual(["send", "lookUp", "claimOf left"]);
  });
});
