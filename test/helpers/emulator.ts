/**
 * Test helpers for the emulator: start one per test file (port 0, temp state file, small settle
 * time, optionally a manual clock), and send minimal signed Alibaba RPC requests (V3 and V1) over
 * loopback. Deliberately not a client: no retries, no response parsing beyond JSON, so tests see
 * exactly what the emulator sent. The real client lives in provider/clients/.
 */
import { randomUUID } from "node:crypto";
import { request, type IncomingHttpHeaders } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { canonicalQuery, sha256Hex, v1Signature, v3AuthorizationHeader, v3Signature } from "../../provider/transport/alibaba-signature";
import {
  DEMO_ACCESS_KEY_ID,
  DEMO_ACCESS_KEY_SECRET,
  ManualClock,
  startEmulator,
  type EmulatorOptions,
  type InventoryInput,
  type RunningEmulator,
} from "../../emulator/index";
import { utcSeconds } from "../../emulator/clock";

export const GPDB_VERSION = "2016-05-03";

// ---------------------------------------------------------------------------------------------
// raw HTTP
// ---------------------------------------------------------------------------------------------

export interface PreparedRequest {
  method: string;
  /** Path plus query string. */
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** Parsed JSON body (undefined when the body is not JSON); `any` because tests probe arbitrary fields. */
  json: any;
}

/** One HTTP exchange; rejects when the connection is cut without a response. */
export function send(baseUrl: string, req: PreparedRequest): Promise<RawResponse> {
  const url = new URL(req.path, baseUrl);
  return new Promise((resolve, reject) => {
    const r = request(url, { method: req.method, headers: { ...req.headers, "content-length": String(Buffer.byteLength(req.body)) }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
      res.on("error", reject);
    });
    r.on("error", reject);
    r.end(req.body);
  });
}

/** A control-route call (`/__emulator/...`), JSON in and out. */
export function control(baseUrl: string, method: string, path: string, body?: unknown): Promise<RawResponse> {
  return send(baseUrl, {
    method,
    path: `/__emulator${path}`,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? "" : JSON.stringify(body),
  });
}

// ---------------------------------------------------------------------------------------------
// signing
// ---------------------------------------------------------------------------------------------

export type WireValue = string | number | boolean | readonly string[];

/** Encodes parameters the way the SDK does: arrays as JSON strings, the rest as text. */
export function wire(params: Readonly<Record<string, WireValue>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) out[k] = Array.isArray(v) ? JSON.stringify(v) : String(v);
  return out;
}

export interface RpcInput {
  action: string;
  version?: string;
  method?: "GET" | "POST";
  /** Business parameters sent in the query. */
  query?: Readonly<Record<string, WireValue>>;
  /** Business parameters sent as a form body. */
  form?: Readonly<Record<string, WireValue>>;
  accessKeyId?: string;
  accessKeySecret?: string;
  /** Signing time, epoch ms (use the emulator's clock when it is manual). */
  now?: number;
  nonce?: string;
}

function formBody(form: Record<string, string>): { body: string; headers: Record<string, string> } {
  if (Object.keys(form).length === 0) return { body: "", headers: {} };
  return { body: canonicalQuery(form), headers: { "content-type": "application/x-www-form-urlencoded" } };
}

/** An ACS3-HMAC-SHA256 request as @alicloud/openapi-client sends it: action in headers, params in the query. */
export function signV3(baseUrl: string, input: RpcInput): PreparedRequest {
  const query = wire(input.query ?? {});
  const { body, headers: bodyHeaders } = formBody(wire(input.form ?? {}));
  const headers: Record<string, string> = {
    host: new URL(baseUrl).host,
    "x-acs-action": input.action,
    "x-acs-version": input.version ?? GPDB_VERSION,
    "x-acs-date": utcSeconds(input.now ?? Date.now()),
    "x-acs-signature-nonce": input.nonce ?? randomUUID(),
    "x-acs-content-sha256": sha256Hex(body),
    ...bodyHeaders,
  };
  const signedHeaders = Object.keys(headers).sort();
  const method = input.method ?? "POST";
  const signature = v3Signature(
    { method, pathname: "/", query, headers, signedHeaders, hashedPayload: headers["x-acs-content-sha256"] as string },
    input.accessKeySecret ?? DEMO_ACCESS_KEY_SECRET,
  );
  const qs = canonicalQuery(query);
  return {
    method,
    path: qs === "" ? "/" : `/?${qs}`,
    headers: {
      ...headers,
      accept: "application/json",
      authorization: v3AuthorizationHeader(input.accessKeyId ?? DEMO_ACCESS_KEY_ID, signedHeaders, signature),
    },
    body,
  };
}

/** A legacy HMAC-SHA1 request as terraform sends it: common parameters and Signature in the query. */
export function signV1(input: RpcInput): PreparedRequest {
  const query: Record<string, string> = {
    Action: input.action,
    Version: input.version ?? GPDB_VERSION,
    Format: "JSON",
    Timestamp: utcSeconds(input.now ?? Date.now()),
    SignatureNonce: input.nonce ?? randomUUID(),
    SignatureMethod: "HMAC-SHA1",
    SignatureVersion: "1.0",
    AccessKeyId: input.accessKeyId ?? DEMO_ACCESS_KEY_ID,
    ...wire(input.query ?? {}),
  };
  const form = wire(input.form ?? {});
  const method = input.method ?? "POST";
  const Signature = v1Signature(method, { ...query, ...form }, input.accessKeySecret ?? DEMO_ACCESS_KEY_SECRET);
  const { body, headers } = formBody(form);
  return { method, path: `/?${canonicalQuery({ ...query, Signature })}`, headers, body };
}

// ---------------------------------------------------------------------------------------------
// an emulator per test file
// ---------------------------------------------------------------------------------------------

export interface TestEmulatorOptions {
  /** Drive time by hand (`clock.advance`) instead of polling. */
  manualClock?: boolean;
  /** Where the manual clock starts (epoch ms); default: the wall clock. Implies `manualClock`. */
  clockStartMs?: number;
  /** @default 50 */
  settleMs?: number;
  strict?: boolean;
  inventory?: InventoryInput | string;
  log?: (line: string) => void;
  /** @default the emulator's (10 s); small where a test stalls an upload. */
  bodyTimeoutMs?: number;
  /**
   * The Huawei gateway's AK lock. Off by default here, unlike the emulator's own default (the
   * vendor's 5 failures, 5 minutes): test files share one emulator and the demo AK, and a file
   * that walks through many bad signatures would lock the key for every later test in it. Tests of
   * the lock itself pass `HUAWEI_AK_LOCKOUT`.
   * @default false
   */
  huaweiAkLockout?: EmulatorOptions["huaweiAkLockout"];
}

export interface TestEmulator {
  readonly emulator: RunningEmulator;
  readonly url: string;
  /** Present when started with `manualClock`. */
  readonly clock: ManualClock | undefined;
  readonly stateFile: string;
  /** Signs with the emulator's clock, so manual-clock time never trips the 15-minute skew check. */
  v3(input: RpcInput): Promise<RawResponse>;
  v1(input: RpcInput): Promise<RawResponse>;
  /** Closes and starts again on the same state file and clock (for persistence tests). */
  restart(): Promise<TestEmulator>;
  /** Closes the emulator and removes its temp directory. */
  close(): Promise<void>;
}

export async function startTestEmulator(opts: TestEmulatorOptions = {}): Promise<TestEmulator> {
  const dir = mkdtempSync(join(tmpdir(), "streamjobs-emulator-test-"));
  const clock = opts.clockStartMs !== undefined ? new ManualClock(opts.clockStartMs) : opts.manualClock === true ? new ManualClock() : undefined;
  return boot(dir, clock, opts);
}

async function boot(dir: string, clock: ManualClock | undefined, opts: TestEmulatorOptions): Promise<TestEmulator> {
  const stateFile = join(dir, "state.json");
  const emulatorOptions: EmulatorOptions = {
    port: 0,
    stateFile,
    settleMs: opts.settleMs ?? 50,
    ...(clock !== undefined && { clock }),
    ...(opts.strict !== undefined && { strict: opts.strict }),
    ...(opts.inventory !== undefined && { inventory: opts.inventory }),
    ...(opts.log !== undefined && { log: opts.log }),
    ...(opts.bodyTimeoutMs !== undefined && { bodyTimeoutMs: opts.bodyTimeoutMs }),
    huaweiAkLockout: opts.huaweiAkLockout ?? false,
  };
  const emulator = await startEmulator(emulatorOptions);
  const now = () => emulator.clock.now();
  return {
    emulator,
    url: emulator.url,
    clock,
    stateFile,
    v3: (input) => send(emulator.url, signV3(emulator.url, { now: now(), ...input })),
    v1: (input) => send(emulator.url, signV1({ now: now(), ...input })),
    restart: async () => {
      await emulator.close();
      return boot(dir, clock, opts);
    },
    close: async () => {
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// small utilities
// ---------------------------------------------------------------------------------------------

/** A name no other test uses, so tests sharing an emulator never collide. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** Polls `probe` until `done` holds or the deadline passes (no fixed sleeps). */
export async function pollUntil<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const UPPERCASE_UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

/** The gateway's error envelope, checked field by field. */
export function expectEnvelope(res: RawResponse, status: number, code: string): void {
  const body = res.json as Record<string, unknown> | undefined;
  const problems: string[] = [];
  if (res.status !== status) problems.push(`status ${res.status}, want ${status}`);
  if (body?.Code !== code) problems.push(`Code ${String(body?.Code)}, want ${code}`);
  if (typeof body?.RequestId !== "string" || !UPPERCASE_UUID.test(body.RequestId)) problems.push("RequestId is not an uppercase UUID");
  for (const k of ["HostId", "Message", "Recommend"]) if (typeof body?.[k] !== "string") problems.push(`${k} missing`);
  if (problems.length > 0) throw new Error(`${problems.join("; ")}; body: ${res.text}`);
}

// ---------------------------------------------------------------------------------------------
// the request log and faults, as tests of the provider use them
// ---------------------------------------------------------------------------------------------

/** The sequence number of the last cloud API call the emulator logged (0 when none): a mark. */
export function lastSeq(emu: Pick<RunningEmulator, "requests">): number {
  return emu.requests().at(-1)?.seq ?? 0;
}

/** The actions (operation names) called since `mark`, oldest first. */
export function callsSince(emu: Pick<RunningEmulator, "requests">, mark: number): string[] {
  return emu.requests(mark).map((r) => String(r.action));
}

/** The records the emulator holds in store collection `name` (e.g. "alibaba.dataworks.files"), by key. */
export async function storedRecords(emu: { readonly url: string }, name: string): Promise<Record<string, Record<string, unknown>>> {
  return (await control(emu.url, "GET", "/state")).json.collections[name] ?? {};
}

/** Queues a fault through the control route; throws when the emulator refuses the spec. */
export async function queueFault(emu: { readonly url: string }, spec: Record<string, unknown>): Promise<void> {
  const r = await control(emu.url, "POST", "/faults", spec);
  if (r.status >= 300) throw new Error(`the emulator refused the fault ${JSON.stringify(spec)}: HTTP ${r.status} ${r.text}`);
}
