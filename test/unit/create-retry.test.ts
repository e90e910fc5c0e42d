/**
 * The create helper every resource without an idempotency token goes through, driven by a scripted
 * service: each create call answers from a script (ambiguous, applied or not, or a definite answer),
 * and the look-up sees only what the script applied. The log records the order of calls, so the
 * tests show that no create is ever sent after an ambiguous one without a look-up in between.
 */
import { describe, expect, it } from "vitest";
import { CREATE_ATTEMPTS, createIdempotently } from "../../provider/engine/create-retry";
import { AmbiguousRequestError, ApiError } from "../../provider/errors";

type Answer = "ok" | "lost" | "applied" | "refused";

/** A service holding at most one object named "n1"; `script` gives each create call's fate. */
function scripted(script: readonly Answer[]) {
  const objects: string[] = [];
  const log: string[] = [];
  let calls = 0;
  const dropped = () => new AmbiguousRequestError("svc", "CreateThing", new Error("socket hang up", { cause: { code: "ECONNRESET" } }));
  return {
    objects,
    log,
    create: async () => {
      const answer = script[calls++] ?? "ok";
      log.push("create");
      if (answer === "refused") throw new ApiError("svc", "CreateThing", "InvalidParameter", "req-1", 400, "bad");
      if (answer === "lost") throw dropped();
      objects.push(`id-${calls}`);
      if (answer === "applied") throw dropped();
      return `id-${calls}`;
    },
    lookUp: async () => {
      log.push("lookUp");
      return objects[0];
    },
  };
}

describe("createIdempotently", () => {
  it("keeps the budget the gpdb resources had: four create calls", () => {
    expect(CREATE_ATTEMPTS).toBe(4);
  });

  it("sends one create and no look-up when the first answer is definite", async () => {
    const s = scripted(["ok"]);
    expect(await createIdempotently({ what: 'Thing "n1"', ...s })).toBe("id-1");
    expect(s.log).toEqual(["create"]);
  });

  for (let lost = 1; lost < CREATE_ATTEMPTS; lost++) {
    it(`looks up after each of ${lost} lost creates, then creates exactly one object`, async () => {
      const s = scripted([...Array<Answer>(lost).fill("lost"), "ok"]);
      expect(await createIdempotently({ what: 'Thing "n1"', ...s })).toBe(`id-${lost + 1}`);
      expect(s.log).toEqual([...Array(lost).fill(["create", "lookUp"]).flat(), "create"]);
      expect(s.objects).toHaveLength(1);
    });
  }

  it("returns the object the look-up finds when a dropped create took effect, without a second create", async () => {
    const s = scripted(["lost", "applied"]);
    expect(await createIdempotently({ what: 'Thing "n1"', ...s })).toBe("id-2");
    expect(s.log).toEqual(["create", "lookUp", "create", "lookUp"]);
    expect(s.objects).toEqual(["id-2"]);
  });

  it("looks up after the last attempt too, so a create applied on the final call is kept", async () => {
    const s = scripted([...Array<Answer>(CREATE_ATTEMPTS - 1).fill("lost"), "applied"]);
    expect(await createIdempotently({ what: 'Thing "n1"', ...s })).toBe(`id-${CREATE_ATTEMPTS}`);
    expect(s.log.filter((c) => c === "create")).toHaveLength(CREATE_ATTEMPTS);
    expect(s.log.at(-1)).toBe("lookUp");
    expect(s.objects).toHaveLength(1);
  });

  it("fails after the budget of lost creates, naming the object, the count and the way out", async () => {
    const s = scripted(Array<Answer>(CREATE_ATTEMPTS + 2).fill("lost"));
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
    const s = scripted(["refused"]);
    await expect(createIdempotently({ what: 'Thing "n1"', ...s })).rejects.toMatchObject({ name: "ApiError", code: "InvalidParameter" });
    expect(s.log).toEqual(["create"]);
  });

  it("fails with the look-up's error when the look-up itself fails", async () => {
    const s = scripted(["lost"]);
    const lookUp = async () => {
      throw new ApiError("svc", "ListThings", "InternalError", "req-2", 500, "down");
    };
    await expect(createIdempotently({ what: 'Thing "n1"', create: s.create, lookUp })).rejects.toMatchObject({ code: "InternalError" });
    expect(s.log).toEqual(["create"]);
  });
});
