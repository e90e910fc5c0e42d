/**
 * The input schema of huaweicloud.EventRouterJob: every field the create-job API documents, in
 * camelCase, with the source, sink and advance configurations as one-of-three unions (Kafka,
 * RocketMQ or DCS) whose kinds must agree. Also the mapping to and from the API's snake_case body.
 */
import { z } from "zod";
import { show } from "../engine/check";

/**
 * The words of the rules the emulator checks too: a failure reads the same at preview and at the
 * API (the conformance case table runs one set of inputs through both and compares these words).
 */
export const RULE_WORDS = {
  /** The create page's name rule (seed 001): a letter or digit first, then letters, digits, `.`, `_`, `-`. */
  name: 'must start with a letter or digit and contain only letters, digits, ".", "_" and "-"',
  /** [inferred] Region ids as Huawei writes them (cn-north-4, eu-west-101, the page's roma-dev-1); the page gives no pattern. */
  region: 'must be a region id such as "cn-north-4" (lower-case words and a number joined by hyphens)',
  /** [inferred] The page's example is one `host:port`; TCP ports are 1 to 65535. */
  address: 'must be host:port addresses separated by commas, each port from 1 to 65535 (e.g. "192.168.0.1:9092,192.168.0.2:9092")',
  /** [inferred] No name the API takes documents a line break. */
  plain: "must not contain control characters such as CR or LF",
  /** The RocketMQ table: first, last or a custom timestamp (long). */
  rocketmqSeekTo: 'must be "first", "last" or a timestamp in milliseconds',
  /** [inferred] The security protocols of a DMS Kafka instance (Go SDK kafka ShowInstance, kafka_security_protocol). */
  kafkaAuthenticateMode: "must be one of PLAINTEXT, SASL_PLAINTEXT, SASL_SSL",
  /** [inferred] The SASL mechanisms of a DMS Kafka instance (Go SDK kafka ShowInstance, sasl_enabled_mechanisms). */
  kafkaSaslMechanism: "must be one of PLAIN, SCRAM-SHA-512",
  /** [inferred] The dcs2dcs retry intervals are Strings of seconds (default "60"). */
  seconds: 'must be a whole number of seconds written as a string, e.g. "60"',
} as const;

const NAME_RULE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const REGION_RULE = /^[a-z]{2,}(?:-[a-z]+)+-[0-9]{1,3}$/;
const HOST_PORT = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):([0-9]{1,5})$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the rule is about control characters.
const CONTROL = /[\u0000-\u001f\u007f]/;

/** What is wrong with a Huawei region id, in the words preview uses (also for `huaweicloud:region`). */
export function huaweiRegionProblem(region: string): string | undefined {
  return REGION_RULE.test(region) ? undefined : `${RULE_WORDS.region}; got ${show(region)}.`;
}

/** Comma-separated `host:port` pairs, each port in the TCP range. */
export function brokerAddressesValid(value: string): boolean {
  return value.split(",").every((a) => {
    const port = HOST_PORT.exec(a)?.[1];
    return port !== undefined && Number(port) >= 1 && Number(port) <= 65_535;
  });
}

/** A string that must pass `ok`, failing with the shared words and the value received. */
function worded<T extends z.ZodType<string>>(schema: T, ok: (v: string) => boolean, words: string) {
  return schema.superRefine((v, ctx) => {
    if (!ok(v)) ctx.addIssue({ code: "custom", message: `${words}; got ${show(v)}.` });
  });
}

const plainText = (schema: z.ZodString = z.string().min(1)) => worded(schema, (v) => !CONTROL.test(v), RULE_WORDS.plain);

/**
 * An optional field where "" and null mean unset, as in the vendor's own example request
 * (`"user_name": ""`, `"password": null`, `"topic_regex": ""`), so that example passes preview.
 */
const unsetOr = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" || v === null ? undefined : v), schema.optional());
const oneOfWords = (values: readonly string[], words: string) => worded(z.string(), (v) => values.includes(v), words);

export const jobName = worded(z.string().min(1).max(128), (v) => NAME_RULE.test(v), RULE_WORDS.name);

const projectId = z
  .string()
  .regex(/^[0-9a-fA-F]{32}$/, "must be a 32-character hexadecimal project id (one per region, shown under My Credentials > Projects)");

const configType = z
  .string()
  .regex(/^[A-Z_]+$/, 'must be an upper-case instance type such as "CLOUD" (a DMS/DCS instance in this account)')
  .default("CLOUD");

const portableString = z.union([z.string(), z.number()]).transform(String);

/** Checks shared by the three endpoint kinds: CLOUD needs an instance id, anything else an address. */
function endpointProblems(v: { configType: string; instanceId?: string | undefined; address?: string | undefined }, ctx: z.RefinementCtx): void {
  if (v.configType === "CLOUD" && !v.instanceId) {
    ctx.addIssue({
      code: "custom",
      path: ["instanceId"],
      message:
        'is required when configType is "CLOUD" (the id of the DMS/DCS instance). Set instanceId, or set configType and address for a self-managed cluster.',
    });
  }
  if (v.configType !== "CLOUD" && !v.address) {
    ctx.addIssue({
      code: "custom",
      path: ["address"],
      message: `is required when configType is ${show(v.configType)} (there is no instance id to resolve). Set address to "host:port[,host:port]".`,
    });
  }
}

function credentialsNeeded(when: string, v: { userName?: string | undefined; password?: string | undefined }, ctx: z.RefinementCtx): void {
  for (const f of ["userName", "password"] as const) {
    if (!v[f]) ctx.addIssue({ code: "custom", path: [f], message: `is required when ${when}. Set ${f}${f === "password" ? " (as a secret)" : ""}.` });
  }
}

/** Fields every endpoint kind has. */
const endpointFields = {
  configType: configType.describe('`CLOUD` for a DMS/DCS instance in this account. @default "CLOUD"'),
  region: worded(z.string().min(1), (v) => huaweiRegionProblem(v) === undefined, RULE_WORDS.region).describe(
    "Region id of the instance, e.g. `cn-north-4`: lower-case words and a number joined by hyphens.",
  ),
  projectId: projectId.describe("Project id of that region (32 hex characters)."),
  // Removing it (or address) points the job at another cluster: replaced (endpointIdentity).
  instanceId: unsetOr(z.string()).describe("The instance id; required when configType is CLOUD."),
  address: unsetOr(worded(z.string(), brokerAddressesValid, RULE_WORDS.address)).describe(
    "`host:port[,host:port]`, ports 1 to 65535; required when configType is not CLOUD. An empty string means none.",
  ),
  // Removing it keeps the stored one: the API never echoes it and a PUT without it keeps it [inferred].
  password: unsetOr(z.string()).describe("Always stored as a secret; never echoed by the API."),
};

/** The fields every endpoint kind has, as the SDK names them (a type only: each kind has its own schema). */
export const endpointBase = z
  .strictObject(endpointFields)
  .meta({ sdkName: "EndpointBase", sdkTypeDoc: "What every kind of endpoint has: where the cluster is, and how to reach it." });

export const kafkaEndpoint = z
  .strictObject({
    ...endpointFields,
    clusterAlias: plainText().describe("A name for the cluster inside the job (no line breaks)."),
    authenticateMode: unsetOr(oneOfWords(["PLAINTEXT", "SASL_PLAINTEXT", "SASL_SSL"], RULE_WORDS.kafkaAuthenticateMode)).describe(
      "PLAINTEXT, SASL_PLAINTEXT or SASL_SSL (a DMS Kafka instance's protocols); SASL modes need userName and password.",
    ),
    saslMechanism: unsetOr(oneOfWords(["PLAIN", "SCRAM-SHA-512"], RULE_WORDS.kafkaSaslMechanism)).describe(
      "PLAIN or SCRAM-SHA-512, with a SASL authenticateMode.",
    ),
    userName: unsetOr(plainText(z.string())).describe("An empty string means none."),
  })
  .superRefine((v, ctx) => {
    endpointProblems(v, ctx);
    if (v.authenticateMode?.startsWith("SASL_")) credentialsNeeded(`authenticateMode is ${show(v.authenticateMode)}`, v, ctx);
  })
  .meta({ sdkName: "KafkaEndpoint", sdkTypeDoc: 'A DMS for Kafka instance (`configType: "CLOUD"`) or a self-managed cluster reached by address.' });

export const rocketmqEndpoint = z
  .strictObject({
    ...endpointFields,
    clusterAlias: plainText(),
    sslOpen: z.boolean().optional(),
    aclOpen: z.boolean().optional().describe("When true, userName and password are required."),
    userName: unsetOr(plainText(z.string())),
  })
  .superRefine((v, ctx) => {
    endpointProblems(v, ctx);
    if (v.aclOpen) credentialsNeeded("aclOpen is true", v, ctx);
  })
  .meta({ sdkName: "RocketmqEndpoint", sdkTypeDoc: "A DMS for RocketMQ instance or a self-managed cluster." });

export const dcsEndpoint = z
  .strictObject(endpointFields)
  .superRefine(endpointProblems)
  .meta({ sdkName: "DcsEndpoint", sdkTypeDoc: "A DCS (Redis) instance or a self-managed Redis reached by address." });

/** Topic names, comma-separated as the API wants them; a list is joined. */
const topics = z
  .union([z.string(), z.array(z.string())])
  .superRefine((v, ctx) => {
    // Checked before trimming: a line break in a topic name is refused, not dropped as whitespace.
    const bad = [v].flat().find((t) => CONTROL.test(t));
    if (bad !== undefined) ctx.addIssue({ code: "custom", message: `${RULE_WORDS.plain}; got ${show(bad)}.` });
  })
  .transform((v) => (Array.isArray(v) ? v : v.split(",")).map((t) => t.trim()))
  .superRefine((list, ctx) => {
    if (list.length === 0 || list.some((t) => t === ""))
      ctx.addIssue({ code: "custom", message: 'must name at least one topic, without empty entries (e.g. "orders,payments" or ["orders", "payments"])' });
  })
  .transform((list) => list.join(","));

const topicRegex = z
  .string()
  .min(1)
  .superRefine((v, ctx) => {
    try {
      new RegExp(v);
    } catch (err) {
      ctx.addIssue({
        code: "custom",
        message: `is not a valid regular expression (${(err as Error).message}); fix the pattern or list the topics in topics instead`,
      });
    }
  });

function exactlyOneTopicSelector(v: { topics?: string | undefined; topicRegex?: string | undefined }, ctx: z.RefinementCtx): void {
  const both = v.topics !== undefined && v.topicRegex !== undefined;
  if (both || (v.topics === undefined && v.topicRegex === undefined)) {
    ctx.addIssue({
      code: "custom",
      path: ["topics"],
      message: both
        ? "and topicRegex are both set; exactly one of them selects the topics to copy. Remove one of them."
        : "or topicRegex is required (exactly one of them selects the topics to copy). Set topics to a list of names or topicRegex to a pattern.",
    });
  }
}

export const kafka2kafka = z
  .strictObject({
    topics: unsetOr(topics).describe(
      "Topics to copy (a list, or comma-separated; no line breaks). Exactly one of topics and topicRegex. Order is not significant.",
    ),
    topicRegex: unsetOr(topicRegex).describe("A pattern selecting the topics to copy."),
    replicaCnt: z
      .number()
      .int()
      .min(1)
      .describe("Replicas of the topics created on the sink; at most the sink instance's broker count (checked before create and update)."),
    seekTo: z.string().min(1).describe("Where to start, e.g. `earliest` or `latest`."),
    compressAlg: z.enum(["none", "gzip", "snappy", "lz4", "zstd"]).default("none").describe("none, gzip, snappy, lz4 or zstd."),
    isSyncProgress: z.boolean().default(false).describe("Copy consumer-group offsets too."),
    isAddHeader: z.boolean().default(false).describe("Add a header naming the source to each message."),
    renameTopic: z.boolean().optional().describe("Rename topics on the sink through topicMappings."),
    topicMappings: z.array(z.strictObject({ sourceTopic: plainText(), sinkTopic: plainText() })).optional(),
    /** Removing it leaves it out of the PUT: the service picks the count [inferred: no default documented]. */
    taskCnt: unsetOr(z.number().int().min(1)),
  })
  .superRefine((v, ctx) => {
    exactlyOneTopicSelector(v, ctx);
    if (v.topicMappings && v.topicMappings.length > 0 && v.renameTopic !== true) {
      ctx.addIssue({
        code: "custom",
        path: ["topicMappings"],
        message: "only applies when renameTopic is true. Set renameTopic: true, or remove topicMappings to keep the topic names.",
      });
    }
  })
  .meta({ sdkName: "Kafka2KafkaConfig" });

export const rocketmq2rocketmq = z
  .strictObject({
    topics: unsetOr(topics),
    topicRegex: unsetOr(topicRegex),
    isSyncProgress: z.boolean().default(false),
    seekTo: worded(z.string(), (v) => /^(first|last|[0-9]+)$/.test(v), RULE_WORDS.rocketmqSeekTo).describe("`first`, `last` or a timestamp in milliseconds."),
    compressAlg: z.enum(["none", "gzip", "lz4", "zstd"]).default("none").describe("none, gzip, lz4 or zstd."),
  })
  .superRefine(exactlyOneTopicSelector)
  .meta({ sdkName: "Rocketmq2RocketmqConfig" });

export const dcs2dcs = z
  .strictObject({
    synchronizeType: z.string().min(1).default("Full+Incremental"),
    connectRetryTime: worded(portableString, (v) => /^[0-9]+$/.test(v), RULE_WORDS.seconds)
      .default("60")
      .describe("Whole seconds between retries after a connection failure."),
    otherRetryTime: worded(portableString, (v) => /^[0-9]+$/.test(v), RULE_WORDS.seconds)
      .default("60")
      .describe("Whole seconds between retries after other failures."),
    // Removing a flag here (or in an endpoint) leaves it out of the PUT: off, the one value unset compares equal to.
    useRateLimit: z.boolean().optional(),
    // Removing it means the documented default "5 MB/s" (eventrouter.json dcs2dcs rate_limit).
    rateLimit: portableString.optional().describe("Incremental sync rate limit (the service's default is 5 MB/s)."),
    useSalveNode: z.boolean().optional().describe("Read from the standby node (the API's own spelling)."),
  })
  .meta({ sdkName: "Dcs2DcsConfig" });

export const KINDS = ["kafka", "rocketmq", "dcs"] as const;
export type EndpointKind = (typeof KINDS)[number];

export const ADVANCE_KEYS: Record<EndpointKind, string> = { kafka: "kafka2kafka", rocketmq: "rocketmq2rocketmq", dcs: "dcs2dcs" };
const capital = (k: EndpointKind) => (k === "dcs" ? "Dcs" : k === "kafka" ? "Kafka" : "Rocketmq");
export const endpointKey = (side: "source" | "sink", k: EndpointKind) => `${side}${capital(k)}`;

/** An object with exactly one of the given keys set. */
function oneOf<S extends Record<string, z.ZodType>>(what: string, shape: S) {
  const keys = Object.keys(shape);
  const optional = Object.fromEntries(keys.map((k) => [k, (shape[k] as z.ZodType).optional()])) as { [K in keyof S]: z.ZodOptional<S[K]> };
  return z.strictObject(optional).superRefine((v, ctx) => {
    const set = keys.filter((k) => (v as Record<string, unknown>)[k] !== undefined);
    if (set.length !== 1) {
      ctx.addIssue({
        code: "custom",
        message: `must set exactly one of ${keys.join(", ")} (the ${what}); got ${set.length === 0 ? "none" : set.join(" and ")}. Keep the one that matches the job.`,
      });
    }
  });
}

export const sourceConfig = oneOf("kind of cluster to copy from", {
  sourceKafka: kafkaEndpoint,
  sourceRocketmq: rocketmqEndpoint,
  sourceDcs: dcsEndpoint,
}).meta({
  sdkName: "EventRouterJobSource",
  sdkTypeDoc: "Exactly one key, of the same kind as the sink and the advance configuration.",
});
export const sinkConfig = oneOf("kind of cluster to copy to", { sinkKafka: kafkaEndpoint, sinkRocketmq: rocketmqEndpoint, sinkDcs: dcsEndpoint }).meta({
  sdkName: "EventRouterJobSink",
});
export const advanceConfig = oneOf("synchronisation settings", { kafka2kafka, rocketmq2rocketmq, dcs2dcs }).meta({
  sdkName: "EventRouterAdvanceConfig",
  sdkTypeDoc: "Exactly one key, matching the source and sink kind.",
});

export const shape = {
  name: jobName.describe(
    "Job name, unique in the project: starts with a letter or digit; letters, digits, `.`, `_`, `-`; at most 128.\nUpdated in place.\n@default the resource's name",
  ),
  description: z.string().max(256).optional().describe("At most 256 characters."),
  clusterId: z.string().min(1).describe("The professional event-stream cluster that runs the job. Changing it replaces the job."),
  sceneType: z.enum(["DISASTER_BACKUP"]).default("DISASTER_BACKUP").describe('@default "DISASTER_BACKUP" (the only scene type)'),
  sourceConfig: sourceConfig.describe("The cluster to copy from. Pointing it at another cluster replaces the job; credentials and addresses update in place."),
  sinkConfig: sinkConfig.describe("The cluster to copy to. Same rules as sourceConfig."),
  advanceConfig: advanceConfig.describe("What to copy and how. Updated in place."),
  desiredStatus: z
    .enum(["RUNNING", "STOPPED"])
    .default("RUNNING")
    .describe(
      "Keep the job RUNNING or STOPPED, applied through the job action API (ExecuteEventRouterJobOperation:\nSTART is documented; STOP is inferred, the API reference names no other operation).",
    ),
  timeoutSeconds: z
    .number()
    .int()
    .min(1)
    .max(86_400)
    .default(600)
    .describe(
      "How long create, update and delete wait for the job to settle. A job still starting when it\nruns out is kept in state and the run fails; the next `up` waits again.",
    ),
  adopt: z
    .boolean()
    .default(false)
    .describe(
      "Bring an existing job with the same `name` (names are unique per project) under management\ninstead of creating one: create finds it, checks that its cluster, scene and source/sink\nclusters match (those only change by replacement), and updates the rest to this definition.\nWithout it, a job of this name is taken over only when it already has this definition (the\none an interrupted `pulumi up` leaves behind); passwords, which the API never echoes, are not\ncompared. Pulumi's `import` option does not work for dynamic resources; this is the supported way.\n@default false: creating a job whose name is taken by a differing job fails",
    ),
} as const;

export type Inputs = { [K in keyof typeof shape]: z.output<(typeof shape)[K]> };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

/** Which kind an endpoint or advance block is, from its single key. */
export function kindOf(block: unknown): EndpointKind | undefined {
  if (!isObj(block)) return undefined;
  return KINDS.find(
    (k) => block[endpointKey("source", k)] !== undefined || block[endpointKey("sink", k)] !== undefined || block[ADVANCE_KEYS[k]] !== undefined,
  );
}

/** The one endpoint of a source/sink block, whatever its kind. */
export function endpointOf(block: unknown): Obj | undefined {
  if (!isObj(block)) return undefined;
  const k = kindOf(block);
  if (!k) return undefined;
  const v = block[endpointKey("source", k)] ?? block[endpointKey("sink", k)];
  return isObj(v) ? v : undefined;
}

// ---------------------------------------------------------------------------------------------
// The API's snake_case body
// ---------------------------------------------------------------------------------------------

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const camel = (k: string) => k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Keys whose values the API types as strings although the SDK takes a boolean. */
const STRING_BOOLEANS = new Set(["sslOpen"]);

export function toApiBlock(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toApiBlock);
  if (!isObj(value)) return value;
  const out: Obj = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    out[snake(k)] = STRING_BOOLEANS.has(k) && typeof v === "boolean" ? String(v) : toApiBlock(v);
  }
  return out;
}

/**
 * An API block back in SDK form. Nulls and empty strings (how the service says "unset") are
 * dropped; one-item lists around objects (the vendor example's shape) are unwrapped.
 */
export function fromApiBlock(value: unknown, key = ""): unknown {
  if (Array.isArray(value)) {
    if (key !== "topicMappings" && value.length === 1 && isObj(value[0])) return fromApiBlock(value[0]);
    return value.map((v) => fromApiBlock(v));
  }
  if (!isObj(value)) return value;
  const out: Obj = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === null || v === undefined || v === "") continue;
    const ck = camel(k);
    out[ck] = STRING_BOOLEANS.has(ck) && typeof v === "string" ? v === "true" : fromApiBlock(v, ck);
  }
  return out;
}
