/**
 * One case table (test/fixtures/dis-rules.ts) for the DIS rules checked both at preview and in the
 * emulator: names, retention, tags. Each case's outcome is first checked against the vendor facts;
 * then every case runs through the provider's `check` (DisStream, DwsTransferTask) and through the
 * emulator over HTTP (create stream, UpdateStream, create DWS dump task), and a refused value is
 * refused in the same words on both sides.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_DWS_USER, DEMO_HUAWEI_PROJECT_ID } from "../../../../emulator/index";
import * as stream from "../../../../provider/resources/huaweicloud-dis-stream";
import * as task from "../../../../provider/resources/huaweicloud-dws-transfer-task";
import { type FieldFact, facts } from "../../../conformance/facts";
import { DIS_RULE_CASES, type DisRuleCase } from "../../../fixtures/dis-rules";
import { dwsTask, stream as baseStream } from "../../../fixtures/dis";
import { startTestEmulator, type RawResponse, type TestEmulator } from "../../../helpers/emulator";
import { hw, type HttpMethod } from "../../../helpers/huawei";

type Props = Record<string, unknown>;
const field = (fields: readonly unknown[] | undefined, name: string): FieldFact => {
  const f = (fields as readonly FieldFact[] | undefined)?.find((x) => x.name === name);
  if (f === undefined) throw new Error(`no fact for ${name}`);
  return f;
};

// ---------------------------------------------------------------------------------------------
// what the facts say DIS accepts
// ---------------------------------------------------------------------------------------------

const ops = facts.dis.operations;
const createBody = ops.CreateStream.request.body.fields;
const names = [
  field(createBody, "stream_name"),
  field(field(ops.CreateTransferTask_DWS.request.body.fields, "dws_destination_descriptor").fields, "task_name"),
];
const durations = [field(createBody, "data_duration"), field(ops.UpdateStream.request.body.fields, "data_duration")];
const tagsFact = field(ops.BatchCreateTags.request.body.fields, "tags");

const fitsText = (f: FieldFact, v: string) =>
  f.pattern !== undefined &&
  new RegExp(f.pattern).test(v) &&
  v.length >= (f.limits?.min_length ?? 0) &&
  v.length <= (f.limits?.max_length ?? Number.POSITIVE_INFINITY);
const fitsNumber = (f: FieldFact, v: number) =>
  (f.type !== "integer" || Number.isInteger(v)) && v >= (f.limits?.min ?? Number.NEGATIVE_INFINITY) && v <= (f.limits?.max ?? Number.POSITIVE_INFINITY);

/** Whether DIS takes the case's value, per the facts (every fact that states the rule must agree). */
function factsAccept(c: DisRuleCase): boolean {
  const all = (verdicts: boolean[]) => {
    if (new Set(verdicts).size !== 1) throw new Error(`the facts disagree about ${c.rule} ${JSON.stringify(c.value)}`);
    return verdicts[0] as boolean;
  };
  switch (c.rule) {
    case "name":
      return all(names.map((f) => fitsText(f, String(c.value))));
    case "dataDuration":
      return all(durations.map((f) => fitsNumber(f, Number(c.value))));
    case "tagKey":
      return fitsText(field(tagsFact.items, "key"), String(c.value));
    case "tagValue":
      return fitsText(field(tagsFact.items, "value"), String(c.value));
    case "tagCount":
      return Number(c.value) <= (tagsFact.limits?.max_items_per_resource ?? Number.NaN);
  }
}

// ---------------------------------------------------------------------------------------------
// the two sides
// ---------------------------------------------------------------------------------------------

const tagsOf = (c: DisRuleCase): Props[] =>
  c.rule === "tagKey"
    ? [{ key: c.value, value: "x" }]
    : c.rule === "tagValue"
      ? [{ key: "team", value: c.value }]
      : Array.from({ length: Number(c.value) }, (_, i) => ({ key: `k${i}`, value: "v" }));

/** Each place a case's value goes: the SDK property preview names and the API field the emulator names. */
interface Probe {
  readonly where: string;
  readonly property: string;
  readonly apiField: string;
  readonly preview: () => { property: string; reason: string }[];
  readonly emulator: () => Promise<RawResponse>;
}

let t: TestEmulator;
let seq = 0;
let running = "";
const FIXTURES = join(__dirname, "../../..", "fixtures", "huawei");
const seedDescriptor = (JSON.parse(readFileSync(join(FIXTURES, "dis-create-dws-task.request.json"), "utf8")) as { dws_destination_descriptor: Props })
  .dws_destination_descriptor;

const send = (method: HttpMethod, path: string, body: unknown) =>
  hw(t, { method, path: path.replace("{project}", DEMO_HUAWEI_PROJECT_ID), projectId: DEMO_HUAWEI_PROJECT_ID, body });
const fresh = () => `rules-${++seq}`;
const previewOf = (m: { check: (o: Props, n: Props) => { failures: { property: string; reason: string }[] } }, news: Props) => () => m.check({}, news).failures;

function probes(c: DisRuleCase): Probe[] {
  switch (c.rule) {
    case "name":
      return [
        {
          where: "CreateStream",
          property: "streamName",
          apiField: "stream_name",
          preview: previewOf(stream, { ...baseStream, streamName: c.value }),
          emulator: () => send("POST", "/v2/{project}/streams", { stream_name: c.value, partition_count: 1 }),
        },
        {
          where: "CreateTransferTask",
          property: "taskName",
          apiField: "dws_destination_descriptor.task_name",
          preview: previewOf(task, { ...dwsTask, taskName: c.value }),
          emulator: () =>
            send("POST", `/v2/{project}/streams/${running}/transfer-tasks`, {
              destination_type: "DWS",
              dws_destination_descriptor: { ...seedDescriptor, task_name: c.value, user_password: DEMO_DWS_USER.password },
            }),
        },
      ];
    case "dataDuration":
      return [
        {
          where: "CreateStream",
          property: "dataDuration",
          apiField: "data_duration",
          preview: previewOf(stream, { ...baseStream, dataDuration: c.value }),
          emulator: () => send("POST", "/v2/{project}/streams", { stream_name: fresh(), partition_count: 1, data_duration: c.value }),
        },
        {
          where: "UpdateStream",
          property: "dataDuration",
          apiField: "data_duration",
          preview: previewOf(stream, { ...baseStream, dataDuration: c.value }),
          emulator: () => send("PUT", `/v3/{project}/streams/${running}`, { stream_name: running, data_duration: c.value }),
        },
      ];
    default: {
      const tags = tagsOf(c);
      const path = c.rule === "tagKey" ? "tags.0.key" : c.rule === "tagValue" ? "tags.0.value" : "tags";
      return [
        {
          where: "CreateStream",
          property: path,
          apiField: path,
          preview: previewOf(stream, { ...baseStream, tags }),
          emulator: () => send("POST", "/v2/{project}/streams", { stream_name: fresh(), partition_count: 1, tags }),
        },
      ];
    }
  }
}

beforeAll(async () => {
  t = await startTestEmulator({ manualClock: true, settleMs: 1000 });
  running = fresh();
  const created = await send("POST", "/v2/{project}/streams", { stream_name: running, partition_count: 1 });
  if (created.status !== 201) throw new Error(`could not create the stream the cases update: ${created.text}`);
  t.clock?.advance(1000);
});
afterAll(() => t?.close());

const label = (c: DisRuleCase) => `${c.rule}: ${c.what}`;

describe("the DIS rule cases", () => {
  it.each(DIS_RULE_CASES.map((c) => [label(c), c] as const))("%s: the outcome is the facts'", (_l, c) => {
    expect(c.accepted).toBe(factsAccept(c));
  });

  it.each(DIS_RULE_CASES.map((c) => [label(c), c] as const))("%s: preview and the emulator agree, in the same words", async (_l, c) => {
    for (const p of probes(c)) {
      const refusals = p.preview().filter((f) => f.property === p.property);
      const res = await p.emulator();
      const body = res.json as { errorCode?: string; message?: string } | undefined;
      if (c.accepted) {
        expect(refusals, `preview refused ${p.property}`).toEqual([]);
        expect([201, 204], `${p.where}: ${res.text}`).toContain(res.status);
        continue;
      }
      expect(refusals, `preview took ${p.property}`).toHaveLength(1);
      const reason = refusals[0]?.reason ?? "";
      expect(reason.startsWith(`${p.property} `), reason).toBe(true);
      const words = reason.slice(p.property.length + 1);
      expect(res.status, `${p.where}: ${res.text}`).toBe(400);
      expect(body?.errorCode).toBe(c.rule === "tagCount" ? "DIS.4601" : "DIS.4200");
      // The service's fixed text first ("Invalid request."), then the rule in preview's words.
      const tail = `. ${p.apiField} ${words}`;
      expect(body?.message?.endsWith(tail), `${p.where} answered ${JSON.stringify(body?.message)}, not ending with ${JSON.stringify(tail)}`).toBe(true);
    }
  });
});
