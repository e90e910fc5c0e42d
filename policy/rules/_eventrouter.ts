/**
 * What the EventRouterJob rules share: recognising the resource, reading its two sides, naming an
 * endpoint, and the topic sets a job replicates.
 *
 * Props arrive through the policy SDK's unknown-checking proxy: reading a value that is unknown at
 * preview throws `UnknownValueError`, which the SDK reports as "can't run policy during preview".
 * The helpers therefore read only the fields a rule needs and let that error through. The
 * provider's `check` has already validated the inputs before any policy runs, so the shapes below
 * are trusted, but values are still tested before use: a policy must never crash on a field it
 * does not understand (stack policies also see state written by older versions).
 */

import { type ResourceType, isOneOf } from "./_rule";
import { TYPES } from "./_types";

/** The type token of `huaweicloud.EventRouterJob` (`args.type` in resource and stack policies). */
export const EVENT_ROUTER_JOB_TYPE: string = TYPES.huaweicloud.EventRouterJob;

/** What every EventRouterJob rule applies to (its `appliesTo`, and what asEventRouterJob accepts). */
export const EVENT_ROUTER_JOBS: readonly ResourceType[] = [TYPES.huaweicloud.EventRouterJob];

/** The message-queue product on both sides of a job; a job never mixes them. */
export type QueueKind = "kafka" | "rocketmq" | "dcs";

/** The product names as Huawei Cloud writes them, for messages. */
export const KIND_NAMES: { readonly [K in QueueKind]: string } = { kafka: "Kafka", rocketmq: "RocketMQ", dcs: "DCS" };

/** The fields of KafkaParameters / RocketmqParameters / DcsParameters the rules read. */
export interface EndpointProps {
  readonly configType?: string;
  readonly region?: string;
  readonly projectId?: string;
  readonly instanceId?: string;
  readonly address?: string;
}

export interface TopicMapping {
  readonly sourceTopic?: string;
  readonly sinkTopic?: string;
}

/** kafka2kafka and rocketmq2rocketmq, as far as the rules read them. */
export interface TopicSyncConfig {
  /** Comma-separated in the API; a list is accepted too. */
  readonly topics?: string | readonly string[];
  readonly topicRegex?: string;
  readonly compressAlg?: string;
  readonly replicaCnt?: number;
  readonly renameTopic?: boolean;
  readonly topicMappings?: readonly TopicMapping[];
}

export interface EventRouterJobProps {
  readonly name?: string;
  readonly desiredStatus?: string;
  readonly sourceConfig?: {
    readonly sourceKafka?: EndpointProps;
    readonly sourceRocketmq?: EndpointProps;
    readonly sourceDcs?: EndpointProps;
  };
  readonly sinkConfig?: {
    readonly sinkKafka?: EndpointProps;
    readonly sinkRocketmq?: EndpointProps;
    readonly sinkDcs?: EndpointProps;
  };
  readonly advanceConfig?: {
    readonly kafka2kafka?: TopicSyncConfig;
    readonly rocketmq2rocketmq?: TopicSyncConfig;
    readonly dcs2dcs?: object;
  };
}

/** The narrowing every rule starts with; anything but an EventRouterJob is not applicable. */
export function asEventRouterJob(resource: { readonly type: string; readonly props: object }): EventRouterJobProps | undefined {
  return isOneOf(EVENT_ROUTER_JOBS, resource) ? (resource.props as EventRouterJobProps) : undefined;
}

/** A job's two sides and the advance config that goes with its kind. */
export interface JobSides {
  readonly kind: QueueKind;
  readonly source: EndpointProps;
  readonly sink: EndpointProps;
  /** kafka2kafka or rocketmq2rocketmq; undefined for DCS, whose jobs copy the whole keyspace. */
  readonly sync: TopicSyncConfig | undefined;
}

const SIDE_KEYS = [
  { kind: "kafka", source: "sourceKafka", sink: "sinkKafka", advance: "kafka2kafka" },
  { kind: "rocketmq", source: "sourceRocketmq", sink: "sinkRocketmq", advance: "rocketmq2rocketmq" },
  { kind: "dcs", source: "sourceDcs", sink: "sinkDcs", advance: "dcs2dcs" },
] as const;

/**
 * The kind is the source's key; a job whose sink is of another kind (which `check` refuses) has no
 * sides. Only the keys of the matching kind are read, so an unknown value elsewhere in the job does
 * not stop a rule that does not need it.
 */
export function jobSides(job: EventRouterJobProps): JobSides | undefined {
  const sourceConfig = job.sourceConfig;
  const sinkConfig = job.sinkConfig;
  if (!isObject(sourceConfig) || !isObject(sinkConfig)) return undefined;
  for (const keys of SIDE_KEYS) {
    const source = (sourceConfig as Record<string, unknown>)[keys.source];
    if (!isObject(source)) continue;
    const sink = (sinkConfig as Record<string, unknown>)[keys.sink];
    if (!isObject(sink)) return undefined;
    const advance = keys.kind === "dcs" ? undefined : (job.advanceConfig as Record<string, unknown> | undefined)?.[keys.advance];
    return {
      kind: keys.kind,
      source: source as EndpointProps,
      sink: sink as EndpointProps,
      sync: isObject(advance) ? (advance as TopicSyncConfig) : undefined,
    };
  }
  return undefined;
}

/** The SDK property path of a job's advance config, for messages. */
export function advancePath(kind: QueueKind): string {
  return kind === "kafka" ? "advanceConfig.kafka2kafka" : kind === "rocketmq" ? "advanceConfig.rocketmq2rocketmq" : "advanceConfig.dcs2dcs";
}

/**
 * Which cluster an endpoint is. A DMS/DCS instance id is unique on its own; a cluster given only by
 * address is known by region and address (the same private address may exist in two regions). The
 * kind is part of the identity so that a Kafka and a RocketMQ instance never look like one cluster.
 * Undefined when the endpoint names neither (`check` requires one of them).
 */
export function endpointId(kind: QueueKind, endpoint: EndpointProps): string | undefined {
  const instanceId = nonEmpty(endpoint.instanceId);
  if (instanceId !== undefined) return `${kind}:${instanceId}`;
  const address = nonEmpty(endpoint.address);
  if (address !== undefined) return `${kind}:${nonEmpty(endpoint.region) ?? ""}/${address}`;
  return undefined;
}

/** How messages name an endpoint: `Kafka instance <id>` or `Kafka cluster at <address> in <region>`. */
export function endpointLabel(kind: QueueKind, endpoint: EndpointProps): string {
  const instanceId = nonEmpty(endpoint.instanceId);
  if (instanceId !== undefined) return `${KIND_NAMES[kind]} instance ${instanceId}`;
  const region = nonEmpty(endpoint.region);
  return `${KIND_NAMES[kind]} cluster at ${nonEmpty(endpoint.address) ?? "an unnamed address"}${region === undefined ? "" : ` in ${region}`}`;
}

// ---------------------------------------------------------------------------------------------
// topics
// ---------------------------------------------------------------------------------------------

/**
 * The literal topics of a job. The API takes one comma-separated string; a list (from a program
 * that built one) is read the same way. Blanks are dropped and duplicates kept once, in order.
 */
export function splitTopics(value: unknown): string[] {
  const parts = typeof value === "string" ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  const out = new Set<string>();
  for (const part of parts) {
    for (const topic of part.split(",")) {
      const t = topic.trim();
      if (t !== "") out.add(t);
    }
  }
  return [...out];
}

/**
 * The topic renames a job applies: only when `renameTopic` is true, as the API ignores the
 * mappings otherwise. Mappings missing either name are skipped.
 */
export function topicRenames(sync: TopicSyncConfig): Map<string, string> {
  const renames = new Map<string, string>();
  if (sync.renameTopic !== true || !Array.isArray(sync.topicMappings)) return renames;
  for (const m of sync.topicMappings as readonly unknown[]) {
    if (!isObject(m)) continue;
    const from = nonEmpty((m as TopicMapping).sourceTopic);
    const to = nonEmpty((m as TopicMapping).sinkTopic);
    if (from !== undefined && to !== undefined) renames.set(from, to);
  }
  return renames;
}

/**
 * A `topicRegex` compiled to match a whole topic name, as the service applies it. Undefined when the
 * pattern is not valid JavaScript syntax (the service is Java-based and takes a few constructs
 * JavaScript does not, such as `(?i)`): callers then treat it as "may match anything".
 */
export function fullMatch(pattern: string): RegExp | undefined {
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch {
    return undefined;
  }
}

const REGEX_META = new Set([..."^$.|?*+()[]{}"]);

/**
 * The one topic a pattern can match when it has no regex operators (`orders`, `orders\.eu`), else
 * undefined. Such a "regex" is a literal topic in disguise and is treated as one.
 */
export function exactLiteral(pattern: string): string | undefined {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if (c === "\\") {
      const next = pattern.charAt(i + 1);
      // `\d`, `\w`, `\b`…: a class or an assertion, not a literal character.
      if (next === "" || /[A-Za-z0-9]/.test(next)) return undefined;
      out += next;
      i++;
    } else if (REGEX_META.has(c)) {
      return undefined;
    } else {
      out += c;
    }
  }
  return out === "" ? undefined : out;
}

/**
 * The characters every topic a pattern fully matches must start with. Conservative: it stops at the
 * first operator, drops a character that a quantifier makes optional, and is empty when the
 * pattern has an alternation anywhere. Two patterns whose prefixes disagree (neither starts the
 * other) can never match the same topic.
 */
export function literalPrefix(pattern: string): string {
  if (pattern.includes("|")) return "";
  let out = "";
  let i = pattern.startsWith("^") ? 1 : 0;
  while (i < pattern.length) {
    const c = pattern.charAt(i);
    let literal: string;
    let width: number;
    if (c === "\\") {
      const next = pattern.charAt(i + 1);
      if (next === "" || /[A-Za-z0-9]/.test(next)) break;
      literal = next;
      width = 2;
    } else if (REGEX_META.has(c)) {
      break;
    } else {
      literal = c;
      width = 1;
    }
    const after = pattern.charAt(i + width);
    if (after === "?" || after === "*" || after === "{") break;
    out += literal;
    i += width;
  }
  return out;
}

/** Whether some string could start with both prefixes. */
export function prefixesCompatible(a: string, b: string): boolean {
  return a.startsWith(b) || b.startsWith(a);
}

// ---------------------------------------------------------------------------------------------
// message helpers
// ---------------------------------------------------------------------------------------------

/** `"a"`, `"a" and "b"`, `"a", "b" and "c"` (or `or`). */
export function quotedList(items: readonly string[], conjunction: "and" | "or" = "and"): string {
  const q = items.map((s) => JSON.stringify(s));
  return q.length <= 1 ? (q[0] ?? "") : `${q.slice(0, -1).join(", ")} ${conjunction} ${q[q.length - 1]}`;
}

export function nonEmpty(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

function isObject(value: unknown): value is object {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
