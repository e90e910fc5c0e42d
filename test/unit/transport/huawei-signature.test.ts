/**
 * The four published SDK-HMAC-SHA256 vectors (docs/vendors/huawei-signing.md#sdk-hmac-sha256) against the
 * provider's signer. The emulator verifies with the same primitives, so these pin both sides.
 */
import { describe, expect, it } from "vitest";
import {
  canonicalQuery,
  canonicalRequest,
  canonicalUri,
  parseAuthorization,
  parseSdkDate,
  sdkDate,
  signRequest,
  signature,
  signatureMatches,
  stringToSign,
} from "../../../provider/transport/huawei-signature";
import { sha256Hex } from "../../../provider/transport/alibaba-signature";

const AK = "AccessKey";
const SK = "SecretKey";
const DATE = "20060102T150405Z";
const PROJECT = "0123456789abcdef0123456789abcdef";

interface Vector {
  name: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  signed: string[];
  body: string;
  expected: string;
}

const vectors: Vector[] = [
  {
    name: "V1: Go SDK, GET with a query, only x-sdk-date signed",
    method: "GET",
    url: "https://example.huaweicloud.com/path?limit=1",
    headers: { "X-Sdk-Date": DATE },
    signed: ["x-sdk-date"],
    body: "",
    expected: "5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624",
  },
  {
    name: "V2: Go SDK, POST with a JSON body ending in a newline",
    method: "POST",
    url: "https://example.huaweicloud.com/path?key=value",
    headers: { "X-Sdk-Date": DATE },
    signed: ["x-sdk-date"],
    body: '{"Name":"test","Id":1}\n',
    expected: "cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59",
  },
  {
    name: "V3: Node SDK, EventRouter job create with content-type, host and x-project-id signed",
    method: "POST",
    url: `https://eg.cn-north-4.myhuaweicloud.com/v1/${PROJECT}/eventrouter/jobs`,
    headers: { "content-type": "application/json", Host: "eg.cn-north-4.myhuaweicloud.com", "X-Project-Id": PROJECT, "X-Sdk-Date": DATE },
    signed: ["content-type", "host", "x-project-id", "x-sdk-date"],
    body: '{"name":"job1","cluster_id":"c1"}',
    expected: "03af6ad237d127f2504f096dcd5f8d8999ba4bd9fa5321a6224bdce9cf506ad7",
  },
  {
    name: "V4: Node SDK, loopback GET with a space in the query",
    method: "GET",
    url: `http://127.0.0.1:8080/v2/${PROJECT}/streams/s1/transfer-tasks?limit=10&start_task_name=a b`,
    headers: { Host: "127.0.0.1:8080", "X-Project-Id": PROJECT, "X-Sdk-Date": DATE },
    signed: ["host", "x-project-id", "x-sdk-date"],
    body: "",
    expected: "f0e75f53d5c6b0d3c8b354ec586fa523782f4e152fe66146662807e3321f289b",
  },
];

function canonicalOf(v: Vector): string {
  const url = new URL(v.url);
  return canonicalRequest({ method: v.method, path: url.pathname, query: url.searchParams, headers: v.headers, signedHeaders: v.signed, body: v.body });
}

describe("SDK-HMAC-SHA256 published vectors", () => {
  for (const v of vectors) {
    it(v.name, () => {
      expect(signature(SK, stringToSign(DATE, canonicalOf(v)))).toBe(v.expected);
    });

    it(`${v.name}: signRequest produces the same Authorization`, () => {
      const url = new URL(v.url);
      // signRequest signs every header present, so give it exactly the vector's signed set.
      const given = Object.fromEntries(Object.entries(v.headers).filter(([k]) => k.toLowerCase() !== "host"));
      const headers = signRequest({ method: v.method, url, headers: given, body: v.body, accessKey: AK, secretKey: SK });
      const parsed = parseAuthorization(headers.Authorization ?? "");
      if (v.signed.includes("host")) {
        expect(parsed).toEqual({ accessKey: AK, signedHeaders: v.signed, signature: v.expected });
      } else {
        // The vector leaves host unsigned; our signer always signs it, so the signature differs but verifies.
        expect(parsed?.signedHeaders).toEqual([...v.signed, "host"].sort());
        const input = { method: v.method, path: url.pathname, query: url.searchParams, headers, signedHeaders: parsed?.signedHeaders ?? [], body: v.body };
        expect(signatureMatches(SK, DATE, input, parsed?.signature ?? "")).toBe(true);
      }
    });
  }

  it("V1 intermediate values: canonical request and its hash", () => {
    const canonical = canonicalOf(vectors[0] as Vector);
    expect(canonical).toBe(`GET\n/path/\nlimit=1\nx-sdk-date:${DATE}\n\nx-sdk-date\n${sha256Hex("")}`);
    expect(sha256Hex(canonical).slice(0, 8)).toBe("85c3b773");
    expect(sha256Hex(canonical).slice(-4)).toBe("98a4");
  });

  it("V3 intermediate values: body hash and canonical-request hash", () => {
    const v = vectors[2] as Vector;
    expect(sha256Hex(v.body)).toBe("c8724022602c28778401ec4157b4d1346e538d9cf7066c5fad0ce53c136f3318");
    expect(sha256Hex(canonicalOf(v))).toBe("5604b08a8c827a8cba0517927f88b67af0bde797c5522ae731c99c4194886b7d");
  });

  it("V4 intermediate value: the query canonicalises with %20", () => {
    expect(canonicalQuery(new URL((vectors[3] as Vector).url).searchParams)).toBe("limit=10&start_task_name=a%20b");
  });
});

describe("canonical parts", () => {
  it("the canonical URI always ends in / and encodes each segment once", () => {
    expect(canonicalUri("/v1/p/eventrouter/jobs")).toBe("/v1/p/eventrouter/jobs/");
    expect(canonicalUri("/v2/p/streams/a%20b/")).toBe("/v2/p/streams/a%20b/");
    expect(canonicalUri("/v2/p/streams/a b")).toBe("/v2/p/streams/a%20b/");
    expect(canonicalUri("/x/ü*")).toBe("/x/%C3%BC%2A/");
  });

  it("query values of one key are sorted too", () => {
    expect(
      canonicalQuery([
        ["b", "2"],
        ["a", "z"],
        ["a", "y"],
      ]),
    ).toBe("a=y&a=z&b=2");
  });

  it("X-Sdk-Content-Sha256 replaces the body hash", () => {
    const c = canonicalRequest({ method: "put", path: "/", query: [], headers: { "X-Sdk-Content-Sha256": "UNSIGNED-PAYLOAD" }, signedHeaders: [], body: "x" });
    expect(c.endsWith("\nUNSIGNED-PAYLOAD")).toBe(true);
    expect(c.startsWith("PUT\n")).toBe(true);
  });

  it("dates round-trip and malformed ones are refused", () => {
    const at = new Date(Date.UTC(2006, 0, 2, 15, 4, 5));
    expect(sdkDate(at)).toBe(DATE);
    expect(parseSdkDate(DATE)?.getTime()).toBe(at.getTime());
    expect(parseSdkDate("2006-01-02T15:04:05Z")).toBeUndefined();
    expect(parseSdkDate("20060231T150405Z")).toBeUndefined();
  });

  it("a tampered body, header or key does not verify", () => {
    const url = new URL(`http://127.0.0.1:9/v1/${PROJECT}/eventrouter/jobs`);
    const headers = signRequest({
      method: "POST",
      url,
      headers: { "Content-Type": "application/json", "X-Project-Id": PROJECT },
      body: "{}",
      accessKey: AK,
      secretKey: SK,
    });
    const parsed = parseAuthorization(headers.Authorization ?? "");
    expect(parsed).toBeDefined();
    const input = { method: "POST", path: url.pathname, query: url.searchParams, headers, signedHeaders: parsed?.signedHeaders ?? [], body: "{}" };
    const date = headers["X-Sdk-Date"] ?? "";
    expect(signatureMatches(SK, date, input, parsed?.signature ?? "")).toBe(true);
    expect(signatureMatches(SK, date, { ...input, body: "{ }" }, parsed?.signature ?? "")).toBe(false);
    expect(signatureMatches(SK, date, { ...input, headers: { ...headers, "X-Project-Id": "other" } }, parsed?.signature ?? "")).toBe(false);
    expect(signatureMatches("OtherKey", date, input, parsed?.signature ?? "")).toBe(false);
    expect(parseAuthorization("SDK-HMAC-SHA256 Access=a, SignedHeaders=b, Signature=short")).toBeUndefined();
  });
});
