/**
 * Quotas and the fault rate against a real emulator on loopback: a call over its quota gets each
 * cloud's throttling answer in that cloud's envelope and recovers once the clock moves; the real
 * provider clients retry through it to success; a 0.2 fault rate with a seed faults about a fifth
 * of the calls and repeats exactly with the same seed.
 *
 * Codes and bodies are checked against the vendor facts: Alibaba's throttling codes as its SDK
 * reads them, DIS's code table and its `{errorCode, message}` body, the gateway's APIGW.0308.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseCliArgs } from "../../../emulator/cli";
import {
  DEFAULT_INVENTORY,
  DEMO_DB_INSTANCE_ID,
  DEMO_HUAWEI_PROJECT_ID,
  DEMO_HUAWEI_USER,
  DEMO_REGION_ID,
  demoAlibabaSettings,
  demoHuaweiSettings,
  startEmulator,
} from "../../../emulator/index";
import { gpdb } from "../../../provider/apis/alibaba-gpdb";
import { AlibabaRpcClient } from "../../../provider/clients/alibaba";
import { HuaweiClient } from "../../../provider/clients/huawei";
import { facts } from "../../conformance/facts";
import { control, expectEnvelope, lastSeq, send, signV3, startTestEmulator, type TestEmulator } from "../../helpers/emulator";
import { expectDisError, expectHuaweiError, hw, withToken } from "../../helpers/huawei";

/** A second Alibaba key, to show quotas are per credential. */
const OTHER_KEY = { id: "LTAIquotaother00000001", secret: "quota-other-secret-0000000000001" };

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator({
    manualClock: true,
    inventory: {
      ...DEFAULT_INVENTORY,
      accessKeys: [...DEFAULT_INVENTORY.accessKeys, OTHER_KEY],
      quotas: {
        // Everything else gets a generous default, so only the listed actions throttle here.
        default: { ratePerSecond: 1000, burst: 1000 },
        actions: {
          ListStreamingDataServices: { ratePerSecond: 1, burst: 2 },
          ListEventRouterJobs: { ratePerSecond: 1, burst: 2 },
          ListStreams: { ratePerSecond: 1, burst: 2 },
        },
      },
    },
  });
});
afterAll(() => t.close());
afterEach(async () => {
  // Refill every bucket (the largest burst here is 2 at 1 per second) and drop any fault rate.
  t.clock?.advance(10_000);
  await control(t.url, "DELETE", "/faults");
});

const listServices = (accessKey?: typeof OTHER_KEY) =>
  t.v3({
    action: "ListStreamingDataServices",
    query: { DBInstanceId: DEMO_DB_INSTANCE_ID },
    ...(accessKey !== undefined && { accessKeyId: accessKey.id, accessKeySecret: accessKey.secret }),
  });
const listEgJobs = () => hw(t, { method: "GET", path: `/v1/${DEMO_HUAWEI_PROJECT_ID}/eventrouter/jobs` });
const listDisStreams = () => hw(t, { method: "GET", path: `/v2/${DEMO_HUAWEI_PROJECT_ID}/streams` });

describe("quotas: each cloud's throttling answer once a quota is used up, and recovery", () => {
  it("answers Alibaba's 400 Throttling.User envelope after the burst, per access key, and recovers as time passes", async () => {
    expect(facts.gpdb.error_body.throttling_codes).toContain("Throttling.User");
    expect((await listServices()).status).toBe(200);
    expect((await listServices()).status).toBe(200);
    const refused = await listServices();
    expectEnvelope(refused, 400, "Throttling.User");
    // Another key has a bucket of its own; another action is not limited by this one.
    expect((await listServices(OTHER_KEY)).status).toBe(200);
    expect((await t.v3({ action: "ListStreamingDataSources", query: { DBInstanceId: DEMO_DB_INSTANCE_ID } })).status).toBe(200);
    // 1 per second: 999 ms is not enough, 1000 ms gives exactly one call.
    t.clock?.advance(999);
    expectEnvelope(await listServices(), 400, "Throttling.User");
    t.clock?.advance(1);
    expect((await listServices()).status).toBe(200);
    expectEnvelope(await listServices(), 400, "Throttling.User");
  });

  it("answers the Huawei gateway's 429 APIGW.0308 for EventGrid, and recovers as time passes", async () => {
    expect((await listEgJobs()).status).toBe(200);
    expect((await listEgJobs()).status).toBe(200);
    expectHuaweiError(await listEgJobs(), 429, "APIGW.0308");
    t.clock?.advance(1000);
    expect((await listEgJobs()).status).toBe(200);
  });

  it("answers DIS's own 400 DIS.4305 in DIS's {errorCode, message} body, and recovers as time passes", async () => {
    const documented = facts.dis.error_body.codes.find((c) => c.code === "DIS.4305");
    expect(documented?.http_status).toBe(400);
    expect((await listDisStreams()).status).toBe(200);
    expect((await listDisStreams()).status).toBe(200);
    expectDisError(await listDisStreams(), 400, "DIS.4305");
    t.clock?.advance(1000);
    expect((await listDisStreams()).status).toBe(200);
  });

  it("gives an IAM token's user a bucket of its own, apart from the access key's", async () => {
    const u = DEMO_HUAWEI_USER;
    const tokenBody = {
      auth: {
        identity: { methods: ["password"], password: { user: { name: u.name, password: u.password, domain: { name: u.domain } } } },
        scope: { project: { id: DEMO_HUAWEI_PROJECT_ID } },
      },
    };
    const issue = () =>
      send(t.url, { method: "POST", path: "/v3/auth/tokens", headers: { "content-type": "application/json" }, body: JSON.stringify(tokenBody) });
    const issued = await issue();
    expect(issued.status, issued.text).toBe(201);
    const token = issued.headers["x-subject-token"] as string;
    await listEgJobs();
    await listEgJobs();
    expectHuaweiError(await listEgJobs(), 429, "APIGW.0308");
    const withTokenList = () => send(t.url, withToken({ method: "GET", path: `/v1/${DEMO_HUAWEI_PROJECT_ID}/eventrouter/jobs` }, token));
    expect((await withTokenList()).status).toBe(200);
    expect((await withTokenList()).status).toBe(200);
    expectHuaweiError(await withTokenList(), 429, "APIGW.0308");
  });

  it("logs a refused call with its code and no fault, and reports the refusals on the control route", async () => {
    const mark = lastSeq(t.emulator);
    await listEgJobs();
    await listEgJobs();
    await listEgJobs();
    const logged = t.emulator.requests(mark);
    expect(logged.map((r) => [r.status, r.code ?? null, r.fault ?? null])).toEqual([
      [200, null, null],
      [200, null, null],
      [429, "APIGW.0308", null],
    ]);
    const report = await control(t.url, "GET", "/faults");
    expect(report.json.quotas.enabled).toBe(true);
    expect(report.json.quotas.actions.ListEventRouterJobs).toEqual({ ratePerSecond: 1, burst: 2 });
    expect(report.json.quotas.throttled.ListEventRouterJobs).toBeGreaterThanOrEqual(1);
  });
});

describe("quotas set on the command line", () => {
  it("throttles an action the --quota flag names, and nothing else", async () => {
    const emu = await startEmulator({ ...parseCliArgs(["--quota", "ListStreamingDataServices=0.001/1"], () => {}), port: 0 });
    try {
      const call = (action: string) => send(emu.url, signV3(emu.url, { action, query: { DBInstanceId: DEMO_DB_INSTANCE_ID } }));
      // One call per 1000 s on the system clock: the second is refused however slow the machine.
      expect((await call("ListStreamingDataServices")).status).toBe(200);
      expectEnvelope(await call("ListStreamingDataServices"), 400, "Throttling.User");
      // Every other action has the stated default (burst 10), so two calls in a row pass.
      expect((await call("ListStreamingDataSources")).status).toBe(200);
      expect((await call("ListStreamingDataSources")).status).toBe(200);
      expect(emu.quotas()).toMatchObject({ enabled: true, throttled: { ListStreamingDataServices: 1 } });
    } finally {
      await emu.close();
    }
  });
});

describe("quotas: the real provider clients retry through throttling to success", () => {
  // The clients' backoff sleeps move the emulator's clock, so the bucket refills with no real wait.
  const io = () => ({
    retry: { maxAttempts: 6, baseDelayMs: 2000, maxDelayMs: 8000 },
    // Full jitter drawn near its top: the first wait is 1998 ms, more than the 1 s a token takes.
    random: () => 0.999,
    sleep: async (ms: number) => {
      t.clock?.advance(ms);
    },
    now: () => new Date(t.emulator.clock.now()),
  });

  it("Alibaba (gpdb): the third back-to-back List is throttled, retried and answered", async () => {
    const client = new AlibabaRpcClient(gpdb, { settings: demoAlibabaSettings(t.url, 1000), region: DEMO_REGION_ID, ...io() });
    const mark = lastSeq(t.emulator);
    for (let i = 0; i < 3; i++) {
      const r = await client.call("ListStreamingDataServices", { DBInstanceId: DEMO_DB_INSTANCE_ID });
      expect(r.RequestId).toEqual(expect.any(String));
    }
    const codes = t.emulator.requests(mark).map((r) => r.code ?? r.status);
    expect(codes).toEqual([200, 200, "Throttling.User", 200]);
  });

  it.each([
    ["eg", "ListEventRouterJobs", "/v1/{project_id}/eventrouter/jobs", "APIGW.0308"],
    ["dis", "ListStreams", "/v2/{project_id}/streams", "DIS.4305"],
  ] as const)("Huawei (%s): the third back-to-back %s is throttled, retried and answered", async (service, operation, path, code) => {
    const client = new HuaweiClient(service, { settings: demoHuaweiSettings(t.url, 1000), ...io() });
    const mark = lastSeq(t.emulator);
    for (let i = 0; i < 3; i++) expect((await client.request({ operation, method: "GET", path })).status).toBe(200);
    const codes = t.emulator.requests(mark).map((r) => r.code ?? r.status);
    expect(codes).toEqual([200, 200, code, 200]);
  });
});

describe("fault rate", () => {
  const CALLS = 200;

  /** Sends CALLS raw lists (no retries) and returns what the log says happened to each, in order. */
  async function runUnderRate(seed: number): Promise<string[]> {
    const set = await control(t.url, "POST", "/faults", { rate: 0.2, seed, latencyMs: 1 });
    expect(set.status, set.text).toBe(201);
    expect(set.json.rate).toMatchObject({ rate: 0.2, seed, draws: 0 });
    const mark = lastSeq(t.emulator);
    for (let i = 0; i < CALLS; i++) {
      // ListStreamingDataSources has the generous default quota, so only the rate faults it.
      const req = signV3(t.url, { action: "ListStreamingDataSources", query: { DBInstanceId: DEMO_DB_INSTANCE_ID }, now: t.emulator.clock.now() });
      await send(t.url, req).catch(() => undefined); // a dropped connection rejects; the log records it
    }
    const logged = t.emulator.requests(mark);
    expect(logged).toHaveLength(CALLS);
    return logged.map((r) => (r.fault === undefined ? "-" : `${r.fault}:${r.status}`));
  }

  it("faults about 20 % of calls at rate 0.2, with every kind of the mix, and counts them per kind", async () => {
    const outcome = await runUnderRate(20260);
    const faulted = outcome.filter((o) => o !== "-");
    // Binomial(200, 0.2): mean 40, standard deviation about 5.7; 4 deviations either side.
    expect(faulted.length).toBeGreaterThan(40 - 23);
    expect(faulted.length).toBeLessThan(40 + 23);
    expect(new Set(faulted.map((f) => f.split(":")[0]))).toEqual(new Set(["throttle", "5xx", "latency", "drop"]));
    // Throttles in Alibaba's answer, 5xx as 503, drops with no answer at all (status 0).
    for (const f of faulted) expect(["throttle:400", "5xx:503", "latency:200", "drop:0"]).toContain(f);
    const report = (await control(t.url, "GET", "/faults")).json;
    expect(report.rate.draws).toBe(CALLS);
    const firedByRate = Object.values(report.rate.fired as Record<string, number>).reduce((s, c) => s + c, 0);
    expect(firedByRate).toBe(faulted.length);
    expect(report.fired.throttle + report.fired["5xx"] + report.fired.latency + report.fired.drop + report.fired.dropApplied).toBe(faulted.length);
  });

  it("repeats exactly with the same seed, and differs with another", async () => {
    const first = await runUnderRate(77);
    await control(t.url, "DELETE", "/faults");
    expect(await runUnderRate(77)).toEqual(first);
    await control(t.url, "DELETE", "/faults");
    expect(await runUnderRate(78)).not.toEqual(first);
  });

  it("keeps the rate across a reset and turns it off on DELETE /faults", async () => {
    await control(t.url, "POST", "/faults", { rate: 1, mix: { "5xx": 1 } });
    expect((await control(t.url, "POST", "/reset")).status).toBe(200);
    expectEnvelope(await t.v3({ action: "ListStreamingDataSources", query: { DBInstanceId: DEMO_DB_INSTANCE_ID } }), 503, "ServiceUnavailable");
    expect((await control(t.url, "DELETE", "/faults")).json).toEqual({ cleared: 0, rate: null });
    expect((await t.v3({ action: "ListStreamingDataSources", query: { DBInstanceId: DEMO_DB_INSTANCE_ID } })).status).toBe(200);
    expect((await control(t.url, "GET", "/faults")).json.rate).toBeNull();
  });

  it("rejects a rate above 1 on the control route, naming the field", async () => {
    const res = await control(t.url, "POST", "/faults", { rate: 1.5 });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatch(/^rate: /);
  });
});
