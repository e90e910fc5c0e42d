/**
 * `streamjobs promote --from SOURCE --to TARGET`: moves the checked-out revision of a program from
 * one environment's stack to the next, only when the source ran that same revision healthy.
 *
 * 1. The revision is the program directory's git commit; a dirty tree is refused unless
 *    `--allow-dirty`.
 * 2. The gate (gate.ts) reads the source without changing it: its update history (Pulumi records
 *    the commit of every update), a preview of the source (no pending change: the state is what
 *    the revision deploys there), a refresh preview for every job's health now (health.ts), and
 *    the optional minimum soak time. A refusal names each job and why; exit 1.
 * 3. The target is previewed with its environment's policy config (review.ts); a mandatory
 *    violation refuses (exit 1). The plan and the stack config differences are printed.
 * 4. Unless `--dry-run`, the target is updated with the same policy pack, its jobs are waited for
 *    until healthy, and the promotion is recorded in the target's stack tags (record.ts).
 * Exit codes: 0 promoted (or a dry run that would promote), 1 refused or unhealthy after the
 * update, 2 on another failure. Secrets are never printed: config differences show secret keys
 * only, fingerprints hash secret values.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { CommandError, type EngineEvent, LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";
import { configDifferences } from "./config-diff";
import { deploymentFingerprints, type ResourceFingerprint, short, stackFingerprint } from "./fingerprint";
import { type PendingChange, type Refusal, gateRefusals, lastUpdateOf, parseDuration } from "./gate";
import { revisionOf } from "./git";
import { healthLine, readHealth, waitHealthy } from "./health";
import { type PromotionRecord, writeRecord } from "./record";
import { environmentOf, errorsOf, policyConfigFor, previewEnvironment, resourceOf } from "./review";

export const PROMOTE_USAGE = `usage: streamjobs promote --from STACK --to STACK [--cwd DIR] [--policy-pack DIR]
                          [--policy-config ENV=FILE ...] [--min-soak DURATION] [--wait DURATION]
                          [--allow-dirty] [--dry-run]

  --from           the stack that ran this revision (its environment: the name's last segment)
  --to             the stack to update with it
  --cwd            the Pulumi project's directory, in a git repository (default: the current directory)
  --policy-pack    the policy pack's directory (default: this package's policy pack)
  --policy-config  the policy config file of an environment (default: the pack's config/ENV.json)
  --min-soak       how long the source must have run this revision (90s, 10m, 2h, 1d)
  --wait           how long to wait for the target's jobs to be healthy after the update (default 5m)
  --allow-dirty    promote from a working tree with uncommitted changes
  --dry-run        run the gate and the target's preview only (for pull requests)`;

export interface PromoteArgs {
  readonly from: string;
  readonly to: string;
  readonly cwd: string;
  readonly policyPack: string;
  readonly policyConfigs: Readonly<Record<string, string>>;
  readonly minSoakMs?: number;
  readonly waitMs: number;
  readonly allowDirty: boolean;
  readonly dryRun: boolean;
}

export class PromoteUsageError extends Error {}

/** `promote`'s arguments (after the subcommand), with relative paths resolved against the working directory. */
export function parsePromoteArgs(argv: readonly string[], defaultPack: string): PromoteArgs {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: {
      from: { type: "string" },
      to: { type: "string" },
      cwd: { type: "string" },
      "policy-pack": { type: "string" },
      "policy-config": { type: "string", multiple: true },
      "min-soak": { type: "string" },
      wait: { type: "string" },
      "allow-dirty": { type: "boolean" },
      "dry-run": { type: "boolean" },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length > 0) throw new PromoteUsageError(`unexpected argument ${positionals[0]}`);
  if (!values.from || !values.to) throw new PromoteUsageError("name the source stack (--from) and the target stack (--to)");
  if (values.from === values.to) throw new PromoteUsageError("--from and --to name the same stack");
  return {
    from: values.from,
    to: values.to,
    cwd: resolve(values.cwd ?? "."),
    policyPack: resolve(values["policy-pack"] ?? defaultPack),
    policyConfigs: Object.fromEntries((values["policy-config"] ?? []).map(envMapping)),
    ...(values["min-soak"] ? { minSoakMs: duration(values["min-soak"]) } : {}),
    waitMs: values.wait ? duration(values.wait) : 300_000,
    allowDirty: values["allow-dirty"] === true,
    dryRun: values["dry-run"] === true,
  };
}

function duration(text: string): number {
  try {
    return parseDuration(text);
  } catch (e) {
    throw new PromoteUsageError((e as Error).message);
  }
}

function envMapping(arg: string): [string, string] {
  const at = arg.indexOf("=");
  if (at <= 0 || at === arg.length - 1) throw new PromoteUsageError(`--policy-config takes ENV=FILE, got ${arg}`);
  return [arg.slice(0, at), resolve(arg.slice(at + 1))];
}

export type Print = (line: string) => void;

/** The resources a preview's events would change (create, update, replace, delete), by name; providers and the stack left out. */
export function changesIn(events: readonly EngineEvent[]): PendingChange[] {
  return events.flatMap((e) => {
    const m = e.resourcePreEvent?.metadata;
    if (m === undefined || ["same", "read", "refresh"].includes(m.op) || m.type === "pulumi:pulumi:Stack" || m.type.startsWith("pulumi:providers:")) return [];
    return [{ name: `${resourceOf(m.urn).name} (${m.type.split(":").pop()})`, op: m.op }];
  });
}

async function pendingChanges(stack: Stack): Promise<PendingChange[]> {
  const events: EngineEvent[] = [];
  await stack.preview({ onEvent: (e) => void events.push(e) });
  return changesIn(events);
}

const refusalLines = (heading: string, refusals: readonly Refusal[]): string[] => [heading, ...refusals.map((r) => `  ✗ ${r.subject}: ${r.reason}`)];
const fingerprintLines = (fps: readonly ResourceFingerprint[]): string[] => fps.map((f) => `  ${f.name} (${f.type.split(":").pop()}): ${short(f.fingerprint)}`);

/** Steps 1–2: the revision and the gate. Returns the source's fingerprints, or the exit code of a refusal. */
async function gate(args: PromoteArgs, revision: string, source: Stack, print: Print): Promise<ResourceFingerprint[] | number> {
  print(`Gate: ${args.from} → ${args.to} at revision ${revision}`);
  const lastUpdate = lastUpdateOf(await source.history(20, undefined, false));
  const health = await readHealth(source);
  const pending = await pendingChanges(source);
  for (const h of health) print(`  ${healthLine(h)}`);
  const refusals = gateRefusals({
    source: args.from,
    revision,
    allowDirty: args.allowDirty,
    lastUpdate,
    pending,
    health,
    now: new Date(),
    ...(args.minSoakMs !== undefined ? { minSoakMs: args.minSoakMs } : {}),
  });
  if (refusals.length > 0) {
    for (const l of refusalLines(`Refused: ${args.from} is not ready to promote to ${args.to}.`, refusals)) print(l);
    return 1;
  }
  const fingerprints = deploymentFingerprints(await source.exportStack());
  print(`Gate open: ${args.from} ran ${revision.slice(0, 12)}, ${health.length} jobs healthy. Fingerprints in ${args.from}:`);
  for (const l of fingerprintLines(fingerprints)) print(l);
  return fingerprints;
}

/** Step 3: the target's preview with its environment's policy config, the plan and the config differences. 0 when it may go ahead. */
async function previewTarget(args: PromoteArgs, source: Stack, target: Stack, print: Print): Promise<number> {
  const events: EngineEvent[] = [];
  const result = await previewEnvironment(args.to, {
    workDir: args.cwd,
    policyPack: args.policyPack,
    policyConfigs: args.policyConfigs,
    onEvent: (e) => void events.push(e),
  });
  const c = result.counts;
  print(
    `Preview of ${args.to} (policy config ${result.policyConfig ?? "the pack's defaults"}): ${c.create} to create, ${c.update} to update, ${c.replace} to replace, ${c.delete} to delete, ${c.same} unchanged.`,
  );
  for (const ch of changesIn(events)) print(`  ${ch.op} ${ch.name}`);
  const diff = configDifferences(await source.getAllConfig(), await target.getAllConfig(), { source: args.from, target: args.to });
  print(`Stack config differences ${args.from} → ${args.to}${diff.length === 0 ? ": none" : ":"}`);
  for (const l of diff) print(`  ${l}`);
  for (const v of result.violations.filter((v) => v.level !== "mandatory")) print(`  ⚠ ${v.policyName} (${v.level}): ${oneLine(v.message)}`);
  const mandatory = result.violations.filter((v) => v.level === "mandatory");
  if (mandatory.length > 0) {
    const refusals = mandatory.map((v) => ({
      subject: v.resourceUrn ? resourceOf(v.resourceUrn).name : args.to,
      reason: `${v.policyName}: ${oneLine(v.message)}`,
    }));
    for (const l of refusalLines(`Refused: ${mandatory.length} mandatory policy violation(s) in ${args.to}.`, refusals)) print(l);
    return 1;
  }
  if (result.error !== undefined) throw new Error(`the preview of ${args.to} failed: ${result.error}`);
  return 0;
}

const oneLine = (s: string) =>
  s
    .split("\n")
    .filter((l) => l.trim() !== "")
    .pop() ?? s;

/** Step 4: the update with the policy pack, then the wait for health. 0 when every job is healthy. */
async function updateTarget(args: PromoteArgs, target: Stack, print: Print): Promise<number> {
  const policyConfig = policyConfigFor(environmentOf(args.to), args);
  const events: EngineEvent[] = [];
  try {
    await target.up({ policyPacks: [args.policyPack], ...(policyConfig ? { policyPackConfigs: [policyConfig] } : {}), onEvent: (e) => void events.push(e) });
  } catch (e) {
    if (!(e instanceof CommandError)) throw e;
    const errors = errorsOf(events);
    throw new Error(`the update of ${args.to} failed: ${errors.length > 0 ? errors.join("; ") : "see pulumi stack history"}`);
  }
  print(`Updated ${args.to}; waiting for its jobs to be healthy.`);
  const health = await waitHealthy(target, args.waitMs);
  for (const h of health) print(`  ${healthLine(h)}`);
  if (health.every((h) => h.healthy)) return 0;
  print(`Not healthy: ${args.to} was updated but ${health.filter((h) => !h.healthy).length} job(s) are not healthy; the promotion is not recorded.`);
  return 1;
}

export async function promote(args: PromoteArgs, print: Print): Promise<number> {
  const { revision, dirty } = revisionOf(args.cwd);
  if (dirty.length > 0 && !args.allowDirty) {
    for (const l of refusalLines(
      `Refused: the working tree has uncommitted changes (commit them, or pass --allow-dirty):`,
      dirty.map((d) => ({ subject: d.slice(3), reason: d.slice(0, 2).trim() || "changed" })),
    ))
      print(l);
    return 1;
  }
  const source = await LocalWorkspace.selectStack({ stackName: args.from, workDir: args.cwd });
  const target = await LocalWorkspace.selectStack({ stackName: args.to, workDir: args.cwd });
  const sourceFingerprints = await gate(args, revision, source, print);
  if (typeof sourceFingerprints === "number") return sourceFingerprints;
  const previewed = await previewTarget(args, source, target, print);
  if (previewed !== 0) return previewed;
  if (args.dryRun) {
    print(`Dry run: ${args.to} was not updated; the promotion would go ahead.`);
    return 0;
  }
  const updated = await updateTarget(args, target, print);
  if (updated !== 0) return updated;
  const record: PromotionRecord = {
    revision,
    fingerprint: stackFingerprint(deploymentFingerprints(await target.exportStack())),
    source: args.from,
    sourceFingerprint: stackFingerprint(sourceFingerprints),
    promotedAt: new Date().toISOString(),
  };
  await writeRecord(target, record);
  print(`Promoted ${revision.slice(0, 12)} from ${args.from} to ${args.to} at ${record.promotedAt} (fingerprint ${short(record.fingerprint)}).`);
  return 0;
}
