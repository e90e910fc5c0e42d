/**
 * Authentication as the gateway does it, over loopback: V3 (ACS3-HMAC-SHA256) and V1 (HMAC-SHA1)
 * against the inventory's keys, every rejection code in the real envelope, and no secret or
 * expected signature in any message.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { v3Signature } from "../../../../provider/transport/alibaba-signature";
import { DEMO_ACCESS_KEY_SECRET, DEMO_DB_INSTANCE_ID } from "../../../../emulator/index";
import { expectEnvelope, send, signV1, signV3, startTestEmulator, type PreparedRequest, type RpcInput, type TestEmulator } from "../../../helpers/emulator";

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator({ manualClock: true });
});
afterAll(() => t.close());

const LIST: RpcInput = { action: "ListStreamingJobs", query: { DBInstanceId: DEMO_DB_INSTANCE_ID } };
const MINUTE = 60_000;
const now = () => t.emulator.clock.now();
const v3 = (input: Partial<RpcInput> = {}) => signV3(t.url, { ...LIST, now: now(), ...input });
const v1 = (input: Partial<RpcInput> = {}) => signV1({ ...LIST, now: now(), ...input });

/** Changes one header of a prepared request after signing. */
function withHeader(req: PreparedRequest, name: string, value: string | undefined): PreparedRequest {
  const headers = { ...req.headers };
  if (value === undefined) delete headers[name];
  else headers[name] = value;
  return { ...req, headers };
}

/** Changes one query parameter of a prepared request after signing. */
function withQuery(req: PreparedRequest, name: string, value: string | undefined): PreparedRequest {
  const url = new URL(req.path, "http://x");
  if (value === undefined) url.searchParams.delete(name);
  else url.searchParams.set(name, value);
  return { ...req, path: `${url.pathname}${url.search}` };
}

describe("accepted signatures", () => {
  it.each([
    ["V3 POST, params in the query", () => v3()],
    ["V3 GET", () => v3({ method: "GET" })],
    ["V3 POST, params in a form body", () => v3({ query: {}, form: { DBInstanceId: DEMO_DB_INSTANCE_ID } })],
    ["V1 POST", () => v1()],
    ["V1 GET", () => v1({ method: "GET" })],
    ["V1 POST, params in a form body", () => v1({ query: {}, form: { DBInstanceId: DEMO_DB_INSTANCE_ID, PageSize: "50" } })],
    ["a timestamp 14 minutes old", () => v3({ now: now() - 14 * MINUTE })],
  ])("accepts %s", async (_name, build) => {
    const res = await send(t.url, build());
    expect(res.status, res.text).toBe(200);
  });
});

describe("rejected signatures", () => {
  const cases: Array<[string, () => PreparedRequest, number, string]> = [
    ["V3 with the wrong secret", () => v3({ accessKeySecret: "wrong" }), 400, "SignatureDoesNotMatch"],
    ["V3 with a query changed after signing", () => withQuery(v3(), "DBInstanceId", "gp-demo00000000002"), 400, "SignatureDoesNotMatch"],
    ["V3 with a body changed after signing", () => ({ ...v3({ form: { JobName: "a" } }), body: "JobName=b" }), 400, "SignatureDoesNotMatch"],
    ["V3 with a signed header changed after signing", () => withHeader(v3(), "x-acs-signature-nonce", "other"), 400, "SignatureDoesNotMatch"],
    ["V3 with an unknown AccessKeyId", () => v3({ accessKeyId: "LTAInobody" }), 404, "InvalidAccessKeyId.NotFound"],
    ["V3 dated 16 minutes ago", () => v3({ now: now() - 16 * MINUTE }), 400, "InvalidTimeStamp.Expired"],
    ["V3 dated 16 minutes ahead", () => v3({ now: now() + 16 * MINUTE }), 400, "InvalidTimeStamp.Expired"],
    ["V3 with a malformed x-acs-date", () => withHeader(v3(), "x-acs-date", "yesterday"), 400, "InvalidTimeStamp.Format"],
    ["V3 without an Authorization header", () => withHeader(v3(), "authorization", undefined), 400, "IncompleteSignature"],
    ["V3 with a malformed Authorization header", () => withHeader(v3(), "authorization", "ACS3-HMAC-SHA256 Credential=x"), 400, "IncompleteSignature"],
    [
      "V3 with another algorithm",
      () => withHeader(v3(), "authorization", "ACS3-HMAC-SM3 Credential=x,SignedHeaders=host,Signature=00"),
      400,
      "IncompleteSignature",
    ],
    ["V3 without x-acs-date", () => withHeader(v3(), "x-acs-date", undefined), 400, "MissingParameter"],
    ["V3 without x-acs-content-sha256", () => withHeader(v3(), "x-acs-content-sha256", undefined), 400, "MissingParameter"],
    [
      "V3 that leaves x-acs-date unsigned",
      () => {
        const r = v3();
        return withHeader(r, "authorization", (r.headers.authorization as string).replace(";x-acs-date", ""));
      },
      400,
      "IncompleteSignature",
    ],
    ["V1 with the wrong secret", () => v1({ accessKeySecret: "wrong" }), 400, "SignatureDoesNotMatch"],
    ["V1 with a form body changed after signing", () => ({ ...v1({ form: { JobName: "a" } }), body: "JobName=b" }), 400, "SignatureDoesNotMatch"],
    ["V1 with the method changed after signing", () => ({ ...v1(), method: "GET" }), 400, "SignatureDoesNotMatch"],
    ["V1 with an unknown AccessKeyId", () => v1({ accessKeyId: "LTAInobody" }), 404, "InvalidAccessKeyId.NotFound"],
    ["V1 dated 16 minutes ago", () => v1({ now: now() - 16 * MINUTE }), 400, "InvalidTimeStamp.Expired"],
    ["V1 with a malformed Timestamp", () => withQuery(v1(), "Timestamp", "2024-02-30 10:00"), 400, "InvalidTimeStamp.Format"],
    ["V1 without Signature", () => withQuery(v1(), "Signature", undefined), 400, "MissingParameter"],
    ["V1 without Timestamp", () => withQuery(v1(), "Timestamp", undefined), 400, "MissingParameter"],
    ["V1 without SignatureNonce", () => withQuery(v1(), "SignatureNonce", undefined), 400, "MissingParameter"],
    ["V1 without AccessKeyId", () => withQuery(v1(), "AccessKeyId", undefined), 400, "MissingParameter"],
    ["V1 with SignatureMethod HMAC-SHA256", () => withQuery(v1(), "SignatureMethod", "HMAC-SHA256"), 400, "InvalidParameter"],
    ["V1 without Action", () => withQuery(v1(), "Action", undefined), 400, "MissingParameter"],
  ];

  it.each(cases)("rejects %s", async (_name, build, status, code) => {
    expectEnvelope(await send(t.url, build()), status, code);
  });

  it.each([
    ["V3", () => v3()],
    ["V1", () => v1()],
  ])("rejects a replayed %s nonce with SignatureNonceUsed", async (_name, build) => {
    const req = build();
    expect((await send(t.url, req)).status).toBe(200);
    expectEnvelope(await send(t.url, req), 400, "SignatureNonceUsed");
  });

  it("accepts a nonce again once the 15-minute window has passed", async () => {
    const nonce = `nonce-${Date.now()}`;
    expect((await send(t.url, v3({ nonce }))).status).toBe(200);
    t.clock?.advance(15 * MINUTE);
    expect((await send(t.url, v3({ nonce }))).status).toBe(200);
  });

  it("does not burn a nonce on a request that fails verification", async () => {
    const nonce = `nonce-bad-${Date.now()}`;
    expectEnvelope(await send(t.url, v3({ nonce, accessKeySecret: "wrong" })), 400, "SignatureDoesNotMatch");
    expect((await send(t.url, v3({ nonce }))).status).toBe(200);
  });

  it("names neither the secret nor the expected signature in SignatureDoesNotMatch", async () => {
    const req = v3({ accessKeySecret: "wrong" });
    const res = await send(t.url, req);
    const headers: Record<string, string> = {};
    const signed = ["host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce", "x-acs-version"];
    for (const h of signed) headers[h] = req.headers[h] as string;
    const expected = v3Signature(
      {
        method: "POST",
        pathname: "/",
        query: { DBInstanceId: DEMO_DB_INSTANCE_ID },
        headers,
        signedHeaders: signed,
        hashedPayload: headers["x-acs-content-sha256"] as string,
      },
      DEMO_ACCESS_KEY_SECRET,
    );
    expectEnvelope(res, 400, "SignatureDoesNotMatch");
    expect(res.text).not.toContain(expected);
    expect(res.text).not.toContain(DEMO_ACCESS_KEY_SECRET);
  });

  it("authenticates before it checks parameters", async () => {
    expectEnvelope(await send(t.url, v3({ accessKeySecret: "wrong", query: {} })), 400, "SignatureDoesNotMatch");
  });
});
