/**
 * The status of gpdb streaming objects over the emulator clock: Init until a create or modify has
 * settled, then Running, or Exception with the reason the real service would give, judged against
 * the inventory when read (which brokers and topics exist, which databases and accounts an instance
 * has). [inferred] The real messages are not documented; these follow the Kafka client and
 * PostgreSQL wording an operator would see.
 */
import { parseDataSourceConfig } from "../../provider/apis/alibaba-gpdb-rules";
import type { AlibabaDbInstance, Inventory } from "../inventory";
import { isSettled, type SettleAt } from "../lifecycle";
import type { DataSourceRecord, JobRecord } from "./alibaba-gpdb-records";
import { isProfessional, parseJobConfig } from "./alibaba-gpdb-validation";

export type Outcome = { readonly ok: true } | { readonly ok: false; readonly message: string };

export type Phase = "init" | "running" | "exception";
export interface Status {
  readonly phase: Phase;
  readonly message: string;
}

/** Init until settled; then the outcome, judged now (so it follows the inventory and dependencies as they are). */
export function statusOf(at: SettleAt, now: number, outcome: () => Outcome): Status {
  if (!isSettled(at, now)) return { phase: "init", message: "" };
  const o = outcome();
  return o.ok ? { phase: "running", message: "" } : { phase: "exception", message: o.message };
}

/** Services and jobs report `Init`/`Running`/`Exception`; data sources report the lowercase phase. */
export const capitalised = (phase: Phase) => `${phase.charAt(0).toUpperCase()}${phase.slice(1)}`;

const OK: Outcome = { ok: true };
const fail = (message: string): Outcome => ({ ok: false, message });

/** A data source runs when all its brokers (under `brokers` or `broker_list`) belong to one inventory Kafka cluster that has its topic. */
export function dataSourceOutcome(source: DataSourceRecord, inventory: Inventory): Outcome {
  const parsed = parseDataSourceConfig(source.fields.DataSourceConfig);
  if (!parsed.ok) return fail(`DataSourceConfig ${parsed.problem}`);
  const brokers = parsed.config.brokers.split(",");
  // The cluster holding most of the brokers is "the" cluster; any broker outside it is unreachable.
  let best: { cluster: Inventory["alibaba"]["kafkaClusters"][number]; hits: number } | undefined;
  for (const cluster of inventory.alibaba.kafkaClusters) {
    const hits = brokers.filter((b) => cluster.brokers.includes(b)).length;
    if (hits > 0 && (best === undefined || hits > best.hits)) best = { cluster, hits };
  }
  const unreachable = brokers.filter((b) => best === undefined || !best.cluster.brokers.includes(b));
  if (best === undefined || unreachable.length > 0) return fail(`brokers unreachable: ${unreachable.join(", ")}`);
  const topics = best.cluster.topics;
  if (topics !== undefined && !topics.includes(parsed.config.topic)) {
    return fail(`topic not found: ${parsed.config.topic} (Kafka cluster ${best.cluster.name})`);
  }
  return OK;
}

interface JobTarget {
  readonly from: "basic" | "JobConfig";
  readonly database: string | undefined;
  readonly user: string | undefined;
  readonly password: string | undefined;
}

/** Where a job writes and who it logs in as: basic-mode fields, or the keys of its JobConfig. */
function jobTarget(job: JobRecord): JobTarget {
  if (!isProfessional(job.fields)) {
    return { from: "basic", database: job.fields.DestDatabase, user: job.fields.Account, password: job.fields.Password };
  }
  const parsed = parseJobConfig(job.fields.JobConfig ?? "");
  const doc = parsed.ok ? parsed.doc : {};
  // YAML may type these as numbers (PASSWORD: 123456); the server compares text.
  const text = (v: unknown) => (v === undefined || v === null ? undefined : String(v));
  return { from: "JobConfig", database: text(doc.DATABASE), user: text(doc.USER), password: text(doc.PASSWORD) };
}

/**
 * A job runs when no exception was injected into it (the control route), its data source is not in
 * exception, its target database exists on the instance and, if the instance lists accounts, it
 * logs in with one of them.
 */
export function jobOutcome(job: JobRecord, instance: AlibabaDbInstance, dataSource: Status | undefined): Outcome {
  if (job.injectedException !== undefined) return fail(job.injectedException);
  if (dataSource === undefined) return fail(`data source ${job.dataSourceId} does not exist`);
  if (dataSource.phase === "exception") return fail(`data source ${job.dataSourceId} is in exception: ${dataSource.message}`);
  const target = jobTarget(job);
  const dbKey = target.from === "basic" ? "DestDatabase" : "DATABASE in JobConfig";
  if (target.database === undefined || target.database === "") return fail(`${dbKey} is not set`);
  if (!instance.databases.includes(target.database)) return fail(`FATAL: database "${target.database}" does not exist`);
  if (instance.accounts !== undefined) {
    const account = instance.accounts.find((a) => a.name === target.user);
    if (account === undefined || account.password !== target.password) {
      return fail(`FATAL: password authentication failed for user "${target.user ?? ""}"`);
    }
  }
  return OK;
}
