/**
 * The emulator's own routes under `/__emulator/`: health, request log, state dump, reset, faults, a
 * StreamingJob's injected exception and the manual clock. No authentication (the server only
 * listens on loopback); plain JSON bodies, and errors as `{error}` so they cannot be mistaken for
 * a cloud answer.
 *
 * Listening on loopback does not stop a web page in the developer's browser from reaching them: a
 * cross-origin "simple" request (a form post, or `fetch` with a text/plain body) is sent without a
 * CORS preflight, and a DNS-rebound host name makes the page same-origin. So a control request must
 * name a loopback `Host`, carry no foreign `Origin`, and send any body as application/json (which a
 * page can only send after a preflight this server never grants).
 */
import type { IncomingHttpHeaders } from "node:http";
import { z } from "zod";
import { isManualClock, type Clock } from "./clock";
import { faultRateSchema, faultSpecSchema, type FaultQueue } from "./faults";
import { headerValue } from "./http-headers";
import { REDACTED, type RequestLog } from "./request-log";
import { parseJsonBody } from "./routers/json-body";
import type { Quotas } from "./quotas";
import { injectJobException } from "./services/alibaba-gpdb-records";
import type { Store } from "./store";

export const CONTROL_PREFIX = "/__emulator";

export interface ControlContext {
  readonly store: Store;
  readonly faults: FaultQueue;
  /** Reported beside the faults: what is enforced and how many calls it refused. */
  readonly quotas?: Quotas;
  readonly requestLog: RequestLog;
  readonly clock: Clock;
  /** Parameter names whose values a state dump must not show. */
  readonly secretNames: ReadonlySet<string>;
  /** `product version` pairs served, for the health answer. */
  readonly products: readonly string[];
}

export interface ControlRequest {
  readonly method: string;
  readonly url: URL;
  readonly body: Buffer;
}

export interface ControlResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Record<string, string>;
}

const ok = (body: unknown, status = 200): ControlResponse => ({ status, body });
const problem = (status: number, error: string, headers?: Record<string, string>): ControlResponse => ({
  status,
  body: { error },
  ...(headers !== undefined && { headers }),
});

function parseJson(body: Buffer): { ok: true; value: unknown } | { ok: false } {
  return parseJsonBody(body, {});
}

/** `127.0.0.1`, `localhost` or `[::1]`, with or without a port: the only names this server has. */
const LOOPBACK_HOST_HEADER = /^(?:127\.0\.0\.1|localhost|\[::1\])(?::\d{1,5})?$/i;
const LOOPBACK_HOSTNAMES: ReadonlySet<string> = new Set(["127.0.0.1", "localhost", "[::1]"]);

function isLoopbackOrigin(origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // includes the opaque origin "null" (sandboxed frames, file: pages)
  }
  return (url.protocol === "http:" || url.protocol === "https:") && LOOPBACK_HOSTNAMES.has(url.hostname.toLowerCase());
}

/**
 * Why a control request must be refused before its body is read, or undefined when it may proceed:
 * a foreign `Host` (DNS rebinding), a foreign `Origin` (a web page), or a body that is not declared
 * application/json (a CORS-simple request).
 */
export function refuseControlRequest(headers: IncomingHttpHeaders): ControlResponse | undefined {
  const host = headerValue(headers, "host");
  if (host === undefined || !LOOPBACK_HOST_HEADER.test(host)) {
    return problem(
      403,
      `control routes answer a loopback Host only (127.0.0.1, localhost or [::1], with any port); got Host ${JSON.stringify(host ?? "(none)")}`,
    );
  }
  const origin = headerValue(headers, "origin");
  if (origin !== undefined && !isLoopbackOrigin(origin)) {
    return problem(
      403,
      `control routes refuse cross-origin requests; got Origin ${JSON.stringify(origin)}, allowed: none, or http(s)://127.0.0.1, localhost or [::1] with any port`,
    );
  }
  const type = headerValue(headers, "content-type");
  const mediaType = type?.split(";")[0]?.trim().toLowerCase();
  const length = headerValue(headers, "content-length");
  const hasBody = headerValue(headers, "transfer-encoding") !== undefined || (length !== undefined && length.trim() !== "0");
  if ((type !== undefined || hasBody) && mediaType !== "application/json") {
    return problem(
      415,
      `control routes take JSON only; got Content-Type ${JSON.stringify(type ?? "(none)")} ${hasBody ? "with a body" : "without a body"}; send the body as application/json, or send no body and no Content-Type`,
    );
  }
  return undefined;
}

function issues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`).join("; ");
}

/** Replaces the value of every secret-named key, at any depth. */
function redactDeep(value: unknown, secretNames: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, secretNames));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = secretNames.has(k) && typeof v === "string" ? REDACTED : redactDeep(v, secretNames);
    return out;
  }
  return value;
}

const clockBody = z.strictObject({ advanceMs: z.number().int().nonnegative() });

/** A StreamingJob by its instance and id (the id as the API prints it, a string, or a number). */
const jobAddress = {
  dbInstanceId: z.string().min(1),
  jobId: z.union([z.string().regex(/^\d{1,15}$/), z.number().int().nonnegative()]).transform(Number),
};
const jobExceptionBody = z.strictObject({ ...jobAddress, message: z.string().min(1).max(1000) });
const jobAddressBody = z.strictObject(jobAddress);

/** Sets (POST, with a message) or clears (DELETE) the exception a StreamingJob shows once settled. */
function jobException(req: ControlRequest, ctx: ControlContext, set: boolean): ControlResponse {
  const json = parseJson(req.body);
  if (!json.ok) return problem(400, "body must be JSON");
  const body = set ? jobExceptionBody.safeParse(json.value) : jobAddressBody.safeParse(json.value);
  if (!body.success) return problem(400, issues(body.error));
  const { dbInstanceId, jobId } = body.data;
  const message = "message" in body.data && typeof body.data.message === "string" ? body.data.message : undefined;
  if (!injectJobException(ctx.store, dbInstanceId, jobId, message)) return problem(404, `no StreamingJob ${jobId} on instance ${dbInstanceId}`);
  return ok({ dbInstanceId, jobId: String(jobId), exception: message ?? null });
}

type Route = (req: ControlRequest, ctx: ControlContext) => ControlResponse;

const routes: Record<string, Partial<Record<string, Route>>> = {
  "/health": {
    GET: (_req, ctx) => ok({ status: "ok", now: new Date(ctx.clock.now()).toISOString(), products: ctx.products }),
  },
  "/requests": {
    GET: (req, ctx) => {
      const raw = req.url.searchParams.get("since") ?? "0";
      if (!/^\d+$/.test(raw)) return problem(400, `since must be a non-negative integer, got "${raw}"`);
      return ok(ctx.requestLog.since(Number(raw)));
    },
  },
  "/state": {
    GET: (_req, ctx) => ok(redactDeep(ctx.store.dump(), ctx.secretNames)),
  },
  "/reset": {
    POST: (_req, ctx) => {
      ctx.store.reset();
      ctx.faults.clear();
      return ok({ reset: true });
    },
  },
  "/faults": {
    GET: (_req, ctx) =>
      ok({
        faults: ctx.faults.list(),
        rate: ctx.faults.rate() ?? null,
        fired: ctx.faults.fired(),
        ...(ctx.quotas !== undefined && { quotas: ctx.quotas.report() }),
      }),
    POST: (req, ctx) => {
      const json = parseJson(req.body);
      if (!json.ok) return problem(400, "body must be JSON");
      // A body with `rate` sets the fault rate; any other is one queued fault.
      if (json.value !== null && typeof json.value === "object" && Object.hasOwn(json.value, "rate")) {
        const rate = faultRateSchema.safeParse(json.value);
        if (!rate.success) return problem(400, issues(rate.error));
        return ok({ rate: ctx.faults.setRate(rate.data) ?? null }, 201);
      }
      const spec = faultSpecSchema.safeParse(json.value);
      if (!spec.success) return problem(400, issues(spec.error));
      return ok({ fault: ctx.faults.add(spec.data) }, 201);
    },
    DELETE: (_req, ctx) => {
      const cleared = ctx.faults.list().length;
      const rateWasOn = ctx.faults.rate() !== undefined;
      ctx.faults.clearAll();
      return ok({ cleared, ...(rateWasOn && { rate: null }) });
    },
  },
  "/streaming-jobs/exception": {
    POST: (req, ctx) => jobException(req, ctx, true),
    DELETE: (req, ctx) => jobException(req, ctx, false),
  },
  "/clock": {
    GET: (_req, ctx) => ok({ now: new Date(ctx.clock.now()).toISOString(), manual: isManualClock(ctx.clock) }),
    POST: (req, ctx) => {
      const clock = ctx.clock;
      if (!isManualClock(clock)) return problem(409, "the emulator runs on the system clock; start it with a ManualClock to move time");
      const json = parseJson(req.body);
      if (!json.ok) return problem(400, "body must be JSON");
      const body = clockBody.safeParse(json.value);
      if (!body.success) return problem(400, issues(body.error));
      return ok({ now: new Date(clock.advance(body.data.advanceMs)).toISOString() });
    },
  },
};

export function handleControl(req: ControlRequest, ctx: ControlContext): ControlResponse {
  const sub = req.url.pathname.slice(CONTROL_PREFIX.length);
  const methods = Object.hasOwn(routes, sub) ? routes[sub] : undefined;
  if (methods === undefined) {
    return problem(
      404,
      `no control route ${req.method} ${req.url.pathname}; routes: ${Object.keys(routes)
        .map((r) => CONTROL_PREFIX + r)
        .join(", ")}`,
    );
  }
  const route = methods[req.method];
  if (route === undefined) {
    const allow = Object.keys(methods).join(", ");
    return problem(405, `${req.url.pathname} accepts ${allow}, not ${req.method}`, { allow });
  }
  return route(req, ctx);
}
