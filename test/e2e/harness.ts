/**
 * The e2e harness: the real Pulumi CLI through the Automation API, a local file backend in a temp
 * dir, and the emulator on a loopback port. The dynamic provider runs in the CLI's plugin process,
 * so only a real network emulator can reach it.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join } from "node:path";
import { LocalWorkspace, PulumiCommand, type Stack } from "@pulumi/pulumi/automation";
import { gpdb } from "../../provider/apis/alibaba-gpdb";
import { AlibabaRpcClient } from "../../provider/clients/alibaba";
import { HuaweiClient, type HuaweiService } from "../../provider/clients/huawei";
import {
  DEMO_ACCESS_KEY_ID,
  DEMO_ACCESS_KEY_SECRET,
  DEMO_DB_ACCOUNT,
  DEMO_HUAWEI_ACCESS_KEY,
  DEMO_HUAWEI_PROJECT_ID,
  DEMO_HUAWEI_REGION,
  DEMO_HUAWEI_SECRET_KEY,
  DEMO_REGION_ID,
  type EmulatorOptions,
  type RunningEmulator,
  demoAlibabaSettings,
  demoHuaweiSettings,
  startEmulator,
} from "../../emulator";
import { callsSince, lastSeq as logMark } from "../helpers/emulator";

export async function pulumiBinDir(): Promise<string> {
  if (process.env.STREAMJOBS_PULUMI_BIN) return process.env.STREAMJOBS_PULUMI_BIN;
  // @ts-expect-error: plain ESM script without type declarations
  const { ensurePulumiCli } = await import("../../scripts/lib/pulumi-cli.mjs");
  return (await ensurePulumiCli({ log: () => {} })).binDir as string;
}

export interface Harness {
  /** Temp dir holding the file backend (state, history, backups). */
  stateDir: string;
  emulator: RunningEmulator;
  client: AlibabaRpcClient<typeof gpdb>;
  /** EventGrid in the demo project, with the demo AK/SK (for out-of-band changes and checks). */
  eg: HuaweiClient;
  /** Another Huawei service in the demo project, same credentials. */
  huawei(service: HuaweiService): HuaweiClient;
  stack(fixture: string, name: string, config?: Record<string, { value: string; secret?: boolean }>): Promise<Stack>;
  /** Cloud API calls the emulator received since `mark`. */
  callsSince(mark: number): string[];
  close(): Promise<void>;
}

/** What a test may change about the harness's emulator (the load test turns quotas and a fault rate on). */
export type HarnessEmulatorOptions = Pick<EmulatorOptions, "quotas" | "faultRate" | "settleMs">;

export async function startHarness(emulatorOptions: HarnessEmulatorOptions = {}): Promise<Harness> {
  const binDir = await pulumiBinDir();
  const state = mkdtempSync(join(tmpdir(), "streamjobs-e2e-"));
  const runId = randomBytes(3).toString("hex");
  const stackFiles: string[] = [];
  const emulator = await startEmulator({ port: 0, settleMs: 300, stateFile: join(state, "emulator.json"), ...emulatorOptions });
  const { stackEnv } = await import("../../scripts/lib/stack-env.mjs" as string);
  const envVars = stackEnv({ binDir, stateDir: state, passphrase: "e2e-passphrase" }) as Record<string, string>;
  const pulumiCommand = await PulumiCommand.get({ root: dirname(binDir) });
  const client = new AlibabaRpcClient(gpdb, { settings: demoAlibabaSettings(emulator.url), region: DEMO_REGION_ID });
  const eg = new HuaweiClient("eg", { settings: demoHuaweiSettings(emulator.url) });
  return {
    stateDir: state,
    emulator,
    client,
    eg,
    huawei: (service) => eg.sibling(service),
    async stack(fixture, name, config = {}) {
      // A fixture name, or the absolute path of a program elsewhere (the examples).
      const workDir = isAbsolute(fixture) ? fixture : join(__dirname, "fixtures", fixture);
      // The backend is new per run, but stack config files live beside the fixture: a unique stack
      // name keeps one run's config from leaking into the next.
      const stack = await LocalWorkspace.createOrSelectStack({ stackName: `${name}-${runId}`, workDir }, { pulumiCommand, envVars });
      await stack.setAllConfig({
        "streamjobs:endpoint": { value: emulator.url },
        "alicloud:region": { value: DEMO_REGION_ID },
        "alicloud:accessKey": { value: DEMO_ACCESS_KEY_ID },
        "alicloud:secretKey": { value: DEMO_ACCESS_KEY_SECRET, secret: true },
        "huaweicloud:region": { value: DEMO_HUAWEI_REGION },
        "huaweicloud:projectId": { value: DEMO_HUAWEI_PROJECT_ID },
        "huaweicloud:accessKey": { value: DEMO_HUAWEI_ACCESS_KEY },
        "huaweicloud:secretKey": { value: DEMO_HUAWEI_SECRET_KEY, secret: true },
        dbPassword: { value: DEMO_DB_ACCOUNT.password, secret: true },
        prefix: { value: name },
        ...config,
      });
      stackFiles.push(join(workDir, stackConfigDir(workDir), `Pulumi.${name}-${runId}.yaml`));
      return stack;
    },
    callsSince(mark) {
      return callsSince(emulator, mark);
    },
    async close() {
      for (const f of stackFiles) rmSync(f, { force: true });
      await emulator.close();
    },
  };
}

/** Where a program keeps its stack files (`stackConfigDir` of its Pulumi.yaml, else beside it). */
function stackConfigDir(workDir: string): string {
  const { readFileSync } = require("node:fs") as typeof import("node:fs");
  const m = /^stackConfigDir:\s*(\S+)/m.exec(readFileSync(join(workDir, "Pulumi.yaml"), "utf8"));
  return m?.[1] ?? ".";
}

/** The sequence number of the last logged API call (0 when none). */
export function lastSeq(h: Harness): number {
  return logMark(h.emulator);
}

/** Every file under `dir`, recursively, as text. */
export function readTree(dir: string): string {
  const { readdirSync, readFileSync, statSync } = require("node:fs") as typeof import("node:fs");
  return readdirSync(dir)
    .map((f) => join(dir, f))
    .map((p) => (statSync(p).isDirectory() ? readTree(p) : readFileSync(p, "utf8")))
    .join("\n");
}
