/**
 * The checks on an EventRouter job that need more than one field or the inventory, in the order the
 * service answers them (one error per call, the first that fails): one kind on each side and the same
 * kind on both, the cluster and its type, each endpoint's project, region and instance, the topic
 * choice, `replica_cnt` against the sink's brokers, and credentials the auth mode requires.
 *
 * All of these are [inferred] from the API reference; the service does not publish its validation.
 * Messages name the field by its path in the body and never quote a password.
 */
import { egErrors } from "../errors/huawei";
import { findHuaweiInstance, findHuaweiProject, queueKind, type EventRouterCluster, type HuaweiInstance, type Inventory } from "../inventory";
import type { JobBody } from "./huawei-eg-schema";

export type EgKind = "KAFKA" | "ROCKETMQ" | "DCS";

/** The body keys of each kind. */
export const KIND_KEYS = {
  KAFKA: { source: "source_kafka", sink: "sink_kafka", advance: "kafka2kafka", product: "Kafka" },
  ROCKETMQ: { source: "source_rocketmq", sink: "sink_rocketmq", advance: "rocketmq2rocketmq", product: "RocketMQ" },
  DCS: { source: "source_dcs", sink: "sink_dcs", advance: "dcs2dcs", product: "DCS" },
} as const;

const KINDS = Object.keys(KIND_KEYS) as EgKind[];

/** Cluster statuses that take jobs (terraform's "ready" set). */
const READY_CLUSTER = new Set(["RUNNING", "RUNNING_PARTIALLY"]);
/**
 * [inferred] Kafka authentication modes: the security protocols a DMS Kafka instance offers (Go SDK
 * kafka ShowInstance, kafka_security_protocol); SASL ones need a user name and a password.
 */
const KAFKA_AUTH_MODES = ["PLAINTEXT", "SASL_PLAINTEXT", "SASL_SSL"];

/** One endpoint's parameters, as far as the rules read them. */
export interface EndpointParams {
  readonly config_type: string;
  readonly region: string;
  readonly project_id: string;
  readonly instance_id?: string | null | undefined;
  readonly address?: string | null | undefined;
  readonly password?: string | null | undefined;
  readonly user_name?: string | null | undefined;
  readonly authenticate_mode?: string | null | undefined;
  readonly acl_open?: boolean | null | undefined;
}

interface TopicParams {
  readonly topics?: string | null | undefined;
  readonly topic_regex?: string | null | undefined;
  readonly replica_cnt?: number;
}

/** A job body that passed every rule, with what it refers to. */
export interface ResolvedJob {
  readonly kind: EgKind;
  readonly cluster: EventRouterCluster;
  readonly sourceConfig: Record<string, EndpointParams>;
  readonly sinkConfig: Record<string, EndpointParams>;
  readonly advanceConfig: Record<string, object>;
}

const present = (v: string | null | undefined): v is string => typeof v === "string" && v !== "";

/** The one kind key set in a config object, or the error naming the field. */
function kindOf(config: Readonly<Record<string, unknown>>, field: string, keyOf: (k: EgKind) => string): EgKind {
  const set = KINDS.filter((k) => config[keyOf(k)] !== undefined && config[keyOf(k)] !== null);
  const names = KINDS.map(keyOf).join(", ");
  if (set.length === 0) throw egErrors.invalidParameter(field, `must contain one of ${names}.`);
  if (set.length > 1) throw egErrors.invalidParameter(field, `must contain exactly one of ${names}; got ${set.map(keyOf).join(" and ")}.`);
  return set[0] as EgKind;
}

/** The job's kind: the source's, which the sink, the advance config and the cluster must share. */
export function jobKind(body: JobBody, cluster: EventRouterCluster): EgKind {
  const kind = kindOf(body.source_config, "source_config", (k) => KIND_KEYS[k].source);
  const sink = kindOf(body.sink_config, "sink_config", (k) => KIND_KEYS[k].sink);
  if (sink !== kind)
    throw egErrors.invalidParameter(
      "sink_config",
      `must hold ${KIND_KEYS[kind].sink} to match source_config.${KIND_KEYS[kind].source}; got ${KIND_KEYS[sink].sink}.`,
    );
  const advance = kindOf(body.advance_config, "advance_config", (k) => KIND_KEYS[k].advance);
  if (advance !== kind)
    throw egErrors.invalidParameter(
      "advance_config",
      `must hold ${KIND_KEYS[kind].advance} for a ${KIND_KEYS[kind].product} job; got ${KIND_KEYS[advance].advance}.`,
    );
  const clusterKind = queueKind(cluster.sourceType);
  if (clusterKind !== kind) {
    throw egErrors.invalidParameter(
      "source_config",
      `cluster ${cluster.id} replicates ${cluster.sourceType}; a ${KIND_KEYS[kind].product} job cannot run on it.`,
    );
  }
  if (!READY_CLUSTER.has(cluster.status)) {
    throw egErrors.invalidParameter("cluster_id", `cluster ${cluster.id} is ${cluster.status}; jobs can be created on a RUNNING cluster only.`);
  }
  return kind;
}

/** Where a CLOUD endpoint's instance is, checked against the inventory. */
function checkEndpoint(inventory: Inventory, kind: EgKind, field: string, p: EndpointParams): HuaweiInstance {
  const product = KIND_KEYS[kind].product;
  if (p.config_type !== "CLOUD") {
    throw egErrors.invalidParameter(
      `${field}.config_type`,
      `must be CLOUD (a ${product} instance of this account); the emulator serves no other configuration type.`,
    );
  }
  if (!present(p.instance_id)) throw egErrors.invalidParameter(`${field}.instance_id`, "is required when config_type is CLOUD.");
  const project = findHuaweiProject(inventory, p.project_id);
  if (project === undefined) throw egErrors.invalidParameter(`${field}.project_id`, `project ${p.project_id} is not a project of this account.`);
  if (project.region !== p.region) {
    throw egErrors.invalidParameter(`${field}.region`, `is ${p.region}, but project ${p.project_id} is in ${project.region}.`);
  }
  const found = findHuaweiInstance(inventory, p.project_id, p.instance_id);
  if (found === undefined || found.kind !== kind) {
    throw egErrors.invalidParameter(`${field}.instance_id`, `no ${product} instance ${p.instance_id} exists in project ${p.project_id} (${project.region}).`);
  }
  if (kind === "KAFKA" && present(p.authenticate_mode)) {
    if (!KAFKA_AUTH_MODES.includes(p.authenticate_mode)) {
      throw egErrors.invalidParameter(`${field}.authenticate_mode`, `must be one of ${KAFKA_AUTH_MODES.join(", ")}.`);
    }
    if (p.authenticate_mode.startsWith("SASL_")) requireCredentials(field, `authenticate_mode is ${p.authenticate_mode}`, p);
  }
  if (kind === "ROCKETMQ" && p.acl_open === true) requireCredentials(field, "acl_open is true", p);
  return found;
}

function requireCredentials(field: string, when: string, p: EndpointParams): void {
  if (!present(p.user_name)) throw egErrors.invalidParameter(`${field}.user_name`, `is required when ${when}.`);
  if (!present(p.password)) throw egErrors.invalidParameter(`${field}.password`, `is required when ${when}.`);
}

function checkTopics(kind: EgKind, advance: TopicParams, sink: HuaweiInstance): void {
  const field = `advance_config.${KIND_KEYS[kind].advance}`;
  const topics = present(advance.topics);
  const regex = present(advance.topic_regex);
  if (!topics && !regex) throw egErrors.invalidParameter(`${field}.topics`, "either topics or topic_regex must be set.");
  if (topics && regex) throw egErrors.invalidParameter(`${field}.topic_regex`, "only one of topics and topic_regex may be set.");
  // [inferred] The reference says replicas "cannot be greater than the number of brokers"; the emulator refuses at the API.
  if (kind === "KAFKA" && sink.kind === "KAFKA" && advance.replica_cnt !== undefined && advance.replica_cnt > sink.instance.brokerNum) {
    throw egErrors.invalidParameter(
      `${field}.replica_cnt`,
      `is ${advance.replica_cnt}, but the sink Kafka instance ${sink.instance.id} has ${sink.instance.brokerNum} brokers.`,
    );
  }
}

/** Every rule past the schema, given the job's cluster (found by the caller, which answers 404 for it). */
export function resolveJob(body: JobBody, cluster: EventRouterCluster, inventory: Inventory): ResolvedJob {
  const kind = jobKind(body, cluster);
  const keys = KIND_KEYS[kind];
  const source = body.source_config[keys.source] as EndpointParams;
  const sink = body.sink_config[keys.sink] as EndpointParams;
  const advance = body.advance_config[keys.advance] as object;
  checkEndpoint(inventory, kind, `source_config.${keys.source}`, source);
  const sinkInstance = checkEndpoint(inventory, kind, `sink_config.${keys.sink}`, sink);
  if (kind !== "DCS") checkTopics(kind, advance as TopicParams, sinkInstance);
  return {
    kind,
    cluster,
    sourceConfig: { [keys.source]: source },
    sinkConfig: { [keys.sink]: sink },
    advanceConfig: { [keys.advance]: advance },
  };
}
