/**
 * The heavy infrastructure the emulated APIs refer to but do not manage: DB instances, Kafka
 * clusters, access keys. A call naming something absent here fails the way the cloud fails.
 *
 * Clouds are top-level keys (`alibaba`, `huawei`) so another cloud's section can be added beside
 * them without changing existing files; `accessKeys` is shared because every emulated cloud signs
 * with an AccessKey id/secret pair (Huawei calls them AK/SK).
 */
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { quotasSchema } from "./quotas";

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

/**
 * A DataWorks data source as DI task scripts name it (`parameter.datasource`), with its plugin type.
 * A standard-mode workspace configures each data source per environment; `environments` lists the
 * ones it is configured for (absent: both), so committing or deploying a script that names it
 * elsewhere fails the deployment.
 */
const dataworksEnvironment = z.enum(["development", "production"]);
const dataworksDataSource = z.strictObject({ name: nonEmpty, type: nonEmpty, environments: z.array(dataworksEnvironment).min(1).optional() });

/** A DataWorks workspace: DI tasks live in one; `id` is the long ProjectId, `name` the ProjectIdentifier. */
const dataworksProject = z.strictObject({
  id: z.number().int().positive(),
  name: nonEmpty,
  region: nonEmpty,
  dataSources: z.array(dataworksDataSource).default([]),
  /** DI resource group identifiers a task may run on (`TaskParam.ResourceGroup`, `setting.resourceGroup`). */
  resourceGroups: z.array(nonEmpty).default([]),
});

const alibaba = z.strictObject({
  dbInstances: z.array(dbInstance).default([]),
  kafkaClusters: z.array(kafkaCluster).default([]),
  dataworksProjects: z.array(dataworksProject).default([]),
});

// ---- huawei ----

/** Huawei project ids are 32 lowercase hex characters, one project per region (docs/vendors/huawei-signing.md#project-id). */
const projectId = z.string().regex(/^[0-9a-f]{32}$/, "a project id is 32 lowercase hex characters");

/** An IAM user that can get a token with `POST /v3/auth/tokens` (password method). */
const huaweiUser = z.strictObject({ domain: nonEmpty, name: nonEmpty, password: nonEmpty });

const huaweiProject = z.strictObject({ id: projectId, region: nonEmpty });

/** Cluster source/sink types as EventGrid writes them; terraform's docs spell RocketMQ `DMS_ROCKETMQ`. */
export const EG_QUEUE_TYPES = ["KAFKA", "ROCKETMQ", "DMS_ROCKETMQ", "DCS"] as const;
export type EgQueueType = (typeof EG_QUEUE_TYPES)[number];

/** The engine of a Huawei queue instance or EventRouter cluster side: Kafka, RocketMQ or DCS (Redis). */
export type QueueEngine = "KAFKA" | "ROCKETMQ" | "DCS";

/** The engine a type names, whatever its spelling. */
export function queueEngine(type: EgQueueType): QueueEngine {
  return type === "DMS_ROCKETMQ" ? "ROCKETMQ" : type;
}

const eventRouterCluster = z.strictObject({
  id: nonEmpty,
  name: nonEmpty,
  projectId,
  sourceType: z.enum(EG_QUEUE_TYPES),
  sinkType: z.enum(EG_QUEUE_TYPES),
  vpcId: nonEmpty,
  subnetId: nonEmpty,
  /** Jobs can be created on a RUNNING or RUNNING_PARTIALLY cluster only. */
  status: nonEmpty.default("RUNNING"),
  /** small / medium / large / xlarge; kept for completeness, never returned (as the API does not). */
  flavor: z.enum(["small", "medium", "large", "xlarge"]).optional(),
  zoneNames: z.array(nonEmpty).optional(),
});

/** `ip:port,ip:port`: how DMS reports an instance's brokers (or name servers, or Redis endpoint). */
const address = z.string().regex(/^[^\s,:]+:\d{1,5}(,[^\s,:]+:\d{1,5})*$/, 'an address is "ip:port" or "ip:port,ip:port,..."');

const instanceBase = {
  id: nonEmpty,
  name: nonEmpty,
  projectId,
  engineVersion: nonEmpty.optional(),
  address,
  /** false: the EventGrid cluster cannot connect, so a job using it settles to ERROR. */
  reachable: z.boolean().default(true),
  /** Network placement DMS reports; informational. */
  vpcId: nonEmpty.optional(),
  subnetId: nonEmpty.optional(),
};

const mqInstance = z.strictObject({
  ...instanceBase,
  brokerNum: z.number().int().positive(),
  /** When listed, a job's literal `topics` must be among them (else it settles to ERROR); when omitted, any topic exists. */
  topics: z.array(nonEmpty).optional(),
});

/** Redis has no brokers and no topics. */
const dcsInstance = z.strictObject(instanceBase);

/** A DWS (GaussDB(DWS)) cluster that DIS dump tasks deliver into. */
const dwsCluster = z.strictObject({
  id: nonEmpty,
  name: nonEmpty,
  projectId,
  databases: z.array(nonEmpty).min(1),
  /** When listed, a dump task must log in as one of these (else it is created, then fails: ERROR); when omitted, any credentials work. */
  users: z.array(z.strictObject({ name: nonEmpty, password: nonEmpty })).optional(),
  /** `schema.table`; when listed, a dump task into another table is created, then fails (ERROR); when omitted, any table exists. */
  tables: z.array(z.string().regex(/^[^.\s]+\.[^.\s]+$/, 'a table is written "schema.table"')).optional(),
});

/** A KMS key a dump task names to encrypt the DWS password with. */
const kmsKey = z.strictObject({ id: nonEmpty, name: nonEmpty, projectId });

/** OBS bucket names: 3-63 lowercase letters, digits, "-" and ".", starting and ending with a letter or digit. */
const obsBucket = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "an OBS bucket name is 3-63 lowercase letters, digits, '-' and '.'"),
  projectId,
});

/** An IAM agency DIS may assume (account-wide, so no project). */
const agency = z.strictObject({ name: nonEmpty.max(64) });

const huawei = z.strictObject({
  users: z.array(huaweiUser).default([]),
  projects: z.array(huaweiProject).default([]),
  eventRouterClusters: z.array(eventRouterCluster).default([]),
  kafkaInstances: z.array(mqInstance).default([]),
  rocketmqInstances: z.array(mqInstance).default([]),
  dcsInstances: z.array(dcsInstance).default([]),
  dwsClusters: z.array(dwsCluster).default([]),
  kmsKeys: z.array(kmsKey).default([]),
  obsBuckets: z.array(obsBucket).default([]),
  agencies: z.array(agency).default([]),
});

const EMPTY_HUAWEI = {
  users: [],
  projects: [],
  eventRouterClusters: [],
  kafkaInstances: [],
  rocketmqInstances: [],
  dcsInstances: [],
  dwsClusters: [],
  kmsKeys: [],
  obsBuckets: [],
  agencies: [],
};

function duplicates(values: readonly string[]): string[] {
  return [...new Set(values.filter((v, i) => values.indexOf(v) !== i))];
}

export const inventorySchema = z
  .strictObject({
    accessKeys: z.array(accessKey).min(1),
    alibaba: alibaba.default({ dbInstances: [], kafkaClusters: [], dataworksProjects: [] }),
    huawei: huawei.default(EMPTY_HUAWEI),
    /** Per-action API quotas (see quotas.ts); absent: none are enforced. */
    quotas: quotasSchema.optional(),
  })
  .superRefine((inv, ctx) => {
    const hw = inv.huawei;
    const instances = [...hw.kafkaInstances, ...hw.rocketmqInstances, ...hw.dcsInstances];
    const unique: Array<[string, string[]]> = [
      ["accessKeys[].id", inv.accessKeys.map((k) => k.id)],
      ["alibaba.dbInstances[].id", inv.alibaba.dbInstances.map((i) => i.id)],
      ["alibaba.kafkaClusters[].name", inv.alibaba.kafkaClusters.map((c) => c.name)],
      ["alibaba.kafkaClusters[].brokers", inv.alibaba.kafkaClusters.flatMap((c) => c.brokers)],
      ["alibaba.dataworksProjects[].id", inv.alibaba.dataworksProjects.map((p) => String(p.id))],
      ["alibaba.dataworksProjects[].name", inv.alibaba.dataworksProjects.map((p) => p.name)],
      [
        "alibaba.dataworksProjects[].dataSources[].name (per project)",
        inv.alibaba.dataworksProjects.flatMap((p) => p.dataSources.map((d) => `${p.id}/${d.name}`)),
      ],
      ["alibaba.dataworksProjects[].resourceGroups (per project)", inv.alibaba.dataworksProjects.flatMap((p) => p.resourceGroups.map((g) => `${p.id}/${g}`))],
      ["huawei.users[] (domain/name)", hw.users.map((u) => `${u.domain}/${u.name}`)],
      ["huawei.projects[].id", hw.projects.map((p) => p.id)],
      // One project per region, so a token scoped by region name finds exactly one.
      ["huawei.projects[].region", hw.projects.map((p) => p.region)],
      ["huawei.eventRouterClusters[].id", hw.eventRouterClusters.map((c) => c.id)],
      // DMS shows Kafka, RocketMQ and DCS instances on one path, so an id names one instance of any engine.
      ["huawei instance ids (kafkaInstances, rocketmqInstances, dcsInstances)", instances.map((i) => i.id)],
      ["huawei.dwsClusters[].id", hw.dwsClusters.map((c) => c.id)],
      // A dump task names its cluster by id and name; one name per project keeps that pair unambiguous.
      ["huawei.dwsClusters[] (projectId/name)", hw.dwsClusters.map((c) => `${c.projectId}/${c.name}`)],
      ["huawei.kmsKeys[].id", hw.kmsKeys.map((k) => k.id)],
      // OBS bucket names are global across every account and region.
      ["huawei.obsBuckets[].name", hw.obsBuckets.map((b) => b.name)],
      ["huawei.agencies[].name", hw.agencies.map((a) => a.name)],
    ];
    for (const [where, values] of unique) {
      for (const dup of duplicates(values)) ctx.addIssue({ code: "custom", message: `${where} must be unique; "${dup}" appears more than once` });
    }
    const projects = new Set(hw.projects.map((p) => p.id));
    const sections = [
      ["eventRouterClusters", hw.eventRouterClusters],
      ["kafkaInstances", hw.kafkaInstances],
      ["rocketmqInstances", hw.rocketmqInstances],
      ["dcsInstances", hw.dcsInstances],
      ["dwsClusters", hw.dwsClusters],
      ["kmsKeys", hw.kmsKeys],
      ["obsBuckets", hw.obsBuckets],
    ] as const;
    for (const [section, items] of sections) {
      items.forEach((item, i) => {
        if (!projects.has(item.projectId)) {
          ctx.addIssue({ code: "custom", path: ["huawei", section, i, "projectId"], message: `project "${item.projectId}" is not in huawei.projects` });
        }
      });
    }
    hw.eventRouterClusters.forEach((c, i) => {
      if (queueEngine(c.sourceType) !== queueEngine(c.sinkType)) {
        ctx.addIssue({
          code: "custom",
          path: ["huawei", "eventRouterClusters", i, "sinkType"],
          message: `must be the same product as sourceType ${c.sourceType}, got ${c.sinkType}`,
        });
      }
    });
    hw.dwsClusters.forEach((c, i) => {
      const within: Array<[string, string[]]> = [
        ["databases", c.databases],
        ["users[].name", (c.users ?? []).map((u) => u.name)],
        ["tables", c.tables ?? []],
      ];
      for (const [field, values] of within) {
        for (const dup of duplicates(values)) {
          ctx.addIssue({
            code: "custom",
            path: ["huawei", "dwsClusters", i],
            message: `${field} must be unique within the cluster; "${dup}" appears more than once`,
          });
        }
      }
    });
  });

/** A validated inventory (defaults applied). */
export type Inventory = z.output<typeof inventorySchema>;
/** What a user writes (defaults optional). */
export type InventoryInput = z.input<typeof inventorySchema>;
export type AlibabaDbInstance = Inventory["alibaba"]["dbInstances"][number];
export type KafkaCluster = Inventory["alibaba"]["kafkaClusters"][number];
export type DataWorksProject = Inventory["alibaba"]["dataworksProjects"][number];
export type HuaweiInventory = Inventory["huawei"];
export type HuaweiProject = HuaweiInventory["projects"][number];
export type EventRouterCluster = HuaweiInventory["eventRouterClusters"][number];
export type MqInstance = HuaweiInventory["kafkaInstances"][number];
export type DcsInstance = HuaweiInventory["dcsInstances"][number];
export type DwsCluster = HuaweiInventory["dwsClusters"][number];
export type KmsKey = HuaweiInventory["kmsKeys"][number];

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `  - ${i.path.length > 0 ? i.path.join(".") : "(root)"}: ${i.message}`).join("\n");
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

export function findHuaweiProject(inv: Inventory, id: string): HuaweiProject | undefined {
  return inv.huawei.projects.find((p) => p.id === id);
}

/** A Huawei message-queue instance of any engine, by project and id. */
export type HuaweiInstance =
  | { readonly engine: "KAFKA"; readonly instance: MqInstance }
  | { readonly engine: "ROCKETMQ"; readonly instance: MqInstance }
  | { readonly engine: "DCS"; readonly instance: DcsInstance };

export function findHuaweiInstance(inv: Inventory, projectId: string, id: string): HuaweiInstance | undefined {
  const inProject = <T extends { id: string; projectId: string }>(list: readonly T[]) => list.find((i) => i.id === id && i.projectId === projectId);
  const kafka = inProject(inv.huawei.kafkaInstances);
  if (kafka !== undefined) return { engine: "KAFKA", instance: kafka };
  const rocketmq = inProject(inv.huawei.rocketmqInstances);
  if (rocketmq !== undefined) return { engine: "ROCKETMQ", instance: rocketmq };
  const dcs = inProject(inv.huawei.dcsInstances);
  return dcs === undefined ? undefined : { engine: "DCS", instance: dcs };
}
