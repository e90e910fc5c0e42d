/**
 * The provider side of every resource, loaded by name (`require("pulumi-streamjobs/provider")`)
 * from the tiny serialized shim in each resource's state. Everything here runs in the dynamic
 * provider's process; exported names are a contract with state written by earlier versions, so
 * they stay stable.
 */
import type { CheckFailure } from "./engine/check";
import { exitWithEngine } from "./engine/engine-watch";
import type { DiffResult } from "./engine/fields";
import type { ResourceKind } from "./kinds";
import * as diSyncTask from "./resources/alicloud-di-sync-task";
import * as dataService from "./resources/alicloud-streaming-data-service";
import * as dataSource from "./resources/alicloud-streaming-data-source";
import * as job from "./resources/alicloud-streaming-job";
import * as disStream from "./resources/huaweicloud-dis-stream";
import * as dwsTransferTask from "./resources/huaweicloud-dws-transfer-task";
import * as eventRouterJob from "./resources/huaweicloud-event-router-job";
import { type ConfigSource, setConfigSource } from "./settings";

// In the dynamic provider's process only: exit once the engine is gone (see engine/engine-watch.ts).
exitWithEngine();

type Props = Record<string, unknown>;

interface ResourceModule {
  check(olds: Props, news: Props): { inputs: Props; failures: CheckFailure[] };
  diff(id: string, olds: Props, news: Props): DiffResult;
  create(inputs: Props): Promise<{ id: string; outs: Props }>;
  read(id: string, props: Props): Promise<{ id?: string; props?: Props; inputs?: Props }>;
  update(id: string, olds: Props, news: Props): Promise<{ outs: Props }>;
  remove(id: string, props: Props): Promise<void>;
}

/** Typed so that a kind without a module is a compile error. */
const registry: { readonly [K in ResourceKind]: ResourceModule } = {
  "alicloud:StreamingJob": job,
  "alicloud:StreamingDataSource": dataSource,
  "alicloud:StreamingDataService": dataService,
  "huaweicloud:EventRouterJob": eventRouterJob,
  "alicloud:DISyncTask": diSyncTask,
  "huaweicloud:DisStream": disStream,
  "huaweicloud:DwsTransferTask": dwsTransferTask,
};

function moduleFor(kind: string): ResourceModule {
  const m = (registry as Record<string, ResourceModule | undefined>)[kind];
  if (!m) {
    throw new Error(
      `pulumi-streamjobs does not know the resource kind "${kind}". The state was written by a newer version of the package; install that version where pulumi runs.`,
    );
  }
  return m;
}

export async function configure(_kind: string, req: { config: ConfigSource }): Promise<void> {
  setConfigSource(req.config);
}

export async function check(kind: string, olds: Props, news: Props) {
  const { inputs, failures } = moduleFor(kind).check(olds, news);
  return { inputs, failures };
}

export async function diff(kind: string, id: string, olds: Props, news: Props) {
  return moduleFor(kind).diff(id, olds, news);
}

export async function create(kind: string, inputs: Props) {
  return moduleFor(kind).create(inputs);
}

export async function read(kind: string, id: string, props: Props) {
  return moduleFor(kind).read(id, props);
}

export async function update(kind: string, id: string, olds: Props, news: Props) {
  return moduleFor(kind).update(id, olds, news);
}

export async function remove(kind: string, id: string, props: Props) {
  return moduleFor(kind).remove(id, props);
}

/**
 * The broker count of a DMS Kafka instance, read with the Huawei credentials of the environment
 * (HW_ACCESS_KEY/HW_SECRET_KEY or IAM user, HW_REGION_NAME, HW_PROJECT_ID; STREAMJOBS_ENDPOINT).
 * Used by the policy pack's opt-in lookup when its inventory lacks an instance.
 */
export async function kafkaBrokerCount(where: { region: string; projectId: string; instanceId: string }): Promise<number> {
  return eventRouterJob.brokerCountOf(where);
}
