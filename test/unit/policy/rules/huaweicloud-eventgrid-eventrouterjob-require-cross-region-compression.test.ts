import { describe, expect, it } from "vitest";
import { UNKNOWN } from "../../../../provider/engine/check";
import { eventrouterCrossRegionCompression } from "../../../../policy/rules/huaweicloud-eventgrid-eventrouterjob-require-cross-region-compression";
import { validateResource } from "../../../helpers/policy";
import { SEED, kafkaJob, link, withChange, withChanges } from "../../../fixtures/policy";

function run(props: object, config: object = {}) {
  return validateResource(eventrouterCrossRegionCompression, { name: "orders-dr", props: props as Record<string, unknown> }, config);
}

const SINK_REGION = "sinkConfig.sinkKafka.region";
const ALG = "advanceConfig.kafka2kafka.compressAlg";
/** The seed job with its sink moved to another region; with lz4 it passes. */
const crossRegion = withChanges(kafkaJob, { [SINK_REGION]: "cn-east-3", [ALG]: "lz4" });

describe("huaweicloud-eventgrid-eventrouterjob-require-cross-region-compression", () => {
  it("passes the seed job: uncompressed, but within one region", async () => {
    expect(await run(kafkaJob)).toEqual({ violations: [], urns: [] });
  });

  it.each(["gzip", "snappy", "lz4", "zstd", "ZSTD"])("passes a cross-region Kafka job compressed with %s", async (alg) => {
    expect((await run(withChange(crossRegion, ALG, alg))).violations).toEqual([]);
  });

  it("rejects a cross-region Kafka job with compressAlg none, suggesting lz4 or zstd", async () => {
    expect((await run(withChange(crossRegion, ALG, "none"))).violations).toEqual([
      'EventRouterJob "orders-dr" copies Kafka data from region roma-dev-1 to region cn-east-3 with advanceConfig.kafka2kafka.compressAlg "none"; cross-region jobs may use gzip, snappy, lz4, zstd (policy config allowedAlgorithms). Set compressAlg to "lz4" or "zstd".',
    ]);
  });

  it("reads a missing compressAlg as none", async () => {
    expect((await run(withChange(crossRegion, ALG, undefined))).violations).toEqual([
      'EventRouterJob "orders-dr" copies Kafka data from region roma-dev-1 to region cn-east-3 with advanceConfig.kafka2kafka.compressAlg "none"; cross-region jobs may use gzip, snappy, lz4, zstd (policy config allowedAlgorithms). Set compressAlg to "lz4" or "zstd".',
    ]);
  });

  it("flags a job whose source moved region, and passes one whose both sides did", async () => {
    const job = withChange(kafkaJob, "sourceConfig.sourceKafka.region", "cn-north-4");
    expect((await run(job)).violations[0]).toContain("from region cn-north-4 to region roma-dev-1 with");
    expect(await run(withChange(job, SINK_REGION, "cn-north-4"))).toEqual({ violations: [], urns: [] });
  });

  it("rejects a cross-region RocketMQ job without compression, naming its own config path", async () => {
    const job = link("mq-dr", "rmq-a", "rmq-b", { kind: "rocketmq", sinkRegion: "cn-east-3", sync: { compressAlg: "none" } });
    expect((await run(job.props)).violations).toEqual([
      'EventRouterJob "orders-dr" copies RocketMQ data from region roma-dev-1 to region cn-east-3 with advanceConfig.rocketmq2rocketmq.compressAlg "none"; cross-region jobs may use gzip, snappy, lz4, zstd (policy config allowedAlgorithms). Set compressAlg to "lz4" or "zstd".',
    ]);
  });

  describe("allowedAlgorithms", () => {
    it("rejects an algorithm the config leaves out", async () => {
      expect((await run(withChange(crossRegion, ALG, "gzip"), { allowedAlgorithms: ["lz4", "zstd"] })).violations).toEqual([
        'EventRouterJob "orders-dr" copies Kafka data from region roma-dev-1 to region cn-east-3 with advanceConfig.kafka2kafka.compressAlg "gzip"; cross-region jobs may use lz4, zstd (policy config allowedAlgorithms). Set compressAlg to "lz4" or "zstd".',
      ]);
    });

    it("accepts none when the config allows it", async () => {
      expect((await run(withChange(crossRegion, ALG, "none"), { allowedAlgorithms: ["none", "lz4"] })).violations).toEqual([]);
    });

    it("suggests only what is allowed when lz4 and zstd are not", async () => {
      expect((await run(withChange(crossRegion, ALG, "none"), { allowedAlgorithms: ["gzip", "snappy"] })).violations[0]).toMatch(
        /may use gzip, snappy \(policy config allowedAlgorithms\)\. Set compressAlg to "gzip" or "snappy"\.$/,
      );
    });

    it("says so when nothing allowed is something RocketMQ supports", async () => {
      const job = link("mq-dr", "rmq-a", "rmq-b", { kind: "rocketmq", sinkRegion: "cn-east-3", sync: { compressAlg: "none" } });
      expect((await run(job.props, { allowedAlgorithms: ["snappy"] })).violations).toEqual([
        'EventRouterJob "orders-dr" copies RocketMQ data from region roma-dev-1 to region cn-east-3 with advanceConfig.rocketmq2rocketmq.compressAlg "none"; cross-region jobs may use snappy (policy config allowedAlgorithms). RocketMQ jobs support none of these (they take gzip, lz4, zstd): add lz4 or zstd to allowedAlgorithms in the huaweicloud-eventgrid-eventrouterjob-require-cross-region-compression policy config.',
      ]);
    });
  });

  describe("applicability", () => {
    it("is not applicable to other resource types", async () => {
      const r = await validateResource(eventrouterCrossRegionCompression, {
        type: "pulumi-nodejs:dynamic/huaweicloud:DwsTransferTask",
        props: { compressAlg: "none" },
      });
      expect(r.notApplicable).toBe("only EventRouterJob resources are checked");
    });

    it("is not applicable to DCS jobs, which have no compressAlg", async () => {
      const job = link("cache-dr", "dcs-a", "dcs-b", { kind: "dcs", sinkRegion: "cn-east-3" });
      expect(await run(job.props)).toEqual({ violations: [], urns: [], notApplicable: "only Kafka and RocketMQ jobs have compressAlg" });
    });
  });

  describe("preview", () => {
    it.each([SINK_REGION, ALG])("cannot run while %s is unknown", async (path) => {
      const r = await run(withChange(crossRegion, path, UNKNOWN));
      expect(r.violations).toEqual([]);
      expect(r.unknown).toBe(`string value at .${path} can't be known during preview`);
    });

    it("does not read the instance, the topics or the passwords", async () => {
      const job = withChanges(crossRegion, {
        "sinkConfig.sinkKafka.instanceId": UNKNOWN,
        "sinkConfig.sinkKafka.password": UNKNOWN,
        "advanceConfig.kafka2kafka.topics": UNKNOWN,
        [ALG]: "none",
      });
      const r = await run(job);
      expect(r.unknown).toBeUndefined();
      expect(r.violations).toHaveLength(1);
    });
  });

  it("keeps the seed's project and cluster out of the message", async () => {
    const message = (await run(withChange(crossRegion, ALG, "none"))).violations[0] ?? "";
    expect(message).not.toContain(SEED.projectId);
  });
});
