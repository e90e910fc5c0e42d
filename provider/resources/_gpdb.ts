/**
 * What the three AnalyticDB streaming resources share: client construction, composite ids, and the
 * describe / find-by-name / create-or-take-over / settle / delete-and-wait lifecycle, parameterised
 * by a small table per object type (GpdbObjectType).
 *
 * Names are unique per instance (the service refuses a second object of a name), so a create whose
 * name is taken (a `pulumi up` killed after its create reached the cloud, then run again) looks the
 * object up and hands it to engine/take-over.ts: the same definition is taken over as it is; a
 * differing one is updated in place with `adopt: true` and refused otherwise. `adopt: true` looks
 * the name up before creating. Every take-over update sends only the differing fields.
 *
 * Waits share their polls (engine/shared-poll.ts): every object of one type waiting in one
 * instance is polled by one List call per round, whose entries carry the status. A list entry
 * only ever says "still waiting": the verdict (healthy, broken, gone), and the outputs, come from
 * Describe, since list entries lack fields and a paged list can miss an entry that moved between
 * pages. So a create costs its Create, its share of the lists and one Describe.
 */
import { z } from "zod";
import { type GpdbAction, gpdb } from "../apis/alibaba-gpdb";
import { nameProblem, regionIdProblem } from "../apis/alibaba-gpdb-rules";
import { type Rule, checkInputs } from "../engine/check";
import { createOrClaim } from "../engine/create-retry";
import { type FieldTable, changedFields, diffFields, fromApi, inputsOf, realignInputs, toApi } from "../engine/fields";
import type { Claim } from "../engine/take-over";
import { AlibabaRpcClient } from "../clients/alibaba";
import { redact } from "../engine/redact";
import { accountOf, pollThroughList, sharesPollsAs } from "../engine/shared-poll";
import { type PollHint, waitUntilGone, waitUntilSettled } from "../engine/wait";
import { ApiError, apiError, malformedId, resourceInitFailed, waitTimedOut } from "../errors";
import { alibabaSettings } from "../settings";

export type GpdbClient = AlibabaRpcClient<typeof gpdb>;

/** A string refined by one of the shared value rules, so preview says what the emulator says. */
const ruled = (base: z.ZodString, problem: (v: string) => string | undefined) =>
  base.superRefine((v, ctx) => {
    const p = problem(v);
    if (p !== undefined) ctx.addIssue({ code: "custom", message: p });
  });

/** `regionId` of every gpdb resource: an Alibaba region id (the rule the emulator applies to RegionId). */
export const regionIdSchema = ruled(z.string().min(1), regionIdProblem);
/** A name sent to the API (job, data source, service, Kafka group, account, database, schema, table): one printable line. */
export const nameSchema = (max?: number) => ruled(max === undefined ? z.string().min(1) : z.string().min(1).max(max), nameProblem);
export const dbInstanceIdSchema = z.string().regex(/^gp-[A-Za-z0-9-]+$/, "must be an AnalyticDB for PostgreSQL instance id such as gp-bp10g78o9807yv9h3");
/** The SDK types these ids (ServiceId on CreateStreamingDataSource, JobId on Describe) as 32-bit integers. */
export const INT32_MAX = 2_147_483_647;

/** The effective region: the resource's own regionId, else `alicloud:region`, else cn-hangzhou's central endpoint. */
export function gpdbClient(regionId: unknown): GpdbClient {
  const settings = alibabaSettings();
  const region = typeof regionId === "string" && regionId ? regionId : (settings.region ?? "");
  // Only clients of one account and endpoint share a poll (engine/shared-poll.ts).
  return sharesPollsAs(new AlibabaRpcClient(gpdb, { settings, region }), settings.endpoint, settings.accessKeyId ?? "chain");
}

/** Ids are `<dbInstanceId>:<number>`, the same composite terraform uses, so ids carry over. */
export function compositeId(dbInstanceId: string, n: number | string): string {
  return `${dbInstanceId}:${n}`;
}

export function parseCompositeId(kind: string, id: string): { dbInstanceId: string; n: number } {
  const m = /^(gp-[A-Za-z0-9-]+):(\d+)$/.exec(id);
  if (!m) throw malformedId(kind, id, "<dbInstanceId>:<number>, e.g. gp-bp10g78o9807yv9h3:3");
  return { dbInstanceId: m[1] as string, n: Number(m[2]) };
}

/** `RegionId` only when known: an empty value would be sent as an empty parameter. */
export function regionParam(client: GpdbClient): { RegionId?: string } {
  return client.region ? { RegionId: client.region } : {};
}

/** Which gpdb streaming object (job, data source, service) this is: how it is described, listed and named on the wire. */
export interface GpdbObjectType<D extends { Status: string }> {
  /** Class name for messages, e.g. "StreamingJob". */
  readonly noun: string;
  readonly describe: GpdbAction;
  readonly list: GpdbAction;
  readonly remove: GpdbAction;
  /** Id parameter name (JobId, DataSourceId, ServiceId). */
  readonly idParam: string;
  /** The list response's items key and each item's name field. */
  readonly listKey: string;
  readonly nameField: string;
  /** The SDK property holding the name (jobName, dataSourceName, serviceName). */
  readonly nameInput: string;
  /** The code of the create's refusal of a name already used in the instance. */
  readonly duplicateCode: string;
  /** Status value (any case) meaning healthy, and the one meaning failed. */
  readonly healthy: string;
  readonly broken: string;
  readonly errorOf: (d: D) => string | undefined;
  /** Outputs computed by the service. */
  readonly computed: (client: GpdbClient, d: D) => Record<string, unknown>;
  /** Values that must never appear in messages (passwords). */
  readonly secretsOf: (inputs: Record<string, unknown>) => (string | undefined)[];
  /** Why a delete answered in band that it did not delete (DeleteStreamingDataService's Status false), or undefined. */
  readonly deleteRefused?: (body: Record<string, unknown>) => string | undefined;
}

const nameOf = <D extends { Status: string }>(t: GpdbObjectType<D>, props: Record<string, unknown>) => String(props[t.nameInput]);

export async function describeObject<D extends { Status: string }>(
  t: GpdbObjectType<D>,
  client: GpdbClient,
  dbInstanceId: string,
  n: number | string,
): Promise<D | undefined> {
  try {
    return (await client.call(t.describe, { ...regionParam(client), DBInstanceId: dbInstanceId, [t.idParam]: n })) as unknown as D;
  } catch (err) {
    if (client.isNotFound(t.describe, err)) return undefined;
    throw err;
  }
}

/** The instance's objects of type `t`, a page (of at most 100) at a time. */
async function* listPages<D extends { Status: string }>(t: GpdbObjectType<D>, client: GpdbClient, dbInstanceId: string) {
  for (let page = 1; ; page++) {
    const r = await client.call(t.list, { ...regionParam(client), DBInstanceId: dbInstanceId, PageNumber: page, PageSize: 100 });
    const items = (r[t.listKey] ?? []) as Array<Record<string, unknown>>;
    yield items;
    if (items.length < 100) return;
  }
}

/** Finds an object by its name (unique per instance), paging through the list action. */
export async function findByName<D extends { Status: string }>(
  t: GpdbObjectType<D>,
  client: GpdbClient,
  dbInstanceId: string,
  name: string,
): Promise<string | undefined> {
  for await (const items of listPages(t, client, dbInstanceId)) {
    const hit = items.find((o) => o[t.nameField] === name);
    if (hit?.[t.idParam] !== undefined) return String(hit[t.idParam]);
  }
  return undefined;
}

/** Every object of type `t` in the instance; an instance not found lists none (Describe then says so). */
async function listAll<D extends { Status: string }>(t: GpdbObjectType<D>, client: GpdbClient, dbInstanceId: string) {
  const all: Array<Record<string, unknown>> = [];
  try {
    for await (const items of listPages(t, client, dbInstanceId)) all.push(...items);
  } catch (err) {
    if (!client.isNotFound(t.list, err)) throw err;
  }
  return all;
}

/**
 * One poll of a wait: the shared list round of the object's instance; where its entry says it is
 * still `waiting`, that status (as a pending value: only its Status is read), else Describe.
 */
function pollObject<D extends { Status: string }>(
  t: GpdbObjectType<D>,
  client: GpdbClient,
  dbInstanceId: string,
  n: number,
  waiting: (status: string) => boolean,
  hint: PollHint,
): Promise<D | undefined> {
  return pollThroughList<D | undefined, Record<string, unknown>>({
    list: {
      key: `${accountOf(client)} ${client.region} ${dbInstanceId} ${t.list}`,
      entries: () => listAll(t, client, dbInstanceId),
      idOf: (o) => o[t.idParam],
      statusOf: (o) => o.Status,
    },
    id: String(n),
    waiting,
    pending: (status) => ({ Status: status }) as D,
    read: () => describeObject(t, client, dbInstanceId, n),
    hint,
  });
}

const labelOf = <D extends { Status: string }>(t: GpdbObjectType<D>, inputs: Record<string, unknown>, id: string) => `${t.noun} "${nameOf(t, inputs)}" (${id})`;

/**
 * Waits until the object is healthy. A broken object or a timeout throws Pulumi's partial-failure
 * form carrying the id and the outputs, so the engine keeps it in state instead of leaking it.
 */
export async function settleObject<D extends { Status: string }>(
  t: GpdbObjectType<D>,
  client: GpdbClient,
  inputs: Record<string, unknown>,
  id: string,
  what: string,
): Promise<Record<string, unknown>> {
  const { dbInstanceId, n } = parseCompositeId(t.noun, id);
  const timeoutSeconds = Number(inputs.timeoutSeconds ?? 600);
  const outcome = await waitUntilSettled<D | undefined>({
    label: labelOf(t, inputs, id),
    wanted: t.healthy,
    timeoutSeconds,
    together: true,
    learnAs: `${accountOf(client)} ${client.region} ${dbInstanceId} gpdb ${t.noun} ${t.healthy}`,
    poll: (hint) => pollObject(t, client, dbInstanceId, n, (s) => ![t.healthy, t.broken].some((v) => v.toLowerCase() === s.toLowerCase()), hint),
    status: (d) => d?.Status ?? "deleted",
    classify: (d) =>
      d === undefined
        ? { state: "failed", value: d, reason: "it disappeared while waiting for it to start" }
        : d.Status.toLowerCase() === t.healthy.toLowerCase()
          ? { state: "done", value: d }
          : d.Status.toLowerCase() === t.broken.toLowerCase()
            ? { state: "failed", value: d, reason: `it is in ${d.Status}: ${t.errorOf(d) || "no reason given"}` }
            : { state: "pending", value: d },
  });
  const props = (d: D | undefined) => ({ ...inputs, ...(d ? t.computed(client, d) : { region: client.region, status: "Unknown" }) });
  if (outcome.state === "done") return props(outcome.value);
  // A wait that timed out last read a list entry, which holds only the status: the outputs come from Describe.
  if (outcome.state === "timeout") outcome.value = (await describeObject(t, client, dbInstanceId, n).catch(() => undefined)) ?? outcome.value;
  const reason = outcome.state === "failed" ? outcome.reason : waitTimedOut(t.noun, `"${nameOf(t, inputs)}"`, t.healthy, outcome.lastStatus, timeoutSeconds);
  throw resourceInitFailed(t.noun, `"${nameOf(t, inputs)}" (${id}) ${what}`, id, props(outcome.value), redact(reason, t.secretsOf(inputs)));
}

/** Deletes and waits until the object is gone; "not found" means already gone. */
export async function removeObject<D extends { Status: string }>(
  t: GpdbObjectType<D>,
  client: GpdbClient,
  id: string,
  props: Record<string, unknown>,
): Promise<void> {
  const { dbInstanceId, n } = parseCompositeId(t.noun, id);
  let answer: Record<string, unknown>;
  try {
    answer = await client.call(t.remove, { ...regionParam(client), DBInstanceId: dbInstanceId, [t.idParam]: n }, { retryAmbiguous: true });
  } catch (err) {
    if (client.isNotFound(t.remove, err)) return;
    throw err;
  }
  const refused = t.deleteRefused?.(answer);
  if (refused !== undefined) {
    const requestId = typeof answer.RequestId === "string" ? answer.RequestId : undefined;
    throw apiError(client.product.product, t.remove, "Status:false", requestId, 200, `${labelOf(t, props, id)} was not deleted: ${refused}`);
  }
  await waitUntilGone({
    kind: t.noun,
    label: labelOf(t, props, id),
    subject: `"${nameOf(t, props)}" (${id})`,
    wanted: "deleted",
    timeoutSeconds: Number(props.timeoutSeconds ?? 600),
    together: true,
    learnAs: `${accountOf(client)} ${client.region} ${dbInstanceId} gpdb ${t.noun} deleted`,
    poll: (hint) => pollObject(t, client, dbInstanceId, n, () => true, hint),
    status: (d) => d?.Status ?? "deleted",
  });
}

/** Applies the given changed fields of `news` in place through the object type's Modify action (only those). */
export type ModifyObject = (client: GpdbClient, dbInstanceId: string, n: number, news: Record<string, unknown>, changed: readonly string[]) => Promise<void>;

/**
 * What engine/take-over.ts judges of the object found under the program's name: it read back
 * exactly as refresh reads it, so the comparison is the one diff and refresh make.
 */
async function claimOf<D extends { Status: string }>(
  t: GpdbObjectType<D>,
  table: FieldTable,
  client: GpdbClient,
  inputs: Record<string, unknown>,
  n: string,
): Promise<Claim> {
  const dbInstanceId = String(inputs.dbInstanceId);
  const found = `${t.noun} ${n} in ${dbInstanceId}`;
  const d = await describeObject(t, client, dbInstanceId, n);
  if (d === undefined) {
    throw new Error(
      `${t.noun} "${nameOf(t, inputs)}": ${found} holds the name ${t.nameInput} but was deleted before it could be read. Run \`pulumi up\` again to create it.`,
    );
  }
  const theirs = { dbInstanceId, ...fromApi(table, d as unknown as Record<string, unknown>) };
  return { what: `${t.noun} "${nameOf(t, inputs)}"`, found, nameInput: t.nameInput, inputs, theirs, fields: table };
}

/**
 * Creates an object, or takes over the one that holds its name, then waits for it to be healthy;
 * returns the engine's `{id, outs}`. The create has no idempotency token, so it goes through
 * engine/create-retry.ts (a look-up by name after every ambiguous failure). Any object found under
 * the name rather than made by this call (adopt's look-up, the duplicate refusal, the look-up after
 * an ambiguous failure) is claimed through engine/take-over.ts, so one of another definition is
 * never taken silently; `adopt` updates the differing fields in place.
 */
export async function createObject<D extends { Status: string }>(
  t: GpdbObjectType<D>,
  table: FieldTable,
  client: GpdbClient,
  inputs: Record<string, unknown>,
  send: () => Promise<string>,
  modify: ModifyObject,
): Promise<{ id: string; outs: Record<string, unknown> }> {
  const dbInstanceId = String(inputs.dbInstanceId);
  const name = nameOf(t, inputs);
  const created = await createOrClaim<string, string>({
    what: `${t.noun} "${name}" in ${dbInstanceId}`,
    adopt: inputs.adopt === true,
    send,
    lookUp: () => findByName(t, client, dbInstanceId, name),
    isNameTaken: (err) => err instanceof ApiError && err.code === t.duplicateCode,
    claimOf: (n) => claimOf(t, table, client, inputs, n),
    takeOver: async (n, update) => {
      if (update.length > 0) await modify(client, dbInstanceId, Number(n), inputs, update);
    },
  });
  const id = compositeId(dbInstanceId, created.value);
  return { id, outs: await settleObject(t, client, inputs, id, "after create") };
}

/**
 * Refresh (and `get`): reads the object and returns its outputs plus realigned inputs, so a refresh
 * records only real drift. Gone means an empty result, which drops it from state.
 */
export async function readObject<D extends { Status: string }>(
  t: GpdbObjectType<D>,
  table: FieldTable,
  shape: Readonly<Record<string, z.ZodType>>,
  client: GpdbClient,
  id: string,
  props: Record<string, unknown>,
): Promise<{ id?: string; props?: Record<string, unknown>; inputs?: Record<string, unknown> }> {
  const { dbInstanceId, n } = parseCompositeId(t.noun, id);
  const d = await describeObject(t, client, dbInstanceId, n);
  if (!d) return {};
  const actual = { dbInstanceId, ...fromApi(table, d as unknown as Record<string, unknown>) };
  const last = inputsOf(Object.keys(shape), props);
  // Read by id alone (`X.get`) there are no last inputs: everything comes from the cloud.
  const inputs = realignInputs(table, last[t.nameInput] === undefined ? { ...last, ...actual } : last, actual);
  for (const [key, schema] of Object.entries(shape)) {
    if (inputs[key] !== undefined) continue;
    const dflt = schema.safeParse(undefined);
    if (dflt.success && dflt.data !== undefined) inputs[key] = dflt.data;
  }
  return { id, props: { ...inputs, ...t.computed(client, d) }, inputs };
}

export interface GpdbResourceSpec<D extends { Status: string }> {
  readonly kind: string;
  readonly object: GpdbObjectType<D>;
  readonly shape: Readonly<Record<string, z.ZodType>>;
  readonly fields: FieldTable;
  readonly rules?: readonly Rule<Record<string, unknown>>[];
  /** The create action and the response field holding the new id. */
  readonly create: { readonly action: GpdbAction; readonly idField: string };
  /**
   * The modify action and its parameters (besides the region and instance) that apply the changed
   * fields of the new inputs; built with updateParams, so never an empty value.
   */
  readonly modify: {
    readonly action: GpdbAction;
    readonly params: (news: Record<string, unknown>, n: number, changed: readonly string[]) => Record<string, unknown>;
  };
}

type Props = Record<string, unknown>;

/** The check/diff/create/read/update/remove handlers of a gpdb resource, from its tables. */
export function gpdbResource<D extends { Status: string }>(spec: GpdbResourceSpec<D>) {
  const { object: t, fields } = spec;
  const modify: ModifyObject = async (client, dbInstanceId, n, news, changed) => {
    await client.call(
      spec.modify.action,
      { ...regionParam(client), DBInstanceId: dbInstanceId, ...spec.modify.params(news, n, changed) },
      { retryAmbiguous: true },
    );
  };
  return {
    check: (_olds: Props, news: Props) => checkInputs(spec.kind, spec.shape, spec.rules ?? [], news),
    diff: (_id: string, olds: Props, news: Props) => diffFields(fields, olds, news),
    create: (inputs: Props, client: GpdbClient = gpdbClient(inputs.regionId)) =>
      createObject(
        t,
        fields,
        client,
        inputs,
        async () => String((await client.call(spec.create.action, { ...regionParam(client), ...toApi(fields, inputs) }))[spec.create.idField]),
        modify,
      ),
    read: (id: string, props: Props, client: GpdbClient = gpdbClient(props.regionId)) => readObject(t, fields, spec.shape, client, id, props),
    update: async (id: string, olds: Props, news: Props, client: GpdbClient = gpdbClient(news.regionId)) => {
      const { dbInstanceId, n } = parseCompositeId(spec.kind, id);
      const changed = changedFields(fields, olds, news);
      if (changed.length > 0) await modify(client, dbInstanceId, n, news, changed);
      return { outs: await settleObject(t, client, news, id, "after update") };
    },
    remove: (id: string, props: Props, client: GpdbClient = gpdbClient(props.regionId)) => removeObject(t, client, id, props),
  };
}
