/**
 * huaweicloud.EventRouterJob: an EventGrid professional event-stream job that replicates Kafka to
 * Kafka, RocketMQ to RocketMQ or DCS to DCS on a professional cluster.
 *
 * Update in place (PUT with the full body, which the API requires): name, description, the
 * advance configuration, and the source/sink connection details (address, alias, credentials,
 * authentication). Replaced on change: clusterId and sceneType, and a source or sink that points
 * at another cluster (kind, configType, region, projectId, instanceId, or address for a
 * self-managed one). Keeping the job while swapping the clusters it copies between would carry
 * consumer offsets and sync progress across unrelated clusters (inferred; the API documents no
 * such restriction, the emulator refuses cluster and kind changes). desiredStatus is applied
 * through the job action API (START/STOP).
 *
 * Job names are unique per project (EG.00513001 "name duplicated", eventrouter.json): a create that
 * finds its name taken, by the job an interrupted `pulumi up` left behind or by one made outside
 * Pulumi, takes it over when it has the program's definition (engine/take-over.ts), and with
 * `adopt: true` also when it differs in what an update changes. The read never echoes passwords, so
 * the found job is compared with the program's passwords filled in (only the rest can differ).
 *
 * Waits share their polls (engine/shared-poll.ts): the jobs of one cluster waiting for a settled
 * status or for their deletion are polled by one ListEventRouterJobs round (filtered by cluster),
 * whose entries carry the status; an entry only says "still waiting", the verdict and the outputs
 * come from ShowEventRouterJob. The list entries' status was not seen in the vendor's text
 * (eventrouter.json takes them to be the show answer's): the look-up by name relies on it too.
 *
 * Removing an optional input (the update is a full-body PUT, so a removed member is left out of it
 * and the service stores the new configuration as sent; nothing empty is sent): description goes
 * back to none; in a source or sink, instanceId and address move the job to another cluster
 * (replaced), a password is kept (the API does not echo it and an endpoint sent without one keeps
 * the stored one: [inferred], as the console's edit form), and authenticateMode, saslMechanism,
 * userName, sslOpen and aclOpen go back to the service's default (none, off); in the advance
 * configuration, taskCnt goes back to the service's own choice [inferred: no default documented],
 * renameTopic, topicMappings, useRateLimit and useSalveNode to off/none, and rateLimit to the
 * documented default "5 MB/s". Unset and those defaults compare as one value (sameConfig).
 */
import { isDeepStrictEqual } from "node:util";
import { type EventRouterJob, eventRouterApi, isJobNotFound, kafkaBrokerCount } from "../apis/huawei-eg";
import { HuaweiClient } from "../clients/huawei";
import { type Rule, checkInputs } from "../engine/check";
import { createOrClaim } from "../engine/create-retry";
import { sameScalar } from "../engine/equality";
import { type DiffResult, type FieldTable, changedFields, inputsOf, realignInputs } from "../engine/fields";
import type { Claim } from "../engine/take-over";
import { ApiError } from "../errors";
import { redact } from "../engine/redact";
import { bringToDesiredState } from "../engine/desired-state";
import { accountOf, pollThroughList, sharesPollsAs } from "../engine/shared-poll";
import { type PollHint, waitUntilGone, waitUntilSettled } from "../engine/wait";
import { defineResource, tokenKind } from "../engine/descriptor";
import { huaweiSettings } from "../settings";
import { z } from "zod";
import { ADVANCE_KEYS, type Inputs, endpointBase, endpointOf, fromApiBlock, kindOf, shape, toApiBlock } from "./huaweicloud-event-router-job-schema";

export { shape } from "./huaweicloud-event-router-job-schema";

/** The type token, written only here: the kind, the engine's type token and the registry derive from it. */
const token = { module: "huaweicloud", name: "EventRouterJob" } as const;
export const KIND = tokenKind(token);

type Props = Record<string, unknown>;

export const rules: readonly Rule<Inputs>[] = [
  {
    fields: ["sourceConfig", "sinkConfig"],
    property: "sinkConfig",
    violated: (d) => kindOf(d.sourceConfig) !== kindOf(d.sinkConfig),
    message: (d) =>
      `sinkConfig is a ${kindOf(d.sinkConfig)} cluster but sourceConfig is ${kindOf(d.sourceConfig)}; a job copies between clusters of the same kind. Use sink${cap(kindOf(d.sourceConfig))} or change the source.`,
  },
  {
    fields: ["sourceConfig", "advanceConfig"],
    property: "advanceConfig",
    violated: (d) => {
      const k = kindOf(d.sourceConfig);
      return k !== undefined && kindOf(d.advanceConfig) !== k;
    },
    message: (d) => {
      const k = kindOf(d.sourceConfig) ?? "kafka";
      return `advanceConfig must be ${ADVANCE_KEYS[k]} for a ${k} source; got ${Object.keys(d.advanceConfig ?? {}).join(", ") || "nothing"}. Replace it with ${ADVANCE_KEYS[k]}.`;
    },
  },
];

function cap(k: string | undefined): string {
  return k === undefined ? "" : k === "dcs" ? "Dcs" : `${k[0]?.toUpperCase()}${k.slice(1)}`;
}

export function check(_olds: Props, news: Props) {
  return checkInputs<Inputs>(KIND, shape, rules, news, fields);
}

// ---------------------------------------------------------------------------------------------
// Semantic equality and the replace/update split
// ---------------------------------------------------------------------------------------------

const TOPIC_LISTS = new Set(["topics"]);

/** Nested members with a documented default (eventrouter.json, dcs2dcs): unset and the default are one value. */
const NESTED_DEFAULTS: Readonly<Record<string, string>> = { rateLimit: "5 MB/s" };

/**
 * A config in a form where equal meaning gives equal values: unset, null, "", false and [] all
 * drop out (the API's defaults), scalars compare as strings, topic lists and topic mappings as
 * sets. Passwords are compared only when both sides have one: the API never echoes them.
 */
export function canonicalConfig(value: unknown, key = ""): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => canonicalConfig(v)).filter((v) => v !== undefined);
    return items.length === 0 ? undefined : items.map((v) => JSON.stringify(v)).sort();
  }
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = canonicalConfig((value as Props)[k], k);
      if (v !== undefined) out[k] = v;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  if (value === undefined || value === null || value === "" || value === false) return undefined;
  if (NESTED_DEFAULTS[key] !== undefined && String(value) === NESTED_DEFAULTS[key]) return undefined;
  if (TOPIC_LISTS.has(key) && typeof value === "string")
    return value
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean)
      .sort()
      .join(",");
  return String(value);
}

function withoutPasswords(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPasswords);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== "password")
      .map(([k, v]) => [k, withoutPasswords(v)]),
  );
}

function passwordsOf(value: unknown, out: string[] = []): string[] {
  if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "password" && typeof v === "string") out.push(v);
      else passwordsOf(v, out);
    }
  }
  return out;
}

/** Configs with the same meaning; a side without passwords (a read) matches on everything else. */
export function sameConfig(a: unknown, b: unknown): boolean {
  const pa = passwordsOf(a);
  const pb = passwordsOf(b);
  const compare = pa.length > 0 && pb.length > 0;
  return isDeepStrictEqual(canonicalConfig(compare ? a : withoutPasswords(a)), canonicalConfig(compare ? b : withoutPasswords(b)));
}

/** What makes a source or sink "the same cluster": changing any of these replaces the job. */
export function endpointIdentity(block: unknown): string {
  const e = endpointOf(block) ?? {};
  const configType = String(e.configType ?? "CLOUD");
  const where = configType === "CLOUD" ? e.instanceId : e.address;
  return JSON.stringify([kindOf(block), configType, e.region, e.projectId, where]);
}

export const fields: FieldTable = {
  name: { api: "name" },
  // The full-body PUT leaves it out and the job has none; the read answers "" or null (nothing empty is sent).
  description: { api: "description", unset: { reset: "" } },
  clusterId: { api: "cluster_id", replace: true },
  sceneType: { api: "scene_type", replace: true, same: (a, b) => sameScalar(a ?? "DISASTER_BACKUP", b ?? "DISASTER_BACKUP") },
  sourceConfig: { api: "source_config", same: sameConfig, secretKeys: ["password"] },
  sinkConfig: { api: "sink_config", same: sameConfig, secretKeys: ["password"] },
  advanceConfig: { api: "advance_config", same: sameConfig },
  desiredStatus: { api: "", same: (a, b) => (a ?? "RUNNING") === (b ?? "RUNNING") },
};

const API_FIELDS = ["name", "description", "sourceConfig", "sinkConfig", "advanceConfig"];

export function diff(_id: string, olds: Props, news: Props): DiffResult {
  const changed = changedFields(fields, olds, news);
  const replaces = changed.filter(
    (k) =>
      fields[k]?.replace ||
      ((k === "sourceConfig" || k === "sinkConfig") && endpointIdentity(olds[k]) !== endpointIdentity(news[k])) ||
      (k === "advanceConfig" && kindOf(olds[k]) !== kindOf(news[k])),
  );
  if (replaces.length === 0) return { changes: changed.length > 0 };
  // Names are unique per project: a replacement that keeps the name must delete the old job first.
  return sameScalar(olds.name, news.name) ? { changes: true, replaces, deleteBeforeReplace: true } : { changes: true, replaces };
}

// ---------------------------------------------------------------------------------------------
// API mapping
// ---------------------------------------------------------------------------------------------

export function apiBody(inputs: Props): Props {
  const body: Props = {
    cluster_id: inputs.clusterId,
    name: inputs.name,
    scene_type: inputs.sceneType ?? "DISASTER_BACKUP",
    source_config: toApiBlock(inputs.sourceConfig),
    sink_config: toApiBlock(inputs.sinkConfig),
    advance_config: toApiBlock(inputs.advanceConfig),
  };
  if (inputs.description !== undefined) body.description = inputs.description;
  return body;
}

/** Copies the passwords of `last` into `actual` where the API (which never echoes them) left them out. */
function keepPasswords(actual: unknown, last: unknown): unknown {
  if (actual === null || typeof actual !== "object" || last === null || typeof last !== "object" || Array.isArray(actual)) return actual;
  const out: Props = { ...(actual as Props) };
  for (const [k, v] of Object.entries(last)) {
    if (k === "password" && out.password === undefined && v !== undefined) out.password = v;
    else if (out[k] !== undefined) out[k] = keepPasswords(out[k], v);
  }
  return out;
}

/** The job as SDK inputs, from what the API reports (passwords carried over from `last`). */
export function inputsFromJob(job: EventRouterJob, last: Props): Props {
  const out: Props = {
    name: job.name,
    description: job.description ?? "",
    clusterId: job.cluster_id ?? last.clusterId,
    sceneType: job.scene_type ?? last.sceneType,
    sourceConfig: keepPasswords(fromApiBlock(job.source_config), last.sourceConfig),
    sinkConfig: keepPasswords(fromApiBlock(job.sink_config), last.sinkConfig),
    advanceConfig: fromApiBlock(job.advance_config),
    desiredStatus: job.status === "STOPPED" ? "STOPPED" : job.status === "RUNNING" ? "RUNNING" : last.desiredStatus,
  };
  // A config the API did not return (some responses carry null) is not drift.
  for (const k of ["sourceConfig", "sinkConfig", "advanceConfig"]) if (out[k] === undefined) out[k] = last[k];
  return out;
}

/** Outputs computed by the service. */
export function computed(job: EventRouterJob, secrets: readonly string[]): Props {
  return {
    jobId: job.job_id,
    status: job.status,
    errCode: job.err_code ?? "",
    errMessage: redact(job.err_message ?? "", secrets),
    sourceType: job.source_type ?? "",
    sinkType: job.sink_type ?? "",
    vpcId: job.vpc_id ?? "",
    subnetId: job.subnet_id ?? "",
    sourceStatus: job.source_status ?? "",
    sinkStatus: job.sink_status ?? "",
    createdTime: job.created_time ?? "",
    updatedTime: job.updated_time ?? "",
  };
}

// ---------------------------------------------------------------------------------------------
// Handlers
// ---------------------------------------------------------------------------------------------

export function egClient(): HuaweiClient {
  const settings = huaweiSettings();
  // Only clients of one account and endpoint share a poll (engine/shared-poll.ts).
  return sharesPollsAs(new HuaweiClient("eg", { settings }), settings.endpoint ?? settings.cloud, settings.accessKey ?? settings.password?.userName);
}

const label = (inputs: Props, id?: string) => `EventRouterJob "${String(inputs.name)}"${id ? ` (${id})` : ""}`;

/**
 * Refuses a kafka2kafka job whose replica count exceeds the sink instance's broker count, before
 * anything is created or changed: the service would accept it and fail later, or reject it with a
 * message that does not say what to change.
 */
export async function assertReplicasFit(client: HuaweiClient, inputs: Props): Promise<void> {
  const k2k = (inputs.advanceConfig as Props | undefined)?.kafka2kafka as Props | undefined;
  const sink = (inputs.sinkConfig as Props | undefined)?.sinkKafka as Props | undefined;
  if (!k2k || !sink || (sink.configType ?? "CLOUD") !== "CLOUD" || typeof sink.instanceId !== "string") return;
  const dms = client.sibling("dms", { region: String(sink.region), projectId: String(sink.projectId) });
  let brokers: number;
  try {
    brokers = await kafkaBrokerCount(dms, sink.instanceId);
  } catch (err) {
    if (HuaweiClient.isNotFound(err)) {
      throw new Error(
        `${label(inputs)}: sinkConfig.sinkKafka.instanceId ${sink.instanceId} is not a DMS Kafka instance in project ${String(sink.projectId)} (${String(sink.region)}). Check the instance id, region and projectId of the sink.`,
      );
    }
    throw err;
  }
  const replicas = Number(k2k.replicaCnt);
  if (replicas > brokers) {
    throw new Error(
      `${label(inputs)}: advanceConfig.kafka2kafka.replicaCnt is ${replicas} but the sink Kafka instance ${sink.instanceId} has ${brokers} broker${brokers === 1 ? "" : "s"}; a topic cannot have more replicas than brokers. Set replicaCnt to ${brokers} or less.`,
    );
  }
}

/** The job holding the name in the project (names are unique per project, not per cluster). */
async function findByName(client: HuaweiClient, inputs: Props): Promise<EventRouterJob | undefined> {
  const jobs = await eventRouterApi.listByName(client, String(inputs.name), undefined);
  return jobs.find((j) => j.name === inputs.name && j.status !== "DELETING");
}

async function show(client: HuaweiClient, id: string): Promise<EventRouterJob | undefined> {
  try {
    const job = await eventRouterApi.show(client, id);
    return job.status === "DELETED" ? undefined : job;
  } catch (err) {
    if (isJobNotFound(err)) return undefined;
    throw err;
  }
}

const FAILED = new Set(["ERROR", "FAILED"]);
const SETTLED = new Set(["RUNNING", "STOPPED", ...FAILED]);

/** Which waits' settle times a wait of this job learns from (engine/wait.ts): the project's jobs. */
const learnAs = (client: HuaweiClient, wanted: string) => `${accountOf(client)} ${client.region} ${client.projectId} ${KIND} ${wanted}`;

/**
 * One poll of a wait: the cluster's shared ListEventRouterJobs round, whose entry stands for the
 * job while its status is `waiting` (only the status is read), else ShowEventRouterJob.
 */
function pollJob(
  client: HuaweiClient,
  clusterId: unknown,
  id: string,
  waiting: (status: string) => boolean,
  hint: PollHint,
): Promise<EventRouterJob | undefined> {
  const cluster = typeof clusterId === "string" && clusterId !== "" ? clusterId : undefined;
  return pollThroughList<EventRouterJob | undefined, EventRouterJob>({
    list: {
      key: `${accountOf(client)} ${client.region} ${client.projectId} eg ListEventRouterJobs ${cluster ?? ""}`,
      entries: () => eventRouterApi.listInCluster(client, cluster),
      idOf: (j) => j.job_id,
      statusOf: (j) => j.status,
    },
    id,
    waiting,
    pending: (status) => ({ job_id: id, name: "", status }) as EventRouterJob,
    read: () => show(client, id),
    hint,
  });
}

/** A status a settled-status wait still waits through (DELETED: `show` reads it as gone). */
const inTransition = (status: string) => !SETTLED.has(status) && status !== "DELETED";

/**
 * Brings the job to its desired status after a create or update (START/STOP through the action
 * API); a job that ends in error is kept in state with its id and the service's reason.
 */
async function settle(client: HuaweiClient, id: string, inputs: Props, what: string, mayRestart: boolean): Promise<Props> {
  const secrets = passwordsOf(inputs);
  const timeoutSeconds = Number(inputs.timeoutSeconds ?? 600);
  const job = await bringToDesiredState<EventRouterJob>({
    kind: KIND,
    id,
    label: label(inputs, id),
    noun: "job",
    stateWord: "status",
    deadline: Date.now() + timeoutSeconds * 1000,
    timeoutSeconds,
    together: true,
    learnAs: learnAs(client, "settled"),
    poll: (hint) => pollJob(client, inputs.clusterId, id, inTransition, hint),
    stateOf: (j) => j.status,
    settled: SETTLED,
    failed: FAILED,
    desired: inputs.desiredStatus === "STOPPED" ? "STOPPED" : "RUNNING",
    idle: "STOPPED",
    reasonOf: (j) => redact(j.err_message ?? j.err_code ?? "no reason given", secrets),
    propsOf: (j) => ({ ...inputs, ...(j ? computed(j, secrets) : { jobId: id }) }),
    operationFor: (desired) => (desired === "RUNNING" ? "START" : "STOP"),
    send: (_j, operation) => eventRouterApi.operate(client, id, operation as "START" | "STOP"),
    mayRestart,
    when: what,
  });
  return { ...inputs, ...computed(job, secrets) };
}

/** EventGrid's "name duplicated": job names are unique per project (eventrouter.json error_body.codes). */
export const NAME_TAKEN = "EG.00513001";

/** The fields of the table, with those a diff from `theirs` would replace marked so (for the claim). */
function claimFields(theirs: Props, inputs: Props): FieldTable {
  const replaces = diff("", theirs, inputs).replaces ?? [];
  return Object.fromEntries(Object.entries(fields).map(([k, spec]) => [k, replaces.includes(k) ? { ...spec, replace: true } : spec]));
}

/** Waits until the job is out of its transitions (CREATING, UPDATING, …): the PUT is refused during them. */
async function resting(client: HuaweiClient, id: string, inputs: Props): Promise<void> {
  const outcome = await waitUntilSettled<EventRouterJob | undefined>({
    label: label(inputs, id),
    wanted: "a settled status",
    timeoutSeconds: Number(inputs.timeoutSeconds ?? 600),
    together: true,
    learnAs: learnAs(client, "settled"),
    poll: (hint) => pollJob(client, inputs.clusterId, id, inTransition, hint),
    classify: (j) =>
      j === undefined
        ? { state: "failed", value: j, reason: "it disappeared" }
        : SETTLED.has(j.status)
          ? { state: "done", value: j }
          : { state: "pending", value: j },
    status: (j) => j?.status ?? "gone",
  });
  if (outcome.state === "failed") throw new Error(`${label(inputs, id)}: ${outcome.reason} while it was being taken over`);
}

/**
 * What claimExisting judges of the job found under the program's name. desiredStatus is not
 * compared: bringing the job there is the create's own last step.
 */
function claimOf(job: EventRouterJob, inputs: Props): Claim {
  // The read hides passwords: theirs carries the program's, so they never count as a difference.
  const theirs = { ...inputsFromJob(job, inputs), desiredStatus: inputs.desiredStatus };
  return {
    what: label(inputs),
    found: `job ${job.job_id} on cluster ${String(job.cluster_id ?? "?")}`,
    nameInput: "name",
    inputs,
    theirs,
    fields: claimFields(theirs, inputs),
  };
}

/** Updates what differs of a claimed job (only with adopt) with the full-body PUT an update sends. */
async function takeOver(client: HuaweiClient, job: EventRouterJob, inputs: Props, differ: readonly string[]): Promise<void> {
  if (differ.length === 0) return;
  await resting(client, job.job_id, inputs);
  await assertReplicasFit(client, inputs);
  await eventRouterApi.update(client, job.job_id, apiBody(inputs), passwordsOf(inputs));
}

export async function create(inputs: Props, client: HuaweiClient = egClient()) {
  await assertReplicasFit(client, inputs);
  const body = apiBody(inputs);
  const secrets = passwordsOf(inputs);
  // Names are unique, so an ambiguous create is looked up by name before it is sent again.
  const { value: job } = await createOrClaim<EventRouterJob, EventRouterJob>({
    what: label(inputs),
    adopt: inputs.adopt === true,
    send: () => eventRouterApi.create(client, body, secrets),
    lookUp: () => findByName(client, inputs),
    isNameTaken: (err) => err instanceof ApiError && err.code === NAME_TAKEN,
    claimOf: (found) => claimOf(found, inputs),
    takeOver: (found, differ) => takeOver(client, found, inputs, differ),
    // The job the look-up after an ambiguous create finds is taken as the one that create made.
    claimRecovered: false,
  });
  const id = job.job_id;
  return { id, outs: await settle(client, id, inputs, "after create", false) };
}

export async function read(id: string, props: Props, client: HuaweiClient = egClient()) {
  const job = await show(client, id);
  if (job === undefined || job.status === "DELETING") return {};
  const last = inputsOf(Object.keys(shape), props);
  const inputs = realignInputs(fields, last, inputsFromJob(job, last));
  return { id, props: { ...inputs, ...computed(job, passwordsOf(props)) }, inputs };
}

export async function update(id: string, olds: Props, news: Props, client: HuaweiClient = egClient()) {
  const changed = changedFields(fields, olds, news).filter((k) => API_FIELDS.includes(k));
  if (changed.length > 0) {
    await assertReplicasFit(client, news);
    await eventRouterApi.update(client, id, apiBody(news), passwordsOf(news));
  }
  return { outs: await settle(client, id, news, "after update", true) };
}

export async function remove(id: string, props: Props, client: HuaweiClient = egClient()) {
  try {
    await eventRouterApi.remove(client, id);
  } catch (err) {
    if (isJobNotFound(err)) return;
    // A repeated DELETE (after a dropped connection whose first DELETE was applied) is refused
    // while the job is already being deleted: that is the outcome we want, so wait for it.
    const job = await show(client, id);
    if (job !== undefined && job.status !== "DELETING") throw err;
  }
  await waitUntilGone({
    kind: KIND,
    label: label(props, id),
    wanted: "deletion",
    timeoutSeconds: Number(props.timeoutSeconds ?? 600),
    together: true,
    learnAs: learnAs(client, "deleted"),
    poll: (hint) => pollJob(client, props.clusterId, id, (status) => status !== "DELETED", hint),
    status: (job) => job?.status ?? "gone",
  });
}

/** The broker count of a DMS Kafka instance, for the policy pack's opt-in lookup. */
export async function brokerCountOf(where: { region: string; projectId: string; instanceId: string }): Promise<number> {
  const dms = new HuaweiClient("dms", { settings: huaweiSettings(), region: where.region, projectId: where.projectId });
  return kafkaBrokerCount(dms, where.instanceId);
}

/** huaweicloud.EventRouterJob, as the registry (resources/index.ts) serves it. */
export const resource = defineResource({
  token,
  shape,
  fields,
  rules,
  outputs: {
    jobId: z.string().describe("The job id (also the resource id)."),
    status: z.string().describe("CREATING, RUNNING, STOPPED, ERROR… as the service reports it."),
    errCode: z.string().describe("The service's error code and reason when the job is in error."),
    errMessage: z.string(),
    sourceType: z.string(),
    sinkType: z.string(),
    vpcId: z.string(),
    subnetId: z.string(),
    sourceStatus: z.string(),
    sinkStatus: z.string(),
    createdTime: z.string(),
    updatedTime: z.string(),
  },
  replaceNote:
    'A source or sink that points at another cluster (kind, `configType`, `region`, `projectId`, `instanceId`, or `address` when self-managed) replaces the job too, deleting the old one first when the name stays (names are unique per project). The in-place changes, the connection details (alias, credentials, authentication) included, go through one PUT with the full body; `desiredStatus` goes through the START/STOP action. Topic lists in another order, and defaults the API echoes (`false`, `""`, `null`), are not changes.',
  sdk: {
    summary:
      "A Huawei Cloud EventGrid professional event-stream job: replicates Kafka to Kafka, RocketMQ to\nRocketMQ or DCS to DCS on a professional cluster. Create and update wait until the job runs (or\nis stopped, per desiredStatus); a job that ends in error is kept in state with its id and the\nservice's errMessage, and the run fails. A kafka2kafka replicaCnt above the sink instance's\nbroker count is refused before anything is created.\n\nCredentials come from the stack config `huaweicloud:accessKey`, `huaweicloud:secretKey`,\n`huaweicloud:region`, `huaweicloud:projectId` (or HW_ACCESS_KEY, HW_SECRET_KEY, HW_REGION_NAME,\nHW_PROJECT_ID), or IAM user/password token auth.",
    args: "Inputs of {@link EventRouterJob}. Names are the camelCase of the create-job API's fields.",
    example: [
      'import * as pulumi from "@pulumi/pulumi";',
      'import { huaweicloud } from "pulumi-streamjobs";',
      "",
      'const hw = new pulumi.Config("huaweicloud");',
      'const region = hw.require("region");',
      'const projectId = hw.require("projectId");',
      "// The EventGrid cluster and the two Kafka instances are the default emulator's (cn-north-4).",
      'new huaweicloud.EventRouterJob("orders-replica", {',
      '  clusterId: "9b0c5e1a-2f3d-4c5b-8a6e-000000000001",',
      '  sourceConfig: { sourceKafka: { region, projectId, instanceId: "2f7d3c1e-8a4b-4d6e-9f10-00000000a001", clusterAlias: "primary" } },',
      '  sinkConfig: { sinkKafka: { region, projectId, instanceId: "2f7d3c1e-8a4b-4d6e-9f10-00000000a002", clusterAlias: "replica" } },',
      '  advanceConfig: { kafka2kafka: { topics: ["orders"], replicaCnt: 3, seekTo: "earliest", compressAlg: "lz4" } },',
      "});",
    ].join("\n"),
    see: "https://support.huaweicloud.com/intl/en-us/api-eg/CreateEventRouterJob.html",
    nameInput: "name",
    types: [endpointBase],
    get: "Reads an existing job by its job id without managing it.",
  },
  check,
  diff,
  create,
  read,
  update,
  remove,
});
