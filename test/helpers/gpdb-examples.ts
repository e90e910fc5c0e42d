/**
 * The gpdb payloads the vendor shows succeeding, as SDK inputs, for the preview tests of the three
 * gpdb resources: the SDK models' per-field examples recorded in the vendor facts, and the
 * DataSourceConfig the vendor's terraform acceptance test creates. The wire names are mapped to
 * the SDK properties by the design's naming rule (camelCase of the API's name), not by the
 * provider's tables.
 */
import { type RpcOperationFact, facts } from "../conformance/facts";

const operations: Readonly<Record<string, RpcOperationFact>> = facts.gpdb.operations;

/** DBInstanceId → dbInstanceId, DataSourceConfig → dataSourceConfig. */
export const sdkName = (wire: string) => wire.replace(/^[A-Z]+(?=[A-Z][a-z])|^[A-Z]/, (head) => head.toLowerCase());
export const sdkInputs = (wire: Record<string, unknown>) => Object.fromEntries(Object.entries(wire).map(([k, v]) => [sdkName(k), v]));

/** The value an SDK user writes for a wire example of the facts' type. */
const typed = (type: string | undefined, text: string) => (type === "boolean" ? text === "true" : type === "integer" || type === "long" ? Number(text) : text);

/** The request of the facts' per-field examples ("A / B" enum examples: the first; truncated ones left out), typed as the SDK types them. */
export function sdkExample(action: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of operations[action]?.request ?? []) {
    const ex = typeof f.example === "number" ? String(f.example) : f.example;
    if (typeof ex !== "string" || ex.includes("[truncated]")) continue;
    out[f.name] = typed(f.type, f.enum !== undefined ? (ex.split("/")[0] as string).trim() : ex);
  }
  return out;
}
/** The instance the SDK models' examples name (CreateStreamingDataSource's own example is not an id, per the facts). */
export const SDK_INSTANCE = String(sdkExample("CreateStreamingJob").DBInstanceId);

/** The DataSourceConfig the vendor's terraform acceptance test creates and reads back (facts: vendor_evidence). */
export function terraformConfig(): string {
  const field = operations.CreateStreamingDataSource?.request.find((f) => f.name === "DataSourceConfig") as
    | { vendor_evidence?: { config: string } }
    | undefined;
  const config = field?.vendor_evidence?.config;
  if (config === undefined) throw new Error("the facts record no vendor_evidence for CreateStreamingDataSource.DataSourceConfig");
  return config;
}

export const failuresOf = (
  m: { check: (o: Record<string, unknown>, n: Record<string, unknown>) => { failures: unknown[] } },
  inputs: Record<string, unknown>,
) => m.check({}, inputs).failures;
