/**
 * The heavy infrastructure the emulated APIs refer to but do not manage: DB instances, Kafka
 * clusters, access keys. A call naming something absent here fails the way the cloud fails.
 *
 * Clouds are top-level keys (`alibaba` today) so another cloud's section can be added beside it
 * without changing existing files; `accessKeys` is shared because every emulated cloud signs with
 * an AccessKey id/secret pair.
 */
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { z } from "zod";

const nonEmpty = z.string().min(1);

const accessKey = z.strictObject({ id: nonEmpty, secret: nonEmpty });

const account = z.strictObject({ name: nonEmpty, password: z.string() });

const dbInstance = z.strictObject({
  id: nonEmpty,
  region: nonEmpty,
  databases: z.array(nonEmpty).min(1),
  /** Informational today: jobs are not checked against it. */
  schemas: z.array(nonEmpty).default(["public"]),
  /** When listed, jobs must log in with one of these; when omitted, any credentials work. */
  accounts: z.array(account).optional(),
});

const broker = z.string().regex(/^[^\s,:]+:\d{1,5}$/, "a broker is host:port");

const kafkaCluster = z.strictObject({
  name: nonEmpty,
  region: nonEmpty.optional(),
  brokers: z.array(broker).min(1),
  /** When listed, a data source's topic must be one of these; when omitted, any topic exists. */
  topics: z.array(nonEmpty).optional(),
});

const alibaba = z.strictObject({
  dbInstances: z.array(dbInstance).default([]),
  kafkaClusters: z.array(kafkaCluster).default([]),
});

function duplicates(values: readonly string[]): string[] {
  return [...new Set(values.filter((v, i) => values.indexOf(v) !== i))];
}

export const inventorySchema = z
  .strictObject({
    accessKeys: z.array(accessKey).min(1),
    alibaba: alibaba.default({ dbInstances: [], kafkaClusters: [] }),
  })
  .superRefine((inv, ctx) => {
    const unique: Array<[string, string[]]> = [
      ["accessKeys[].id", inv.accessKeys.map((k) => k.id)],
      ["alibaba.dbInstances[].id", inv.alibaba.dbInstances.map((i) => i.id)],
      ["alibaba.kafkaClusters[].name", inv.alibaba.kafkaClusters.map((c) => c.name)],
      ["alibaba.kafkaClusters[].brokers", inv.alibaba.kafkaClusters.flatMap((c) => c.brokers)],
    ];
    for (const [where, values] of unique) {
      for (const dup of duplicates(values)) ctx.addIssue({ code: "custom", message: `${where} must be unique; "${dup}" appears more than once` });
    }
  });

/** A validated inventory (defaults applied). */
export type Inventory = z.output<typeof inventorySchema>;
/** What a user writes (defaults optional). */
export type InventoryInput = z.input<typeof inventorySchema>;
export type AlibabaDbInstance = Inventory["alibaba"]["dbInstances"][number];
export type KafkaCluster = Inventory["alibaba"]["kafkaClusters"][number];

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => `  - ${i.path.length > 0 ? i.path.join(".") : "(root)"}: ${i.message}`)
    .join("\n");
}

/** Validates an inventory object; the error lists every problem, each with its path. */
export function parseInventory(input: unknown, source = "inventory"): Inventory {
  const result = inventorySchema.safeParse(input);
  if (!result.success) throw new Error(`${source} is invalid:\n${describeIssues(result.error)}`);
  return result.data;
}

/** Reads a JSON or YAML inventory file (YAML is a superset of JSON, so one parser serves both). */
export function loadInventoryFile(file: string): Inventory {
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`inventory file ${file} cannot be read: ${(err as Error).message}`);
  }
  return parseInventory(doc, `inventory file ${file}`);
}

export function findAccessKeySecret(inv: Inventory, accessKeyId: string): string | undefined {
  return inv.accessKeys.find((k) => k.id === accessKeyId)?.secret;
}
