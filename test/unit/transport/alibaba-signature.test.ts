/**
 * The signing vectors of docs/vendors/alibaba-signing.md (#signature-v1-hmac-sha1 and
 * #signature-v3-acs3-hmac-sha256) against the provider's signer. The emulator verifies with the same primitives, so these pin both sides.
 */
import { describe, expect, it } from "vitest";
import {
  canonicalQuery,
  parseV3Authorization,
  percentEncode,
  sha256Hex,
  signaturesEqual,
  v1Signature,
  v3AuthorizationHeader,
  v3Signature,
} from "../../../provider/transport/alibaba-signature";

const V1_COMMON = {
  Timestamp: "2016-02-23T12:46:24Z",
  SignatureNonce: "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
  SignatureMethod: "HMAC-SHA1",
  SignatureVersion: "1.0",
  AccessKeyId: "testid",
};
const GPDB_V1 = { ...V1_COMMON, Format: "json", Version: "2016-05-03", DBInstanceId: "gp-bp10g78o9807yv9h3", RegionId: "cn-beijing" };

const v1Vectors: Array<{ name: string; method: string; params: Record<string, string>; secret: string; expected: string }> = [
  {
    name: "classic doc vector: GET DescribeRegions",
    method: "GET",
    params: { ...V1_COMMON, Action: "DescribeRegions", Format: "XML", Version: "2014-05-26" },
    secret: "testsecret",
    expected: "OLeaidS1JvxuMvnyHOwuJ+uX5qY=",
  },
  {
    name: "POST gpdb DescribeStreamingJob",
    method: "POST",
    params: { ...GPDB_V1, Action: "DescribeStreamingJob", JobId: "1" },
    secret: "testsecret",
    expected: "3i0aaHpchVAwG7XIZ9IieHzGgW0=",
  },
  {
    name: "POST gpdb CreateStreamingJob (encoding of *, ~, space and JSON)",
    method: "POST",
    params: { ...GPDB_V1, Action: "CreateStreamingJob", JobName: "job 1*~", SrcColumns: '["a","b"]' },
    secret: "testsecret",
    expected: "UwimRtK5W/foDD1HVZnsCmzdHC4=",
  },
  {
    name: "darabonba-openapi-util unit test: empty method",
    method: "",
    params: { test: "ok" },
    secret: "accessKeySecret",
    expected: "jHx/oHoHNrbVfhncHEvPdHXZwHU=",
  },
];

describe("V1 HMAC-SHA1 vectors", () => {
  it.each(v1Vectors)("$name", ({ method, params, secret, expected }) => {
    expect(v1Signature(method, params, secret)).toBe(expected);
  });

  it("fails the gpdb vector when AccessKeyId is left out of the signed set (it is one of the common parameters)", () => {
    const { AccessKeyId: _dropped, ...withoutKey } = v1Vectors[1]?.params ?? {};
    expect(v1Signature("POST", withoutKey, "testsecret")).not.toBe("3i0aaHpchVAwG7XIZ9IieHzGgW0=");
  });
});

const V3_DATE = "2023-10-26T10:22:32Z";
const V3_NONCE = "3156853299f313e23d1673dc12e1703d";
const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const DI_BODY = "TaskContent=%7B%22type%22%3A%22job%22%7D";

const v3Vectors = [
  {
    name: "POST gpdb DescribeStreamingJob, empty body",
    host: "gpdb.aliyuncs.com",
    action: "DescribeStreamingJob",
    version: "2016-05-03",
    query: { DBInstanceId: "gp-bp10g78o9807yv9h3", JobId: "1", RegionId: "cn-beijing" },
    body: "",
    contentType: undefined,
    signedHeaders: "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version",
    expected: "a4224e5e78008077e6b0d980612cda3579445154aa6f5c1f74d246d83ffc996d",
  },
  {
    name: "POST dataworks CreateDISyncTask, form body",
    host: "dataworks.cn-shanghai.aliyuncs.com",
    action: "CreateDISyncTask",
    version: "2020-05-18",
    query: { ProjectId: "10000", TaskName: "new di task", TaskType: "DI_OFFLINE" },
    body: DI_BODY,
    contentType: "application/x-www-form-urlencoded",
    signedHeaders: "content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version",
    expected: "6881bc0443903f24a957ab3f0df2ab41b0e7e48ae1a85965134833a4e66da584",
  },
] as const;

describe("V3 ACS3-HMAC-SHA256 vectors", () => {
  it.each(v3Vectors)("$name", (v) => {
    const headers: Record<string, string> = {
      host: v.host,
      "x-acs-action": v.action,
      "x-acs-version": v.version,
      "x-acs-date": V3_DATE,
      "x-acs-signature-nonce": V3_NONCE,
      "x-acs-content-sha256": sha256Hex(v.body),
      ...(v.contentType !== undefined && { "content-type": v.contentType }),
    };
    const signedHeaders = Object.keys(headers).sort();
    expect(signedHeaders.join(";")).toBe(v.signedHeaders);
    const signature = v3Signature(
      { method: "POST", pathname: "/", query: v.query, headers, signedHeaders, hashedPayload: sha256Hex(v.body) },
      "YourAccessKeySecret",
    );
    expect(signature).toBe(v.expected);
    const header = v3AuthorizationHeader("YourAccessKeyId", signedHeaders, signature);
    expect(parseV3Authorization(header)).toEqual({ accessKeyId: "YourAccessKeyId", signedHeaders, signature });
  });

  it("hashes the empty body and the DI form body as the notes state", () => {
    expect(sha256Hex("")).toBe(EMPTY_SHA256);
    expect(sha256Hex(DI_BODY)).toBe("00e15265ed2ce4793d95fbf58067e0de38390552950d46bb3ddc2c65b3cbc5de");
  });
});

describe("canonicalisation helpers", () => {
  it.each([
    ["space", "a b", "a%20b"],
    ["tilde stays literal", "~", "~"],
    ["sub-delims are encoded", "!'()*", "%21%27%28%29%2A"],
    ["JSON array", '["a","b"]', "%5B%22a%22%2C%22b%22%5D"],
    ["non-ASCII as UTF-8", "é", "%C3%A9"],
  ])("percent-encodes %s", (_name, input, expected) => {
    expect(percentEncode(input)).toBe(expected);
  });

  it("sorts canonical query keys in byte order (uppercase before lowercase)", () => {
    expect(canonicalQuery({ b: "1", B: "2", a: "" })).toBe("B=2&a=&b=1");
  });

  it.each([
    ["equal", "abc", "abc", true],
    ["different content", "abc", "abd", false],
    ["different length", "abc", "abcd", false],
  ])("compares signatures in constant time: %s", (_name, a, b, equal) => {
    expect(signaturesEqual(a, b)).toBe(equal);
  });

  it.each([
    ["another algorithm", "ACS3-HMAC-SM3 Credential=a,SignedHeaders=host,Signature=ab"],
    ["a missing part", "ACS3-HMAC-SHA256 Credential=a,Signature=ab"],
    ["an uppercase hex signature", "ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host,Signature=AB"],
  ])("rejects an Authorization header with %s", (_name, header) => {
    expect(parseV3Authorization(header)).toBeUndefined();
  });
});
