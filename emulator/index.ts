/**
 * A local emulator of the cloud APIs streamjobs manages, so the demo and every test run on one
 * machine: `startEmulator()` serves them on loopback with the same wire protocol, signatures and
 * errors as the cloud — Alibaba RPC on `/`, Huawei Cloud REST on `/v1/`, `/v2/` and `/v3/`, one
 * port for both. See README.md beside this file for the support matrix.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { z } from "zod";
import { AlibabaAuthenticator } from "./auth/alibaba";
import { AK_LOCKOUT, type AccessKeyLockout, HuaweiAuthenticator } from "./auth/huawei";
import { systemClock, type Clock } from "./clock";
import { DEFAULT_INVENTORY } from "./default-inventory";
import { FaultQueue, faultRateSchema, type FaultRateInput } from "./faults";
import { findAccessKeySecret, findHuaweiProject, loadInventoryFile, parseInventory, type Inventory, type InventoryInput } from "./inventory";
import { RequestLog, type RequestLogEntry } from "./request-log";
import { AlibabaRpcRouter } from "./routers/alibaba-rpc";
import { HuaweiRestRouter } from "./routers/huawei-rest";
import { listen, LOOPBACK_HOST } from "./server";
import { createDataWorksService } from "./services/alibaba-dataworks";
import { createGpdbService } from "./services/alibaba-gpdb";
import { createDisService } from "./services/huawei-dis";
import { createDmsService } from "./services/huawei-dms";
import { createEgService } from "./services/huawei-eg";
import { createIamService } from "./services/huawei-iam";
import { mergeQuotas, type QuotaReport, Quotas, quotasSchema, type QuotasInput } from "./quotas";
import { MemoryStore, type Store } from "./store";

export { ManualClock, systemClock, type Clock } from "./clock";
export {
  DEFAULT_INVENTORY,
  DEMO_ACCESS_KEY_ID,
  DEMO_ACCESS_KEY_SECRET,
  DEMO_DB_ACCOUNT,
  DEMO_DB_INSTANCE_ID,
  DEMO_KAFKA_BROKERS,
  DEMO_DATAWORKS_PROJECT_ID,
  DEMO_DATAWORKS_PROJECT_NAME,
  DEMO_DATAWORKS_RESOURCE_GROUP,
  DEMO_DATAWORKS_SERVERLESS_RESOURCE_GROUP,
  DEMO_DATAWORKS_DATA_SOURCES,
  DEMO_REGION_ID,
  DEMO_SECOND_DB_INSTANCE_ID,
  demoAlibabaSettings,
  DEMO_HUAWEI_ACCESS_KEY,
  DEMO_HUAWEI_SECRET_KEY,
  DEMO_HUAWEI_USER,
  DEMO_HUAWEI_REGION,
  DEMO_HUAWEI_PROJECT_ID,
  DEMO_HUAWEI_DR_REGION,
  DEMO_HUAWEI_DR_PROJECT_ID,
  DEMO_HUAWEI_EG_KAFKA_CLUSTER_ID,
  DEMO_HUAWEI_EG_ROCKETMQ_CLUSTER_ID,
  DEMO_HUAWEI_EG_DCS_CLUSTER_ID,
  DEMO_HUAWEI_KAFKA_PRIMARY_ID,
  DEMO_HUAWEI_KAFKA_REPLICA_ID,
  DEMO_HUAWEI_KAFKA_DR_ID,
  DEMO_HUAWEI_KAFKA_LEGACY_ID,
  DEMO_HUAWEI_ROCKETMQ_PRIMARY_ID,
  DEMO_HUAWEI_ROCKETMQ_REPLICA_ID,
  DEMO_HUAWEI_DCS_PRIMARY_ID,
  DEMO_HUAWEI_DCS_REPLICA_ID,
  DEMO_DWS_CLUSTER_ID,
  DEMO_DWS_CLUSTER_NAME,
  DEMO_DWS_USER,
  DEMO_KMS_KEY_ID,
  DEMO_KMS_KEY_NAME,
  DEMO_OBS_BUCKET,
  DEMO_DIS_AGENCY,
  demoHuaweiSettings,
} from "./default-inventory";
export type { FaultKind, FaultMixKind, FaultRateInput, FaultRateState, FaultSpec, FaultSpecInput, FiredCounts, QueuedFault } from "./faults";
export { DEFAULT_QUOTA, type QuotaReport, type QuotasInput } from "./quotas";
export { loadInventoryFile, parseInventory, type Inventory, type InventoryInput } from "./inventory";
export {
  AK_LOCKOUT as HUAWEI_AK_LOCKOUT,
  type AccessKeyLockout,
  SIGNATURE_SKEW_MS as HUAWEI_SIGNATURE_SKEW_MS,
  TOKEN_LIFETIME_MS as HUAWEI_TOKEN_LIFETIME_MS,
} from "./auth/huawei";
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
  /** How long created or modified objects stay Init (Huawei: CREATING, STOPPING, …) before settling. @default 2000 */
  readonly settleMs?: number;
  /** @default the system clock; pass a ManualClock to move time from tests. */
  readonly clock?: Clock;
  /** Reject parameters an action (or Huawei body field) does not define. @default true */
  readonly strict?: boolean;
  /** How long a client may take to send a request body before it is answered 408 and cut off. @default 10000 */
  readonly bodyTimeoutMs?: number;
  /** The Huawei gateway's AK lock after consecutive bad signatures; `false` turns it off. @default 5 failures lock for 5 minutes */
  readonly huaweiAkLockout?: AccessKeyLockout | false;
  /** One line per cloud API call (secrets redacted) and per unexpected error. */
  readonly log?: (line: string) => void;
  /**
   * Per-action quotas, merged over the inventory's `quotas` section (these win); giving them turns
   * quotas on. @default the inventory's section, or no quotas at all
   */
  readonly quotas?: QuotasInput;
  /** A fault rate in force from the start (the control route can change it). @default none */
  readonly faultRate?: FaultRateInput;
}

export interface RunningEmulator {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly port: number;
  readonly store: Store;
  readonly clock: Clock;
  readonly inventory: Inventory;
  /** The quotas in force and how many calls each has refused. */
  quotas(): QuotaReport;
  /** Cloud API calls answered after `since` (a seq), oldest first. */
  requests(since?: number): RequestLogEntry[];
  close(): Promise<void>;
}

/** Checks an option against its schema, naming each wrong field (`faultRate.rate: …`). */
function checked<T>(name: string, schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new Error(`${name} is invalid: ${result.error.issues.map((i) => `${[name, ...i.path].join(".")}: ${i.message}`).join("; ")}`);
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
  if (opts.faultRate !== undefined) faults.setRate(checked("faultRate", faultRateSchema, opts.faultRate));
  const quotaOption = opts.quotas === undefined ? undefined : checked("quotas", quotasSchema, opts.quotas);
  const quotas = new Quotas(mergeQuotas(inventory.quotas, quotaOption), clock);
  const strict = opts.strict ?? true;
  const secretFor = (id: string) => findAccessKeySecret(inventory, id);
  const services = [createGpdbService({ store, inventory, settleMs }), createDataWorksService({ store, inventory, settleMs })];
  // What both clouds' routers share: faults, state, time, the request log and strictness.
  const shared = { faults, quotas, store, clock, requestLog, strict, ...(opts.log !== undefined && { log: opts.log }) };
  const alibaba = new AlibabaRpcRouter({ ...shared, services, authenticator: new AlibabaAuthenticator(secretFor, clock) });
  const huaweiAuth = new HuaweiAuthenticator(secretFor, clock, undefined, opts.huaweiAkLockout ?? AK_LOCKOUT);
  const huaweiServices = [
    createIamService({ inventory, tokens: huaweiAuth.tokens }),
    createEgService({ store, inventory, settleMs, strict }),
    createDmsService({ inventory }),
    createDisService({ store, inventory, settleMs, strict }),
  ];
  // A quota for an action nothing serves is a typo that would silently limit nothing.
  const served = new Set([...services.flatMap((s) => Object.keys(s.product.actions)), ...huaweiServices.flatMap((s) => s.routes.map((r) => r.operation))]);
  const unknown = quotas.listedActions.filter((a) => !served.has(a));
  if (unknown.length > 0) {
    throw new Error(
      `quotas.actions names ${unknown.map((a) => `"${a}"`).join(", ")}, which the emulator does not serve; use an Alibaba action or Huawei operation name: ${[...served].sort().join(", ")}`,
    );
  }
  const huawei = new HuaweiRestRouter({
    services: huaweiServices,
    authenticator: huaweiAuth,
    hasProject: (id) => findHuaweiProject(inventory, id) !== undefined,
    ...shared,
  });
  const server = await listen({
    port,
    alibaba,
    huawei,
    control: {
      store,
      faults,
      quotas,
      requestLog,
      clock,
      secretNames: new Set([...alibaba.secrets, ...huawei.secrets]),
      products: [...services.map((s) => `${s.product.product} ${s.product.version}`), ...huawei.products],
    },
    ...(opts.log !== undefined && { log: opts.log }),
    ...(opts.bodyTimeoutMs !== undefined && { bodyTimeoutMs: opts.bodyTimeoutMs }),
  });
  return {
    url: `http://${LOOPBACK_HOST}:${server.port}`,
    port: server.port,
    store,
    clock,
    inventory,
    quotas: () => quotas.report(),
    requests: (since = 0) => requestLog.since(since).requests,
    close: () => server.close(),
  };
}
