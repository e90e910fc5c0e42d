/**
 * EventRouterJob props for the policy tests: a baseline built from the vendor's create-job example
 * (cluster, project, instances, addresses and the `t01` topic of the seed request) that passes every
 * rule, and builders for the jobs the loop tests wire together. Tests change one field at a time.
 */

/** Values of the vendor's example request. */
export const SEED = {
  clusterId: "fac59513-6c18-4266-bc81-5d412dfc1925",
  name: "eventRoute-qapbtr95",
  region: "roma-dev-1",
  projectId: "cb13a5c409fe40599271f44bbea5a2ad",
  sourceInstanceId: "cdecf0b0-35b8-461b-a430-d7cd02d3d712",
  sinkInstanceId: "47896f0e-f90a-4528-b407-78ee00362cc9",
} as const;

/** The Kafka instances of the emulator's default inventory, as the shipped config files list them. */
export const EMULATOR_KAFKA = {
  a001: "2f7d3c1e-8a4b-4d6e-9f10-00000000a001",
  a002: "2f7d3c1e-8a4b-4d6e-9f10-00000000a002",
  a003: "2f7d3c1e-8a4b-4d6e-9f10-00000000a003",
  a004: "2f7d3c1e-8a4b-4d6e-9f10-00000000a004",
} as const;

/** The seed job as the provider's check leaves it (with `__provider`, which rules must ignore). */
export const kafkaJob = {
  __provider: "serialized-shim",
  name: SEED.name,
  description: "",
  clusterId: SEED.clusterId,
  sceneType: "DISASTER_BACKUP",
  sourceConfig: {
    sourceKafka: {
      configType: "CLOUD",
      region: SEED.region,
      projectId: SEED.projectId,
      instanceId: SEED.sourceInstanceId,
      clusterAlias: "aa",
      address: "21.22.0.58:9092",
      authenticateMode: "PLAINTEXT",
      saslMechanism: "",
      userName: "",
    },
  },
  sinkConfig: {
    sinkKafka: {
      configType: "CLOUD",
      region: SEED.region,
      projectId: SEED.projectId,
      instanceId: SEED.sinkInstanceId,
      clusterAlias: "bb",
      address: "21.22.0.175:9092",
      authenticateMode: "PLAINTEXT",
      saslMechanism: "",
    },
  },
  advanceConfig: {
    kafka2kafka: {
      topics: "t01",
      topicRegex: "",
      topicMappings: [],
      renameTopic: false,
      isAddHeader: false,
      isSyncProgress: false,
      replicaCnt: 1,
      seekTo: "earliest",
      compressAlg: "none",
    },
  },
  desiredStatus: "RUNNING",
  timeoutSeconds: 600,
};

/** The broker config under which the baseline passes (the seed's sink has 3 brokers here). */
export const seedBrokers = { brokers: { [SEED.sinkInstanceId]: 3 } };

/** A copy of `base` with the value at a dotted path replaced; `undefined` removes the key. */
export function withChange<T extends object>(base: T, path: string, value: unknown): T {
  const copy = structuredClone(base) as Record<string, unknown>;
  const keys = path.split(".");
  const last = keys.pop() as string;
  let at: Record<string, unknown> = copy;
  for (const k of keys) {
    if (typeof at[k] !== "object" || at[k] === null) at[k] = {};
    at = at[k] as Record<string, unknown>;
  }
  if (value === undefined) delete at[last];
  else at[last] = value;
  return copy as T;
}

/** A copy of `base` with several changes, applied in order. */
export function withChanges<T extends object>(base: T, changes: Record<string, unknown>): T {
  return Object.entries(changes).reduce((job, [path, value]) => withChange(job, path, value), base);
}

type Kind = "kafka" | "rocketmq" | "dcs";

const SIDE = {
  kafka: { source: "sourceKafka", sink: "sinkKafka", advance: "kafka2kafka" },
  rocketmq: { source: "sourceRocketmq", sink: "sinkRocketmq", advance: "rocketmq2rocketmq" },
  dcs: { source: "sourceDcs", sink: "sinkDcs", advance: "dcs2dcs" },
} as const;

export interface LinkOptions {
  readonly kind?: Kind;
  /** kafka2kafka / rocketmq2rocketmq fields (topics, topicRegex, renameTopic, topicMappings…). */
  readonly sync?: Record<string, unknown>;
  readonly sourceRegion?: string;
  readonly sinkRegion?: string;
  readonly desiredStatus?: string;
}

/**
 * A job copying from instance `from` to instance `to`, as a stack policy sees it (outputs: the
 * inputs plus computed fields). Topics default to the seed's `t01`.
 */
export function link(resourceName: string, from: string, to: string, options: LinkOptions = {}) {
  const kind = options.kind ?? "kafka";
  const side = SIDE[kind];
  const endpoint = (instanceId: string, region: string) => ({ configType: "CLOUD", region, projectId: SEED.projectId, instanceId, clusterAlias: instanceId });
  const advance =
    kind === "dcs"
      ? { synchronizeType: "Full+Incremental", connectRetryTime: "60", otherRetryTime: "60" }
      : kind === "kafka"
        ? { topics: "t01", replicaCnt: 1, seekTo: "earliest", compressAlg: "lz4", isSyncProgress: false, isAddHeader: false, ...options.sync }
        : { topics: "t01", isSyncProgress: false, seekTo: "first", compressAlg: "lz4", ...options.sync };
  return {
    name: resourceName,
    props: {
      __provider: "serialized-shim",
      name: resourceName,
      clusterId: SEED.clusterId,
      sceneType: "DISASTER_BACKUP",
      sourceConfig: { [side.source]: endpoint(from, options.sourceRegion ?? SEED.region) },
      sinkConfig: { [side.sink]: endpoint(to, options.sinkRegion ?? SEED.region) },
      advanceConfig: { [side.advance]: advance },
      desiredStatus: options.desiredStatus ?? "RUNNING",
      timeoutSeconds: 600,
      jobId: `job-${resourceName}`,
      status: "RUNNING",
    },
  };
}
