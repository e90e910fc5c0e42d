/**
 * StreamingDataService at preview: the SDK models' Create and Modify examples accepted.
 */
import { describe, expect, it } from "vitest";
import * as service from "../../../provider/resources/alicloud-streaming-data-service";
import { SDK_INSTANCE, failuresOf, sdkExample, sdkInputs } from "../../helpers/gpdb-examples";

describe("vendor example payloads at preview", () => {
  it.each([
    ["CreateStreamingDataService", {}],
    ["ModifyStreamingDataService", { ServiceName: "test-adbpgss", ServiceId: undefined }],
  ] as const)("accepts the SDK's %s example", (action, complete) => {
    // Modify examples lack what only Create takes (and carry the id, which is no input): the Create example's values complete them.
    const wire = { DBInstanceId: SDK_INSTANCE, ...sdkExample(action), ...complete };
    const inputs = Object.fromEntries(Object.entries(sdkInputs(wire)).filter(([, v]) => v !== undefined));
    expect(failuresOf(service, inputs)).toEqual([]);
  });
});
