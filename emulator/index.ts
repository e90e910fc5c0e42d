/**
 * A local emulator of the cloud APIs streamjobs manages, so the demo and every test run on one
 * machine: `startEmulator()` serves them on loopback with the same wire protocol, signatures and
 * errors as the cloud. See README.md beside this file for the support matrix.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { AlibabaAuthenticator } from "./auth/alibaba";
import { systemClock, type Clock } from "./clock";
import { DEFAULT_INVENTORY } from "./default-inventory";
import { FaultQueue } from "./faults";
import { findAccessKeySecret, loadInventoryFile, parseInventory, type Inventory, type InventoryInput } from "./inventory";
import { RequestLog, type RequestLogEntry } from "./request-log";
import { AlibabaRpcRouter } from "./routers/alibaba-rpc";
import { listen, LOOPBACK_HOST } from "./server";
import { createGpdbService } from "./services/alibaba-gpdb";
import { MemoryStore, type Store } from "./store";

export { ManualClock, systemClock, type Clock } from "./clock";
export {
  DEFAULT_INVENTORY,
  DEMO_ACCESS_KEY_ID,
  DEMO_ACCESS_KEY_SECRET,
  DEMO_DB_ACCOUNT,
  DEMO_DB_INSTANCE_ID,
  DEMO_KAFKA_BROKERS,
  DEMO_REGION_ID,
  DEMO_SECOND_DB_INSTANCE_ID,
  demoAlibabaSettings,
} from "./default-inventory";
export type { FaultKind, FaultSpec, FaultSpecInput, QueuedFault } from "./faults";
export { loadInventoryFile, parseInventory, type Inventory, type InventoryInput } from "./inventory";
export { REDACTED, type RequestLogEntry } from "./request-log";
export type { Store, StoreDump } from "./store";

export const DEFAULT_SETTLE_MS = 2000;

export interface EmulatorOptions {
  /** Only `127.0.0.1` is accepted: the emulator has no real authentication on its control routes. */
  readonly host?: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** Persist state here (and the request log at `<stateFile>.requests.jsonl`); omit to keep it in memory. */
  readonly stateFile?: string;
  /** An inventory object or a JSON/YAML file path; defaults to DEFAULT_INVENTORY. */
  readonly inventory?: InventoryInput | string;
  /** How long created or modified objects stay Init before settling. @default 2000 */
  readonly settleMs?: number;
  /** @default the system clock; pass a ManualClock to move time from tests. */
  readonly clock?: Clock;
  /** Reject parameters an action does not define. @default true */
  readonly strict?: boolean;
  /** One line per cloud API call (secrets redacted) and per unexpected error. */
  readonly log?: (line: string) => void;
}

export interface RunningEmulator {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly port: number;
  readonly store: Store;
  readonly clock: Clock;
  readonly inventory: Inventory;
  /** Cloud API calls answered after `since` (a seq), oldest first. */
  requests(since?: number): RequestLogEntry[];
  close(): Promise<void>;
}

function resolveInventory(input: EmulatorOptions["inventory"]): Inventory {
  if (input === undefined) return DEFAULT_INVENTORY;
  return typeof input === "string" ? loadInventoryFile(input) : parseInventory(input);
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = opts.host ?? LOOPBACK_HOST;
  if (host !== LOOPBACK_HOST) throw new Error(`the emulator listens on ${LOOPBACK_HOST} only; got host "${host}"`);
  const port = opts.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`port must be an integer 0-65535, got ${port}`);
  const settleMs = opts.settleMs ?? DEFAULT_SETTLE_MS;
  if (!Number.isFinite(settleMs) || settleMs < 0) throw new Error(`settleMs must be >= 0, got ${settleMs}`);

  const inventory = resolveInventory(opts.inventory);
  const clock = opts.clock ?? systemClock;
  // `--state .streamjobs/emulator.json` on a fresh checkout should just work.
  if (opts.stateFile !== undefined) mkdirSync(dirname(opts.stateFile), { recursive: true });
  const store = new MemoryStore(opts.stateFile);
  const requestLog = new RequestLog(opts.stateFile === undefined ? {} : { file: `${opts.stateFile}.requests.jsonl` });
  const faults = new FaultQueue();
  const services = [createGpdbService({ store, inventory, settleMs })];
  const alibaba = new AlibabaRpcRouter({
    services,
    authenticator: new AlibabaAuthenticator((id) => findAccessKeySecret(inventory, id), clock),
    faults,
    store,
    clock,
    requestLog,
    strict: opts.strict ?? true,
    ...(opts.log !== undefined && { log: opts.log }),
  });
  const server = await listen({
    port,
    alibaba,
    control: {
      store,
      faults,
      requestLog,
      clock,
      secretNames: alibaba.secrets,
      products: services.map((s) => `${s.product.product} ${s.product.version}`),
    },
    ...(opts.log !== undefined && { log: opts.log }),
  });
  return {
    url: `http://${LOOPBACK_HOST}:${server.port}`,
    port: server.port,
    store,
    clock,
    inventory,
    requests: (since = 0) => requestLog.since(since).requests,
    close: () => server.close(),
  };
}

