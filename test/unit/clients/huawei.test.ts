import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import type { RestApi } from "../../../provider/apis/huawei-rest";
import { HuaweiClient, clearTokenCache } from "../../../provider/clients/huawei";
import { isDisNotFound, TASK_LIMIT } from "../../../provider/apis/huawei-dis";
import { AmbiguousRequestError, ApiError } from "../../../provider/errors";
import type { HuaweiSettings } from "../../../provider/settings";
import { parseAuthorization, signatureMatches } from "../../../provider/transport/huawei-signature";
import { facts } from "../../conformance/facts";

const PROJECT = "0123456789abcdef0123456789abcdef";
const keys: HuaweiSettings = {
  accessKey: "HWTESTAK",
  secretKey: "sk-value-never-shown",
  securityToken: undefined,
  password: undefined,
  region: "cn-north-4",
  projectId: PROJECT,
  endpoint: "http://127.0.0.1:9",
  cloud: "myhuaweicloud.com",
  maxRequestsPerSecond: 1000,
};
const iamUser: HuaweiSettings = {
  ...keys,
  accessKey: undefined,
  secretKey: undefined,
  password: { domainName: "acme", userName: "deployer", password: "Iam#Password-Secret", authUrl: undefined },
};

type Scripted = { status: number; body?: unknown; headers?: Record<string, string> } | "drop";

function scriptedFetch(script: Scripted[]) {
  const sent: Array<{ url: string; method: string; headers: Record<string, string>; body: string }> = [];
  const f = async (url: URL | string, init?: RequestInit) => {
    sent.push({ url: String(url), method: String(init?.method), headers: init?.headers as Record<string, string>, body: String(init?.body ?? "") });
    const next = script.shift();
    if (!next || next === "drop") throw new TypeError("fetch failed", { cause: { code: "ECONNRESET" } });
    return new Response(next.body === undefined ? null : JSON.stringify(next.body), { status: next.status, headers: next.headers ?? {} });
  };
  return { fetch: f as typeof fetch, sent };
}

const client = (script: Scripted[], settings = keys, now = () => new Date("2026-11-21T10:00:00Z")) => {
  const s = scriptedFetch(script);
  const slept: number[] = [];
  const c = new HuaweiClient("eg", { settings, fetch: s.fetch, sleep: async (ms) => void slept.push(ms), random: () => 0.5, now });
  return { c, sent: s.sent, slept };
};

const job = { status: 200, body: { job_id: "j-1", name: "a", status: "CREATING" }, headers: { "x-request-id": "req-1" } };
const throttled = { status: 429, body: { error_code: "APIGW.0308", error_msg: "The throttling threshold has been reached", request_id: "req-t" } };
const serverError = { status: 500, body: { error_code: "EG.00015000", error_msg: "internal error", request_id: "req-5" } };
const tokenIssued = (token: string, expires: string) => ({
  status: 201,
  body: { token: { expires_at: expires, issued_at: "2026-11-21T10:00:00Z" } },
  headers: { "X-Subject-Token": token },
});

afterEach(() => clearTokenCache());

describe("the Huawei REST client", () => {
  it("fills {project_id}, signs content-type, host, x-project-id and x-sdk-date, and the signature verifies", async () => {
    const { c, sent } = client([job]);
    const res = await c.request({ operation: "CreateEventRouterJob", method: "POST", path: "/v1/{project_id}/eventrouter/jobs", body: { name: "a" } });
    expect(res).toEqual({ status: 200, body: job.body, requestId: "req-1" });
    const req = sent[0]!;
    expect(req.url).toBe(`http://127.0.0.1:9/v1/${PROJECT}/eventrouter/jobs`);
    expect(req.headers["X-Project-Id"]).toBe(PROJECT);
    expect(req.headers["X-Sdk-Date"]).toBe("20261121T100000Z");
    const auth = parseAuthorization(req.headers.Authorization!);
    expect(auth?.accessKey).toBe("HWTESTAK");
    expect(auth?.signedHeaders).toEqual(["content-type", "host", "x-project-id", "x-sdk-date"]);
    const url = new URL(req.url);
    const input = {
      method: "POST",
      path: url.pathname,
      query: url.searchParams,
      headers: { ...req.headers, Host: url.host },
      signedHeaders: auth!.signedHeaders,
      body: req.body,
    };
    expect(signatureMatches("sk-value-never-shown", "20261121T100000Z", input, auth!.signature)).toBe(true);
  });

  it("encodes path parameters and query values", async () => {
    const { c, sent } = client([{ status: 200, body: { items: [] } }]);
    await c.request({
      operation: "ListEventRouterJobs",
      method: "GET",
      path: "/v1/{project_id}/eventrouter/jobs/{job_id}",
      pathParams: { job_id: "a b/c" },
      query: { fuzzy_name: "x y", limit: 10, offset: undefined },
    });
    expect(sent[0]!.url).toBe(`http://127.0.0.1:9/v1/${PROJECT}/eventrouter/jobs/a%20b%2Fc?fuzzy_name=x+y&limit=10`);
  });

  it("retries throttling (429 APIGW.0308) even for a create, with backoff", async () => {
    const { c, sent, slept } = client([throttled, throttled, job]);
    await c.request({ operation: "CreateEventRouterJob", method: "POST", path: "/v1/{project_id}/eventrouter/jobs", body: {} });
    expect(sent).toHaveLength(3);
    expect(slept).toEqual([150, 300]);
  });

  it("retries a 5xx GET but turns a 5xx create into an ambiguous error after one attempt", async () => {
    const get = client([serverError, job]);
    await get.c.request({ operation: "ShowEventRouterJob", method: "GET", path: "/v1/{project_id}/eventrouter/jobs/j" });
    expect(get.sent).toHaveLength(2);

    const post = client([serverError, job]);
    const err = await post.c
      .request({ operation: "CreateEventRouterJob", method: "POST", path: "/v1/{project_id}/eventrouter/jobs", body: {} })
      .catch((e) => e);
    expect(err).toBeInstanceOf(AmbiguousRequestError);
    expect(post.sent).toHaveLength(1);
  });

  it("a dropped connection on a PUT marked repeatable is retried", async () => {
    const { c, sent } = client(["drop", job]);
    await c.request({ operation: "UpdateEventRouterJob", method: "PUT", path: "/v1/{project_id}/eventrouter/jobs/j", body: {}, retryAmbiguous: true });
    expect(sent).toHaveLength(2);
  });

  it("reports a 4xx at once with code, message and request id, with request secrets scrubbed", async () => {
    const bad = { status: 400, body: { error_code: "EG.00513000", error_msg: "invalid password Kafka#Secret-9 for user", request_id: "req-4" } };
    const { c, sent } = client([bad]);
    const err = await c
      .request({
        operation: "CreateEventRouterJob",
        method: "POST",
        path: "/v1/{project_id}/eventrouter/jobs",
        body: { password: "Kafka#Secret-9" },
        secrets: ["Kafka#Secret-9"],
      })
      .catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.message).toBe("EventGrid CreateEventRouterJob failed: EG.00513000: invalid password [secret] for user (HTTP 400, request id req-4)");
    expect(sent).toHaveLength(1);
    expect(err.message).not.toContain("sk-value");
    expect(err.message).not.toContain(sent[0]!.headers.Authorization);
  });

  it("reads the nested error form and the X-Request-Id header", async () => {
    const { c } = client([{ status: 404, body: { error: { code: "DMS.00404022", message: "instance not found" } }, headers: { "x-request-id": "req-h" } }]);
    const err = await c.request({ operation: "ShowInstance", method: "GET", path: "/v2/{project_id}/instances/i" }).catch((e) => e);
    expect(err.message).toBe("EventGrid ShowInstance failed: DMS.00404022: instance not found (HTTP 404, request id req-h)");
    expect(HuaweiClient.isNotFound(err)).toBe(true);
    expect(HuaweiClient.isNotFound(err, ["EG.00014040"])).toBe(false);
  });

  it("an empty 204 body is a success without a body", async () => {
    const { c } = client([{ status: 204 }]);
    expect(await c.request({ operation: "Delete", method: "DELETE", path: "/v1/{project_id}/x", retryAmbiguous: true })).toEqual({
      status: 204,
      body: undefined,
      requestId: undefined,
    });
  });

  it("a sibling client keeps the credentials and targets another service, region and project", async () => {
    const { c, sent } = client([{ status: 200, body: {} }], { ...keys, endpoint: undefined });
    const dms = c.sibling("dms", { region: "cn-east-3", projectId: "f".repeat(32) });
    await dms.request({ operation: "ShowInstance", method: "GET", path: "/v2/{project_id}/instances/i" }).catch(() => undefined);
    expect(sent[0]!.url).toBe(`https://dms.cn-east-3.myhuaweicloud.com/v2/${"f".repeat(32)}/instances/i`);
  });
});

/** DIS's error bodies and statuses as the vendor documents them (the facts), never as the emulator sends them. */
describe("calls through a REST table entry", () => {
  const table = {
    service: "EventGrid",
    operations: {
      ShowJob: {
        method: "GET",
        path: "/v1/{project_id}/eventrouter/jobs/{job_id}",
        params: { job_id: { type: "string", location: "path", required: true } },
        response: z.looseObject({ job_id: z.string(), status: z.string() }),
        notFoundCodes: [],
      },
      StopJob: {
        method: "POST",
        path: "/v1/{project_id}/eventrouter/jobs/{job_id}/action",
        params: { job_id: { type: "string", location: "path", required: true }, operation: { type: "string", location: "body", required: true } },
        response: z.unknown(),
        notFoundCodes: [],
        retryAmbiguous: true,
      },
    },
  } as const satisfies RestApi;

  it("sends the entry's method, path and body and returns the answer parsed by its schema", async () => {
    const { c, sent } = client([job, { status: 204 }]);
    expect(await c.call(table, "ShowJob", { job_id: "j 1" })).toEqual(job.body);
    expect(sent[0]).toMatchObject({ method: "GET", url: `http://127.0.0.1:9/v1/${PROJECT}/eventrouter/jobs/j%201`, body: "" });
    await c.call(table, "StopJob", { job_id: "j-1", operation: "STOP" });
    expect(sent[1]).toMatchObject({ method: "POST", url: `http://127.0.0.1:9/v1/${PROJECT}/eventrouter/jobs/j-1/action`, body: '{"operation":"STOP"}' });
  });

  it("hands the answer's request id beside the parsed body through exchange", async () => {
    const { c } = client([job]);
    expect(await c.exchange(table, "ShowJob", { job_id: "j-1" })).toEqual({ value: job.body, requestId: "req-1" });
  });

  it("retries a dropped connection on an entry marked repeat-safe", async () => {
    const { c, sent } = client(["drop", { status: 204 }]);
    await c.call(table, "StopJob", { job_id: "j-1", operation: "STOP" });
    expect(sent).toHaveLength(2);
  });

  it("names the table's service, the operation and the request id when the answer does not fit the schema", async () => {
    const { c } = client([{ status: 200, body: { job_id: "j-1" }, headers: { "x-request-id": "req-9" } }]);
    const err = await c.call(table, "ShowJob", { job_id: "j-1" }).catch((e: unknown) => e);
    expect(String(err)).toContain("EventGrid");
    expect(String(err)).toContain("ShowJob");
    expect(String(err)).toContain("status");
    expect(String(err)).toContain("req-9");
    const { c: other } = client([{ status: 200, body: { job_id: "j-1" }, headers: { "x-request-id": "req-9" } }]);
    const viaExchange = await other.exchange(table, "ShowJob", { job_id: "j-1" }).catch((e: unknown) => e);
    expect(String(viaExchange)).toBe(String(err));
  });
});

describe("DIS errors", () => {
  const dis = facts.dis.error_body;
  const statusOf = (code: string) => {
    const fact = dis.codes.find((c) => c.code === code);
    if (typeof fact?.http_status !== "number") throw new Error(`no HTTP status for ${code} in the DIS facts`);
    return fact.http_status;
  };
  const disError = (code: string, message: string) => ({ status: statusOf(code), body: { errorCode: code, message } });
  const disClient = (script: Scripted[]) => {
    const s = scriptedFetch(script);
    const c = new HuaweiClient("dis", { settings: keys, fetch: s.fetch, sleep: async () => undefined, random: () => 0.5 });
    return { c, sent: s.sent };
  };
  const show = { operation: "ShowStream", method: "GET" as const, path: "/v2/{project_id}/streams/s" };
  const create = { operation: "CreateTransferTask", method: "POST" as const, path: "/v2/{project_id}/streams/s/transfer-tasks", body: {} };

  it("reads the documented {errorCode, message} body: the example is a not-found, with the request id from the header", async () => {
    const { c } = disClient([{ status: statusOf(dis.body_shape.example.errorCode), body: dis.body_shape.example, headers: { "x-request-id": "req-d" } }]);
    const err = await c.request(show).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.message).toBe(`DIS ShowStream failed: DIS.4301: ${dis.body_shape.example.message} (HTTP 400, request id req-d)`);
    expect(isDisNotFound(err)).toBe(true);
  });

  it("reads a missing dump task (DIS.4354) as not found, and the 5-per-stream limit (DIS.4357) by its code", async () => {
    const gone = await disClient([disError("DIS.4354", "The transfer task does not exist.")])
      .c.request(show)
      .catch((e) => e);
    expect(isDisNotFound(gone)).toBe(true);
    const full = await disClient([disError("DIS.4357", "Exceeded transfer task quota.")])
      .c.request(create)
      .catch((e) => e);
    expect(full).toMatchObject({ code: TASK_LIMIT, httpStatus: 400 });
    expect(isDisNotFound(full)).toBe(false);
  });

  it.each(["DIS.4303", "DIS.4305"])("retries %s throttling even for a create", async (code) => {
    const { c, sent } = disClient([disError(code, "slow down"), disError(code, "slow down"), { status: 201 }]);
    expect((await c.request(create)).status).toBe(201);
    expect(sent).toHaveLength(3);
  });

  it("retries DIS.5000 on a read, and turns it into an ambiguous error on a create (it may have been applied)", async () => {
    const read = disClient([disError("DIS.5000", "System error."), { status: 200, body: { stream_name: "s", status: "RUNNING" } }]);
    expect((await read.c.request(show)).status).toBe(200);
    expect(read.sent).toHaveLength(2);
    const write = disClient([disError("DIS.5000", "System error."), { status: 201 }]);
    expect(await write.c.request(create).catch((e) => e)).toBeInstanceOf(AmbiguousRequestError);
    expect(write.sent).toHaveLength(1);
  });

  it("fails at once on a DIS.4200: not retried", async () => {
    const { c, sent } = disClient([disError("DIS.4200", "Invalid request."), { status: 201 }]);
    expect(await c.request(create).catch((e) => e)).toMatchObject({ code: "DIS.4200" });
    expect(sent).toHaveLength(1);
  });
});

describe("IAM token auth", () => {
  const later = (iso: string) => () => new Date(iso);

  it("gets a project-scoped token once, sends it as X-Auth-Token and reuses it", async () => {
    const { c, sent } = client([tokenIssued("tok-1", "2026-11-22T10:00:00Z"), job, job], iamUser);
    await c.request({ operation: "ShowEventRouterJob", method: "GET", path: "/v1/{project_id}/eventrouter/jobs/j" });
    await c.request({ operation: "ShowEventRouterJob", method: "GET", path: "/v1/{project_id}/eventrouter/jobs/j" });
    expect(sent.map((s) => `${s.method} ${new URL(s.url).pathname}`)).toEqual([
      "POST /v3/auth/tokens",
      `GET /v1/${PROJECT}/eventrouter/jobs/j`,
      `GET /v1/${PROJECT}/eventrouter/jobs/j`,
    ]);
    expect(JSON.parse(sent[0]!.body)).toEqual({
      auth: {
        identity: { methods: ["password"], password: { user: { name: "deployer", password: "Iam#Password-Secret", domain: { name: "acme" } } } },
        scope: { project: { id: PROJECT } },
      },
    });
    expect(sent[1]!.headers["X-Auth-Token"]).toBe("tok-1");
    expect(sent[1]!.headers.Authorization).toBeUndefined();
  });

  it("renews a token close to expiry, and once after a 401", async () => {
    const first = client([tokenIssued("tok-1", "2026-11-21T10:04:00Z"), job], iamUser);
    await first.c.request({ operation: "Show", method: "GET", path: "/v1/{project_id}/x" });
    const second = client([tokenIssued("tok-2", "2026-11-22T10:00:00Z"), job], iamUser, later("2026-11-21T10:01:00Z"));
    await second.c.request({ operation: "Show", method: "GET", path: "/v1/{project_id}/x" });
    expect(second.sent[1]!.headers["X-Auth-Token"]).toBe("tok-2");

    const rejected = { status: 401, body: { error_code: "APIGW.0301", error_msg: "Incorrect IAM authentication information" } };
    const third = client([rejected, tokenIssued("tok-3", "2026-11-22T10:00:00Z"), job], iamUser);
    await third.c.request({ operation: "Show", method: "GET", path: "/v1/{project_id}/x" });
    expect(third.sent.map((s) => s.headers["X-Auth-Token"] ?? "issue")).toEqual(["tok-2", "issue", "tok-3"]);
  });

  it("a refused password surfaces as an IAM error without the password", async () => {
    const refused = { status: 401, body: { error: { code: 401, message: "The username or password is wrong." } } };
    const { c } = client([refused], iamUser);
    const err = await c.request({ operation: "Show", method: "GET", path: "/v1/{project_id}/x" }).catch((e) => e);
    expect(err.message).toBe("IAM KeystoneCreateUserTokenByPassword failed: 401: The username or password is wrong. (HTTP 401)");
    expect(err.message).not.toContain("Iam#Password-Secret");
  });
});
