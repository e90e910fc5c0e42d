/**
 * Which bucket a call draws from and at what rate. The defaults' sources are the vendors' pages
 * cited in provider/transport/quotas.ts: DataWorks documents one quota for its read APIs and one
 * for its write APIs (Enterprise Edition: 50 and 20 calls a second per account and region); the
 * other products publish none, so their calls get a bucket per API. Overrides go from the most
 * specific (an API or class) to the least (the global rate), before the table.
 */
import { describe, expect, it } from "vitest";
import { parseRateLimits, quotaFor } from "../../../provider/transport/quotas";

describe("quotaFor", () => {
  it("puts DataWorks calls in its two documented classes, read and write, at the documented rates", () => {
    expect(quotaFor("dataworks-public", "GetDISyncTaskStatus", false, {})).toEqual({ key: "dataworks-public:read", limit: { ratePerSecond: 50, burst: 25 } });
    expect(quotaFor("dataworks-public", "ListFiles", false, {}).key).toBe("dataworks-public:read");
    expect(quotaFor("dataworks-public", "CreateDISyncTask", true, {})).toEqual({ key: "dataworks-public:write", limit: { ratePerSecond: 20, burst: 10 } });
  });

  it("gives every other API a bucket of its own, reads and writes alike", () => {
    expect(quotaFor("gpdb", "CreateStreamingJob", true, {}).key).toBe("gpdb:CreateStreamingJob");
    expect(quotaFor("gpdb", "DescribeStreamingJob", false, {}).key).toBe("gpdb:DescribeStreamingJob");
    expect(quotaFor("dis", "CreateStream", true, {}).key).toBe("dis:CreateStream");
    expect(quotaFor("unknown-product", "DoIt", true, {})).toEqual({ key: "unknown-product:DoIt", limit: { ratePerSecond: 10, burst: 5 } });
  });

  it("lets an API's override win over its product's, the product's over the global rate, and that over the table", () => {
    const rateLimits = { "gpdb:CreateStreamingJob": { ratePerSecond: 2, burst: 4 }, gpdb: { ratePerSecond: 3 } };
    const settings = { maxRequestsPerSecond: 7, rateLimits };
    expect(quotaFor("gpdb", "CreateStreamingJob", true, settings).limit).toEqual({ ratePerSecond: 2, burst: 4 });
    expect(quotaFor("gpdb", "DescribeStreamingJob", false, settings).limit).toEqual({ ratePerSecond: 3, burst: 2 });
    expect(quotaFor("eg", "CreateEventRouterJob", true, settings).limit).toEqual({ ratePerSecond: 7, burst: 4 });
    expect(quotaFor("dataworks-public", "CreateDISyncTask", true, { rateLimits: { "dataworks-public:write": { ratePerSecond: 5 } } }).limit.ratePerSecond).toBe(
      5,
    );
  });

  it("lets half a second's worth of calls go back to back unless a burst is set, and at least one", () => {
    expect(quotaFor("gpdb", "CreateStreamingJob", true, { maxRequestsPerSecond: 0.5 }).limit).toEqual({ ratePerSecond: 0.5, burst: 1 });
  });
});

describe("parseRateLimits", () => {
  it("reads rates as numbers or as {ratePerSecond, burst}", () => {
    expect(parseRateLimits('{"gpdb": 2.5, "dis:CreateStream": {"ratePerSecond": 1, "burst": 3}}')).toEqual({
      gpdb: { ratePerSecond: 2.5 },
      "dis:CreateStream": { ratePerSecond: 1, burst: 3 },
    });
  });

  it.each([
    ["null", "is not a JSON object"],
    ['{"gpdb": "fast"}', 'has "gpdb": expected a rate or { ratePerSecond, burst }'],
    ['{"gpdb": {"burst": 2}}', 'has "gpdb": ratePerSecond must be a positive number'],
    ['{"gpdb": {"ratePerSecond": 1, "burst": 0}}', 'has "gpdb": burst must be a whole number of at least 1'],
  ])("says what is wrong with %s", (text, problem) => {
    expect(parseRateLimits(text)).toBe(problem);
  });
});
