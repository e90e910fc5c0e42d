import { type Server, createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { engineAddress, exitWithEngine, listening } from "../../../provider/engine/engine-watch";

const PROVIDER = "/x/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js";

let server: Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

const listen = () =>
  new Promise<number>((resolve) => {
    server = createServer((s) => s.destroy()).listen(0, "127.0.0.1", () => {
      const a = server?.address();
      resolve(typeof a === "object" && a ? a.port : 0);
    });
  });

describe("engine-watch", () => {
  it("finds the engine's address only in Pulumi's Node dynamic provider process", () => {
    expect(engineAddress(["node", PROVIDER, "127.0.0.1:41234"])).toEqual({ host: "127.0.0.1", port: 41234 });
    expect(engineAddress(["node", "/x/vitest.mjs", "127.0.0.1:41234"])).toBeUndefined();
    expect(engineAddress(["node", PROVIDER])).toBeUndefined();
    expect(engineAddress(["node", PROVIDER, "example.com:80"])).toBeUndefined();
  });

  it("tells a listening engine from a refused port", async () => {
    const port = await listen();
    expect(await listening("127.0.0.1", port)).toBe(true);
    await new Promise<void>((r) => server?.close(() => r()));
    server = undefined;
    expect(await listening("127.0.0.1", port)).toBe(false);
  });

  it("exits once the engine stops listening, not while it listens", async () => {
    const port = await listen();
    let exits = 0;
    const stop = exitWithEngine({ argv: ["node", PROVIDER, `127.0.0.1:${port}`], everyMs: 20, exit: () => exits++ });
    try {
      await new Promise((r) => setTimeout(r, 150));
      expect(exits).toBe(0);
      await new Promise<void>((r) => server?.close(() => r()));
      server = undefined;
      const deadline = Date.now() + 5_000;
      while (exits === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(exits).toBeGreaterThan(0);
    } finally {
      stop();
    }
  });
});
