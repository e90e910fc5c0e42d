/**
 * The one way every resource creates an object whose create call has no idempotency token: the
 * transport never repeats such a call (see transport/retry-loop.ts), so a dropped connection or a
 * 5xx surfaces here as AmbiguousRequestError. The create may or may not have taken effect, so after
 * each such failure the object is looked up by its unique name before anything is sent again; a
 * repeat is sent only when the look-up finds nothing. The budget is the same for every resource.
 */
import { AmbiguousRequestError, createGaveUp } from "../errors";

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
