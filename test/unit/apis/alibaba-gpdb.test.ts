/**
 * The gpdb action table against the vendor facts on the points its own tests cannot see: the
 * endpoint each region is served on (the SDK's endpoint map) and the in-band answer of
 * DeleteStreamingDataService. The integer ranges of the wire types are alibaba-rpc's.
 */
import { describe, expect, it } from "vitest";
import { gpdb } from "../../../provider/apis/alibaba-gpdb";
import { facts } from "../../conformance/facts";

const endpoints = facts.gpdb.transport.endpoints;

describe("gpdb endpoints, as the SDK's endpoint map has them", () => {
  it.each(endpoints.central_regions.map((r) => [r]))("serves %s on the central endpoint", (region) => {
    expect(gpdb.endpointHost(region)).toBe(endpoints.central_host);
  });

  it.each(Object.entries(endpoints.regional_hosts))("serves %s on %s", (region, host) => {
    expect(gpdb.endpointHost(region)).toBe(host);
  });

  it("serves a region outside the map on gpdb.<region>.aliyuncs.com (the regional rule)", () => {
    expect(gpdb.endpointHost("cn-wulanchabu")).toBe("gpdb.cn-wulanchabu.aliyuncs.com");
  });

  it("never builds a host from a value that is no region id", () => {
    for (const bad of ["cn-hangzhou.example.com", "CN-HANGZHOU", "cn-hangzhou\r\n"]) expect(gpdb.endpointHost(bad)).toBe(endpoints.central_host);
  });
});

describe("DeleteStreamingDataService", () => {
  it("takes the SDK's answers, the refusal in band included", () => {
    const names = facts.gpdb.operations.DeleteStreamingDataService.response.map((f) => f.name).sort();
    expect(names).toEqual(["ErrorMessage", "RequestId", "Status"]);
    const refused = { RequestId: "B4CAF581-2AC7-41AD-8940-D56DF7AADF5B", Status: false, ErrorMessage: "still used" };
    expect(gpdb.actions.DeleteStreamingDataService.response.safeParse(refused).success).toBe(true);
    expect(gpdb.actions.DeleteStreamingDataService.response.safeParse({ ...refused, Status: "false" }).success).toBe(false);
  });
});
