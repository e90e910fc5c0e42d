/**
 * The shape of an EventRouter job body (docs/vendors/eventgrid.md#job-body, and the vendor's create
 * page): types, required fields, enums and lengths, as zod schemas. What needs more than one field
 * or the inventory lives in huawei-eg-rules.ts.
 *
 * The vendor's own request example wraps `source_config`, `sink_config`, `advance_config` and each
 * kind inside them in one-element arrays, while its schema says objects. Both forms are accepted and
 * normalised to objects, so the stored job and every answer use the schema's form.
 *
 * The first problem found is answered as EG.00513000 naming the field by its path in the body; no
 * message quotes a submitted value (a password could be anywhere).
 */
import { z } from "zod";
import { egErrors } from "../errors/huawei";

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
