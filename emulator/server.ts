/**
 * The HTTP transport: loopback only, bodies capped, connections bounded, every path answered —
 * control routes under /__emulator/, Huawei Cloud REST under /v1/, /v2/ and /v3/, Alibaba RPC
 * everywhere else (each router rejects what it does not serve, loudly). Nothing here knows a cloud's
 * protocol beyond which router a path belongs to.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { CONTROL_PREFIX, handleControl, type ControlContext } from "./control";
import { alibabaErrors, errorEnvelope } from "./errors/alibaba";
import { newRequestId } from "./request-id";
import type { AlibabaRpcRouter } from "./routers/alibaba-rpc";
import { isHuaweiPath, type HuaweiRestRouter } from "./routers/huawei-rest";

export const LOOPBACK_HOST = "127.0.0.1";
export const MAX_BODY_BYTES = 1024 * 1024;
/** Beyond this many bytes an oversized body is no longer drained politely; the socket is cut. */
const MAX_DRAIN_BYTES = 16 * MAX_BODY_BYTES;
const MAX_CONNECTIONS = 256;

export interface ServerOptions {
  readonly port: number;
  readonly alibaba: AlibabaRpcRouter;
  readonly huawei: HuaweiRestRouter;
  readonly control: ControlContext;
  readonly log?: (line: string) => void;
}

type Body = { ok: true; bytes: Buffer } | { ok: false };

/**
 * Reads the body up to the limit. An oversized body is drained to its end (up to a hard cap) so
 * the client reliably receives the 413 instead of a reset while it is still sending.
 */
function readBody(req: IncomingMessage): Promise<Body> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    req.on("data", (chunk: Buffer) => {
      total += chunk.length;
      if (total > MAX_DRAIN_BYTES) req.destroy();
      else if (total <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => resolve(total > MAX_BODY_BYTES ? { ok: false } : { ok: true, bytes: Buffer.concat(chunks) }));
    // Cut off (by us past the drain cap, or by the client): nothing left to answer.
    req.on("close", () => {
      if (!req.complete) resolve({ ok: false });
    });
    req.on("error", reject);
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

async function route(req: IncomingMessage, res: ServerResponse, opts: ServerOptions): Promise<void> {
  const url = new URL(req.url ?? "/", `http://${LOOPBACK_HOST}`);
  const method = req.method ?? "GET";
  const isControl = url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`);
  const isHuawei = !isControl && isHuaweiPath(url.pathname);
  if (isControl && !isLoopback(req.socket.remoteAddress)) {
    send(res, 403, { error: "control routes answer loopback clients only" });
    return;
  }
  const body = await readBody(req);
  if (!body.ok) {
    if (isControl) send(res, 413, { error: `body exceeds ${MAX_BODY_BYTES} bytes` }, { connection: "close" });
    else if (isHuawei) {
      const outcome = opts.huawei.bodyTooLarge(MAX_BODY_BYTES);
      if (outcome.kind === "respond") send(res, outcome.status, outcome.body, outcome.headers);
    } else {
      const requestId = newRequestId();
      send(res, 413, errorEnvelope(alibabaErrors.bodyTooLarge(MAX_BODY_BYTES), requestId, req.headers.host ?? LOOPBACK_HOST), {
        connection: "close",
        "x-acs-request-id": requestId,
      });
    }
    return;
  }
  if (isControl) {
    const out = handleControl({ method, url, body: body.bytes }, opts.control);
    send(res, out.status, out.body, out.headers);
    return;
  }
  const outcome = isHuawei
    ? await opts.huawei.handle({ method, target: req.url ?? "/", headers: req.headers, rawBody: body.bytes })
    : await opts.alibaba.handle({ method, url, headers: req.headers, rawBody: body.bytes });
  if (outcome.kind === "drop") req.socket.destroy();
  else send(res, outcome.status, outcome.body, outcome.headers);
}

export interface ListeningServer {
  readonly server: Server;
  readonly port: number;
  close(): Promise<void>;
}

export async function listen(opts: ServerOptions): Promise<ListeningServer> {
  const server = createServer((req, res) => {
    route(req, res, opts).catch((err: unknown) => {
      opts.log?.(`emulator transport error: ${(err as Error).stack ?? String(err)}`);
      if (!res.headersSent) send(res, 500, { error: "emulator transport error" });
      else res.destroy();
    });
  });
  server.maxConnections = MAX_CONNECTIONS;
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;
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
