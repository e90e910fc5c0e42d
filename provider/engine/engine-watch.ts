/**
 * The dynamic provider exits when the engine that started it is gone. Pulumi starts each plugin in
 * a process group of its own, so a SIGKILL of `pulumi up`'s group leaves the provider running: it
 * would finish waits no one records, and go on creating, updating or deleting behind the back of
 * the run that recovers the stack. The Node dynamic provider has no health check of its own (the
 * Go plugins poll the engine and exit); this is that check. The engine's gRPC address is the
 * provider process's first argument; when a connection to it is refused twice in a row, the
 * engine has died and the process exits.
 */
import { connect } from "node:net";

const ADDRESS = /^(127\.0\.0\.1|localhost|\[::1\]):(\d{1,5})$/;

/** The engine's address when this process is Pulumi's Node dynamic provider, else undefined. */
export function engineAddress(argv: readonly string[] = process.argv): { host: string; port: number } | undefined {
  const script = argv[1] ?? "";
  const m = ADDRESS.exec(argv[2] ?? "");
  if (!/dynamic-provider([\\/]index\.js)?$/.test(script) || !m) return undefined;
  return { host: (m[1] as string).replace(/^\[|\]$/g, ""), port: Number(m[2]) };
}

/** Resolves true when something accepts a connection at the address, false when it is refused. */
export function listening(host: string, port: number, timeoutMs = 2_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (up: boolean) => {
      socket.destroy();
      resolve(up);
    };
    socket.setTimeout(timeoutMs, () => done(true)); // slow is not gone
    socket.once("connect", () => done(true));
    socket.once("error", (err: NodeJS.ErrnoException) => done(err.code !== "ECONNREFUSED"));
  });
}

/** Starts the watch (an unref'd timer: it never keeps the process alive); returns a stop function. */
export function exitWithEngine(options: { argv?: readonly string[]; everyMs?: number; exit?: () => void } = {}): () => void {
  const address = engineAddress(options.argv);
  if (!address) return () => {};
  let refused = 0;
  let busy = false;
  const timer = setInterval(async () => {
    if (busy) return;
    busy = true;
    refused = (await listening(address.host, address.port)) ? 0 : refused + 1;
    busy = false;
    if (refused >= 2) (options.exit ?? (() => process.exit(1)))();
  }, options.everyMs ?? 2_000);
  timer.unref();
  return () => clearInterval(timer);
}
