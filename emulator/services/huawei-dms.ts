/**
 * DMS "show instance" (shared API notes, Huawei §2.5): `GET /v2/{project_id}/instances/{instance_id}`
 * answers for Kafka, RocketMQ and DCS instances alike, from the inventory. The provider and the
 * policy pack read `broker_num` from it to check `replica_cnt`.
 *
 * Read-only: the emulator manages jobs, not the queues they run between. Fields the inventory does
 * not describe (specification, storage, creation time) are fixed placeholders [inferred].
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
    // A string in the v2 model, unlike broker_num (API notes §2.5).
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
          const body = found.kind === "KAFKA" ? kafka(found.instance) : found.kind === "ROCKETMQ" ? rocketmq(found.instance) : dcs(found.instance);
          return { body };
        },
      },
    ],
  };
}
