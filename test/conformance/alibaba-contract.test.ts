/**
 * Independent contract cases for the Alibaba emulator: raw HTTP requests laid out as the official
 * Go SDK lays them out (alibaba-sdk-request.ts), signed by the tier's own ACS3 signer, carrying the
 * vendors' example payloads (alibaba-vendor-cases.ts). Nothing from provider/ builds or judges
 * them; the same table's examples, as resource inputs, must also pass preview (each resource's
 * check), so a vendor example is accepted on both sides. Each answer is judged against the facts
 * alone:
 * - what the vendor shows: success where its example succeeds, each documented error example with
 *   its HTTP status, code and message;
 * - its shape: every body field has the SDK response model's name and JSON type, RequestId
 *   everywhere, errors in the darabonba-openapi RPC envelope.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as task from "../../provider/resources/alicloud-di-sync-task";
import * as service from "../../provider/resources/alicloud-streaming-data-service";
import * as source from "../../provider/resources/alicloud-streaming-data-source";
import * as job from "../../provider/resources/alicloud-streaming-job";
import { type RawResponse, type TestEmulator, send, startTestEmulator } from "../helpers/emulator";
import { ALIBABA_APIS, type AlibabaApi, answerProblems, errorEnvelopeProblems, operationFact } from "./alibaba-apis";
import { demoSdkRequest, layOutParams } from "./alibaba-sdk-request";
import { DATAWORKS_CASES, GPDB_CASES, Kept, type PreviewedResource, UNTRIGGERED_ERRORS, type VendorCase, propertyName } from "./alibaba-vendor-cases";

/** How long a polled case may keep asking (the emulator settles in SETTLE_MS). */
const POLL_DEADLINE_MS = 5_000;
const SETTLE_MS = 20;

const SUITES: ReadonlyArray<{ readonly api: AlibabaApi; readonly cases: readonly VendorCase[] }> = [
  { api: ALIBABA_APIS.find((a) => a.name === "gpdb")!, cases: GPDB_CASES },
  { api: ALIBABA_APIS.find((a) => a.name === "dataworks")!, cases: DATAWORKS_CASES },
];

async function call(emu: TestEmulator, api: AlibabaApi, c: VendorCase, kept: Kept): Promise<RawResponse> {
  const op = operationFact(api, c.action);
  if (op === undefined) throw new Error(`${c.action} has no vendor fact; a contract case cannot be laid out without one`);
  const { query, form } = layOutParams(op, c.params(kept));
  const once = () =>
    send(
      emu.url,
      demoSdkRequest(emu, {
        action: op.action,
        version: op.version,
        method: op.method,
        ...(op.pathname !== undefined && { pathname: op.pathname }),
        query,
        form,
      }),
    );
  const deadline = Date.now() + POLL_DEADLINE_MS;
  for (;;) {
    const res = await once();
    if (c.until === undefined || c.until(res.json) || res.status !== 200 || Date.now() > deadline) return res;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Everything about one answer that disagrees with the vendor: expectation first, then the shape. */
function judge(api: AlibabaApi, c: VendorCase, res: RawResponse): string[] {
  const op = operationFact(api, c.action)!;
  const contentType = typeof res.headers["content-type"] === "string" ? res.headers["content-type"] : undefined;
  const e = c.expect;
  if (e.kind === "success") {
    if (res.status !== 200) return [`HTTP ${res.status} where the vendor shows success: ${res.text.slice(0, 400)}`];
    return [...(e.check?.(res.json) ?? []), ...answerProblems(op, res.json)];
  }
  const problems = errorEnvelopeProblems(res.status, contentType, res.json);
  if (e.kind === "error") {
    const documented = e.message.replace(/\.$/, "");
    if (res.status !== e.status) problems.push(`HTTP ${res.status}, the vendor documents ${e.status}`);
    if (res.json?.Code !== e.code) problems.push(`Code ${String(res.json?.Code)}, the vendor documents ${e.code}`);
    if (typeof res.json?.Message !== "string" || !res.json.Message.startsWith(documented)) {
      problems.push(`Message ${JSON.stringify(res.json?.Message)} does not start with the documented "${e.message}"`);
    }
  }
  return problems;
}

describe.each(SUITES)("$api.name: the vendor's examples against the emulator, in the SDK's layout", ({ api, cases }) => {
  let emu: TestEmulator;
  const kept = new Kept();
  beforeAll(async () => {
    emu = await startTestEmulator({ settleMs: SETTLE_MS });
  });
  afterAll(async () => emu?.close());

  it.each(cases.map((c) => ({ ...c, label: `${c.name} [${c.source}]` })))("$label", async (c) => {
    const res = await call(emu, api, c, kept);
    const problems = judge(api, c, res);
    if (problems.length === 0 && c.expect.kind === "success") c.keep?.(res.json, kept);
    expect(problems, `answer: HTTP ${res.status} ${res.text.slice(0, 600)}`).toEqual([]);
  });

  it("rejects the same layout once its signature is altered (the emulator verifies the tier's signatures)", async () => {
    const req = demoSdkRequest(emu, { action: cases[0]!.action, version: api.facts.version, query: {}, form: {} });
    const auth = req.headers.Authorization!;
    const altered = { ...req, headers: { ...req.headers, Authorization: `${auth.slice(0, -1)}${auth.endsWith("0") ? "1" : "0"}` } };
    const res = await send(emu.url, altered);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(errorEnvelopeProblems(res.status, undefined, res.json)).toEqual([]);
    expect(String(res.json?.Code)).toMatch(/Signature/);
  });
});

const PREVIEW: Readonly<Record<PreviewedResource, { check: (olds: Record<string, unknown>, news: Record<string, unknown>) => { failures: unknown[] } }>> = {
  StreamingDataService: service,
  StreamingDataSource: source,
  StreamingJob: job,
  DISyncTask: task,
};

describe("preview accepts the vendor's success examples (the same cases, as resource inputs)", () => {
  const rows = SUITES.flatMap(({ cases }) =>
    cases.flatMap((c) => (c.preview === undefined ? [] : [{ label: `${c.preview.resource}: ${c.name}`, ...c.preview }])),
  );

  it.each(rows)("$label", ({ resource, inputs }) => {
    expect(PREVIEW[resource].check({}, inputs).failures).toEqual([]);
  });

  it.each([
    ["DBInstanceId", "dbInstanceId"],
    ["JobName", "jobName"],
    ["RegionId", "regionId"],
  ])("names the API parameter %s as the SDK property %s", (api, property) => {
    expect(propertyName(api)).toBe(property);
  });
});

describe("contract-case coverage", () => {
  it.each(SUITES.map((s) => ({ name: s.api.name, ...s })))("$name: every action the emulator serves has a contract case", ({ api, cases }) => {
    const served = Object.keys(api.service().product.actions);
    expect(served.filter((a) => !cases.some((c) => c.action === a))).toEqual([]);
  });
});

describe("the answer checks", () => {
  const gpdbApi = ALIBABA_APIS.find((a) => a.name === "gpdb")!;

  it("rejects an answer whose id has the other JSON type, a field the model lacks, or no RequestId", () => {
    const op = operationFact(gpdbApi, "DescribeStreamingJob")!;
    expect(answerProblems(op, { RequestId: "R", JobId: 1, Extra: "x" })).toEqual([
      "JobId is integer number 1, the SDK model has string",
      "Extra is not in the SDK response model",
    ]);
    expect(answerProblems(op, { JobId: "1" })).toEqual(["RequestId is missing"]);
  });

  it("rejects an error outside the RPC envelope", () => {
    expect(errorEnvelopeProblems(200, "text/xml;charset=utf-8", { code: "X" })).toEqual([
      "HTTP 200 is not an error status (the SDK treats 400-599 as errors)",
      "the error is XML (content-type text/xml;charset=utf-8); the SDK would parse it as such",
      "error Code is missing or not a string",
      "error Message is missing or not a string",
      "error RequestId is missing or not a string",
    ]);
  });
});

describe("documented error codes", () => {
  it.each(ALIBABA_APIS)("$name: every documented error code has a contract case, or a stated reason why none can trigger it", (api) => {
    const cases = SUITES.find((s) => s.api === api)?.cases ?? [];
    const missing = Object.values(api.facts.operations).flatMap((op) =>
      (op.errors ?? [])
        .filter((err) => err.code !== null)
        .filter(
          (err) =>
            !cases.some((c) => c.action === op.action && c.expect.kind === "error" && c.expect.code === err.code && c.expect.status === err.http_status) &&
            !UNTRIGGERED_ERRORS.some((u) => u.action === op.action && u.code === err.code),
        )
        .map((err) => `${op.action} ${String(err.http_status)} ${String(err.code)}`),
    );
    expect(missing).toEqual([]);
  });

  it("rejects a wrong documented error: status, code and message are each judged", () => {
    const c: VendorCase = {
      name: "x",
      action: "CreateDISyncTask",
      source: "x",
      params: () => ({}),
      expect: { kind: "error", status: 403, code: "Forbidden.DI.NoPrivilege", message: "No access.", source: "x" },
    };
    const dataworks = ALIBABA_APIS.find((a) => a.name === "dataworks")!;
    const res = { status: 400, headers: {}, text: "", json: { Code: "InvalidParameter", Message: "Something else.", RequestId: "R" } };
    expect(judge(dataworks, c, res)).toEqual([
      "HTTP 400, the vendor documents 403",
      "Code InvalidParameter, the vendor documents Forbidden.DI.NoPrivilege",
      'Message "Something else." does not start with the documented "No access."',
    ]);
  });
});
