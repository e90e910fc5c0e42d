import { describe, expect, it } from "vitest";
import * as task from "../../../provider/resources/huaweicloud-dws-transfer-task";
import { type DisTransferTask, taskSchema } from "../../../provider/apis/huawei-dis";
import { DWS_CLUSTER_ID, DWS_PASSWORD, KMS_KEY_ID, dwsTask } from "../../fixtures/dis";
import { type Props, checked, reasonsOf } from "../../helpers/resources";
import { HuaweiClient } from "../../../provider/clients/huawei";
import type { HuaweiSettings } from "../../../provider/settings";
import { facts } from "../../conformance/facts";

describe("DwsTransferTask check", () => {
  it("accepts the seed descriptor and applies defaults", () => {
    expect(checked(task, dwsTask)).toMatchObject({ dwsDelimiter: ",", desiredStatus: "RUNNING", deliverTimeInterval: 60, retryDuration: 1800 });
  });

  it("takes numbers as strings (as OTC's SDK sends them) and columns as a list", () => {
    expect(checked(task, { ...dwsTask, deliverTimeInterval: "120", retryDuration: "0", dwsTableColumns: ["id", " url"] })).toMatchObject({
      deliverTimeInterval: 120,
      retryDuration: 0,
      dwsTableColumns: "id,url",
    });
  });

  const rejects: Array<[string, Props, string[]]> = [
    ["a delivery interval under 30 s", { ...dwsTask, deliverTimeInterval: 10 }, ["deliverTimeInterval must be at least 30; got 10."]],
    ["a retry duration over 2 h", { ...dwsTask, retryDuration: 7201 }, ["retryDuration must be at most 7200; got 7201."]],
    [
      "an unknown consumer strategy",
      { ...dwsTask, consumerStrategy: "EARLIEST" },
      ['consumerStrategy must be one of LATEST, TRIM_HORIZON; got "EARLIEST". Change consumerStrategy to one of these.'],
    ],
    ["a tab delimiter", { ...dwsTask, dwsDelimiter: "\t" }, ['dwsDelimiter must be one of ,, ;, |; got "\\t". Change dwsDelimiter to one of these.']],
    ["a file prefix with a leading slash", { ...dwsTask, filePrefix: "/clicks" }, ['filePrefix must not start with "/"; remove the leading slash']],
    ["a file prefix of 51 characters", { ...dwsTask, filePrefix: "p".repeat(51) }, [`filePrefix must be at most 50 characters long; got "${"p".repeat(51)}".`]],
    [
      "a task name with a space",
      { ...dwsTask, taskName: "dws task" },
      ['taskName must be 1 to 64 characters, each a letter, a digit, "_" or "-"; got "dws task".'],
    ],
    ["no password", { ...dwsTask, userPassword: undefined }, ["userPassword is required. Set it to a string."]],
    [
      "a reject limit word other than unlimited",
      { ...dwsTask, options: { rejectLimit: "many" } },
      ['options.rejectLimit must be a whole number (0 or more) or "unlimited"'],
    ],
    ["an unknown option", { ...dwsTask, options: { skipErrors: true } }, ["options has unknown field skipErrors. Remove it or check the spelling."]],
  ];
  it.each(rejects)("rejects %s", (_what, news, expected) => {
    expect(reasonsOf(task, news)).toEqual(expected);
  });

  it("reports every problem at once", () => {
    const r = task.check({}, { ...dwsTask, deliverTimeInterval: 1, retryDuration: -1, consumerStrategy: "X", taskName: "" });
    expect(r.failures.map((f) => f.property).sort()).toEqual(["consumerStrategy", "deliverTimeInterval", "retryDuration", "taskName"]);
  });
});

describe("DwsTransferTask diff and mapping", () => {
  const state = { ...checked(task, dwsTask), taskId: "t-1", state: "RUNNING" };
  it("pauses and resumes in place; every descriptor field replaces, deleting first when the name stays", () => {
    expect(task.diff("clicks/dwstask", state, checked(task, dwsTask))).toEqual({ changes: false });
    expect(task.diff("clicks/dwstask", state, checked(task, { ...dwsTask, desiredStatus: "PAUSED" }))).toEqual({ changes: true });
    expect(task.diff("clicks/dwstask", state, checked(task, { ...dwsTask, deliverTimeInterval: 120 }))).toEqual({
      changes: true,
      replaces: ["deliverTimeInterval"],
      deleteBeforeReplace: true,
    });
    expect(task.diff("clicks/dwstask", state, checked(task, { ...dwsTask, userPassword: "Rotated#Pass-2" }))).toEqual({
      changes: true,
      replaces: ["userPassword"],
      deleteBeforeReplace: true,
    });
    expect(task.diff("clicks/dwstask", state, checked(task, { ...dwsTask, taskName: "dwstask2" }))).toEqual({ changes: true, replaces: ["taskName"] });
  });

  it("treats unset fault-tolerance options as the service's defaults", () => {
    expect(task.diff("clicks/dwstask", state, checked(task, { ...dwsTask, options: undefined }))).toEqual({ changes: false });
    expect(task.diff("clicks/dwstask", state, checked(task, { ...dwsTask, options: { ignoreExtraData: true } }))).toMatchObject({ replaces: ["options"] });
  });

  it("builds the seed's request body", () => {
    expect(task.createBody(checked(task, dwsTask))).toEqual({
      destination_type: "DWS",
      dws_destination_descriptor: {
        task_name: "dwstask",
        agency_name: "dis_admin_agency",
        deliver_time_interval: 60,
        consumer_strategy: "LATEST",
        dws_cluster_name: "dwscluster",
        dws_cluster_id: DWS_CLUSTER_ID,
        dws_database_name: "postgres",
        dws_schema: "dbadmin",
        dws_table_name: "dwstablename",
        dws_delimiter: ",",
        user_name: "dbadmin",
        user_password: DWS_PASSWORD,
        kms_user_key_name: "kmskey",
        kms_user_key_id: KMS_KEY_ID,
        obs_bucket_path: "obsbucket",
        retry_duration: 1800,
        options: { fill_missing_fields: "false", ignore_extra_data: "false", compatible_illegal_chars: "false" },
      },
    });
  });

  it("reads the misspelled descriptor key back as the same inputs, keeping the password it never echoes", () => {
    const { user_password: _p, ...echoed } = task.createBody(checked(task, dwsTask)).dws_destination_descriptor as Props;
    const shown: DisTransferTask = taskSchema.parse({
      task_name: "dwstask",
      task_id: "t-1",
      state: "PAUSED",
      destination_type: "DWS",
      dws_destination_descripton: {
        ...echoed,
        deliver_time_interval: "60",
        options: { fill_missing_fields: "off", ignore_extra_data: "false", compatible_illegal_chars: "false" },
      },
    });
    const actual = task.inputsFromTask(shown, "clicks", state);
    expect(actual).toMatchObject({ taskName: "dwstask", deliverTimeInterval: 60, desiredStatus: "PAUSED" });
    expect(actual.userPassword).toBeUndefined();
    const { desiredStatus: _d, ...rest } = actual;
    expect(task.diff("clicks/dwstask", { ...state, ...rest }, checked(task, dwsTask))).toEqual({ changes: false });
  });
});

/**
 * Where the dump-task id for the start/stop action comes from. The Go SDK's ShowTransferTask and
 * ListTransferTasks models carry no id; the Java SDK's show model and the reference examples carry
 * `task_id` (the DIS facts). The answers here are built from those facts, not from the emulator
 * (which always sends one), over a scripted transport: the id is taken from show, else from the
 * list, and without either the update fails saying so instead of sending "undefined". Each wait's
 * poll is a list round first (shared with the stream's other waiters); an entry in a settled state
 * is then shown, since only the show gives a verdict.
 */
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
function listed(withId: boolean, state = "RUNNING"): Props {
  const entry: Props = { task_name: dwsTask.taskName, state, destination_type: "DWS", create_time: 1606554932552, last_transfer_timestamp: 0 };
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
/** The requests as the DIS operations they are: list, show or action. */
const operations = (sent: { method: string; path: string }[]) =>
  sent.map((r) => (r.method === "POST" ? "action" : r.path.endsWith("/transfer-tasks") ? "list" : "show"));

describe("the dump-task id for start/stop", () => {
  it("has a documented example id to test with", () => {
    expect(LISTED_ID).toMatch(/^[A-Za-z0-9]{19}$/);
  });

  it("takes task_id from the show answer when it has one (Java SDK model, reference example)", async () => {
    const { client, sent } = scripted([{ body: shown("RUNNING", "9dSu1wfCytSk1aOLxvF") }, {}, { body: shown("PAUSED", "9dSu1wfCytSk1aOLxvF") }]);
    const { outs } = await pause(client);
    expect(actions(sent)).toEqual([{ action: "stop", tasks: [{ id: "9dSu1wfCytSk1aOLxvF" }] }]);
    // No list is read for the id: each wait, alone in its round, reads the task itself.
    expect(operations(sent)).toEqual(["show", "action", "show"]);
    expect(outs).toMatchObject({ taskId: "9dSu1wfCytSk1aOLxvF", state: "PAUSED" });
  });

  it("falls back to the list entry's task_id when the show answer has none (Go SDK model)", async () => {
    const { client, sent } = scripted([{ body: shown("RUNNING") }, { body: listed(true) }, {}, { body: shown("PAUSED") }, { body: listed(true, "PAUSED") }]);
    const { outs } = await pause(client);
    expect(actions(sent)).toEqual([{ action: "stop", tasks: [{ id: LISTED_ID }] }]);
    expect(operations(sent)).toEqual(["show", "list", "action", "show", "list"]);
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
