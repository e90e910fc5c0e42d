/**
 * The Huawei REST router as a table (no HTTP): which route a path reaches, that a second service
 * module plugs in without touching the router, that two routes cannot claim one path, and how a
 * call's parameters are logged (flattened, secrets redacted).
 */
import { describe, expect, it } from "vitest";
import { HuaweiAuthenticator } from "../../../../emulator/auth/huawei";
import { ManualClock } from "../../../../emulator/clock";
import { disErrors, egErrors } from "../../../../emulator/errors/huawei";
import { FaultQueue } from "../../../../emulator/faults";
import { RequestLog } from "../../../../emulator/request-log";
import { HuaweiRestRouter, isHuaweiPath, type HuaweiRoute, type HuaweiService } from "../../../../emulator/routers/huawei-rest";
import { MemoryStore } from "../../../../emulator/store";

const PROJECT = "0123456789abcdef0123456789abcdef";

function service(product: string, routes: Array<Omit<HuaweiRoute, "auth" | "handle"> & Partial<Pick<HuaweiRoute, "handle">>>): HuaweiService {
  return {
    product,
    label: `${product} v1`,
    secretFields: ["password"],
    errors: { invalidParameter: egErrors.invalidParameter, internal: egErrors.internal },
    routes: routes.map((r) => ({ auth: "none", handle: (call) => ({ body: { operation: call.operation, path: call.path } }), ...r })),
  };
}

function router(services: HuaweiService[]) {
  const requestLog = new RequestLog();
  const faults = new FaultQueue();
  const clock = new ManualClock(0);
  const r = new HuaweiRestRouter({
    services,
    authenticator: new HuaweiAuthenticator(() => undefined, clock),
    hasProject: () => true,
    faults,
    store: new MemoryStore(),
    clock,
    requestLog,
    strict: true,
  });
  /** A string body is sent verbatim; anything else as JSON. */
  const call = async (method: string, target: string, body?: unknown) => {
    const raw = body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body);
    const out = await r.handle({ method, target, headers: {}, rawBody: Buffer.from(raw) });
    if (out.kind !== "respond") throw new Error("dropped");
    return out;
  };
  return { call, requestLog, faults };
}

const eg = service("eg", [
  { method: "GET", path: "/v1/{project_id}/eventrouter/jobs/{job_id}", operation: "ShowJob" },
  { method: "POST", path: "/v1/{project_id}/eventrouter/jobs/validation", operation: "Validate" },
  { method: "POST", path: "/v1/{project_id}/eventrouter/jobs/{job_id}", operation: "Other" },
  { method: "POST", path: "/v1/{project_id}/eventrouter/jobs", operation: "CreateJob" },
]);

describe("huawei REST router", () => {
  it("owns the /v1/, /v2/ and /v3/ prefixes only", () => {
    expect(["/v1/x", "/v2/x/y", "/v3/auth/tokens"].map(isHuaweiPath)).toEqual([true, true, true]);
    expect(["/", "/v4/x", "/v1", "/__emulator/health", "/path"].map(isHuaweiPath)).toEqual([false, false, false, false, false]);
  });

  it("prefers a literal segment to a parameter and decodes parameters", async () => {
    const { call } = router([eg]);
    expect((await call("POST", `/v1/${PROJECT}/eventrouter/jobs/validation`, {})).body).toMatchObject({ operation: "Validate" });
    expect((await call("POST", `/v1/${PROJECT}/eventrouter/jobs/j1`, {})).body).toMatchObject({ operation: "Other", path: { job_id: "j1" } });
    expect((await call("GET", `/v1/${PROJECT}/eventrouter/jobs/a%20b`)).body).toMatchObject({ path: { project_id: PROJECT, job_id: "a b" } });
  });

  it.each([
    ["an unknown path", "GET", `/v1/${PROJECT}/eventrouter/nothing`],
    ["a known path with another method", "DELETE", `/v1/${PROJECT}/eventrouter/jobs`],
    ["a trailing slash", "POST", `/v1/${PROJECT}/eventrouter/jobs/`],
    ["an empty parameter", "GET", `/v1/${PROJECT}/eventrouter/jobs/`],
  ])("answers %s with 404 APIGW.0101", async (_name, method, target) => {
    const { call } = router([eg]);
    expect(await call(method, target)).toMatchObject({ status: 404, body: { error_code: "APIGW.0101" } });
  });

  it("serves another service module beside EG without any change to the router", async () => {
    const dis = service("dis", [
      { method: "GET", path: "/v2/{project_id}/streams/{stream_name}/transfer-tasks", operation: "ListTransferTasks", query: ["limit"] },
    ]);
    const { call, requestLog } = router([eg, dis]);
    expect((await call("GET", `/v2/${PROJECT}/streams/s1/transfer-tasks?limit=10`)).body).toMatchObject({
      operation: "ListTransferTasks",
      path: { stream_name: "s1" },
    });
    expect(requestLog.since(0).requests.at(-1)).toMatchObject({ product: "dis", action: "ListTransferTasks", params: { limit: "10", stream_name: "s1" } });
    expect(await call("GET", `/v2/${PROJECT}/streams/s1/transfer-tasks?start=x`)).toMatchObject({ status: 400, body: { error_code: "EG.00513000" } });
  });

  it("answers a throttle fault from the gateway (429), or with the service's own code when the fault asks and the service has one", async () => {
    const list = { method: "GET" as const, path: "/v2/{project_id}/streams", operation: "ListStreams" };
    const dis = {
      ...service("dis", [list]),
      errors: { invalidParameter: disErrors.invalidRequest, internal: disErrors.internal, throttled: disErrors.tooManyRequests },
    };
    const { call, faults } = router([dis, service("eg2", [{ ...list, path: "/v1/{project_id}/things", operation: "ListThings" }])]);
    faults.add({ action: "ListStreams", kind: "throttle" });
    expect(await call("GET", `/v2/${PROJECT}/streams`)).toMatchObject({ status: 429, body: { error_code: "APIGW.0308" } });
    faults.add({ action: "ListStreams", kind: "throttle", throttledBy: "service" });
    expect(await call("GET", `/v2/${PROJECT}/streams`)).toMatchObject({ status: 400, body: { errorCode: "DIS.4305" } });
    // A service without its own answer falls back to the gateway's.
    faults.add({ action: "ListThings", kind: "throttle", throttledBy: "service" });
    expect(await call("GET", `/v1/${PROJECT}/things`)).toMatchObject({ status: 429, body: { error_code: "APIGW.0308" } });
    expect((await call("GET", `/v2/${PROJECT}/streams`)).status).toBe(200);
  });

  it("refuses two routes that answer the same method and path shape", () => {
    const clash = service("x", [
      { method: "GET", path: "/v1/{project_id}/jobs/{job_id}", operation: "A" },
      { method: "GET", path: "/v1/{project_id}/jobs/{id}", operation: "B" },
    ]);
    expect(() => router([clash])).toThrow(/two Huawei routes answer GET/);
  });

  it("logs path, query and body parameters flattened, with every password redacted", async () => {
    const { call, requestLog } = router([eg]);
    await call("POST", `/v1/${PROJECT}/eventrouter/jobs`, {
      name: "j",
      source_config: [{ source_kafka: [{ user_name: "u", password: "secret-1" }] }],
      tokens: { password: ["secret-2"] },
    });
    const entry = requestLog.since(0).requests.at(-1);
    expect(entry?.params).toEqual({
      name: "j",
      project_id: PROJECT,
      "source_config.0.source_kafka.0.password": "REDACTED",
      "source_config.0.source_kafka.0.user_name": "u",
      "tokens.password.0": "REDACTED",
    });
  });

  it("answers a body that is not JSON with 400 APIGW.0201 and X-Request-Id, and an empty one as no body", async () => {
    const { call } = router([eg]);
    const bad = await call("POST", `/v1/${PROJECT}/eventrouter/jobs`, "{nope");
    expect(bad).toMatchObject({ status: 400, body: { error_code: "APIGW.0201" } });
    expect(bad.headers["x-request-id"]).toMatch(/^[0-9a-f]{32}$/);
    expect((bad.body as { request_id: string }).request_id).toBe(bad.headers["x-request-id"]);
    expect((await call("POST", `/v1/${PROJECT}/eventrouter/jobs`)).status).toBe(200);
  });
});
