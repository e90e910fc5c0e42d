/**
 * The HTTP transport: loopback only, bodies capped, connections bounded, every path answered —
 * control routes under /__emulator/, Huawei Cloud REST under /v1/, /v2/ and /v3/, Alibaba RPC
 * everywhere else (each router rejects what it does not serve, loudly). Nothing here knows a cloud's
 * protocol beyond which router a path belongs to.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse, STATUS_CODES } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { CONTROL_PREFIX, handleControl, refuseControlRequest, type ControlContext } from "./control";
import { type AlibabaError, alibabaErrors, errorEnvelope } from "./errors/alibaba";
import { apigErrors, type HuaweiError } from "./errors/huawei";
import { newRequestId } from "./request-id";
import type { AlibabaRpcRouter } from "./routers/alibaba-rpc";
import { isHuaweiPath, type HuaweiRestRouter } from "./routers/huawei-rest";

export const LOOPBACK_HOST = "127.0.0.1";
export const MAX_BODY_BYTES = 1024 * 1024;
/**
 * The request line plus headers. Above Node's 16 KiB default so that a long query is refused by
 * the routers in the cloud's envelope (too many parameters) rather than by the HTTP parser.
 */
export const MAX_HEADER_BYTES = 128 * 1024;
/** How long a client may take to send its body once the headers are in (small in tests). */
export const DEFAULT_BODY_TIMEOUT_MS = 10_000;
const HEADERS_TIMEOUT_MS = 10_000;
/** Beyond this many bytes an oversized body is no longer drained politely; the socket is cut. */
const MAX_DRAIN_BYTES = 16 * MAX_BODY_BYTES;
const MAX_CONNECTIONS = 256;

export interface ServerOptions {
  readonly port: number;
  readonly alibaba: AlibabaRpcRouter;
  readonly huawei: HuaweiRestRouter;
  readonly control: ControlContext;
  /** @default DEFAULT_BODY_TIMEOUT_MS */
  readonly bodyTimeoutMs?: number;
  readonly log?: (line: string) => void;
}

type Body = { ok: true; bytes: Buffer } | { ok: false; why: "too-large" | "timeout" | "cut" };

/**
 * Reads the body up to the limit, within the time limit. An oversized body is drained to its end
 * (up to a hard cap) so the client reliably receives the 413 instead of a reset while it is still
 * sending; a body that has not arrived in time is answered at once (408) and its connection closed.
 */
function readBody(req: IncomingMessage, timeoutMs: number): Promise<Body> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const done = (body: Body) => {
      clearTimeout(timer);
      resolve(body);
    };
    const timer = setTimeout(() => {
      req.pause();
      done({ ok: false, why: "timeout" });
    }, timeoutMs);
    timer.unref();
    req.on("data", (chunk: Buffer) => {
      total += chunk.length;
      if (total > MAX_DRAIN_BYTES) req.destroy();
      else if (total <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => done(total > MAX_BODY_BYTES ? { ok: false, why: "too-large" } : { ok: true, bytes: Buffer.concat(chunks) }));
    // Cut off (by us past the drain cap, or by the client): nothing left to answer.
    req.on("close", () => {
      if (!req.complete) done({ ok: false, why: "cut" });
    });
    req.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/** A JSON answer; an undefined body is sent empty (Huawei answers some calls with 201/204 and no body). */
function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? "" : JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json;charset=utf-8",
    "content-length": String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

function isLoopback(address: string | undefined): boolean {
  return address === "127.0.0.1" || address === "::1" || address === "::ffff:127.0.0.1";
}

type Family = "control" | "huawei" | "alibaba";

function familyOf(pathname: string): Family {
  if (pathname === CONTROL_PREFIX || pathname.startsWith(`${CONTROL_PREFIX}/`)) return "control";
  return isHuaweiPath(pathname) ? "huawei" : "alibaba";
}

/** A refusal before routing, in the envelope of whoever the path belongs to; the connection closes after it. */
interface Refusal {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Record<string, string>;
}

function refusal(family: Family, opts: ServerOptions, host: string | undefined, control: string, huawei: HuaweiError, alibaba: AlibabaError): Refusal {
  if (family === "control") return { status: huawei.status, body: { error: control }, headers: { connection: "close" } };
  if (family === "huawei") {
    const outcome = opts.huawei.refuse(huawei);
    if (outcome.kind === "respond") return { status: outcome.status, body: outcome.body, headers: outcome.headers };
  }
  const requestId = newRequestId();
  return {
    status: alibaba.status,
    body: errorEnvelope(alibaba, requestId, host ?? LOOPBACK_HOST),
    headers: { connection: "close", "x-acs-request-id": requestId },
  };
}

async function route(req: IncomingMessage, res: ServerResponse, opts: ServerOptions): Promise<void> {
  const url = new URL(req.url ?? "/", `http://${LOOPBACK_HOST}`);
  const method = req.method ?? "GET";
  const family = familyOf(url.pathname);
  if (family === "control") {
    const refused = isLoopback(req.socket.remoteAddress)
      ? refuseControlRequest(req.headers)
      : { status: 403, body: { error: "control routes answer loopback clients only" } };
    if (refused !== undefined) {
      // The body (if any) is never read, so the connection cannot be reused.
      send(res, refused.status, refused.body, { ...refused.headers, connection: "close" });
      return;
    }
  }
  const bodyTimeoutMs = opts.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS;
  const body = await readBody(req, bodyTimeoutMs);
  if (!body.ok) {
    if (body.why === "cut") return;
    const r =
      body.why === "timeout"
        ? refusal(
            family,
            opts,
            req.headers.host,
            `the body was not received within ${bodyTimeoutMs} ms`,
            apigErrors.requestTimeout(bodyTimeoutMs),
            alibabaErrors.requestTimeout(bodyTimeoutMs),
          )
        : refusal(
            family,
            opts,
            req.headers.host,
            `body exceeds ${MAX_BODY_BYTES} bytes`,
            apigErrors.bodyTooLarge(MAX_BODY_BYTES),
            alibabaErrors.bodyTooLarge(MAX_BODY_BYTES),
          );
    send(res, r.status, r.body, r.headers);
    // A stalled client is still mid-upload: close our side once the answer is out, whatever it does.
    if (body.why === "timeout") res.once("finish", () => req.socket.destroySoon());
    return;
  }
  if (family === "control") {
    const out = handleControl({ method, url, body: body.bytes }, opts.control);
    send(res, out.status, out.body, out.headers);
    return;
  }
  const outcome =
    family === "huawei"
      ? await opts.huawei.handle({ method, target: req.url ?? "/", headers: req.headers, rawBody: body.bytes })
      : await opts.alibaba.handle({ method, url, headers: req.headers, rawBody: body.bytes });
  if (outcome.kind === "drop") req.socket.destroy();
  else send(res, outcome.status, outcome.body, outcome.headers);
}

/**
 * The HTTP parser's own refusals (headers too large, a malformed request line, the whole-request
 * backstop timeout) written by hand, since no request object exists yet. The envelope is the path
 * owner's when the bytes the parser last saw start with the request line; otherwise (a long request
 * arrives in several chunks and only the last is kept) Alibaba's, as for any unknown path.
 */
function answerClientError(err: Error & { code?: string; rawPacket?: Buffer }, socket: Socket, opts: ServerOptions): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const firstLine = err.rawPacket?.toString("latin1").split("\r\n", 1)[0] ?? "";
  const target = /^[A-Z]+ (\S+)/.exec(firstLine)?.[1] ?? "/";
  let family: Family = "alibaba";
  try {
    family = familyOf(new URL(target, `http://${LOOPBACK_HOST}`).pathname);
  } catch {
    // an unparseable target: Alibaba's envelope, as for any other unknown path
  }
  let r: Refusal;
  if (err.code === "HPE_HEADER_OVERFLOW") {
    r = refusal(
      family,
      opts,
      undefined,
      `the request line and headers exceed ${MAX_HEADER_BYTES} bytes`,
      apigErrors.headersTooLarge(MAX_HEADER_BYTES),
      alibabaErrors.headersTooLarge(MAX_HEADER_BYTES),
    );
  } else if (err.code === "ERR_HTTP_REQUEST_TIMEOUT") {
    const ms = opts.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS;
    r = refusal(family, opts, undefined, `the request was not received within ${ms} ms`, apigErrors.requestTimeout(ms), alibabaErrors.requestTimeout(ms));
  } else {
    const why = `the request is not valid HTTP/1.1 (${err.code ?? err.message})`;
    r = refusal(family, opts, undefined, why, apigErrors.badRequestBody(`${why}.`), alibabaErrors.malformedRequest(why));
  }
  const text = JSON.stringify(r.body);
  const head = [
    `HTTP/1.1 ${r.status} ${STATUS_CODES[r.status] ?? ""}`,
    "content-type: application/json;charset=utf-8",
    `content-length: ${Buffer.byteLength(text)}`,
    ...Object.entries({ ...r.headers, connection: "close" }).map(([k, v]) => `${k}: ${v}`),
  ];
  socket.end(`${head.join("\r\n")}\r\n\r\n${text}`);
}

export interface ListeningServer {
  readonly server: Server;
  readonly port: number;
  close(): Promise<void>;
}

export async function listen(opts: ServerOptions): Promise<ListeningServer> {
  const bodyTimeoutMs = opts.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS;
  if (!Number.isInteger(bodyTimeoutMs) || bodyTimeoutMs <= 0) throw new Error(`bodyTimeoutMs must be a positive integer, got ${bodyTimeoutMs}`);
  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => {
    route(req, res, opts).catch((err: unknown) => {
      opts.log?.(`emulator transport error: ${(err as Error).stack ?? String(err)}`);
      if (!res.headersSent) send(res, 500, { error: "emulator transport error" });
      else res.destroy();
    });
  });
  server.on("clientError", (err: Error, socket: Socket) => answerClientError(err, socket, opts));
  server.maxConnections = MAX_CONNECTIONS;
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  // A backstop only: the body timer in readBody answers first.
  server.requestTimeout = HEADERS_TIMEOUT_MS + bodyTimeoutMs + 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, LOOPBACK_HOST, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Idle keep-alive sockets would otherwise hold close() open until they time out.
        server.closeAllConnections();
      }),
  };
}
