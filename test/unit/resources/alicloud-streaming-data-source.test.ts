/**
 * StreamingDataSource at preview: the vendor's example payloads accepted (the SDK's Create example
 * and every DataSourceConfig the vendor shows), and the broker list the same under either key the
 * vendor spells it with.
 */
import { describe, expect, it } from "vitest";
import * as source from "../../../provider/resources/alicloud-streaming-data-source";
import { SDK_INSTANCE, failuresOf, sdkExample, sdkInputs, terraformConfig } from "../../helpers/gpdb-examples";

describe("vendor example payloads at preview", () => {
  it("accepts the SDK's CreateStreamingDataSource example", () => {
    // The example's DBInstanceId is not an instance id (per the facts): the SDK models' instance stands in.
    const wire = { ...sdkExample("CreateStreamingDataSource"), DBInstanceId: SDK_INSTANCE };
    const inputs = Object.fromEntries(Object.entries(sdkInputs(wire)).filter(([, v]) => v !== undefined));
    expect(failuresOf(source, inputs)).toEqual([]);
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
