/**
 * `node dist/emulator/cli.js --port N [--state FILE] [--inventory FILE] [--settle-ms N] [--loose]
 *   [--quotas] [--quota-rate R] [--quota-burst N] [--quota ACTION=R[/N]]...
 *   [--fault-rate P] [--fault-seed N] [--fault-mix KIND=W,...] [--fault-latency-ms N]`
 *
 * Prints exactly one line on stdout once it is listening (the demo script waits for it and reads
 * the URL from it); everything else, including one line per API call with secrets redacted, goes to
 * stderr. SIGINT/SIGTERM close the server and exit 0.
 */
import { parseArgs } from "node:util";
import { FAULT_MIX_KINDS, type FaultMixKind, type FaultRateInput } from "./faults";
import { DEFAULT_SETTLE_MS, startEmulator, type EmulatorOptions, type RunningEmulator } from "./index";
import { DEFAULT_QUOTA, type QuotaLimitInput, type QuotasInput } from "./quotas";

export const READY_PREFIX = "streamjobs emulator listening on ";

const USAGE = `usage: streamjobs-emulator [--port N] [--state FILE] [--inventory FILE] [--settle-ms N] [--loose]
                          [--quotas] [--quota-rate R] [--quota-burst N] [--quota ACTION=R[/N]]...
                          [--fault-rate P] [--fault-seed N] [--fault-mix KIND=W,...] [--fault-latency-ms N]
  --port N         TCP port on 127.0.0.1 (default 0: any free port)
  --state FILE     persist state to FILE (and the request log to FILE.requests.jsonl)
  --inventory FILE JSON or YAML inventory (default: the built-in demo inventory)
  --settle-ms N    how long new or modified objects stay Init, or a Huawei job CREATING,
                   STARTING, STOPPING, UPDATING or DELETING (default ${DEFAULT_SETTLE_MS})
  --loose          ignore unknown parameters (and Huawei body fields) instead of rejecting them
Quotas (off unless an inventory quotas section or one of these turns them on; these win over the file):
  --quotas         enforce per-action quotas per credential (default ${DEFAULT_QUOTA.ratePerSecond} calls/s, burst ${DEFAULT_QUOTA.burst})
  --quota-rate R   calls per second of every action without its own quota (implies --quotas)
  --quota-burst N  calls allowed back to back for those actions (implies --quotas)
  --quota A=R[/N]  one action's quota: rate R per second, burst N (repeatable; implies --quotas)
Fault rate (off by default; POST /__emulator/faults {"rate": ...} changes it at run time):
  --fault-rate P   share of calls, 0 to 1, that get a fault (0.2: one call in five)
  --fault-seed N   seed of the draw: the same seed and calls give the same faults (default 1)
  --fault-mix M    weights, e.g. throttle=2,5xx=1,latency=1,drop=1,dropApplied=1
                   (kinds: ${FAULT_MIX_KINDS.join(", ")}; default every kind 1)
  --fault-latency-ms N  how long a drawn latency fault holds the call (default 1000)
Serves Alibaba RPC on / and Huawei Cloud REST (IAM, EventGrid, DMS, DIS) on /v1/, /v2/, /v3/, one port.`;

export interface CliIo {
  readonly stdout: (line: string) => void;
  readonly stderr: (line: string) => void;
}

function integer(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new Error(`--${name} needs a non-negative integer, got "${raw}"`);
  return Number(raw);
}

function decimal(name: string, raw: string): number {
  if (!/^\d+(\.\d+)?$/.test(raw)) throw new Error(`--${name} needs a non-negative number, got "${raw}"`);
  return Number(raw);
}

/** `ACTION=RATE` or `ACTION=RATE/BURST`. */
function actionQuota(raw: string): [string, QuotaLimitInput] {
  const m = /^([^=\s]+)=(\d+(?:\.\d+)?)(?:\/(\d+))?$/.exec(raw);
  if (m === null) throw new Error(`--quota needs ACTION=RATE or ACTION=RATE/BURST (e.g. CreateStreamingJob=2/4), got "${raw}"`);
  return [m[1] as string, { ratePerSecond: Number(m[2]), ...(m[3] !== undefined && { burst: Number(m[3]) }) }];
}

/** `kind=weight,kind=weight`. */
function faultMix(raw: string): Partial<Record<FaultMixKind, number>> {
  const mix: Partial<Record<FaultMixKind, number>> = {};
  for (const part of raw.split(",")) {
    const [kind, weight] = part.split("=");
    if (!(FAULT_MIX_KINDS as readonly string[]).includes(kind ?? "") || weight === undefined) {
      throw new Error(`--fault-mix needs KIND=WEIGHT pairs with KIND one of ${FAULT_MIX_KINDS.join(", ")}, got "${part}"`);
    }
    mix[kind as FaultMixKind] = decimal("fault-mix", weight);
  }
  return mix;
}

function quotaOptions(values: { quotas?: boolean; "quota-rate"?: string; "quota-burst"?: string; quota?: string[] }): QuotasInput | undefined {
  const rate = values["quota-rate"];
  const burst = values["quota-burst"];
  const actions = values.quota ?? [];
  if (values.quotas !== true && rate === undefined && burst === undefined && actions.length === 0) return undefined;
  const defaultLimit =
    rate === undefined && burst === undefined
      ? undefined
      : {
          ratePerSecond: rate === undefined ? DEFAULT_QUOTA.ratePerSecond : decimal("quota-rate", rate),
          burst: integer("quota-burst", burst, DEFAULT_QUOTA.burst),
        };
  return { enabled: true, ...(defaultLimit !== undefined && { default: defaultLimit }), actions: Object.fromEntries(actions.map(actionQuota)) };
}

function faultRateOptions(values: {
  "fault-rate"?: string;
  "fault-seed"?: string;
  "fault-mix"?: string;
  "fault-latency-ms"?: string;
}): FaultRateInput | undefined {
  const rate = values["fault-rate"];
  if (rate === undefined) {
    const stray = (["fault-seed", "fault-mix", "fault-latency-ms"] as const).find((f) => values[f] !== undefined);
    if (stray !== undefined) throw new Error(`--${stray} has no effect without --fault-rate`);
    return undefined;
  }
  return {
    rate: decimal("fault-rate", rate),
    ...(values["fault-seed"] !== undefined && { seed: integer("fault-seed", values["fault-seed"], 1) }),
    ...(values["fault-mix"] !== undefined && { mix: faultMix(values["fault-mix"]) }),
    ...(values["fault-latency-ms"] !== undefined && { latencyMs: integer("fault-latency-ms", values["fault-latency-ms"], 1000) }),
  };
}

/** Parses argv into emulator options; throws with a usage message on bad input. */
export function parseCliArgs(argv: readonly string[], log: (line: string) => void): EmulatorOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: "string" },
      state: { type: "string" },
      inventory: { type: "string" },
      "settle-ms": { type: "string" },
      loose: { type: "boolean", default: false },
      quotas: { type: "boolean" },
      "quota-rate": { type: "string" },
      "quota-burst": { type: "string" },
      quota: { type: "string", multiple: true },
      "fault-rate": { type: "string" },
      "fault-seed": { type: "string" },
      "fault-mix": { type: "string" },
      "fault-latency-ms": { type: "string" },
    },
    strict: true,
    allowPositionals: false,
  });
  const quotas = quotaOptions(values);
  const faultRate = faultRateOptions(values);
  return {
    port: integer("port", values.port, 0),
    settleMs: integer("settle-ms", values["settle-ms"], DEFAULT_SETTLE_MS),
    strict: !values.loose,
    log,
    ...(values.state !== undefined && { stateFile: values.state }),
    ...(values.inventory !== undefined && { inventory: values.inventory }),
    ...(quotas !== undefined && { quotas }),
    ...(faultRate !== undefined && { faultRate }),
  };
}

/** Starts the emulator for the command line; resolves with it once the ready line is printed. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<RunningEmulator> {
  let opts: EmulatorOptions;
  try {
    opts = parseCliArgs(argv, io.stderr);
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${USAGE}`);
  }
  const emulator = await startEmulator(opts);
  io.stdout(`${READY_PREFIX}${emulator.url}`);
  return emulator;
}

if (require.main === module) {
  const io: CliIo = {
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
  };
  runCli(process.argv.slice(2), io).then(
    (emulator) => {
      let closing = false;
      const shutdown = (signal: string) => {
        if (closing) return;
        closing = true;
        io.stderr(`received ${signal}, shutting down`);
        emulator.close().then(
          () => process.exit(0),
          (err: unknown) => {
            io.stderr(`error while closing: ${String(err)}`);
            process.exit(1);
          },
        );
      };
      process.on("SIGINT", () => shutdown("SIGINT"));
      process.on("SIGTERM", () => shutdown("SIGTERM"));
    },
    (err: unknown) => {
      io.stderr(`streamjobs emulator failed to start: ${(err as Error).message}`);
      process.exit(2);
    },
  );
}
