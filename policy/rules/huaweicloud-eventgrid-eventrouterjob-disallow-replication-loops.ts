/**
 * `huaweicloud-eventgrid-eventrouterjob-disallow-replication-loops`: no set of EventRouterJobs may copy a topic from one cluster
 * back to itself (A → B → A, or through more clusters). Disaster-recovery setups often declare the
 * failback job next to the forward one; when both run with overlapping topics every message
 * circulates forever, doubling traffic on each round. No single job is wrong, so this is a stack
 * policy: it sees every job of the stack at once.
 *
 * The model: clusters are nodes and jobs are edges carrying a topic filter (literal topics, a
 * `topicRegex` matched in full, renames through `topicMappings`). An elementary cycle of jobs is a
 * loop when some topic, followed through every filter and rename on the way, comes back to its
 * start cluster under its own name. Topics are taken from every literal the stack names (topics,
 * mapping targets, regexes without operators). A cycle made only of regex jobs can also loop topics
 * the stack never names; it is reported as a possible loop unless the patterns' literal prefixes
 * show that no topic can match them all. DCS jobs copy the whole keyspace: any DCS cycle loops.
 */
import type { PolicyConfigSchema, PolicyResource, ReportViolation, StackValidationArgs } from "@pulumi/policy";
import { configWithDefaults } from "./_config";
import type { PackStackPolicy } from "./_rule";
import {
  EVENT_ROUTER_JOBS,
  asEventRouterJob,
  endpointId,
  endpointLabel,
  exactLiteral,
  fullMatch,
  jobSides,
  literalPrefix,
  nonEmpty,
  prefixesCompatible,
  quotedList,
  splitTopics,
  topicRenames,
  type QueueKind,
} from "./_eventrouter";

export const NAME = "huaweicloud-eventgrid-eventrouterjob-disallow-replication-loops";

export interface NoReplicationLoopsConfig {
  readonly ignoreStoppedJobs: boolean;
}

export const configSchema: PolicyConfigSchema = {
  properties: {
    ignoreStoppedJobs: {
      type: "boolean",
      description:
        'Leave out jobs whose desiredStatus is "STOPPED", such as a failback job kept ready while the forward job runs. The loop is then caught when the stopped job is set to "RUNNING".',
      default: false,
    },
  },
};

/** One job as an edge from its source cluster to its sink cluster. */
interface Edge {
  /** Position in URN order: each cycle starts at its first job in that order. */
  readonly index: number;
  readonly name: string;
  readonly urn: string;
  readonly kind: QueueKind;
  readonly from: string;
  readonly to: string;
  readonly fromLabel: string;
  readonly toLabel: string;
  readonly literals: ReadonlySet<string>;
  /** The raw `topicRegex`, when set. */
  readonly pattern: string | undefined;
  /** Undefined when unset or not valid JavaScript syntax. */
  readonly regex: RegExp | undefined;
  readonly renames: ReadonlyMap<string, string>;
}

/** The name a topic has on the far side of a job, or undefined when the job does not copy it. */
function carry(edge: Edge, topic: string): string | undefined {
  const copied = edge.literals.has(topic) || (edge.regex?.test(topic) ?? false);
  return copied ? (edge.renames.get(topic) ?? topic) : undefined;
}

/** A pattern that can match topics nobody named: it has operators (or cannot be read here). */
function isOpenPattern(edge: Edge): boolean {
  return edge.pattern !== undefined && (edge.regex === undefined || exactLiteral(edge.pattern) === undefined);
}

function edgeOf(resource: PolicyResource, index: number, config: NoReplicationLoopsConfig): Edge | undefined {
  const job = asEventRouterJob(resource);
  if (job === undefined) return undefined;
  if (config.ignoreStoppedJobs && job.desiredStatus === "STOPPED") return undefined;
  const sides = jobSides(job);
  if (sides === undefined) return undefined;
  const from = endpointId(sides.kind, sides.source);
  const to = endpointId(sides.kind, sides.sink);
  if (from === undefined || to === undefined) return undefined;
  const sync = sides.sync;
  const pattern = sync === undefined ? undefined : nonEmpty(sync.topicRegex);
  return {
    index,
    name: resource.name,
    urn: resource.urn,
    kind: sides.kind,
    from,
    to,
    fromLabel: endpointLabel(sides.kind, sides.source),
    toLabel: endpointLabel(sides.kind, sides.sink),
    literals: new Set(sync === undefined ? [] : splitTopics(sync.topics)),
    pattern,
    regex: pattern === undefined ? undefined : fullMatch(pattern),
    renames: sync === undefined ? new Map() : topicRenames(sync),
  };
}

/** Every topic name the stack spells out, in the order it first appears. */
function namedTopics(edges: readonly Edge[]): string[] {
  const names = new Set<string>();
  for (const e of edges) {
    for (const t of e.literals) names.add(t);
    for (const [from, to] of e.renames) names.add(from).add(to);
    const literal = e.pattern === undefined ? undefined : exactLiteral(e.pattern);
    if (literal !== undefined) names.add(literal);
  }
  return [...names];
}

/**
 * Topics that come back to the cycle's start under their own name. Renames can take several rounds
 * to close (a → b, then b → a), so a topic is followed until it returns, drops out, or repeats a
 * name other than its own (then it feeds a loop it is not part of; that loop's topics are reported).
 */
function loopingTopics(cycle: readonly Edge[], topics: readonly string[]): string[] {
  const out: string[] = [];
  for (const start of topics) {
    let current: string | undefined = start;
    const seen = new Set<string>([start]);
    for (;;) {
      for (const edge of cycle) {
        current = carry(edge, current);
        if (current === undefined) break;
      }
      if (current === undefined) break;
      if (current === start) {
        out.push(start);
        break;
      }
      if (seen.has(current)) break;
      seen.add(current);
    }
  }
  return out;
}

/**
 * Elementary cycles of the job graph, each found once from its first job in URN order (parallel
 * jobs between the same clusters are different cycles). Real topologies are pairs and small rings;
 * the step budget keeps a pathological mesh from stalling a preview.
 */
function findCycles(edges: readonly Edge[], budget: number): { cycles: Edge[][]; exhausted: boolean } {
  const cycles: Edge[][] = [];
  const byFrom = new Map<string, Edge[]>();
  for (const e of edges) byFrom.set(e.from, [...(byFrom.get(e.from) ?? []), e]);
  let steps = 0;
  for (const start of edges) {
    if (start.from === start.to) {
      cycles.push([start]);
      continue;
    }
    const path: Edge[] = [start];
    const onPath = new Set([start.from, start.to]);
    const walk = (at: string): boolean => {
      for (const e of byFrom.get(at) ?? []) {
        if (e.index <= start.index) continue;
        if (++steps > budget) return false;
        if (e.to === start.from) {
          cycles.push([...path, e]);
        } else if (!onPath.has(e.to)) {
          path.push(e);
          onPath.add(e.to);
          const finished = walk(e.to);
          path.pop();
          onPath.delete(e.to);
          if (!finished) return false;
        }
      }
      return true;
    };
    if (!walk(start.to)) return { cycles, exhausted: true };
  }
  return { cycles, exhausted: false };
}

/** The subject with its verb agreeing: `EventRouterJob "a" copies`, `EventRouterJobs "a" and "b" copy`. */
function jobs(cycle: readonly Edge[], singular: string, plural: string): string {
  const names = quotedList(cycle.map((e) => e.name));
  return cycle.length === 1 ? `EventRouterJob ${names} ${singular}` : `EventRouterJobs ${names} ${plural}`;
}

function route(cycle: readonly Edge[], hop: (e: Edge) => string): string {
  return [cycle[0]?.fromLabel ?? "", ...cycle.map((e) => `${e.toLabel} (${hop(e)})`)].join(" → ");
}

const BACK_FOREVER = "would be copied back to where it came from, without end";

/** The violation for one cycle, or undefined when nothing can go round it. */
function loopMessage(cycle: readonly Edge[], topics: readonly string[]): string | undefined {
  const first = cycle[0];
  if (first === undefined) return undefined;
  if (first.kind === "dcs") {
    return `${jobs(cycle, "copies", "copy")} data around a loop: ${route(cycle, (e) => JSON.stringify(e.name))}. DCS jobs copy the whole keyspace, so every key ${BACK_FOREVER}. Remove one of these jobs; create the reverse job only when you fail back.`;
  }
  const looping = loopingTopics(cycle, topics);
  if (looping.length > 0) {
    return `${jobs(cycle, "copies", "copy")} topic${looping.length === 1 ? "" : "s"} ${quotedList(looping)} around a loop: ${route(cycle, (e) => JSON.stringify(e.name))}. Every message ${BACK_FOREVER}. Remove the topic from one of these jobs, or rename it on one of them (renameTopic with topicMappings) so that the copy does not come back under the same name.`;
  }
  if (!cycle.every(isOpenPattern)) return undefined;
  const prefixes = cycle.map((e) => (e.regex === undefined ? "" : literalPrefix(e.pattern ?? "")));
  if (!prefixes.every((p) => prefixes.every((q) => prefixesCompatible(p, q)))) return undefined;
  return `${jobs(cycle, "may copy", "may copy")} topics around a loop: ${route(cycle, (e) => `${JSON.stringify(e.name)}, topicRegex "${e.pattern ?? ""}"`)}. A topic that matches every one of these patterns ${BACK_FOREVER}. Use explicit topics on one of these jobs, or narrow its topicRegex so that it excludes the topics the others replicate.`;
}

/** The rule, with the search budget a test can make small. */
export function noReplicationLoops(searchBudget = 200_000): PackStackPolicy {
  return {
    name: NAME,
    description:
      "EventRouterJobs may not copy a topic (or, for DCS, any key) from a cluster back to itself, directly or through other clusters: messages in such a loop are copied without end.",
    tags: ["huaweicloud", "eventgrid", "reliability"],
    severity: "critical",
    configSchema,
    appliesTo: EVENT_ROUTER_JOBS,
    validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
      const config = configWithDefaults<NoReplicationLoopsConfig>(configSchema, args.getConfig());
      // URN order, not the stack's: resources registered concurrently reach the policy in any
      // order, and a PR check must say the same thing on every run.
      const jobs = args.resources.filter((r) => asEventRouterJob(r) !== undefined).sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
      if (jobs.length === 0) return args.notApplicable("the stack has no EventRouterJob");
      const edges = jobs.flatMap((r, i) => edgeOf(r, i, config) ?? []);
      const topics = namedTopics(edges);
      const { cycles, exhausted } = findCycles(edges, searchBudget);
      for (const cycle of cycles) {
        const message = loopMessage(cycle, topics);
        if (message !== undefined) reportViolation(message, cycle[0]?.urn);
      }
      if (exhausted) {
        reportViolation(
          `Stopped looking for replication loops after ${searchBudget} steps: the ${edges.length} EventRouterJobs of this stack connect their clusters in too many ways to follow every cycle, so loops may remain beyond those reported. Split the jobs across stacks by domain, or check the rest by hand.`,
        );
      }
    },
  };
}

export const eventrouterNoReplicationLoops = noReplicationLoops();
