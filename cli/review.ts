/**
 * `streamjobs review`'s engine side: one Automation API preview per stack, with the policy pack and
 * that environment's policy config, and what the renderers need from it: the plan's counts and the
 * policy violations, both read from the preview's engine events (the summary event's resource
 * changes, and one policy event per violation). A preview that fails only because of mandatory
 * violations is a result, not an error; any other failure is reported with the engine's error
 * diagnostics.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { CommandError, type EngineEvent, LocalWorkspace, type OpMap } from "@pulumi/pulumi/automation";
import type { EnforcementLevel, PackInfo, PolicyInfo } from "./pack-info";

/** The levels a violation can carry (a disabled policy reports nothing). */
export type ViolationLevel = Exclude<EnforcementLevel, "disabled">;

export interface Violation {
  readonly policyName: string;
  readonly policyPackName: string;
  readonly level: ViolationLevel;
  readonly message: string;
  /** Absent for a stack policy's violation that names no resource. */
  readonly resourceUrn?: string;
}

export interface PlanCounts {
  readonly create: number;
  readonly update: number;
  readonly replace: number;
  readonly delete: number;
  readonly same: number;
}

export interface EnvironmentResult {
  /** The environment: the stack name's last segment (`org/project/prod` → `prod`). */
  readonly environment: string;
  readonly stack: string;
  /** The policy config file used, or undefined when the pack ran on its own defaults. */
  readonly policyConfig?: string;
  readonly counts: PlanCounts;
  readonly violations: readonly Violation[];
  /** Why the preview failed, when it failed for anything but mandatory violations. */
  readonly error?: string;
}

export interface ReviewOptions {
  readonly workDir: string;
  readonly policyPack: string;
  /** Explicit environment → policy config file mappings (`--policy-config env=file`). */
  readonly policyConfigs: Readonly<Record<string, string>>;
  /** The pack's policies, to tell a violation's own message from the policy's description. */
  readonly policies?: readonly PolicyInfo[];
  /** Also gets every engine event of the preview (`promote` lists the resources it would change). */
  readonly onEvent?: (event: EngineEvent) => void;
}

export const environmentOf = (stack: string): string => stack.split("/").pop() ?? stack;

/**
 * The environment's policy config: the explicit mapping, else the pack's `config/<env>.json` when
 * it exists, else none (the pack's own levels and defaults).
 */
export function policyConfigFor(environment: string, options: Pick<ReviewOptions, "policyPack" | "policyConfigs">): string | undefined {
  const explicit = options.policyConfigs[environment];
  if (explicit !== undefined) {
    if (!existsSync(explicit)) throw new Error(`policy config for ${environment} not found: ${explicit}`);
    return resolve(explicit);
  }
  const packDefault = join(options.policyPack, "config", `${environment}.json`);
  return existsSync(packDefault) ? resolve(packDefault) : undefined;
}

/** The engine names a violation's level "advisory" (older SDK typings say "warning"), "mandatory" or "remediate". */
export function levelOf(engineLevel: string): ViolationLevel {
  if (engineLevel === "mandatory" || engineLevel === "remediate") return engineLevel;
  return "advisory";
}

/**
 * The violations among the events. The engine's message is the policy's description, a line
 * break, then what the policy reported; `descriptions` (policy name → description) drops the first.
 */
export function violationsOf(events: readonly EngineEvent[], descriptions: ReadonlyMap<string, string> = new Map()): Violation[] {
  return events.flatMap((e) => {
    const p = e.policyEvent;
    if (p === undefined) return [];
    const v: Violation = {
      policyName: p.policyName,
      policyPackName: p.policyPackName,
      level: levelOf(p.enforcementLevel),
      message: withoutDescription(stripColor(p.message).trim(), descriptions.get(p.policyName)),
      ...(p.resourceUrn ? { resourceUrn: p.resourceUrn } : {}),
    };
    return [v];
  });
}

function withoutDescription(message: string, description: string | undefined): string {
  if (!description || !message.startsWith(`${description}\n`)) return message;
  return message.slice(description.length + 1).trim();
}

export function countsOf(changes: OpMap | undefined): PlanCounts {
  const n = (k: keyof OpMap) => changes?.[k] ?? 0;
  return { create: n("create"), update: n("update"), replace: n("replace"), delete: n("delete"), same: n("same") };
}

/** The summary event's resource changes: the preview's change summary, also when the preview failed. */
export function changesOf(events: readonly EngineEvent[]): OpMap | undefined {
  return events.find((e) => e.summaryEvent !== undefined)?.summaryEvent?.resourceChanges;
}

/** The engine's error diagnostics, one line each, for a preview that failed for another reason. */
export function errorsOf(events: readonly EngineEvent[]): string[] {
  return events.flatMap((e) => (e.diagnosticEvent?.severity === "error" ? [stripColor(e.diagnosticEvent.message).trim()] : []));
}

const stripColor = (s: string) => s.replace(/<\{%[^%]*%\}>/g, "");

export async function previewEnvironment(stackName: string, options: ReviewOptions): Promise<EnvironmentResult> {
  const environment = environmentOf(stackName);
  const policyConfig = policyConfigFor(environment, options);
  const stack = await LocalWorkspace.selectStack({ stackName, workDir: options.workDir });
  const events: EngineEvent[] = [];
  const failure = await stack
    .preview({
      policyPacks: [options.policyPack],
      ...(policyConfig ? { policyPackConfigs: [policyConfig] } : {}),
      onEvent: (e) => {
        events.push(e);
        options.onEvent?.(e);
      },
    })
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  if (failure !== undefined && !(failure instanceof CommandError)) throw failure;
  const violations = violationsOf(events, new Map((options.policies ?? []).map((p) => [p.name, p.description])));
  const result = { environment, stack: stackName, counts: countsOf(changesOf(events)), violations, ...(policyConfig ? { policyConfig } : {}) };
  if (failure === undefined || violations.some((v) => v.level === "mandatory")) return result;
  const errors = errorsOf(events);
  return { ...result, error: errors.length > 0 ? errors.join("\n") : String(failure) };
}

/** A URN's resource name and (innermost) type: `urn:pulumi:<stack>::<project>::<parent$type>::<name>`. */
export function resourceOf(urn: string): { name: string; type: string } {
  const [, , qualifiedType = "", ...name] = urn.split("::");
  return { name: name.join("::"), type: qualifiedType.split("$").pop() ?? qualifiedType };
}

/** Everything one review produced, as the renderers take it. */
export interface Review {
  readonly project: string;
  /** The repository's root (absolute): the report names files relative to it. */
  readonly root: string;
  /** The program's main file, relative to the repository root, with forward slashes. */
  readonly program: string;
  readonly pack: PackInfo;
  readonly environments: readonly EnvironmentResult[];
}

export const hasMandatory = (review: Review): boolean => review.environments.some((e) => e.violations.some((v) => v.level === "mandatory"));
export const hasErrors = (review: Review): boolean => review.environments.some((e) => e.error !== undefined);
