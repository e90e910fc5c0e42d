/**
 * The DMS (Distributed Message Service) for Kafka instance look-up as one REST table
 * (huawei-rest.ts): the EventRouter job's checks and the policy pack's replica rule need a Kafka
 * instance's broker count, which no EventGrid API reports. Responses are parsed leniently: only
 * the fields read are checked, and `null` counts as absent.
 */
import { z } from "zod";
import type { HuaweiClient } from "../clients/huawei";
import { unexpectedResponse } from "../errors";
import type { RestApi, RestParamSpec } from "./huawei-rest";

const optionalString = z
  .string()
  .nullish()
  .transform((v) => v ?? undefined);

const dmsInstanceSchema = z.looseObject({
  instance_id: optionalString,
  name: optionalString,
  engine: optionalString,
  broker_num: z.union([z.number(), z.string()]).nullish(),
  status: optionalString,
});

const clusterInfoSchema = z.looseObject({
  cluster: z.looseObject({ brokers: z.array(z.unknown()).nullish() }).nullish(),
});

const INSTANCE = "/v2/{project_id}/instances/{instance_id}";
const instanceId = { type: "string", location: "path", required: true } as const satisfies RestParamSpec;

export const dms = {
  service: "DMS",
  operations: {
    ShowInstance: { method: "GET", path: INSTANCE, params: { instance_id: instanceId }, response: dmsInstanceSchema, notFoundCodes: [] },
    ShowCluster: { method: "GET", path: `${INSTANCE}/management/cluster`, params: { instance_id: instanceId }, response: clusterInfoSchema, notFoundCodes: [] },
  },
} as const satisfies RestApi;

export type DmsOperation = keyof typeof dms.operations;

/**
 * The broker count of a DMS Kafka instance: `broker_num` from ShowInstance, or the length of the
 * cluster's broker list when an older instance does not report it.
 */
export async function kafkaBrokerCount(client: HuaweiClient, instanceId: string): Promise<number> {
  const instance = await client.call(dms, "ShowInstance", { instance_id: instanceId });
  const n = Number(instance.broker_num);
  if (instance.broker_num !== undefined && instance.broker_num !== null && Number.isInteger(n) && n > 0) return n;
  const cluster = await client.exchange(dms, "ShowCluster", { instance_id: instanceId });
  const brokers = cluster.value.cluster?.brokers;
  if (!brokers || brokers.length === 0)
    throw unexpectedResponse(dms.service, "ShowCluster", `instance ${instanceId} reports no broker_num and no brokers`, cluster.requestId);
  return brokers.length;
}
