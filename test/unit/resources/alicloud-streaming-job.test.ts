import { describe, expect, it } from "vitest";
import { UNKNOWN } from "../../../provider/engine/check";
import * as job from "../../../provider/resources/alicloud-streaming-job";
import { check, diff } from "../../../provider/resources/alicloud-streaming-job";
import { basicJob, professionalJob, professionalYaml } from "../../fixtures/streaming-job";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SDK_INSTANCE, failuresOf, sdkExample, sdkInputs, sdkName } from "../../helpers/gpdb-examples";

const run = (news: Record<string, unknown>) => check({}, { __provider: "shim", ...news });

describe("StreamingJob check", () => {
  it("accepts the basic and professional baselines and applies defaults", () => {
    const b = run(basicJob);
    expect(b.failures).toEqual([]);
    expect(b.inputs).toMatchObject({ timeoutSeconds: 600, adopt: false, __provider: "shim" });
    expect(run(professionalJob).failures).toEqual([]);
    expect(run({ ...basicJob, mode: undefined }).inputs.mode).toBe("basic");
  });

  it("accepts key columns outside destColumns, and updateColumns, when writeMode INSERT does not use them (the seed example sends both)", () => {
    expect(run({ ...basicJob, writeMode: "INSERT", matchColumns: ["column_1"], updateColumns: ["column_1"] }).failures).toEqual([]);
  });

  it("normalises a numeric dataSourceId to the string the API takes", () => {
    expect(run({ ...basicJob, dataSourceId: 7 }).inputs.dataSourceId).toBe("7");
  });

  it("accepts enum values in either case, as the service does", () => {
    expect(run({ ...basicJob, writeMode: "merge", fallbackOffset: "latest", consistency: "exactly" }).failures).toEqual([]);
  });

  it("renders the typed jobConfig object to the service's YAML keys", () => {
    const r = run({
      ...professionalJob,
      jobConfig: {
        database: "analytics",
        user: "etl",
        password: "Demo#Pass123",
        host: "h",
        port: 5432,
        kafka: {
          input: {
            source: { brokers: "192.168.0.10:9092", topic: "orders", fallbackOffset: "earliest" },
            value: { columns: [{ name: "c1", type: "int" }], format: "delimited", delimitedOption: { delimiter: "|" } },
          },
          output: { schema: "public", table: "orders", mode: "MERGE", matchColumns: ["c1"] },
          commit: { maxRow: 1000, minimalInterval: 1000 },
          properties: { "group.id": "orders-etl" },
        },
      },
    });
    expect(r.failures).toEqual([]);
    const yaml = String(r.inputs.jobConfig);
    expect(yaml).toContain("FALLBACK_OFFSET: earliest");
    expect(yaml).toContain("DELIMITED_OPTION:");
    expect(yaml).toContain("MATCH_COLUMNS:");
    expect(yaml).toContain("MINIMAL_INTERVAL: 1000");
    expect(yaml).toContain("group.id: orders-etl");
  });

  it("skips values still unknown at preview and keeps them in the inputs", () => {
    const r = run({ ...basicJob, dataSourceId: UNKNOWN, writeMode: UNKNOWN, matchColumns: UNKNOWN });
    expect(r.failures).toEqual([]);
    expect(r.inputs.dataSourceId).toBe(UNKNOWN);
  });

  it("still reports problems of known fields next to unknown ones", () => {
    const r = run({ ...basicJob, dataSourceId: UNKNOWN, fallbackOffset: "NEWEST" });
    expect(r.failures.map((f) => f.property)).toEqual(["fallbackOffset"]);
  });

  // Each row changes the baseline and expects exactly these failures, all reported at once.
  const rejects: Array<[string, Record<string, unknown>, string[]]> = [
    ["an unknown write mode", { writeMode: "UPSERT" }, ["writeMode must be one of INSERT, UPDATE, MERGE (either case); change it to one of these"]],
    [
      "MERGE without matchColumns",
      { matchColumns: undefined, updateColumns: undefined },
      [
        "matchColumns is required when writeMode is MERGE (it names the key that finds the row to update). Set matchColumns, usually to the primary key, or use writeMode INSERT.",
      ],
    ],
    [
      "UPDATE without matchColumns",
      { writeMode: "update", matchColumns: [] },
      [
        "matchColumns is required when writeMode is UPDATE (it names the key that finds the row to update). Set matchColumns, usually to the primary key, or use writeMode INSERT.",
      ],
    ],
    [
      "column lists of different lengths",
      { srcColumns: ["id", "amount"] },
      [
        "srcColumns and destColumns must be the same length (column i of the source maps to column i of the table); got 2 source and 3 destination columns. Make the two lists match.",
      ],
    ],
    [
      "a match column that is not a destination column",
      { matchColumns: ["order_id"] },
      [
        'matchColumns must name columns of destColumns; ["order_id"] is not in destColumns ["id","amount","status"]. Add them to destColumns or remove them from matchColumns.',
      ],
    ],
    [
      "a duplicated column",
      { destColumns: ["id", "id", "status"], matchColumns: ["id"], updateColumns: ["status"] },
      ["destColumns must not list a column twice"],
    ],
    ["a negative error limit", { errorLimitCount: -1 }, ["errorLimitCount must be at least 0; got -1."]],
    ["a fractional error limit", { errorLimitCount: 1.5 }, ["errorLimitCount must be a whole number; got 1.5."]],
    ["a bad instance id", { dbInstanceId: "rm-123" }, ["dbInstanceId must be an AnalyticDB for PostgreSQL instance id such as gp-bp10g78o9807yv9h3"]],
    ["a missing jobName", { jobName: undefined }, ["jobName is required. Set it to a string."]],
    ["an error limit beyond what Describe can answer (int32)", { errorLimitCount: 2 ** 31 }, ["errorLimitCount must be at most 2147483647; got 2147483648."]],
    ["a timeout of zero", { timeoutSeconds: 0 }, ["timeoutSeconds must be at least 1; got 0."]],
    ["a misspelt property", { writemode: "MERGE" }, ["StreamingJob has no property writemode. Did you mean writeMode?"].map((m) => `alicloud:${m}`)],
    [
      "jobConfig in basic mode",
      { jobConfig: professionalJob.jobConfig },
      ['jobConfig is only used when mode is "professional"; got a jobConfig with mode "basic". Remove jobConfig or set mode to "professional".'],
    ],
    [
      "basic mode without a target",
      { destTable: undefined, account: undefined },
      [
        'account is required when mode is "basic" (the job needs it to write into the target table). Set account.',
        'destTable is required when mode is "basic" (the job needs it to write into the target table). Set destTable.',
      ],
    ],
  ];

  it.each(rejects)("rejects %s, naming the property and the fix", (_name, change, reasons) => {
    expect(run({ ...basicJob, ...change }).failures.map((f) => f.reason)).toEqual(reasons);
  });

  const rejectsProfessional: Array<[string, Record<string, unknown>, string[]]> = [
    [
      "professional mode without jobConfig",
      { jobConfig: undefined },
      ['jobConfig is required when mode is "professional". Give the job YAML (or the typed object), or set mode to "basic".'],
    ],
    [
      "YAML that does not parse",
      { jobConfig: "KAFKA: [unclosed" },
      [
        "jobConfig is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] at line 1, column 17:. Fix the YAML syntax.",
      ],
    ],
    [
      "YAML without KAFKA.OUTPUT",
      { jobConfig: "DATABASE: a\nKAFKA:\n  INPUT: {SOURCE: {TOPIC: t}}\n" },
      ["jobConfig must have KAFKA.OUTPUT. Add the KAFKA.OUTPUT section."],
    ],
    [
      "a MERGE YAML without MATCH_COLUMNS",
      { jobConfig: professionalJob.jobConfig.replace(/ {4}MATCH_COLUMNS:\n {4}- c1\n/, "") },
      ["jobConfig KAFKA.OUTPUT.MODE is MERGE, which needs KAFKA.OUTPUT.MATCH_COLUMNS. Add the key columns or use MODE: INSERT."],
    ],
    [
      "basic-mode fields next to jobConfig",
      { destTable: "orders" },
      ['destTable is a basic-mode field; got "orders" with mode "professional", where jobConfig holds the mapping. Remove destTable or set mode to "basic".'],
    ],
  ];

  it.each(rejectsProfessional)("rejects %s", (_name, change, reasons) => {
    expect(run({ ...professionalJob, ...change }).failures.map((f) => f.reason)).toEqual(reasons);
  });

  it("reports every failure of one program at once", () => {
    const r = run({ ...basicJob, writeMode: "UPSERT", errorLimitCount: -5, srcColumns: ["id"], jobName: "" });
    expect(r.failures.map((f) => f.property).sort()).toEqual(["destColumns", "errorLimitCount", "jobName", "writeMode"]);
  });
});

/** State as create leaves it: the checked inputs plus computed outputs. */
const stateOf = (inputs: Record<string, unknown>) => ({
  ...check({}, { __provider: "shim", ...inputs }).inputs,
  jobId: "1",
  status: "Running",
  region: "cn-beijing",
});
const checked = (inputs: Record<string, unknown>) => check({}, { __provider: "shim", ...inputs }).inputs;

describe("StreamingJob diff", () => {
  it("finds no change when nothing changed", () => {
    expect(diff("gp-demo00000000001:1", stateOf(basicJob), checked(basicJob))).toEqual({ changes: false });
  });

  const noChange: Array<[string, Record<string, unknown>]> = [
    ["enum case the API echoes back", { writeMode: "merge", fallbackOffset: "earliest", consistency: "atleast" }],
    ["matchColumns and updateColumns in another order", { updateColumns: ["status", "amount"] }],
    ["srcColumns and destColumns reordered together", { srcColumns: ["status", "id", "amount"], destColumns: ["status", "id", "amount"] }],
    ["a numeric dataSourceId for the same id", { dataSourceId: 1 }],
    ["a different timeout (a provider setting, not an API field)", { timeoutSeconds: 30 }],
  ];
  it.each(noChange)("treats %s as no change", (_name, change) => {
    expect(diff("id", stateOf(basicJob), checked({ ...basicJob, ...change }))).toEqual({ changes: false });
  });

  it("treats YAML that differs only in formatting, quoting and key order as no change", () => {
    const reformatted = professionalYaml
      .replace("DATABASE: analytics\nUSER: etl\n", "USER: 'etl'   # the loader account\nDATABASE: \"analytics\"\n")
      .replace("TOPIC: orders", "TOPIC:   orders");
    expect(diff("id", stateOf(professionalJob), checked({ ...professionalJob, jobConfig: reformatted }))).toEqual({ changes: false });
  });

  it("updates in place when an updatable field changes", () => {
    expect(diff("id", stateOf(basicJob), checked({ ...basicJob, errorLimitCount: 50 }))).toEqual({ changes: true });
    expect(
      diff("id", stateOf(professionalJob), checked({ ...professionalJob, jobConfig: professionalYaml.replace("ERROR_LIMIT: 10", "ERROR_LIMIT: 20") })),
    ).toEqual({ changes: true });
  });

  it("treats srcColumns reordered alone as a change (the mapping changed)", () => {
    expect(diff("id", stateOf(basicJob), checked({ ...basicJob, srcColumns: ["amount", "id", "status"] }))).toEqual({ changes: true });
  });

  it.each(["jobName", "dbInstanceId", "regionId"])("replaces when %s changes, creating the new job first", (field) => {
    const value = field === "dbInstanceId" ? "gp-demo00000000002" : field === "regionId" ? "cn-shanghai" : "renamed";
    expect(diff("id", stateOf(basicJob), checked({ ...basicJob, [field]: value }))).toEqual({ changes: true, replaces: [field] });
  });

  it("replaces and deletes first when the new job would reuse the name in the same instance", () => {
    expect(diff("id", stateOf(basicJob), checked({ ...basicJob, dataSourceId: "2" }))).toEqual({
      changes: true,
      replaces: ["dataSourceId"],
      deleteBeforeReplace: true,
    });
    expect(
      diff("id", stateOf(professionalJob), checked({ ...professionalJob, jobConfig: undefined, ...basicJob, jobName: professionalJob.jobName })),
    ).toMatchObject({ replaces: ["mode"], deleteBeforeReplace: true });
  });

  it("reads state written without the fields a later version added", () => {
    const old = stateOf(basicJob);
    delete (old as Record<string, unknown>).adopt;
    delete (old as Record<string, unknown>).timeoutSeconds;
    expect(diff("id", old, checked(basicJob))).toEqual({ changes: false });
  });
});

/**
 * Preview accepts every StreamingJob payload the vendor shows succeeding: the CreateStreamingJob
 * page's own examples (seed 000, basic and professional) and the SDK models' per-field examples
 * recorded in the vendor facts (test/helpers/gpdb-examples.ts maps them to SDK inputs).
 */
const FIXTURES = join(__dirname, "../..", "fixtures", "alibaba");
const seedRequest = JSON.parse(readFileSync(join(FIXTURES, "gpdb-create-streaming-job.request.json"), "utf8")).params as Record<string, unknown>;
const seedJobConfig = readFileSync(join(FIXTURES, "gpdb-create-streaming-job.job-config.yaml"), "utf8");

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
  ] as const)("accepts the SDK's %s example", (action, resource, complete) => {
    // Modify examples lack what only Create takes (and carry the id, which is no input): the Create example's values complete them.
    const wire = { DBInstanceId: SDK_INSTANCE, ...sdkExample(action), ...complete };
    const inputs = Object.fromEntries(Object.entries(sdkInputs(wire)).filter(([, v]) => v !== undefined));
    expect(failuresOf(resource, inputs)).toEqual([]);
  });
});
