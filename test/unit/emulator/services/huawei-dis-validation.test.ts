/**
 * The DIS value rules as pure functions: the UpdateStream body against its stream, the Avro-ish
 * data schema check, and DWS descriptor resolution against the inventory (codes and defaults).
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_INVENTORY, DEMO_DWS_USER, DEMO_HUAWEI_PROJECT_ID } from "../../../../emulator/index";
import { HuaweiError } from "../../../../emulator/errors/huawei";
import type { DisStreamRecord } from "../../../../emulator/services/huawei-dis-records";
import { checkDataSchema, checkStreamUpdate, disSchemas, resolveDws, type DwsDescriptorBody } from "../../../../emulator/services/huawei-dis-validation";

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
});
