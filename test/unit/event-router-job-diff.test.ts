import { describe, expect, it } from "vitest";
import type { EventRouterJob } from "../../provider/apis/huawei-eg";
import { check, diff, inputsFromJob, sameConfig, apiBody } from "../../provider/resources/huaweicloud-event-router-job";
import { fromApiBlock } from "../../provider/resources/huaweicloud-event-router-job-schema";
import { KAFKA_CLUSTER, KAFKA_DR, PROJECT, SASL_PASSWORD, dcsJob, kafkaJob } from "../fixtures/event-router-job";

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
