/**
 * The provider side of every resource, loaded by name (`require("pulumi-streamjobs/provider")`)
 * from the tiny serialized shim in each resource's state. Everything here runs in the dynamic
 * provider's process; exported names are a contract with state written by earlier versions, so
 * they stay stable.
 */
import type { ResourceHandlers } from "./engine/descriptor";
import { exitWithEngine } from "./engine/engine-watch";
import { attachProgressToResources, forRequestOf } from "./engine/progress";
import { RESOURCES } from "./resources";
import * as eventRouterJob from "./resources/huaweicloud-event-router-job";
import { type ConfigSource, setConfigSource } from "./settings";

// In the dynamic provider's process only: exit once the engine is gone (see engine/engine-watch.ts),
// and print the progress of waits on the row of the resource waited on (engine/progress.ts).
exitWithEngine();
attachProgressToResources();

type Props = Record<string, unknown>;

/** The handlers of each kind, from the one list of descriptors (resources/index.ts). */
const registry: ReadonlyMap<string, ResourceHandlers> = new Map(RESOURCES.map((r) => [r.kind, r]));

function moduleFor(kind: string): ResourceHandlers {
  const m = registry.get(kind);
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
  return forRequestOf(inputs, () => moduleFor(kind).create(inputs));
}

export async function read(kind: string, id: string, props: Props) {
  return moduleFor(kind).read(id, props);
}

export async function update(kind: string, id: string, olds: Props, news: Props) {
  return forRequestOf(news, () => moduleFor(kind).update(id, olds, news));
}

export async function remove(kind: string, id: string, props: Props) {
  return forRequestOf(props, () => moduleFor(kind).remove(id, props));
}

const providers = new Map<string, Record<string, (...args: never[]) => Promise<unknown>>>();

/**
 * The provider object the serialized provider of a resource of `kind` hands the dynamic provider
 * host (sdk/shim.ts): the functions above, bound to the kind. One object per kind.
 */
export function providerOf(kind: string) {
  let p = providers.get(kind);
  if (p === undefined) {
    moduleFor(kind);
    p = {
      configure: (req: { config: ConfigSource }) => configure(kind, req),
      check: (olds: Props, news: Props) => check(kind, olds, news),
      diff: (id: string, olds: Props, news: Props) => diff(kind, id, olds, news),
      create: (inputs: Props) => create(kind, inputs),
      read: (id: string, props: Props) => read(kind, id, props),
      update: (id: string, olds: Props, news: Props) => update(kind, id, olds, news),
      delete: (id: string, props: Props) => remove(kind, id, props),
    };
    providers.set(kind, p);
  }
  return p;
}

/**
 * The broker count of a DMS Kafka instance, read with the Huawei credentials of the environment
 * (HW_ACCESS_KEY/HW_SECRET_KEY or IAM user, HW_REGION_NAME, HW_PROJECT_ID; STREAMJOBS_ENDPOINT).
 * Used by the policy pack's opt-in lookup when its inventory lacks an instance.
 */
export async function kafkaBrokerCount(where: { region: string; projectId: string; instanceId: string }): Promise<number> {
  return eventRouterJob.brokerCountOf(where);
}
