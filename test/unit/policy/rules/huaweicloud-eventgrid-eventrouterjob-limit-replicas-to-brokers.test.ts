import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { UNKNOWN } from "../../../../provider/engine/check";
import {
  eventrouterReplicasWithinBrokers,
  replicasWithinBrokers,
  type BrokerCountLookup,
} from "../../../../policy/rules/huaweicloud-eventgrid-eventrouterjob-limit-replicas-to-brokers";
import { validateResource } from "../../../helpers/policy";
import { EMULATOR_KAFKA, SEED, kafkaJob, link, seedBrokers, withChange, withChanges } from "../../../fixtures/policy";

const SINK = SEED.sinkInstanceId;
const REPLICAS = "advanceConfig.kafka2kafka.replicaCnt";

function run(props: object, config: object = seedBrokers, policy = eventrouterReplicasWithinBrokers) {
  return validateResource(policy, { name: "orders-dr", props: props as Record<string, unknown> }, config);
}

/** A lookup that answers from a table, recording what it was asked. */
function fakeLookup(counts: Record<string, number>) {
  return vi.fn<BrokerCountLookup>(async ({ instanceId }) => {
    const n = counts[instanceId];
    if (n === undefined) throw new Error(`DMS.00404022: instance ${instanceId} not found`);
    return n;
  });
}

const lookupOn = { brokers: {}, lookup: true };

describe("huaweicloud-eventgrid-eventrouterjob-limit-replicas-to-brokers", () => {
  it("passes the seed job (1 replica, sink with 3 brokers)", async () => {
    expect(await run(kafkaJob)).toEqual({ violations: [], urns: [] });
  });

  it("passes replicaCnt equal to the broker count", async () => {
    expect((await run(withChange(kafkaJob, REPLICAS, 3))).violations).toEqual([]);
  });

  it("rejects more replicas than the sink has brokers, naming the value, the count and the fix", async () => {
    expect((await run(withChange(kafkaJob, REPLICAS, 4))).violations).toEqual([
      `EventRouterJob "orders-dr": advanceConfig.kafka2kafka.replicaCnt is 4 but sink Kafka instance ${SINK} has 3 brokers (per the policy config); set replicaCnt to 3 or less.`,
    ]);
  });

  it("rejects 2 replicas on a single-broker sink, in the singular", async () => {
    expect((await run(withChange(kafkaJob, REPLICAS, 2), { brokers: { [SINK]: 1 } })).violations).toEqual([
      `EventRouterJob "orders-dr": advanceConfig.kafka2kafka.replicaCnt is 2 but sink Kafka instance ${SINK} has 1 broker (per the policy config); set replicaCnt to 1 or less.`,
    ]);
  });

  it("counts the sink's brokers, not the source's", async () => {
    const config = { brokers: { [SEED.sourceInstanceId]: 1, [SINK]: 3 } };
    expect((await run(withChange(kafkaJob, REPLICAS, 3), config)).violations).toEqual([]);
  });

  it("rejects a sink missing from the inventory when lookup is off, saying how to fix the config", async () => {
    expect((await run(kafkaJob, { brokers: { [SEED.sourceInstanceId]: 3 } })).violations).toEqual([
      `EventRouterJob "orders-dr": the broker count of sink Kafka instance ${SINK} is not known, so advanceConfig.kafka2kafka.replicaCnt 1 cannot be checked. Add "${SINK}": <broker count> to brokers in the huaweicloud-eventgrid-eventrouterjob-limit-replicas-to-brokers policy config, or set lookup to true to read it from the DMS API.`,
    ]);
  });

  it("keys a sink given only by address by that address", async () => {
    const job = withChanges(kafkaJob, { "sinkConfig.sinkKafka.instanceId": undefined, "sinkConfig.sinkKafka.configType": "ADDRESS", [REPLICAS]: 3 });
    expect((await run(job, { brokers: { "21.22.0.175:9092": 2 } })).violations).toEqual([
      'EventRouterJob "orders-dr": advanceConfig.kafka2kafka.replicaCnt is 3 but sink Kafka cluster at 21.22.0.175:9092 in roma-dev-1 has 2 brokers (per the policy config); set replicaCnt to 2 or less.',
    ]);
  });

  it("rejects an address-only sink missing from the inventory without offering the lookup, which needs an instance", async () => {
    const lookup = fakeLookup({});
    const job = withChange(kafkaJob, "sinkConfig.sinkKafka.instanceId", undefined);
    expect((await run(job, lookupOn, replicasWithinBrokers(lookup))).violations).toEqual([
      'EventRouterJob "orders-dr": the broker count of sink Kafka cluster at 21.22.0.175:9092 in roma-dev-1 is not known, so advanceConfig.kafka2kafka.replicaCnt 1 cannot be checked. Add "21.22.0.175:9092": <broker count> to brokers in the huaweicloud-eventgrid-eventrouterjob-limit-replicas-to-brokers policy config.',
    ]);
    expect(lookup).not.toHaveBeenCalled();
  });

  it("is not applicable when the sink names neither an instance nor an address", async () => {
    const job = withChanges(kafkaJob, { "sinkConfig.sinkKafka.instanceId": undefined, "sinkConfig.sinkKafka.address": undefined });
    expect(await run(job)).toEqual({ violations: [], urns: [], notApplicable: "the sink Kafka names neither an instanceId nor an address" });
  });

  describe("lookup", () => {
    it("asks the DMS lookup for an instance missing from the inventory, with its region and project", async () => {
      const lookup = fakeLookup({ [SINK]: 2 });
      const r = await run(withChange(kafkaJob, REPLICAS, 3), lookupOn, replicasWithinBrokers(lookup));
      expect(r.violations).toEqual([
        `EventRouterJob "orders-dr": advanceConfig.kafka2kafka.replicaCnt is 3 but sink Kafka instance ${SINK} has 2 brokers (per the DMS API); set replicaCnt to 2 or less.`,
      ]);
      expect(lookup).toHaveBeenCalledExactlyOnceWith({ region: SEED.region, projectId: SEED.projectId, instanceId: SINK });
    });

    it("passes when the looked-up count allows the replicas", async () => {
      const lookup = fakeLookup({ [SINK]: 3 });
      expect((await run(withChange(kafkaJob, REPLICAS, 3), lookupOn, replicasWithinBrokers(lookup))).violations).toEqual([]);
    });

    it("asks once per instance for all the jobs of a run", async () => {
      const lookup = fakeLookup({ [SINK]: 3 });
      const policy = replicasWithinBrokers(lookup);
      await run(kafkaJob, lookupOn, policy);
      await run(withChange(kafkaJob, "name", "second"), lookupOn, policy);
      expect(lookup).toHaveBeenCalledTimes(1);
    });

    it("prefers the inventory and does not look up an instance it lists", async () => {
      const lookup = fakeLookup({ [SINK]: 1 });
      expect((await run(kafkaJob, { ...seedBrokers, lookup: true }, replicasWithinBrokers(lookup))).violations).toEqual([]);
      expect(lookup).not.toHaveBeenCalled();
    });

    it("does not look up when lookup is off (the default)", async () => {
      const lookup = fakeLookup({ [SINK]: 3 });
      const r = await run(kafkaJob, { brokers: {} }, replicasWithinBrokers(lookup));
      expect(r.violations).toHaveLength(1);
      expect(lookup).not.toHaveBeenCalled();
    });

    it("reports a failed lookup with the error's first line only, never the error's other fields", async () => {
      const lookup = vi.fn<BrokerCountLookup>(async () => {
        throw Object.assign(new Error("DMS.00404022: The instance does not exist.\n    at request (client.ts:1)"), {
          request: { headers: { Authorization: "SDK-HMAC-SHA256 Access=AKDEMO, Signature=abc" } },
        });
      });
      const r = await run(kafkaJob, lookupOn, replicasWithinBrokers(lookup));
      expect(r.violations).toEqual([
        `EventRouterJob "orders-dr": could not look up the broker count of sink Kafka instance ${SINK} (region roma-dev-1): DMS.00404022: The instance does not exist. Add "${SINK}": <broker count> to brokers in the huaweicloud-eventgrid-eventrouterjob-limit-replicas-to-brokers policy config, or make sure the policy can reach the DMS API with Huawei Cloud credentials that may read this instance.`,
      ]);
      expect(r.violations[0]).not.toContain("AKDEMO");
    });

    it("reports a lookup that throws before returning a promise like any other failure", async () => {
      const lookup: BrokerCountLookup = () => {
        throw new Error("no credentials: set HW_ACCESS_KEY and HW_SECRET_KEY");
      };
      const r = await run(kafkaJob, lookupOn, replicasWithinBrokers(lookup));
      expect(r.violations[0]).toContain("(region roma-dev-1): no credentials: set HW_ACCESS_KEY and HW_SECRET_KEY. Add ");
    });

    it.each([0, 2.5, Number.NaN, "3"])("rejects a looked-up count of %j as a failed lookup", async (count) => {
      const r = await run(
        kafkaJob,
        lookupOn,
        replicasWithinBrokers(async () => count as number),
      );
      expect(r.violations[0]).toContain(
        `(region roma-dev-1): the lookup returned ${typeof count === "number" ? String(count) : JSON.stringify(count)}, not a whole number of at least 1. Add `,
      );
    });
  });

  describe("applicability", () => {
    it("is not applicable to other resource types", async () => {
      const r = await validateResource(eventrouterReplicasWithinBrokers, { type: "pulumi-nodejs:dynamic/alicloud:StreamingJob", props: { replicaCnt: 9 } });
      expect(r).toEqual({ violations: [], urns: [], notApplicable: "only EventRouterJob resources are checked" });
    });

    it.each(["rocketmq", "dcs"] as const)("is not applicable to %s jobs", async (kind) => {
      const job = link("j", SEED.sourceInstanceId, SINK, { kind });
      expect(await run(job.props, { brokers: {} })).toEqual({ violations: [], urns: [], notApplicable: "only Kafka-to-Kafka jobs have replicaCnt" });
    });

    it("leaves a missing replicaCnt to the provider's check", async () => {
      expect(await run(withChange(kafkaJob, REPLICAS, undefined), { brokers: {} })).toEqual({ violations: [], urns: [] });
    });
  });

  describe("preview", () => {
    it.each([
      [REPLICAS, "advanceConfig.kafka2kafka.replicaCnt"],
      ["sinkConfig.sinkKafka.instanceId", "sinkConfig.sinkKafka.instanceId"],
      ["sinkConfig", "sinkConfig"],
    ])("cannot run while %s is unknown, and says which value", async (path, shown) => {
      const r = await run(withChange(kafkaJob, path, UNKNOWN));
      expect(r.violations).toEqual([]);
      expect(r.unknown).toBe(`string value at .${shown} can't be known during preview`);
    });

    it("still runs when fields it does not read are unknown", async () => {
      const job = withChanges(kafkaJob, {
        "sourceConfig.sourceKafka.password": UNKNOWN,
        "sinkConfig.sinkKafka.password": UNKNOWN,
        "advanceConfig.kafka2kafka.topics": UNKNOWN,
        description: UNKNOWN,
        [REPLICAS]: 4,
      });
      const r = await run(job);
      expect(r.unknown).toBeUndefined();
      expect(r.violations).toHaveLength(1);
    });
  });

  describe("with the shipped inventory of the emulator's instances", () => {
    const prod = JSON.parse(readFileSync(join(__dirname, "../../../../policy/config/prod.json"), "utf8")) as Record<string, object>;
    const { enforcementLevel: _level, ...config } = prod["huaweicloud-eventgrid-eventrouterjob-limit-replicas-to-brokers"] as Record<string, unknown>;
    const job = (sink: string, replicaCnt: number) => withChanges(kafkaJob, { "sinkConfig.sinkKafka.instanceId": sink, [REPLICAS]: replicaCnt });

    it("passes 3 replicas on the instances with 3 brokers", async () => {
      for (const sink of [EMULATOR_KAFKA.a001, EMULATOR_KAFKA.a002, EMULATOR_KAFKA.a004]) {
        expect((await run(job(sink, 3), config)).violations).toEqual([]);
      }
    });

    it("rejects 3 replicas on a003, which has 2 brokers", async () => {
      expect((await run(job(EMULATOR_KAFKA.a003, 3), config)).violations).toEqual([
        `EventRouterJob "orders-dr": advanceConfig.kafka2kafka.replicaCnt is 3 but sink Kafka instance ${EMULATOR_KAFKA.a003} has 2 brokers (per the policy config); set replicaCnt to 2 or less.`,
      ]);
    });
  });
});
