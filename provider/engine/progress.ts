/**
 * Progress lines attached to the resource they are about, as an ephemeral status: the CLI shows
 * the line on that resource's row while its step runs, and not again under Diagnostics.
 *
 * The engine allows it: its Log call takes a URN and an `ephemeral` flag (what `pulumi.log.info(msg,
 * resource, streamId, true)` sends from a program). Pulumi's Node dynamic provider host gives a
 * provider neither: the methods receive properties only, not the request's URN, and the host keeps
 * no engine client (its `console.log` output reaches the CLI as plain lines on the Stack row, then
 * repeated under Diagnostics). So, in the host's process only:
 * - the URN is read off the request itself: the Create, Update and Delete request classes of the
 *   host's own generated protobuf module are wrapped so that the properties object they decode
 *   (the very object the host passes to the provider) is remembered with the request's URN;
 *   `forRequestOf` then runs the handler with that URN in an AsyncLocalStorage, so every line a
 *   wait prints inside it knows its resource, also when requests run concurrently;
 * - the line is sent with the host's own gRPC client classes to the engine address the host was
 *   started with (its first argument), as an INFO message with the URN and `ephemeral: true`.
 * Anywhere else (tests, scripts, another host layout, a Log call that fails, the first request of
 * a process: it is decoded before this module is loaded) the line goes to stdout as before.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { createRequire } from "node:module";
import { engineAddress } from "./engine-watch";

/** Sends one line to the engine about a resource; resolves false when the engine did not take it. */
export type EngineLog = (line: string, urn: string) => Promise<boolean>;

const urnOfProps = new WeakMap<object, string>();
const current = new AsyncLocalStorage<string>();
const TAGGED = Symbol.for("pulumi-streamjobs.urn-tagged");

/** The requests whose handlers wait, and the getter of the properties the host hands on. */
const WAITING_REQUESTS: readonly (readonly [string, string])[] = [
  ["CreateRequest", "getProperties"],
  ["UpdateRequest", "getNews"],
  ["DeleteRequest", "getProperties"],
];

interface Decodable {
  toJavaScript(...args: unknown[]): unknown;
  [TAGGED]?: true;
}

type Getter = ((this: { getUrn(): string }) => Decodable | undefined) & { [TAGGED]?: true };

/** Remembers the URN of whatever object `struct` decodes into. */
function tagStruct(struct: Decodable, urn: string): void {
  if (struct[TAGGED]) return;
  const decode = struct.toJavaScript;
  struct.toJavaScript = function (this: Decodable, ...args: unknown[]) {
    const decoded = decode.apply(this, args);
    if (typeof decoded === "object" && decoded !== null) urnOfProps.set(decoded, urn);
    return decoded;
  };
  struct[TAGGED] = true;
}

/**
 * Wraps the request classes of a provider protobuf module (`proto/provider_pb` of @pulumi/pulumi)
 * so that the properties they decode are remembered with the request's URN. Returns how many
 * classes are wrapped (0 when the module has none of the expected shape); wrapping twice is a no-op.
 */
export function tagRequests(providerProto: Readonly<Record<string, unknown>>): number {
  let wrapped = 0;
  for (const [name, getterName] of WAITING_REQUESTS) {
    const proto = (providerProto[name] as { prototype?: Record<string, unknown> } | undefined)?.prototype;
    const original = proto?.[getterName] as Getter | undefined;
    if (proto === undefined || typeof original !== "function" || typeof proto.getUrn !== "function") continue;
    if (original[TAGGED]) {
      wrapped++;
      continue;
    }
    const tagging: Getter = function (this: { getUrn(): string }) {
      const struct = original.call(this);
      const urn = this.getUrn();
      if (struct && typeof struct.toJavaScript === "function" && urn) tagStruct(struct, urn);
      return struct;
    };
    tagging[TAGGED] = true;
    proto[getterName] = tagging;
    wrapped++;
  }
  return wrapped;
}

/** Runs `fn` as the handling of the request `props` was decoded from: progress inside it names that resource. */
export function forRequestOf<T>(props: unknown, fn: () => T): T {
  const urn = typeof props === "object" && props !== null ? urnOfProps.get(props) : undefined;
  return urn === undefined ? fn() : current.run(urn, fn);
}

/** The URN of the resource whose request is being handled here, if known. */
export function currentUrn(): string | undefined {
  return current.getStore();
}

/** The gRPC pieces an engine Log call needs: @grpc/grpc-js and @pulumi/pulumi's engine protobuf modules. */
export interface EngineModules {
  readonly grpc: { credentials: { createInsecure(): unknown } };
  readonly engineGrpc: { EngineClient: new (target: string, credentials: unknown) => { log(req: unknown, done: (err: unknown) => void): void } };
  readonly engineProto: {
    LogRequest: new () => { setSeverity(s: number): void; setMessage(m: string): void; setUrn(u: string): void; setEphemeral(e: boolean): void };
    LogSeverity: { INFO: number };
  };
}

/** An engine Log sender to `target` (`host:port`): each line an INFO message about `urn`, ephemeral. */
export function engineLogAt(target: string, m: EngineModules): EngineLog {
  const client = new m.engineGrpc.EngineClient(target, m.grpc.credentials.createInsecure());
  return (line, urn) =>
    new Promise((resolve) => {
      const req = new m.engineProto.LogRequest();
      req.setSeverity(m.engineProto.LogSeverity.INFO);
      req.setMessage(line);
      req.setUrn(urn);
      req.setEphemeral(true);
      client.log(req, (err) => resolve(!err));
    });
}

/** A progress printer: to the engine about the current resource when it can, else to `fallback`. */
export function progressPrinter(engineLog: EngineLog | undefined, fallback: (line: string) => void = (l) => console.log(l)): (line: string) => void {
  return (line) => {
    const urn = currentUrn();
    if (engineLog === undefined || urn === undefined) return fallback(line);
    void engineLog(line, urn).then((taken) => {
      if (!taken) fallback(line);
    });
  };
}

/** The host's own modules, resolved from its entry script, when this process is the Node dynamic provider. */
function hostModules(): { target: string; modules: EngineModules; providerProto: Record<string, unknown> } | undefined {
  const address = engineAddress();
  if (address === undefined) return undefined;
  try {
    const main = require.main?.filename;
    if (main === undefined) return undefined;
    const hostRequire = createRequire(main);
    return {
      target: address.host.includes(":") ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`,
      modules: {
        grpc: hostRequire("@grpc/grpc-js"),
        engineGrpc: hostRequire("../../proto/engine_grpc_pb"),
        engineProto: hostRequire("../../proto/engine_pb"),
      },
      providerProto: hostRequire("../../proto/provider_pb"),
    };
  } catch {
    return undefined;
  }
}

let printer: (line: string) => void = progressPrinter(undefined);

/**
 * In the dynamic provider's process: start attaching progress to resources (tag the host's
 * requests, connect to the engine). Elsewhere a no-op; progress then goes to stdout.
 */
export function attachProgressToResources(): void {
  const host = hostModules();
  if (host === undefined || tagRequests(host.providerProto) === 0) return;
  printer = progressPrinter(engineLogAt(host.target, host.modules));
}

/** Prints one progress line, on the row of the resource being handled where the engine allows. */
export function printProgress(line: string): void {
  printer(line);
}
