/**
 * alicloud.DISyncTask: a DataWorks data-integration task (dataworks-public 2020-05-18).
 *
 * - DI_OFFLINE (batch): CreateDISyncTask with the script, then the DataStudio file lifecycle
 *   (alicloud-di-sync-task-files.ts): SubmitFile and DeployFile, each waited on through
 *   GetDeployment, after the create and after every update, up to `deployTo` (default
 *   PRODUCTION; a team that keeps a draft says NONE). Read with GetFile (its CommitStatus shows
 *   whether production can be running the current version), updated with UpdateDISyncTask,
 *   deleted with DeleteFile and, in a standard-mode workspace, the deletion deployed too.
 * - DI_REALTIME / DI_SOLUTION: `taskContent` is the realtime specification. Create runs
 *   GenerateDISyncTaskConfigForCreating, polls QueryDISyncTaskConfigProcessResult, creates the task
 *   with the generated script and deploys it with DeployDISyncTask. desiredStatus starts or stops
 *   the instance. Read with GetDISyncTask and GetDISyncInstanceInfo.
 *
 * Updating a realtime task. The vendor sources disagree (facts, uncertain point 7): the SDK's
 * UpdateDISyncTask model says only DI_OFFLINE tasks are updated with it, while the SDK's
 * GenerateDISyncTaskConfigForUpdating and QueryDISyncTaskConfigProcessResult operation texts (and
 * the reference pages of both, and Query's TaskContent field) say realtime tasks are updated by
 * generating the configuration and passing it to UpdateDISyncTask. The provider follows the
 * second, more specific reading, the only update path any source offers: a change of the reader's
 * table selection (what ForUpdating takes: "add or remove tables") runs ForUpdating → Query →
 * UpdateDISyncTask(DI_REALTIME, the generated TaskContent) → DeployDISyncTask, stopping and
 * restarting a running instance around it. Any other change of the specification has no API and
 * replaces the task (diff says so at preview). Fallback: if UpdateDISyncTask refuses in band, the
 * instance is restarted as it was and the error names the refusal and the way out (replace the
 * task); nothing is half-applied.
 *
 * Replaced on change: regionId, projectId, taskType, taskName and taskParam.fileFolderPath (no API
 * renames or moves a task), and a realtime specification beyond its table selection (so a realtime
 * script edited outside Pulumi, which refresh records, is restored by replacing the task).
 * Everything else updates in place.
 *
 * No DataWorks request model has RegionId: the region picks the endpoint and is never sent.
 * Failures arrive in band (HTTP 200, `Data.Status: "fail"`): every answer is checked. Generations
 * carry a ClientToken derived from the request, so a retried call returns the first answer.
 *
 * Creates go through createOrClaim (engine/create-retry.ts), the budget every resource has: a
 * look-up by name (ListFiles ExactFileName) after every ambiguous failure before another create.
 * CreateDISyncTask keeps its request-derived ClientToken as a second safety net: while DataWorks
 * remembers it, a repeat of the same create (a retry, or the next `up` after a crash) answers the
 * first task instead of a second. When the name is taken instead (Invalid.DI.Parameter.File.Existed,
 * the CreateDISyncTask page), or `adopt` is set, the task found by name is read back as refresh reads
 * it and judged by claimExisting (engine/take-over.ts) on its type, folder and script (a realtime
 * task: the script DataWorks generated from the specification); then the create's remaining steps
 * run as after a fresh create: a batch task is committed and deployed up to deployTo, a realtime task
 * deployed (unless it runs) and started. So a `pulumi up` killed at any point of a create is
 * completed by the next one. The resource group and compute units cannot be compared (no read
 * returns them: GetFile has only a numeric ResourceGroupId) and are not.
 *
 * Removing an optional input (FieldSpec.unset):
 * - deployTo: back to PRODUCTION, the provider's default that check fills in (a provider input, no
 *   vendor parameter);
 * - desiredStatus: back to RUNNING, the provider's default (likewise);
 * - startParam: kept. It is only sent to StartDISyncInstance; the running instance keeps what it
 *   was started with and a later start sends none. No vendor source gives the service's defaults.
 * - taskParam.cu: kept. UpdateDISyncTask's TaskParam without Cu leaves it as it is and no vendor
 *   source documents a default [inferred: the SDK model says nothing about an absent Cu].
 * No update ever sends an empty value: an unchanged script is left out of UpdateDISyncTask.
 */
import { z } from "zod";
import { DI_FILE_EXISTED, type ListFilesResponse, isUnknownFileMessage } from "../apis/alibaba-dataworks";
import { type Rule, checkInputs, show } from "../engine/check";
import { isUnset, sameJson, sameScalar } from "../engine/equality";
import { createOrClaim } from "../engine/create-retry";
import { type FieldTable, changedFields, inputsOf, realignInputs, updateParams } from "../engine/fields";
import type { Claim } from "../engine/take-over";
import { defineResource, tokenKind } from "../engine/descriptor";
import { ApiError, malformedId, resourceInitFailed } from "../errors";
import { taskContentProblems } from "./alicloud-di-sync-task-content";
import {
  DEPLOY_TARGETS,
  type DeployTarget,
  DeploymentFailed,
  type InProduction,
  type Publication,
  observeFile,
  publish,
  removeFile,
  satisfies,
  stageOf,
} from "./alicloud-di-sync-task-files";
import { folderPathProblems, taskNameProblems } from "./alicloud-di-sync-task-names";
import { realtimeChangeNeedsReplace, realtimeUpdateRefused } from "./alicloud-di-sync-task-realtime";
import { type DataWorksClient, DIFailure, clientToken, dataWorksClient, diCall, label, realtime, taskId, taskParamJson } from "./alicloud-di-sync-task-calls";

export { clientToken, dataWorksClient, taskId, type DataWorksClient } from "./alicloud-di-sync-task-calls";
import { type Observed, RUNNING, type TaskRef, applyStatus, generate, observe } from "./alicloud-di-sync-task-instance";

/** The type token, written only here: the kind, the engine's type token and the registry derive from it. */
const token = { module: "alicloud", name: "DISyncTask" } as const;
export const KIND = tokenKind(token);

type Props = Record<string, unknown>;

const jsonText = (what: string) =>
  z.union([z.string().min(1), z.record(z.string(), z.unknown()).transform((o) => JSON.stringify(o))]).superRefine((text, ctx) => {
    try {
      JSON.parse(text);
    } catch (err) {
      ctx.addIssue({ code: "custom", message: `is not valid JSON (${(err as Error).message}); give ${what} as JSON text or as an object` });
    }
  });

/** A string checked by one of the names module's rules (its sentences are the emulator's too). */
const ruled = (problems: (v: string) => string[]) =>
  z.string().superRefine((v, ctx) => {
    for (const message of problems(v)) ctx.addIssue({ code: "custom", message });
  });

export const taskParam = z
  .strictObject({
    fileFolderPath: ruled(folderPathProblems).describe(
      [
        "DataStudio folder of the task's file, \"/\"-separated as in the vendor's example",
        '`Business Flow/<business flow>/Data Integration`; no empty or ".." segment, no control',
        "characters. Changing it replaces the task.",
      ].join("\n"),
    ),
    resourceGroup: z.string().min(1).describe("The exclusive resource group that runs the task. Updated in place."),
    cu: z
      .number()
      .positive()
      .refine((n) => Number.isInteger(n * 2), { message: "must be a multiple of 0.5" })
      .optional()
      .describe(
        [
          "Compute units, a multiple of 0.5. Updated in place. Removing it leaves the task's compute units",
          "as they are: no vendor source documents a default to go back to.",
        ].join("\n"),
      ),
  })
  .meta({ sdkName: "DISyncTaskParam" });

/** The script's object form, for the SDK's types only: check leaves its rules to the script checks (their messages are precise). */
const scriptStep = z
  .looseObject({
    stepType: z.string().describe("The plugin, e.g. mysql, odps, kafka, holo."),
    category: z.enum(["reader", "writer"]),
    name: z.string(),
    parameter: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ sdkName: "DISyncTaskStep", sdkTypeDoc: "One step of a DI script: a reader or a writer plugin with its parameters." });

const scriptObject = z
  .looseObject({
    type: z.string(),
    version: z.string(),
    steps: z.array(scriptStep),
    setting: z.record(z.string(), z.unknown()).optional(),
    order: z.strictObject({ hops: z.array(z.strictObject({ from: z.string(), to: z.string() })) }).optional(),
  })
  .meta({
    sdkName: "DISyncTaskContent",
    sdkTypeDoc: [
      "A DI script as an object, rendered to the JSON the API takes. For DI_OFFLINE the batch script",
      '(`type: "job"`, `version: "2.0"`, steps, setting, order.hops); for DI_REALTIME / DI_SOLUTION the',
      'realtime specification (`type: "realtime"`, `version: "1.0"`, steps, setting with taskType and',
      "resourceGroup) from which DataWorks generates the task.",
    ].join("\n"),
  });

export const shape = {
  regionId: z
    .string()
    .min(1)
    .optional()
    .describe("Region of the DataWorks project. Changing it replaces the task. @default the stack config `alicloud:region`"),
  projectId: z
    .union([z.number().int().positive(), z.string().regex(/^\d+$/, "must be a numeric DataWorks project id").transform(Number)])
    .meta({ sdkOutput: "number" })
    .describe("The DataWorks project (workspace) id. Changing it replaces the task."),
  taskType: z.enum(["DI_OFFLINE", "DI_REALTIME", "DI_SOLUTION"]).describe("DI_OFFLINE (batch), DI_REALTIME or DI_SOLUTION. Changing it replaces the task."),
  taskName: ruled(taskNameProblems).describe(
    "Unique in the project; one line (no control characters), at most 128 characters. Changing it replaces the task. @default the resource's name",
  ),
  // The object form is checked by the script rules below (precise messages), then sent as JSON.
  taskContent: z
    .union([z.string().min(1), z.record(z.string(), z.unknown()).transform((o) => JSON.stringify(o))], {
      error: "must be the script as JSON text or as an object",
    })
    .meta({ sdkInput: "string | DISyncTaskContent", sdkOutput: "string", sdkOutputDoc: "The script or specification (rendered, when given as an object)." })
    .describe(
      "The script (DI_OFFLINE) or the realtime specification (DI_REALTIME, DI_SOLUTION), as JSON text\nor as an object. JSON that differs only in key order or formatting is not a change. A batch\nscript is updated in place (and committed and deployed again, see `deployTo`). A realtime\nspecification is updated in place when only the reader's table selection changes (DataWorks\nregenerates the task and it is restarted); any other change replaces the task, since DataWorks\nhas no API for it.",
    ),
  taskParam,
  deployTo: z
    .enum(DEPLOY_TARGETS)
    .optional()
    .describe(
      "Batch (DI_OFFLINE) tasks: how far each version of the task goes after a create or update.\n`PRODUCTION` commits it (SubmitFile) and deploys it (DeployFile), waiting for each deployment,\nso the task runs on production's schedule; `DEVELOPMENT` only commits it to the development\nenvironment's scheduler (in a basic-mode workspace, its only one); `NONE` leaves an uncommitted\ndraft in DataStudio, for teams whose releases go through DataWorks' own Deploy Center.\nSwitching to NONE later leaves what production already runs alone. The workspace's pre-deploy\nchecks always run. A deployment that fails keeps the task and fails the update with\nDataWorks' reason; the next `up` tries again. Removing it means PRODUCTION again.\n@default \"PRODUCTION\": the program decides, and by default a batch task reaches production\nlike the realtime ones (which DeployDISyncTask always deploys).",
    ),
  desiredStatus: z
    .enum(["RUNNING", "STOPPED"])
    .optional()
    .describe('Realtime tasks: keep the instance RUNNING or STOPPED. Removing it means RUNNING again. @default "RUNNING"'),
  startParam: jsonText("startParam")
    .optional()
    .meta({ sdkOutput: "string" })
    .describe(
      "Realtime tasks: the start parameters (failoverLimit, errorLimit, ddlMarkMap) as JSON text or an\nobject, sent when the instance is started. Removing it changes nothing now: the running\ninstance keeps what it was started with and a later start sends none (no vendor source gives\nthe service's defaults to reset to).",
    ),
  timeoutSeconds: z
    .number()
    .int()
    .min(1)
    .max(86_400)
    .default(600)
    .describe("How long generation, commits and deployments, starting, stopping and deletion may take, in total per operation. @default 600"),
  adopt: z
    .boolean()
    .default(false)
    .describe(
      "Bring an existing task with the same `taskName` in the project under management instead of\ncreating one: create finds it (ListFiles), checks that its type and folder match, and updates a\nbatch task's script in place to this definition (only what differs), then commits, deploys or\nstarts it as a create would. A realtime task's specification must already match (DataWorks\nhas no API to change it in place). Pulumi's `import` option does not work for dynamic\nresources; this is the supported way.\n@default false: a task with the program's definition is still taken over (an interrupted\n`pulumi up` leaves one behind); one that differs is refused, naming both",
    ),
} as const;

type Inputs = { [K in keyof typeof shape]: z.output<(typeof shape)[K]> };

export const rules: readonly Rule<Inputs>[] = [
  {
    fields: ["taskType", "taskContent"],
    property: "taskContent",
    violated: (d) => taskContentProblems(d.taskContent, d.taskType).length > 0,
    message: (d) => taskContentProblems(d.taskContent, d.taskType).map((p) => `taskContent ${p}`),
  },
  ...(["desiredStatus", "startParam"] as const).map(
    (f): Rule<Inputs> => ({
      fields: ["taskType", f],
      property: f,
      violated: (d) => d.taskType === "DI_OFFLINE" && d[f] !== undefined,
      message: (d) => `${f} only applies to DI_REALTIME and DI_SOLUTION tasks (a batch task runs on its schedule); got ${show(d[f])}. Remove ${f}.`,
    }),
  ),
  {
    fields: ["taskType", "deployTo"],
    property: "deployTo",
    violated: (d) => realtime(d.taskType) && d.deployTo !== undefined,
    message: (d) =>
      `deployTo only applies to DI_OFFLINE tasks (DeployDISyncTask deploys a realtime task whenever its script changes); got ${show(d.deployTo)}. Remove deployTo.`,
  },
];

export function check(_olds: Props, news: Props) {
  const r = checkInputs<Inputs>(KIND, shape, rules, news);
  if (r.inputs.desiredStatus === undefined && realtime(r.inputs.taskType)) r.inputs.desiredStatus = "RUNNING";
  if (r.inputs.deployTo === undefined && r.inputs.taskType === "DI_OFFLINE") r.inputs.deployTo = "PRODUCTION";
  return r;
}

const sameParam = (a: unknown, b: unknown) => {
  const p = (v: unknown) => (v && typeof v === "object" ? (v as Props) : {});
  // A removed cu is kept (see the header): unset in the program agrees with any held value.
  return (
    sameScalar(p(a).fileFolderPath, p(b).fileFolderPath) &&
    sameScalar(p(a).resourceGroup, p(b).resourceGroup) &&
    (p(b).cu === undefined || sameScalar(p(a).cu, p(b).cu))
  );
};

export const fields: FieldTable = {
  // Picks the endpoint; never sent (no DataWorks request model has RegionId).
  regionId: { api: "", replace: true, writeOnly: true },
  projectId: { api: "ProjectId", replace: true },
  taskType: { api: "TaskType", replace: true },
  taskName: { api: "TaskName", replace: true },
  taskContent: { api: "TaskContent", same: sameJson },
  // Not readable back (GetFile gives a folder id, not the path, and no resource group).
  taskParam: { api: "TaskParam", same: sameParam, writeOnly: true },
  // Removed: RUNNING, the provider's default (check fills it in for realtime tasks).
  desiredStatus: { api: "", same: (a, b) => (a ?? "RUNNING") === (b ?? "RUNNING"), unset: { reset: "RUNNING" } },
  // State written before deployTo existed has none: its task is a draft, so the next up deploys it.
  // Removed from a batch task: check fills in PRODUCTION (the provider's default), so an update
  // deploys it; "kept" only says that unset state is not PRODUCTION (the draft above) and that a
  // realtime task, which never has one, has nothing to compare.
  deployTo: { api: "", unset: "kept" },
  // Removed: kept; only StartDISyncInstance takes it and no source gives the service's defaults.
  startParam: { api: "StartParam", writeOnly: true, same: (a, b) => (isUnset(a) && isUnset(b)) || sameJson(a, b), unset: "kept" },
};

export function diff(_id: string, olds: Props, news: Props) {
  const changed = changedFields(fields, olds, news);
  const folderMoved =
    changed.includes("taskParam") && !sameScalar((olds.taskParam as Props | undefined)?.fileFolderPath, (news.taskParam as Props | undefined)?.fileFolderPath);
  const specReplaced = changed.includes("taskContent") && realtime(news.taskType) && realtimeChangeNeedsReplace(olds.taskContent, news.taskContent);
  const replaces = changed.filter((k) => fields[k]?.replace || (k === "taskParam" && folderMoved) || (k === "taskContent" && specReplaced));
  if (replaces.length === 0) return { changes: changed.length > 0 };
  // Names are unique per project: keeping the name means deleting the old task first.
  return sameScalar(olds.taskName, news.taskName) && sameScalar(olds.projectId, news.projectId)
    ? { changes: true, replaces, deleteBeforeReplace: true }
    : { changes: true, replaces };
}

// ---------------------------------------------------------------------------------------------
// Calls
// ---------------------------------------------------------------------------------------------

function parseTaskId(id: string): TaskRef {
  const m = /^(\d+):(DI_OFFLINE|DI_REALTIME|DI_SOLUTION):(\d+)$/.exec(id);
  if (!m) throw malformedId(KIND, id, "<projectId>:<taskType>:<fileId>, e.g. 10001:DI_OFFLINE:1000001");
  return { projectId: Number(m[1]), taskType: m[2] as string, fileId: Number(m[3]) };
}

/** Outputs besides the inputs. Batch tasks add where their current version is (see Publication). */
function computed(fileId: number, status: string, generated: string | undefined, publication?: Publication): Props {
  const out: Props = { fileId, status, generatedTaskContent: generated ?? "" };
  if (publication !== undefined) {
    out.commitStatus = publication.commitStatus;
    out.fileVersion = publication.fileVersion;
    out.deployedVersion = publication.deployedVersion;
  }
  return out;
}

/** A task the create made: made now, or replayed by its ClientToken. */
interface Made {
  readonly fileId: number;
  readonly observed: Observed;
}

/**
 * One CreateDISyncTask with a request-derived token; a replayed answer naming a deleted task moves to
 * a new token. Not repeated by the transport: an ambiguous failure goes to createOrClaim.
 */
async function createTask(client: DataWorksClient, inputs: Props, content: string): Promise<Made> {
  const base = {
    ProjectId: inputs.projectId,
    TaskType: inputs.taskType,
    TaskName: inputs.taskName,
    TaskContent: content,
    TaskParam: taskParamJson(inputs.taskParam, true),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    const data = await diCall(client, "CreateDISyncTask", { ...base, ClientToken: clientToken("CreateDISyncTask", base, attempt) }, label(inputs));
    const fileId = Number(data.FileId);
    const observed = await observe(client, Number(inputs.projectId), String(inputs.taskType), fileId);
    if (observed !== undefined) return { fileId, observed };
  }
  throw new Error(`${label(inputs)}: CreateDISyncTask kept answering with a task that no longer exists.`);
}

/** DataStudio node codes ("DataWorks nodes" reference page): 23 batch synchronization, 900 real-time synchronization. */
const FILE_TYPE_BATCH = 23;
const FILE_TYPE_REALTIME = 900;

/**
 * The task type of a listed file as the program names it. DataStudio has one real-time code for
 * DI_REALTIME and DI_SOLUTION [inferred for solutions], so a realtime file is the program's type.
 */
function typeOfFile(fileType: number, wanted: unknown): string {
  if (fileType === FILE_TYPE_BATCH) return "DI_OFFLINE";
  if (fileType === FILE_TYPE_REALTIME) return realtime(wanted) ? String(wanted) : "DI_REALTIME";
  return `a DataStudio file of type ${fileType}`;
}

/**
 * Two scripts generated from one realtime specification, compared as JSON. A specification without
 * `setting.name` leaves the name to the generation, which makes one per run (the emulator: the
 * mode and the process id) [inferred], so then `extend.name` is not compared.
 */
function sameGenerated(spec: unknown): (a: unknown, b: unknown) => boolean {
  const named = (() => {
    try {
      const setting = (JSON.parse(String(spec)) as Props).setting as Props | undefined;
      return typeof setting?.name === "string" && setting.name !== "";
    } catch {
      return false;
    }
  })();
  const unnamed = (v: unknown) => {
    try {
      const o = JSON.parse(String(v)) as Props;
      if (!named && o.extend && typeof o.extend === "object") delete (o.extend as Props).name;
      return JSON.stringify(o);
    } catch {
      return v;
    }
  };
  return (a, b) => sameJson(unnamed(a), unnamed(b));
}

/** What the take-over compares: the identity, the script and the folder (which only a replacement moves). */
const claimFields = (inputs: Props): FieldTable => ({
  projectId: fields.projectId as FieldTable[string],
  taskType: fields.taskType as FieldTable[string],
  taskName: fields.taskName as FieldTable[string],
  // A realtime script is DataWorks' generation from the specification: no API rewrites it in place.
  taskContent: realtime(inputs.taskType)
    ? { api: "TaskContent", same: sameGenerated(inputs.taskContent), replace: true }
    : (fields.taskContent as FieldTable[string]),
  "taskParam.fileFolderPath": { api: "FileFolderPath", replace: true },
});

/**
 * A task found under the program's name: its listed file, its type as the program names it, and
 * what is observed of it (only when that type is the program's: another type is refused unread).
 */
interface Listed {
  readonly fileId: number;
  readonly fileName: string;
  readonly folder: string | undefined;
  readonly taskType: string;
  readonly observed: Observed | undefined;
}

/** The task named `taskName` in the project (ListFiles ExactFileName), or undefined when the name is free. */
async function findTask(client: DataWorksClient, inputs: Props): Promise<Listed | undefined> {
  const projectId = Number(inputs.projectId);
  const listed = (await client.call("ListFiles", { ProjectId: projectId, ExactFileName: String(inputs.taskName), NeedAbsoluteFolderPath: true, PageSize: 10 }))
    .Data as ListFilesResponse["Data"];
  const file = listed.Files.find((f) => f.FileName === inputs.taskName);
  if (file === undefined) return undefined;
  const taskType = typeOfFile(file.FileType, inputs.taskType);
  const observed = taskType === inputs.taskType ? await observe(client, projectId, taskType, file.FileId) : undefined;
  return { fileId: file.FileId, fileName: file.FileName, folder: file.AbsoluteFolderPath, taskType, observed };
}

/** The program's side of the claim: `content` is the script it creates the task with (generated, for a realtime task). */
const oursOf = (inputs: Props, content: string): Props => ({
  ...inputs,
  taskContent: content,
  "taskParam.fileFolderPath": (inputs.taskParam as Props | undefined)?.fileFolderPath,
});

/** What claimExisting judges of the found task: its type, folder and (observed) script. */
function claimOf(inputs: Props, content: string, found: Listed): Claim {
  const projectId = Number(inputs.projectId);
  const theirs: Props = { projectId, taskType: found.taskType, taskName: found.fileName, "taskParam.fileFolderPath": found.folder };
  if (found.observed !== undefined) theirs.taskContent = found.observed.content;
  return {
    what: label(inputs),
    found: `task ${found.fileId} in DataWorks workspace ${projectId}`,
    nameInput: "taskName",
    inputs: oursOf(inputs, content),
    theirs,
    fields: claimFields(inputs),
  };
}

/** Brings the claimed task to the program's definition: only what differs (only with adopt can anything). */
async function takeOver(client: DataWorksClient, inputs: Props, content: string, found: Listed, update: readonly string[]): Promise<void> {
  // A type that differs was refused by the claim, so the task was observed unless it vanished since
  // the listing. Only a batch script can be updated here: everything else in the table replaces.
  if (found.observed === undefined)
    throw new Error(`${label(inputs)}: task ${found.fileId} disappeared while it was being taken over; run \`pulumi up\` again.`);
  const change = updateParams(claimFields(inputs), oursOf(inputs, content), update);
  if (Object.keys(change).length === 0) return;
  const params = { ProjectId: Number(inputs.projectId), TaskType: found.taskType, FileId: found.fileId, ...change };
  await diCall(client, "UpdateDISyncTask", params, label(inputs), { retryAmbiguous: true });
}

const isNameTaken = (err: unknown) => err instanceof ApiError && err.code === DI_FILE_EXISTED;

const targetOf = (props: Props): DeployTarget =>
  (DEPLOY_TARGETS as readonly unknown[]).includes(props.deployTo) ? (props.deployTo as DeployTarget) : "PRODUCTION";
const numberOr = (v: unknown) => (typeof v === "number" ? v : undefined);

/**
 * A batch task after CreateDISyncTask or UpdateDISyncTask: commits and deploys its current version
 * up to `deployTo`. A failed or timed-out deployment keeps the task in state (partial failure)
 * with `deployTo` recording the stage reached, so the next `up` sees the difference and retries.
 */
async function publishBatch(client: DataWorksClient, inputs: Props, id: string, deadline: number, deployedVersion: number | undefined): Promise<Props> {
  const { projectId, fileId } = parseTaskId(id);
  const what = label(inputs, id);
  const file = await observeFile(client, projectId, fileId);
  if (file === undefined) throw new Error(`${what} disappeared; it was deleted outside this program. Run \`pulumi refresh\` and \`pulumi up\` to recreate it.`);
  const keep = (p: Publication) => ({ ...inputs, deployTo: stageOf(p), ...computed(fileId, "", undefined, p) });
  try {
    const reached = await publish({ client, projectId, fileId, label: what, kind: KIND, deadline }, targetOf(inputs), file, deployedVersion);
    return { ...inputs, ...computed(fileId, "", undefined, reached) };
  } catch (err) {
    if (!(err instanceof DeploymentFailed)) throw err;
    const reason = `${err.message.replace(/\.$/, "")}. The task's script is saved in DataStudio; fix the cause and run \`pulumi up\` again to ${targetOf(inputs) === "PRODUCTION" ? "deploy" : "commit"} it, or set deployTo to "NONE" to keep it a draft.`;
    throw resourceInitFailed(KIND, what, id, keep(err.reached), reason);
  }
}

export async function create(inputs: Props, client: DataWorksClient = dataWorksClient(inputs.regionId)) {
  const deadline = Date.now() + Number(inputs.timeoutSeconds ?? 600) * 1000;
  const isRealtime = realtime(inputs.taskType);
  const content = isRealtime ? await generate({ client, kind: KIND, deadline }, inputs, "GenerateDISyncTaskConfigForCreating", {}) : String(inputs.taskContent);
  const created = await createOrClaim<Made, Listed>({
    what: label(inputs),
    adopt: inputs.adopt === true,
    send: () => createTask(client, inputs, content),
    lookUp: () => findTask(client, inputs),
    isNameTaken,
    claimOf: (found) => claimOf(inputs, content, found),
    takeOver: (found, update) => takeOver(client, inputs, content, found, update),
  });
  const { fileId, observed } = created.value;
  const id = taskId(inputs.projectId, inputs.taskType, fileId);
  if (!isRealtime) return { id, outs: await publishBatch(client, inputs, id, deadline, undefined) };
  // A running instance was deployed; anything else (a create interrupted before it) is deployed now.
  // (A task taken over was observed: takeOver refuses one that vanished.)
  if (!RUNNING.has(observed?.status ?? "")) {
    try {
      await diCall(client, "DeployDISyncTask", { ProjectId: inputs.projectId, TaskType: inputs.taskType, FileId: fileId }, label(inputs, id), {
        retryAmbiguous: true,
      });
    } catch (err) {
      throw resourceInitFailed(KIND, label(inputs, id), id, { ...inputs, ...computed(fileId, "NORUN", content) }, (err as Error).message);
    }
  }
  const status = await applyStatus({ client, kind: KIND, deadline }, inputs, id, parseTaskId(id));
  return { id, outs: { ...inputs, ...computed(fileId, status, content) } };
}

export async function read(id: string, props: Props, client: DataWorksClient = dataWorksClient(props.regionId)) {
  const { projectId, taskType, fileId } = parseTaskId(id);
  const now = await observe(client, projectId, taskType, fileId);
  if (now === undefined) return {};
  const last = inputsOf(Object.keys(shape), props);
  const actual: Props = { projectId, taskType };
  if (now.fileName) actual.taskName = now.fileName;
  if (!realtime(taskType)) {
    actual.taskContent = now.content;
    // Where the current version is: an edit in the console leaves it uncommitted (CommitStatus 0),
    // which refresh records as deployTo NONE, so the next preview shows the way back to production.
    const publication: Publication = { commitStatus: now.commitStatus ?? 0, fileVersion: now.fileVersion, deployedVersion: numberOr(props.deployedVersion) };
    const stage = stageOf(publication);
    actual.deployTo = satisfies(stage, targetOf(last)) ? last.deployTo : stage;
    const inputs = realignInputs(fields, last, actual);
    return { id, props: { ...props, ...inputs, ...computed(fileId, "", undefined, publication) }, inputs };
  }
  // The service holds the generated script, not the specification: it is drift only when the
  // script differs from the one this program last applied (someone edited the task).
  actual.taskContent = sameJson(now.content, props.generatedTaskContent) ? last.taskContent : now.content;
  actual.desiredStatus = RUNNING.has(now.status) ? "RUNNING" : now.status === "PAUSE" || now.status === "NORUN" ? "STOPPED" : last.desiredStatus;
  const inputs = realignInputs(fields, last, actual);
  return { id, props: { ...props, ...inputs, ...computed(fileId, now.status, now.content) }, inputs };
}

export async function update(id: string, olds: Props, news: Props, client: DataWorksClient = dataWorksClient(news.regionId)) {
  const { projectId, taskType, fileId } = parseTaskId(id);
  const deadline = Date.now() + Number(news.timeoutSeconds ?? 600) * 1000;
  const base = { ProjectId: projectId, TaskType: taskType, FileId: fileId };
  const changed = changedFields(fields, olds, news);
  const contentChanged = changed.includes("taskContent");
  const paramChanged = changed.includes("taskParam");
  let generated = typeof olds.generatedTaskContent === "string" ? olds.generatedTaskContent : undefined;

  if (!realtime(taskType)) {
    if (contentChanged || paramChanged) {
      await diCall(
        client,
        "UpdateDISyncTask",
        // An unchanged script is left out, never sent empty.
        { ...base, ...(contentChanged && { TaskContent: news.taskContent }), TaskParam: taskParamJson(news.taskParam, false) },
        label(news, id),
        { retryAmbiguous: true },
      );
    }
    return { outs: await publishBatch(client, news, id, deadline, numberOr(olds.deployedVersion)) };
  }

  const restart = contentChanged || changed.includes("startParam");
  if (contentChanged || paramChanged) {
    const script = contentChanged ? await generate({ client, kind: KIND, deadline }, news, "GenerateDISyncTaskConfigForUpdating", { TaskId: fileId }) : "";
    const wasRunning = RUNNING.has((await observe(client, projectId, taskType, fileId))?.status ?? "");
    if (restart && wasRunning) await applyStatus({ client, kind: KIND, deadline }, { ...news, desiredStatus: "STOPPED" }, id, parseTaskId(id));
    try {
      await diCall(
        client,
        "UpdateDISyncTask",
        { ...base, ...(script !== "" && { TaskContent: script }), TaskParam: taskParamJson(news.taskParam, false) },
        label(news, id),
        {
          retryAmbiguous: true,
        },
      );
    } catch (err) {
      if (!(err instanceof DIFailure)) throw err;
      // The fallback: put the instance back as it was and say what to do instead.
      if (restart && wasRunning) await applyStatus({ client, kind: KIND, deadline }, { ...olds, desiredStatus: "RUNNING" }, id, parseTaskId(id));
      throw new Error(realtimeUpdateRefused(label(news, id), err.reason));
    }
    if (contentChanged) {
      await diCall(client, "DeployDISyncTask", base, label(news, id), { retryAmbiguous: true });
      generated = script;
    }
  } else if (restart && RUNNING.has((await observe(client, projectId, taskType, fileId))?.status ?? "")) {
    await applyStatus({ client, kind: KIND, deadline }, { ...news, desiredStatus: "STOPPED" }, id, parseTaskId(id));
  }
  const status = await applyStatus({ client, kind: KIND, deadline }, news, id, parseTaskId(id));
  return { outs: { ...news, ...computed(fileId, status, generated) } };
}

export async function remove(id: string, props: Props, client: DataWorksClient = dataWorksClient(props.regionId)) {
  const { projectId, taskType, fileId } = parseTaskId(id);
  const what = label(props, id);
  const deadline = Date.now() + Number(props.timeoutSeconds ?? 600) * 1000;
  if (!realtime(taskType)) {
    // This provider knows what it deployed. A task that never aimed at production is not there; one
    // whose deployment failed or timed out, or whose state predates deployTo, may be.
    const inProduction: InProduction =
      props.deployedVersion !== undefined ? "yes" : props.deployTo === "NONE" || props.deployTo === "DEVELOPMENT" ? "no" : "unknown";
    await removeFile({ client, projectId, fileId, label: what, kind: KIND, deadline }, inProduction);
    return;
  }
  const now = await observe(client, projectId, taskType, fileId);
  if (now === undefined) return;
  if (RUNNING.has(now.status)) await applyStatus({ client, kind: KIND, deadline }, { ...props, desiredStatus: "STOPPED" }, id, parseTaskId(id));
  try {
    await diCall(client, "DeleteDISyncTask", { ProjectId: projectId, TaskType: taskType, FileId: fileId }, what, { retryAmbiguous: true });
  } catch (err) {
    if (err instanceof DIFailure && isUnknownFileMessage(err.reason)) return;
    throw err;
  }
}

/** alicloud.DISyncTask, as the registry (resources/index.ts) serves it. */
export const resource = defineResource({
  token,
  shape,
  fields,
  rules,
  outputs: {
    fileId: z.number().describe("The task's file id in DataStudio."),
    status: z.string().describe("Realtime instance status (RUN, WAIT, PAUSE, NORUN, KILLING); empty for batch tasks."),
    generatedTaskContent: z.string().describe("Realtime tasks: the script DataWorks generated from taskContent, as deployed."),
    commitStatus: z.number().optional().describe("Batch tasks: GetFile's CommitStatus, 1 when the current version is committed."),
    fileVersion: z.number().optional().describe("Batch tasks: the file's current version (GetFile CurrentVersion)."),
    deployedVersion: z
      .number()
      .optional()
      .describe("Batch tasks: the version this program last deployed to production; equal to fileVersion when production runs the current one."),
  },
  replaceNote:
    "`taskParam.fileFolderPath` replaces the task too (no API renames or moves one), and a replacement that keeps the name in the project deletes the old task first. A batch task updates through UpdateDISyncTask, then is committed and deployed again (SubmitFile, DeployFile); a realtime task's table selection by regenerating its script (GenerateDISyncTaskConfigForUpdating), applying it and restarting the instance. Any other change of a realtime specification has no DataWorks API and replaces the task. JSON that differs only in key order or formatting is not a change; a batch task edited and left uncommitted in the console refreshes as `deployTo: NONE`.",
  sdk: {
    summary:
      "A DataWorks data-integration task: a batch (offline) sync such as MySQL → MaxCompute, or a\nrealtime sync from MySQL to Kafka, Hologres or MaxCompute. Realtime tasks are created the way\nDataWorks requires: the specification is turned into a script by an asynchronous generation\nprocess (progress shown; its failure message surfaced), then the task is created, deployed and\nstarted. Batch tasks are committed and deployed to production (see `deployTo`). Retried creates\nnever make a second task (ClientToken, and a look-up by name after every ambiguous failure); a\ncreate whose name is taken by a task with the program's definition (an interrupted `pulumi up`)\ntakes it over and finishes its commit, deployment or start (see `adopt`).",
    args: "Inputs of {@link DISyncTask}. Names are the camelCase of the CreateDISyncTask parameters.",
    example: [
      'import { alicloud } from "pulumi-streamjobs";',
      "",
      "// Workspace 10001, its resource group and its mysql_pub and odps_first data sources are the default emulator's.",
      'new alicloud.DISyncTask("orders-batch", {',
      '  projectId: 10001, taskType: "DI_OFFLINE",',
      '  taskParam: { fileFolderPath: "Business Flow/orders/Data Integration", resourceGroup: "S_res_group_demo_001" },',
      "  taskContent: {",
      '    type: "job", version: "2.0",',
      "    steps: [",
      '      { stepType: "mysql", category: "reader", name: "Reader", parameter: { datasource: "mysql_pub", column: ["id"], connection: [{ datasource: "mysql_pub", table: ["orders"] }] } },',
      '      { stepType: "odps", category: "writer", name: "Writer", parameter: { datasource: "odps_first", table: "orders", column: ["id"] } },',
      "    ],",
      '    setting: { speed: { concurrent: 2, throttle: false }, errorLimit: { record: "0" } },',
      '    order: { hops: [{ from: "Reader", to: "Writer" }] },',
      "  },",
      "});",
    ].join("\n"),
    see: "https://www.alibabacloud.com/help/en/dataworks/developer-reference/api-dataworks-public-2020-05-18-createdisynctask",
    nameInput: "taskName",
    types: [scriptObject],
    get: "Reads an existing task (id `<projectId>:<taskType>:<fileId>`) without managing it.",
  },
  check,
  diff,
  create,
  read,
  update,
  remove,
});
