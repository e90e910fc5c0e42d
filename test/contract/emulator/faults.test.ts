/**
 * Faults queued through `POST /__emulator/faults`: throttling, 5xx, latency, dropped connections
 * (before and after the call takes effect) and objects stuck in Init.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEMO_DB_INSTANCE_ID } from "../../../emulator/index";
import { control, expectEnvelope, send, signV3, startTestEmulator, uniqueName, type TestEmulator } from "../../helpers/emulator";

const SETTLE = 1000;
let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator({ manualClock: true, settleMs: SETTLE });
});
afterAll(() => t.close());
afterEach(async () => {
  await control(t.url, "DELETE", "/faults");
});

const createService = (ServiceName = uniqueName("svc")) =>
  t.v3({ action: "CreateStreamingDataService", query: { DBInstanceId: DEMO_DB_INSTANCE_ID, ServiceName, ServiceSpec: "2" } });
const describeService = (ServiceId: number) =>
  t.v3({ action: "DescribeStreamingDataService", query: { DBInstanceId: DEMO_DB_INSTANCE_ID, ServiceId: String(ServiceId) } });
const listServices = () => t.v3({ action: "ListStreamingDataServices", query: { DBInstanceId: DEMO_DB_INSTANCE_ID, PageSize: 100 } });
const serviceNames = async () => ((await listServices()).json.ServiceItems as Array<{ ServiceName: string }>).map((s) => s.ServiceName);

async function queue(fault: Record<string, unknown>): Promise<void> {
  const res = await control(t.url, "POST", "/faults", fault);
  expect(res.status, res.text).toBe(201);
}

describe("fault injection", () => {
  it("throttles the next matching call once with Throttling.User, then answers normally", async () => {
    await queue({ action: "CreateStreamingDataService", kind: "throttle" });
    expect((await listServices()).status).toBe(200);
    const name = uniqueName("throttled");
    expectEnvelope(await createService(name), 400, "Throttling.User");
    expect(await serviceNames()).not.toContain(name);
    expect((await createService(name)).status).toBe(200);
  });

  it("fails the next N calls with 503 ServiceUnavailable", async () => {
    await queue({ action: "ListStreamingDataServices", kind: "5xx", times: 3 });
    for (let i = 0; i < 3; i++) expectEnvelope(await listServices(), 503, "ServiceUnavailable");
    expect((await listServices()).status).toBe(200);
  });

  it("matches every action with * and keeps a persistent fault until cleared", async () => {
    await queue({ action: "*", kind: "5xx", persistent: true });
    expectEnvelope(await listServices(), 503, "ServiceUnavailable");
    expectEnvelope(await createService(), 503, "ServiceUnavailable");
    expectEnvelope(await listServices(), 503, "ServiceUnavailable");
    const cleared = await control(t.url, "DELETE", "/faults");
    expect(cleared.json).toEqual({ cleared: 1 });
    expect((await listServices()).status).toBe(200);
  });

  it("delays a call by latencyMs and then answers normally", async () => {
    await queue({ action: "ListStreamingDataServices", kind: "latency", latencyMs: 150 });
    const started = Date.now();
    const res = await listServices();
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("fails the client with a dropped connection and does not apply the call", async () => {
    await queue({ action: "CreateStreamingDataService", kind: "drop" });
    const name = uniqueName("dropped");
    await expect(createService(name)).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(await serviceNames()).not.toContain(name);
    const logged = t.emulator.requests().filter((r) => r.params.ServiceName === name);
    expect(logged).toMatchObject([{ status: 0, fault: "drop", action: "CreateStreamingDataService" }]);
  });

  it("drops the connection after applying the call when applied is true (an ambiguous failure)", async () => {
    await queue({ action: "CreateStreamingDataService", kind: "drop", applied: true });
    const name = uniqueName("half-done");
    await expect(createService(name)).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(await serviceNames()).toContain(name);
  });

  it("keeps what a stuck call creates in Init however long the clock runs, while others settle", async () => {
    await queue({ action: "CreateStreamingDataService", kind: "stuck" });
    const stuck = (await createService()).json.ServiceId as number;
    const normal = (await createService()).json.ServiceId as number;
    t.clock?.advance(100 * SETTLE);
    expect((await describeService(stuck)).json.Status).toBe("Init");
    expect((await describeService(normal)).json.Status).toBe("Running");
  });

  it("is not consumed by a call that fails authentication", async () => {
    await queue({ action: "ListStreamingDataServices", kind: "throttle" });
    const forged = signV3(t.url, {
      action: "ListStreamingDataServices",
      query: { DBInstanceId: DEMO_DB_INSTANCE_ID },
      accessKeySecret: "wrong",
      now: t.emulator.clock.now(),
    });
    expectEnvelope(await send(t.url, forged), 400, "SignatureDoesNotMatch");
    expectEnvelope(await listServices(), 400, "Throttling.User");
  });

  it("lists queued faults", async () => {
    await queue({ action: "DescribeStreamingJob", kind: "5xx", times: 2 });
    const res = await control(t.url, "GET", "/faults");
    expect(res.json.faults).toMatchObject([{ action: "DescribeStreamingJob", kind: "5xx", remaining: 2 }]);
  });

  it.each([
    ["an unknown kind", { action: "*", kind: "explode" }, "kind"],
    ["no action", { kind: "5xx" }, "action"],
    ["a negative latency", { action: "*", kind: "latency", latencyMs: -1 }, "latencyMs"],
  ])("rejects a fault with %s", async (_name, body, field) => {
    const res = await control(t.url, "POST", "/faults", body);
    expect(res.status).toBe(400);
    expect(res.json.error).toContain(field);
  });

  it("rejects a fault body that is not JSON", async () => {
    const res = await send(t.url, { method: "POST", path: "/__emulator/faults", headers: { "content-type": "application/json" }, body: "{" });
    expect(res).toMatchObject({ status: 400, json: { error: "body must be JSON" } });
  });
});
