/**
 * Loopback stand-ins for the services credentials come from: Alibaba's ECS metadata service and
 * STS, Huawei's ECS metadata service and IAM's security-token API (test/conformance checks their
 * requests and answers against facts/alibaba-credentials.json and facts/huawei-credentials.json). Each is a real HTTP server on
 * 127.0.0.1 (port 0) answering in the documented wire shapes, recording what it was asked, and
 * issuing numbered temporary keys whose lifetime a test sets, so expiry and renewal can be seen.
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { parseAuthorization, signatureMatches } from "../../provider/transport/huawei-signature";
import { v1Signature } from "../../provider/transport/alibaba-signature";

export interface Recorded {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage["headers"];
  readonly body: string;
}

export interface StandIn {
  readonly url: string;
  readonly requests: Recorded[];
  /** Keys issued so far (the n-th has id `<prefix>-<n>`). */
  issued: number;
  /** Lifetime of the keys issued from now on, in seconds. */
  lifetimeSeconds: number;
  close(): Promise<void>;
}

type Handler = (req: Recorded, standIn: StandIn, res: ServerResponse) => void;

async function serve(handle: Handler): Promise<StandIn> {
  const requests: Recorded[] = [];
  let server: Server | undefined;
  const standIn: StandIn = {
    url: "",
    requests,
    issued: 0,
    lifetimeSeconds: 3600,
    close: () => new Promise((done) => (server ? server.close(() => done()) : done())),
  };
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const recorded = { method: req.method ?? "GET", path: req.url ?? "/", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      requests.push(recorded);
      handle(recorded, standIn, res);
    });
  });
  await new Promise<void>((ready) => server?.listen(0, "127.0.0.1", () => ready()));
  (standIn as { url: string }).url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return standIn;
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
};

/** Keys a stand-in hands out instead of numbered ones (an emulator's demo keys); the token stays numbered. */
export interface FixedKeys {
  readonly id: string;
  readonly secret: string;
}

/** The next numbered keys and their expiry (ISO 8601, whole seconds, as both clouds write it). */
function issue(s: StandIn, prefix: string, fixed?: FixedKeys) {
  s.issued++;
  const expiration = new Date(Date.now() + s.lifetimeSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
  return {
    id: fixed?.id ?? `${prefix}-${s.issued}`,
    secret: fixed?.secret ?? `${prefix}-secret-${s.issued}`,
    token: `${prefix}-token-${s.issued}`,
    expiration,
  };
}

export const ALIBABA_METADATA_TOKEN = "imds-session-token";

/**
 * Alibaba's ECS metadata service with RAM role `role` attached: PUT /latest/api/token gives a
 * session token, and the role list and credentials need it (IMDSv2 hardened mode).
 */
export function alibabaMetadata(role: string, fixed?: FixedKeys): Promise<StandIn> {
  const base = "/latest/meta-data/ram/security-credentials/";
  return serve((req, s, res) => {
    if (req.method === "PUT" && req.path === "/latest/api/token") {
      res.writeHead(200, { "content-type": "text/plain" });
      return res.end(ALIBABA_METADATA_TOKEN);
    }
    if (req.headers["x-aliyun-ecs-metadata-token"] !== ALIBABA_METADATA_TOKEN) return json(res, 401, {});
    if (req.path === base) {
      res.writeHead(200, { "content-type": "text/plain" });
      return res.end(role);
    }
    if (req.path === `${base}${role}`) {
      const k = issue(s, "ecs", fixed);
      return json(res, 200, {
        Code: "Success",
        AccessKeyId: k.id,
        AccessKeySecret: k.secret,
        SecurityToken: k.token,
        Expiration: k.expiration,
        LastUpdated: new Date().toISOString(),
      });
    }
    json(res, 404, {});
  });
}

/**
 * Alibaba STS: AssumeRole verified against the V1 signature of `signer` (whose secret it knows),
 * AssumeRoleWithOIDC against `oidcToken`. Errors come as STS writes them: {Code, Message, RequestId}.
 */
export function alibabaSts(signers: Readonly<Record<string, string>>, oidcToken: string): Promise<StandIn> {
  return serve((req, s, res) => {
    const url = new URL(req.path, "http://x");
    const query = Object.fromEntries(url.searchParams);
    const form = Object.fromEntries(new URLSearchParams(req.body));
    const fail = (code: string, message: string) => json(res, 400, { Code: code, Message: message, RequestId: `req-${s.requests.length}` });
    if (query.Action === "AssumeRole") {
      const { Signature, ...signed } = query;
      const secret = signers[query.AccessKeyId ?? ""];
      if (secret === undefined || v1Signature(req.method, { ...signed, ...form }, secret) !== Signature) {
        return fail("SignatureDoesNotMatch", "Specified signature is not matched with our calculation.");
      }
    } else if (query.Action === "AssumeRoleWithOIDC") {
      if (form.OIDCToken !== oidcToken) return fail("AuthenticationFail.OIDCToken.Invalid", `the token ${form.OIDCToken} is invalid`);
    } else return fail("InvalidAction.NotFound", "unknown action");
    if (!form.RoleArn || !form.RoleSessionName) return fail("MissingParameter", "RoleArn and RoleSessionName are required");
    const k = issue(s, "sts");
    json(res, 200, {
      RequestId: `req-${s.requests.length}`,
      AssumedRoleUser: { Arn: `${form.RoleArn}/${form.RoleSessionName}`, AssumedRoleId: `${s.issued}:${form.RoleSessionName}` },
      Credentials: { AccessKeyId: k.id, AccessKeySecret: k.secret, SecurityToken: k.token, Expiration: k.expiration },
    });
  });
}

export const HUAWEI_METADATA_TOKEN = "hw-metadata-session-token";

/**
 * Huawei's ECS metadata service for an ECS that runs with an agency, set to V2 only: PUT
 * /meta-data/latest/api/token gives a session token, and the security key needs it. With
 * `tokens: false` it is an older service without the token API (404), answering without one.
 */
export function huaweiMetadata(fixed?: FixedKeys, options: { readonly tokens?: boolean } = {}): Promise<StandIn> {
  const tokens = options.tokens ?? true;
  return serve((req, s, res) => {
    if (tokens && req.method === "PUT" && req.path === "/meta-data/latest/api/token") {
      res.writeHead(200, { "content-type": "text/plain" });
      return res.end(HUAWEI_METADATA_TOKEN);
    }
    if (req.method !== "GET" || req.path !== "/openstack/latest/securitykey") return json(res, 404, {});
    if (tokens && req.headers["x-metadata-token"] !== HUAWEI_METADATA_TOKEN) return json(res, 401, {});
    const k = issue(s, "agency", fixed);
    json(res, 200, { credential: { access: k.id, secret: k.secret, securitytoken: k.token, expires_at: k.expiration.replace("Z", ".000000Z") } });
  });
}

/**
 * Huawei IAM's `POST /v3.0/OS-CREDENTIAL/securitytokens`: the request's SDK-HMAC-SHA256 signature
 * verified against the secret of its access key in `signers`, the assume_role identity required.
 */
export function huaweiIam(signers: Readonly<Record<string, string>>): Promise<StandIn> {
  return serve((req, s, res) => {
    if (req.method !== "POST" || req.path !== "/v3.0/OS-CREDENTIAL/securitytokens") return json(res, 404, {});
    const auth = parseAuthorization(String(req.headers.authorization ?? ""));
    const secret = auth ? signers[auth.accessKey] : undefined;
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    const ok =
      auth !== undefined &&
      secret !== undefined &&
      signatureMatches(
        secret,
        headers["x-sdk-date"] ?? "",
        { method: req.method, path: req.path, query: [], headers, signedHeaders: auth.signedHeaders, body: req.body },
        auth.signature,
      );
    if (!ok) return json(res, 401, { error_code: "APIGW.0301", error_msg: "Incorrect IAM authentication information: verify aksk signature fail" });
    const identity = (JSON.parse(req.body) as { auth?: { identity?: { methods?: string[]; assume_role?: { agency_name?: string; domain_name?: string } } } })
      .auth?.identity;
    if (!identity?.methods?.includes("assume_role") || !identity.assume_role?.agency_name || !identity.assume_role.domain_name) {
      return json(res, 400, { error: { code: "1100", message: "Bad request: assume_role needs agency_name and domain_name" } });
    }
    const k = issue(s, "assumed");
    json(res, 201, { credential: { access: k.id, secret: k.secret, securitytoken: k.token, expires_at: k.expiration.replace("Z", ".000000Z") } });
  });
}
