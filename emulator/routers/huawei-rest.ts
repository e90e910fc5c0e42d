/**
 * The Huawei Cloud REST wire protocol, generic over service modules: each service contributes a
 * declarative table of routes {method, path pattern, operation, handler}, and this router does what
 * the API gateway in front of every Huawei service does — find the API (404 APIGW.0101), authenticate
 * (401 APIGW.0301), check the project in the path against the credentials (403), count the call
 * against its quota (the service's own throttling answer where it has one, else 429 APIGW.0308),
 * apply any queued or drawn fault (429 APIGW.0308 for throttling, or the service's own code when
 * the fault asks for it), read the JSON body (400 APIGW.0201) — then runs the handler inside a
 * store transaction and answers with `X-Request-Id` on every response.
 *
 * A service (EventGrid, DMS, IAM, DIS) is a module with its own routes; nothing here names a service,
 * an operation or a field. The cloud tells services apart by endpoint host; the emulator serves all
 * of them on one host, which works because their paths do not overlap.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { HuaweiAuthenticator, HuaweiCaller } from "../auth/huawei";
import type { Clock } from "../clock";
import { apigErrors, HuaweiError, huaweiErrorBody } from "../errors/huawei";
import type { FaultKind, FaultQueue } from "../faults";
import type { Quotas } from "../quotas";
import { newHuaweiRequestId } from "../request-id";
import { REDACTED, type RequestLog, type RequestLogEntry } from "../request-log";
import type { Store } from "../store";
import { type JsonBody, parseJsonBody } from "./json-body";
import type { RouteOutcome } from "./outcome";

/** Huawei APIs are versioned by their first path segment; everything else on the host is Alibaba's or the emulator's. */
const HUAWEI_PATH = /^\/v[123]\//;

export function isHuaweiPath(pathname: string): boolean {
  return HUAWEI_PATH.test(pathname);
}

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

/** One authenticated call, as a route handler sees it. */
export interface HuaweiCall {
  readonly operation: string;
  /** Path parameters by the names in the route's pattern, percent-decoded. */
  readonly path: Readonly<Record<string, string>>;
  /** Query parameters (the last value wins when one is repeated). */
  readonly query: Readonly<Record<string, string>>;
  /** The parsed JSON body; undefined when the request has none (or the method takes none). */
  readonly body: unknown;
  readonly requestId: string;
  /** The emulator clock at the start of the call. */
  readonly now: number;
  /** A queued "stuck" fault: whatever this call starts never settles. */
  readonly stuck: boolean;
}

export interface HuaweiReply {
  /** @default 200 */
  readonly status?: number;
  /** JSON body; omit for an empty one. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface HuaweiRoute {
  readonly method: HttpMethod;
  /** e.g. `/v1/{project_id}/eventrouter/jobs/{job_id}`; a `{name}` matches one path segment. */
  readonly path: string;
  /** The API's operation name: fault rules match it and the request log records it. */
  readonly operation: string;
  /** Query parameters the operation defines; in strict mode any other is rejected. */
  readonly query?: readonly string[];
  /** `none` only for IAM's token issuing, which is how a caller gets credentials in the first place. */
  readonly auth?: "none";
  /** Runs inside a store transaction; returns the reply or throws a HuaweiError. */
  readonly handle: (call: HuaweiCall) => HuaweiReply;
}

export interface HuaweiService {
  /** Short product name for the request log: `eg`, `dms`, `iam`. */
  readonly product: string;
  /** For the health answer, e.g. `eg v1`. */
  readonly label: string;
  readonly routes: readonly HuaweiRoute[];
  /** Body field names whose values are never logged or shown in a state dump (e.g. `password`). */
  readonly secretFields: readonly string[];
  /** The service's own answers for what the router checks on its behalf. */
  readonly errors: {
    readonly invalidParameter: (field: string, reason: string) => HuaweiError;
    readonly internal: () => HuaweiError;
    /** The service's own "slow down" (DIS.4305), for a throttle fault queued with `throttledBy: "service"`; without one the gateway's 429 answers. */
    readonly throttled?: () => HuaweiError;
  };
}

export interface HuaweiExchange {
  readonly method: string;
  /** The request target exactly as received (`/v1/…?…`), for routing and the signature. */
  readonly target: string;
  readonly headers: IncomingHttpHeaders;
  readonly rawBody: Buffer;
}

export interface HuaweiRestRouterOptions {
  readonly services: readonly HuaweiService[];
  readonly authenticator: HuaweiAuthenticator;
  /** Whether the account has this project (AK/SK callers may use any project it has). */
  readonly hasProject: (projectId: string) => boolean;
  readonly faults: FaultQueue;
  /**
   * Per-operation quotas per credential; a call over its quota gets the service's own throttling
   * answer when it has one (DIS: 400 DIS.4305), else the gateway's 429 APIGW.0308.
   */
  readonly quotas?: Quotas;
  readonly store: Store;
  readonly clock: Clock;
  readonly requestLog: RequestLog;
  /** Reject query parameters an operation does not define (the real gateway passes them on). */
  readonly strict: boolean;
  /** Called with each logged entry (the CLI prints them) and with unexpected errors. */
  readonly log?: (line: string) => void;
}

type Segment = { readonly literal: string } | { readonly param: string };

interface CompiledRoute {
  readonly service: HuaweiService;
  readonly route: HuaweiRoute;
  readonly segments: readonly Segment[];
}

interface Match {
  readonly compiled: CompiledRoute;
  readonly params: Record<string, string>;
}

function compile(path: string): Segment[] {
  return path
    .split("/")
    .slice(1)
    .map((s) => {
      const m = /^\{([a-z_]+)\}$/.exec(s);
      return m?.[1] !== undefined ? { param: m[1] } : { literal: s };
    });
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function matchSegments(segments: readonly Segment[], parts: readonly string[]): Record<string, string> | undefined {
  if (segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i] as Segment;
    const part = parts[i] as string;
    if ("literal" in seg) {
      if (seg.literal !== part) return undefined;
    } else {
      if (part === "") return undefined;
      params[seg.param] = part;
    }
  }
  return params;
}

/** Literal segments beat parameters, leftmost first (`jobs/validation` wins over `jobs/{job_id}`). */
function moreSpecific(a: CompiledRoute, b: CompiledRoute): boolean {
  for (let i = 0; i < a.segments.length; i++) {
    const la = "literal" in (a.segments[i] as Segment);
    const lb = "literal" in (b.segments[i] as Segment);
    if (la !== lb) return la;
  }
  return false;
}

/** Nested JSON as flat `a.b.0.c` keys for the request log, secret leaves redacted. */
function flatten(value: unknown, secrets: ReadonlySet<string>, prefix: string, out: Record<string, string>, secretParent = false): void {
  if (value !== null && typeof value === "object") {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    for (const [k, v] of entries) {
      // An array directly under a secret key (`"password": ["…"]`) is as secret as the key.
      const secret = Array.isArray(value) ? secretParent : secrets.has(k);
      flatten(v, secrets, prefix === "" ? k : `${prefix}.${k}`, out, secret);
    }
    return;
  }
  if (prefix === "") return;
  out[prefix] = secretParent && typeof value === "string" ? REDACTED : value === undefined ? "" : String(value);
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

export class HuaweiRestRouter {
  private readonly routes: readonly CompiledRoute[];
  private readonly secretFields: ReadonlySet<string>;

  constructor(private readonly opts: HuaweiRestRouterOptions) {
    this.routes = opts.services.flatMap((service) => service.routes.map((route) => ({ service, route, segments: compile(route.path) })));
    this.secretFields = new Set(opts.services.flatMap((s) => s.secretFields));
    const seen = new Set<string>();
    for (const r of this.routes) {
      const key = `${r.route.method} ${r.segments.map((s) => ("literal" in s ? s.literal : "{}")).join("/")}`;
      if (seen.has(key)) throw new Error(`two Huawei routes answer ${r.route.method} ${r.route.path}`);
      seen.add(key);
    }
  }

  /** Body field names redacted in logs and dumps. */
  get secrets(): ReadonlySet<string> {
    return this.secretFields;
  }

  /** `product version` labels served, for the health answer. */
  get products(): string[] {
    return this.opts.services.map((s) => s.label);
  }

  /** The gateway's answer to a body over the limit (sent before anything else is looked at). */
  bodyTooLarge(limitBytes: number): RouteOutcome {
    return this.refuse(apigErrors.bodyTooLarge(limitBytes));
  }

  /**
   * The gateway's answer to a request it gives up on before routing (a body over the limit, an
   * upload that stalls, headers too large), closing the connection: what is left of the request is
   * never read.
   */
  refuse(err: HuaweiError): RouteOutcome {
    const requestId = newHuaweiRequestId();
    return {
      kind: "respond",
      status: err.status,
      headers: { "x-request-id": requestId, connection: "close" },
      body: huaweiErrorBody(err, requestId),
    };
  }

  async handle(ex: HuaweiExchange): Promise<RouteOutcome> {
    const requestId = newHuaweiRequestId();
    const time = new Date(this.opts.clock.now()).toISOString();
    const queryAt = ex.target.indexOf("?");
    const rawPath = queryAt < 0 ? ex.target : ex.target.slice(0, queryAt);
    const rawQuery = queryAt < 0 ? "" : ex.target.slice(queryAt + 1);
    const query: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(rawQuery)) query[k] = v;
    let match: Match | undefined;
    let fault: FaultKind | undefined;
    let logged: Record<string, string> = { ...query };

    const record = (status: number, code?: string) =>
      this.record({
        time,
        product: match?.compiled.service.product ?? null,
        action: match?.compiled.route.operation ?? null,
        params: logged,
        status,
        requestId,
        ...(code !== undefined && { code }),
        ...(fault !== undefined && { fault }),
      });
    const drop = (): RouteOutcome => {
      record(0);
      return { kind: "drop" };
    };

    try {
      match = this.match(ex.method, rawPath);
      if (match === undefined) throw apigErrors.apiNotFound(ex.method, rawPath);
      const { service, route } = match.compiled;
      const takesBody = route.method === "POST" || route.method === "PUT";
      const body: JsonBody = takesBody ? parseJsonBody(ex.rawBody, undefined) : { ok: true, value: undefined };
      logged = this.loggable(match.params, query, body.ok ? body.value : undefined);

      if (route.auth !== "none") {
        const caller = this.opts.authenticator.verify({ method: ex.method, rawPath, rawQuery, headers: ex.headers, rawBody: ex.rawBody });
        this.authorize(caller, match.params);
        const who = caller.kind === "aksk" ? caller.accessKey : `token:${caller.token.user}`;
        if (this.opts.quotas?.admit(service.product, route.operation, who) === false) throw service.errors.throttled?.() ?? apigErrors.throttled();
      }

      const f = this.opts.faults.take(route.operation);
      fault = f?.kind;
      if (f?.kind === "throttle")
        throw f.throttledBy === "service" && service.errors.throttled !== undefined ? service.errors.throttled() : apigErrors.throttled();
      if (f?.kind === "5xx") throw service.errors.internal();
      if (f?.kind === "latency") await delay(f.latencyMs);
      if (f?.kind === "drop" && !f.applied) return drop();

      // Too deep is the service's own 400 (the gateway passes bodies through unread); not JSON at all is the gateway's.
      if (!body.ok) throw body.tooDeep ? service.errors.invalidParameter("(body)", body.reason) : apigErrors.badRequestBody(body.reason);
      if (this.opts.strict && route.query !== undefined) {
        for (const name of Object.keys(query).sort()) {
          if (!route.query.includes(name)) {
            throw service.errors.invalidParameter(
              name,
              `is not a query parameter of ${route.operation} (the emulator is strict about unknown parameters; start it with --loose to ignore them).`,
            );
          }
        }
      }
      const call: HuaweiCall = {
        operation: route.operation,
        path: match.params,
        query,
        body: body.value,
        requestId,
        now: this.opts.clock.now(),
        stuck: f?.kind === "stuck",
      };
      const reply = this.opts.store.transaction(() => route.handle(call));
      if (f?.kind === "drop") return drop();
      const status = reply.status ?? 200;
      record(status);
      return { kind: "respond", status, headers: { ...reply.headers, "x-request-id": requestId }, body: reply.body };
    } catch (err) {
      const known = err instanceof HuaweiError ? err : undefined;
      if (known === undefined) {
        this.opts.log?.(`internal error in ${match?.compiled.route.operation ?? "?"} (X-Request-Id ${requestId}): ${(err as Error).stack ?? String(err)}`);
      }
      const e = known ?? match?.compiled.service.errors.internal() ?? apigErrors.internal();
      record(e.status, e.code);
      return { kind: "respond", status: e.status, headers: { "x-request-id": requestId }, body: huaweiErrorBody(e, requestId) };
    }
  }

  private match(method: string, rawPath: string): Match | undefined {
    const parts: string[] = [];
    for (const s of rawPath.split("/").slice(1)) {
      const d = decode(s);
      if (d === undefined) return undefined;
      parts.push(d);
    }
    let best: Match | undefined;
    for (const compiled of this.routes) {
      if (compiled.route.method !== method) continue;
      const params = matchSegments(compiled.segments, parts);
      if (params !== undefined && (best === undefined || moreSpecific(compiled, best.compiled))) best = { compiled, params };
    }
    return best;
  }

  /** A path naming a project must be one the credentials may act in. */
  private authorize(caller: HuaweiCaller, params: Readonly<Record<string, string>>): void {
    const projectId = params.project_id;
    if (projectId === undefined) return;
    this.opts.authenticator.authorizeProject(caller, projectId, this.opts.hasProject(projectId));
  }

  /** Path parameters, the query and the flattened body; no header is ever logged (they carry AK/SK signatures and tokens). */
  private loggable(path: Readonly<Record<string, string>>, query: Readonly<Record<string, string>>, body: unknown): Record<string, string> {
    const flat: Record<string, string> = {};
    flatten(body, this.secretFields, "", flat);
    const merged: Record<string, string> = { ...path, ...query, ...flat };
    const out: Record<string, string> = {};
    for (const k of Object.keys(merged).sort()) out[k] = merged[k] as string;
    return out;
  }

  private record(entry: Omit<RequestLogEntry, "seq">): void {
    const logged = this.opts.requestLog.append(entry);
    this.opts.log?.(
      `${logged.time} ${logged.status} ${logged.product ?? "-"} ${logged.action ?? "-"}${logged.code === undefined ? "" : ` ${logged.code}`}${logged.fault === undefined ? "" : ` fault=${logged.fault}`} ${JSON.stringify(logged.params)}`,
    );
  }
}
