import { describe, expect, it } from "vitest";
import * as stream from "../../../provider/resources/huaweicloud-dis-stream";
import { stream as baseStream } from "../../fixtures/dis";
import { type Props, checked, reasonsOf } from "../../helpers/resources";

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
