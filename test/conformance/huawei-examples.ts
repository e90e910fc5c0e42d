/**
 * The vendors' own example payloads, as the project keeps them (test/fixtures/huawei): the DWS
 * dump-task request of the DIS reference page "Adding DWS Dump Tasks" (seed 003) and the request
 * and answer of the EventGrid page "Create a Professional Event Stream Job" (seed 001, its two
 * trailing commas removed), with the inventory that page's ids refer to.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { DEFAULT_INVENTORY, type InventoryInput } from "../../emulator/index";

const FIXTURES = join(__dirname, "..", "fixtures", "huawei");
const json = (name: string) => JSON.parse(readFileSync(join(FIXTURES, name), "utf8")) as Record<string, unknown>;

/** Seed 003's request body, verbatim. */
export const DWS_SEED_REQUEST = json("dis-create-dws-task.request.json");
/** Seed 001's request body (array-wrapped config blocks, as the page prints them). */
export const EG_SEED_REQUEST = json("eg-create-job.request.json");
/** Seed 001's answer. */
export const EG_SEED_RESPONSE = json("eg-create-job.response.json");

/** Seed 003's body with some descriptor fields replaced (a fresh task name, a password that opens the inventory's DWS). */
export function dwsSeedBody(descriptor: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  const d = DWS_SEED_REQUEST.dws_destination_descriptor as Record<string, unknown>;
  return { ...DWS_SEED_REQUEST, dws_destination_descriptor: { ...d, ...descriptor } };
}

type HuaweiSection = NonNullable<InventoryInput["huawei"]>;
const seed = parseYaml(readFileSync(join(FIXTURES, "seed-inventory.yaml"), "utf8")) as {
  huawei: { [K in keyof HuaweiSection]-?: NonNullable<HuaweiSection[K]> };
};

/** The default inventory plus what seed 001's ids name (its project, cluster and two Kafka instances). */
export function inventoryWithSeeds(): InventoryInput {
  const hw = DEFAULT_INVENTORY.huawei;
  return {
    accessKeys: DEFAULT_INVENTORY.accessKeys,
    huawei: {
      ...hw,
      projects: [...hw.projects, ...seed.huawei.projects],
      eventRouterClusters: [...hw.eventRouterClusters, ...seed.huawei.eventRouterClusters],
      kafkaInstances: [...hw.kafkaInstances, ...seed.huawei.kafkaInstances],
    },
  };
}
