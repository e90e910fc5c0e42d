/**
 * The Alibaba RPC wire protocol, generic over product tables: read the merged query and form body,
 * find the action by (Action, Version) — V1 in the query, V3 in `x-acs-*` headers — authenticate,
 * count the call against its quota, apply any queued or drawn fault, validate parameters from the
 * table, run the product's handler inside a store transaction, and answer with `RequestId` in every
 * body, errors in the gateway's envelope.
 *
 * Products are found by version because the emulator serves every product on one host, where the
 * cloud tells them apart by endpoint; versions differ across the products we emulate.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { RpcActionSpec, RpcProduct } from "../../provider/apis/alibaba-rpc";
import type { AlibabaAuthenticator } from "../auth/alibaba";
import type { Clock } from "../clock";
import { AlibabaError, alibabaErrors, errorEnvelope } from "../errors/alibaba";
import type { FaultKind, FaultQueue } from "../faults";
import type { Quotas } from "../quotas";
import { headerValue } from "../http-headers";
import { newRequestId } from "../request-id";
import { redactParams, type RequestLog, type RequestLogEntry } from "../request-log";
import type { Store } from "../store";
import { MAX_PARAMETERS, PROTOCOL_PARAMS, secretParamNames, validateParams } from "./alibaba-params";
import type { RouteOutcome } from "./outcome";

/** One validated call, as a product handler sees it. */
export interface RpcCall<P> {
  readonly action: string;
  readonly params: P;
  readonly requestId: string;
  /** The emulator clock at the start of the call. */
  readonly now: number;
  /** A queued "stuck" fault: whatever this call creates or modifies never leaves Init. */
  readonly stuck: boolean;
}

export interface RpcService {
  readonly product: RpcProduct;
  /** Returns the body (without RequestId) or throws an AlibabaError. Runs inside a store transaction. */
  handle(call: RpcCall<Record<string, unknown>>): Record<string, unknown>;
  /**
   * What the clock did since the last call (deployments that settled), applied in a transaction of
   * its own before `handle`, so a call that then fails does not roll it back.
   */
  advance?(now: number): void;
}

export interface HttpExchange {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingHttpHeaders;
  readonly rawBody: Buffer;
}

export interface AlibabaRpcRouterOptions {
  readonly services: readonly RpcService[];
  readonly authenticator: AlibabaAuthenticator;
  readonly faults: FaultQueue;
  /** Per-action quotas per access key; a call over its quota is refused with Throttling.User. */
  readonly quotas?: Quotas;
  readonly store: Store;
  readonly clock: Clock;
  readonly requestLog: RequestLog;
  /** Reject parameters an action does not define. */
  readonly strict: boolean;
  /** Called with each logged entry (the CLI prints them) and with unexpected errors. */
  readonly log?: (line: string) => void;
}

interface Resolved {
  readonly service: RpcService;
  readonly spec: RpcActionSpec;
}

function searchParamsToRecord(sp: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of sp) out[k] = v;
  return out;
}

/** Every name=value pair, repeats included: what the parameter bound counts. */
function countParams(sp: URLSearchParams): number {
  let n = 0;
  for (const _ of sp.keys()) n++;
  return n;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

export class AlibabaRpcRouter {
  private readonly secretNames: ReadonlySet<string>;

  constructor(private readonly opts: AlibabaRpcRouterOptions) {
    this.secretNames = secretParamNames(opts.services.map((s) => s.product));
  }

  /** Parameter names redacted in logs and dumps. */
  get secrets(): ReadonlySet<string> {
    return this.secretNames;
  }

  async handle(ex: HttpExchange): Promise<RouteOutcome> {
    const requestId = newRequestId();
    const time = new Date(this.opts.clock.now()).toISOString();
    let resolved: Resolved | undefined;
    let action: string | null = null;
    let merged: Record<string, string> = {};
    let fault: FaultKind | undefined;
    let hostId = headerValue(ex.headers, "host") ?? "127.0.0.1";

    const record = (status: number, code?: string) =>
      this.record({
        time,
        product: resolved?.service.product.product ?? null,
        action,
        params: this.loggable(merged),
        status,
        requestId,
        ...(code !== undefined && { code }),
        ...(fault !== undefined && { fault }),
      });
    const finish = (status: number, body: unknown, code?: string): RouteOutcome => {
      record(status, code);
      return { kind: "respond", status, headers: { "x-acs-request-id": requestId }, body };
    };
    const drop = (): RouteOutcome => {
      record(0);
      return { kind: "drop" };
    };

    try {
      if (ex.url.pathname !== "/" || (ex.method !== "GET" && ex.method !== "POST")) {
        throw alibabaErrors.routeNotFound(ex.method, ex.url.pathname);
      }
      const formParams = this.readForm(ex);
      const count = countParams(ex.url.searchParams) + countParams(formParams);
      if (count > MAX_PARAMETERS) throw alibabaErrors.tooManyParameters(count, MAX_PARAMETERS);
      const query = searchParamsToRecord(ex.url.searchParams);
      const form = searchParamsToRecord(formParams);
      // The SDK signs query and form as one set with the body winning a clash; read them the same way.
      merged = { ...query, ...form };
      const v3 = headerValue(ex.headers, "authorization") !== undefined || headerValue(ex.headers, "x-acs-action") !== undefined;
      action = (v3 ? headerValue(ex.headers, "x-acs-action") : merged.Action) ?? null;
      const version = v3 ? headerValue(ex.headers, "x-acs-version") : merged.Version;
      if (action === null || action === "") throw alibabaErrors.missingParameter(v3 ? "x-acs-action" : "Action");
      if (version === undefined || version === "") throw alibabaErrors.missingParameter(v3 ? "x-acs-version" : "Version");
      resolved = this.resolve(action, version);
      hostId = resolved.service.product.endpointHost(merged.RegionId ?? "");

      const caller = this.opts.authenticator.verify({ method: ex.method, query, form, headers: ex.headers, rawBody: ex.rawBody });
      // The gateway counts a quota per API and account after knowing who calls, before anything runs.
      if (this.opts.quotas?.admit(resolved.service.product.product, action, caller.accessKeyId) === false) throw alibabaErrors.throttling();

      const f = this.opts.faults.take(action);
      fault = f?.kind;
      if (f?.kind === "throttle") throw alibabaErrors.throttling();
      if (f?.kind === "5xx") throw alibabaErrors.serviceUnavailable();
      if (f?.kind === "latency") await delay(f.latencyMs);
      if (f?.kind === "drop" && !f.applied) return drop();

      const format = merged.Format;
      if (format !== undefined && format.toLowerCase() !== "json") throw alibabaErrors.unsupportedFormat(format);
      const params = validateParams(action, resolved.spec, merged, { strict: this.opts.strict });
      const { service } = resolved;
      const call: RpcCall<Record<string, unknown>> = {
        action,
        params,
        requestId,
        now: this.opts.clock.now(),
        stuck: f?.kind === "stuck",
      };
      if (service.advance) this.opts.store.transaction(() => service.advance?.(call.now));
      const body = this.opts.store.transaction(() => service.handle(call));
      if (f?.kind === "drop") return drop();
      return finish(200, { RequestId: requestId, ...body });
    } catch (err) {
      const known = err instanceof AlibabaError ? err : undefined;
      if (known === undefined) this.opts.log?.(`internal error in ${action ?? "?"} (RequestId ${requestId}): ${(err as Error).stack ?? String(err)}`);
      const e = known ?? alibabaErrors.internal();
      return finish(e.status, errorEnvelope(e, requestId, hostId, resolved?.service.product.product), e.code);
    }
  }

  private readForm(ex: HttpExchange): URLSearchParams {
    if (ex.rawBody.length === 0) return new URLSearchParams();
    const type = (headerValue(ex.headers, "content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
    if (type === "application/x-www-form-urlencoded") return new URLSearchParams(ex.rawBody.toString("utf8"));
    if (this.opts.strict) throw alibabaErrors.unsupportedContentType(type === "" ? "(none)" : type);
    return new URLSearchParams();
  }

  private resolve(action: string, version: string): Resolved {
    const byVersion = this.opts.services.find((s) => s.product.version === version);
    const spec = byVersion?.product.actions[action];
    if (byVersion !== undefined && spec !== undefined) return { service: byVersion, spec };
    const elsewhere = this.opts.services.filter((s) => s.product.actions[action] !== undefined);
    if (elsewhere.length > 0)
      throw alibabaErrors.invalidVersion(
        action,
        version,
        elsewhere.map((s) => s.product.version),
      );
    throw alibabaErrors.invalidAction(action, version);
  }

  private loggable(merged: Readonly<Record<string, string>>): Record<string, string> {
    const business: Record<string, string> = {};
    for (const [k, v] of Object.entries(merged)) if (!PROTOCOL_PARAMS.has(k)) business[k] = v;
    return redactParams(business, this.secretNames);
  }

  private record(entry: Omit<RequestLogEntry, "seq">): void {
    const logged = this.opts.requestLog.append(entry);
    this.opts.log?.(
      `${logged.time} ${logged.status} ${logged.product ?? "-"} ${logged.action ?? "-"}${logged.code === undefined ? "" : ` ${logged.code}`}${logged.fault === undefined ? "" : ` fault=${logged.fault}`} ${JSON.stringify(logged.params)}`,
    );
  }
}
