/**
 * Reading a JSON request body without letting a hostile one crash the emulator. `JSON.parse`
 * itself copes with deep nesting, but everything after it (logging, validation, the state dump)
 * walks the value recursively and would overflow the stack, which surfaced as a retryable 500 for
 * what is a client error. So the nesting depth is measured on the raw text first, in one pass and
 * constant memory, and a body nested deeper than any API here needs is refused before it is parsed.
 */

/**
 * [inferred] The deepest nesting (objects and arrays) a body may have. No vendor page gives one;
 * the deepest body any emulated API takes (an EventRouter job) nests 5 levels.
 */
export const MAX_JSON_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPENERS = new Set([0x5b, 0x7b]); // [ {
const CLOSERS = new Set([0x5d, 0x7d]); // ] }

/** Whether `raw` nests objects/arrays deeper than `max`, brackets inside strings not counted. */
export function nestsDeeperThan(raw: Buffer, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as number;
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (OPENERS.has(c)) {
      if (++depth > max) return true;
    } else if (CLOSERS.has(c)) depth--;
  }
  return false;
}

export type JsonBody = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: string; readonly tooDeep: boolean };

/**
 * Parses a request body as JSON; `empty` is what an absent body stands for. The reason of a failure
 * says what is wrong and what is accepted, for the caller's own error envelope.
 */
export function parseJsonBody(raw: Buffer, empty: unknown, maxDepth = MAX_JSON_DEPTH): JsonBody {
  if (raw.length === 0) return { ok: true, value: empty };
  if (nestsDeeperThan(raw, maxDepth)) {
    return {
      ok: false,
      tooDeep: true,
      reason: `the JSON body nests objects and arrays more than ${maxDepth} levels deep; at most ${maxDepth} are accepted.`,
    };
  }
  try {
    return { ok: true, value: JSON.parse(raw.toString("utf8")) as unknown };
  } catch (err) {
    return { ok: false, tooDeep: false, reason: `the body is not valid JSON (${(err as Error).message}).` };
  }
}
