/**
 * Value rules of the Alibaba RPC parameters the gpdb streaming actions take: a region id, a name, a
 * Kafka DataSourceConfig. Each returns the problem as a sentence that continues the parameter's name
 * ("must …", "has …"), or undefined. The resources' `check` and the emulator call the same
 * functions, so preview and the emulator refuse the same values in the same words; one case table
 * (test/fixtures/alibaba/gpdb-value-rules.cases.json) runs through both, with its expected outcomes
 * taken from the vendor facts. Only the region-id form is backed by a vendor source (the SDK's
 * endpoint map); the name and broker rules are [inferred] (see emulator/README.md, gpdb section).
 */

/**
 * An Alibaba Cloud region id: a 2–3 letter area (cn, ap, us, eu, me, rus) and one to five lower-case
 * words of letters and digits, each after a single hyphen. Every id in the gpdb SDK's endpoint map
 * has this form (cn-hangzhou, cn-shanghai-finance-1, cn-hangzhou-finance, cn-north-2-gov-1,
 * ap-southeast-1); so do the other products' maps (cn-zhangjiakou-na62-a01, rus-west-1-pop).
 */
export const ALIBABA_REGION_ID = /^[a-z]{2,3}(-[a-z0-9]+){1,5}$/;

/** C0 controls (CR, LF, tab, NUL…), DEL, C1 controls and the Unicode line and paragraph separators. */
const isControl = (code: number) => code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;

/** JSON text of a value, with every control and line-separator character escaped so messages stay one line. */
export function quote(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return Array.from(text, (c) => (isControl(c.charCodeAt(0)) ? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}` : c)).join("");
}

export function regionIdProblem(value: string): string | undefined {
  if (ALIBABA_REGION_ID.test(value)) return undefined;
  return `must be an Alibaba Cloud region id: lower-case letters and digits in words joined by single hyphens, such as cn-hangzhou, cn-shanghai-finance-1 or ap-southeast-1; got ${quote(value)}.`;
}

/** Names (jobs, data sources, services, Kafka groups, accounts, databases, schemas, tables) are one line of printable text. */
export function nameProblem(value: string): string | undefined {
  if (!Array.from(value).some((c) => isControl(c.charCodeAt(0)))) return undefined;
  return `must not contain control characters such as CR, LF or tab; got ${quote(value)}. Remove them.`;
}

/** The two keys the vendor shows for the broker list: `brokers` (Describe, Modify, List, terraform) and `broker_list` (the SDK's Create example). */
export type BrokerKey = "brokers" | "broker_list";

const HOST = String.raw`(?:[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])`;
const BROKER = new RegExp(`^${HOST}:(\\d{1,5})$`);
const BROKER_EXAMPLE = "broker0:9091,broker1:9091";

/** A Kafka bootstrap list: `host:port[,host:port…]`, no spaces, every port a TCP port (1–65535). */
export function brokerListProblem(key: BrokerKey, value: unknown): string | undefined {
  if (typeof value !== "string" || value === "") {
    return `${key} must be a non-empty string of comma-separated host:port pairs, e.g. ${BROKER_EXAMPLE}; got ${quote(value)}.`;
  }
  for (const entry of value.split(",")) {
    const m = BROKER.exec(entry);
    if (!m) return `${key} must be a comma-separated list of host:port without spaces, e.g. ${BROKER_EXAMPLE}; got ${quote(value)}.`;
    const port = Number(m[1]);
    if (port < 1 || port > 65535) return `${key} has the port ${port} in ${quote(entry)}; a port is 1 to 65535. Use the broker's listener port.`;
  }
  return undefined;
}

export interface KafkaDataSourceConfig {
  /** The broker list, whichever key carried it. */
  readonly brokers: string;
  readonly brokerKey: BrokerKey;
  readonly topic: string;
}

export type ParsedDataSourceConfig = { readonly ok: true; readonly config: KafkaDataSourceConfig } | { readonly ok: false; readonly problem: string };

const CONFIG_EXAMPLE = `{"brokers":"${BROKER_EXAMPLE}","topic":"orders"}`;

/**
 * The Kafka fields of a DataSourceConfig (JSON text). The broker list may come under `brokers` or
 * `broker_list`, not both; other keys (format, delimiter…) are the service's business and pass.
 */
export function parseDataSourceConfig(text: string): ParsedDataSourceConfig {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return { ok: false, problem: `is not valid JSON; give a JSON object such as ${CONFIG_EXAMPLE}.` };
  }
  if (v === null || typeof v !== "object" || Array.isArray(v)) {
    return { ok: false, problem: `must be a JSON object such as ${CONFIG_EXAMPLE}; got ${quote(v)}.` };
  }
  const o = v as Record<string, unknown>;
  if ("brokers" in o && "broker_list" in o) {
    return { ok: false, problem: "has both brokers and broker_list; give the broker list once, under brokers." };
  }
  const brokerKey: BrokerKey = "broker_list" in o ? "broker_list" : "brokers";
  if (!(brokerKey in o)) return { ok: false, problem: `must have "brokers" (or "broker_list"): the Kafka brokers as host:port pairs, e.g. ${BROKER_EXAMPLE}.` };
  const brokerProblem = brokerListProblem(brokerKey, o[brokerKey]);
  if (brokerProblem !== undefined) return { ok: false, problem: brokerProblem };
  if (typeof o.topic !== "string" || o.topic.trim() === "") return { ok: false, problem: `must have a non-empty string "topic"; got ${quote(o.topic)}.` };
  return { ok: true, config: { brokers: o[brokerKey] as string, brokerKey, topic: o.topic } };
}

/** The problem of a DataSourceConfig text, for the action table's per-parameter rule. */
export function dataSourceConfigProblem(text: string): string | undefined {
  const parsed = parseDataSourceConfig(text);
  return parsed.ok ? undefined : parsed.problem;
}
