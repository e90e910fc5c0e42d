import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UNKNOWN } from "../../../provider/engine/check";
import { check, diff, inputsFromJob, sameConfig, apiBody } from "../../../provider/resources/huaweicloud-event-router-job";
import {
  SHARED_RULE_CASES,
  dcsJob,
  kafkaJob,
  rocketmqJob,
  withValueAt,
  KAFKA_CLUSTER,
  KAFKA_DR,
  PROJECT,
  SASL_PASSWORD,
} from "../../fixtures/event-router-job";
import type { EventRouterJob } from "../../../provider/apis/huawei-eg";
import { fromApiBlock } from "../../../provider/resources/huaweicloud-event-router-job-schema";

const run = (news: Record<string, unknown>) => check({}, { __provider: "shim", ...news });
const k2k = (patch: Record<string, unknown>) => ({ ...kafkaJob, advanceConfig: { kafka2kafka: { ...kafkaJob.advanceConfig.kafka2kafka, ...patch } } });
const reasons = (news: Record<string, unknown>) => run(news).failures.map((f) => f.reason);

describe("EventRouterJob check", () => {
  it("accepts the seed example and the RocketMQ and DCS baselines, applying defaults", () => {
    const r = run(kafkaJob);
    expect(r.failures).toEqual([]);
    expect(r.inputs).toMatchObject({ desiredStatus: "RUNNING", timeoutSeconds: 600, sceneType: "DISASTER_BACKUP", __provider: "shim" });
    const m = run(rocketmqJob);
    expect(m.failures).toEqual([]);
    expect(m.inputs.advanceConfig).toEqual({ rocketmq2rocketmq: { topicRegex: "^orders-.*$", seekTo: "first", isSyncProgress: false, compressAlg: "none" } });
    expect((m.inputs.sourceConfig as { sourceRocketmq: { configType: string } }).sourceRocketmq.configType).toBe("CLOUD");
    const d = run(dcsJob);
    expect(d.failures).toEqual([]);
    expect(d.inputs.advanceConfig).toEqual({ dcs2dcs: { synchronizeType: "Full+Incremental", connectRetryTime: "60", otherRetryTime: "60" } });
  });

  it("joins a topic list into the comma-separated string the API takes", () => {
    const r = run(k2k({ topics: ["orders", " payments "] }));
    expect(r.failures).toEqual([]);
    expect((r.inputs.advanceConfig as { kafka2kafka: { topics: string } }).kafka2kafka.topics).toBe("orders,payments");
  });

  it("skips values still unknown at preview and keeps them", () => {
    const r = run({ ...kafkaJob, clusterId: UNKNOWN, sinkConfig: { sinkKafka: { ...kafkaJob.sinkConfig.sinkKafka, password: UNKNOWN } } });
    expect(r.failures).toEqual([]);
    expect(r.inputs.clusterId).toBe(UNKNOWN);
    expect(r.parsed).toBeUndefined();
  });

  const rejects: Array<[string, Record<string, unknown>, string[]]> = [
    [
      "a name starting with a dot",
      { ...kafkaJob, name: ".orders" },
      ['name must start with a letter or digit and contain only letters, digits, ".", "_" and "-"; got ".orders".'],
    ],
    ["a name of 129 characters", { ...kafkaJob, name: "a".repeat(129) }, [`name must be at most 128 characters long; got "${"a".repeat(76)}....`]],
    [
      "a description of 257 characters",
      { ...kafkaJob, description: "d".repeat(257) },
      [`description must be at most 256 characters long; got "${"d".repeat(76)}....`],
    ],
    [
      "another scene type",
      { ...kafkaJob, sceneType: "MIGRATION" },
      ['sceneType must be one of DISASTER_BACKUP; got "MIGRATION". Change sceneType to one of these.'],
    ],
    ["no cluster", { ...kafkaJob, clusterId: undefined }, ["clusterId is required. Set it to a string."]],
    [
      "both topics and topicRegex",
      k2k({ topicRegex: "^t.*" }),
      ["advanceConfig.kafka2kafka.topics and topicRegex are both set; exactly one of them selects the topics to copy. Remove one of them."],
    ],
    [
      "neither topics nor topicRegex",
      k2k({ topics: undefined }),
      [
        "advanceConfig.kafka2kafka.topics or topicRegex is required (exactly one of them selects the topics to copy). Set topics to a list of names or topicRegex to a pattern.",
      ],
    ],
    [
      "a topic regex that does not compile",
      k2k({ topics: undefined, topicRegex: "orders-(" }),
      [
        "advanceConfig.kafka2kafka.topicRegex is not a valid regular expression (Invalid regular expression: /orders-(/: Unterminated group); fix the pattern or list the topics in topics instead",
      ],
    ],
    [
      "topicMappings without renameTopic",
      k2k({ topicMappings: [{ sourceTopic: "t01", sinkTopic: "t01-copy" }] }),
      [
        "advanceConfig.kafka2kafka.topicMappings only applies when renameTopic is true. Set renameTopic: true, or remove topicMappings to keep the topic names.",
      ],
    ],
    ["replicaCnt 0", k2k({ replicaCnt: 0 }), ["advanceConfig.kafka2kafka.replicaCnt must be at least 1; got 0."]],
    [
      "an unknown compression",
      k2k({ compressAlg: "brotli" }),
      [
        'advanceConfig.kafka2kafka.compressAlg must be one of none, gzip, snappy, lz4, zstd; got "brotli". Change advanceConfig.kafka2kafka.compressAlg to one of these.',
      ],
    ],
    [
      "a RocketMQ seekTo that is not first, last or a timestamp",
      { ...rocketmqJob, advanceConfig: { rocketmq2rocketmq: { topics: "orders", seekTo: "earliest" } } },
      ['advanceConfig.rocketmq2rocketmq.seekTo must be "first", "last" or a timestamp in milliseconds; got "earliest".'],
    ],
    [
      "two source kinds at once",
      { ...kafkaJob, sourceConfig: { ...kafkaJob.sourceConfig, sourceDcs: dcsJob.sourceConfig.sourceDcs } },
      [
        "sourceConfig must set exactly one of sourceKafka, sourceRocketmq, sourceDcs (the kind of cluster to copy from); got sourceKafka and sourceDcs. Keep the one that matches the job.",
      ],
    ],
    [
      "a RocketMQ sink for a Kafka source",
      { ...kafkaJob, sinkConfig: rocketmqJob.sinkConfig },
      ["sinkConfig is a rocketmq cluster but sourceConfig is kafka; a job copies between clusters of the same kind. Use sinkKafka or change the source."],
    ],
    [
      "a DCS advance config for Kafka clusters",
      { ...kafkaJob, advanceConfig: dcsJob.advanceConfig },
      ["advanceConfig must be kafka2kafka for a kafka source; got dcs2dcs. Replace it with kafka2kafka."],
    ],
    [
      "a CLOUD endpoint without an instance id",
      { ...kafkaJob, sourceConfig: { sourceKafka: { ...kafkaJob.sourceConfig.sourceKafka, instanceId: undefined } } },
      [
        'sourceConfig.sourceKafka.instanceId is required when configType is "CLOUD" (the id of the DMS/DCS instance). Set instanceId, or set configType and address for a self-managed cluster.',
      ],
    ],
    [
      "SASL without credentials",
      { ...kafkaJob, sinkConfig: { sinkKafka: { ...kafkaJob.sinkConfig.sinkKafka, userName: undefined, password: undefined } } },
      [
        'sinkConfig.sinkKafka.userName is required when authenticateMode is "SASL_SSL". Set userName.',
        'sinkConfig.sinkKafka.password is required when authenticateMode is "SASL_SSL". Set password (as a secret).',
      ],
    ],
    [
      "a project id that is not 32 hex characters",
      { ...kafkaJob, sourceConfig: { sourceKafka: { ...kafkaJob.sourceConfig.sourceKafka, projectId: "cn-north-4" } } },
      ["sourceConfig.sourceKafka.projectId must be a 32-character hexadecimal project id (one per region, shown under My Credentials > Projects)"],
    ],
    [
      "a misspelt field inside an endpoint",
      { ...kafkaJob, sourceConfig: { sourceKafka: { ...kafkaJob.sourceConfig.sourceKafka, instanceID: "x" } } },
      ["sourceConfig.sourceKafka has unknown field instanceID. Remove it or check the spelling."],
    ],
    [
      "an unknown desiredStatus",
      { ...kafkaJob, desiredStatus: "PAUSED" },
      ['desiredStatus must be one of RUNNING, STOPPED; got "PAUSED". Change desiredStatus to one of these.'],
    ],
  ];

  it.each(rejects)("rejects %s, naming the field and the fix", (_what, news, expected) => {
    expect(reasons(news)).toEqual(expected);
  });

  it("reports every problem at once", () => {
    const r = run({ ...k2k({ replicaCnt: 0, compressAlg: "brotli", topicRegex: "(" }), name: "-x", desiredStatus: "PAUSED" });
    expect(r.failures.map((f) => f.property).sort()).toEqual(
      ["advanceConfig.kafka2kafka.compressAlg", "advanceConfig.kafka2kafka.replicaCnt", "advanceConfig.kafka2kafka.topicRegex", "desiredStatus", "name"].sort(),
    );
  });

  it("accepts the create page's example values: its job name, region roma-dev-1 and broker address", () => {
    const seedSource = {
      ...kafkaJob.sourceConfig.sourceKafka,
      region: "roma-dev-1",
      projectId: "cb13a5c409fe40599271f44bbea5a2ad",
      address: "21.22.0.58:9092",
    };
    expect(run({ ...kafkaJob, name: "eventRoute-qapbtr95", sourceConfig: { sourceKafka: seedSource } }).failures).toEqual([]);
  });

  it("accepts the create page's example request, written as SDK inputs, at preview", () => {
    // The page's example (its two trailing commas removed), turned into the SDK's spelling here,
    // independently of the provider's own mapping: camelCase keys, one-item lists unwrapped.
    const seed = JSON.parse(readFileSync(join(__dirname, "../..", "fixtures", "huawei", "eg-create-job.request.json"), "utf8")) as unknown;
    const camel = (k: string) => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    const sdk = (v: unknown, key = ""): unknown => {
      if (Array.isArray(v)) return key === "topicMappings" ? v.map((x) => sdk(x)) : sdk(v[0]);
      if (v === null || typeof v !== "object") return v;
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [camel(k), sdk(x, camel(k))]));
    };
    const r = run(sdk(seed) as Record<string, unknown>);
    expect(r.failures).toEqual([]);
    expect(r.inputs.advanceConfig).toMatchObject({ kafka2kafka: { topics: "t01", replicaCnt: 1, seekTo: "earliest", compressAlg: "none" } });
  });

  // The same table runs through the emulator in test/contract/emulator/services/huawei-eg.test.ts.
  const bases = { kafka: kafkaJob, rocketmq: rocketmqJob, dcs: dcsJob } as const;
  it.each(SHARED_RULE_CASES.filter((c) => c.words !== undefined))("rejects $what at preview, in the emulator's words", (c) => {
    expect(reasons(withValueAt(bases[c.base], c.sdkPath, c.value))).toEqual([`${c.sdkPath.join(".")} ${c.words}; got ${JSON.stringify(c.value)}.`]);
  });
  it.each(SHARED_RULE_CASES.filter((c) => c.words === undefined))("accepts $what at preview, as the emulator does", (c) => {
    expect(reasons(withValueAt(bases[c.base], c.sdkPath, c.value))).toEqual([]);
  });

  it("suggests the right spelling of a top-level property", () => {
    expect(reasons({ ...kafkaJob, clusterid: "x" })).toContain("huaweicloud:EventRouterJob has no property clusterid. Did you mean clusterId?");
  });
});

type Props = Record<string, unknown>;
const checked = (news: Props) => {
  const r = check({}, { __provider: "shim", ...news });
  expect(r.failures).toEqual([]);
  return r.inputs;
};
/** State as create leaves it: checked inputs plus computed outputs. */
const state: Props = { ...checked(kafkaJob), jobId: "j-1", status: "RUNNING", errMessage: "" };
const sinkKafka = kafkaJob.sinkConfig.sinkKafka;
const withK2k = (patch: Props) => ({ ...kafkaJob, advanceConfig: { kafka2kafka: { ...kafkaJob.advanceConfig.kafka2kafka, ...patch } } });
const withSink = (patch: Props) => ({ ...kafkaJob, sinkConfig: { sinkKafka: { ...sinkKafka, ...patch } } });

describe("EventRouterJob diff", () => {
  it("sees no change when nothing changed, and none for reordered topics", () => {
    expect(diff("j-1", state, checked(kafkaJob))).toEqual({ changes: false });
    const two = { ...state, ...checked(withK2k({ topics: "orders,payments" })) };
    expect(diff("j-1", two, checked(withK2k({ topics: ["payments", "orders"] })))).toEqual({ changes: false });
  });

  const inPlace: Array<[string, Props]> = [
    ["the name", { ...kafkaJob, name: "orders-copy" }],
    ["the description", { ...kafkaJob, description: "new words" }],
    ["the replica count", withK2k({ replicaCnt: 2 })],
    ["the topics", withK2k({ topics: "t01,t02" })],
    ["the compression", withK2k({ compressAlg: "lz4" })],
    ["the sink password", withSink({ password: "Rotated#Secret-43" })],
    ["the sink's SASL mechanism", withSink({ saslMechanism: "PLAIN" })],
    ["the sink's cluster alias", withSink({ clusterAlias: "renamed" })],
    ["the desired status", { ...kafkaJob, desiredStatus: "STOPPED" }],
  ];
  it.each(inPlace)("updates %s in place", (_what, news) => {
    expect(diff("j-1", state, checked(news))).toEqual({ changes: true });
  });

  it("replaces the job for another cluster, deleting first when the name stays", () => {
    expect(diff("j-1", state, checked({ ...kafkaJob, clusterId: "9b0c5e1a-2f3d-4c5b-8a6e-0000000000ff" }))).toEqual({
      changes: true,
      replaces: ["clusterId"],
      deleteBeforeReplace: true,
    });
    expect(diff("j-1", state, checked({ ...kafkaJob, name: "other", clusterId: "c2" }))).toEqual({ changes: true, replaces: ["clusterId"] });
  });

  it("replaces the job when the sink points at another instance, region or project", () => {
    for (const patch of [{ instanceId: KAFKA_DR }, { region: "cn-east-3" }, { projectId: "8d4e6f1a2b3c4d5e6f708192a3b4c5d6" }]) {
      expect(diff("j-1", state, checked(withSink(patch)))).toEqual({ changes: true, replaces: ["sinkConfig"], deleteBeforeReplace: true });
    }
  });

  it("replaces the job when the kind changes (source, sink and advance config together)", () => {
    const d = diff("j-1", state, checked({ ...dcsJob, name: kafkaJob.name, clusterId: KAFKA_CLUSTER }));
    expect(d).toEqual({ changes: true, replaces: ["sourceConfig", "sinkConfig", "advanceConfig"], deleteBeforeReplace: true });
  });
});

describe("EventRouterJob API mapping", () => {
  it("sends snake_case objects, never the SDK-only fields", () => {
    const body = apiBody(checked(withK2k({ renameTopic: true, topicMappings: [{ sourceTopic: "t01", sinkTopic: "t01-dr" }] })));
    expect(body).toEqual({
      cluster_id: KAFKA_CLUSTER,
      name: kafkaJob.name,
      description: kafkaJob.description,
      scene_type: "DISASTER_BACKUP",
      source_config: {
        source_kafka: {
          config_type: "CLOUD",
          region: "cn-north-4",
          project_id: PROJECT,
          instance_id: kafkaJob.sourceConfig.sourceKafka.instanceId,
          cluster_alias: "aa",
          authenticate_mode: "PLAINTEXT",
        },
      },
      sink_config: {
        sink_kafka: {
          config_type: "CLOUD",
          region: "cn-north-4",
          project_id: PROJECT,
          instance_id: sinkKafka.instanceId,
          cluster_alias: "bb",
          authenticate_mode: "SASL_SSL",
          sasl_mechanism: "SCRAM-SHA-512",
          user_name: "replicator",
          password: SASL_PASSWORD,
        },
      },
      advance_config: {
        kafka2kafka: {
          topics: "t01",
          replica_cnt: 1,
          seek_to: "earliest",
          compress_alg: "none",
          is_sync_progress: false,
          is_add_header: false,
          rename_topic: true,
          topic_mappings: [{ source_topic: "t01", sink_topic: "t01-dr" }],
        },
      },
    });
  });

  it("reads the vendor example's array form, with its nulls and empty strings, as the same config", () => {
    // The seed page's request shape, echoed back without the password as the service does.
    const echoed = {
      source_config: [
        {
          source_kafka: [
            {
              config_type: "CLOUD",
              region: "cn-north-4",
              project_id: PROJECT,
              instance_id: kafkaJob.sourceConfig.sourceKafka.instanceId,
              cluster_alias: "aa",
              address: "",
              user_name: "",
              password: null,
              authenticate_mode: "PLAINTEXT",
              sasl_mechanism: "",
            },
          ],
        },
      ],
      advance_config: [
        {
          kafka2kafka: [
            {
              topics: "t01",
              topic_regex: "",
              task_cnt: null,
              topic_mappings: [],
              rename_topic: false,
              is_add_header: false,
              is_sync_progress: false,
              replica_cnt: 1,
              seek_to: "earliest",
              compress_alg: "none",
            },
          ],
        },
      ],
    };
    const source = fromApiBlock(echoed.source_config);
    expect(source).toEqual({
      sourceKafka: {
        configType: "CLOUD",
        region: "cn-north-4",
        projectId: PROJECT,
        instanceId: kafkaJob.sourceConfig.sourceKafka.instanceId,
        clusterAlias: "aa",
        authenticateMode: "PLAINTEXT",
      },
    });
    expect(sameConfig(source, state.sourceConfig)).toBe(true);
    expect(sameConfig(fromApiBlock(echoed.advance_config), state.advanceConfig)).toBe(true);
  });

  it("a read without passwords keeps the known password and is not drift; a changed field is", () => {
    const job = {
      job_id: "j-1",
      name: kafkaJob.name,
      description: kafkaJob.description,
      cluster_id: KAFKA_CLUSTER,
      scene_type: "DISASTER_BACKUP",
      status: "STOPPED",
      source_config: apiBody(state).source_config,
      sink_config: { sink_kafka: { ...((apiBody(state).sink_config as Props).sink_kafka as Props), password: undefined } },
      advance_config: { kafka2kafka: { ...((apiBody(state).advance_config as Props).kafka2kafka as Props), replica_cnt: 2 } },
    } as unknown as EventRouterJob;
    const actual = inputsFromJob(job, state);
    expect((actual.sinkConfig as { sinkKafka: Props }).sinkKafka.password).toBe(SASL_PASSWORD);
    expect(actual.desiredStatus).toBe("STOPPED");
    expect(sameConfig(actual.sinkConfig, state.sinkConfig)).toBe(true);
    expect(sameConfig(actual.advanceConfig, state.advanceConfig)).toBe(false);
  });

  it("compares passwords when both sides have one", () => {
    const other = checked(withSink({ password: "Different#Pass-1" }));
    expect(sameConfig(other.sinkConfig, state.sinkConfig)).toBe(false);
  });
});
