import { describe, expect, it } from "vitest";
import { UNKNOWN } from "../../provider/engine/check";
import { check } from "../../provider/resources/alicloud-streaming-job";
import { basicJob, professionalJob } from "../fixtures/streaming-job";

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
