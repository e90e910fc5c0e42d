/**
 * Named error factories. Runtime errors (environment, API, waits) are thrown from here so every
 * message has the same shape and always carries the cloud's request id. Input problems are never
 * thrown: they are check failures (see engine/check.ts).
 */
import { redact } from "./engine/redact";

/** An error response from a cloud API, after retries were exhausted or when not retryable. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly service: string,
    readonly action: string,
    readonly code: string,
    readonly requestId: string | undefined,
    readonly httpStatus: number | undefined,
    detail: string,
  ) {
    super(
      `${service} ${action} failed: ${code}: ${detail}` +
        (httpStatus !== undefined ? ` (HTTP ${httpStatus}` : " (") +
        (requestId ? `, request id ${requestId})` : ")"),
    );
  }
}

/**
 * The request may or may not have reached the service (connection dropped, timeout, 5xx after the
 * body was sent). For non-idempotent actions the caller must look before it retries.
 */
export class AmbiguousRequestError extends Error {
  override readonly name = "AmbiguousRequestError";
  constructor(
    readonly service: string,
    readonly action: string,
    override readonly cause: unknown,
  ) {
    super(`${service} ${action}: no definite answer from the service (${describeCause(cause)})`);
  }
}

/**
 * A create that got no definite answer on every attempt, each followed by a look-up that found
 * nothing. The object may still appear later (a call applied after the look-up), hence the way out.
 */
export function createGaveUp(what: string, attempts: number, last: AmbiguousRequestError | undefined): Error {
  return new Error(
    `${what}: the create got no definite answer ${attempts} times in a row (last: ${last ? last.message : "none"}), and a look-up by name after each found no such object, so nothing was created. Run \`pulumi up\` again once the service answers: if the object was created after all, that create finds it under its name and takes it over, since it has this definition.`,
  );
}

export function describeCause(cause: unknown): string {
  if (cause instanceof ApiError) return `${cause.code}, request id ${cause.requestId ?? "none"}`;
  if (cause instanceof Error) {
    const inner = (cause as Error & { cause?: unknown }).cause;
    const code = inner && typeof inner === "object" && "code" in inner ? ` ${String(inner.code)}` : "";
    return `${cause.name}: ${cause.message}${code}`;
  }
  return String(cause);
}

export function apiError(
  service: string,
  action: string,
  code: string,
  requestId: string | undefined,
  httpStatus: number | undefined,
  message: string,
  secrets: readonly string[] = [],
): ApiError {
  return new ApiError(service, action, code, requestId, httpStatus, redact(message, secrets));
}

export function missingCredentials(cloud: string, how: string): Error {
  return new Error(`${cloud} credentials are not configured. ${how}`);
}

export function unexpectedResponse(service: string, action: string, problem: string, requestId?: string): Error {
  return new Error(`${service} ${action} returned a response this provider does not understand: ${problem}${requestId ? ` (request id ${requestId})` : ""}`);
}

export function malformedId(kind: string, id: string, expected: string): Error {
  return new Error(`${kind}: the resource id "${id}" is not of the form ${expected}.`);
}

/**
 * A resource that exists but did not reach a healthy state. Thrown in Pulumi's partial-failure form
 * (an object carrying `id` and `properties`), so the engine keeps the resource in state instead of
 * leaking it, and the next `up` retries the update.
 */
export function resourceInitFailed(
  kind: string,
  what: string,
  id: string,
  properties: Record<string, unknown>,
  reason: string,
): Error & { id: string; properties: Record<string, unknown>; reasons: string[] } {
  // The CLI prints only `reasons` for this error form, so the reason carries the whole sentence.
  const message = `${kind} ${what} was created but is not healthy: ${reason}`;
  return Object.assign(new Error(message), { id, properties, reasons: [message] });
}

export function waitTimedOut(kind: string, what: string, wanted: string, lastStatus: string, seconds: number): string {
  return `timed out after ${seconds}s waiting for ${kind} ${what} to reach ${wanted}; last status ${lastStatus}. Raise timeoutSeconds if the service is slow, or check the job in the console.`;
}
