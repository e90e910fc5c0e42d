/**
 * State and the request log across a restart, and the request log's redaction of secret
 * parameters in every place it can be read: the API, the control route, the JSON-lines file, the
 * log callback and the state dump.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEMO_DB_INSTANCE_ID, DEMO_SECOND_DB_INSTANCE_ID } from "../../../emulator/index";
import { control, startTestEmulator, type TestEmulator } from "../../helpers/emulator";

const SETTLE = 1000;
const SECRET_PASSWORD = "Pw-only-in-this-test-7f3a";
const JOB_CONFIG = `DATABASE: warehouse\nUSER: loader\nPASSWORD: "${SECRET_PASSWORD}"\nKAFKA:\n  INPUT: {}\n  OUTPUT: {}\n`;
/** The second demo instance lists no accounts, so any credentials log in. */
const INSTANCE = DEMO_SECOND_DB_INSTANCE_ID;

async function build(t: TestEmulator): Promise<{ serviceId: number; dataSourceId: number; jobId: number }> {
  const q = { DBInstanceId: INSTANCE };
  const svc = await t.v3({ action: "CreateStreamingDataService", query: { ...q, ServiceName: "persisted", ServiceSpec: "2" } });
  const src = await t.v3({
    action: "CreateStreamingDataSource",
    query: {
      ...q,
      DataSourceName: "persisted",
      DataSourceType: "kafka",
      DataSourceConfig: JSON.stringify({ brokers: "192.168.1.10:9092", topic: "events" }),
      ServiceId: svc.json.ServiceId,
    },
  });
  const job = await t.v3({
    action: "CreateStreamingJob",
    query: {
      ...q,
      DataSourceId: String(src.json.DataSourceId),
      JobName: "persisted",
      Mode: "professional",
      JobConfig: JOB_CONFIG,
      Account: "loader",
      Password: SECRET_PASSWORD,
    },
  });
  expect([svc.status, src.status, job.status]).toEqual([200, 200, 200]);
  return { serviceId: svc.json.ServiceId, dataSourceId: src.json.DataSourceId, jobId: job.json.JobId };
}

describe("persistence across a restart", () => {
  it("serves the same objects after a restart, continues ids, and keeps the status clock", async () => {
    let t = await startTestEmulator({ manualClock: true, settleMs: SETTLE });
    try {
      const ids = await build(t);
      t.clock?.advance(SETTLE / 2);
      t = await t.restart();
      const job = await t.v3({ action: "DescribeStreamingJob", query: { DBInstanceId: INSTANCE, JobId: ids.jobId } });
      expect(job.json).toMatchObject({ JobId: String(ids.jobId), JobName: "persisted", Password: SECRET_PASSWORD, JobConfig: JOB_CONFIG, Status: "Init" });
      t.clock?.advance(SETTLE / 2);
      const settled = await t.v3({ action: "DescribeStreamingJob", query: { DBInstanceId: INSTANCE, JobId: ids.jobId } });
      expect(settled.json.Status).toBe("Running");
      const next = await t.v3({ action: "CreateStreamingDataService", query: { DBInstanceId: INSTANCE, ServiceName: "after-restart", ServiceSpec: "2" } });
      expect(next.json.ServiceId).toBe(ids.serviceId + 1);
    } finally {
      await t.close();
    }
  });

  it("continues request-log sequence numbers after a restart", async () => {
    let t = await startTestEmulator();
    try {
      await t.v3({ action: "ListStreamingJobs", query: { DBInstanceId: DEMO_DB_INSTANCE_ID } });
      await t.v3({ action: "ListStreamingJobs", query: { DBInstanceId: DEMO_DB_INSTANCE_ID } });
      t = await t.restart();
      await t.v3({ action: "ListStreamingJobs", query: { DBInstanceId: DEMO_DB_INSTANCE_ID } });
      expect(t.emulator.requests().map((r) => r.seq)).toEqual([3]);
      const lines = readFileSync(`${t.stateFile}.requests.jsonl`, "utf8").trim().split("\n");
      expect(lines.map((l) => JSON.parse(l).seq)).toEqual([1, 2, 3]);
    } finally {
      await t.close();
    }
  });
});

describe("request log", () => {
  it("redacts Password and JobConfig everywhere the log and state can be read", async () => {
    const lines: string[] = [];
    const t = await startTestEmulator({ log: (l) => lines.push(l) });
    try {
      await build(t);
      const create = t.emulator.requests().find((r) => r.action === "CreateStreamingJob");
      expect(create?.params).toMatchObject({ Password: "REDACTED", JobConfig: "REDACTED", JobName: "persisted", Account: "loader" });
      const views = [
        JSON.stringify(t.emulator.requests()),
        (await control(t.url, "GET", "/requests")).text,
        readFileSync(`${t.stateFile}.requests.jsonl`, "utf8"),
        lines.join("\n"),
        (await control(t.url, "GET", "/state")).text,
      ];
      for (const view of views) {
        expect(view).toContain("REDACTED");
        expect(view).not.toContain(SECRET_PASSWORD);
      }
    } finally {
      await t.close();
    }
  });

  it("pages the control route with since and next, and leaves control calls out", async () => {
    const t = await startTestEmulator();
    try {
      await t.v3({ action: "ListStreamingJobs", query: { DBInstanceId: DEMO_DB_INSTANCE_ID } });
      const first = await control(t.url, "GET", "/requests");
      expect(first.json).toMatchObject({
        requests: [{ seq: 1, product: "gpdb", action: "ListStreamingJobs", status: 200, params: { DBInstanceId: DEMO_DB_INSTANCE_ID } }],
        next: 1,
      });
      expect(first.json.requests[0].params).not.toHaveProperty("Signature");
      await control(t.url, "GET", "/health");
      await t.v3({ action: "NoSuchAction", query: {} });
      const second = await control(t.url, "GET", `/requests?since=${first.json.next}`);
      expect(second.json).toMatchObject({
        requests: [{ seq: 2, product: null, action: "NoSuchAction", status: 404, code: "InvalidAction.NotFound" }],
        next: 2,
      });
      expect((await control(t.url, "GET", "/requests?since=2")).json).toEqual({ requests: [], next: 2 });
      expect((await control(t.url, "GET", "/requests?since=-1")).status).toBe(400);
    } finally {
      await t.close();
    }
  });
});
