// A fixed network latency in front of the emulator: an HTTP proxy on a loopback port that holds
// every request `delayMs` before forwarding it unchanged (headers included, so signatures still
// verify) and streams the answer back. The emulator answers in well under a millisecond, which a
// cloud never does; without this a bench would reward sending calls one at a time.
import { createServer, request } from "node:http";

/**
 * @param {{ target: string, delayMs: number }} o target: the emulator's URL
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function startLatencyProxy(o) {
  const target = new URL(o.target);
  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      setTimeout(() => forward(target, req, Buffer.concat(chunks), res), o.delayMs);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function forward(target, req, body, res) {
  const out = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  // A connection the emulator drops (a fault) is dropped here too, as the network would.
  out.on("error", () => res.destroy());
  out.end(body);
}
