import { describe, expect, it } from "vitest";
import { STREAMING_JOB_TYPE } from "../../../../policy/rules/_streamingjob";
import { STREAMING_DATA_SERVICE_TYPE, streamingDataServiceSpec } from "../../../../policy/rules/alicloud-gpdb-streamingdataservice-limit-service-spec";
import { dataService } from "../../../fixtures/streaming-data";
import { validateResource } from "../../../helpers/policy";

describe("alicloud-gpdb-streamingdataservice-limit-service-spec", () => {
  const run = (serviceSpec: unknown, config: object = {}) =>
    validateResource(streamingDataServiceSpec, { name: "ingest", type: STREAMING_DATA_SERVICE_TYPE, props: { ...dataService, serviceSpec } }, config);

  it("passes every size within the range, given as text or number (the defaults allow all four)", async () => {
    for (const spec of ["2", "4", 8, "16"]) expect((await run(spec)).violations, String(spec)).toEqual([]);
    expect((await run("4", { minServiceSpec: 4, maxServiceSpec: 4 })).violations).toEqual([]);
  });

  it("rejects a service larger than the environment pays for", async () => {
    expect((await run("16", { maxServiceSpec: 4 })).violations).toEqual([
      'StreamingDataService "ingest": serviceSpec is 16 CUs, above the 4 CUs this environment allows (policy config maxServiceSpec). Set serviceSpec to 4 or less.',
    ]);
  });

  it("rejects a service smaller than the environment requires", async () => {
    expect((await run(2, { minServiceSpec: 4 })).violations).toEqual([
      'StreamingDataService "ingest": serviceSpec is 2 CUs, below the 4 CUs this environment requires (policy config minServiceSpec). Set serviceSpec to 4 or more.',
    ]);
  });

  it("is not applicable to other resources", async () => {
    const other = await validateResource(streamingDataServiceSpec, { type: STREAMING_JOB_TYPE, props: { serviceSpec: "16" } }, { maxServiceSpec: 2 });
    expect(other.violations).toEqual([]);
    expect(other.notApplicable).toBeDefined();
  });
});
