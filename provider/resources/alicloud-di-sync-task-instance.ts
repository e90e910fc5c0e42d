/**
 * The realtime side of a DISyncTask (DI_REALTIME, DI_SOLUTION): the asynchronous generation of its
 * script from the specification (Generate…ForCreating / ForUpdating, then
 * QueryDISyncTaskConfigProcessResult until the process ends), how a task is observed (GetFile for a
 * batch task, GetDISyncTask and GetDISyncInstanceInfo for a realtime one), and starting or
 * stopping its instance, waited on until it is RUN or PAUSE/NORUN. The batch side, the DataStudio
 * file lifecycle, is alicloud-di-sync-task-files.ts.
 *
 * Both waits poll one object at a time (QueryDISyncTaskConfigProcessResult, GetDISyncTask and
 * GetDISyncInstanceInfo): DataWorks has no list of processes or instances with their status
 * (dataworks.json). They wake on the clock's beat (`together`, engine/shared-poll.ts), so the
 * polls of many tasks fall in the same instants.
 */
import { DI_PROCESSING, diFailure, isUnknownFileMessage } from "../apis/alibaba-dataworks";
import { waitUntilSettled } from "../engine/wait";
import { resourceInitFailed, waitTimedOut } from "../errors";
import { type DataWorksClient, DIFailure, clientToken, diCall, label, realtime, taskId } from "./alicloud-di-sync-task-calls";
import { observeFile } from "./alicloud-di-sync-task-files";
import { updatingTaskParam } from "./alicloud-di-sync-task-realtime";
import { sendUntilReached } from "./alicloud-di-sync-task-resend";
import { printProgress } from "../engine/progress";

type Props = Record<string, unknown>;

/** What the realtime calls need besides the task: the client, the kind for messages, the deadline (epoch ms). */
export interface RealtimeContext {
  readonly client: DataWorksClient;
  readonly kind: string;
  readonly deadline: number;
}

/** A task's parts, as its id `<projectId>:<taskType>:<fileId>` holds them. */
export interface TaskRef {
  readonly projectId: number;
  readonly taskType: string;
  readonly fileId: number;
}

/** Runs a Generate…For* process to its end and returns the generated script. */
export async function generate(
  ctx: RealtimeContext,
  inputs: Props,
  action: "GenerateDISyncTaskConfigForCreating" | "GenerateDISyncTaskConfigForUpdating",
  extra: Props,
): Promise<string> {
  const { client, deadline } = ctx;
  const base = { ProjectId: inputs.projectId, TaskType: inputs.taskType, TaskParam: inputs.taskContent, ...extra };
  if (action === "GenerateDISyncTaskConfigForUpdating") base.TaskParam = updatingTaskParam(String(inputs.taskContent));
  const started = await diCall(client, action, { ...base, ClientToken: clientToken(action, base) }, label(inputs), { retryAmbiguous: true });
  const processId = Number(started.ProcessId);
  const seconds = Math.max(1, Math.ceil((deadline - Date.now()) / 1000));
  const outcome = await waitUntilSettled<Props>({
    label: label(inputs),
    wanted: "the generated configuration",
    timeoutSeconds: seconds,
    together: true,
    poll: async () =>
      (
        await client.call("QueryDISyncTaskConfigProcessResult", {
          ProjectId: inputs.projectId,
          TaskType: inputs.taskType,
          AsyncProcessId: processId,
        })
      ).Data as Props,
    classify: (d) =>
      d.Status === DI_PROCESSING
        ? { state: "pending", value: d }
        : d.Status === "success"
          ? { state: "done", value: d }
          : { state: "failed", value: d, reason: String(d.Message ?? "no reason given") },
    status: (d) => `process ${processId} ${String(d.Status)}`,
  });
  if (outcome.state === "failed") {
    throw new Error(
      `${label(inputs)}: DataWorks could not generate the task's configuration from taskContent (process ${processId}): ${outcome.reason}. Fix taskContent and run again.`,
    );
  }
  if (outcome.state === "timeout") throw new Error(waitTimedOut(ctx.kind, label(inputs), "the generated configuration", outcome.lastStatus, seconds));
  const content = outcome.value.TaskContent;
  if (typeof content !== "string" || content === "") throw new Error(`${label(inputs)}: process ${processId} succeeded without a TaskContent`);
  return content;
}

export interface Observed {
  /** The task's script as the service has it (generated, for realtime tasks). */
  content: string;
  fileName: string | undefined;
  /** Realtime instance status (RUN, WAIT, PAUSE, NORUN, KILLING); "" for batch tasks. */
  status: string;
  /** Batch tasks: GetFile's CommitStatus and CurrentVersion. */
  commitStatus?: number;
  fileVersion?: number | undefined;
}

/** The task as it is now, or undefined when it no longer exists. */
export async function observe(client: DataWorksClient, projectId: number, taskType: string, fileId: number): Promise<Observed | undefined> {
  if (!realtime(taskType)) {
    const file = await observeFile(client, projectId, fileId);
    return file && { content: file.content, fileName: file.fileName, status: "", commitStatus: file.commitStatus, fileVersion: file.fileVersion };
  }
  const base = { ProjectId: projectId, TaskType: taskType, FileId: fileId };
  const got = await client.call("GetDISyncTask", base);
  const failure = diFailure(got as { Data?: { Status?: unknown; Message?: unknown } });
  if (isUnknownFileMessage(failure)) return undefined;
  if (failure !== undefined) throw new DIFailure("GetDISyncTask", failure, `DISyncTask ${taskId(projectId, taskType, fileId)}`);
  const info = await client.call("GetDISyncInstanceInfo", base);
  const data = (info.Data ?? {}) as Props;
  return {
    content: String((got.Data as Props).Code ?? ""),
    fileName: typeof data.Name === "string" ? data.Name : undefined,
    status: data.Status === "fail" ? "" : String(data.Status ?? ""),
  };
}

/** The instance statuses of a running task. */
export const RUNNING: ReadonlySet<string> = new Set(["RUN", "WAIT"]);

/** Starts or stops a realtime instance and waits until it is RUN or PAUSE/NORUN. */
export async function applyStatus(ctx: RealtimeContext, inputs: Props, id: string, task: TaskRef): Promise<string> {
  const { client, deadline, kind } = ctx;
  const { projectId, taskType, fileId } = task;
  const base = { ProjectId: projectId, TaskType: taskType, FileId: fileId };
  const want = inputs.desiredStatus === "STOPPED" ? "STOPPED" : "RUNNING";
  const now = await observe(client, projectId, taskType, fileId);
  if (!now) throw new Error(`${label(inputs, id)} disappeared; it was deleted outside this program. Run \`pulumi refresh\` and \`pulumi up\` to recreate it.`);
  // Neither call takes a ClientToken and a repeat is refused in band ("already running", "not
  // running"), so after an ambiguous failure the instance status decides: the goal shown means the
  // dropped call took effect; otherwise it is sent again (alicloud-di-sync-task-resend.ts).
  const isRunning = async () => RUNNING.has((await observe(client, projectId, taskType, fileId))?.status ?? "");
  const send = async (action: "StartDISyncInstance" | "StopDISyncInstance", params: Props, reached: () => Promise<boolean>) => {
    try {
      await sendUntilReached({
        what: `${label(inputs, id)}: ${action}`,
        send: () => diCall(client, action, params, label(inputs, id)),
        reached,
        wayOut: "Run `pulumi up` again once DataWorks answers.",
      });
    } catch (err) {
      if (err instanceof DIFailure) throw err;
      throw resourceInitFailed(kind, label(inputs, id), id, { ...inputs, fileId, status: now.status }, (err as Error).message);
    }
  };
  if (want === "RUNNING" && !RUNNING.has(now.status)) {
    const startParam = inputs.startParam === undefined ? {} : { StartParam: inputs.startParam };
    printProgress(`${label(inputs, id)}: ${now.status || "not running"}, starting`);
    await send("StartDISyncInstance", { ...base, ...startParam }, isRunning);
  } else if (want === "STOPPED" && RUNNING.has(now.status)) {
    printProgress(`${label(inputs, id)}: ${now.status}, stopping`);
    await send("StopDISyncInstance", base, async () => !(await isRunning()));
  }
  const seconds = Math.max(1, Math.ceil((deadline - Date.now()) / 1000));
  const outcome = await waitUntilSettled<Observed | undefined>({
    label: label(inputs, id),
    wanted: want === "RUNNING" ? "RUN" : "PAUSE",
    timeoutSeconds: seconds,
    together: true,
    poll: () => observe(client, projectId, taskType, fileId),
    classify: (o) => {
      if (!o) return { state: "failed", value: o, reason: "the task disappeared" };
      const done = want === "RUNNING" ? o.status === "RUN" : !RUNNING.has(o.status) && o.status !== "KILLING";
      return done ? { state: "done", value: o } : { state: "pending", value: o };
    },
    status: (o) => o?.status ?? "gone",
  });
  if (outcome.state === "done") return outcome.value?.status ?? "";
  const reason = outcome.state === "failed" ? outcome.reason : waitTimedOut(ctx.kind, label(inputs, id), want, outcome.lastStatus, seconds);
  throw resourceInitFailed(kind, label(inputs, id), id, { ...inputs, fileId, status: outcome.value?.status ?? "" }, reason);
}
