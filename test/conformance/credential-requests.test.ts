/**
 * The provider's credential sources (provider/credentials/alibaba.ts and huawei.ts: STS AssumeRole
 * and AssumeRoleWithOIDC, Alibaba's and Huawei's ECS metadata services, IAM security tokens by
 * agency) driven against the loopback stand-ins of those services (test/helpers/credential-stand-ins.ts)
 * through a fetch that records the wire. Each request is judged against
 * facts/alibaba-credentials.json and facts/huawei-credentials.json alone (method, path, query and
 * form parameter names and where they travel, values, what is always sent, headers and their
 * values, the V1 signature recomputed by the tier's own signer, the metadata session token sent
 * once obtained), and so is each answer the stand-ins gave, so a stand-in that drifts from the
 * vendor's shape fails here rather than passing the contract tests with the provider.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assumeRole, ecsRamRole, oidcRole } from "../../provider/credentials/alibaba";
import { assumeAgency, ecsAgency } from "../../provider/credentials/huawei";
import { type SourceIo, clearCredentialCache, staticSource } from "../../provider/credentials/source";
import { type StandIn, alibabaMetadata, alibabaSts, huaweiIam, huaweiMetadata } from "../helpers/credential-stand-ins";
import { errorEnvelopeProblems } from "./alibaba-apis";
import { type Cloud, type CredentialOperation, answerProblemsOf, credentialOperations, isRpc, operationOf, requestProblems } from "./credential-facts";
import { type Exchange, recordingFetch } from "./huawei-recorder";
import { v1Sign } from "./signers/alibaba-v1";

const ALIBABA_SOURCE = { accessKeyId: "LTAIconformanceKey", accessKeySecret: "conformance-secret-Zq7" };
const HUAWEI_SOURCE = { accessKeyId: "HWCONFORMANCEAK", accessKeySecret: "hw-conformance-sk-Zq7" };
const HUAWEI_AGENCY_KEYS = { id: "HWAGENCYAK", secret: "hw-agency-sk-Zq7" };
const ROLE = "streamjobs-deployer";
const ROLE_ARN = "acs:ram::1234567890123456:role/deployer";
const OIDC_TOKEN = "eyJ.conformance-oidc.sig";
const AGENCY = { agencyName: "deploy_agency", domainName: "acme-prod" };

const services: Record<"aliMetadata" | "sts" | "hwMetadata" | "hwOlderMetadata" | "iam", StandIn> = {} as never;
const wire: Record<Cloud, Exchange[]> = { alibaba: [], huawei: [] };
const io = (cloud: Cloud): SourceIo => ({ fetch: recordingFetch(wire[cloud]) });
const url = (s: StandIn) => new URL(s.url);

/** What the credential chains do, one row per request shape the facts describe. */
const SCENARIOS: readonly { readonly cloud: Cloud; readonly what: string; readonly run: () => Promise<unknown> }[] = [
  {
    cloud: "alibaba",
    what: "the ECS RAM role the metadata service names, read with a session token",
    run: () => ecsRamRole(undefined, url(services.aliMetadata), false, io("alibaba")).credentials(),
  },
  {
    cloud: "alibaba",
    what: "a named ECS RAM role with IMDSv1 disabled",
    run: () => ecsRamRole(ROLE, url(services.aliMetadata), true, io("alibaba")).credentials(),
  },
  {
    cloud: "alibaba",
    what: "AssumeRole signed with long-lived keys, with a policy and an external id",
    run: () =>
      assumeRole(
        staticSource("static access key", ALIBABA_SOURCE),
        { roleArn: ROLE_ARN, sessionName: "conformance-1", durationSeconds: 900, policy: '{"Version":"1","Statement":[]}', externalId: "abcd1234" },
        url(services.sts),
        io("alibaba"),
      ).credentials(),
  },
  {
    cloud: "alibaba",
    what: "AssumeRole signed with temporary keys",
    run: () =>
      assumeRole(
        staticSource("static STS token", { ...ALIBABA_SOURCE, securityToken: "source-sts-token" }),
        { roleArn: ROLE_ARN, sessionName: "conformance-2", durationSeconds: 3600 },
        url(services.sts),
        io("alibaba"),
      ).credentials(),
  },
  {
    cloud: "alibaba",
    what: "AssumeRoleWithOIDC with a policy",
    run: () =>
      oidcRole(
        {
          roleArn: ROLE_ARN,
          oidcProviderArn: "acs:ram::1234567890123456:oidc-provider/ci",
          token: OIDC_TOKEN,
          sessionName: "conformance-3",
          durationSeconds: 3600,
          policy: '{"Version":"1","Statement":[]}',
        },
        url(services.sts),
        io("alibaba"),
      ).credentials(),
  },
  {
    cloud: "huawei",
    what: "the ECS agency's keys from a V2-only metadata service",
    run: () => ecsAgency(url(services.hwMetadata), io("huawei")).credentials(),
  },
  {
    cloud: "huawei",
    what: "the ECS agency's keys from a metadata service without the token API",
    run: () => ecsAgency(url(services.hwOlderMetadata), io("huawei")).credentials(),
  },
  {
    cloud: "huawei",
    what: "an agency assumed with long-lived keys",
    run: () => assumeAgency(staticSource("static AK/SK", HUAWEI_SOURCE), { ...AGENCY, durationSeconds: 3600 }, url(services.iam), io("huawei")).credentials(),
  },
  {
    cloud: "huawei",
    what: "an agency assumed with the ECS agency's temporary keys",
    run: () =>
      assumeAgency(ecsAgency(url(services.hwMetadata), io("huawei")), { ...AGENCY, durationSeconds: 900 }, url(services.iam), io("huawei")).credentials(),
  },
];

const scenarioErrors: string[] = [];
let refusal: Exchange | undefined;

beforeAll(async () => {
  Object.assign(services, {
    aliMetadata: await alibabaMetadata(ROLE),
    sts: await alibabaSts({ [ALIBABA_SOURCE.accessKeyId]: ALIBABA_SOURCE.accessKeySecret }, OIDC_TOKEN),
    hwMetadata: await huaweiMetadata(HUAWEI_AGENCY_KEYS),
    hwOlderMetadata: await huaweiMetadata(undefined, { tokens: false }),
    iam: await huaweiIam({ [HUAWEI_SOURCE.accessKeyId]: HUAWEI_SOURCE.accessKeySecret, [HUAWEI_AGENCY_KEYS.id]: HUAWEI_AGENCY_KEYS.secret }),
  });
  for (const s of SCENARIOS) {
    // Sources are shared per process by what they were built from; each scenario starts afresh.
    clearCredentialCache();
    await s.run().catch((err: Error) => scenarioErrors.push(`${s.what}: ${err.message}`));
  }
  clearCredentialCache();
  const refused: Exchange[] = [];
  const settings = { roleArn: ROLE_ARN, oidcProviderArn: "acs:ram::1:oidc-provider/ci", token: "not-the-token", sessionName: "refused", durationSeconds: 900 };
  await oidcRole(settings, url(services.sts), { fetch: recordingFetch(refused) })
    .credentials()
    .catch(() => undefined);
  refusal = refused[0];
}, 60_000);
afterAll(() => Promise.all(Object.values(services).map((s) => s.close())));

const exchangesOf = (op: CredentialOperation) => wire[op.cloud].filter((e) => operationOf(op.cloud, e.request)?.label === op.label);
const shown = (e: Exchange) => `${e.request.method} ${e.request.path}`;

describe("the provider's credential requests, and the stand-ins' answers, match the vendor facts", () => {
  it("runs every scenario to completion", () => {
    expect(scenarioErrors).toEqual([]);
  });

  it.each(credentialOperations().map((op) => [op.label, op] as const))("%s: every request as sent", (_, op) => {
    const sent = exchangesOf(op);
    expect(sent.length, `no scenario sent ${op.label}; add one that does`).toBeGreaterThan(0);
    expect([...new Set(sent.flatMap((e) => requestProblems(op, e.request).map((p) => `${shown(e)}: ${p}`)))]).toEqual([]);
  });

  it.each(credentialOperations().map((op) => [op.label, op] as const))("%s: every answer of the stand-in", (_, op) => {
    const answered = exchangesOf(op).filter((e) => e.answer !== undefined);
    expect(answered.length).toBeGreaterThan(0);
    expect([...new Set(answered.flatMap((e) => answerProblemsOf(op, e.answer as NonNullable<Exchange["answer"]>).map((p) => `${shown(e)}: ${p}`)))]).toEqual(
      // A metadata service without the token API answers its token request 404, which the facts name as such.
      op.label === "huawei.GetMetadataToken" ? [expect.stringMatching(/^PUT \/meta-data\/latest\/api\/token: status 404, the fact says 200$/)] : [],
    );
  });

  it("sends nothing that is not an operation of the facts", () => {
    const stray = (["alibaba", "huawei"] as const).flatMap((c) =>
      wire[c].filter((e) => operationOf(c, e.request) === undefined).map((e) => `${c}: ${shown(e)}`),
    );
    expect(stray).toEqual([]);
  });

  it("answers a refused metadata token request only with a status the facts let the client go on after", () => {
    const token = credentialOperations().find((op) => op.label === "huawei.GetMetadataToken");
    const statuses = exchangesOf(token as CredentialOperation).map((e) => e.answer?.status);
    const fact = token?.fact;
    const goOn = fact !== undefined && !isRpc(fact) ? (fact.statuses_without_token_api ?? []) : [];
    expect(statuses.filter((s) => s !== 200 && !goOn.includes(s ?? 0))).toEqual([]);
    expect(statuses).toContain(200);
  });

  it("signs AssumeRole with signature V1 over the query and form parameters, keyed with the source's secret", () => {
    const signed = wire.alibaba.filter((e) => operationOf("alibaba", e.request)?.key === "AssumeRole");
    expect(signed.length).toBe(2);
    for (const e of signed) {
      const { Signature, ...query } = Object.fromEntries(e.request.query);
      const params = { ...query, ...Object.fromEntries(new URLSearchParams(e.request.bodyText)) };
      expect(Signature).toBe(v1Sign("POST", params, ALIBABA_SOURCE.accessKeySecret));
    }
    expect(signed.map((e) => new Map(e.request.query).get("SecurityToken"))).toEqual([undefined, "source-sts-token"]);
  });

  it("sends the metadata session token it obtained, in the header the facts name, with every later metadata read", () => {
    const problems: string[] = [];
    for (const cloud of ["alibaba", "huawei"] as const) {
      let token: string | undefined;
      for (const e of wire[cloud]) {
        const op = operationOf(cloud, e.request);
        if (op === undefined || isRpc(op.fact)) continue;
        if (op.key === "GetMetadataToken") {
          token = e.answer?.status === 200 ? e.answer.text : undefined;
          continue;
        }
        const header = op.fact.request?.header?.find((h) => /metadata-token$/i.test(h.name));
        if (header === undefined) continue;
        const sent = e.request.headers[header.name.toLowerCase()];
        if (sent !== token) problems.push(`${cloud} ${shown(e)}: ${header.name} is ${String(sent)}, the token obtained was ${String(token)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("gets STS's refusal of an OIDC token in the RPC error envelope", () => {
    expect(refusal?.answer?.status).toBe(400);
    const a = refusal?.answer;
    expect(errorEnvelopeProblems(a?.status ?? 0, String(a?.headers["content-type"]), JSON.parse(a?.text ?? "null"))).toEqual([]);
  });
});

describe("the credential request checks", () => {
  const byLabel = (label: string) => credentialOperations().find((op) => op.label === label) as CredentialOperation;

  it("rejects an STS request that strays from the facts", () => {
    const req = {
      method: "GET",
      path: "/",
      query: [
        ["Action", "AssumeRole"],
        ["Version", "2015-04-01"],
        ["Format", "XML"],
        ["Timestamp", "2026-01-01 00:00:00"],
        ["SignatureMethod", "HMAC-SHA256"],
        ["SignatureVersion", "1.0"],
        ["SignatureNonce", "n"],
        ["AccessKeyId", "id"],
        ["Signature", "s"],
        ["Unknown", "x"],
      ] as [string, string][],
      headers: { "content-type": "application/json" },
      bodyText: "RoleSessionName=a&DurationSeconds=100",
    };
    expect(requestProblems(byLabel("alibaba.AssumeRole"), req)).toEqual([
      "method GET, the vendor's sources send POST",
      'Format is "XML", not one of the vendor\'s values JSON',
      'Timestamp is "2026-01-01 00:00:00", not of the form ^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$',
      'SignatureMethod is "HMAC-SHA256", not one of the vendor\'s values HMAC-SHA1',
      "Unknown (query) is not a parameter of AssumeRole in the facts",
      "RoleSessionName is shorter than 2",
      "DurationSeconds is 100, below the minimum 900",
      "RoleArn is always sent by the vendor's sources and was not sent",
      "a form body sent with content-type application/json, not application/x-www-form-urlencoded",
    ]);
  });

  it("rejects a metadata request without its required header, and one whose header value is out of range", () => {
    const op = byLabel("alibaba.GetMetadataToken");
    const req = { method: "PUT", path: "/latest/api/token", query: [], headers: {}, bodyText: "" };
    expect(requestProblems(op, req)).toEqual(["header X-aliyun-ecs-metadata-token-ttl-seconds: required, but absent"]);
    expect(requestProblems(op, { ...req, headers: { "x-aliyun-ecs-metadata-token-ttl-seconds": "86400" } })).toEqual([
      "header X-aliyun-ecs-metadata-token-ttl-seconds: 86400 is outside 1 to 21600",
    ]);
  });

  it("rejects an answer whose fields are not the facts'", () => {
    const answer = { status: 200, headers: {}, text: JSON.stringify({ Code: "Failed", AccessKeyId: 1, Token: "t" }) };
    expect(answerProblemsOf(byLabel("alibaba.GetRamRoleCredentials"), answer)).toEqual([
      'Code: "Failed" is not one of "Success"',
      "AccessKeyId: integer 1, the fact says string",
      "Token: not a field of the fact (it lists Code, AccessKeyId, AccessKeySecret, SecurityToken, Expiration, LastUpdated)",
    ]);
    expect(answerProblemsOf(byLabel("huawei.GetMetadataToken"), { status: 200, headers: {}, text: "" })).toEqual([
      'the body is empty; the fact says "the session token as plain text"',
    ]);
  });
});
