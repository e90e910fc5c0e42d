/**
 * DMS "show instance": `GET /v2/{project_id}/instances/{instance_id}` answers for Kafka, RocketMQ
 * and DCS instances alike, from the inventory (the three SDKs' ShowInstance share that path on their
 * own endpoints; the emulator serves all three on one host, so it tells them apart by the instance).
 * The provider and the policy pack read `broker_num` from it to check `replica_cnt`; the provider
 * falls back to Kafka's ShowCluster broker list when an instance reports no `broker_num`.
 * Field names and types follow the Go SDK models (test/conformance/facts/dms.json).
 *
 * Read-only: the emulator manages jobs, not the queues they run between. Fields the inventory does
 * not describe (specification, storage, creation time, cluster counters) are fixed placeholders [inferred].
 */
import { dmsErrors } from "../errors/huawei";
import { findHuaweiInstance, type DcsInstance, type Inventory, type MqInstance } from "../inventory";
import type { HuaweiService } from "../routers/huawei-rest";

export interface DmsServiceOptions {
  readonly inventory: Inventory;
}

/** [inferred] Engine versions reported when the inventory names none. */
const DEFAULT_VERSIONS = { KAFKA: "2.7", ROCKETMQ: "4.8.0", DCS: "5.0" } as const;
/** [inferred] A fixed creation time (ms epoch as a string, as DMS writes it). */
const CREATED_AT = String(Date.parse("2024-01-01T00:00:00Z"));

function endpoints(address: string): { hosts: string[]; port: number } {
  const pairs = address.split(",").map((a) => a.split(":") as [string, string]);
  return { hosts: pairs.map(([h]) => h), port: Number(pairs[0]?.[1] ?? 0) };
}

function common(instance: MqInstance | DcsInstance, engine: string, version: string) {
  return {
    instance_id: instance.id,
    name: instance.name,
    engine,
    engine_version: instance.engineVersion ?? version,
    status: "RUNNING",
    vpc_id: instance.vpcId ?? "",
    subnet_id: instance.subnetId ?? "",
    charging_mode: 1,
    created_at: CREATED_AT,
  };
}

function kafka(instance: MqInstance) {
  const { hosts, port } = endpoints(instance.address);
  return {
    ...common(instance, "kafka", DEFAULT_VERSIONS.KAFKA),
    type: "cluster",
    specification: `${instance.brokerNum} brokers`,
    broker_num: instance.brokerNum,
    // A string in the v2 model, unlike broker_num (docs/vendors/dms.md#broker-count).
    partition_num: String(instance.brokerNum * 250),
    connect_address: hosts.join(","),
    port,
    ssl_enable: false,
  };
}

function rocketmq(instance: MqInstance) {
  return {
    ...common(instance, "reliability", DEFAULT_VERSIONS.ROCKETMQ),
    type: "cluster",
    broker_num: instance.brokerNum,
    namesrv_address: instance.address,
    ssl_enable: false,
  };
}

function dcs(instance: DcsInstance) {
  const { hosts, port } = endpoints(instance.address);
  return {
    ...common(instance, "Redis", DEFAULT_VERSIONS.DCS),
    ip: hosts[0] ?? "",
    port,
  };
}

/** Kafka's ShowCluster: one broker per `brokerNum`, on the instance's hosts in turn. */
function kafkaCluster(instance: MqInstance) {
  const { hosts, port } = endpoints(instance.address);
  const brokers = Array.from({ length: instance.brokerNum }, (_, i) => ({
    host: hosts[i % hosts.length] ?? "",
    port,
    // A string in the SDK model, unlike port.
    broker_id: String(i),
    is_controller: i === 0,
    version: instance.engineVersion ?? DEFAULT_VERSIONS.KAFKA,
    register_time: Number(CREATED_AT),
    is_health: instance.reachable !== false,
  }));
  const topics = instance.topics?.length ?? 0;
  return {
    cluster: {
      controller: "0",
      brokers,
      topics_count: topics,
      partitions_count: topics * 3,
      online_partitions_count: topics * 3,
      replicas_count: topics * 3 * Math.min(3, instance.brokerNum),
      isr_replicas_count: topics * 3 * Math.min(3, instance.brokerNum),
      consumers_count: 0,
    },
  };
}

export function createDmsService(opts: DmsServiceOptions): HuaweiService {
  return {
    product: "dms",
    label: "dms v2",
    secretFields: [],
    errors: { invalidParameter: dmsErrors.invalidParameter, internal: dmsErrors.internal },
    routes: [
      {
        method: "GET",
        path: "/v2/{project_id}/instances/{instance_id}",
        operation: "ShowDmsInstance",
        query: [],
        handle(call) {
          const { project_id: projectId = "", instance_id: instanceId = "" } = call.path;
          const found = findHuaweiInstance(opts.inventory, projectId, instanceId);
          if (found === undefined) throw dmsErrors.instanceNotFound(instanceId);
          const body = found.engine === "KAFKA" ? kafka(found.instance) : found.engine === "ROCKETMQ" ? rocketmq(found.instance) : dcs(found.instance);
          return { body };
        },
      },
      {
        method: "GET",
        path: "/v2/{project_id}/instances/{instance_id}/management/cluster",
        operation: "ShowCluster",
        query: [],
        handle(call) {
          const { project_id: projectId = "", instance_id: instanceId = "" } = call.path;
          const found = findHuaweiInstance(opts.inventory, projectId, instanceId);
          // A Kafka API: RocketMQ and DCS instances are not Kafka instances.
          if (found?.engine !== "KAFKA") throw dmsErrors.instanceNotFound(instanceId);
          return { body: kafkaCluster(found.instance) };
        },
      },
    ],
  };
}
