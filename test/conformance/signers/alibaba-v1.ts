/**
 * Alibaba Cloud's signature V1 (HMAC-SHA1), as the vendor's credentials library signs STS
 * AssumeRole (aliyun/credentials-go@9ac55b4041418ba3d0ac846cd69c000998d737b9:
 * credentials/providers/ram_role_arn.go; facts/alibaba-credentials.json `signature_v1`), written
 * for the conformance tier only and sharing nothing with the provider's signer.
 *
 * The parameters signed are the query's and the form body's together. Their canonical text is the
 * one the V3 signer builds for a query (sorted by bytes, values percent-encoded the RFC 3986 way),
 * which is why it is reused here: the names STS takes are letters only, so leaving names unencoded
 * changes nothing.
 */
import { createHmac } from "node:crypto";
import { canonicalQueryString, canonicalValue } from "./alibaba-acs3";

/** The base64 V1 signature of `params` sent with `method` to the path `/`. */
export function v1Sign(method: string, params: Readonly<Record<string, string>>, accessKeySecret: string): string {
  const stringToSign = `${method}&${canonicalValue("/")}&${canonicalValue(canonicalQueryString(params))}`;
  return createHmac("sha1", `${accessKeySecret}&`).update(stringToSign).digest("base64");
}
