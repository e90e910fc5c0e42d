/**
 * Preview accepts every gpdb payload the vendor shows succeeding: the CreateStreamingJob page's own
 * examples (seed 000, basic and professional), the SDK models' per-field examples recorded in the
 * vendor facts, and the DataSourceConfig the vendor's terraform acceptance test creates. The
 * payloads come from the facts and the seed fixtures; the wire names are mapped to the SDK
 * properties by the design's naming rule (camelCase of the API's name), not by the provider's tables.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as service from "../../provider/resources/alicloud-streaming-data-service";
import * as source from "../../provider/resources/alicloud-streaming-data-source";
import * as job from "../../provider/resources/alicloud-streaming-job";
import { type RpcOperationFact, facts } from "../conformance/facts";

const FIXTURES = join(__dirname, "..", "fixtures", "alibaba");
const seedRequest = JSON.parse(readFileSync(join(FIXTURES, "gpdb-create-streaming-job.request.json"), "utf8")).params as Record<string, unknown>;
const seedJobConfig = readFileSync(join(FIXTURES, "gpdb-create-streaming-job.job-config.yaml"), "utf8");
const operations: Readonly<Record<string, RpcOperationFact>> = facts.gpdb.operations;

/** DBInstanceId → dbInstanceId, DataSourceConfig → dataSourceConfig. */
const sdkName = (wire: string) => wire.replace(/^[A-Z]+(?=[A-Z][a-z])|^[A-Z]/, (head) => head.toLowerCase());
const sdkInputs = (wire: Record<string, unknown>) => Object.fromEntries(Object.entries(wire).map(([k, v]) => [sdkName(k), v]));

/** The value an SDK user writes for a wire example of the facts' type. */
const typed = (type: string | undefined, text: string) => (type === "boolean" ? text === "true" : type === "integer" || type === "long" ? Number(text) : text);

/** The request of the facts' per-field examples ("A / B" enum examples: the first; truncated ones left out), typed as the SDK types them. */
function sdkExample(action: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of operations[action]?.request ?? []) {
    const ex = typeof f.example === "number" ? String(f.example) : f.example;
    if (typeof ex !== "string" || ex.includes("[truncated]")) continue;
    out[f.name] = typed(f.type, f.enum !== undefined ? (ex.split("/")[0] as string).trim() : ex);
  }
  return out;
}
/** The instance the SDK models' examples name (CreateStreamingDataSource's own example is not an id, per the facts). */
const SDK_INSTANCE = String(sdkExample("CreateStreamingJob").DBInstanceId);

/** The DataSourceConfig the vendor's terraform acceptance test creates and reads back (facts: vendor_evidence). */
function terraformConfig(): string {
  const field = operations.CreateStreamingDataSource?.request.find((f) => f.name === "DataSourceConfig") as
    | { vendor_evidence?: { config: string } }
    | undefined;
  const config = field?.vendor_evidence?.config;
  if (config === undefined) throw new Error("the facts record no vendor_evidence for CreateStreamingDataSource.DataSourceConfig");
  return config;
}

const failuresOf = (m: { check: (o: Record<string, unknown>, n: Record<string, unknown>) => { failures: unknown[] } }, inputs: Record<string, unknown>) =>
  m.check({}, inputs).failures;

describe("vendor example payloads at preview", () => {
  it("names properties as the design says", () => {
    expect(["DBInstanceId", "DataSourceConfig", "RegionId", "TryRun"].map(sdkName)).toEqual(["dbInstanceId", "dataSourceConfig", "regionId", "tryRun"]);
  });

  it("accepts the CreateStreamingJob page's basic-mode example (seed 000)", () => {
    expect(failuresOf(job, sdkInputs(seedRequest))).toEqual([]);
  });

  it("accepts the CreateStreamingJob page's professional-mode example (seed 000)", () => {
    const { RegionId, DBInstanceId, DataSourceId, JobName } = seedRequest;
    expect(failuresOf(job, sdkInputs({ RegionId, DBInstanceId, DataSourceId, JobName, Mode: "professional", JobConfig: seedJobConfig }))).toEqual([]);
  });

  it.each([
    ["CreateStreamingJob", job, {}],
    ["ModifyStreamingJob", job, { DataSourceId: "1", JobName: "test-job", JobId: undefined }],
    ["CreateStreamingDataSource", source, { DBInstanceId: SDK_INSTANCE }],
    ["CreateStreamingDataService", service, {}],
    ["ModifyStreamingDataService", service, { ServiceName: "test-adbpgss", ServiceId: undefined }],
  ] as const)("accepts the SDK's %s example", (action, resource, complete) => {
    // Modify examples lack what only Create takes (and carry the id, which is no input): the Create example's values complete them.
    const wire = { DBInstanceId: SDK_INSTANCE, ...sdkExample(action), ...complete };
    const inputs = Object.fromEntries(Object.entries(sdkInputs(wire)).filter(([, v]) => v !== undefined));
    expect(failuresOf(resource, inputs)).toEqual([]);
  });

  const configs = [
    ["the SDK's CreateStreamingDataSource example (broker_list)", String(sdkExample("CreateStreamingDataSource").DataSourceConfig)],
    ["the SDK's ModifyStreamingDataSource example (brokers)", String(sdkExample("ModifyStreamingDataSource").DataSourceConfig)],
    ["the config of the vendor's terraform acceptance test", terraformConfig()],
  ] as const;

  it.each(configs)("accepts %s as dataSourceConfig", (_name, config) => {
    const inputs = sdkInputs({ ...sdkExample("CreateStreamingDataSource"), DBInstanceId: SDK_INSTANCE, DataSourceConfig: config });
    expect(failuresOf(source, inputs)).toEqual([]);
  });
});

describe("the broker list under either key", () => {
  const createExample = String(sdkExample("CreateStreamingDataSource").DataSourceConfig);
  const modifyExample = String(sdkExample("ModifyStreamingDataSource").DataSourceConfig);

  it("is the same list: the SDK's Create example (broker_list) and its Describe example (brokers) name the same brokers", () => {
    expect(JSON.parse(createExample).broker_list).toBe(JSON.parse(modifyExample).brokers);
    expect(source.sameDataSourceConfig(createExample, modifyExample)).toBe(true);
  });

  it("is no change in diff whichever spelling state and program use, and a different list is", () => {
    const olds = { ...sdkInputs({ ...sdkExample("CreateStreamingDataSource"), DBInstanceId: SDK_INSTANCE }), dataSourceConfig: createExample };
    const sameList = source.check({}, { ...olds, dataSourceConfig: { brokers: JSON.parse(createExample).broker_list, topic: "topic" } }).inputs;
    expect(source.diff("gp-x:1", olds, sameList)).toEqual({ changes: false });
    const otherList = source.check({}, { ...olds, dataSourceConfig: { brokers: "broker0:9091", topic: "topic" } }).inputs;
    expect(source.diff("gp-x:1", olds, otherList)).toEqual({ changes: true });
  });
});
