/**
 * The replica rule's opt-in lookup through the real provider entry point (`kafkaBrokerCount` of
 * `pulumi-streamjobs/provider`, the built package) against the emulator's DMS API, with credentials
 * from the environment as the policy process gets them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEMO_HUAWEI_ACCESS_KEY,
  DEMO_HUAWEI_PROJECT_ID,
  DEMO_HUAWEI_REGION,
  DEMO_HUAWEI_SECRET_KEY,
  type RunningEmulator,
  startEmulator,
} from "../../../../emulator";
import { providerLookup, replicasWithinBrokers } from "../../../../policy/rules/huaweicloud-eventgrid-eventrouterjob-limit-replicas-to-brokers";
import { KAFKA_DR, KAFKA_REPLICA, kafkaJob } from "../../../fixtures/event-router-job";
import { validateResource } from "../../../helpers/policy";

const ENV = {
  HW_ACCESS_KEY: DEMO_HUAWEI_ACCESS_KEY,
  HW_SECRET_KEY: DEMO_HUAWEI_SECRET_KEY,
  HW_REGION_NAME: DEMO_HUAWEI_REGION,
  HW_PROJECT_ID: DEMO_HUAWEI_PROJECT_ID,
};
let emu: RunningEmulator;
let saved: Record<string, string | undefined>;

beforeAll(async () => {
  emu = await startEmulator({ log: () => {} });
  saved = Object.fromEntries([...Object.keys(ENV), "STREAMJOBS_ENDPOINT"].map((k) => [k, process.env[k]]));
  Object.assign(process.env, ENV, { STREAMJOBS_ENDPOINT: emu.url });
});
afterAll(async () => {
  for (const [k, v] of Object.entries(saved))
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  await emu?.close();
});

const job = (sink: Record<string, unknown>, replicaCnt: number) => ({
  ...kafkaJob,
  sinkConfig: { sinkKafka: { ...kafkaJob.sinkConfig.sinkKafka, ...sink } },
  advanceConfig: { kafka2kafka: { ...kafkaJob.advanceConfig.kafka2kafka, replicaCnt } },
});
const dr = { instanceId: KAFKA_DR, region: "cn-east-3", projectId: "8d4e6f1a2b3c4d5e6f708192a3b4c5d6" };

describe("the replica rule's DMS lookup against the emulator", () => {
  it("reads broker_num through the provider for an instance the inventory lacks", async () => {
    expect(await providerLookup({ region: "cn-north-4", projectId: DEMO_HUAWEI_PROJECT_ID, instanceId: KAFKA_REPLICA })).toBe(3);
    const r = await validateResource(replicasWithinBrokers(), { name: "orders-dr", props: job(dr, 3) }, { brokers: {}, lookup: true });
    expect(r.violations).toEqual([
      `EventRouterJob "orders-dr": advanceConfig.kafka2kafka.replicaCnt is 3 but sink Kafka instance ${KAFKA_DR} has 2 brokers (per the DMS API); set replicaCnt to 2 or less.`,
    ]);
    expect(emu.requests().map((q) => q.action)).toContain("ShowDmsInstance");
  });

  it("reports an instance DMS does not know, without credentials in the message", async () => {
    const r = await validateResource(
      replicasWithinBrokers(),
      { name: "orders-dr", props: job({ instanceId: "2f7d3c1e-8a4b-4d6e-9f10-0000000000ff" }, 1) },
      { brokers: {}, lookup: true },
    );
    expect(r.violations).toHaveLength(1);
    expect(r.violations[0]).toMatch(
      /could not look up the broker count of sink Kafka instance 2f7d3c1e-8a4b-4d6e-9f10-0000000000ff \(region cn-north-4\): DMS ShowInstance failed: DMS\.00404022/,
    );
    expect(r.violations[0]).not.toContain(DEMO_HUAWEI_SECRET_KEY);
  });
});
