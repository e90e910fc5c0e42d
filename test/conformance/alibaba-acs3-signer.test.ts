/**
 * The conformance tier's own ACS3-HMAC-SHA256 signer (signers/alibaba-acs3.ts) against the vendor's
 * published examples, before any contract case trusts it.
 *
 * Vendor vectors: the worked example of Alibaba Cloud's page "Request syntax and signature method
 * V3" (ECS RunInstances in cn-shanghai with the documentation's AccessKey `YourAccessKeyId` /
 * `YourAccessKeySecret`), whose Authorization header shows Signature `06563a9e…`, and the Chinese
 * edition of the same page (help.aliyun.com, "请求体&签名机制"), whose header example signs the same
 * request at another time with another nonce and shows Signature `e521358f…`.
 * The project's own V3 vectors (docs/vendors/alibaba-signing.md#signature-v3-acs3-hmac-sha256, also pinned by test/unit/transport/alibaba-signature.test.ts
 * for the provider's signer) are checked too, so both signers are tied to the same numbers.
 */
import { describe, expect, it } from "vitest";
import { acs3Sign, canonicalHeaders, canonicalQueryString, hexSha256, parseAcs3Authorization, sdkFormBody } from "./signers/alibaba-acs3";

const EMPTY_BODY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

const runInstances = (date: string, nonce: string) => ({
  method: "POST",
  pathname: "/",
  query: { ImageId: "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd", RegionId: "cn-shanghai" },
  headers: {
    host: "ecs.cn-shanghai.aliyuncs.com",
    "x-acs-action": "RunInstances",
    "x-acs-version": "2014-05-26",
    "x-acs-date": date,
    "x-acs-signature-nonce": nonce,
    "x-acs-content-sha256": EMPTY_BODY_SHA256,
  },
  body: "",
});

const vectors = [
  {
    name: "vendor page, worked example (2023-10-26T10:22:32Z)",
    request: runInstances("2023-10-26T10:22:32Z", "3156853299f313e23d1673dc12e1703d"),
    keyId: "YourAccessKeyId",
    secret: "YourAccessKeySecret",
    signature: "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0",
  },
  {
    name: "vendor page, Chinese edition header example (2023-10-26T09:01:01Z)",
    request: runInstances("2023-10-26T09:01:01Z", "d410180a5abf7fe235dd9b74aca91fc0"),
    keyId: "YourAccessKeyId",
    secret: "YourAccessKeySecret",
    signature: "e521358f7776c97df52e6b2891a8bc73026794a071b50c3323388c4e0df64804",
  },
  {
    name: "project vector: gpdb DescribeStreamingJob, empty body",
    request: {
      method: "POST",
      pathname: "/",
      query: { DBInstanceId: "gp-bp10g78o9807yv9h3", JobId: "1", RegionId: "cn-beijing" },
      headers: {
        host: "gpdb.aliyuncs.com",
        "x-acs-action": "DescribeStreamingJob",
        "x-acs-version": "2016-05-03",
        "x-acs-date": "2023-10-26T10:22:32Z",
        "x-acs-signature-nonce": "3156853299f313e23d1673dc12e1703d",
        "x-acs-content-sha256": EMPTY_BODY_SHA256,
      },
      body: "",
    },
    keyId: "YourAccessKeyId",
    secret: "YourAccessKeySecret",
    signature: "a4224e5e78008077e6b0d980612cda3579445154aa6f5c1f74d246d83ffc996d",
  },
  {
    name: "project vector: dataworks CreateDISyncTask, form body",
    request: {
      method: "POST",
      pathname: "/",
      query: { ProjectId: "10000", TaskName: "new di task", TaskType: "DI_OFFLINE" },
      headers: {
        host: "dataworks.cn-shanghai.aliyuncs.com",
        "x-acs-action": "CreateDISyncTask",
        "x-acs-version": "2020-05-18",
        "x-acs-date": "2023-10-26T10:22:32Z",
        "x-acs-signature-nonce": "3156853299f313e23d1673dc12e1703d",
        "x-acs-content-sha256": "00e15265ed2ce4793d95fbf58067e0de38390552950d46bb3ddc2c65b3cbc5de",
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "TaskContent=%7B%22type%22%3A%22job%22%7D",
    },
    keyId: "YourAccessKeyId",
    secret: "YourAccessKeySecret",
    signature: "6881bc0443903f24a957ab3f0df2ab41b0e7e48ae1a85965134833a4e66da584",
  },
];

describe("the conformance ACS3-HMAC-SHA256 signer", () => {
  it.each(vectors)("signs $name", ({ request, keyId, secret, signature }) => {
    const signed = acs3Sign(request, keyId, secret);
    expect(signed.signature).toBe(signature);
    expect(parseAcs3Authorization(signed.authorization)).toEqual({ accessKeyId: keyId, signedHeaders: [...signed.signedHeaders], signature });
  });

  it("builds the vendor example's canonical request line by line (blank line after the headers)", () => {
    const signed = acs3Sign(vectors[0]!.request, "YourAccessKeyId", "YourAccessKeySecret");
    expect(signed.canonicalRequest.split("\n")).toEqual([
      "POST",
      "/",
      "ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai",
      "host:ecs.cn-shanghai.aliyuncs.com",
      "x-acs-action:RunInstances",
      `x-acs-content-sha256:${EMPTY_BODY_SHA256}`,
      "x-acs-date:2023-10-26T10:22:32Z",
      "x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d",
      "x-acs-version:2014-05-26",
      "",
      "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version",
      EMPTY_BODY_SHA256,
    ]);
    expect(signed.stringToSign).toBe(`ACS3-HMAC-SHA256\n${hexSha256(signed.canonicalRequest)}`);
  });

  it.each([
    ["a space as %20", { a: "x y" }, "a=x%20y"],
    ["* as %2A and ~ literal", { a: "*~" }, "a=%2A~"],
    ["sub-delims and JSON encoded", { a: `["a","b"]!'()` }, "a=%5B%22a%22%2C%22b%22%5D%21%27%28%29"],
    ["non-ASCII as UTF-8 bytes", { a: "é" }, "a=%C3%A9"],
    ["an empty value as key=", { a: "" }, "a="],
    ["keys in byte order (upper case first)", { b: "1", B: "2", a: "3" }, "B=2&a=3&b=1"],
  ])("writes the canonical query with %s", (_name, query, expected) => {
    expect(canonicalQueryString(query)).toBe(expected);
  });

  it("signs only host, content-type and x-acs-* headers, lower-cased, trimmed and sorted", () => {
    const h = canonicalHeaders({ Host: " a.example ", accept: "application/json", "User-Agent": "x", "X-Acs-Action": "A", "content-type": "t" });
    expect(h.signedHeaders).toEqual(["content-type", "host", "x-acs-action"]);
    expect(h.text).toBe("content-type:t\nhost:a.example\nx-acs-action:A\n");
  });

  it("writes a form body as Go's url.Values.Encode (sorted, a space as +)", () => {
    expect(sdkFormBody({ b: "x y", a: '{"k":"v"}' })).toBe("a=%7B%22k%22%3A%22v%22%7D&b=x+y");
  });

  it("fails the vendor vector when a signed header changes, and not when an unsigned one does", () => {
    const base = vectors[0]!;
    const renamed = { ...base.request, headers: { ...base.request.headers, "x-acs-action": "DescribeInstances" } };
    expect(acs3Sign(renamed, base.keyId, base.secret).signature).not.toBe(base.signature);
    const withAccept = { ...base.request, headers: { ...base.request.headers, accept: "application/json", "user-agent": "AlibabaCloud" } };
    expect(acs3Sign(withAccept, base.keyId, base.secret).signature).toBe(base.signature);
  });
});
