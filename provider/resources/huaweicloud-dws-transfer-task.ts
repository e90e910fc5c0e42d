/**
 * huaweicloud.DwsTransferTask: a DIS dump task that delivers a stream into a DWS (GaussDB(DWS))
 * table. The id is `<streamName>/<taskName>`.
 *
 * Update in place: desiredStatus only (the batch start/stop action, by task id: `task_id` of the
 * show answer, else of the task's list entry; the Go SDK's models carry neither, the Java SDK's
 * show model and the reference examples do). Every field of
 * the DWS destination descriptor replaces the task. The reference documents the update API for
 * OBS dump tasks only and says single-field updates are unsupported; for DWS it is silent. A PUT
 * the real service may refuse would fail an `up` half-way, while delete-and-create uses only
 * documented calls. The replacement deletes the old task first (names are unique per stream); with
 * consumerStrategy LATEST the new task starts at the end of the stream, so records written during
 * the swap are not delivered: use TRIM_HORIZON where that matters.
 *
 * Task names are unique per stream (DIS.4355, dis.json): a create that finds its name taken takes
 * the task over when it has the program's descriptor (userPassword, never echoed, is not compared),
 * and then brings it to desiredStatus, which also starts a task an interrupted create made but did
 * not start. With `adopt: true` a differing descriptor is still refused: it only changes by
 * replacement.
 *
 * Waits share their polls (engine/shared-poll.ts): the tasks of one stream waiting for a settled
 * state are polled by one ListTransferTasks round, whose entries carry the state; an entry only
 * says "still waiting", the verdict and the outputs come from ShowTransferTask.
 *
 * Removing an optional input (filePrefix, dwsTableColumns, options or one of its members) replaces
 * the task like any descriptor change. The options members have documented defaults (false, and
 * reject_limit 0: dis.json), which compare equal to unset, so removing one that held its default is
 * no change.
 */
import { z } from "zod";
import { type DisTransferTask, TASK_LIMIT, disApi, isDisNotFound } from "../apis/huawei-dis";
import type { HuaweiClient } from "../clients/huawei";
import { checkInputs } from "../engine/check";
import { createOrClaim } from "../engine/create-retry";
import { isUnset, sameScalar } from "../engine/equality";
import { type FieldTable, changedFields, diffOf, inputsOf, realignInputs } from "../engine/fields";
import type { Claim } from "../engine/take-over";
import { redact } from "../engine/redact";
import { bringToDesiredState } from "../engine/desired-state";
import type { PollHint } from "../engine/wait";
import { accountOf, pollThroughList } from "../engine/shared-poll";
import { defineResource, tokenKind } from "../engine/descriptor";
import { ApiError, malformedId } from "../errors";
import { disClient, disName } from "./huaweicloud-dis-stream";

/** The type token, written only here: the kind, the engine's type token and the registry derive from it. */
const token = { module: "huaweicloud", name: "DwsTransferTask" } as const;
export const KIND = tokenKind(token);

const intOrNumeric = (min: number, max: number) =>
  z.union([z.number(), z.string().regex(/^\d+$/, "must be a whole number").transform(Number)]).pipe(z.number().int().min(min).max(max));

const columns = z
  .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
  .transform((v) => (Array.isArray(v) ? v : v.split(",")).map((c) => c.trim()).join(","));

export const options = z
  .strictObject({
    fillMissingFields: z.boolean().optional().describe("Fill columns missing from a record with NULL (or the column default). @default false"),
    ignoreExtraData: z.boolean().optional().describe("Ignore fields beyond the table's columns. @default false"),
    compatibleIllegalChars: z.boolean().optional().describe("Replace characters the database cannot store instead of failing. @default false"),
    rejectLimit: z
      .union([z.number().int().min(0), z.literal("unlimited")], { error: 'must be a whole number (0 or more) or "unlimited"' })
      .optional()
      .describe('Bad rows tolerated per load, or "unlimited". @default 0'),
    errorTableName: z.string().min(1).optional().describe("Table that receives rejected rows."),
  })
  .meta({ sdkName: "DwsTransferOptions", sdkTypeDoc: "Fault tolerance of the load into DWS (the descriptor's `options`)." });

export const shape = {
  streamName: disName.describe("The DIS stream (a DisStream's `streamName`)."),
  taskName: disName.describe("1–64 letters, digits, `_` or `-`; unique in the stream. @default the resource's name"),
  agencyName: z.string().min(1).max(64).describe("The IAM agency DIS assumes to write to DWS, OBS and KMS (the console creates `dis_admin_agency`)."),
  deliverTimeInterval: intOrNumeric(30, 900).default(300).describe("Seconds between loads, 30–900. @default 300"),
  consumerStrategy: z
    .enum(["LATEST", "TRIM_HORIZON"])
    .default("LATEST")
    .describe('Where a new task starts reading: LATEST or TRIM_HORIZON (the oldest kept record). @default "LATEST"'),
  dwsClusterName: z.string().min(1),
  dwsClusterId: z.string().min(1),
  dwsDatabaseName: z.string().min(1),
  dwsSchema: z.string().min(1),
  dwsTableName: z.string().min(1),
  dwsDelimiter: z.enum([",", ";", "|"]).default(",").describe('Field delimiter of the records: `,`, `;` or `|`. @default ","'),
  userName: z.string().min(1).describe("Database user the task loads as."),
  userPassword: z.string().min(1).describe("Its password. Always stored as a secret; never echoed by the API."),
  kmsUserKeyName: z.string().min(1).describe("The KMS key that encrypts the password."),
  kmsUserKeyId: z.string().min(1),
  obsBucketPath: z.string().min(1).describe("OBS bucket (and path) where records are staged before the load."),
  filePrefix: z
    .string()
    .max(50)
    .regex(/^[A-Za-z0-9_/]*$/, 'may contain only letters, digits, "_" and "/"')
    .refine((v) => !v.startsWith("/"), { message: 'must not start with "/"; remove the leading slash' })
    .optional()
    .describe("Folder under the bucket, ≤ 50 of letters, digits, `_`, `/`; no leading slash."),
  retryDuration: intOrNumeric(0, 7200)
    .default(1800)
    .describe("Seconds to keep retrying a failed load, 0–7200; then rows go to `<bucket>/<filePrefix>/dws_error`. @default 1800"),
  dwsTableColumns: columns.optional().meta({ sdkOutput: "string" }).describe("Columns to load, as a list or comma-separated; all when unset."),
  options: options.optional(),
  desiredStatus: z.enum(["RUNNING", "PAUSED"]).default("RUNNING").describe('Keep the task RUNNING or PAUSED (the batch start/stop action). @default "RUNNING"'),
  timeoutSeconds: z.number().int().min(1).max(86_400).default(600).describe("How long create and update wait for a settled state. @default 600"),
  adopt: z
    .boolean()
    .default(false)
    .describe(
      "Bring an existing dump task with the same `taskName` in `streamName` (names are unique per\nstream) under management instead of creating one. Every descriptor field only changes by\nreplacement, so the task must match this definition (userPassword, never echoed, is not\ncompared); desiredStatus is then applied. Without it, a task of this name is taken over only\nwhen it matches (the one an interrupted `pulumi up` leaves behind, which is then started).\n@default false: creating a task whose name is taken by a differing task fails",
    ),
} as const;

type Inputs = { [K in keyof typeof shape]: z.output<(typeof shape)[K]> };
type Props = Record<string, unknown>;

export function check(_olds: Props, news: Props) {
  return checkInputs<Inputs>(KIND, shape, [], news, fields);
}

const OPTION_KEYS: Record<string, string> = {
  fillMissingFields: "fill_missing_fields",
  ignoreExtraData: "ignore_extra_data",
  compatibleIllegalChars: "compatible_illegal_chars",
  rejectLimit: "reject_limit",
  errorTableName: "error_table_name",
};
const BOOLEAN_OPTIONS = new Set(["fillMissingFields", "ignoreExtraData", "compatibleIllegalChars"]);

/** Options as the API takes them: string enums ("true"/"false"), reject_limit as a string. */
export function optionsToApi(o: unknown): Props | undefined {
  if (o === null || typeof o !== "object") return undefined;
  const out: Props = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined && OPTION_KEYS[k]) out[OPTION_KEYS[k]] = String(v);
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Options read back: "true"/"on" and "false"/"off" as booleans, numeric reject limits as numbers. */
export function optionsFromApi(o: unknown): Props | undefined {
  if (o === null || typeof o !== "object") return undefined;
  const out: Props = {};
  for (const [k, api] of Object.entries(OPTION_KEYS)) {
    const v = (o as Props)[api];
    if (v === undefined || v === null || v === "") continue;
    if (BOOLEAN_OPTIONS.has(k)) out[k] = v === true || v === "true" || v === "on";
    else if (k === "rejectLimit") out[k] = v === "unlimited" ? v : Number(v);
    else out[k] = String(v);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Unset members are the service's defaults (the booleans false, reject_limit 0: dis.json
 * DwsDestinationDescriptorRequest options); an empty options object is no options.
 */
function sameOptions(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => {
    const api = optionsToApi(v) ?? {};
    for (const k of ["fill_missing_fields", "ignore_extra_data", "compatible_illegal_chars"]) if (api[k] === "false") delete api[k];
    if (api.reject_limit === "0") delete api.reject_limit;
    return JSON.stringify(
      Object.keys(api)
        .sort()
        .map((k) => [k, api[k]]),
    );
  };
  return norm(a) === norm(b);
}

const sameColumns = (a: unknown, b: unknown) =>
  (isUnset(a) && isUnset(b)) ||
  String(a ?? "")
    .split(",")
    .map((c) => c.trim())
    .join(",") ===
    String(b ?? "")
      .split(",")
      .map((c) => c.trim())
      .join(",");

/** Every descriptor field replaces the task (see the header); userPassword is never echoed. */
export const fields: FieldTable = {
  streamName: { api: "stream_name", replace: true },
  taskName: { api: "task_name", replace: true },
  agencyName: { api: "agency_name", replace: true },
  deliverTimeInterval: { api: "deliver_time_interval", replace: true },
  consumerStrategy: { api: "consumer_strategy", replace: true },
  dwsClusterName: { api: "dws_cluster_name", replace: true },
  dwsClusterId: { api: "dws_cluster_id", replace: true },
  dwsDatabaseName: { api: "dws_database_name", replace: true },
  dwsSchema: { api: "dws_schema", replace: true },
  dwsTableName: { api: "dws_table_name", replace: true },
  dwsDelimiter: { api: "dws_delimiter", replace: true, same: (a, b) => sameScalar(a || ",", b || ",") },
  userName: { api: "user_name", replace: true },
  userPassword: { api: "user_password", replace: true, writeOnly: true, secret: true },
  kmsUserKeyName: { api: "kms_user_key_name", replace: true },
  kmsUserKeyId: { api: "kms_user_key_id", replace: true },
  obsBucketPath: { api: "obs_bucket_path", replace: true },
  filePrefix: { api: "file_prefix", replace: true },
  retryDuration: { api: "retry_duration", replace: true },
  dwsTableColumns: { api: "dws_table_columns", replace: true, same: sameColumns },
  options: { api: "options", replace: true, same: sameOptions },
  desiredStatus: { api: "", same: (a, b) => (a ?? "RUNNING") === (b ?? "RUNNING") },
};

const DESCRIPTOR_FIELDS = Object.keys(fields).filter((k) => k !== "streamName" && k !== "desiredStatus");

export function diff(_id: string, olds: Props, news: Props) {
  const d = diffOf(fields, changedFields(fields, olds, news));
  // Task names are unique per stream: a replacement that keeps the name must delete first.
  if (d.replaces && !d.replaces.includes("taskName") && !d.replaces.includes("streamName")) d.deleteBeforeReplace = true;
  return d;
}

export function createBody(inputs: Props): Props {
  const descriptor: Props = {};
  for (const k of DESCRIPTOR_FIELDS) {
    const spec = fields[k];
    if (!spec || inputs[k] === undefined) continue;
    descriptor[spec.api] = k === "options" ? optionsToApi(inputs[k]) : inputs[k];
  }
  return { destination_type: "DWS", dws_destination_descriptor: descriptor };
}

export function inputsFromTask(t: DisTransferTask, streamName: string, last: Props): Props {
  const d = (t.descriptor ?? {}) as Props;
  const out: Props = {
    streamName,
    taskName: t.task_name,
    desiredStatus: t.state === "PAUSED" ? "PAUSED" : t.state === "RUNNING" ? "RUNNING" : last.desiredStatus,
  };
  for (const k of DESCRIPTOR_FIELDS) {
    const spec = fields[k];
    if (!spec || spec.writeOnly || k === "taskName") continue;
    const v = d[spec.api];
    if (v === undefined || v === null || v === "") continue;
    out[k] = k === "options" ? optionsFromApi(v) : k === "deliverTimeInterval" || k === "retryDuration" ? Number(v) : v;
  }
  return out;
}

/** The service's explanation of an unhealthy task, wherever this API version puts it. */
function reasonOf(t: DisTransferTask): string {
  const r = t as unknown as Props;
  for (const k of ["error_msg", "error_message", "state_detail", "message"]) if (typeof r[k] === "string" && r[k]) return r[k] as string;
  return "no reason given";
}

export function computed(t: DisTransferTask, secrets: readonly string[]): Props {
  return {
    taskId: t.task_id ?? "",
    state: t.state,
    errorMessage: ["ERROR", "ABNORMAL"].includes(t.state) ? redact(reasonOf(t), secrets) : "",
    createTime: t.create_time ?? 0,
    lastTransferTimestamp: t.last_transfer_timestamp ?? 0,
  };
}

export function taskId(streamName: string, taskName: string): string {
  return `${streamName}/${taskName}`;
}

function parseTaskId(id: string): { streamName: string; taskName: string } {
  const m = /^([^/]+)\/([^/]+)$/.exec(id);
  if (!m?.[1] || !m[2]) throw malformedId(KIND, id, "<streamName>/<taskName>");
  return { streamName: m[1], taskName: m[2] };
}

const label = (p: Props, id?: string) => `DwsTransferTask "${String(p.taskName)}"${id ? ` (${id})` : ""}`;

/** The task with its id from its list entry when the show answer has none (the Go SDK's model has none). */
async function withListedId(client: HuaweiClient, streamName: string, t: DisTransferTask): Promise<DisTransferTask> {
  if (t.task_id) return t;
  const listed = (await disApi.listTasks(client, streamName)).find((e) => e.task_name === t.task_name);
  return listed?.task_id ? { ...t, task_id: listed.task_id } : t;
}

/**
 * The id the start/stop action takes. Without one the action cannot be sent (it would name no
 * task), so this fails saying what is missing and what to do instead.
 */
export async function actionTaskId(client: HuaweiClient, streamName: string, t: DisTransferTask, action: "start" | "stop"): Promise<string> {
  const id = (await withListedId(client, streamName, t)).task_id;
  if (id) return id;
  throw new Error(
    `DwsTransferTask "${t.task_name}" (${taskId(streamName, t.task_name)}): cannot ${action} it: DIS answered ShowTransferTask and ListTransferTasks for task "${t.task_name}" of stream "${streamName}" without a task_id, and the start/stop action addresses tasks only by id. ${action === "start" ? "Start" : "Stop"} the task in the DIS console, or keep desiredStatus ${action === "start" ? "PAUSED" : "RUNNING"} for now.`,
  );
}

async function find(client: HuaweiClient, streamName: string, taskName: string): Promise<DisTransferTask | undefined> {
  try {
    const t = await disApi.showTask(client, streamName, taskName);
    return t.state === "DELETE" ? undefined : t;
  } catch (err) {
    if (isDisNotFound(err)) return undefined;
    throw err;
  }
}

const FAILED = new Set(["ERROR", "ABNORMAL"]);
const SETTLED = new Set(["RUNNING", "PAUSED", ...FAILED]);
/** The states a wait decides on (DELETE: `find` reads it as gone). */
const VERDICTS: ReadonlySet<string> = new Set([...SETTLED, "DELETE"]);

/**
 * One poll of a wait: the stream's shared ListTransferTasks round, whose entry stands for the task
 * while it is in a transition (only the state is read), else ShowTransferTask. A stream not found
 * lists none: the show then says the task is gone.
 */
function pollTask(client: HuaweiClient, streamName: string, taskName: string, hint: PollHint): Promise<DisTransferTask | undefined> {
  return pollThroughList<DisTransferTask | undefined, { task_name: string; state?: string | undefined }>({
    list: {
      key: `${accountOf(client)} ${client.region} ${client.projectId} dis ListTransferTasks ${streamName}`,
      entries: () =>
        disApi.listTasks(client, streamName).catch((err: unknown) => {
          if (isDisNotFound(err)) return [];
          throw err;
        }),
      idOf: (e) => e.task_name,
      statusOf: (e) => e.state,
    },
    id: taskName,
    waiting: (state) => !VERDICTS.has(state),
    pending: (state) => ({ task_name: taskName, state }) as DisTransferTask,
    read: () => find(client, streamName, taskName),
    hint,
  });
}

/**
 * Brings the task to desiredStatus through the start/stop action and keeps a task that ends in
 * ERROR or ABNORMAL in state with its reason (partial failure), so the next `up` can heal it.
 */
async function settle(client: HuaweiClient, inputs: Props, id: string, mayRestart: boolean): Promise<Props> {
  const secrets = [String(inputs.userPassword ?? "")];
  const { streamName, taskName } = parseTaskId(id);
  const timeoutSeconds = Number(inputs.timeoutSeconds ?? 600);
  const task = await bringToDesiredState<DisTransferTask>({
    kind: KIND,
    id,
    label: label(inputs, id),
    noun: "task",
    stateWord: "state",
    deadline: Date.now() + timeoutSeconds * 1000,
    timeoutSeconds,
    together: true,
    learnAs: `${accountOf(client)} ${client.region} ${client.projectId} ${KIND} settled`,
    poll: (hint) => pollTask(client, streamName, taskName, hint),
    stateOf: (t) => t.state,
    settled: SETTLED,
    failed: FAILED,
    desired: inputs.desiredStatus === "PAUSED" ? "PAUSED" : "RUNNING",
    idle: "PAUSED",
    reasonOf: (t) => redact(reasonOf(t), secrets),
    propsOf: (t) => ({ ...inputs, ...(t ? computed(t, secrets) : {}) }),
    operationFor: (desired) => (desired === "RUNNING" ? "start" : "stop"),
    send: async (t, action) => {
      const act = action === "start" ? "start" : "stop";
      await disApi.taskAction(client, streamName, act, await actionTaskId(client, streamName, t, act));
    },
    mayRestart,
  });
  return { ...inputs, ...computed(await withListedId(client, streamName, task), secrets) };
}

/** DIS's "the transfer task already exists": names are unique per stream (dis.json error codes). */
export const TASK_EXISTS = "DIS.4355";

/**
 * What claimExisting judges of the task found under the program's name: it is taken over when its
 * descriptor is the program's; every descriptor field replaces, so a differing one is refused even
 * with adopt. desiredStatus is not compared: the create's own last step (settle) applies it.
 */
const claimOf = (t: DisTransferTask, streamName: string, inputs: Props): Claim => ({
  what: label(inputs),
  found: `task ${t.task_name} of stream ${streamName} (${String(t.task_id ?? "no id")})`,
  nameInput: "taskName",
  inputs,
  theirs: { ...inputsFromTask(t, streamName, inputs), desiredStatus: inputs.desiredStatus },
  fields,
});

/** One create call; a stream already at DIS's limit of dump tasks is refused in words saying what to do. */
async function createTask(client: HuaweiClient, streamName: string, inputs: Props): Promise<void> {
  try {
    await disApi.createTask(client, streamName, createBody(inputs), [String(inputs.userPassword)]);
  } catch (err) {
    if (!(err instanceof ApiError && err.code === TASK_LIMIT)) throw err;
    throw new Error(
      `${label(inputs)}: stream "${streamName}" already has the most dump tasks DIS allows (5 per stream, ${TASK_LIMIT}). Delete a dump task of that stream, or deliver from another stream.`,
    );
  }
}

export async function create(inputs: Props, client: HuaweiClient = disClient()) {
  const streamName = String(inputs.streamName);
  const taskName = String(inputs.taskName);
  // Names are unique per stream, so an ambiguous create is looked up before it is sent again.
  await createOrClaim<void, DisTransferTask>({
    what: label(inputs),
    adopt: inputs.adopt === true,
    send: () => createTask(client, streamName, inputs),
    lookUp: () => find(client, streamName, taskName),
    isNameTaken: (err) => err instanceof ApiError && err.code === TASK_EXISTS,
    claimOf: (t) => claimOf(t, streamName, inputs),
    // No takeOver: nothing of a claimed task changes in place (settle below brings it to desiredStatus).
    // The task the look-up after an ambiguous create finds is taken as the one that create made.
    claimRecovered: false,
  });
  const id = taskId(streamName, taskName);
  return { id, outs: await settle(client, inputs, id, false) };
}

export async function read(id: string, props: Props, client: HuaweiClient = disClient()) {
  const { streamName, taskName } = parseTaskId(id);
  const shown = await find(client, streamName, taskName);
  if (shown === undefined) return {};
  const t = await withListedId(client, streamName, shown);
  const last = inputsOf(Object.keys(shape), props);
  const inputs = realignInputs(fields, last, inputsFromTask(t, streamName, last));
  return { id, props: { ...inputs, ...computed(t, [String(props.userPassword ?? "")]) }, inputs };
}

export async function update(id: string, _olds: Props, news: Props, client: HuaweiClient = disClient()) {
  // Only desiredStatus changes in place (or nothing: the retry of a task kept after a failure).
  return { outs: await settle(client, news, id, true) };
}

export async function remove(id: string, _props: Props, client: HuaweiClient = disClient()) {
  const { streamName, taskName } = parseTaskId(id);
  try {
    await disApi.deleteTask(client, streamName, taskName);
  } catch (err) {
    if (isDisNotFound(err)) return;
    throw err;
  }
}

/** huaweicloud.DwsTransferTask, as the registry (resources/index.ts) serves it. */
export const resource = defineResource({
  token,
  shape,
  fields,
  outputs: {
    taskId: z
      .string()
      .describe(
        "The task's id, which the start/stop action addresses tasks by: `task_id` of the show answer, or\nof the task's list entry when the show answer has none. Empty when DIS gives neither; a\ndesiredStatus change then fails with a message saying so.",
      ),
    state: z.string().describe("STARTING, RUNNING, PAUSED, ERROR, ABNORMAL or DELETE."),
    errorMessage: z.string().describe("The service's reason when the task is in ERROR or ABNORMAL."),
    createTime: z.number().describe("Milliseconds since the epoch."),
    lastTransferTimestamp: z.number(),
  },
  replaceNote:
    "DIS documents an update only for OBS dump tasks, hence the replacements; one deletes the old task first when the name stays (names are unique per stream). `desiredStatus` starts or stops it by task id (read from the show answer or else the task list; without one the update fails saying so). Numbers sent as strings, fault-tolerance options left at their defaults and column lists with spaces are not changes.",
  sdk: {
    summary:
      "A DIS dump task that delivers a stream into a DWS (GaussDB(DWS)) table. Create waits until the\ntask runs (or is paused, per desiredStatus); a task that ends in ERROR or ABNORMAL is kept in\nstate with its id and the service's reason, and the run fails. A stream holds at most 5 dump\ntasks; a sixth is refused with a message saying so.",
    args: "Inputs of {@link DwsTransferTask}: the stream plus every field of the DWS destination\ndescriptor, in camelCase. Every descriptor field replaces the task when changed (the API\ndocuments no DWS update); desiredStatus updates in place.",
    example: [
      'import * as pulumi from "@pulumi/pulumi";',
      'import { huaweicloud } from "pulumi-streamjobs";',
      "",
      "// The DWS cluster, its dbadmin user (password Dws#Admin-Pass1), the KMS key, the bucket and the",
      "// agency are the default emulator's; name yours in a real region.",
      "const config = new pulumi.Config();",
      'const stream = new huaweicloud.DisStream("orders", { partitionCount: 1, dataType: "JSON" });',
      'new huaweicloud.DwsTransferTask("orders-to-dws", {',
      '  streamName: stream.streamName, agencyName: "dis_admin_agency",',
      '  dwsClusterName: "dwscluster", dwsClusterId: "f82dc227-3691-47eb-bca7-e7851f509b2a", dwsDatabaseName: "analytics",',
      '  dwsSchema: "public", dwsTableName: "orders", userName: "dbadmin", userPassword: config.requireSecret("dwsPassword"),',
      '  kmsUserKeyName: "kmskey", kmsUserKeyId: "1e759f06-9188-4d21-afab-a75e57c04d2b", obsBucketPath: "obsbucket",',
      "});",
    ].join("\n"),
    see: "https://support.huaweicloud.com/intl/en-us/api-dis/CreateTransferTask.html",
    nameInput: "taskName",
    get: "Reads an existing dump task (id `<streamName>/<taskName>`) without managing it.",
  },
  check,
  diff,
  create,
  read,
  update,
  remove,
});
