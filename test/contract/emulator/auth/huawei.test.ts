/**
 * Huawei Cloud authentication on the emulator over loopback, as the API gateway does it: AK/SK
 * signatures (SDK-HMAC-SHA256) rebuilt from exactly the headers the client signed — replayed with
 * the four published vectors' signed-header sets, two of them byte for byte — and IAM tokens from
 * `POST /v3/auth/tokens`, with every rejection in the gateway's envelope.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalRequest, signature, stringToSign } from "../../../../provider/transport/huawei-signature";
import {
  DEMO_HUAWEI_DR_PROJECT_ID,
  DEMO_HUAWEI_DR_REGION,
  DEMO_HUAWEI_PROJECT_ID,
  DEMO_HUAWEI_REGION,
  DEMO_HUAWEI_SECRET_KEY,
  DEMO_HUAWEI_USER,
  HUAWEI_TOKEN_LIFETIME_MS,
} from "../../../../emulator/index";
import { control, send, startTestEmulator, type PreparedRequest, type RawResponse, type TestEmulator } from "../../../helpers/emulator";
import { egPath, expectDisError, expectHuaweiError, hw, HUAWEI_REQUEST_ID, signHuawei, withToken } from "../../../helpers/huawei";

const MINUTE = 60_000;

// ---------------------------------------------------------------------------------------------
// the published vectors, against an emulator whose inventory and clock match them
// ---------------------------------------------------------------------------------------------

const VECTOR_AK = "AccessKey";
const VECTOR_SK = "SecretKey";
const VECTOR_DATE = "20060102T150405Z";
const VECTOR_PROJECT = "0123456789abcdef0123456789abcdef";

/** A request carrying exactly `signed` headers in its signature; other headers ride along unsigned. */
function signExactly(
  req: { method: string; path: string; headers: Record<string, string>; body: string },
  signed: string[],
  secretKey = VECTOR_SK,
): PreparedRequest {
  const url = new URL(req.path, "http://unused");
  const canonical = canonicalRequest({
    method: req.method,
    path: url.pathname,
    query: url.searchParams,
    headers: req.headers,
    signedHeaders: signed,
    body: req.body,
  });
  const sig = signature(secretKey, stringToSign(VECTOR_DATE, canonical));
  return { ...req, headers: { ...req.headers, Authorization: `SDK-HMAC-SHA256 Access=${VECTOR_AK}, SignedHeaders=${signed.join(";")}, Signature=${sig}` } };
}

describe("the published SDK-HMAC-SHA256 vectors, replayed", () => {
  let v: TestEmulator;
  beforeAll(async () => {
    v = await startTestEmulator({
      clockStartMs: Date.parse("2006-01-02T15:04:05Z"),
      inventory: { accessKeys: [{ id: VECTOR_AK, secret: VECTOR_SK }], huawei: { projects: [{ id: VECTOR_PROJECT, region: "cn-north-4" }] } },
    });
  });
  afterAll(() => v.close());

  const V3_BODY = '{"name":"job1","cluster_id":"c1"}';
  const v3Request = (): PreparedRequest => ({
    method: "POST",
    path: `/v1/${VECTOR_PROJECT}/eventrouter/jobs`,
    headers: {
      "content-type": "application/json",
      Host: "eg.cn-north-4.myhuaweicloud.com",
      "X-Project-Id": VECTOR_PROJECT,
      "X-Sdk-Date": VECTOR_DATE,
      Authorization: `SDK-HMAC-SHA256 Access=${VECTOR_AK}, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=03af6ad237d127f2504f096dcd5f8d8999ba4bd9fa5321a6224bdce9cf506ad7`,
    },
    body: V3_BODY,
  });

  it("V3 byte for byte (content-type;host;x-project-id;x-sdk-date): authenticated, then judged by EventGrid", async () => {
    const res = await send(v.url, v3Request());
    // Past the gateway: the body is EventGrid's to reject (it has no scene_type).
    expectHuaweiError(res, 400, "EG.00513000");
    expect(res.json.error_msg).toContain("scene_type");
  });

  it("V3 with one signature digit changed is 401 APIGW.0301", async () => {
    const req = v3Request();
    req.headers.Authorization = (req.headers.Authorization as string).replace(/Signature=03af/, "Signature=03ae");
    expectHuaweiError(await send(v.url, req), 401, "APIGW.0301");
  });

  it("V4 byte for byte (host;x-project-id;x-sdk-date, a space in the query): authenticated, then judged by DIS", async () => {
    const res = await send(v.url, {
      method: "GET",
      path: `/v2/${VECTOR_PROJECT}/streams/s1/transfer-tasks?limit=10&start_task_name=a%20b`,
      headers: {
        Host: "127.0.0.1:8080",
        "X-Project-Id": VECTOR_PROJECT,
        "X-Sdk-Date": VECTOR_DATE,
        Authorization: `SDK-HMAC-SHA256 Access=${VECTOR_AK}, SignedHeaders=host;x-project-id;x-sdk-date, Signature=f0e75f53d5c6b0d3c8b354ec586fa523782f4e152fe66146662807e3321f289b`,
      },
      body: "",
    });
    // Past the gateway (a bad signature would be 401): DIS has no stream s1, which it says with HTTP 400.
    expectDisError(res, 400, "DIS.4301");
    expect(res.json.message).toContain("s1");
  });

  const listPath = (query: string) => `/v1/${VECTOR_PROJECT}/eventrouter/jobs${query}`;
  it.each([
    ["V1: x-sdk-date only, GET with a query", ["x-sdk-date"], "GET", listPath("?limit=1"), {}, "", 200, undefined],
    ["V2: x-sdk-date only, POST with a body ending in a newline", ["x-sdk-date"], "POST", listPath(""), {}, '{"Name":"test","Id":1}\n', 400, "EG.00513000"],
    [
      "V3: content-type;host;x-project-id;x-sdk-date",
      ["content-type", "host", "x-project-id", "x-sdk-date"],
      "POST",
      listPath(""),
      { "content-type": "application/json", "X-Project-Id": VECTOR_PROJECT },
      V3_BODY,
      400,
      "EG.00513000",
    ],
    [
      "V4: host;x-project-id;x-sdk-date, a space in the query",
      ["host", "x-project-id", "x-sdk-date"],
      "GET",
      listPath("?limit=10&fuzzy_name=a%20b"),
      { "X-Project-Id": VECTOR_PROJECT },
      "",
      200,
      undefined,
    ],
  ] as const)("%s verifies", async (_name, signed, method, path, extra, body, status, code) => {
    const headers: Record<string, string> = { Host: "127.0.0.1:8080", "X-Sdk-Date": VECTOR_DATE, ...extra };
    const res = await send(v.url, signExactly({ method, path, headers, body }, [...signed]));
    if (code === undefined) expect(res.status, res.text).toBe(status);
    else expectHuaweiError(res, status, code);
  });

  it("trusts SignedHeaders: a header added after signing does not matter, a signed one changed does", async () => {
    const headers = { Host: "127.0.0.1:8080", "X-Sdk-Date": VECTOR_DATE, "X-Project-Id": VECTOR_PROJECT };
    const req = signExactly({ method: "GET", path: listPath("?limit=1"), headers, body: "" }, ["host", "x-project-id", "x-sdk-date"]);
    expect((await send(v.url, { ...req, headers: { ...req.headers, "User-Agent": "added-later" } })).status).toBe(200);
    expectHuaweiError(await send(v.url, { ...req, headers: { ...req.headers, "X-Project-Id": "ffffffffffffffffffffffffffffffff" } }), 401, "APIGW.0301");
  });
});

// ---------------------------------------------------------------------------------------------
// AK/SK against the demo inventory
// ---------------------------------------------------------------------------------------------

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator({ manualClock: true });
});
afterAll(() => t.close());

const now = () => t.emulator.clock.now();
const LIST = { method: "GET" as const, path: egPath("clusters"), projectId: DEMO_HUAWEI_PROJECT_ID };
const sign = (over: Partial<Parameters<typeof signHuawei>[1]> = {}) => signHuawei(t.url, { ...LIST, now: now(), ...over });

function withHeader(req: PreparedRequest, name: string, value: string | undefined): PreparedRequest {
  const headers = { ...req.headers };
  if (value === undefined) delete headers[name];
  else headers[name] = value;
  return { ...req, headers };
}

describe("AK/SK signatures", () => {
  it("accepts a signed call and answers with X-Request-Id", async () => {
    const res = await send(t.url, sign());
    expect(res.status, res.text).toBe(200);
    expect(res.headers["x-request-id"]).toMatch(HUAWEI_REQUEST_ID);
  });

  it("accepts a signed POST with a body and a date 14 minutes old", async () => {
    const res = await send(t.url, sign({ method: "POST", path: egPath("jobs"), body: { name: "x" }, now: now() - 14 * MINUTE }));
    expectHuaweiError(res, 400, "EG.00513000");
  });

  const rejected: Array<[string, () => PreparedRequest]> = [
    ["the wrong secret key", () => sign({ secretKey: "wrong" })],
    ["an unknown access key", () => sign({ accessKey: "HWNOBODY" })],
    ["a body changed after signing", () => ({ ...sign({ method: "POST", path: egPath("jobs"), body: { name: "a" } }), body: JSON.stringify({ name: "b" }) })],
    ["a signed header changed after signing", () => withHeader(sign(), "X-Project-Id", DEMO_HUAWEI_DR_PROJECT_ID)],
    ["a query changed after signing", () => ({ ...sign({ path: egPath("clusters?limit=1") }), path: egPath("clusters?limit=2") })],
    ["the method changed after signing", () => ({ ...sign({ method: "DELETE", path: egPath("jobs/x") }), method: "GET" })],
    ["no X-Sdk-Date", () => withHeader(sign(), "X-Sdk-Date", undefined)],
    ["a malformed X-Sdk-Date", () => withHeader(sign(), "X-Sdk-Date", "2006-01-02T15:04:05Z")],
    ["a date 16 minutes old", () => sign({ now: now() - 16 * MINUTE })],
    ["a date 16 minutes ahead", () => sign({ now: now() + 16 * MINUTE })],
    ["a malformed Authorization header", () => withHeader(sign(), "Authorization", "SDK-HMAC-SHA256 Access=x, Signature=00")],
    ["another algorithm", () => withHeader(sign(), "Authorization", (sign().headers.Authorization as string).replace("SDK-HMAC-SHA256", "SDK-HMAC-SM3"))],
    ["no credentials at all", () => withHeader(sign(), "Authorization", undefined)],
  ];
  it.each(rejected)("rejects %s with 401 APIGW.0301", async (_name, build) => {
    expectHuaweiError(await send(t.url, build()), 401, "APIGW.0301");
  });

  it("names neither the secret key nor the expected signature in the rejection", async () => {
    const good = sign();
    const res = await send(
      t.url,
      withHeader(good, "Authorization", (good.headers.Authorization as string).replace(/Signature=[0-9a-f]{8}/, "Signature=00000000")),
    );
    expectHuaweiError(res, 401, "APIGW.0301");
    expect(res.text).not.toContain(DEMO_HUAWEI_SECRET_KEY);
    expect(res.text).not.toContain((good.headers.Authorization as string).split("Signature=")[1]);
  });

  it("refuses a project the account does not have with 403 [inferred]", async () => {
    expectHuaweiError(await send(t.url, sign({ path: egPath("clusters", "ffffffffffffffffffffffffffffffff") })), 403, "APIGW.0302");
  });

  it("answers an API it does not serve with 404 APIGW.0101, before authentication", async () => {
    expectHuaweiError(await send(t.url, { method: "GET", path: "/v1/nothing/here", headers: {}, body: "" }), 404, "APIGW.0101");
    expectHuaweiError(await send(t.url, sign({ method: "PATCH" as "PUT", path: egPath("jobs") })), 404, "APIGW.0101");
  });

  it("rejects a body over 1 MiB with 413 APIGW.0201", async () => {
    const res = await send(t.url, {
      method: "POST",
      path: egPath("jobs"),
      headers: { "content-type": "application/json" },
      body: `"${"x".repeat(1024 * 1024)}"`,
    });
    expectHuaweiError(res, 413, "APIGW.0201");
  });
});

// ---------------------------------------------------------------------------------------------
// IAM tokens
// ---------------------------------------------------------------------------------------------

function tokenBody(scope: Record<string, string>, user: { domain: string; name: string; password: string } = DEMO_HUAWEI_USER) {
  return {
    auth: {
      identity: { methods: ["password"], password: { user: { name: user.name, password: user.password, domain: { name: user.domain } } } },
      scope: { project: scope },
    },
  };
}

const issue = (body: unknown, query = "") =>
  send(t.url, { method: "POST", path: `/v3/auth/tokens${query}`, headers: { "Content-Type": "application/json;charset=utf8" }, body: JSON.stringify(body) });

async function tokenFor(scope: Record<string, string>): Promise<string> {
  const res = await issue(tokenBody(scope));
  expect(res.status, res.text).toBe(201);
  return res.headers["x-subject-token"] as string;
}

const clustersWith = (token: string, projectId = DEMO_HUAWEI_PROJECT_ID) =>
  send(t.url, withToken({ method: "GET", path: egPath("clusters", projectId) }, token));

function expectKeystone(res: RawResponse, status: number): void {
  expect(res.status, res.text).toBe(status);
  expect(res.json).toMatchObject({ error: { code: status, title: expect.any(String), message: expect.any(String) } });
  expect(res.headers["x-request-id"]).toMatch(HUAWEI_REQUEST_ID);
}

describe("IAM tokens", () => {
  it("issues a 24-hour token scoped by project id, in X-Subject-Token", async () => {
    const res = await issue(tokenBody({ id: DEMO_HUAWEI_PROJECT_ID }), "?nocatalog=true");
    expect(res.status, res.text).toBe(201);
    expect(res.headers["x-subject-token"]).toMatch(/^MII[\w-]{40,}$/);
    expect(res.headers["x-request-id"]).toMatch(HUAWEI_REQUEST_ID);
    const token = res.json.token;
    expect(token).toMatchObject({
      methods: ["password"],
      project: { id: DEMO_HUAWEI_PROJECT_ID, name: DEMO_HUAWEI_REGION, domain: { name: DEMO_HUAWEI_USER.domain } },
      user: { name: DEMO_HUAWEI_USER.name, domain: { name: DEMO_HUAWEI_USER.domain } },
      catalog: [],
    });
    expect(Date.parse(token.expires_at) - Date.parse(token.issued_at)).toBe(HUAWEI_TOKEN_LIFETIME_MS);
    expect(Date.parse(token.issued_at)).toBe(now());
    expect(res.text).not.toContain(DEMO_HUAWEI_USER.password);
  });

  it("issues a token scoped by project name (the region) and accepts it on that project", async () => {
    const res = await issue(tokenBody({ name: DEMO_HUAWEI_DR_REGION }));
    expect(res.json.token.project.id).toBe(DEMO_HUAWEI_DR_PROJECT_ID);
    const list = await clustersWith(res.headers["x-subject-token"] as string, DEMO_HUAWEI_DR_PROJECT_ID);
    expect(list.status, list.text).toBe(200);
    expect(list.json).toEqual({ total: 0, size: 0, items: [] });
  });

  it("accepts a token until it expires, by the emulator clock", async () => {
    const token = await tokenFor({ id: DEMO_HUAWEI_PROJECT_ID });
    expect((await clustersWith(token)).status).toBe(200);
    t.clock?.advance(HUAWEI_TOKEN_LIFETIME_MS - 1);
    expect((await clustersWith(token)).status).toBe(200);
    t.clock?.advance(1);
    expectHuaweiError(await clustersWith(token), 401, "APIGW.0301");
  });

  it("rejects an unknown token with 401 APIGW.0301", async () => {
    expectHuaweiError(await clustersWith("MIInot-a-token"), 401, "APIGW.0301");
  });

  it("refuses a token on another project's path with 403 [inferred]", async () => {
    const token = await tokenFor({ id: DEMO_HUAWEI_DR_PROJECT_ID });
    expectHuaweiError(await clustersWith(token, DEMO_HUAWEI_PROJECT_ID), 403, "APIGW.0302");
  });

  it.each([
    ["a wrong password", { ...DEMO_HUAWEI_USER, password: "wrong" }],
    ["an unknown user", { ...DEMO_HUAWEI_USER, name: "nobody" }],
    ["another domain", { ...DEMO_HUAWEI_USER, domain: "other-account" }],
  ])("answers %s with one Keystone-style 401", async (_name, user) => {
    const res = await issue(tokenBody({ id: DEMO_HUAWEI_PROJECT_ID }, user));
    expectKeystone(res, 401);
    expect(res.json.error.message).toBe("The username or password is wrong.");
    expect(res.headers["x-subject-token"]).toBeUndefined();
  });

  it.each([
    ["an unknown project id", { id: "ffffffffffffffffffffffffffffffff" }],
    ["an unknown region", { name: "ap-nowhere-1" }],
  ])("answers a scope with %s with 401 [inferred]", async (_name, scope) => {
    expectKeystone(await issue(tokenBody(scope)), 401);
  });

  it.each([
    ["no scope", { auth: { identity: tokenBody({}).auth.identity } }],
    ["the token method", { auth: { identity: { methods: ["token"], token: { id: "x" } }, scope: { project: { id: DEMO_HUAWEI_PROJECT_ID } } } }],
    ["a scope with neither id nor name", tokenBody({})],
  ])("answers a request with %s with a Keystone-style 400", async (_name, body) => {
    expectKeystone(await issue(body), 400);
  });

  it("never logs a token, a password or a signature", async () => {
    const lines: string[] = [];
    const own = await startTestEmulator({ log: (l) => lines.push(l) });
    try {
      const res = await send(own.url, {
        method: "POST",
        path: "/v3/auth/tokens",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(tokenBody({ id: DEMO_HUAWEI_PROJECT_ID })),
      });
      const token = res.headers["x-subject-token"] as string;
      await send(own.url, withToken({ method: "GET", path: egPath("clusters") }, token));
      const signed = signHuawei(own.url, { ...LIST });
      await send(own.url, signed);
      const entry = own.emulator.requests().find((r) => r.action === "KeystoneCreateUserTokenByPassword");
      expect(entry?.params).toMatchObject({ "auth.identity.password.user.password": "REDACTED", "auth.identity.password.user.name": DEMO_HUAWEI_USER.name });
      const views = [
        JSON.stringify(own.emulator.requests()),
        (await control(own.url, "GET", "/requests")).text,
        lines.join("\n"),
        (await control(own.url, "GET", "/state")).text,
      ];
      for (const view of views) {
        expect(view).not.toContain(token);
        expect(view).not.toContain(DEMO_HUAWEI_USER.password);
        expect(view).not.toContain((signed.headers.Authorization as string).split("Signature=")[1]);
      }
      expect(own.emulator.requests().map((r) => r.action)).toEqual(["KeystoneCreateUserTokenByPassword", "ListEventRouterClusters", "ListEventRouterClusters"]);
    } finally {
      await own.close();
    }
  });

  it("answers a throttle fault on token issuing with 429 APIGW.0308", async () => {
    await control(t.url, "POST", "/faults", { action: "KeystoneCreateUserTokenByPassword", kind: "throttle" });
    expectHuaweiError(await issue(tokenBody({ id: DEMO_HUAWEI_PROJECT_ID })), 429, "APIGW.0308");
    expect((await issue(tokenBody({ id: DEMO_HUAWEI_PROJECT_ID }))).status).toBe(201);
  });
});

// Keep `hw` exercised here too: the helper signs with the emulator clock.
describe("the test helper", () => {
  it("signs with the emulator's clock", async () => {
    t.clock?.advance(60 * MINUTE);
    expect((await hw(t, LIST)).status).toBe(200);
  });
});
