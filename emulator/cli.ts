/**
 * `node dist/emulator/cli.js --port N [--state FILE] [--inventory FILE] [--settle-ms N] [--loose]`
 *
 * Prints exactly one line on stdout once it is listening (the demo script waits for it and reads
 * the URL from it); everything else, including one line per API call with secrets redacted, goes to
 * stderr. SIGINT/SIGTERM close the server and exit 0.
 */
import { parseArgs } from "node:util";
import { DEFAULT_SETTLE_MS, startEmulator, type EmulatorOptions, type RunningEmulator } from "./index";

export const READY_PREFIX = "streamjobs emulator listening on ";

const USAGE = `usage: streamjobs-emulator [--port N] [--state FILE] [--inventory FILE] [--settle-ms N] [--loose]
  --port N         TCP port on 127.0.0.1 (default 0: any free port)
  --state FILE     persist state to FILE (and the request log to FILE.requests.jsonl)
  --inventory FILE JSON or YAML inventory (default: the built-in demo inventory)
  --settle-ms N    how long new or modified objects stay Init, or a Huawei job CREATING,
                   STARTING, STOPPING, UPDATING or DELETING (default ${DEFAULT_SETTLE_MS})
  --loose          ignore unknown parameters (and Huawei body fields) instead of rejecting them
Serves Alibaba RPC on / and Huawei Cloud REST (IAM, EventGrid, DMS) on /v1/, /v2/, /v3/, one port.`;

export interface CliIo {
  readonly stdout: (line: string) => void;
  readonly stderr: (line: string) => void;
}

function integer(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new Error(`--${name} needs a non-negative integer, got "${raw}"`);
  return Number(raw);
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
    },
    strict: true,
    allowPositionals: false,
  });
  return {
    port: integer("port", values.port, 0),
    settleMs: integer("settle-ms", values["settle-ms"], DEFAULT_SETTLE_MS),
    strict: !values.loose,
    log,
    ...(values.state !== undefined && { stateFile: values.state }),
    ...(values.inventory !== undefined && { inventory: values.inventory }),
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
