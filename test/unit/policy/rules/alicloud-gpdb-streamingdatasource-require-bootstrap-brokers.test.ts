import { describe, expect, it } from "vitest";
import { UNKNOWN } from "../../../../provider/engine/check";
import { STREAMING_DATA_SERVICE_TYPE } from "../../../../policy/rules/alicloud-gpdb-streamingdataservice-limit-service-spec";
import {
  STREAMING_DATA_SOURCE_TYPE,
  brokerHosts,
  streamingDataSourceBrokers,
} from "../../../../policy/rules/alicloud-gpdb-streamingdatasource-require-bootstrap-brokers";
import { dataSource } from "../../../fixtures/streaming-data";
import { validateResource } from "../../../helpers/policy";

describe("alicloud-gpdb-streamingdatasource-require-bootstrap-brokers", () => {
  const run = (dataSourceConfig: unknown, config: object = {}) =>
    validateResource(
      streamingDataSourceBrokers,
      { name: "orders-topic", type: STREAMING_DATA_SOURCE_TYPE, props: { ...dataSource, dataSourceConfig } },
      config,
    );

  it("passes two brokers (the SDK example's list), as the typed object or as JSON text under either key", async () => {
    expect(await run(dataSource.dataSourceConfig)).toEqual({ violations: [], urns: [] });
    expect((await run('{"brokers":"h1:9092,h2:9092","topic":"t"}')).violations).toEqual([]);
    expect((await run('{"broker_list":"h1:9092,h2:9092,h3:9092","topic":"t"}', { minBrokers: 3 })).violations).toEqual([]);
  });

  it("rejects a single bootstrap broker where the environment asks for two (the default)", async () => {
    expect((await run({ brokers: "10.0.0.1:9092", topic: "orders" })).violations).toEqual([
      'StreamingDataSource "orders-topic": the dataSourceConfig broker list names 1 host (10.0.0.1); this environment asks for at least 2 (policy config minBrokers), so that the source still connects while a broker is down. List 2 or more brokers of the cluster.',
    ]);
    expect((await run({ brokers: "10.0.0.1:9092", topic: "orders" }, { minBrokers: 1 })).violations).toEqual([]);
  });

  it("counts hosts, not ports: two ports of one host fail together", async () => {
    expect(brokerHosts("Kafka-1:9092,kafka-1:9093, kafka-2:9092,[fe80::1]:9092")).toEqual(["kafka-1", "kafka-2", "fe80::1"]);
    expect((await run('{"brokers":"k1:9092,k1:9093","topic":"t"}')).violations).toEqual([
      'StreamingDataSource "orders-topic": the dataSourceConfig broker list names 1 host (k1); this environment asks for at least 2 (policy config minBrokers), so that the source still connects while a broker is down. List 2 or more brokers of the cluster.',
    ]);
  });

  it("leaves a config it cannot read to the provider's check, other resources alone, and waits for unknown values", async () => {
    expect((await run("not json")).violations).toEqual([]);
    expect((await validateResource(streamingDataSourceBrokers, { type: STREAMING_DATA_SERVICE_TYPE, props: dataSource })).notApplicable).toBeDefined();
    const unknown = await run({ brokers: UNKNOWN, topic: "orders" });
    expect(unknown.violations).toEqual([]);
    expect(unknown.unknown).toBeDefined();
  });
});
