/**
 * `alicloud-gpdb-streamingdatasource-require-bootstrap-brokers`: a Kafka data source lists at least
 * a configured number of distinct broker hosts. The broker list is the Kafka client's bootstrap
 * list: the client needs one reachable broker from it to find the rest of the cluster, so a list of
 * one host makes the data source (and every job reading it) unable to connect while that broker is
 * down or replaced. Two ports of one host count once: they fail together.
 *
 * The list is `brokers` of the typed config, or `brokers` / `broker_list` of JSON text (the two
 * keys the vendor's examples use, see the resource); a config the rule cannot read is left to the
 * provider's check, which refuses it.
 */
import type { PolicyConfigSchema, ResourceValidationArgs, ReportViolation } from "@pulumi/policy";
import { configWithDefaults } from "./_config";
import { type PackResourcePolicy, type ResourceType, isOneOf } from "./_rule";
import { TYPES } from "./_types";

export const NAME = "alicloud-gpdb-streamingdatasource-require-bootstrap-brokers";
export const STREAMING_DATA_SOURCE_TYPE: string = TYPES.alicloud.StreamingDataSource;
const APPLIES_TO: readonly ResourceType[] = [TYPES.alicloud.StreamingDataSource];

export interface BootstrapBrokersConfig {
  readonly minBrokers: number;
}

export const configSchema: PolicyConfigSchema = {
  properties: {
    minBrokers: {
      type: "integer",
      minimum: 1,
      description: "The fewest distinct broker hosts a Kafka data source's broker list may name.",
      default: 2,
    },
  },
};

/** The broker list of a dataSourceConfig (typed object or JSON text), undefined when there is none to read. */
function brokerListOf(config: unknown): string | undefined {
  let doc: unknown = config;
  if (typeof config === "string") {
    try {
      doc = JSON.parse(config);
    } catch {
      return undefined;
    }
  }
  if (doc === null || typeof doc !== "object") return undefined;
  const { brokers, broker_list } = doc as { brokers?: unknown; broker_list?: unknown };
  const list = brokers ?? broker_list;
  return typeof list === "string" ? list : undefined;
}

/** The distinct hosts of a `host:port[,host:port…]` list, in order. */
export function brokerHosts(list: string): string[] {
  const hosts = list
    .split(",")
    .map((b) => b.trim())
    .filter((b) => b !== "")
    .map((b) =>
      b
        .replace(/:\d+$/, "")
        .replace(/^\[(.*)\]$/, "$1")
        .toLowerCase(),
    );
  return [...new Set(hosts)];
}

export const streamingDataSourceBrokers: PackResourcePolicy = {
  name: NAME,
  description:
    "A Kafka StreamingDataSource must list at least the environment's number of distinct broker hosts: with one, the source cannot connect while that broker is down.",
  tags: ["alicloud", "gpdb", "reliability"],
  severity: "medium",
  configSchema,
  appliesTo: APPLIES_TO,
  validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
    if (!isOneOf(APPLIES_TO, args)) return args.notApplicable("only StreamingDataSource resources are checked");
    const list = brokerListOf(args.props.dataSourceConfig);
    if (list === undefined) return;
    const { minBrokers } = configWithDefaults<BootstrapBrokersConfig>(configSchema, args.getConfig());
    const hosts = brokerHosts(list);
    if (hosts.length >= minBrokers) return;
    const named = `${hosts.length} ${hosts.length === 1 ? "host" : "hosts"} (${hosts.join(", ")})`;
    reportViolation(
      `StreamingDataSource ${JSON.stringify(args.name)}: the dataSourceConfig broker list names ${named}; this environment asks for at least ${minBrokers} (policy config minBrokers), so that the source still connects while a broker is down. List ${minBrokers} or more brokers of the cluster.`,
    );
  },
};
