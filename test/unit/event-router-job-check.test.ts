import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { UNKNOWN } from "../../provider/engine/check";
import { check } from "../../provider/resources/huaweicloud-event-router-job";
import { huaweiSettings, setConfigSource } from "../../provider/settings";
import { SHARED_RULE_CASES, dcsJob, kafkaJob, rocketmqJob, withValueAt } from "../fixtures/event-router-job";

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
    const seed = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "huawei", "eg-create-job.request.json"), "utf8")) as unknown;
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

  // The same table runs through the emulator in test/contract/emulator-huawei-eg.test.ts.
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

describe("huaweicloud:region", () => {
  afterEach(() => setConfigSource(undefined));
  const settingsWith = (region: string) => {
    const values: Record<string, string> = {
      "huaweicloud:accessKey": "AK",
      "huaweicloud:secretKey": "SK",
      "huaweicloud:region": region,
      "huaweicloud:projectId": "5f2c1e0a9b7d4c3e8a6f1b2d3c4e5f60",
    };
    setConfigSource({ get: (k) => values[k] });
    return () => huaweiSettings();
  };

  // The region ends up in every endpoint's host name; the endpoint regions' cases of the shared table apply.
  it.each(SHARED_RULE_CASES.filter((c) => c.sdkPath.at(-1) === "region"))("rejects $what in the words preview uses for an endpoint region", (c) => {
    expect(settingsWith(c.value)).toThrow(
      `The Huawei Cloud region (stack config huaweicloud:region, or HW_REGION_NAME) ${c.words}; got ${JSON.stringify(c.value)}. Set it to the region of your project`,
    );
  });

  it.each(["cn-north-4", "eu-west-101", "roma-dev-1"])("accepts %s", (region) => {
    expect(settingsWith(region)().region).toBe(region);
  });
});
