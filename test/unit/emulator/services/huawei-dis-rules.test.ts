/**
 * The pure parts of the emulated DIS: the UpdateStream body against its stream, hash ranges and
 * scaling, the Avro-ish data schema check, DWS descriptor resolution against the inventory (codes), why a task cannot run, and
 * the states and delivery instants computed from the clock.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_INVENTORY, DEMO_DWS_USER, DEMO_HUAWEI_PROJECT_ID } from "../../../../emulator/index";
import { HuaweiError } from "../../../../emulator/errors/huawei";
import {
  hashRanges,
  lastTransferAt,
  scalePartitions,
  taskState,
  type DisTaskRecord,
  type DwsDescriptor,
} from "../../../../emulator/services/huawei-dis-records";
import { checkDataSchema, checkStreamUpdate, dwsProblem, resolveDws } from "../../../../emulator/services/huawei-dis-rules";
import { disSchemas, type DwsDescriptorBody } from "../../../../emulator/services/huawei-dis-schema";
import type { DisStreamRecord } from "../../../../emulator/services/huawei-dis-records";

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof HuaweiError) return err.code;
    throw err;
  }
  return "none";
}

const body: DwsDescriptorBody = disSchemas(true).dwsDescriptor.parse({
  task_name: "t",
  agency_name: "dis_admin_agency",
  dws_cluster_name: "dwscluster",
  dws_cluster_id: "f82dc227-3691-47eb-bca7-e7851f509b2a",
  dws_database_name: "postgres",
  dws_schema: "dbadmin",
  dws_table_name: "dwstablename",
  dws_delimiter: "",
  user_name: DEMO_DWS_USER.name,
  user_password: DEMO_DWS_USER.password,
  kms_user_key_name: "kmskey",
  kms_user_key_id: "1e759f06-9188-4d21-afab-a75e57c04d2b",
  obs_bucket_path: "obsbucket",
});
const resolve = (over: Partial<DwsDescriptorBody> = {}, project = DEMO_HUAWEI_PROJECT_ID) => resolveDws({ ...body, ...over }, project, DEFAULT_INVENTORY);

describe("DIS rules", () => {
  describe("an UpdateStream body against the stream it changes", () => {
    const stream = { autoScaleEnabled: false, autoScaleMin: null, autoScaleMax: null } as unknown as DisStreamRecord;
    const scaling = { ...stream, autoScaleEnabled: true, autoScaleMin: 1, autoScaleMax: 4 } as DisStreamRecord;
    const update = (over: Record<string, unknown>) => disSchemas(true).updateStream.parse({ stream_name: "s", ...over });

    it("takes the vendor's two examples (retention 48, data type JSON) and bounds already on the stream", () => {
      expect(codeOf(() => checkStreamUpdate(update({ data_duration: 48 }), stream))).toBe("none");
      expect(codeOf(() => checkStreamUpdate(update({ data_type: "JSON" }), stream))).toBe("none");
      expect(codeOf(() => checkStreamUpdate(update({ auto_scale_max_partition_count: 8 }), scaling))).toBe("none");
      expect(codeOf(() => checkStreamUpdate(update({ auto_scale_enabled: false }), scaling))).toBe("none");
    });

    it.each([
      ["auto-scaling turned on without bounds", { auto_scale_enabled: true }, stream, "DIS.4200"],
      ["a minimum above the stream's maximum", { auto_scale_min_partition_count: 5 }, scaling, "DIS.4200"],
      // DIS.4360 is the code the error-code table gives an invalid schema on create or update.
      ["a data_schema that is not Avro", { data_schema: '{"type":"decimal"}' }, stream, "DIS.4360"],
    ])("rejects %s", (_what, over, on, code) => {
      expect(codeOf(() => checkStreamUpdate(update(over), on))).toBe(code);
    });
  });

  it("splits the 63-bit hash space evenly and completely", () => {
    expect(hashRanges(1)).toEqual(["[0 : 9223372036854775807]"]);
    const three = hashRanges(3);
    expect(three[0]).toBe("[0 : 3074457345618258601]");
    expect(three[2]).toMatch(/ : 9223372036854775807\]$/);
  });

  it("scales up by appending partitions and down by retiring the newest active ones", () => {
    const two = scalePartitions([], 2);
    expect(two.map((p) => [p.index, p.status])).toEqual([
      [0, "ACTIVE"],
      [1, "ACTIVE"],
    ]);
    const one = scalePartitions(two, 1);
    expect(one.map((p) => p.status)).toEqual(["ACTIVE", "DELETED"]);
    expect(one[0]?.hashRange).toBe("[0 : 9223372036854775807]");
    const three = scalePartitions(one, 3);
    expect(three.map((p) => [p.index, p.status])).toEqual([
      [0, "ACTIVE"],
      [1, "DELETED"],
      [2, "ACTIVE"],
      [3, "ACTIVE"],
    ]);
    // The input is not changed.
    expect(two.map((p) => p.status)).toEqual(["ACTIVE", "ACTIVE"]);
  });

  it.each([
    ["not JSON", "{", "DIS.4360"],
    ["an array", "[]", "DIS.4360"],
    ["an unknown type", '{"type":"decimal"}', "DIS.4360"],
    ["a record without a name", '{"type":"record","fields":[{"name":"a","type":"int"}]}', "DIS.4360"],
    ["a field without a type", '{"type":"record","name":"r","fields":[{"name":"a"}]}', "DIS.4360"],
    ["a primitive", '{"type":"string"}', "none"],
    ["a record", '{"type":"record","name":"r","fields":[{"name":"a","type":["null","int"]}]}', "none"],
  ])("judges a data_schema that is %s: %s", (_name, text, code) => {
    expect(codeOf(() => checkDataSchema(text))).toBe(code);
  });

  it("resolves the example's descriptor with defaults: delimiter ',', interval 300, retry '1800', LATEST", () => {
    expect(resolve()).toMatchObject({
      dws_delimiter: ",",
      deliver_time_interval: 300,
      retry_duration: "1800",
      consumer_strategy: "LATEST",
      file_prefix: null,
      options: null,
    });
  });

  it.each([
    ["an unknown agency", { agency_name: "other" }, DEMO_HUAWEI_PROJECT_ID, "DIS.4335"],
    ["an unknown cluster id", { dws_cluster_id: "x" }, DEMO_HUAWEI_PROJECT_ID, "DIS.4350"],
    ["the cluster under another name", { dws_cluster_name: "x" }, DEMO_HUAWEI_PROJECT_ID, "DIS.4350"],
    ["a database the cluster lacks", { dws_database_name: "x" }, DEMO_HUAWEI_PROJECT_ID, "DIS.4350"],
    ["the cluster from another project", {}, "8d4e6f1a2b3c4d5e6f708192a3b4c5d6", "DIS.4350"],
    ["an unknown KMS key", { kms_user_key_id: "x" }, DEMO_HUAWEI_PROJECT_ID, "DIS.4351"],
    ["the KMS key under another name", { kms_user_key_name: "x" }, DEMO_HUAWEI_PROJECT_ID, "DIS.4351"],
    ["an unknown bucket", { obs_bucket_path: "nobucket/dir" }, DEMO_HUAWEI_PROJECT_ID, "DIS.4306"],
    ["a bucket path with a directory", { obs_bucket_path: "obsbucket/dir/sub" }, DEMO_HUAWEI_PROJECT_ID, "none"],
  ])("refuses or accepts a descriptor with %s: %s", (_name, over, project, code) => {
    expect(codeOf(() => resolve(over as Partial<DwsDescriptorBody>, project))).toBe(code);
  });

  it("finds why a task cannot run: credentials first, then the table; nothing when the cluster lists neither", () => {
    const ok: DwsDescriptor = resolve();
    expect(dwsProblem(ok, DEMO_HUAWEI_PROJECT_ID, DEFAULT_INVENTORY)).toBeUndefined();
    const wrong = dwsProblem({ ...ok, user_password: "nope", dws_table_name: "missing" }, DEMO_HUAWEI_PROJECT_ID, DEFAULT_INVENTORY);
    expect(wrong).toContain("Invalid username/password");
    expect(wrong).not.toContain("nope");
    expect(dwsProblem({ ...ok, dws_table_name: "missing" }, DEMO_HUAWEI_PROJECT_ID, DEFAULT_INVENTORY)).toContain('relation "dbadmin.missing" does not exist');
    const open = {
      ...DEFAULT_INVENTORY,
      huawei: { ...DEFAULT_INVENTORY.huawei, dwsClusters: DEFAULT_INVENTORY.huawei.dwsClusters.map(({ users: _u, tables: _t, ...c }) => c) },
    };
    expect(dwsProblem({ ...ok, user_password: "any", dws_table_name: "any" }, DEMO_HUAWEI_PROJECT_ID, open)).toBeUndefined();
  });

  it("computes the state and the last delivery from the clock", () => {
    const task: DisTaskRecord = {
      projectId: DEMO_HUAWEI_PROJECT_ID,
      streamName: "s",
      streamId: "id",
      taskId: "tid",
      taskName: "t",
      destinationType: "DWS",
      descriptor: { ...resolve(), deliver_time_interval: 60 },
      createdTime: 0,
      transition: "STARTING",
      rest: "RUNNING",
      settleAt: 1000,
      lastTransfer: 0,
    };
    const fine = () => undefined;
    expect(taskState(task, 999, fine)).toBe("STARTING");
    expect(taskState(task, 1000, fine)).toBe("RUNNING");
    expect(taskState(task, 1000, () => "broken")).toBe("ERROR");
    expect(taskState({ ...task, transition: null, rest: "PAUSED" }, 5000, () => "broken")).toBe("PAUSED");
    expect(taskState({ ...task, settleAt: null }, 1e12, fine)).toBe("STARTING");
    expect(lastTransferAt(task, "RUNNING", 60_999)).toBe(0);
    expect(lastTransferAt(task, "RUNNING", 61_000)).toBe(61_000);
    expect(lastTransferAt(task, "RUNNING", 200_000)).toBe(181_000);
    expect(lastTransferAt({ ...task, lastTransfer: 42 }, "PAUSED", 200_000)).toBe(42);
  });
});
