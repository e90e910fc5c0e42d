/**
 * The provider's Huawei client and resource handlers (DisStream, DwsTransferTask, EventRouterJob,
 * the DMS broker lookup and IAM token auth) driven against the emulator through an injected fetch
 * that records every request on the wire. Each request is checked against its operation's vendor
 * fact (method, path template, path and query parameter names, body field names and JSON types,
 * required fields, enums, limits, Content-Type), never against the provider's or the emulator's
 * own schemas. The operations are the ones read from the provider's source (huawei-sources.ts),
 * so an operation the scenarios never reach fails as "not exercised".
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_HUAWEI_USER, DEMO_HUAWEI_KAFKA_PRIMARY_ID, demoHuaweiSettings } from "../../emulator/index";
import { disApi } from "../../provider/apis/huawei-dis";
import { eventRouterApi, kafkaBrokerCount } from "../../provider/apis/huawei-eg";
import { HuaweiClient, type HuaweiService, clearTokenCache } from "../../provider/clients/huawei";
import * as stream from "../../provider/resources/huaweicloud-dis-stream";
import * as task from "../../provider/resources/huaweicloud-dws-transfer-task";
import * as job from "../../provider/resources/huaweicloud-event-router-job";
import { dwsTask } from "../fixtures/dis";
import { KAFKA_CLUSTER, dcsJob, kafkaJob, rocketmqJob } from "../fixtures/event-router-job";
import { type TestEmulator, startTestEmulator, uniqueName } from "../helpers/emulator";
import {
  type HuaweiOperation,
  type WireRequest,
  checkRequest,
  huaweiOperations,
  matchPath,
  operationsForPath,
  operationsForTemplate,
  selectByBody,
} from "./huawei-facts";
import { type AlterAnswer, type Exchange, recordingFetch } from "./huawei-recorder";
import { type ProviderOperation, providerOperations } from "./huawei-sources";

type Props = Record<string, unknown>;

let t: TestEmulator;
const wire: Exchange[] = [];
let alter: AlterAnswer | undefined;
const scenarioErrors: string[] = [];

function client(service: HuaweiService, auth: "aksk" | "token" = "aksk"): HuaweiClient {
  const base = demoHuaweiSettings(t.url, 1000);
  const settings =
    auth === "aksk"
      ? base
      : {
          ...base,
          accessKey: undefined,
          secretKey: undefined,
          password: { domainName: DEMO_HUAWEI_USER.domain, userName: DEMO_HUAWEI_USER.name, password: DEMO_HUAWEI_USER.password, authUrl: undefined },
        };
  return new HuaweiClient(service, {
    settings,
    fetch: recordingFetch(wire, () => alter),
    retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10 },
    timeoutMs: 5000,
  });
}

function checked(m: { check: (o: Props, n: Props) => { inputs: Props; failures: unknown[] } }, news: Props): Props {
  const r = m.check({}, { timeoutSeconds: 10, ...news });
  if (r.failures.length > 0) throw new Error(`the scenario's inputs fail preview: ${JSON.stringify(r.failures)}`);
  return r.inputs;
}

const AVRO = '{"type":"record","name":"click","fields":[{"name":"url","type":"string"}]}';

/** What the provider does on `up`, refresh and `destroy`, one row per resource shape. */
const SCENARIOS: readonly { readonly what: string; readonly run: () => Promise<unknown> }[] = [
  {
    what: "DisStream (JSON, gzip, tags): create, read, scale and retag in place, delete",
    async run() {
      const dis = client("dis");
      const inputs = checked(stream, {
        streamName: uniqueName("cf-json"),
        partitionCount: 2,
        dataType: "JSON",
        compressionFormat: "gzip",
        tags: [{ key: "team", value: "a" }],
      });
      const { id, outs } = await stream.create(inputs, dis);
      await stream.read(id, outs, dis);
      const news = {
        ...inputs,
        partitionCount: 3,
        tags: [
          { key: "team", value: "b" },
          { key: "tier", value: "gold" },
        ],
      };
      const up = await stream.update(id, outs, news, dis);
      await stream.remove(id, up.outs, dis);
    },
  },
  {
    what: "DisStream (CSV, ADVANCED, auto-scaling, 48 h): create, change retention and auto-scaling in place, delete",
    async run() {
      const dis = client("dis");
      const inputs = checked(stream, {
        streamName: uniqueName("cf-csv"),
        partitionCount: 2,
        streamType: "ADVANCED",
        dataType: "CSV",
        csvProperties: { delimiter: "," },
        dataDuration: 48,
        autoScaleEnabled: true,
        autoScaleMinPartitionCount: 1,
        autoScaleMaxPartitionCount: 4,
      });
      const { id, outs } = await stream.create(inputs, dis);
      try {
        await stream.update(id, outs, { ...inputs, dataDuration: 72, autoScaleMaxPartitionCount: 5 }, dis);
      } finally {
        await stream.remove(id, outs, dis);
      }
    },
  },
  {
    what: "DisStream (JSON with an Avro schema): create, delete",
    async run() {
      const dis = client("dis");
      const { id, outs } = await stream.create(
        checked(stream, { streamName: uniqueName("cf-avro"), partitionCount: 1, dataType: "JSON", dataSchema: AVRO }),
        dis,
      );
      await stream.remove(id, outs, dis);
    },
  },
  {
    what: "Two DisStreams created at once: their waits share a ListStreams round (a lone wait reads its stream)",
    async run() {
      const dis = client("dis");
      const made = await Promise.all(
        ["cf-pair-a", "cf-pair-b"].map((name) => stream.create(checked(stream, { streamName: uniqueName(name), partitionCount: 1 }), dis)),
      );
      await Promise.all(made.map(({ id, outs }) => stream.remove(id, outs, dis)));
    },
  },
  {
    what: "DwsTransferTask (every descriptor field): create, read, pause, resume, list, delete",
    async run() {
      const dis = client("dis");
      const s = await stream.create(checked(stream, { streamName: uniqueName("cf-dws"), partitionCount: 1, dataType: "JSON" }), dis);
      try {
        const inputs = checked(task, {
          ...dwsTask,
          streamName: s.id,
          consumerStrategy: "TRIM_HORIZON",
          dwsDatabaseName: "analytics",
          dwsSchema: "public",
          dwsTableName: "clicks",
          dwsDelimiter: "|",
          filePrefix: "dis/clicks",
          dwsTableColumns: "c1,c2",
          options: { fillMissingFields: true, ignoreExtraData: false, compatibleIllegalChars: true, rejectLimit: 10, errorTableName: "clicks_errors" },
        });
        const { id, outs } = await task.create(inputs, dis);
        await task.read(id, outs, dis);
        const paused = await task.update(id, outs, { ...inputs, desiredStatus: "PAUSED" }, dis);
        const resumed = await task.update(id, paused.outs, inputs, dis);
        await disApi.listTasks(dis, s.id);
        await task.remove(id, resumed.outs, dis);
      } finally {
        await stream.remove(s.id, s.outs, dis);
      }
    },
  },
  {
    what: "EventRouterJob (Kafka, SASL sink): create after the replica check, read, update in place, stop, start, delete",
    async run() {
      const eg = client("eg");
      const inputs = checked(job, { ...kafkaJob, name: uniqueName("cf-k2k") });
      const { id, outs } = await job.create(inputs, eg);
      await job.read(id, outs, eg);
      const updated = await job.update(id, outs, { ...inputs, description: "updated by the conformance tier" }, eg);
      const stopped = await job.update(id, updated.outs, { ...inputs, description: "updated by the conformance tier", desiredStatus: "STOPPED" }, eg);
      const started = await job.update(id, stopped.outs, { ...inputs, description: "updated by the conformance tier" }, eg);
      await job.remove(id, started.outs, eg);
    },
  },
  {
    what: "EventRouterJob (RocketMQ, DCS): create, delete",
    async run() {
      const eg = client("eg");
      for (const base of [rocketmqJob, dcsJob] as readonly Props[]) {
        const { id, outs } = await job.create(checked(job, { ...base, name: uniqueName("cf-kind") }), eg);
        await job.remove(id, outs, eg);
      }
    },
  },
  {
    what: "EventRouter: jobs looked up by name (the create's idempotency check)",
    run: () => eventRouterApi.listByName(client("eg"), "cf-", KAFKA_CLUSTER),
  },
  {
    what: "DMS: the broker count read from the cluster when ShowInstance reports no broker_num",
    async run() {
      alter = (req, text) => {
        if (!/\/instances\/[^/]+$/.test(req.path) || text === "") return undefined;
        const { broker_num: _dropped, ...rest } = JSON.parse(text) as Props;
        return JSON.stringify(rest);
      };
      try {
        return await kafkaBrokerCount(client("eg").sibling("dms"), DEMO_HUAWEI_KAFKA_PRIMARY_ID);
      } finally {
        alter = undefined;
      }
    },
  },
  {
    what: "IAM token auth: the client issues a token by password and sends it",
    async run() {
      clearTokenCache();
      const dis = client("dis", "token");
      const { id, outs } = await stream.create(checked(stream, { streamName: uniqueName("cf-token"), partitionCount: 1 }), dis);
      await stream.remove(id, outs, dis);
    },
  },
];

beforeAll(async () => {
  t = await startTestEmulator({ settleMs: 0, log: () => {} });
  for (const s of SCENARIOS) {
    try {
      await s.run();
    } catch (err) {
      scenarioErrors.push(`${s.what}: ${(err as Error).message}`);
    }
  }
}, 60_000);
afterAll(() => t?.close());

/** The facts a recorded request may be checked against: same method and path, told apart by body. */
function factsFor(req: WireRequest, template?: string): HuaweiOperation[] {
  const candidates = template === undefined ? operationsForPath(req.method, req.path) : operationsForTemplate(req.method, template);
  let body: unknown;
  try {
    body = req.bodyText === "" ? undefined : JSON.parse(req.bodyText);
  } catch {
    body = undefined;
  }
  return selectByBody(candidates, body);
}

/** Problems of `req` against the best-fitting candidate fact (none when one fits). */
function problemsOf(req: WireRequest, candidates: readonly HuaweiOperation[]): string[] {
  if (candidates.length === 0) return [`${req.method} ${req.path}: no vendor fact has this method and path`];
  const reports = candidates.map((op) => ({ op, problems: checkRequest(op, req) }));
  const best = reports.reduce((a, b) => (b.problems.length < a.problems.length ? b : a));
  return best.problems.map((p) => `${best.op.label}: ${p}`);
}

/** The method and path template a provider operation is sent with: its own, or (the hand-built token request) its fact's. */
function routeOf(p: ProviderOperation): { method: string; path: string } | undefined {
  if (p.method !== undefined && p.path !== undefined) return { method: p.method, path: p.path };
  const op = huaweiOperations().find((o) => o.key === p.name);
  return op?.method !== undefined && op.path !== undefined ? { method: op.method, path: op.path } : undefined;
}

describe("the provider's Huawei requests, as sent, match the vendor facts", () => {
  it("runs every scenario to completion against the emulator", () => {
    expect(scenarioErrors).toEqual([]);
  });

  it.each(providerOperations().map((p) => [`${p.name} (${p.file})`, p] as const))("%s", (_, p) => {
    const route = routeOf(p);
    expect(route, `no method and path known for ${p.name}`).toBeDefined();
    const sent = wire.filter((e) => route !== undefined && e.request.method === route.method && matchPath(route.path, e.request.path) !== undefined);
    expect(sent.length, `the scenarios never sent ${p.name}; add one that does`).toBeGreaterThan(0);
    const problems = sent.flatMap((e) => problemsOf(e.request, factsFor(e.request, route?.path)).map((m) => `${e.request.method} ${e.request.path}: ${m}`));
    expect([...new Set(problems)]).toEqual([]);
  });

  it("sends nothing that is not an operation with a vendor fact", () => {
    expect(wire.length).toBeGreaterThan(0);
    const stray = wire.filter((e) => operationsForPath(e.request.method, e.request.path).length === 0).map((e) => `${e.request.method} ${e.request.path}`);
    expect([...new Set(stray)]).toEqual([]);
  });
});
