/**
 * `streamjobs status [--stack NAME ...]`: per environment (stack; default every stack of the
 * project), the revision it runs and how it got there — the promotion record in its tags (revision,
 * source stack, time) or else the commit its last update recorded — whether its resources still
 * match the recorded fingerprint, and its jobs' health read back from the cloud now (a refresh
 * preview: nothing is written). Exit codes: 0 every job healthy, 1 any unhealthy, 2 on a failure.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";
import { deploymentFingerprints, short, stackFingerprint } from "./fingerprint";
import { lastUpdateOf } from "./gate";
import { type JobHealth, healthLine, readHealth } from "./health";
import { type PromotionRecord, readRecord } from "./record";

export const STATUS_USAGE = `usage: streamjobs status [--stack NAME ...] [--cwd DIR]

  --stack  a stack to report (default: every stack of the project)
  --cwd    the Pulumi project's directory (default: the current directory)`;

export interface StatusArgs {
  readonly stacks: readonly string[];
  readonly cwd: string;
}

export function parseStatusArgs(argv: readonly string[]): StatusArgs {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: { stack: { type: "string", multiple: true }, cwd: { type: "string" } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length > 0) throw new Error(`unexpected argument ${positionals[0]}`);
  return { stacks: values.stack ?? [], cwd: resolve(values.cwd ?? ".") };
}

export interface StackStatus {
  readonly stack: string;
  readonly record?: PromotionRecord;
  /** The commit the last update recorded, when the stack was updated from a git checkout. */
  readonly lastRevision?: string;
  readonly lastResult?: string;
  readonly lastTime?: Date;
  /** Whether the resources' fingerprint is still the one recorded (undefined without a record). */
  readonly fingerprintMatches?: boolean;
  readonly health: readonly JobHealth[];
}

async function stackStatus(name: string, stack: Stack): Promise<StackStatus> {
  const record = await readRecord(stack);
  const last = lastUpdateOf(await stack.history(20, undefined, false));
  const health = await readHealth(stack);
  const current = record ? stackFingerprint(deploymentFingerprints(await stack.exportStack())) : undefined;
  return {
    stack: name,
    health,
    ...(record ? { record, fingerprintMatches: current === record.fingerprint } : {}),
    ...(last?.revision ? { lastRevision: last.revision } : {}),
    ...(last ? { lastResult: last.result } : {}),
    ...(last?.endTime ? { lastTime: last.endTime } : {}),
  };
}

/** The lines `status` prints for one stack. */
export function statusLines(s: StackStatus): string[] {
  const unhealthy = s.health.filter((h) => !h.healthy).length;
  const health =
    s.health.length === 0 ? "no jobs" : unhealthy === 0 ? `healthy (${s.health.length} jobs)` : `UNHEALTHY (${unhealthy} of ${s.health.length} jobs)`;
  const lines = [`${s.stack}: ${health}`];
  if (s.record) {
    const r = s.record;
    lines.push(`  revision ${r.revision}, promoted from ${r.source} at ${r.promotedAt}, fingerprint ${short(r.fingerprint)}`);
    if (s.fingerprintMatches === false) lines.push("  changed since the promotion: its resources no longer match the recorded fingerprint");
  }
  if (s.lastRevision !== undefined && s.lastRevision !== s.record?.revision)
    lines.push(`  last update ran revision ${s.lastRevision} (not through a promotion)`);
  if (s.lastResult !== undefined) lines.push(`  last update ${s.lastResult}${s.lastTime ? ` at ${s.lastTime.toISOString()}` : ""}`);
  else lines.push("  never updated");
  for (const h of s.health) lines.push(`  ${healthLine(h)}`);
  return lines;
}

export async function status(args: StatusArgs, print: (line: string) => void): Promise<number> {
  const workspace = await LocalWorkspace.create({ workDir: args.cwd });
  const names = args.stacks.length > 0 ? args.stacks : (await workspace.listStacks()).map((s) => s.name);
  let unhealthy = false;
  for (const name of names) {
    const s = await stackStatus(name, await LocalWorkspace.selectStack({ stackName: name, workDir: args.cwd }));
    for (const l of statusLines(s)) print(l);
    unhealthy ||= s.health.some((h) => !h.healthy);
  }
  return unhealthy ? 1 : 0;
}
