/**
 * `huaweicloud-eventgrid-eventrouterjob-limit-replicas-to-brokers`: a Kafka-to-Kafka job's `replicaCnt` must not exceed the
 * broker count of the sink instance (the API reference's limit). Nothing in the job's inputs shows
 * the broker count, so the provider can only check it against the DMS API during `pulumi up`, after
 * the change was reviewed and merged; this rule moves that failure into preview and PR review.
 *
 * The broker count is not in the job's inputs. It comes from an inventory in the policy config
 * (one per environment, so a PR check needs no cloud credentials), or, when `lookup` is on, from
 * the DMS API through the package's provider.
 */
import type { PolicyConfigSchema, ResourceValidationArgs, ReportViolation } from "@pulumi/policy";
import { configWithDefaults } from "./_config";
import { EVENT_ROUTER_JOBS, asEventRouterJob, endpointLabel, jobSides, nonEmpty } from "./_eventrouter";
import type { PackResourcePolicy } from "./_rule";

export const NAME = "huaweicloud-eventgrid-eventrouterjob-limit-replicas-to-brokers";

/** Where a Kafka instance lives, as the DMS ShowInstance API needs it. */
export interface KafkaInstanceRef {
  readonly region: string;
  readonly projectId: string;
  readonly instanceId: string;
}

/** Returns the broker count of a DMS Kafka instance (`broker_num`). */
export type BrokerCountLookup = (ref: KafkaInstanceRef) => Promise<number>;

export interface ReplicasWithinBrokersConfig {
  /** Instance id (or address, for a cluster without one) → broker count. */
  readonly brokers: Readonly<Record<string, number>>;
  /** Ask the DMS API for instances missing from `brokers`. */
  readonly lookup: boolean;
}

export const configSchema: PolicyConfigSchema = {
  properties: {
    brokers: {
      type: "object",
      description:
        "Broker count of each sink Kafka instance, keyed by instanceId (or by address for a cluster given without one). One inventory per environment.",
      additionalProperties: { type: "integer", minimum: 1 },
      default: {},
    },
    lookup: {
      type: "boolean",
      description:
        "For an instance missing from brokers, read its broker count from the DMS API (needs Huawei Cloud credentials where the policy runs). Off by default so that PR review needs none.",
      default: false,
    },
  },
};

/**
 * The package's own DMS client, loaded when a lookup is first needed: a pack that never looks up
 * (the default) must load without the built package, and the pack's sources may not import from
 * outside their directory because Pulumi compiles them with `rootDir` set to the pack.
 */
export const providerLookup: BrokerCountLookup = async (ref) => {
  const provider = require("pulumi-streamjobs/provider") as { kafkaBrokerCount?: BrokerCountLookup };
  if (typeof provider.kafkaBrokerCount !== "function") {
    throw new Error("the installed pulumi-streamjobs has no kafkaBrokerCount; install a version that has it");
  }
  return provider.kafkaBrokerCount(ref);
};

/**
 * The rule, with the lookup it uses when `lookup` is on. Tests pass a fake; the pack uses the
 * provider. Answers are kept for the life of the process (one preview or update), so a hundred
 * jobs writing to one instance make one call, and a failing instance is not retried per job.
 */
export function replicasWithinBrokers(lookup: BrokerCountLookup = providerLookup): PackResourcePolicy {
  const answers = new Map<string, Promise<number>>();
  const lookUpOnce = (ref: KafkaInstanceRef): Promise<number> => {
    const key = `${ref.region}/${ref.projectId}/${ref.instanceId}`;
    let answer = answers.get(key);
    if (answer === undefined) {
      // Wrapped so that a lookup that throws synchronously is a rejection like any other.
      answer = Promise.resolve().then(() => lookup(ref));
      answers.set(key, answer);
    }
    return answer;
  };

  return {
    name: NAME,
    description:
      "A Kafka-to-Kafka EventRouterJob may not keep more replicas of each topic than its sink instance has brokers: such a job cannot be created, and without this rule that is found out only at `pulumi up`.",
    tags: ["huaweicloud", "eventgrid", "kafka", "reliability"],
    severity: "high",
    configSchema,
    appliesTo: EVENT_ROUTER_JOBS,
    validateResource: async (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
      const job = asEventRouterJob(args);
      if (job === undefined) return args.notApplicable("only EventRouterJob resources are checked");
      const sides = jobSides(job);
      if (sides === undefined || sides.kind !== "kafka") return args.notApplicable("only Kafka-to-Kafka jobs have replicaCnt");
      const replicaCnt = sides.sync?.replicaCnt;
      // A missing or malformed replicaCnt is the provider check's to report, not this rule's.
      if (typeof replicaCnt !== "number") return;

      const config = configWithDefaults<ReplicasWithinBrokersConfig>(configSchema, args.getConfig());
      const instanceId = nonEmpty(sides.sink.instanceId);
      const key = instanceId ?? nonEmpty(sides.sink.address);
      if (key === undefined) return args.notApplicable("the sink Kafka names neither an instanceId nor an address");
      const subject = `EventRouterJob ${JSON.stringify(args.name)}`;
      const sink = `sink ${endpointLabel("kafka", sides.sink)}`;
      const addToInventory = `Add ${JSON.stringify(key)}: <broker count> to brokers in the ${NAME} policy config`;

      let brokers: number;
      let from: string;
      const listed = config.brokers[key];
      if (listed !== undefined) {
        brokers = listed;
        from = "the policy config";
      } else if (config.lookup && instanceId !== undefined) {
        const ref = { region: nonEmpty(sides.sink.region) ?? "", projectId: nonEmpty(sides.sink.projectId) ?? "", instanceId };
        try {
          brokers = await lookUpOnce(ref);
          if (!Number.isInteger(brokers) || brokers < 1) {
            throw new Error(`the lookup returned ${typeof brokers === "number" ? String(brokers) : JSON.stringify(brokers)}, not a whole number of at least 1`);
          }
        } catch (err) {
          reportViolation(
            `${subject}: could not look up the broker count of ${sink} (region ${ref.region || "not set"}): ${firstLine(err)}. ${addToInventory}, or make sure the policy can reach the DMS API with Huawei Cloud credentials that may read this instance.`,
          );
          return;
        }
        from = "the DMS API";
      } else {
        // An address-only cluster has no instance for the DMS API to describe.
        const instead = instanceId === undefined ? "" : ", or set lookup to true to read it from the DMS API";
        reportViolation(
          `${subject}: the broker count of ${sink} is not known, so advanceConfig.kafka2kafka.replicaCnt ${replicaCnt} cannot be checked. ${addToInventory}${instead}.`,
        );
        return;
      }

      if (replicaCnt > brokers) {
        reportViolation(
          `${subject}: advanceConfig.kafka2kafka.replicaCnt is ${replicaCnt} but ${sink} has ${brokers} broker${brokers === 1 ? "" : "s"} (per ${from}); set replicaCnt to ${brokers} or less.`,
        );
      }
    },
  };
}

/**
 * Only the error's message, first line: never the error object, whose fields (a request, its
 * headers) could carry credentials, and never a stack trace.
 */
function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return (message.split("\n")[0] ?? "").trim().replace(/\.$/, "") || "no reason given";
}

export const eventrouterReplicasWithinBrokers = replicasWithinBrokers();
