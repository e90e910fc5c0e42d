/**
 * The gpdb action table against the vendor facts on the points its own tests cannot see: the
 * endpoint each region is served on (the SDK's endpoint map), the integer ranges of `integer`
 * (int32) and `long` (int64), and the in-band answer of DeleteStreamingDataService.
 */
import { describe, expect, it } from "vitest";
import { decodeParam, gpdb } from "../../../provider/apis/alibaba-gpdb";
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

describe("integer kinds", () => {
  it.each([
    ["integer", "2147483647", true],
    ["integer", "-2147483648", true],
    ["integer", "2147483648", false],
    ["integer", "-2147483649", false],
    ["long", "2147483648", true],
    ["long", "9223372036854775807", true],
    ["long", "9223372036854775808", false],
    ["integer", "1.5", false],
    ["long", "", false],
  ] as const)("decodes %s %s: %s", (kind, raw, ok) => {
    expect(decodeParam(kind, raw).ok).toBe(ok);
  });

  it("rejects an out-of-range value naming the range", () => {
    expect(decodeParam("integer", "3000000000")).toEqual({ ok: false, reason: "is outside the 32-bit integer range (-2147483648 to 2147483647)" });
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
