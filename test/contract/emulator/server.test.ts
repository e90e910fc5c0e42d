import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_HUAWEI_PROJECT_ID, HUAWEI_AK_LOCKOUT, DEMO_DB_INSTANCE_ID, startEmulator } from "../../../emulator/index";
import { facts } from "../../conformance/facts";
import { control, expectEnvelope, queueFault, send, startTestEmulator, type RawResponse, type TestEmulator } from "../../helpers/emulator";
import { egPath, expectDisError, expectHuaweiError, HUAWEI_REQUEST_ID, hw, signHuawei } from "../../helpers/huawei";

/**
 * The emulator against a hostile client, over a real loopback socket: control routes a web page
 * cannot drive (foreign Host, foreign Origin, CORS-simple bodies), malformed requests answered with a
 * 4xx in the cloud's own envelope (deep JSON, too many parameters, bodies and headers too large),
 * stalled uploads cut off, and the Huawei gateway's AK lock after repeated bad signatures.
 */
const BODY_TIMEOUT_MS = 200;

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator({ bodyTimeoutMs: BODY_TIMEOUT_MS });
});
afterAll(() => t.close());

const port = () => new URL(t.url).port;
const raw = (method: string, path: string, headers: Record<string, string>, body = "") => send(t.url, { method, path, headers, body });
const faultCount = async () => ((await control(t.url, "GET", "/faults")).json.faults as unknown[]).length;

// ---------------------------------------------------------------------------------------------
// control routes
// ---------------------------------------------------------------------------------------------

describe("control routes", () => {
  it.each([["127.0.0.1"], ["localhost"], ["[::1]"], ["LOCALHOST"]])("answer Host %s with or without a port", async (host) => {
    for (const value of [host, `${host}:${port()}`]) {
      const res = await raw("GET", "/__emulator/health", { host: value });
      expect(res.status, `${value}: ${res.text}`).toBe(200);
    }
  });

  it.each([["evil.example"], [`evil.example:${"1234"}`], ["127.0.0.1.evil.example"], ["localhost.evil.example:80"], ["10.0.0.1"]])(
    "rejects Host %s (a DNS-rebound name) with 403",
    async (host) => {
      const res = await raw("GET", "/__emulator/state", { host });
      expect(res.status, res.text).toBe(403);
      expect(res.json.error).toContain(JSON.stringify(host));
      expect(res.headers.connection).toBe("close");
    },
  );

  it.each([["https://evil.example"], ["null"], ["http://127.0.0.1.evil.example"], ["file://"], ["chrome-extension://abc"]])(
    "rejects Origin %s with 403, leaving state and faults as they were",
    async (origin) => {
      await queueFault(t, { action: "HardeningProbe", kind: "5xx", persistent: true });
      const before = await faultCount();
      const reset = await raw("POST", "/__emulator/reset", { origin, "content-type": "application/json" }, "{}");
      expect(reset.status, reset.text).toBe(403);
      expect(reset.json.error).toContain(JSON.stringify(origin));
      const queued = await raw("POST", "/__emulator/faults", { origin, "content-type": "application/json" }, JSON.stringify({ action: "*", kind: "5xx" }));
      expect(queued.status, queued.text).toBe(403);
      expect(await faultCount()).toBe(before);
      await control(t.url, "DELETE", "/faults");
    },
  );

  it("accepts a loopback Origin on any port", async () => {
    for (const origin of ["http://localhost:3000", `http://127.0.0.1:${port()}`, "https://[::1]:8443"]) {
      const res = await raw("GET", "/__emulator/health", { origin });
      expect(res.status, `${origin}: ${res.text}`).toBe(200);
    }
  });

  it.each([
    ["text/plain (a CORS-simple request)", { "content-type": "text/plain;charset=UTF-8" }, "{}"],
    ["text/plain with no body", { "content-type": "text/plain" }, ""],
    ["a form post", { "content-type": "application/x-www-form-urlencoded" }, "a=1"],
    ["multipart", { "content-type": "multipart/form-data; boundary=x" }, "--x--"],
    ["a body without Content-Type", {}, "{}"],
  ])("rejects %s with 415 and does not reset", async (_name, headers, body) => {
    await queueFault(t, { action: "HardeningProbe", kind: "5xx", persistent: true });
    const before = await faultCount();
    const res = await raw("POST", "/__emulator/reset", headers, body);
    expect(res.status, res.text).toBe(415);
    expect(res.json.error).toContain("application/json");
    expect(await faultCount()).toBe(before);
    await control(t.url, "DELETE", "/faults");
  });

  it("accepts the test helper's calls: a JSON body, and no body at all", async () => {
    await queueFault(t, { action: "HardeningProbe", kind: "5xx" });
    expect(await faultCount()).toBe(1);
    const reset = await control(t.url, "POST", "/reset");
    expect(reset.status, reset.text).toBe(200);
    expect(await faultCount()).toBe(0);
    const json = await raw("POST", "/__emulator/faults", { "content-type": "application/json; charset=utf-8" }, JSON.stringify({ action: "x", kind: "5xx" }));
    expect(json.status, json.text).toBe(201);
    await control(t.url, "DELETE", "/faults");
  });

  it("rejects a body nested past the depth bound with 400", async () => {
    const res = await raw("POST", "/__emulator/faults", { "content-type": "application/json" }, `${"[".repeat(100_000)}${"]".repeat(100_000)}`);
    expect(res.status, res.text).toBe(400);
  });
});

// ---------------------------------------------------------------------------------------------
// malformed requests: a 4xx in the cloud's envelope, never a retryable 5xx
// ---------------------------------------------------------------------------------------------

const DEEP = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
const DEEP_OBJECT = `${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}`;

describe("JSON nested 100,000 levels deep", () => {
  it.each([
    ["arrays", DEEP],
    ["objects", DEEP_OBJECT],
  ])("rejects %s in an EventRouter job body with 400 in EventGrid's envelope", async (_name, body) => {
    const res = await hw(t, { method: "POST", path: egPath("jobs"), body, projectId: DEMO_HUAWEI_PROJECT_ID });
    // EG.00513000 is EventGrid's documented 400 "invalid parameters".
    const documented = facts.eventrouter.error_body.codes.find((c) => c.code === "EG.00513000");
    expect(documented?.http_status).toBe(400);
    expectHuaweiError(res, 400, "EG.00513000");
    expect(res.json.error_msg).toContain("levels deep");
  });

  it("rejects it in a DIS stream body with 400 in DIS's own {errorCode, message}", async () => {
    const res = await hw(t, { method: "POST", path: `/v2/${DEMO_HUAWEI_PROJECT_ID}/streams`, body: DEEP, projectId: DEMO_HUAWEI_PROJECT_ID });
    expectDisError(res, 400, "DIS.4200");
    expect(res.json.message).toContain("levels deep");
  });

  it("still answers a body that is not JSON with the gateway's 400 APIGW.0201", async () => {
    const res = await hw(t, { method: "POST", path: egPath("jobs"), body: "{", projectId: DEMO_HUAWEI_PROJECT_ID });
    expectHuaweiError(res, 400, "APIGW.0201");
  });
});

function manyParams(n: number): string {
  return Array.from({ length: n }, (_, i) => `P${i}=v`).join("&");
}

describe("too many parameters (Alibaba)", () => {
  it("rejects 10,000 query parameters with 400 InvalidParameter in the gateway envelope", async () => {
    const res = await raw("POST", `/?${manyParams(10_000)}`, {});
    expectEnvelope(res, 400, "InvalidParameter");
    expect(res.json.Message).toContain("10000 parameters");
  });

  it("rejects 10,000 form parameters with 400 InvalidParameter in the gateway envelope", async () => {
    const res = await raw("POST", "/", { "content-type": "application/x-www-form-urlencoded" }, manyParams(10_000));
    expectEnvelope(res, 400, "InvalidParameter");
  });

  it("rejects a query past the header limit with 431 in the gateway envelope, not a bare 431", async () => {
    const res = await raw("GET", `/?${manyParams(40_000)}`, {});
    expectEnvelope(res, 431, "RequestHeaderFieldsTooLarge");
  });

  it("rejects 10,000 query parameters on a Huawei path with a 4xx in the service's envelope, not a bare 431", async () => {
    const res = await hw(t, { method: "GET", path: `${egPath("jobs")}?${manyParams(10_000)}`, projectId: DEMO_HUAWEI_PROJECT_ID });
    expectHuaweiError(res, 400, "EG.00513000");
  });
});

describe("bodies over 1 MiB", () => {
  const big = "x".repeat(1024 * 1024 + 1);
  it("rejects one sent to Alibaba with 413 RequestEntityTooLarge in the envelope", async () => {
    expectEnvelope(await raw("POST", "/", { "content-type": "application/x-www-form-urlencoded" }, `A=${big}`), 413, "RequestEntityTooLarge");
  });

  it("rejects one sent to DIS with 413 APIGW.0201 (the gateway answers before the service)", async () => {
    expectHuaweiError(await raw("POST", `/v2/${DEMO_HUAWEI_PROJECT_ID}/streams`, { "content-type": "application/json" }, `"${big}"`), 413, "APIGW.0201");
  });

  it("rejects one sent to a control route with 413", async () => {
    const res = await raw("POST", "/__emulator/faults", { "content-type": "application/json" }, `"${big}"`);
    expect(res.status).toBe(413);
    expect(typeof res.json.error).toBe("string");
  });
});

// ---------------------------------------------------------------------------------------------
// stalled uploads
// ---------------------------------------------------------------------------------------------

interface Stalled {
  readonly text: string;
  readonly closedAfterMs: number;
}

/** Sends the headers and part of the body, then nothing; resolves when the server closes the socket. */
function stallUpload(path: string, headers: Record<string, string>): Promise<Stalled> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(Number(port()), "127.0.0.1");
    const chunks: Buffer[] = [];
    const deadline = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept a stalled upload open for more than 5000 ms; got so far: ${Buffer.concat(chunks).toString()}`));
    }, 5000);
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("error", () => {}); // a reset after the answer is a close too
    socket.on("close", () => {
      clearTimeout(deadline);
      resolve({ text: Buffer.concat(chunks).toString("utf8"), closedAfterMs: Date.now() - started });
    });
    const head = Object.entries({ host: `127.0.0.1:${port()}`, "content-length": "100", ...headers }).map(([k, v]) => `${k}: ${v}`);
    socket.write(`POST ${path} HTTP/1.1\r\n${head.join("\r\n")}\r\n\r\n{"a":`);
  });
}

function parseRaw(s: Stalled): RawResponse {
  const [head = "", body = ""] = s.text.split("\r\n\r\n", 2);
  const lines = head.split("\r\n");
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(lines[0] ?? "")?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const l of lines.slice(1)) {
    const at = l.indexOf(":");
    headers[l.slice(0, at).toLowerCase()] = l.slice(at + 1).trim();
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  return { status, headers, text: body, json };
}

describe("a stalled upload", () => {
  it("fails with 408 RequestTimeout in the Alibaba envelope, and the connection is closed", async () => {
    const s = await stallUpload("/", { "content-type": "application/x-www-form-urlencoded" });
    const res = parseRaw(s);
    expectEnvelope(res, 408, "RequestTimeout");
    expect(res.headers.connection).toBe("close");
    expect(s.closedAfterMs).toBeGreaterThanOrEqual(BODY_TIMEOUT_MS - 20);
  });

  it("fails with 408 APIGW.0201 in the Huawei gateway's envelope, and the connection is closed", async () => {
    const res = parseRaw(await stallUpload(egPath("jobs"), { "content-type": "application/json" }));
    expect(res.status, res.text).toBe(408);
    expect(res.json.error_code).toBe("APIGW.0201");
    expect(res.headers["x-request-id"]).toMatch(HUAWEI_REQUEST_ID);
    expect(res.json.request_id).toBe(res.headers["x-request-id"]);
  });

  it("fails with 408 on a control route, and the connection is closed", async () => {
    const res = parseRaw(await stallUpload("/__emulator/faults", { "content-type": "application/json" }));
    expect(res.status, res.text).toBe(408);
    expect(typeof res.json.error).toBe("string");
  });
});

// ---------------------------------------------------------------------------------------------
// the Huawei gateway's AK lock
// ---------------------------------------------------------------------------------------------

describe("the AK lock after consecutive bad signatures", () => {
  const lock = facts.eventrouter.error_body.gateway_codes.find((c) => c.code === "APIGW.0301")?.access_key_lock;
  let h: TestEmulator;
  beforeAll(async () => {
    h = await startTestEmulator({ manualClock: true, huaweiAkLockout: HUAWEI_AK_LOCKOUT });
  });
  afterAll(() => h.close());

  const LIST = { method: "GET" as const, path: egPath("clusters"), projectId: DEMO_HUAWEI_PROJECT_ID };
  const good = () => hw(h, LIST);
  const bad = () => send(h.url, signHuawei(h.url, { ...LIST, now: h.emulator.clock.now(), secretKey: "wrong-secret" }));

  it("uses the documented threshold and period", () => {
    expect(lock).toBeDefined();
    expect(HUAWEI_AK_LOCKOUT).toEqual({ failures: lock?.consecutive_failures, lockMs: (lock?.lock_seconds ?? 0) * 1000 });
  });

  it("is not set by fewer failures than the threshold, and a success restarts the count", async () => {
    const n = (lock?.consecutive_failures ?? 0) - 1;
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < n; i++) expectHuaweiError(await bad(), 401, "APIGW.0301");
      const res = await good();
      expect(res.status, `round ${round}: ${res.text}`).toBe(200);
    }
  });

  it("rejects a correct signature during the lock, and accepts it once the period is over", async () => {
    const failures = lock?.consecutive_failures ?? 0;
    const lockMs = (lock?.lock_seconds ?? 0) * 1000;
    for (let i = 0; i < failures; i++) {
      const res = await bad();
      expectHuaweiError(res, 401, "APIGW.0301");
      expect(res.json.error_msg, `failure ${i + 1}`).toContain("verify aksk signature fail");
    }
    const locked = await good();
    expectHuaweiError(locked, 401, "APIGW.0301");
    expect(locked.json.error_msg.startsWith(lock?.error_msg_prefix ?? "?")).toBe(true);
    h.clock?.advance(lockMs - 1000);
    expectHuaweiError(await good(), 401, "APIGW.0301");
    h.clock?.advance(1000);
    const after = await good();
    expect(after.status, after.text).toBe(200);
  });

  it("does not count calls naming an access key the account does not have", async () => {
    for (let i = 0; i < 10; i++) {
      const res = await send(h.url, signHuawei(h.url, { ...LIST, now: h.emulator.clock.now(), accessKey: "HWNOBODY" }));
      expectHuaweiError(res, 401, "APIGW.0301");
    }
    expect((await good()).status).toBe(200);
  });
});

/**
 * The HTTP layer and control routes: loopback only, body limit, unmatched routes failing loudly,
 * health, state dump, reset and the clock route.
 */
/** The HTTP layer and control routes on an emulator with the default body timeout. */
let plain: TestEmulator;
beforeAll(async () => {
  plain = await startTestEmulator();
});
afterAll(() => plain.close());

describe("transport", () => {
  it("listens on 127.0.0.1 at an ephemeral port", () => {
    expect(plain.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(plain.emulator.port).toBeGreaterThan(0);
  });

  it.each(["0.0.0.0", "localhost", "::"])("refuses to listen on %s", async (host) => {
    await expect(startEmulator({ host })).rejects.toThrow(/127\.0\.0\.1 only/);
  });

  it("rejects a body over 1 MiB with 413 in the Alibaba envelope", async () => {
    const body = `JobConfig=${"x".repeat(1024 * 1024)}`;
    const res = await send(plain.url, {
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
    const res = await send(plain.url, { method, path, headers: {}, body: "" });
    expectEnvelope(res, 404, "InvalidApi.NotFound");
    expect(res.json.Message).toContain("/__emulator/");
  });

  it.each(["/v1/jobs", "/v2/x/unknown", "/v3/projects"])("answers an unserved Huawei path %s with 404 APIGW.0101", async (path) => {
    expectHuaweiError(await send(plain.url, { method: "GET", path, headers: {}, body: "" }), 404, "APIGW.0101");
  });

  it("rejects a non-form body in strict mode", async () => {
    const res = await plain.v3({ action: "ListStreamingJobs", query: { DBInstanceId: DEMO_DB_INSTANCE_ID } });
    expect(res.status).toBe(200);
    const json = await send(plain.url, {
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
    const res = await control(plain.url, "GET", "/health");
    expect(res.json).toMatchObject({ status: "ok", products: ["gpdb 2016-05-03", "dataworks-public 2020-05-18", "iam v3", "eg v1", "dms v2", "dis v2"] });
  });

  it.each([
    ["an unknown control route", "GET", "/nope", 404],
    ["a wrong method", "PUT", "/faults", 405],
    ["a prototype key", "GET", "/constructor", 404],
  ])("rejects %s", async (_name, method, path, status) => {
    const res = await control(plain.url, method, path);
    expect(res.status).toBe(status);
    expect(typeof res.json.error).toBe("string");
  });

  it("refuses to move the system clock", async () => {
    const res = await control(plain.url, "POST", "/clock", { advanceMs: 1 });
    expect(res.status).toBe(409);
    expect((await control(plain.url, "GET", "/clock")).json).toMatchObject({ manual: false });
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
