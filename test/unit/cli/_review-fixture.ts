/**
 * Recorded-by-hand engine events of two previews (the shapes of @pulumi/pulumi/automation's
 * EngineEvent), and the pack's metadata as GetAnalyzerInfo gives it, for the renderers' tests:
 * "dev" with one advisory violation, "prod" with a mandatory and a stack-level one.
 */
import type { EngineEvent } from "@pulumi/pulumi/automation";
import type { PackInfo } from "../../../cli/pack-info";
import { type EnvironmentResult, type Review, changesOf, countsOf, violationsOf } from "../../../cli/review";

export const RULE = "huaweicloud-dis-dwstransfertask-limit-rejected-rows";
export const LOOPS = "huaweicloud-eventgrid-eventrouterjob-disallow-replication-loops";
export const TYPE = "pulumi-nodejs:dynamic/huaweicloud:DwsTransferTask";
const DESCRIPTION = "A DwsTransferTask may tolerate only a bounded number of bad rows per load.";

export const PACK: PackInfo = {
  name: "streamjobs",
  version: "0.1.0",
  description: "Guards for pulumi-streamjobs resources.",
  policies: [
    { name: RULE, description: DESCRIPTION, enforcementLevel: "advisory", severity: "medium", tags: ["huaweicloud", "dis"] },
    {
      name: LOOPS,
      displayName: "No replication loops",
      description: "EventRouterJobs may not copy a topic back to itself: messages in such a loop are copied without end.",
      enforcementLevel: "mandatory",
      remediationSteps: "Remove the topic from one of the jobs.",
      url: "https://example.com/rules/loops",
      tags: [],
    },
  ],
};

export const urn = (stack: string, name: string, type = TYPE) => `urn:pulumi:${stack}::shop::pulumi:pulumi:Stack$${type}::${name}`;

let seq = 0;
const event = (e: Omit<EngineEvent, "sequence" | "timestamp">): EngineEvent => ({ sequence: ++seq, timestamp: 1_760_000_000 + seq, ...e });

function policyEvent(stack: string, level: "mandatory" | "advisory", message: string, resource?: string, policy = RULE): EngineEvent {
  return event({
    policyEvent: {
      ...(resource ? { resourceUrn: urn(stack, resource) } : {}),
      message: `${PACK.policies.find((p) => p.name === policy)?.description}\n${message}`,
      color: "never",
      policyName: policy,
      policyPackName: "streamjobs",
      policyPackVersion: "0.1.0",
      policyPackVersionTag: "v0.1.0",
      // The engine sends "advisory"; the SDK's typings still say "warning".
      enforcementLevel: level as "mandatory",
    },
  });
}

const summary = (resourceChanges: Record<string, number>) =>
  event({ summaryEvent: { maybeCorrupt: false, durationSeconds: 3, resourceChanges, policyPacks: { streamjobs: "v0.1.0" } } });

export const DEV_EVENTS: EngineEvent[] = [
  event({ preludeEvent: { config: {} } }),
  policyEvent(
    "dev",
    "advisory",
    'DwsTransferTask "dump": options.rejectLimit is 5000, above the 1000 bad rows per load. Set rejectLimit to 1000 or less.',
    "dump",
  ),
  summary({ create: 1, same: 1 }),
];

export const PROD_EVENTS: EngineEvent[] = [
  event({ preludeEvent: { config: {} } }),
  policyEvent("prod", "mandatory", 'DwsTransferTask "dump": options.rejectLimit is 5000 | "unlimited"; set rejectLimit to 100 or less.', "dump"),
  policyEvent("prod", "mandatory", 'EventRouterJobs "a" and "b" copy topic "orders" around a loop.', undefined, LOOPS),
  event({ diagnosticEvent: { message: "preview failed: 2 policy violations", color: "never", severity: "error" } }),
  summary({ update: 1, replace: 1, delete: 2, same: 3, "create-replacement": 1 }),
];

export function resultOf(stack: string, events: EngineEvent[], policyConfig?: string): EnvironmentResult {
  const descriptions = new Map(PACK.policies.map((p) => [p.name, p.description]));
  return {
    environment: stack,
    stack: `acme/shop/${stack}`,
    counts: countsOf(changesOf(events)),
    violations: violationsOf(events, descriptions),
    ...(policyConfig ? { policyConfig } : {}),
  };
}

export const REVIEW: Review = {
  project: "shop",
  root: "/repo",
  program: "infra/index.ts",
  pack: PACK,
  environments: [resultOf("dev", DEV_EVENTS, "/repo/policy/config/dev.json"), resultOf("prod", PROD_EVENTS)],
};

export const PROGRAM = [
  'import { huaweicloud } from "pulumi-streamjobs";',
  "",
  'new huaweicloud.DwsTransferTask("dump", {',
  "  options: { rejectLimit: 5000 },",
  "});",
  "",
].join("\n");
