/**
 * The one way every resource creates an object whose create call has no idempotency token: the
 * transport never repeats such a call (see transport/retry-loop.ts), so a dropped connection or a
 * 5xx surfaces here as AmbiguousRequestError. The create may or may not have taken effect, so after
 * each such failure the object is looked up by its unique name before anything is sent again; a
 * repeat is sent only when the look-up finds nothing. The budget is the same for every resource.
 *
 * createOrClaim is the whole create flow every such resource runs on top of it, with the
 * per-resource parts as hooks: `adopt` looks the name up first; a name the service says is taken
 * is looked up and claimed (engine/take-over.ts); what was found rather than made is brought to the
 * program's definition before the resource settles it.
 */
import { AmbiguousRequestError, createGaveUp } from "../errors";
import { type Claim, claimExisting } from "./take-over";

/**
 * Create calls sent at most (the first and its repeats). Four, the budget the gpdb resources
 * already had: with the transport's own retries of throttling and of the look-ups, it rides out a
 * burst of dropped calls without holding a `pulumi up` for long when the service is really down.
 */
export const CREATE_ATTEMPTS = 4;

export interface CreateIdempotently<T> {
  /** The object, for the error when the budget runs out: `EventRouterJob "orders-sync"`. */
  readonly what: string;
  /** Sends the create once; its answer identifies the object. */
  readonly create: () => Promise<T>;
  /** Finds the object by its unique name; undefined when there is none. */
  readonly lookUp: () => Promise<T | undefined>;
  /** Create calls sent at most; CREATE_ATTEMPTS unless a test says otherwise. */
  readonly attempts?: number;
}

/**
 * Sends the create; after each ambiguous failure looks the object up, returning it when found and
 * sending the create again otherwise, up to the budget. The last ambiguous failure is followed by a
 * look-up too, so a create that took effect on the final attempt is not reported as failed. Any
 * other error is the caller's (it may translate vendor codes inside `create`).
 */
export async function createIdempotently<T>(o: CreateIdempotently<T>): Promise<T> {
  const attempts = o.attempts ?? CREATE_ATTEMPTS;
  let last: AmbiguousRequestError | undefined;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      return await o.create();
    } catch (err) {
      if (!(err instanceof AmbiguousRequestError)) throw err;
      last = err;
    }
    const found = await o.lookUp();
    if (found !== undefined) return found;
  }
  throw createGaveUp(o.what, attempts, last);
}

export interface CreateOrClaim<Made, Found> {
  /** The object, for the error when the budget runs out: `EventRouterJob "orders-sync"`. */
  readonly what: string;
  /** The program's `adopt`: look the name up before creating, and update a differing object found. */
  readonly adopt: boolean;
  /** Sends the create once (errors it translates are the resource's); its answer identifies the object. */
  readonly send: () => Promise<Made>;
  /** Finds the object by its unique name; undefined when there is none. */
  readonly lookUp: () => Promise<Found | undefined>;
  /** Whether an error of the create is the service's refusal of a name already taken. */
  readonly isNameTaken: (err: unknown) => boolean;
  /** What claimExisting judges: the found object read back as refresh reads it, and the program's. */
  readonly claimOf: (found: Found) => Claim | Promise<Claim>;
  /**
   * Brings a claimed object to the program's definition: called after every claim that is not
   * refused, with the fields the verdict updates (none when it has the program's definition).
   * Absent when nothing changes in place (every difference is refused).
   */
  readonly takeOver?: (found: Found, update: readonly string[]) => Promise<void>;
  /**
   * Whether an object the look-up after an ambiguous failure finds is claimed like any found one
   * (true, the default: it may be one this run did not make), or taken as the one the lost create
   * made, without a claim (false).
   */
  readonly claimRecovered?: boolean;
  /** Create calls sent at most; CREATE_ATTEMPTS unless a test says otherwise. */
  readonly attempts?: number;
}

/**
 * What the create ended with: an object it made, one found under its name and claimed, or (with
 * `claimRecovered: false`) one the look-up after an ambiguous failure found and took as made.
 */
export type Created<Made, Found> = { readonly how: "made"; readonly value: Made } | { readonly how: "found" | "recovered"; readonly value: Found };

/**
 * Creates the object or claims the one holding its name: with `adopt`, a look-up by name first;
 * then the create through createIdempotently; on the name-taken refusal a look-up again (gone
 * again, the refusal stands). Whatever was found rather than made is judged by claimExisting (which
 * throws its refusal) and handed to `takeOver` with the fields to update. The caller settles it.
 */
export async function createOrClaim<Made, Found>(o: CreateOrClaim<Made, Found>): Promise<Created<Made, Found>> {
  const created = await locate(o);
  if (created.how === "found") {
    const { update } = claimExisting(await o.claimOf(created.value), o.adopt);
    await o.takeOver?.(created.value, update);
  }
  return created;
}

async function locate<Made, Found>(o: CreateOrClaim<Made, Found>): Promise<Created<Made, Found>> {
  const adopted = o.adopt ? await o.lookUp() : undefined;
  if (adopted !== undefined) return { how: "found", value: adopted };
  const recovered = o.claimRecovered === false ? "recovered" : "found";
  try {
    return await createIdempotently<Created<Made, Found>>({
      what: o.what,
      create: async () => ({ how: "made", value: await o.send() }),
      lookUp: async () => {
        const found = await o.lookUp();
        return found === undefined ? undefined : { how: recovered, value: found };
      },
      ...(o.attempts === undefined ? {} : { attempts: o.attempts }),
    });
  } catch (err) {
    if (!o.isNameTaken(err)) throw err;
    // Taken by an object a killed run made, or by another: claim it; gone again, the refusal stands.
    const taken = await o.lookUp();
    if (taken === undefined) throw err;
    return { how: "found", value: taken };
  }
}
