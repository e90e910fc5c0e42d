/**
 * huaweicloud.DisStream: a DIS stream, the parent of dump tasks.
 *
 * Update in place: partitionCount (the scale API; the provider waits until the writable partition
 * count reaches it), tags (the tags action), and dataDuration, dataType, dataSchema,
 * autoScaleEnabled and the auto-scale bounds (the v3 UpdateStream). What no API changes replaces
 * the stream, which deletes its data and its dump tasks: streamName, streamType, csvProperties,
 * compressionFormat, sysTags, and removing a dataSchema (UpdateStream sets one but documents no way
 * to clear it). While auto-scaling is on the service owns the partition count, so partitionCount
 * changes are not diffs then.
 *
 * Stream names are unique per project (DIS.4307 "stream already exists", dis.json): a create that
 * finds its name taken takes the stream over when it has the program's definition
 * (engine/take-over.ts), and with `adopt: true` also when it differs in what an update changes.
 *
 * Waits share their polls (engine/shared-poll.ts): the streams of one project waiting for RUNNING
 * or for their deletion are polled by one ListStreams round, whose entries carry the status; an
 * entry only says "still waiting", the verdict and the outputs come from ShowStream. A scale waits
 * on ShowStream alone: list entries carry no writable partition count.
 *
 * Removing an optional input (nothing empty is ever sent): autoScaleEnabled goes back to the
 * documented default false (UpdateStream sends auto_scale_enabled false); the auto-scale bounds are
 * kept (UpdateStream sends them only with auto-scaling on, and they mean nothing without it);
 * tags are deleted through the tags action (no tags is the default); dataSchema, csvProperties,
 * compressionFormat and sysTags replace the stream (no API clears them).
 */
import { z } from "zod";
import { DATA_DURATION_HOURS, type DisStream, disApi, disRules, isDisNotFound } from "../apis/huawei-dis";
import { HuaweiClient } from "../clients/huawei";
import { type Rule, checkInputs, show } from "../engine/check";
import { createOrClaim } from "../engine/create-retry";
import { isUnset, sameJson, sameScalar } from "../engine/equality";
import { type FieldTable, changedFields, diffOf, inputsOf, realignInputs } from "../engine/fields";
import type { Claim } from "../engine/take-over";
import { accountOf, pollThroughList, sharesPollsAs } from "../engine/shared-poll";
import { type PollHint, waitUntilGone, waitUntilSettled } from "../engine/wait";
import { defineResource, tokenKind } from "../engine/descriptor";
import { ApiError, resourceInitFailed, waitTimedOut } from "../errors";
import { huaweiSettings } from "../settings";
import { printProgress } from "../engine/progress";

/** The type token, written only here: the kind, the engine's type token and the registry derive from it. */
const token = { module: "huaweicloud", name: "DisStream" } as const;
export const KIND = tokenKind(token);

/** A schema refused where DIS refuses, in the words the emulator uses too (provider/apis/huawei-dis.ts). */
function ruled<T extends z.ZodType>(schema: T, problem: (v: z.output<T>) => string | undefined) {
  return schema.superRefine((v, ctx) => {
    const reason = problem(v);
    if (reason !== undefined) ctx.addIssue({ code: "custom", message: reason });
  });
}

const tags = ruled(
  z
    .array(z.strictObject({ key: ruled(z.string(), disRules.tagKey), value: ruled(z.string(), disRules.tagValue).default("") }).meta({ sdkName: "DisTag" }))
    .refine((list) => new Set(list.map((t) => t.key)).size === list.length, { message: "must not give a tag key twice" }),
  (list) => disRules.tagCount(list.length),
);

/** DIS names (streams, dump tasks): 1–64 letters, digits, `_` or `-`. */
export const disName = ruled(z.string(), disRules.name);

export const shape = {
  streamName: disName.describe("1–64 letters, digits, `_` or `-`; unique in the project. Changing it replaces the stream. @default the resource's name"),
  partitionCount: z.number().int().min(1).describe("Partitions (1 MB/s each for COMMON, 5 MB/s for ADVANCED). Updated in place through the scale API."),
  streamType: z.enum(["COMMON", "ADVANCED"]).default("COMMON").describe('@default "COMMON". Changing it replaces the stream.'),
  dataType: z.enum(["BLOB", "JSON", "CSV"]).default("BLOB").describe('@default "BLOB". Updated in place (UpdateStream).'),
  dataDuration: ruled(z.number(), disRules.dataDuration)
    .default(DATA_DURATION_HOURS.default)
    .describe("Hours records are kept, a whole number from 24 to 72. @default 24. Updated in place (UpdateStream)."),
  autoScaleEnabled: z
    .boolean()
    .optional()
    .describe(
      "Let the service scale partitions between the two bounds (then partitionCount is only the start).\nTurning it on or off and changing the bounds update in place (UpdateStream).",
    ),
  autoScaleMinPartitionCount: z.number().int().min(1).optional().describe("Required while autoScaleEnabled is true. Updated in place."),
  autoScaleMaxPartitionCount: z.number().int().min(1).optional().describe("Required while autoScaleEnabled is true. Updated in place."),
  dataSchema: z
    .string()
    .min(1)
    .refine(
      (s) => {
        try {
          JSON.parse(s);
          return true;
        } catch {
          return false;
        }
      },
      { message: 'must be an Avro schema in JSON text, e.g. \'{"type":"record","name":"r","fields":[…]}\'' },
    )
    .optional()
    .describe(
      "Avro schema (JSON text) of the records, for JSON/CSV conversion by dump tasks. Setting or\nchanging it updates in place; removing it replaces the stream (no API clears a schema).",
    ),
  csvProperties: z
    .strictObject({ delimiter: z.string().min(1) })
    .optional()
    .describe("CSV only. Changing it replaces the stream."),
  compressionFormat: z.enum(["snappy", "gzip", "zip"]).optional().describe("Changing it replaces the stream."),
  tags: tags
    .optional()
    .describe(
      "At most 10; keys 1–36 and values at most 43 characters (letters, digits, `_`, `-`, values also\n`.`, and CJK ideographs). Updated in place. Order is not significant.",
    ),
  sysTags: tags.optional().describe('e.g. `[{ key: "_sys_enterprise_project_id", value: "…" }]`. Changing it replaces the stream.'),
  timeoutSeconds: z.number().int().min(1).max(86_400).default(600).describe("How long create, update (scaling, UpdateStream) and delete wait. @default 600"),
  adopt: z
    .boolean()
    .default(false)
    .describe(
      "Bring an existing stream with the same `streamName` (unique per project) under management\ninstead of creating one: create finds it, checks that what only a replacement changes\n(streamType, csvProperties, compressionFormat, sysTags) matches, and updates the rest in place.\nWithout it, a stream of this name is taken over only when it already has this definition (the\none an interrupted `pulumi up` leaves behind).\n@default false: creating a stream whose name is taken by a differing stream fails",
    ),
} as const;

type Inputs = { [K in keyof typeof shape]: z.output<(typeof shape)[K]> };
type Props = Record<string, unknown>;

const AUTO_SCALE_BOUNDS = ["autoScaleMinPartitionCount", "autoScaleMaxPartitionCount"] as const;

export const rules: readonly Rule<Inputs>[] = [
  ...AUTO_SCALE_BOUNDS.map(
    (f): Rule<Inputs> => ({
      fields: ["autoScaleEnabled", f],
      property: f,
      violated: (d) => d.autoScaleEnabled === true && d[f] === undefined,
      message: () => `${f} is required when autoScaleEnabled is true (auto-scaling needs both bounds). Set ${f}.`,
    }),
  ),
  ...AUTO_SCALE_BOUNDS.map(
    (f): Rule<Inputs> => ({
      fields: ["autoScaleEnabled", f],
      property: f,
      violated: (d) => d.autoScaleEnabled !== true && d[f] !== undefined,
      message: (d) => `${f} only applies when autoScaleEnabled is true; got ${show(d[f])} without it. Set autoScaleEnabled: true or remove ${f}.`,
    }),
  ),
  {
    fields: ["autoScaleMinPartitionCount", "autoScaleMaxPartitionCount"],
    property: "autoScaleMaxPartitionCount",
    violated: (d) =>
      d.autoScaleMinPartitionCount !== undefined && d.autoScaleMaxPartitionCount !== undefined && d.autoScaleMinPartitionCount > d.autoScaleMaxPartitionCount,
    message: (d) =>
      `autoScaleMaxPartitionCount (${d.autoScaleMaxPartitionCount}) must not be below autoScaleMinPartitionCount (${d.autoScaleMinPartitionCount}). Raise the maximum or lower the minimum.`,
  },
  {
    fields: ["autoScaleEnabled", "partitionCount", "autoScaleMinPartitionCount", "autoScaleMaxPartitionCount"],
    property: "partitionCount",
    violated: (d) =>
      d.autoScaleEnabled === true &&
      d.autoScaleMinPartitionCount !== undefined &&
      d.autoScaleMaxPartitionCount !== undefined &&
      (d.partitionCount < d.autoScaleMinPartitionCount || d.partitionCount > d.autoScaleMaxPartitionCount),
    message: (d) =>
      `partitionCount ${d.partitionCount} is outside the auto-scale range ${d.autoScaleMinPartitionCount}–${d.autoScaleMaxPartitionCount}; the stream starts with partitionCount partitions. Set it within the range.`,
  },
  {
    fields: ["dataType", "csvProperties"],
    property: "csvProperties",
    violated: (d) => d.csvProperties !== undefined && d.dataType !== "CSV",
    message: (d) => `csvProperties only applies when dataType is "CSV"; got dataType ${show(d.dataType)}. Remove csvProperties or set dataType to "CSV".`,
  },
];

export function check(_olds: Props, news: Props) {
  return checkInputs<Inputs>(KIND, shape, rules, news);
}

/** Tags compare as a set of key=value pairs. */
function sameTags(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) =>
    (Array.isArray(v) ? v : [])
      .map((t) => `${String((t as Props).key)}=${String((t as Props).value ?? "")}`)
      .sort()
      .join("\n");
  return norm(a) === norm(b);
}

const sameObject = (a: unknown, b: unknown) => (isUnset(a) && isUnset(b)) || JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const sameFlag = (a: unknown, b: unknown) => Boolean(a) === Boolean(b);

export const fields: FieldTable = {
  streamName: { api: "stream_name", replace: true },
  partitionCount: { api: "partition_count" },
  streamType: { api: "stream_type", replace: true },
  dataType: { api: "data_type" },
  dataDuration: { api: "data_duration" },
  // CreateStreamReq auto_scale_enabled defaults to false (dis.json); UpdateStream sends false.
  autoScaleEnabled: { api: "auto_scale_enabled", same: sameFlag, unset: { reset: false } },
  // Sent only with auto-scaling on; without it they mean nothing, so the service's value is kept.
  autoScaleMinPartitionCount: { api: "auto_scale_min_partition_count", unset: "kept" },
  autoScaleMaxPartitionCount: { api: "auto_scale_max_partition_count", unset: "kept" },
  // UpdateStream sets a schema but documents no way to clear one: removing it replaces the stream.
  dataSchema: { api: "data_schema", same: sameJson, unset: "replace" },
  csvProperties: { api: "csv_properties", replace: true, same: sameObject },
  compressionFormat: { api: "compression_format", replace: true },
  // Removed tags are deleted through the tags action; a stream has none by default.
  tags: { api: "tags", same: sameTags, unset: { reset: [] } },
  sysTags: { api: "sys_tags", replace: true, same: sameTags },
};

/** Changed properties; partitionCount is the service's while auto-scaling is on. */
function streamChanges(olds: Props, news: Props): string[] {
  const changed = changedFields(fields, olds, news);
  return news.autoScaleEnabled === true && olds.autoScaleEnabled === true ? changed.filter((k) => k !== "partitionCount") : changed;
}

/** What the v3 UpdateStream changes in place. */
const AUTO_SCALE = ["autoScaleEnabled", ...AUTO_SCALE_BOUNDS] as const;
const UPDATE_STREAM = ["dataDuration", "dataType", "dataSchema", ...AUTO_SCALE] as const;

export function diff(_id: string, olds: Props, news: Props) {
  const changed = streamChanges(olds, news);
  const d = diffOf(fields, changed, news);
  // Stream names are unique per project: keeping the name means deleting the old stream first.
  if (d.replaces && !d.replaces.includes("streamName")) d.deleteBeforeReplace = true;
  return d;
}

function createBody(inputs: Props): Props {
  const body: Props = {};
  for (const [k, spec] of Object.entries(fields)) if (inputs[k] !== undefined) body[spec.api] = inputs[k];
  return body;
}

export function inputsFromStream(s: DisStream, last: Props): Props {
  const out: Props = {
    streamName: s.stream_name,
    partitionCount: s.writable_partition_count ?? last.partitionCount,
    streamType: s.stream_type ?? last.streamType,
    dataType: s.data_type ?? last.dataType,
    dataDuration: s.retention_period ?? s.data_duration ?? last.dataDuration,
    autoScaleEnabled: s.auto_scale_enabled ?? undefined,
    // Bounds matter only while auto-scaling is on; a service that keeps them after it is turned off is not drift.
    autoScaleMinPartitionCount: s.auto_scale_enabled ? s.auto_scale_min_partition_count : undefined,
    autoScaleMaxPartitionCount: s.auto_scale_enabled ? s.auto_scale_max_partition_count : undefined,
    dataSchema: s.data_schema,
    csvProperties: s.csv_properties?.delimiter ? { delimiter: s.csv_properties.delimiter } : undefined,
    compressionFormat: s.compression_format,
    tags: s.tags.length > 0 ? s.tags : undefined,
    sysTags: s.sys_tags.length > 0 ? s.sys_tags : undefined,
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

export function computed(s: DisStream): Props {
  return {
    streamId: s.stream_id ?? "",
    status: s.status,
    writablePartitionCount: s.writable_partition_count ?? 0,
    readablePartitionCount: s.readable_partition_count ?? 0,
    createTime: s.create_time ?? 0,
    lastModifiedTime: s.last_modified_time ?? 0,
  };
}

export function disClient(): HuaweiClient {
  const settings = huaweiSettings();
  // Only clients of one account and endpoint share a poll (engine/shared-poll.ts).
  return sharesPollsAs(new HuaweiClient("dis", { settings }), settings.endpoint ?? settings.cloud, settings.accessKey ?? settings.password?.userName);
}

const label = (name: unknown) => `DisStream "${String(name)}"`;

async function find(client: HuaweiClient, name: string): Promise<DisStream | undefined> {
  try {
    const s = await disApi.showStream(client, name);
    return s.status === "TERMINATED" ? undefined : s;
  } catch (err) {
    if (isDisNotFound(err)) return undefined;
    throw err;
  }
}

/** The statuses a wait for RUNNING decides on (TERMINATED: `find` reads it as gone). */
const RUNNING_VERDICTS: ReadonlySet<string> = new Set(["RUNNING", "FROZEN", "TERMINATING", "TERMINATED"]);

/**
 * One poll of a wait: the project's shared ListStreams round, whose entry stands for the stream
 * while its status is `waiting` (only the status is read), else ShowStream.
 */
function pollStream(client: HuaweiClient, name: string, waiting: (status: string) => boolean, hint: PollHint): Promise<DisStream | undefined> {
  return pollThroughList<DisStream | undefined, { stream_name: string; status: string | undefined }>({
    list: {
      key: `${accountOf(client)} ${client.region} ${client.projectId} dis ListStreams`,
      entries: () => disApi.listStreams(client),
      idOf: (e) => e.stream_name,
      statusOf: (e) => e.status,
    },
    id: name,
    waiting,
    pending: (status) => ({ stream_name: name, status, tags: [], sys_tags: [] }) as unknown as DisStream,
    read: () => find(client, name),
    hint,
  });
}

/** Waits until the stream is RUNNING (and, when given, has `partitions` writable partitions). */
async function waitRunning(client: HuaweiClient, inputs: Props, what: string, partitions?: number): Promise<DisStream> {
  const name = String(inputs.streamName);
  const seconds = Number(inputs.timeoutSeconds ?? 600);
  const outcome = await waitUntilSettled<DisStream | undefined>({
    label: label(name),
    wanted: partitions === undefined ? "RUNNING" : `RUNNING with ${partitions} writable partitions`,
    timeoutSeconds: seconds,
    together: true,
    ...(partitions === undefined && { learnAs: `${accountOf(client)} ${client.region} ${client.projectId} ${KIND} RUNNING` }),
    poll: (hint) => (partitions === undefined ? pollStream(client, name, (s) => !RUNNING_VERDICTS.has(s), hint) : find(client, name)),
    classify: (s) => {
      if (s === undefined) return { state: "failed", value: s, reason: `it disappeared ${what}` };
      if (s.status === "FROZEN" || s.status === "TERMINATING") return { state: "failed", value: s, reason: `it is ${s.status}` };
      const ready = s.status === "RUNNING" && (partitions === undefined || s.writable_partition_count === partitions);
      return ready ? { state: "done", value: s } : { state: "pending", value: s };
    },
    status: (s) => (s ? `${s.status}${s.writable_partition_count === undefined ? "" : ` (${s.writable_partition_count} writable partitions)`}` : "gone"),
  });
  if (outcome.state === "done") {
    if (outcome.value) return outcome.value;
    throw new Error(`${label(name)} disappeared ${what}`);
  }
  // A wait that timed out may last have read a list entry, which holds only the status: the outputs come from ShowStream.
  const last = outcome.state === "timeout" ? ((await find(client, name).catch(() => undefined)) ?? outcome.value) : outcome.value;
  const reason = outcome.state === "failed" ? outcome.reason : waitTimedOut(KIND, label(name), "RUNNING", outcome.lastStatus, seconds);
  if (!last) throw new Error(`${label(name)} ${reason}`);
  throw resourceInitFailed(KIND, label(name), name, { ...inputs, ...computed(last) }, reason);
}

/** DIS's "stream already exists": names are unique per project (dis.json error codes). */
export const STREAM_EXISTS = "DIS.4307";

/** The found stream as the program's inputs. While auto-scaling is on in both, the partition count is the service's (see diff). */
function theirsOf(s: DisStream, inputs: Props): Props {
  const theirs = inputsFromStream(s, inputs);
  if (theirs.autoScaleEnabled === true && inputs.autoScaleEnabled === true) theirs.partitionCount = inputs.partitionCount;
  return theirs;
}

/** What claimExisting judges of the stream found under the program's name. */
const claimOf = (s: DisStream, inputs: Props): Claim => ({
  what: label(inputs.streamName),
  found: `stream ${s.stream_name} (${String(s.stream_id ?? "no id")})`,
  nameInput: "streamName",
  inputs,
  theirs: theirsOf(s, inputs),
  fields,
});

/** Updates what differs of a claimed stream (only with adopt) with the normal update, only those fields. */
async function takeOver(client: HuaweiClient, s: DisStream, inputs: Props, differ: readonly string[]): Promise<void> {
  if (differ.length === 0) return;
  // The update changes what differs between its olds and news: olds are the program's but for those fields.
  const theirs = theirsOf(s, inputs);
  const olds: Props = { ...inputs, streamId: s.stream_id };
  for (const k of differ) olds[k] = theirs[k];
  await waitRunning(client, inputs, "before it is updated");
  await update(String(inputs.streamName), olds, inputs, client);
}

export async function create(inputs: Props, client: HuaweiClient = disClient()) {
  const name = String(inputs.streamName);
  // Names are unique in the project, so an ambiguous create is looked up before it is sent again.
  await createOrClaim<void, DisStream>({
    what: label(name),
    adopt: inputs.adopt === true,
    send: async () => {
      await disApi.createStream(client, createBody(inputs));
    },
    lookUp: () => find(client, name),
    isNameTaken: (err) => err instanceof ApiError && err.code === STREAM_EXISTS,
    claimOf: (s) => claimOf(s, inputs),
    takeOver: (s, differ) => takeOver(client, s, inputs, differ),
    // The stream the look-up after an ambiguous create finds is taken as the one that create made.
    claimRecovered: false,
  });
  const s = await waitRunning(client, inputs, "after create");
  return { id: name, outs: { ...inputs, ...computed(s) } };
}

export async function read(id: string, props: Props, client: HuaweiClient = disClient()) {
  const s = await find(client, id);
  if (s === undefined || s.status === "TERMINATING") return {};
  const last = inputsOf(Object.keys(shape), props);
  const inputs = realignInputs(fields, last, inputsFromStream(s, last));
  return { id, props: { ...inputs, ...computed(s) }, inputs };
}

function tagDelta(olds: unknown, news: unknown) {
  const list = (v: unknown) => (Array.isArray(v) ? (v as { key: string; value?: string }[]) : []).map((t) => ({ key: t.key, value: t.value ?? "" }));
  const before = list(olds);
  const after = list(news);
  const removed = before.filter((t) => !after.some((n) => n.key === t.key));
  const upserted = after.filter((t) => !before.some((o) => o.key === t.key && o.value === t.value));
  return { removed, upserted };
}

/** The UpdateStream fields for what changed (API names), or undefined; auto-scaling goes as a whole. */
export function updateStreamChanges(changed: readonly string[], news: Props): Props | undefined {
  if (!UPDATE_STREAM.some((k) => changed.includes(k))) return undefined;
  const body: Props = {};
  for (const k of ["dataDuration", "dataType", "dataSchema"] as const) if (changed.includes(k)) body[fields[k]?.api ?? k] = news[k];
  if (AUTO_SCALE.some((k) => changed.includes(k))) {
    body.auto_scale_enabled = news.autoScaleEnabled === true;
    if (news.autoScaleEnabled === true) {
      body.auto_scale_min_partition_count = news.autoScaleMinPartitionCount;
      body.auto_scale_max_partition_count = news.autoScaleMaxPartitionCount;
    }
  }
  return body;
}

export async function update(id: string, olds: Props, news: Props, client: HuaweiClient = disClient()) {
  const changed = streamChanges(olds, news).filter((k) => !fields[k]?.replace);
  let target: number | undefined;
  if (changed.includes("tags")) {
    const streamId = String(olds.streamId ?? (await disApi.showStream(client, id)).stream_id ?? "");
    const { removed, upserted } = tagDelta(olds.tags, news.tags);
    if (removed.length > 0) await disApi.streamTags(client, streamId, "delete", removed);
    if (upserted.length > 0) await disApi.streamTags(client, streamId, "create", upserted);
  }
  const scale = async () => {
    if (!changed.includes("partitionCount") || sameScalar(olds.partitionCount, news.partitionCount)) return;
    target = Number(news.partitionCount);
    printProgress(`${label(id)}: scaling to ${target} partitions`);
    await disApi.scaleStream(client, id, target);
  };
  const streamUpdate = updateStreamChanges(changed, news);
  const sendUpdate = async () => {
    if (streamUpdate === undefined) return;
    printProgress(`${label(id)}: updating ${Object.keys(streamUpdate).join(", ")} in place`);
    await disApi.updateStream(client, id, streamUpdate);
  };
  // Scale while the partition count is still ours: before turning auto-scaling on, after turning it off.
  if (news.autoScaleEnabled === true && olds.autoScaleEnabled !== true) {
    await scale();
    await sendUpdate();
  } else {
    await sendUpdate();
    await scale();
  }
  const s = await waitRunning(client, news, "after update", target);
  return { outs: { ...news, ...computed(s) } };
}

export async function remove(id: string, props: Props, client: HuaweiClient = disClient()) {
  try {
    await disApi.deleteStream(client, id);
  } catch (err) {
    if (isDisNotFound(err)) return;
    throw err;
  }
  await waitUntilGone({
    kind: KIND,
    label: label(id),
    wanted: "deletion",
    timeoutSeconds: Number(props.timeoutSeconds ?? 600),
    together: true,
    learnAs: `${accountOf(client)} ${client.region} ${client.projectId} ${KIND} deleted`,
    poll: (hint) => pollStream(client, id, (s) => s !== "TERMINATED", hint),
    status: (s) => s?.status ?? "gone",
  });
}

/** huaweicloud.DisStream, as the registry (resources/index.ts) serves it. */
export const resource = defineResource({
  token,
  shape,
  fields,
  rules,
  outputs: {
    streamId: z.string().describe("The stream's id (the tags API addresses streams by it)."),
    status: z.string().describe("CREATING, RUNNING, TERMINATING, TERMINATED or FROZEN."),
    writablePartitionCount: z.number(),
    readablePartitionCount: z.number(),
    createTime: z.number().describe("Milliseconds since the epoch."),
    lastModifiedTime: z.number(),
  },
  replaceNote:
    "`partitionCount` changes through the scale API (waited on), `dataDuration`, `dataType`, `dataSchema` and the auto-scale settings through the v3 UpdateStream. A replacement deletes the stream's records and its dump tasks, and the old stream first when the name stays. While auto-scaling is on, the service owns the partition count and it is not diffed.",
  sdk: {
    summary:
      "A DIS stream: the source a {@link DwsTransferTask} dumps into a DWS table. Create waits until\nthe stream is RUNNING; a partitionCount change scales it and waits for the new partitions.\nRetention, data type, schema and auto-scaling change in place; what no API changes (name,\nstreamType, csvProperties, compressionFormat, sysTags) replaces the stream, which deletes its\nrecords and its dump tasks.",
    args: "Inputs of {@link DisStream}. Names are the camelCase of the create-stream API's fields.",
    example: [
      'import { huaweicloud } from "pulumi-streamjobs";',
      "",
      'const stream = new huaweicloud.DisStream("clicks", { partitionCount: 2, dataType: "JSON", dataDuration: 72 });',
    ].join("\n"),
    see: "https://support.huaweicloud.com/intl/en-us/api-dis/CreateStream.html\n@see https://support.huaweicloud.com/intl/en-us/api-dis/UpdateStream.html",
    nameInput: "streamName",
    get: "Reads an existing stream (the id is its name) without managing it.",
  },
  check,
  diff,
  create,
  read,
  update,
  remove,
});
