/**
 * The per-API, adaptive client-side limiter against the emulator's per-action quotas: with the
 * provider's default rates (no rate setting at all) and a quota on CreateStreamingJob far below
 * gpdb's default of 20 a second, many jobs created at once all succeed: the first throttling
 * answers halve that action's bucket, which converges on the quota instead of each create spending
 * its throttling budget, and the user is told once. Other actions keep their own buckets and
 * quotas, so they are never throttled by the create's.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_REGION_ID, type RunningEmulator, demoAlibabaSettings, startEmulator } from "../../../emulator";
import { gpdb } from "../../../provider/apis/alibaba-gpdb";
import { AlibabaRpcClient } from "../../../provider/clients/alibaba";
import * as service from "../../../provider/resources/alicloud-streaming-data-service";
import * as source from "../../../provider/resources/alicloud-streaming-data-source";
import * as job from "../../../provider/resources/alicloud-streaming-job";
import { quotaFor } from "../../../provider/transport/quotas";
import { setRateLimitWarnings } from "../../../provider/transport/rate-limit";
import { basicJob } from "../../fixtures/streaming-job";
import { lastSeq } from "../../helpers/emulator";
import { checked } from "../../helpers/resources";

const INSTANCE = "gp-demo00000000001";
const JOBS = 16;
/** Well below gpdb's default per-action rate; every other action is left generous. */
const CREATE_QUOTA = { ratePerSecond: 4, burst: 2 };

let emu: RunningEmulator;
let client: AlibabaRpcClient<typeof gpdb>;
let dataSourceId: string;

beforeAll(async () => {
  emu = await startEmulator({
    settleMs: 100,
    log: () => {},
    quotas: { default: { ratePerSecond: 1000, burst: 1000 }, actions: { CreateStreamingJob: CREATE_QUOTA } },
  });
  // The demo settings with no rate of their own: each API gets the provider's default.
  const { maxRequestsPerSecond: _rate, ...settings } = demoAlibabaSettings(emu.url);
  client = new AlibabaRpcClient(gpdb, { settings, region: DEMO_REGION_ID });
  const svc = await service.create(checked(service, { dbInstanceId: INSTANCE, serviceName: "rate-svc", serviceSpec: 2 }), client);
  const inputs = {
    dbInstanceId: INSTANCE,
    serviceId: svc.outs.serviceId,
    dataSourceName: "rate-src",
    dataSourceConfig: { brokers: "192.168.0.10:9092", topic: "orders" },
  };
  dataSourceId = String((await source.create(checked(source, inputs), client)).outs.dataSourceId);
});
afterAll(async () => emu?.close());

describe("a quota below the default rate", () => {
  it("is above the create's quota by default, so the emulator's quota is the tighter one", () => {
    expect(quotaFor("gpdb", "CreateStreamingJob", true, {}).limit.ratePerSecond).toBeGreaterThan(CREATE_QUOTA.ratePerSecond);
  });

  it(`creates ${JOBS} jobs at once with no throttling failure, converging on the quota, and warns once`, async () => {
    const warnings: string[] = [];
    const previous = setRateLimitWarnings((line) => warnings.push(line));
    const mark = lastSeq(emu);
    try {
      const made = await Promise.all(
        Array.from({ length: JOBS }, (_, i) => job.create(checked(job, { ...basicJob, dataSourceId, jobName: `rate-job-${i}` }), client)),
      );
      expect(made.map((m) => m.outs.status)).toEqual(Array(JOBS).fill("Running"));
      expect(new Set(made.map((m) => m.outs.jobId)).size).toBe(JOBS);
    } finally {
      setRateLimitWarnings(previous);
    }
    const creates = emu.requests(mark).filter((r) => r.action === "CreateStreamingJob");
    const throttled = creates.filter((r) => r.code === "Throttling.User");
    expect(creates.length - throttled.length).toBe(JOBS);
    // The quota was met (the limiter adapts to answers, it does not know the quota) ...
    expect(throttled.length).toBeGreaterThan(0);
    // ... and converged on: no job came near its budget of 16 throttled answers.
    const perJob = new Map<string, number>();
    for (const r of throttled) perJob.set(String(r.params.JobName), (perJob.get(String(r.params.JobName)) ?? 0) + 1);
    expect(Math.max(...perJob.values())).toBeLessThanOrEqual(8);
    // Only the create's quota was met: the other actions have buckets (and quotas) of their own.
    expect(
      new Set(
        emu
          .requests(mark)
          .filter((r) => r.code === "Throttling.User")
          .map((r) => r.action),
      ),
    ).toEqual(new Set(["CreateStreamingJob"]));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^warning: gpdb:CreateStreamingJob at 127\.0\.0\.1:\d+ answered with throttling/);
  });
});
