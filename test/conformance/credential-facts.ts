/**
 * The credential services' facts (facts/alibaba-credentials.json, facts/huawei-credentials.json:
 * STS, both ECS metadata services, IAM security tokens by agency) as one list of operations, and the
 * checks the conformance tier applies with them to a recorded request and answer. STS actions are
 * RPC calls told apart by their Action parameter; the rest are REST calls, judged by the same
 * checks as the Huawei APIs (huawei-facts.ts). Every expectation comes from the facts; nothing here
 * reads provider/ or emulator/.
 */
import { answerProblems, wireValueProblems } from "./alibaba-apis";
import { type CredentialOperationFact, type CredentialRpcFact, type FieldFact, type RestOperationFact, facts } from "./facts";
import { type WireAnswer, type WireRequest, checkAnswer, checkRequest, matchPath, wantedType } from "./huawei-facts";

export type Cloud = "alibaba" | "huawei";

export interface CredentialOperation {
  readonly cloud: Cloud;
  readonly key: string;
  /** `<cloud>.<key>`, e.g. `alibaba.AssumeRole`. */
  readonly label: string;
  readonly fact: CredentialOperationFact;
}

const FILES = { alibaba: facts.alibabaCredentials, huawei: facts.huaweiCredentials } as const;

export function credentialOperations(): CredentialOperation[] {
  return (Object.keys(FILES) as Cloud[]).flatMap((cloud) =>
    Object.entries(FILES[cloud].operations).map(([key, fact]) => ({ cloud, key, label: `${cloud}.${key}`, fact })),
  );
}

export const isRpc = (f: CredentialOperationFact): f is CredentialRpcFact => f.style === "RPC";

/** The operation a request is a call of: an STS action by its Action parameter, a REST call by method and path template. */
export function operationOf(cloud: Cloud, req: WireRequest): CredentialOperation | undefined {
  const action = new Map(req.query).get("Action");
  return credentialOperations().find(
    (op) =>
      op.cloud === cloud &&
      (isRpc(op.fact)
        ? action !== undefined && op.fact.action === action
        : op.fact.method === req.method && op.fact.path !== undefined && matchPath(op.fact.path, req.path) !== undefined),
  );
}

const mediaType = (contentType: string | undefined) => (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";

/**
 * An STS request against its action's facts: POST to `/`, the common parameters in the query, each
 * business parameter where one of the vendor's sources sends it (the SDK model: query; the
 * credentials library: form), every value as its fact types it, nothing the facts lack, nothing
 * twice, every parameter some source always sends present, and a form body sent as one.
 */
export function stsRequestProblems(f: CredentialRpcFact, req: WireRequest): string[] {
  const problems: string[] = [];
  if (req.method !== f.method) problems.push(`method ${req.method}, the vendor's sources send ${f.method}`);
  if (req.path !== (f.pathname ?? "/")) problems.push(`path ${req.path}, the vendor's sources send ${f.pathname ?? "/"}`);
  const common = new Map(f.common_parameters.map((p) => [p.name, p]));
  const business = new Map(f.request.map((p) => [p.name, p]));
  const form = req.bodyText === "" ? [] : [...new URLSearchParams(req.bodyText)];
  const seen = new Set<string>();
  for (const [where, entries] of [
    ["query", req.query],
    ["form", form],
  ] as const) {
    for (const [name, raw] of entries) {
      if (seen.has(name)) problems.push(`${name} is sent twice`);
      seen.add(name);
      const p = (where === "query" ? common.get(name) : undefined) ?? business.get(name);
      if (p === undefined) {
        problems.push(`${name} (${where}) is not a parameter of ${f.action} in the facts`);
        continue;
      }
      const places = [p.location, p.location_per_credentials_library].filter((l) => l !== undefined);
      if (!places.includes(where)) problems.push(`${name} travels in the ${where}; the vendor's sources send it in the ${places.join(" or ")}`);
      problems.push(...wireValueProblems(p, raw));
      if (p.pattern !== undefined && !new RegExp(p.pattern).test(raw)) problems.push(`${name} is ${JSON.stringify(raw)}, not of the form ${p.pattern}`);
    }
  }
  const always = (p: FieldFact) => p.required === true || p.required_per_credentials_library === true;
  for (const p of [...common.values(), ...business.values()])
    if (always(p) && !seen.has(p.name)) problems.push(`${p.name} is always sent by the vendor's sources and was not sent`);
  if (form.length > 0 && mediaType(req.headers["content-type"]) !== f.content_type)
    problems.push(`a form body sent with content-type ${String(req.headers["content-type"])}, not ${f.content_type}`);
  return problems;
}

/** The values of the headers a REST fact lists, where sent: a whole number where it says integer, within its limits and enum. */
export function headerValueProblems(f: RestOperationFact, req: WireRequest): string[] {
  const problems: string[] = [];
  for (const h of f.request?.header ?? []) {
    const value = req.headers[h.name.toLowerCase()];
    if (value === undefined) continue;
    if (wantedType(h.type) === "integer") {
      const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
      if (Number.isNaN(n)) problems.push(`header ${h.name}: ${JSON.stringify(value)} is not a whole number`);
      else if ((h.limits?.min !== undefined && n < h.limits.min) || (h.limits?.max !== undefined && n > h.limits.max))
        problems.push(`header ${h.name}: ${n} is outside ${h.limits?.min ?? "…"} to ${h.limits?.max ?? "…"}`);
    }
    if (h.enum !== undefined && !h.enum.includes(value)) problems.push(`header ${h.name}: ${JSON.stringify(value)} is not one of ${h.enum.join(", ")}`);
  }
  return problems;
}

/** What is wrong with `req` as a call of `op`, per its facts; empty when nothing is. */
export function requestProblems(op: CredentialOperation, req: WireRequest): string[] {
  const fact = op.fact;
  return isRpc(fact) ? stsRequestProblems(fact, req) : [...checkRequest({ fact }, req), ...headerValueProblems(fact, req)];
}

/**
 * What is wrong with `res` as a success answer of `op`: an STS answer is a 200 (the only status the
 * credentials library takes) whose body fits the SDK response model; a REST answer has the fact's
 * status and fields, and a plain-text answer (a token, a role name) is not empty.
 */
export function answerProblemsOf(op: CredentialOperation, res: WireAnswer): string[] {
  const fact = op.fact;
  if (!isRpc(fact)) {
    const problems = checkAnswer({ fact }, res);
    const r = fact.response;
    if ((r?.body ?? []).length === 0 && res.text.trim() === "") problems.push(`the body is empty; the fact says ${JSON.stringify(r?.body_note)}`);
    return problems;
  }
  if (res.status !== 200) return [`status ${res.status}; the credentials library takes only 200`];
  try {
    return answerProblems(fact, JSON.parse(res.text));
  } catch {
    return [`the body is not JSON: ${JSON.stringify(res.text.slice(0, 60))}`];
  }
}
