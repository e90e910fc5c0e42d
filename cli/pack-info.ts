/**
 * What a policy pack says about itself: its name, version and each policy's description, level,
 * severity and remediation steps. The engine's preview events name only the policies that were
 * violated, while a SARIF file lists every rule of the tool, so this asks the pack directly, the
 * way the engine does: it starts the pack with `@pulumi/pulumi/cmd/run-policy-pack` (resolved from
 * the pack's folder, as the engine resolves it), reads the port the pack prints, calls the
 * analyzer's GetAnalyzerInfo and stops the pack.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";

export interface PolicyInfo {
  readonly name: string;
  readonly displayName?: string;
  readonly description: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly severity?: "low" | "medium" | "high" | "critical";
  readonly remediationSteps?: string;
  readonly url?: string;
  readonly tags: readonly string[];
}

export interface PackInfo {
  readonly name: string;
  readonly version: string;
  readonly description?: string;
  readonly policies: readonly PolicyInfo[];
}

/** The analyzer protocol's enums, in their proto order (pulumi/analyzer.proto). */
const LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "disabled", "remediate"];
const SEVERITIES = [undefined, "low", "medium", "high", "critical"] as const;

/** The few generated protobuf accessors this file reads. */
interface ProtoPolicy {
  getName(): string;
  getDisplayname(): string;
  getDescription(): string;
  getEnforcementlevel(): number;
  getSeverity(): number;
  getRemediationSteps(): string;
  getUrl(): string;
  getTagsList(): string[];
}
interface ProtoAnalyzerInfo {
  getName(): string;
  getVersion(): string;
  getDescription(): string;
  getPoliciesList(): ProtoPolicy[];
}

/** The pack's metadata, from a running instance of the pack. */
export async function readPackInfo(packDir: string, timeoutMs = 120_000): Promise<PackInfo> {
  const child = startPack(packDir);
  try {
    const port = await portOf(child, timeoutMs);
    return fromProto(await analyzerInfo(`127.0.0.1:${port}`));
  } finally {
    child.kill();
  }
}

function startPack(packDir: string): ChildProcess {
  const script = createRequire(join(resolve(packDir), "package.json")).resolve("@pulumi/pulumi/cmd/run-policy-pack");
  // The first argument is the engine's address, which run-policy-pack skips; the pack never calls back.
  return spawn(process.execPath, [script, "127.0.0.1:0", "."], { cwd: resolve(packDir), stdio: ["ignore", "pipe", "pipe"] });
}

/** The port the pack prints on its first stdout line once its gRPC server listens. */
function portOf(child: ChildProcess, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    const timer = setTimeout(() => reject(new Error(`the policy pack did not start within ${timeoutMs} ms: ${err.trim()}`)), timeoutMs);
    child.stderr?.on("data", (d: Buffer) => {
      err += d.toString();
    });
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /^(\d+)\s*$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the policy pack exited (code ${code}) before serving: ${err.trim()}`));
    });
  });
}

/** GetAnalyzerInfo over the Pulumi SDK's own generated client and its gRPC and protobuf copies. */
function analyzerInfo(address: string): Promise<ProtoAnalyzerInfo> {
  const sdk = createRequire(require.resolve("@pulumi/pulumi/proto/analyzer_grpc_pb"));
  const { AnalyzerClient } = sdk("./analyzer_grpc_pb") as { AnalyzerClient: new (a: string, c: unknown) => AnalyzerClientLike };
  const grpc = sdk("@grpc/grpc-js") as { credentials: { createInsecure(): unknown } };
  const { Empty } = sdk("google-protobuf/google/protobuf/empty_pb") as { Empty: new () => unknown };
  const client = new AnalyzerClient(address, grpc.credentials.createInsecure());
  return new Promise((resolve, reject) => {
    client.getAnalyzerInfo(new Empty(), (e, info) => {
      client.close();
      if (e || info === undefined) reject(e ?? new Error("the policy pack returned no analyzer info"));
      else resolve(info);
    });
  });
}

interface AnalyzerClientLike {
  getAnalyzerInfo(req: unknown, cb: (e: Error | null, info?: ProtoAnalyzerInfo) => void): void;
  close(): void;
}

/** Only the fields a pack set: protobuf reports unset strings as "". */
export function fromProto(info: ProtoAnalyzerInfo): PackInfo {
  const policies = info.getPoliciesList().map(
    (p): PolicyInfo => ({
      name: p.getName(),
      description: p.getDescription(),
      enforcementLevel: LEVELS[p.getEnforcementlevel()] ?? "advisory",
      tags: p.getTagsList(),
      ...optional("displayName", p.getDisplayname()),
      ...optional("severity", SEVERITIES[p.getSeverity()]),
      ...optional("remediationSteps", p.getRemediationSteps()),
      ...optional("url", p.getUrl()),
    }),
  );
  return { name: info.getName(), version: info.getVersion(), policies, ...optional("description", info.getDescription()) };
}

function optional<K extends string, V>(key: K, value: V | undefined | ""): { [P in K]?: V } {
  return value === undefined || value === "" ? {} : ({ [key]: value } as { [P in K]: V });
}
