import { describe, expect, it } from "vitest";
import * as stream from "../../provider/resources/huaweicloud-dis-stream";
import * as task from "../../provider/resources/huaweicloud-dws-transfer-task";
import { type DisTransferTask, taskSchema } from "../../provider/apis/huawei-dis";
import { DWS_CLUSTER_ID, DWS_PASSWORD, KMS_KEY_ID, dwsTask, stream as baseStream } from "../fixtures/dis";

type Props = Record<string, unknown>;
const reasonsOf = (m: { check: (o: Props, n: Props) => { failures: { reason: string }[] } }, news: Props) => m.check({}, news).failures.map((f) => f.reason);
const checked = (m: { check: (o: Props, n: Props) => { inputs: Props; failures: unknown[] } }, news: Props) => {
  const r = m.check({}, news);
  expect(r.failures).toEqual([]);
  return r.inputs;
};

describe("DisStream check", () => {
  it("accepts the baseline and applies defaults", () => {
    expect(checked(stream, baseStream)).toMatchObject({ streamType: "COMMON", dataType: "JSON", dataDuration: 24, timeoutSeconds: 600 });
  });

  const rejects: Array<[string, Props, string[]]> = [
    [
      "a name with a dot",
      { ...baseStream, streamName: "clicks.v2" },
      ['streamName must be 1 to 64 characters, each a letter, a digit, "_" or "-"; got "clicks.v2".'],
    ],
    ["zero partitions", { ...baseStream, partitionCount: 0 }, ["partitionCount must be at least 1; got 0."]],
    ["a retention of 96 hours", { ...baseStream, dataDuration: 96 }, ["dataDuration must be a whole number of hours from 24 to 72; got 96."]],
    ["a retention of 36.5 hours", { ...baseStream, dataDuration: 36.5 }, ["dataDuration must be a whole number of hours from 24 to 72; got 36.5."]],
    ["an unknown data type", { ...baseStream, dataType: "AVRO" }, ['dataType must be one of BLOB, JSON, CSV; got "AVRO". Change dataType to one of these.']],
    [
      "a schema that is not JSON",
      { ...baseStream, dataSchema: "record {" },
      [`dataSchema must be an Avro schema in JSON text, e.g. '{"type":"record","name":"r","fields":[…]}'`],
    ],
    [
      "auto-scaling without bounds",
      { ...baseStream, autoScaleEnabled: true },
      [
        "autoScaleMinPartitionCount is required when autoScaleEnabled is true (auto-scaling needs both bounds). Set autoScaleMinPartitionCount.",
        "autoScaleMaxPartitionCount is required when autoScaleEnabled is true (auto-scaling needs both bounds). Set autoScaleMaxPartitionCount.",
      ],
    ],
    [
      "bounds without auto-scaling",
      { ...baseStream, autoScaleMaxPartitionCount: 4 },
      [
        "autoScaleMaxPartitionCount only applies when autoScaleEnabled is true; got 4 without it. Set autoScaleEnabled: true or remove autoScaleMaxPartitionCount.",
      ],
    ],
    [
      "a range upside down and a start outside it",
      { ...baseStream, autoScaleEnabled: true, autoScaleMinPartitionCount: 4, autoScaleMaxPartitionCount: 3 },
      [
        "autoScaleMaxPartitionCount (3) must not be below autoScaleMinPartitionCount (4). Raise the maximum or lower the minimum.",
        "partitionCount 2 is outside the auto-scale range 4–3; the stream starts with partitionCount partitions. Set it within the range.",
      ],
    ],
    [
      "CSV properties on a JSON stream",
      { ...baseStream, csvProperties: { delimiter: ";" } },
      ['csvProperties only applies when dataType is "CSV"; got dataType "JSON". Remove csvProperties or set dataType to "CSV".'],
    ],
    [
      "a tag key twice",
      {
        ...baseStream,
        tags: [
          { key: "team", value: "a" },
          { key: "team", value: "b" },
        ],
      },
      ["tags must not give a tag key twice"],
    ],
    [
      "a tag key of 37 characters and a value with a space",
      { ...baseStream, tags: [{ key: "k".repeat(37), value: "two words" }] },
      [
        `tags.0.key must be 1 to 36 characters, each a letter, a digit, "_", "-" or a CJK ideograph; got "${"k".repeat(37)}".`,
        'tags.0.value must be at most 43 characters, each a letter, a digit, ".", "_", "-" or a CJK ideograph; got "two words".',
      ],
    ],
    [
      "eleven tags",
      { ...baseStream, tags: Array.from({ length: 11 }, (_, i) => ({ key: `k${i}`, value: "v" })) },
      ["tags must hold at most 10 tags per stream; got 11."],
    ],
  ];
  it.each(rejects)("rejects %s", (_what, news, expected) => {
    expect(reasonsOf(stream, news)).toEqual(expected);
  });
});

describe("DisStream diff", () => {
  const state = { ...checked(stream, { ...baseStream, tags: [{ key: "team", value: "data" }] }), streamId: "s-1", status: "RUNNING" };
  it("updates partitions and tags in place; tags compare as a set", () => {
    expect(stream.diff("clicks", state, checked(stream, { ...baseStream, tags: [{ key: "team", value: "data" }] }))).toEqual({ changes: false });
    expect(stream.diff("clicks", state, checked(stream, { ...baseStream, partitionCount: 3, tags: [{ key: "team", value: "data" }] }))).toEqual({
      changes: true,
    });
    expect(stream.diff("clicks", state, checked(stream, { ...baseStream, tags: [{ key: "team", value: "ops" }] }))).toEqual({ changes: true });
  });
  const tagged = { ...baseStream, tags: [{ key: "team", value: "data" }] };
  const schema = '{"type":"record","name":"click","fields":[{"name":"url","type":"string"}]}';
  const inPlace: Array<[string, Props]> = [
    ["retention", { dataDuration: 48 }],
    ["the data type", { dataType: "BLOB" }],
    ["a new schema", { dataSchema: schema }],
    ["auto-scaling turned on", { autoScaleEnabled: true, autoScaleMinPartitionCount: 1, autoScaleMaxPartitionCount: 4 }],
  ];
  it.each(inPlace)("updates %s in place (UpdateStream), not by replacing the stream", (_what, change) => {
    expect(stream.diff("clicks", state, checked(stream, { ...tagged, ...change }))).toEqual({ changes: true });
  });

  const replaced: Array<[string, Props, Props, string[]]> = [
    ["the stream type", {}, { streamType: "ADVANCED" }, ["streamType"]],
    ["the compression format", {}, { compressionFormat: "gzip" }, ["compressionFormat"]],
    ["a removed schema", { dataSchema: schema }, {}, ["dataSchema"]],
  ];
  it.each(replaced)("replaces for %s (no API changes it), deleting first when the name stays", (_what, before, change, replaces) => {
    const olds = { ...checked(stream, { ...tagged, ...before }), streamId: "s-1", status: "RUNNING" };
    expect(stream.diff("clicks", olds, checked(stream, { ...tagged, ...change }))).toEqual({ changes: true, replaces, deleteBeforeReplace: true });
  });

  it("replaces without deleting first when the name changes", () => {
    expect(stream.diff("clicks", state, checked(stream, { ...tagged, streamName: "clicks2" }))).toEqual({ changes: true, replaces: ["streamName"] });
  });

  it("sends UpdateStream only what changed, auto-scaling as a whole, and its bounds only while it is on", () => {
    const auto = checked(stream, { ...tagged, autoScaleEnabled: true, autoScaleMinPartitionCount: 1, autoScaleMaxPartitionCount: 4 });
    expect(stream.updateStreamChanges(["dataDuration", "tags"], { ...state, dataDuration: 48 })).toEqual({ data_duration: 48 });
    expect(stream.updateStreamChanges(["autoScaleMaxPartitionCount"], auto)).toEqual({
      auto_scale_enabled: true,
      auto_scale_min_partition_count: 1,
      auto_scale_max_partition_count: 4,
    });
    expect(stream.updateStreamChanges(["autoScaleEnabled", "autoScaleMinPartitionCount", "autoScaleMaxPartitionCount"], state)).toEqual({
      auto_scale_enabled: false,
    });
    expect(stream.updateStreamChanges(["partitionCount", "tags"], state)).toBeUndefined();
  });
  it("ignores partitionCount while auto-scaling owns it", () => {
    const auto = { ...baseStream, autoScaleEnabled: true, autoScaleMinPartitionCount: 1, autoScaleMaxPartitionCount: 8 };
    const scaled = { ...checked(stream, auto), partitionCount: 6 };
    expect(stream.diff("clicks", scaled, checked(stream, auto))).toEqual({ changes: false });
  });
});

describe("DwsTransferTask check", () => {
  it("accepts the seed descriptor and applies defaults", () => {
    expect(checked(task, dwsTask)).toMatchObject({ dwsDelimiter: ",", desiredStatus: "RUNNING", deliverTimeInterval: 60, retryDuration: 1800 });
  });

  it("takes numbers as strings (as OTC's SDK sends them) and columns as a list", () => {
    expect(checked(task, { ...dwsTask, deliverTimeInterval: "120", retryDuration: "0", dwsTableColumns: ["id", " url"] })).toMatchObject({
      deliverTimeInterval: 120,
      retryDuration: 0,
      dwsTableColumns: "id,url",
    });
  });

  const rejects: Array<[string, Props, string[]]> = [
    ["a delivery interval under 30 s", { ...dwsTask, deliverTimeInterval: 10 }, ["deliverTimeInterval must be at least 30; got 10."]],
    ["a retry duration over 2 h", { ...dwsTask, retryDuration: 7201 }, ["retryDuration must be at most 7200; got 7201."]],
    [
      "an unknown consumer strategy",
      { ...dwsTask, consumerStrategy: "EARLIEST" },
      ['consumerStrategy must be one of LATEST, TRIM_HORIZON; got "EARLIEST". Change consumerStrategy to one of these.'],
    ],
    ["a tab delimiter", { ...dwsTask, dwsDelimiter: "\t" }, ['dwsDelimiter must be one of ,, ;, |; got "\\t". Change dwsDelimiter to one of these.']],
    ["a file prefix with a leading slash", { ...dwsTask, filePrefix: "/clicks" }, ['filePrefix must not start with "/"; remove the leading slash']],
    ["a file prefix of 51 characters", { ...dwsTask, filePrefix: "p".repeat(51) }, [`filePrefix must be at most 50 characters long; got "${"p".repeat(51)}".`]],
    [
      "a task name with a space",
      { ...dwsTask, taskName: "dws task" },
      ['taskName must be 1 to 64 characters, each a letter, a digit, "_" or "-"; got "dws task".'],
    ],
    ["no password", { ...dwsTask, userPassword: undefined }, ["userPassword is required. Set it to a string."]],
    [
      "a reject limit word other than unlimited",
      { ...dwsTask, options: { rejectLimit: "many" } },
      ['options.rejectLimit must be a whole number (0 or more) or "unlimited"'],
    ],
    ["an unknown option", { ...dwsTask, options: { skipErrors: true } }, ["options has unknown field skipErrors. Remove it or check the spelling."]],
  ];
  it.each(rejects)("rejects %s", (_what, news, expected) => {
    expect(reasonsOf(task, news)).toEqual(expected);
  });

  it("reports every problem at once", () => {
    const r = task.check({}, { ...dwsTask, deliverTimeInterval: 1, retryDuration: -1, consumerStrategy: "X", taskName: "" });
    expect(r.failures.map((f) => f.property).sort()).toEqual(["consumerStrategy", "deliverTimeInterval", "retryDuration", "taskName"]);
  });
});

describe("DwsTransferTask diff and mapping", () => {
  const state = { ...checked(task, dwsTask), taskId: "t-1", state: "RUNNING" };
  it("pauses and resumes in place; every descriptor field replaces, deleting first when the name stays", () => {
    expect(task.diff("clicks/dwstask", state, checked(task, dwsTask))).toEqual({ changes: false });
    expect(task.diff("clicks/dwstask", state, checked(task, { ...dwsTask, desiredStatus: "PAUSED" }))).toEqual({ changes: true });
    expect(task.diff("clicks/dwstask", state, checked(task, { ...dwsTask, deliverTimeInterval: 120 }))).toEqual({
      changes: true,
      replaces: ["deliverTimeInterval"],
      deleteBeforeReplace: true,
    });
    expect(task.diff("clicks/dwstask", state, checked(task, { ...dwsTask, userPassword: "Rotated#Pass-2" }))).toEqual({
      changes: true,
      replaces: ["userPassword"],
      deleteBeforeReplace: true,
    });
    expect(task.diff("clicks/dwstask", state, checked(task, { ...dwsTask, taskName: "dwstask2" }))).toEqual({ changes: true, replaces: ["taskName"] });
  });

  it("treats unset fault-tolerance options as the service's defaults", () => {
    expect(task.diff("clicks/dwstask", state, checked(task, { ...dwsTask, options: undefined }))).toEqual({ changes: false });
    expect(task.diff("clicks/dwstask", state, checked(task, { ...dwsTask, options: { ignoreExtraData: true } }))).toMatchObject({ replaces: ["options"] });
  });

  it("builds the seed's request body", () => {
    expect(task.createBody(checked(task, dwsTask))).toEqual({
      destination_type: "DWS",
      dws_destination_descriptor: {
        task_name: "dwstask",
        agency_name: "dis_admin_agency",
        deliver_time_interval: 60,
        consumer_strategy: "LATEST",
        dws_cluster_name: "dwscluster",
        dws_cluster_id: DWS_CLUSTER_ID,
        dws_database_name: "postgres",
        dws_schema: "dbadmin",
        dws_table_name: "dwstablename",
        dws_delimiter: ",",
        user_name: "dbadmin",
        user_password: DWS_PASSWORD,
        kms_user_key_name: "kmskey",
        kms_user_key_id: KMS_KEY_ID,
        obs_bucket_path: "obsbucket",
        retry_duration: 1800,
        options: { fill_missing_fields: "false", ignore_extra_data: "false", compatible_illegal_chars: "false" },
      },
    });
  });

  it("reads the misspelled descriptor key back as the same inputs, keeping the password it never echoes", () => {
    const { user_password: _p, ...echoed } = task.createBody(checked(task, dwsTask)).dws_destination_descriptor as Props;
    const shown: DisTransferTask = taskSchema.parse({
      task_name: "dwstask",
      task_id: "t-1",
      state: "PAUSED",
      destination_type: "DWS",
      dws_destination_descripton: {
        ...echoed,
        deliver_time_interval: "60",
        options: { fill_missing_fields: "off", ignore_extra_data: "false", compatible_illegal_chars: "false" },
      },
    });
    const actual = task.inputsFromTask(shown, "clicks", state);
    expect(actual).toMatchObject({ taskName: "dwstask", deliverTimeInterval: 60, desiredStatus: "PAUSED" });
    expect(actual.userPassword).toBeUndefined();
    const { desiredStatus: _d, ...rest } = actual;
    expect(task.diff("clicks/dwstask", { ...state, ...rest }, checked(task, dwsTask))).toEqual({ changes: false });
  });
});
