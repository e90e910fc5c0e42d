/**
 * The conformance tier's own SDK-HMAC-SHA256 signer against the vendors' published vectors: V1
 * and V2 are the official Go SDK's signer test (huaweicloud-sdk-go-v3@1cd70eb6,
 * core/auth/signer/signer_test.go), given as that test gives them (an underscore header and, in V2,
 * a Content-Type that the Go rule leaves unsigned); V3 and V4 are the Node SDK's, with the headers
 * it signs (the same four vectors test/unit/transport/huawei-signature.test.ts pins the provider's signer to).
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  authorization,
  canonicalRequest,
  sdkEscape,
  goSdkSignedHeaders,
  nodeSdkSignedHeaders,
  type SignedHeaderRule,
  sdkDateOf,
} from "./signers/huawei-sdk-hmac";

const AK = "AccessKey";
const SK = "SecretKey";
const DATE = "20060102T150405Z";
const PROJECT = "0123456789abcdef0123456789abcdef";

interface Vector {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly query: readonly (readonly [string, string])[];
  readonly headers: Readonly<Record<string, string>>;
  readonly rule: SignedHeaderRule;
  readonly body: string;
  readonly signedHeaders: string;
  readonly signature: string;
}

const VECTORS: readonly Vector[] = [
  {
    name: "V1 (Go SDK): GET with a query; the underscore header is not signed",
    method: "GET",
    path: "/path",
    query: [["limit", "1"]],
    headers: { "X-Sdk-Date": DATE, TEST_UNDERSCORE: "TEST_VALUE" },
    rule: goSdkSignedHeaders,
    body: "",
    signedHeaders: "x-sdk-date",
    signature: "5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624",
  },
  {
    name: "V2 (Go SDK): POST with Go's JSON encoding (trailing newline); Content-Type not signed",
    method: "POST",
    path: "/path",
    query: [["key", "value"]],
    headers: { "X-Sdk-Date": DATE, TEST_UNDERSCORE: "TEST_VALUE", "Content-Type": "application/json" },
    rule: goSdkSignedHeaders,
    body: '{"Name":"test","Id":1}\n',
    signedHeaders: "x-sdk-date",
    signature: "cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59",
  },
  {
    name: "V3 (Node SDK): EventRouter job create, content-type, host and x-project-id signed",
    method: "POST",
    path: `/v1/${PROJECT}/eventrouter/jobs`,
    query: [],
    headers: { "content-type": "application/json", Host: "eg.cn-north-4.myhuaweicloud.com", "X-Project-Id": PROJECT, "X-Sdk-Date": DATE },
    rule: nodeSdkSignedHeaders,
    body: '{"name":"job1","cluster_id":"c1"}',
    signedHeaders: "content-type;host;x-project-id;x-sdk-date",
    signature: "03af6ad237d127f2504f096dcd5f8d8999ba4bd9fa5321a6224bdce9cf506ad7",
  },
  {
    name: "V4 (Node SDK): loopback GET with a space in the query",
    method: "GET",
    path: `/v2/${PROJECT}/streams/s1/transfer-tasks`,
    query: [
      ["limit", "10"],
      ["start_task_name", "a b"],
    ],
    headers: { Host: "127.0.0.1:8080", "X-Project-Id": PROJECT, "X-Sdk-Date": DATE },
    rule: nodeSdkSignedHeaders,
    body: "",
    signedHeaders: "host;x-project-id;x-sdk-date",
    signature: "f0e75f53d5c6b0d3c8b354ec586fa523782f4e152fe66146662807e3321f289b",
  },
];

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

describe("the conformance signer reproduces the published SDK-HMAC-SHA256 vectors", () => {
  it.each(VECTORS)("$name", (v) => {
    expect(authorization({ ...v, accessKey: AK, secretKey: SK })).toBe(
      `SDK-HMAC-SHA256 Access=${AK}, SignedHeaders=${v.signedHeaders}, Signature=${v.signature}`,
    );
  });

  it("V1 intermediate values: the canonical request and its hash", () => {
    const v = VECTORS[0] as Vector;
    const canonical = canonicalRequest({ ...v, signedHeaders: ["x-sdk-date"] });
    expect(canonical).toBe(`GET\n/path/\nlimit=1\nx-sdk-date:${DATE}\n\nx-sdk-date\n${sha256("")}`);
    expect(sha256(canonical).slice(0, 8)).toBe("85c3b773");
    expect(sha256(canonical).slice(-4)).toBe("98a4");
  });

  it("V3 intermediate values: the body hash and the canonical-request hash", () => {
    const v = VECTORS[2] as Vector;
    expect(sha256(v.body)).toBe("c8724022602c28778401ec4157b4d1346e538d9cf7066c5fad0ce53c136f3318");
    const canonical = canonicalRequest({ ...v, signedHeaders: ["content-type", "host", "x-project-id", "x-sdk-date"] });
    expect(sha256(canonical)).toBe("5604b08a8c827a8cba0517927f88b67af0bde797c5522ae731c99c4194886b7d");
  });

  it("V4 intermediate value: the space in the query canonicalises as %20", () => {
    const v = VECTORS[3] as Vector;
    expect(canonicalRequest({ ...v, signedHeaders: [] }).split("\n")[2]).toBe("limit=10&start_task_name=a%20b");
  });
});

describe("the signer's building blocks, as the Go SDK defines them", () => {
  it("escapes every UTF-8 byte outside A-Z a-z 0-9 _ - ~ . in upper-case hex", () => {
    expect(sdkEscape("AZaz09_-~.")).toBe("AZaz09_-~.");
    expect(sdkEscape("a b/c*ü+")).toBe("a%20b%2Fc%2A%C3%BC%2B");
  });

  it("sorts query keys, then the values of one key", () => {
    const c = canonicalRequest({
      method: "get",
      path: "/",
      query: [
        ["b", "2"],
        ["a", "z"],
        ["a", "y"],
      ],
      headers: {},
      signedHeaders: [],
      body: "",
    });
    expect(c.split("\n").slice(0, 3)).toEqual(["GET", "/", "a=y&a=z&b=2"]);
  });

  it("uses X-Sdk-Content-Sha256 instead of the body hash when it is present", () => {
    const c = canonicalRequest({ method: "PUT", path: "/x", query: [], headers: { "X-Sdk-Content-Sha256": "UNSIGNED-PAYLOAD" }, signedHeaders: [], body: "x" });
    expect(c.endsWith("\nUNSIGNED-PAYLOAD")).toBe(true);
  });

  it("signs, by the Go rule, neither Content-Type (any casing) nor names with an underscore", () => {
    expect(goSdkSignedHeaders(["User-Agent", "Content-Type", "content-type-x", "X_Y", "X-Project-Id", "X-Sdk-Date"])).toEqual([
      "user-agent",
      "x-project-id",
      "x-sdk-date",
    ]);
  });

  it("writes X-Sdk-Date as YYYYMMDDTHHMMSSZ in UTC", () => {
    expect(sdkDateOf(new Date(Date.UTC(2006, 0, 2, 15, 4, 5)))).toBe(DATE);
  });

  it("rejects a header map without X-Sdk-Date", () => {
    expect(() => authorization({ method: "GET", path: "/", query: [], headers: {}, body: "", accessKey: AK, secretKey: SK, rule: goSdkSignedHeaders })).toThrow(
      "no X-Sdk-Date",
    );
  });
});
