/**
 * The value rules an EventRouter job request is checked against (docs/vendors/eventgrid.md#job-body,
 * and the vendor's create page). First the shape of each body as zod schemas: types, required
 * fields, enums and lengths. Then the checks that need more than one field or the inventory, in the
 * order the service answers them (one error per call, the first that fails): one queue engine on
 * each side and the same engine on both, the cluster and its type, each endpoint's project, region
 * and instance, the topic choice, `replica_cnt` against the sink's brokers, and credentials the
 * auth mode requires.
 *
 * The vendor's own request example wraps `source_config`, `sink_config`, `advance_config` and each
 * endpoint inside them in one-element arrays, while its schema says objects. Both forms are accepted
 * and normalised to objects, so the stored job and every answer use the schema's form.
 *
 * The first problem found is answered as EG.00513000 naming the field by its path in the body. The
 * cross-field checks are [inferred] from the API reference; the service does not publish its
 * validation. No message quotes a submitted value (a password could be anywhere).
 */
import { z } from "zod";
import { egErrors } from "../errors/huawei";
import {
  findHuaweiInstance,
  findHuaweiProject,
  queueEngine,
  type EventRouterCluster,
  type HuaweiInstance,
  type Inventory,
  type QueueEngine,
} from "../inventory";

// ---------------------------------------------------------------------------------------------
// The shape of each body
// ---------------------------------------------------------------------------------------------

/** Start with a letter or digit; letters, digits, `.`, `_`, `-`; at most 128 characters [doc]. */
export const NAME_RULE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const NAME_MAX = 128;
export const DESCRIPTION_MAX = 256;
/**
 * [inferred] Region ids as the vendor writes them (cn-north-4, eu-west-101, the create page's
 * roma-dev-1): lower-case words and a number joined by hyphens. The page gives no pattern.
 */
const REGION_RULE = /^[a-z]{2,}(?:-[a-z]+)+-[0-9]{1,3}$/;
/** One `host:port` (the create page's example address); an IPv6 host in brackets. */
const HOST_PORT = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):([0-9]{1,5})$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the rule is about control characters.
const CONTROL = /[\u0000-\u001f\u007f]/;

/** [inferred] Comma-separated `host:port` pairs with TCP ports (1-65535); the page states neither. */
function brokerAddresses(value: string): boolean {
  return value.split(",").every((pair) => {
    const port = HOST_PORT.exec(pair)?.[1];
    return port !== undefined && Number(port) >= 1 && Number(port) <= 65_535;
  });
}

/** Why a rule fails, in the same words the provider's preview uses for it. */
const WORDS = {
  name: 'must start with a letter or digit and contain only letters, digits, ".", "_" and "-"',
  region: 'must be a region id such as "cn-north-4" (lower-case words and a number joined by hyphens)',
  address: 'must be host:port addresses separated by commas, each port from 1 to 65535 (e.g. "192.168.0.1:9092,192.168.0.2:9092")',
  plain: "must not contain control characters such as CR or LF",
  rocketmqSeekTo: 'must be "first", "last" or a timestamp in milliseconds',
  kafkaSaslMechanism: "must be one of PLAIN, SCRAM-SHA-512",
} as const;

/** [inferred] The SASL mechanisms a DMS Kafka instance offers (Go SDK kafka ShowInstance, sasl_enabled_mechanisms). */
const SASL_MECHANISMS = ["PLAIN", "SCRAM-SHA-512"];

/** Kafka takes snappy; the RocketMQ page lists none, gzip, lz4 and zstd only [doc]. */
export const KAFKA_COMPRESS_ALGS = ["none", "gzip", "snappy", "lz4", "zstd"] as const;
export const ROCKETMQ_COMPRESS_ALGS = ["none", "gzip", "lz4", "zstd"] as const;

/** One object, or (as in the vendor's example) an array holding exactly one. */
function single<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (Array.isArray(v) && v.length === 1 ? (v[0] as unknown) : v), schema);
}

const required = z.string().min(1);
const optText = z.string().nullish();
const optBool = z.boolean().nullish();
/** [inferred] Names (aliases, users, topics) with no line break or other control character. */
const plain = z.string().refine((v) => !CONTROL.test(v), WORDS.plain);

/** Built per strictness: strict rejects fields the API does not define, loose drops them. */
export function jobSchemas(strict: boolean) {
  const obj = <S extends z.core.$ZodLooseShape>(shape: S) => (strict ? z.strictObject(shape) : z.object(shape));

  const endpointCommon = {
    config_type: required,
    region: required.regex(REGION_RULE, WORDS.region),
    project_id: required,
    instance_id: optText,
    // The vendor's example sends "" for unset strings, so an empty address is no address.
    address: z
      .string()
      .refine((v) => v === "" || brokerAddresses(v), WORDS.address)
      .nullish(),
    password: optText,
  };
  const kafkaParams = obj({
    ...endpointCommon,
    cluster_alias: required.pipe(plain),
    authenticate_mode: optText,
    // The vendor's example sends "" when SASL is off.
    sasl_mechanism: z
      .string()
      .refine((v) => v === "" || SASL_MECHANISMS.includes(v), WORDS.kafkaSaslMechanism)
      .nullish(),
    user_name: plain.nullish(),
  });
  const rocketmqParams = obj({
    ...endpointCommon,
    cluster_alias: required.pipe(plain),
    // A String in the schema ("true"/"false"); a boolean is taken too.
    ssl_open: z.union([z.enum(["true", "false"]), z.boolean()]).nullish(),
    acl_open: optBool,
    user_name: plain.nullish(),
  });
  const dcsParams = obj(endpointCommon);

  const topicChoice = { topics: plain.nullish(), topic_regex: optText };
  const kafka2kafka = obj({
    ...topicChoice,
    replica_cnt: z.number().int().min(1),
    seek_to: required,
    compress_alg: z.enum(KAFKA_COMPRESS_ALGS),
    is_sync_progress: z.boolean(),
    is_add_header: z.boolean(),
    rename_topic: optBool,
    topic_mappings: z.array(obj({ source_topic: plain.nullish(), sink_topic: plain.nullish() })).nullish(),
    task_cnt: z.number().int().min(1).nullish(),
  });
  const rocketmq2rocketmq = obj({
    ...topicChoice,
    is_sync_progress: z.boolean(),
    // The RocketMQ table: first, last or a custom timestamp (long).
    seek_to: z.string().regex(/^(first|last|[0-9]+)$/, WORDS.rocketmqSeekTo),
    compress_alg: z.enum(ROCKETMQ_COMPRESS_ALGS),
  });
  const seconds = z.string().regex(/^\d+$/, 'must be a whole number of seconds written as a string, e.g. "60"');
  const dcs2dcs = obj({
    synchronize_type: required,
    connect_retry_time: seconds,
    other_retry_time: seconds,
    use_rate_limit: optBool,
    rate_limit: optText,
    // The API's own spelling.
    use_salve_node: optBool,
  });

  const job = obj({
    cluster_id: required,
    name: required.max(NAME_MAX).regex(NAME_RULE, WORDS.name),
    description: z.string().max(DESCRIPTION_MAX).nullish(),
    scene_type: z.enum(["DISASTER_BACKUP"]),
    // [inferred] Optional in the schema, but a job without them replicates nothing; the emulator requires them.
    source_config: single(
      obj({ source_kafka: single(kafkaParams).nullish(), source_rocketmq: single(rocketmqParams).nullish(), source_dcs: single(dcsParams).nullish() }),
    ),
    sink_config: single(
      obj({ sink_kafka: single(kafkaParams).nullish(), sink_rocketmq: single(rocketmqParams).nullish(), sink_dcs: single(dcsParams).nullish() }),
    ),
    advance_config: single(
      obj({ kafka2kafka: single(kafka2kafka).nullish(), rocketmq2rocketmq: single(rocketmq2rocketmq).nullish(), dcs2dcs: single(dcs2dcs).nullish() }),
    ),
  });

  const action = obj({
    operation: z.enum(["START", "STOP"]),
    // For a disaster-recovery switchover; accepted and not acted on.
    config: single(obj({ switch_now: optBool, sink_address: optText })).nullish(),
  });

  return { job, action };
}

type Schemas = ReturnType<typeof jobSchemas>;
export type JobBody = z.output<Schemas["job"]>;
export type ActionBody = z.output<Schemas["action"]>;

/** Why one issue fails, in words that name no submitted value (DIS words its issues with it too). */
export function reason(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined ? "is required." : `must be ${issue.expected === "object" ? "an object" : `a ${issue.expected}`}.`;
    case "invalid_value":
      return `must be one of ${issue.values.map(String).join(", ")}.`;
    case "too_small":
      return issue.origin === "string" && Number(issue.minimum) === 1
        ? "must not be empty."
        : `must be at least ${String(issue.minimum)}${issue.origin === "string" ? " characters long" : ""}.`;
    case "too_big":
      return `must be at most ${String(issue.maximum)}${issue.origin === "string" ? " characters long" : ""}.`;
    case "unrecognized_keys":
      return `has field${issue.keys.length === 1 ? "" : "s"} the API does not define: ${issue.keys.join(", ")} (the emulator is strict about unknown fields; start it with --loose to ignore them).`;
    case "invalid_union":
      return 'must be "true", "false" or a boolean.';
    default:
      return `${issue.message}.`;
  }
}

/** The field an issue is about, as its path in the body (`a.b.0.c`), or `body`. */
export function fieldOf(issue: z.core.$ZodIssue): string {
  return issue.path.length === 0 ? "body" : issue.path.map(String).join(".");
}

/** Parses a body with one of the schemas; throws EG.00513000 (or EG.00014000 for a body that is not an object). */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  if (body === null || typeof body !== "object" || Array.isArray(body)) throw egErrors.badRequest("the body must be a JSON object.");
  // The input is reported only so that "absent" can be told from "wrong type"; it is never shown.
  const parsed = schema.safeParse(body, { reportInput: true });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0] as z.core.$ZodIssue;
  throw egErrors.invalidParameter(fieldOf(issue), reason(issue));
}

// ---------------------------------------------------------------------------------------------
// Checks beyond one field: engines, the cluster, endpoints against the inventory, topics
// ---------------------------------------------------------------------------------------------

/** The body keys of each queue engine. */
export const ENGINE_KEYS = {
  KAFKA: { source: "source_kafka", sink: "sink_kafka", advance: "kafka2kafka", product: "Kafka" },
  ROCKETMQ: { source: "source_rocketmq", sink: "sink_rocketmq", advance: "rocketmq2rocketmq", product: "RocketMQ" },
  DCS: { source: "source_dcs", sink: "sink_dcs", advance: "dcs2dcs", product: "DCS" },
} as const;

const ENGINES = Object.keys(ENGINE_KEYS) as QueueEngine[];

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
  readonly engine: QueueEngine;
  readonly cluster: EventRouterCluster;
  readonly sourceConfig: Record<string, EndpointParams>;
  readonly sinkConfig: Record<string, EndpointParams>;
  readonly advanceConfig: Record<string, object>;
}

const present = (v: string | null | undefined): v is string => typeof v === "string" && v !== "";

/** The one engine key set in a config object, or the error naming the field. */
function engineOf(config: Readonly<Record<string, unknown>>, field: string, keyOf: (k: QueueEngine) => string): QueueEngine {
  const set = ENGINES.filter((k) => config[keyOf(k)] !== undefined && config[keyOf(k)] !== null);
  const names = ENGINES.map(keyOf).join(", ");
  if (set.length === 0) throw egErrors.invalidParameter(field, `must contain one of ${names}.`);
  if (set.length > 1) throw egErrors.invalidParameter(field, `must contain exactly one of ${names}; got ${set.map(keyOf).join(" and ")}.`);
  return set[0] as QueueEngine;
}

/** The job's engine: the source's, which the sink, the advance config and the cluster must share. */
export function jobEngine(body: JobBody, cluster: EventRouterCluster): QueueEngine {
  const engine = engineOf(body.source_config, "source_config", (k) => ENGINE_KEYS[k].source);
  const sink = engineOf(body.sink_config, "sink_config", (k) => ENGINE_KEYS[k].sink);
  if (sink !== engine)
    throw egErrors.invalidParameter(
      "sink_config",
      `must hold ${ENGINE_KEYS[engine].sink} to match source_config.${ENGINE_KEYS[engine].source}; got ${ENGINE_KEYS[sink].sink}.`,
    );
  const advance = engineOf(body.advance_config, "advance_config", (k) => ENGINE_KEYS[k].advance);
  if (advance !== engine)
    throw egErrors.invalidParameter(
      "advance_config",
      `must hold ${ENGINE_KEYS[engine].advance} for a ${ENGINE_KEYS[engine].product} job; got ${ENGINE_KEYS[advance].advance}.`,
    );
  const clusterEngine = queueEngine(cluster.sourceType);
  if (clusterEngine !== engine) {
    throw egErrors.invalidParameter(
      "source_config",
      `cluster ${cluster.id} replicates ${cluster.sourceType}; a ${ENGINE_KEYS[engine].product} job cannot run on it.`,
    );
  }
  if (!READY_CLUSTER.has(cluster.status)) {
    throw egErrors.invalidParameter("cluster_id", `cluster ${cluster.id} is ${cluster.status}; jobs can be created on a RUNNING cluster only.`);
  }
  return engine;
}

/** Where a CLOUD endpoint's instance is, checked against the inventory. */
function checkEndpoint(inventory: Inventory, engine: QueueEngine, field: string, p: EndpointParams): HuaweiInstance {
  const product = ENGINE_KEYS[engine].product;
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
  if (found === undefined || found.engine !== engine) {
    throw egErrors.invalidParameter(`${field}.instance_id`, `no ${product} instance ${p.instance_id} exists in project ${p.project_id} (${project.region}).`);
  }
  if (engine === "KAFKA" && present(p.authenticate_mode)) {
    if (!KAFKA_AUTH_MODES.includes(p.authenticate_mode)) {
      throw egErrors.invalidParameter(`${field}.authenticate_mode`, `must be one of ${KAFKA_AUTH_MODES.join(", ")}.`);
    }
    if (p.authenticate_mode.startsWith("SASL_")) requireCredentials(field, `authenticate_mode is ${p.authenticate_mode}`, p);
  }
  if (engine === "ROCKETMQ" && p.acl_open === true) requireCredentials(field, "acl_open is true", p);
  return found;
}

function requireCredentials(field: string, when: string, p: EndpointParams): void {
  if (!present(p.user_name)) throw egErrors.invalidParameter(`${field}.user_name`, `is required when ${when}.`);
  if (!present(p.password)) throw egErrors.invalidParameter(`${field}.password`, `is required when ${when}.`);
}

function checkTopics(engine: QueueEngine, advance: TopicParams, sink: HuaweiInstance): void {
  const field = `advance_config.${ENGINE_KEYS[engine].advance}`;
  const topics = present(advance.topics);
  const regex = present(advance.topic_regex);
  if (!topics && !regex) throw egErrors.invalidParameter(`${field}.topics`, "either topics or topic_regex must be set.");
  if (topics && regex) throw egErrors.invalidParameter(`${field}.topic_regex`, "only one of topics and topic_regex may be set.");
  // [inferred] The reference says replicas "cannot be greater than the number of brokers"; the emulator refuses at the API.
  if (engine === "KAFKA" && sink.engine === "KAFKA" && advance.replica_cnt !== undefined && advance.replica_cnt > sink.instance.brokerNum) {
    throw egErrors.invalidParameter(
      `${field}.replica_cnt`,
      `is ${advance.replica_cnt}, but the sink Kafka instance ${sink.instance.id} has ${sink.instance.brokerNum} brokers.`,
    );
  }
}

/** Every rule past the schema, given the job's cluster (found by the caller, which answers 404 for it). */
export function resolveJob(body: JobBody, cluster: EventRouterCluster, inventory: Inventory): ResolvedJob {
  const engine = jobEngine(body, cluster);
  const keys = ENGINE_KEYS[engine];
  const source = body.source_config[keys.source] as EndpointParams;
  const sink = body.sink_config[keys.sink] as EndpointParams;
  const advance = body.advance_config[keys.advance] as object;
  checkEndpoint(inventory, engine, `source_config.${keys.source}`, source);
  const sinkInstance = checkEndpoint(inventory, engine, `sink_config.${keys.sink}`, sink);
  if (engine !== "DCS") checkTopics(engine, advance as TopicParams, sinkInstance);
  return {
    engine,
    cluster,
    sourceConfig: { [keys.source]: source },
    sinkConfig: { [keys.sink]: sink },
    advanceConfig: { [keys.advance]: advance },
  };
}
