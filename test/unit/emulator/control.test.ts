/**
 * The control routes' request guard: only a loopback Host and Origin get through, and only with no
 * body or a JSON one. And the route that puts a StreamingJob into Exception (and back), driven
 * against a gpdb service on the same store.
 */
import { describe, expect, it } from "vitest";
import { type ControlContext, handleControl, refuseControlRequest } from "../../../emulator/control";
import { DEFAULT_INVENTORY, DEMO_DB_ACCOUNT, DEMO_DB_INSTANCE_ID, DEMO_KAFKA_BROKERS } from "../../../emulator/index";
import { createGpdbService } from "../../../emulator/services/alibaba-gpdb";
import { MemoryStore } from "../../../emulator/store";

describe("refuseControlRequest", () => {
  const host = "127.0.0.1:4000";
  it("lets a loopback request without a body through", () => {
    expect(refuseControlRequest({ host })).toBeUndefined();
    expect(refuseControlRequest({ host: "[::1]", "content-length": "0" })).toBeUndefined();
    expect(refuseControlRequest({ host: "localhost:1", "content-type": "application/json", "content-length": "2" })).toBeUndefined();
    expect(refuseControlRequest({ host, origin: "http://localhost:5173" })).toBeUndefined();
  });

  it.each([
    ["no Host", {}, 403],
    ["a foreign Host", { host: "attacker.example:4000" }, 403],
    ["a Host that only starts like loopback", { host: "127.0.0.1.nip.io" }, 403],
    ["a foreign Origin", { host, origin: "https://attacker.example" }, 403],
    ["the opaque Origin null", { host, origin: "null" }, 403],
    ["a text/plain body", { host, "content-type": "text/plain", "content-length": "2" }, 415],
    ["a chunked body without Content-Type", { host, "transfer-encoding": "chunked" }, 415],
    ["a JSON look-alike media type", { host, "content-type": "application/json-patch+json", "content-length": "2" }, 415],
  ])("rejects %s", (_name, headers, status) => {
    expect(refuseControlRequest(headers)?.status).toBe(status);
  });
});

describe("the StreamingJob exception route", () => {
  const T0 = Date.parse("2024-05-01T00:00:00Z");
  function world() {
    const store = new MemoryStore();
    const gpdb = createGpdbService({ store, inventory: DEFAULT_INVENTORY, settleMs: 0 });
    const call = (action: string, params: Record<string, unknown>) =>
      gpdb.handle({ action, params: { DBInstanceId: DEMO_DB_INSTANCE_ID, ...params }, requestId: "R", now: T0, stuck: false });
    const { ServiceId } = call("CreateStreamingDataService", { ServiceName: "svc", ServiceSpec: "2" });
    const { DataSourceId } = call("CreateStreamingDataSource", {
      DataSourceName: "src",
      DataSourceType: "kafka",
      DataSourceConfig: JSON.stringify({ brokers: DEMO_KAFKA_BROKERS, topic: "orders" }),
      ServiceId,
    });
    const { JobId } = call("CreateStreamingJob", {
      DataSourceId,
      JobName: "job",
      Mode: "basic",
      Account: DEMO_DB_ACCOUNT.name,
      Password: DEMO_DB_ACCOUNT.password,
      DestDatabase: "analytics",
      DestSchema: "public",
      DestTable: "orders",
      SrcColumns: ["id"],
      DestColumns: ["id"],
      WriteMode: "INSERT",
    });
    const ctx = { store, secretNames: new Set<string>() } as unknown as ControlContext;
    const control = (method: string, body: unknown) =>
      handleControl({ method, url: new URL("http://127.0.0.1/__emulator/streaming-jobs/exception"), body: Buffer.from(JSON.stringify(body)) }, ctx);
    const job = () => call("DescribeStreamingJob", { JobId: String(JobId) }) as { Status: string; ErrorMessage: string };
    return { control, job, jobId: String(JobId) };
  }

  it("sets an exception the job shows with its message, and clears it", () => {
    const w = world();
    expect(w.job()).toMatchObject({ Status: "Running", ErrorMessage: "" });
    const set = w.control("POST", { dbInstanceId: DEMO_DB_INSTANCE_ID, jobId: w.jobId, message: "Kafka consumer lost its group" });
    expect(set).toEqual({ status: 200, body: { dbInstanceId: DEMO_DB_INSTANCE_ID, jobId: w.jobId, exception: "Kafka consumer lost its group" } });
    expect(w.job()).toMatchObject({ Status: "Exception", ErrorMessage: "Kafka consumer lost its group" });
    expect(w.control("DELETE", { dbInstanceId: DEMO_DB_INSTANCE_ID, jobId: Number(w.jobId) }).status).toBe(200);
    expect(w.job()).toMatchObject({ Status: "Running", ErrorMessage: "" });
  });

  it("answers 404 for an unknown job and 400 for a body without a message", () => {
    const w = world();
    expect(w.control("POST", { dbInstanceId: DEMO_DB_INSTANCE_ID, jobId: "999", message: "x" })).toEqual({
      status: 404,
      body: { error: `no StreamingJob 999 on instance ${DEMO_DB_INSTANCE_ID}` },
    });
    expect(w.control("POST", { dbInstanceId: DEMO_DB_INSTANCE_ID, jobId: w.jobId }).status).toBe(400);
    expect(w.control("PUT", {}).status).toBe(405);
  });
});
