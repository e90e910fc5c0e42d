/**
 * The HTTP layer and control routes: loopback only, body limit, unmatched routes failing loudly,
 * health, state dump, reset and the clock route.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_DB_INSTANCE_ID, startEmulator } from "../../emulator/index";
import { control, expectEnvelope, send, startTestEmulator, type TestEmulator } from "../helpers/emulator";
import { expectHuaweiError } from "../helpers/huawei";

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(() => t.close());

describe("transport", () => {
  it("listens on 127.0.0.1 at an ephemeral port", () => {
    expect(t.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(t.emulator.port).toBeGreaterThan(0);
  });

  it.each(["0.0.0.0", "localhost", "::"])("refuses to listen on %s", async (host) => {
    await expect(startEmulator({ host })).rejects.toThrow(/127\.0\.0\.1 only/);
  });

  it("rejects a body over 1 MiB with 413 in the Alibaba envelope", async () => {
    const body = `JobConfig=${"x".repeat(1024 * 1024)}`;
    const res = await send(t.url, {
      method: "POST",
      path: "/?Action=ListStreamingJobs",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body,
    });
    expectEnvelope(res, 413, "RequestEntityTooLarge");
  });

  it.each([
    ["an unknown path", "GET", "/jobs"],
    ["PUT on /", "PUT", "/"],
  ])("rejects %s loudly with InvalidApi.NotFound", async (_name, method, path) => {
    const res = await send(t.url, { method, path, headers: {}, body: "" });
    expectEnvelope(res, 404, "InvalidApi.NotFound");
    expect(res.json.Message).toContain("/__emulator/");
  });

  it.each(["/v1/jobs", "/v2/x/unknown", "/v3/projects"])("answers an unserved Huawei path %s with 404 APIGW.0101", async (path) => {
    expectHuaweiError(await send(t.url, { method: "GET", path, headers: {}, body: "" }), 404, "APIGW.0101");
  });

  it("rejects a non-form body in strict mode", async () => {
    const res = await t.v3({ action: "ListStreamingJobs", query: { DBInstanceId: DEMO_DB_INSTANCE_ID } });
    expect(res.status).toBe(200);
    const json = await send(t.url, {
      method: "POST",
      path: "/?Action=ListStreamingJobs&Version=2016-05-03",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expectEnvelope(json, 400, "InvalidParameter");
  });
});

describe("control routes", () => {
  it("reports health", async () => {
    const res = await control(t.url, "GET", "/health");
    expect(res.json).toMatchObject({ status: "ok", products: ["gpdb 2016-05-03", "dataworks-public 2020-05-18", "iam v3", "eg v1", "dms v2", "dis v2"] });
  });

  it.each([
    ["an unknown control route", "GET", "/nope", 404],
    ["a wrong method", "PUT", "/faults", 405],
    ["a prototype key", "GET", "/constructor", 404],
  ])("rejects %s", async (_name, method, path, status) => {
    const res = await control(t.url, method, path);
    expect(res.status).toBe(status);
    expect(typeof res.json.error).toBe("string");
  });

  it("refuses to move the system clock", async () => {
    const res = await control(t.url, "POST", "/clock", { advanceMs: 1 });
    expect(res.status).toBe(409);
    expect((await control(t.url, "GET", "/clock")).json).toMatchObject({ manual: false });
  });

  it("dumps state with sorted keys and resets it", async () => {
    const own = await startTestEmulator();
    try {
      await own.v3({ action: "CreateStreamingDataService", query: { DBInstanceId: DEMO_DB_INSTANCE_ID, ServiceName: "b", ServiceSpec: "2" } });
      await control(own.url, "POST", "/faults", { action: "*", kind: "5xx", persistent: true });
      const dump = (await control(own.url, "GET", "/state")).json;
      expect(Object.keys(dump)).toEqual(["collections", "sequences"]);
      const record = dump.collections["alibaba.gpdb.streamingDataServices"][`${DEMO_DB_INSTANCE_ID}/1`];
      expect(Object.keys(record)).toEqual([...Object.keys(record)].sort());
      expect((await control(own.url, "POST", "/reset")).json).toEqual({ reset: true });
      expect((await control(own.url, "GET", "/state")).json).toEqual({ collections: {}, sequences: {} });
      expect((await control(own.url, "GET", "/faults")).json).toMatchObject({ faults: [], rate: null });
    } finally {
      await own.close();
    }
  });
});
