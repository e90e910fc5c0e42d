/**
 * Where the dump-task id for the start/stop action comes from. The Go SDK's ShowTransferTask and
 * ListTransferTasks models carry no id; the Java SDK's show model and the reference examples carry
 * `task_id` (the DIS facts). The answers here are built from those facts, not from the emulator
 * (which always sends one), over a scripted transport: the id is taken from show, else from the
 * list, and without either the update fails saying so instead of sending "undefined".
 */
import { describe, expect, it } from "vitest";
import { HuaweiClient } from "../../provider/clients/huawei";
import type { HuaweiSettings } from "../../provider/settings";
import * as task from "../../provider/resources/huaweicloud-dws-transfer-task";
import { facts } from "../conformance/facts";
import { dwsTask } from "../fixtures/dis";

type Props = Record<string, unknown>;
const settings: HuaweiSettings = {
  accessKey: "HWTESTAK",
  secretKey: "sk-value-never-shown",
  securityToken: undefined,
  password: undefined,
  region: "cn-north-4",
  projectId: "0123456789abcdef0123456789abcdef",
  endpoint: "http://127.0.0.1:9",
  cloud: "myhuaweicloud.com",
  maxRequestsPerSecond: 1000,
};

const ops = facts.dis.operations;
const fieldNames = (fields: readonly { name: string }[]) => fields.map((f) => f.name);
/** The list entry's documented id (the reference example's), and the fields the Go SDK's list model has. */
const listedTasks = ops.ListTransferTasks.response.body.find((f) => f.name === "tasks");
const LISTED_ID = listedTasks?.items?.find((f) => f.name === "task_id")?.example ?? "";
const showFields = fieldNames(ops.ShowTransferTask.response.body);

/** A show answer with the Go SDK model's fields only (no task_id), or with the Java SDK's task_id too. */
function shown(state: string, id?: string): Props {
  const body: Props = { stream_name: dwsTask.streamName, task_name: dwsTask.taskName, state, destination_type: "DWS", create_time: 1606554932552 };
  for (const k of Object.keys(body)) if (!showFields.includes(k)) throw new Error(`${k} is not a ShowTransferTask field in the facts`);
  return id === undefined ? body : { ...body, task_id: id };
}
function listed(withId: boolean): Props {
  const entry: Props = { task_name: dwsTask.taskName, state: "RUNNING", destination_type: "DWS", create_time: 1606554932552, last_transfer_timestamp: 0 };
  return { total_number: 1, quota: 5, tasks: [withId ? { task_id: LISTED_ID, ...entry } : entry] };
}

function scripted(answers: Props[]) {
  const sent: Array<{ method: string; path: string; body: string }> = [];
  const fetch = async (url: URL | string, init?: RequestInit) => {
    sent.push({ method: String(init?.method), path: new URL(String(url)).pathname, body: String(init?.body ?? "") });
    const next = answers.shift();
    if (next === undefined) throw new Error(`no scripted answer for ${init?.method} ${String(url)}`);
    return new Response(next.body === undefined ? null : JSON.stringify(next.body), { status: Number(next.status ?? 200) });
  };
  const client = new HuaweiClient("dis", { settings, fetch: fetch as typeof globalThis.fetch, sleep: async () => undefined, random: () => 0.5 });
  return { client, sent };
}

const inputs = task.check({}, { ...dwsTask, timeoutSeconds: 30 }).inputs;
const id = task.taskId(dwsTask.streamName, dwsTask.taskName);
const pause = (client: HuaweiClient) => task.update(id, { ...inputs, state: "RUNNING" }, { ...inputs, desiredStatus: "PAUSED" }, client);
const actions = (sent: { method: string; path: string; body: string }[]) => sent.filter((r) => r.method === "POST").map((r) => JSON.parse(r.body));

describe("the dump-task id for start/stop", () => {
  it("has a documented example id to test with", () => {
    expect(LISTED_ID).toMatch(/^[A-Za-z0-9]{19}$/);
  });

  it("takes task_id from the show answer when it has one (Java SDK model, reference example)", async () => {
    const { client, sent } = scripted([{ body: shown("RUNNING", "9dSu1wfCytSk1aOLxvF") }, {}, { body: shown("PAUSED", "9dSu1wfCytSk1aOLxvF") }]);
    const { outs } = await pause(client);
    expect(actions(sent)).toEqual([{ action: "stop", tasks: [{ id: "9dSu1wfCytSk1aOLxvF" }] }]);
    expect(sent.map((r) => r.method)).toEqual(["GET", "POST", "GET"]);
    expect(outs).toMatchObject({ taskId: "9dSu1wfCytSk1aOLxvF", state: "PAUSED" });
  });

  it("falls back to the list entry's task_id when the show answer has none (Go SDK model)", async () => {
    const { client, sent } = scripted([{ body: shown("RUNNING") }, { body: listed(true) }, {}, { body: shown("PAUSED") }, { body: listed(true) }]);
    const { outs } = await pause(client);
    expect(actions(sent)).toEqual([{ action: "stop", tasks: [{ id: LISTED_ID }] }]);
    expect(outs).toMatchObject({ taskId: LISTED_ID, state: "PAUSED" });
  });

  it("fails with what is missing, which task and what to do when neither answer has an id, and sends no action", async () => {
    const { client, sent } = scripted([{ body: shown("RUNNING") }, { body: listed(false) }]);
    await expect(pause(client)).rejects.toThrow(
      `DwsTransferTask "${dwsTask.taskName}" (${id}): cannot stop it: DIS answered ShowTransferTask and ListTransferTasks for task "${dwsTask.taskName}" of stream "${dwsTask.streamName}" without a task_id, and the start/stop action addresses tasks only by id. Stop the task in the DIS console, or keep desiredStatus RUNNING for now.`,
    );
    expect(actions(sent)).toEqual([]);
    expect(sent.some((r) => r.body.includes("undefined") || r.path.includes("undefined"))).toBe(false);
  });
});
