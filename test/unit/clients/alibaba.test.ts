import { describe, expect, it } from "vitest";
import { gpdb } from "../../../provider/apis/alibaba-gpdb";
import { AlibabaRpcClient } from "../../../provider/clients/alibaba";
import { AmbiguousRequestError, ApiError } from "../../../provider/errors";
import { DEFAULT_RETRY } from "../../../provider/transport/retry";
import { parseV3Authorization, sha256Hex } from "../../../provider/transport/alibaba-signature";

const settings = {
  accessKeyId: "LTAItest",
  accessKeySecret: "secret-value-never-shown",
  securityToken: undefined,
  region: "cn-beijing",
  endpoint: "http://127.0.0.1:9",
  maxRequestsPerSecond: 1000,
};

type Scripted = { status: number; body: unknown } | "drop";

/** A fetch that answers from a script and records what it was sent. */
function scriptedFetch(script: Scripted[]) {
  const sent: Array<{ url: string; headers: Record<string, string>; body: string }> = [];
  const f = async (url: URL | string, init?: RequestInit) => {
    sent.push({ url: String(url), headers: init?.headers as Record<string, string>, body: String(init?.body ?? "") });
    const next = script.shift();
    if (!next || next === "drop") throw new TypeError("fetch failed", { cause: { code: "ECONNRESET" } });
    return new Response(JSON.stringify(next.body), { status: next.status });
  };
  return { fetch: f as typeof fetch, sent };
}

const client = (script: Scripted[]) => {
  const s = scriptedFetch(script);
  const slept: number[] = [];
  const c = new AlibabaRpcClient(gpdb, { settings, region: "cn-beijing", fetch: s.fetch, sleep: async (ms) => void slept.push(ms), random: () => 0.5 });
  return { c, sent: s.sent, slept };
};

const throttled = { status: 400, body: { RequestId: "R1", Code: "Throttling.User", Message: "Request was denied due to user flow control." } };
const ok = { status: 200, body: { RequestId: "R2", JobId: 7 } };

describe("the Alibaba RPC client", () => {
  it("signs with ACS3-HMAC-SHA256 over host, the x-acs headers and the body hash", async () => {
    const { c, sent } = client([ok]);
    await c.call("CreateStreamingJob", { DBInstanceId: "gp-x", DataSourceId: "1", JobName: "j", SrcColumns: ["a", "b"] });
    const h = sent[0]!.headers;
    const auth = parseV3Authorization(h.authorization!);
    expect(auth?.accessKeyId).toBe("LTAItest");
    // gpdb's SDK sends every parameter in the query (vendor facts: gpdb.json transport), so there
    // is no body and no content-type to sign.
    expect(auth?.signedHeaders).toEqual(["host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce", "x-acs-version"]);
    expect(h["x-acs-action"]).toBe("CreateStreamingJob");
    expect(h["x-acs-content-sha256"]).toBe(sha256Hex(sent[0]!.body));
    expect(sent[0]!.body).toBe("");
    const query = new URL(sent[0]!.url).searchParams;
    expect([...query.keys()]).toEqual(["DBInstanceId", "DataSourceId", "JobName", "SrcColumns"]);
    expect(query.get("SrcColumns")).toBe('["a","b"]');
  });

  it("retries throttling with capped, jittered backoff and then succeeds", async () => {
    const { c, sent, slept } = client([throttled, throttled, ok]);
    await expect(c.call("CreateStreamingJob", { DBInstanceId: "gp-x", DataSourceId: "1", JobName: "j" })).resolves.toMatchObject({ JobId: 7 });
    expect(sent).toHaveLength(3);
    expect(slept).toEqual([150, 300]);
  });

  it("fails with the action, code and request id once retries run out", async () => {
    // Throttling has its own budget (DEFAULT_RETRY.maxThrottledAttempts); each answer here is throttled.
    const { c, sent } = client(Array(DEFAULT_RETRY.maxThrottledAttempts).fill(throttled));
    await expect(c.call("DescribeStreamingJob", { DBInstanceId: "gp-x", JobId: 1 })).rejects.toThrow(
      "gpdb DescribeStreamingJob failed: Throttling.User: Request was denied due to user flow control. (HTTP 400, request id R1)",
    );
    expect(sent).toHaveLength(DEFAULT_RETRY.maxThrottledAttempts as number);
  });

  it("retries a dropped connection for a read-only action", async () => {
    const { c, sent } = client(["drop", { status: 200, body: { RequestId: "R", JobId: "1", JobName: "j", DataSourceId: "1", Status: "Running" } }]);
    await expect(c.call("DescribeStreamingJob", { DBInstanceId: "gp-x", JobId: 1 })).resolves.toMatchObject({ Status: "Running" });
    expect(sent).toHaveLength(2);
  });

  it("fails a create with AmbiguousRequestError instead of blindly resending it after a 5xx or a dropped connection", async () => {
    for (const first of ["drop", { status: 503, body: { RequestId: "R9", Code: "ServiceUnavailable", Message: "busy" } }] as Scripted[]) {
      const { c, sent } = client([first, ok]);
      await expect(c.call("CreateStreamingJob", { DBInstanceId: "gp-x", DataSourceId: "1", JobName: "j" })).rejects.toBeInstanceOf(AmbiguousRequestError);
      expect(sent).toHaveLength(1);
    }
  });

  it("does not retry a client error and keeps secrets out of its message", async () => {
    const echo = { status: 400, body: { RequestId: "R3", Code: "InvalidParameter", Message: "password Demo#Pass123 rejected" } };
    const { c, sent } = client([echo]);
    const err = await c
      .call("CreateStreamingJob", { DBInstanceId: "gp-x", DataSourceId: "1", JobName: "j", Password: "Demo#Pass123" })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(String((err as Error).message)).toBe("gpdb CreateStreamingJob failed: InvalidParameter: password [secret] rejected (HTTP 400, request id R3)");
    expect(sent).toHaveLength(1);
    expect(JSON.stringify(err)).not.toContain("secret-value-never-shown");
  });

  it("recognises the action's not-found codes", async () => {
    const { c } = client([{ status: 404, body: { RequestId: "R4", Code: "ExternalDataSourceJob.NotFound", Message: "no job" } }]);
    const err = await c.call("DescribeStreamingJob", { DBInstanceId: "gp-x", JobId: 1 }).catch((e: unknown) => e);
    expect(c.isNotFound("DescribeStreamingJob", err)).toBe(true);
    expect(c.isNotFound("DescribeStreamingJob", new Error("x"))).toBe(false);
  });

  it("rejects a response whose shape does not match the action table", async () => {
    const { c } = client([{ status: 200, body: { RequestId: "R5", JobId: "seven" } }]);
    await expect(c.call("CreateStreamingJob", { DBInstanceId: "gp-x", DataSourceId: "1", JobName: "j" })).rejects.toThrow(
      /CreateStreamingJob returned a response this provider does not understand: JobId: .*request id R5/,
    );
  });

  // The SDK's RPC parser (vendor facts: gpdb.json error_body, from darabonba-openapi): HTTP 400-599
  // is an error, Code/Message/RequestId are also read in lower case.
  it("reads an error body spelled in lower case, as the SDK's parser does", async () => {
    const { c } = client([{ status: 404, body: { requestId: "R6", code: "ExternalDataSourceJob.NotFound", message: "no job" } }]);
    const err = await c.call("DescribeStreamingJob", { DBInstanceId: "gp-x", JobId: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: "ExternalDataSourceJob.NotFound", requestId: "R6", httpStatus: 404 });
    expect(c.isNotFound("DescribeStreamingJob", err)).toBe(true);
  });

  it("takes an HTTP 200 answer as success even when its body carries a Code", async () => {
    const { c } = client([{ status: 200, body: { RequestId: "R7", Code: "200", JobId: 7 } }]);
    await expect(c.call("CreateStreamingJob", { DBInstanceId: "gp-x", DataSourceId: "1", JobName: "j" })).resolves.toMatchObject({ JobId: 7 });
  });
});
