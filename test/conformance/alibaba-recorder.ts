/**
 * A fetch that records every exchange the provider's Alibaba client makes (it takes `fetch` through
 * its IoOptions, provider/transport/io.ts), and the check of one recorded request against the
 * facts: the operation, its parameters (names, locations, encodings, required, enums, nothing the
 * SDK model lacks) and the ACS3 headers the SDK sends, the signature recomputed by the tier's own
 * signer (darabonba-openapi DoRequest, see alibaba-sdk-request.ts).
 */
import { apiByVersion, operationFact, requestParamProblems } from "./alibaba-apis";
import { acs3Sign, canonicalHeaders, hexSha256, parseAcs3Authorization } from "./signers/alibaba-acs3";

export interface Exchange {
  readonly url: URL;
  readonly method: string;
  /** Request headers, names lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** The answer; absent when the request failed without one. */
  response?: { readonly status: number; readonly contentType: string | undefined; readonly text: string };
}

export interface Recorder {
  readonly fetch: typeof fetch;
  readonly exchanges: Exchange[];
}

function headersOf(init: RequestInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(init?.headers).forEach((value, name) => {
    out[name.toLowerCase()] = value;
  });
  return out;
}

export function recordingFetch(): Recorder {
  const exchanges: Exchange[] = [];
  const recording = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    const body = typeof init?.body === "string" ? init.body : init?.body === undefined || init.body === null ? "" : String(init.body);
    const exchange: Exchange = { url, method: init?.method ?? "GET", headers: headersOf(init), body };
    exchanges.push(exchange);
    const res = await fetch(input, init);
    const text = await res.clone().text();
    exchange.response = { status: res.status, contentType: res.headers.get("content-type") ?? undefined, text };
    return res;
  };
  return { fetch: recording as typeof fetch, exchanges };
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

function paramsOf(sp: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of sp) out[k] = v;
  return out;
}

/** The action a recorded request names (x-acs-action), for grouping and messages. */
export const actionOf = (ex: Exchange) => ex.headers["x-acs-action"] ?? "(no x-acs-action)";

/** Every way one request the client sent disagrees with the facts and the SDK's request layout. */
export function clientRequestProblems(ex: Exchange, accessKeyId: string, accessKeySecret: string): string[] {
  const h = ex.headers;
  const version = h["x-acs-version"];
  const action = h["x-acs-action"];
  const api = version === undefined ? undefined : apiByVersion(version);
  const op = api === undefined || action === undefined ? undefined : operationFact(api, action);
  if (op === undefined) return [`x-acs-action ${String(action)} / x-acs-version ${String(version)} names no operation in the facts`];

  const problems: string[] = [];
  if (ex.method !== op.method) problems.push(`method ${ex.method}, the SDK sends ${op.method}`);
  if (ex.url.pathname !== (op.pathname ?? "/")) problems.push(`pathname ${ex.url.pathname}, the SDK sends ${op.pathname ?? "/"}`);

  if (!TIMESTAMP.test(h["x-acs-date"] ?? "")) problems.push(`x-acs-date ${String(h["x-acs-date"])} is not yyyy-MM-ddTHH:mm:ssZ`);
  if ((h["x-acs-signature-nonce"] ?? "") === "") problems.push("x-acs-signature-nonce is missing");
  if (h["x-acs-content-sha256"] !== hexSha256(ex.body)) problems.push("x-acs-content-sha256 is not the hex SHA-256 of the body");
  if (h.accept !== "application/json") problems.push(`accept ${String(h.accept)}, the SDK sends application/json`);
  const form = ex.body !== "";
  if (form && h["content-type"] !== "application/x-www-form-urlencoded") problems.push(`a form body sent with content-type ${String(h["content-type"])}`);
  if (!form && h["content-type"] !== undefined) problems.push(`content-type ${h["content-type"]} without a body (the SDK sets it only for a form body)`);

  const auth = parseAcs3Authorization(h.authorization ?? "");
  if (auth === undefined) {
    problems.push(`authorization ${JSON.stringify(h.authorization)} is not ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=<64 hex>`);
  } else {
    const query = paramsOf(ex.url.searchParams);
    const sent = { ...h, host: ex.url.host };
    const expected = acs3Sign({ method: ex.method, pathname: ex.url.pathname, query, headers: sent, body: ex.body }, accessKeyId, accessKeySecret);
    const wanted = canonicalHeaders(sent).signedHeaders;
    if (auth.accessKeyId !== accessKeyId) problems.push(`Credential ${auth.accessKeyId}, the client was given ${accessKeyId}`);
    if (auth.signedHeaders.join(";") !== wanted.join(";")) problems.push(`SignedHeaders ${auth.signedHeaders.join(";")}, the SDK signs ${wanted.join(";")}`);
    else if (auth.signature !== expected.signature) problems.push("the signature is not the ACS3-HMAC-SHA256 of the request as sent");
  }

  const formParams = form ? paramsOf(new URLSearchParams(ex.body)) : {};
  problems.push(...requestParamProblems(op, { query: paramsOf(ex.url.searchParams), form: formParams }));
  return problems;
}
