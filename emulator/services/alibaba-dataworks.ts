/**
 * DataWorks Data Integration (dataworks-public 2020-05-18): DI sync tasks kept as DataStudio files
 * in an inventory project, the asynchronous Generate → Query flow of realtime tasks, realtime
 * instances, and (alibaba-dataworks-files.ts) the file APIs through which a batch task is read,
 * committed, deployed and deleted. Parameters arrive decoded and validated against the action
 * table; this module holds the DI handlers: the TaskType matrix (docs/vendors/dataworks.md#tasktype-matrix),
 * existence, names and ClientToken idempotency (#clienttoken). The script, name and folder rules are
 * alibaba-dataworks-validation.ts, the realtime generator alibaba-dataworks-generator.ts, the stored
 * records alibaba-dataworks-records.ts and the status over the clock alibaba-dataworks-status.ts.
 *
 * Answers follow the two families of the product: DI actions fail **in band** (HTTP 200,
 * `Success: true`, `Data.Status: "fail"`, the reason in `Data.Message`) for business failures and
 * with `Invalid.DI.Parameter*` for malformed input; file APIs fail with an HTTP error whose body also
 * carries `Success`, `ErrorCode`, `ErrorMessage` and `HttpStatusCode`.
 *
 * Updating a realtime task: the vendor texts disagree (facts, uncertain point 7). The SDK's
 * GenerateDISyncTaskConfigForUpdating and QueryDISyncTaskConfigProcessResult operation texts, and
 * Query's TaskContent field, say the generated parameters are passed to UpdateDISyncTask to update a
 * realtime task; UpdateDISyncTask's own TaskType text says only batch tasks are updated with it.
 * The emulator reads the second as "only batch tasks are updated directly, with a script you
 * write": UpdateDISyncTask takes a DI_REALTIME TaskContent only when a settled ForUpdating run
 * produced exactly that script for that task [inferred], and refuses any other in band.
 */
import type { z } from "zod";
import { dataworks, DI_FAIL, DI_PROCESSING, DI_SUCCESS, IDEMPOTENT_ACTIONS, type DataWorksAction, type TaskType } from "../../provider/apis/alibaba-dataworks";
import { dataworksErrors } from "../errors/alibaba";
import type { DataWorksProject, Inventory } from "../inventory";
import { isSettled, settleAt } from "../lifecycle";
import type { DecodedParams } from "../routers/alibaba-params";
import type { RpcCall, RpcService } from "../routers/alibaba-rpc";
import { sortKeysDeep, type Store } from "../store";
import { createFileHandlers } from "./alibaba-dataworks-files";
import { generateForCreating, generateForUpdating } from "./alibaba-dataworks-generator";
import { DataWorksRecords, type FileRecord, type ProcessOutcome, type ProcessPurpose, type StoredTaskType } from "./alibaba-dataworks-records";
import { instanceStatus, isRunning, settleDeployments } from "./alibaba-dataworks-status";
import {
  folderPathProblem,
  parseObject,
  resourceGroupProblem,
  scriptResourceGroup,
  taskContentProblem,
  taskNameProblem,
  taskParamOf,
  type TaskParam,
} from "./alibaba-dataworks-validation";

type Actions = (typeof dataworks)["actions"];
type Handler<A extends DataWorksAction> = (call: RpcCall<DecodedParams<Actions[A]["params"]>>) => z.input<Actions[A]["response"]>;
/** One handler per table action: a missing one is a compile error. */
type Handlers = { [A in DataWorksAction]: Handler<A> };

export interface DataWorksServiceOptions {
  readonly store: Store;
  readonly inventory: Inventory;
  /** How long a config process runs, a started instance waits, a file deletion deploys. */
  readonly settleMs: number;
}

/** ClientToken length the cloud accepts (terraform cuts its tokens to this). */
const MAX_CLIENT_TOKEN = 64;

/**
 * Which TaskType each DI action takes is its SDK model's, enforced by the action table before a
 * handler runs. The Generate actions' models also list DI_OFFLINE (a second list), but their pages
 * say batch tasks are created and updated directly, so they refuse it in band [inferred form].
 */
const MATRIX: Partial<Record<DataWorksAction, { readonly types: readonly TaskType[]; readonly instead: string }>> = {
  GenerateDISyncTaskConfigForCreating: { types: ["DI_REALTIME", "DI_SOLUTION"], instead: "create a DI_OFFLINE task with CreateDISyncTask directly" },
  GenerateDISyncTaskConfigForUpdating: { types: ["DI_REALTIME", "DI_SOLUTION"], instead: "update a DI_OFFLINE task with UpdateDISyncTask directly" },
};

// ---- answers ----

const succeeded = <T extends Record<string, unknown>>(data: T = {} as T) => ({ Success: true, Data: { Status: DI_SUCCESS, ...data } });
/** An in-band failure: the call "succeeded", the task did not. */
const failed = (message: string) => ({ Success: true, Data: { Status: DI_FAIL, Message: message } });
const unknownFile = (fileId: number) => failed(`fileId:[${fileId}] is invalid.`);
/** [emulator] Solutions have their own script language, which the emulator does not implement. */
const SOLUTION_NOT_EMULATED = "[emulator] DI_SOLUTION tasks are not emulated; use DI_REALTIME or DI_OFFLINE.";

function taskTypeOf(p: { TaskType: string }): TaskType {
  // The table's enum check is case-insensitive; the service knows the types in upper case.
  return p.TaskType.toUpperCase() as TaskType;
}

/** The refusal of a TaskType the action does not take, or undefined. */
function matrixRefusal(action: DataWorksAction, type: TaskType): string | undefined {
  const row = MATRIX[action];
  return row === undefined || row.types.includes(type) ? undefined : `TaskType:[${type}] is not supported by ${action}; ${row.instead}.`;
}

function parseOrReject(text: string, param: string) {
  const parsed = parseObject(text, param);
  if (!parsed.ok) throw dataworksErrors.diParameter(parsed.problem);
  return parsed.value;
}

function taskParamOrReject(text: string | undefined): TaskParam {
  if (text === undefined || text === "") return {};
  const checked = taskParamOf(parseOrReject(text, "TaskParam"));
  if (!checked.ok) throw dataworksErrors.diParameter(checked.problem);
  return checked.param;
}

export function createDataWorksService(opts: DataWorksServiceOptions): RpcService {
  const records = new DataWorksRecords(opts.store);
  const { inventory } = opts;

  const files = createFileHandlers({ records, inventory, settleMs: opts.settleMs });

  /**
   * A DI action's project: an inventory project. The region is the endpoint's (no DataWorks request
   * model has RegionId) and the emulator serves every region on one host, so it is not checked.
   */
  function projectOf(p: { ProjectId: number }): DataWorksProject {
    const project = inventory.alibaba.dataworksProjects.find((x) => x.id === p.ProjectId);
    if (project === undefined) throw dataworksErrors.noPrivilege(p.ProjectId, undefined);
    return project;
  }

  /** The task a DI action names, if it exists (not deleted) as a task of that type. */
  function fileOf(project: DataWorksProject, fileId: number, type: TaskType): FileRecord | undefined {
    const file = files.liveFile(project.id, fileId);
    return file?.taskType === type ? file : undefined;
  }

  /** Starts an asynchronous config process; its verdict is fixed now and shown once it settles. */
  function startProcess(
    call: RpcCall<unknown>,
    project: DataWorksProject,
    type: StoredTaskType,
    purpose: ProcessPurpose,
    outcome: (processId: number) => ProcessOutcome,
    taskId?: number,
  ) {
    const processId = records.nextProcessId();
    records.processes.put(project.id, {
      projectId: project.id,
      processId,
      taskType: type,
      kind: purpose,
      ...(taskId !== undefined && { taskId }),
      createTime: call.now,
      settleAt: settleAt(call.now, opts.settleMs, call.stuck),
      outcome: outcome(processId),
    });
    return succeeded({ ProcessId: processId });
  }

  const handlers: Handlers = {
    // ---- DI tasks ----
    CreateDISyncTask(call) {
      const p = call.params;
      const project = projectOf(p);
      const type = taskTypeOf(p);
      if (type === "DI_SOLUTION") return failed(SOLUTION_NOT_EMULATED);
      // Malformed input first, as a parameter error.
      const nameProblem = taskNameProblem(p.TaskName);
      if (nameProblem !== undefined) throw dataworksErrors.diParameter(nameProblem);
      const name = p.TaskName as string;
      if (p.TaskParam === undefined || p.TaskParam === "") {
        throw dataworksErrors.diParameter(
          'TaskParam is required (the CreateDISyncTask page marks it so), e.g. {"FileFolderPath":"Business Flow/XXX/Data Integration","ResourceGroup":"S_res_group_XXX_XXXX"}.',
        );
      }
      const param = taskParamOrReject(p.TaskParam);
      const folderProblem = folderPathProblem(param.FileFolderPath);
      if (folderProblem !== undefined) throw dataworksErrors.diParameter(folderProblem);
      const content = parseOrReject(p.TaskContent, "TaskContent");
      const problem = taskContentProblem(content, type, project);
      if (problem !== undefined) throw dataworksErrors.diParameter(problem);
      // Then what the service judges in band.
      const group = param.ResourceGroup ?? (type === "DI_REALTIME" ? scriptResourceGroup(content) : undefined);
      const groupProblem = resourceGroupProblem(group, project);
      if (groupProblem !== undefined || group === undefined) return failed(groupProblem ?? `ResourceGroup:[] is invalid.`);
      const clash = records.files.all(project.id).find((f) => f.name === name && f.deletedAt === undefined);
      if (clash !== undefined) throw dataworksErrors.fileExisted(name, clash.fileId, clash.folderPath);
      const fileId = records.nextFileId();
      records.files.put(project.id, {
        projectId: project.id,
        fileId,
        taskType: type,
        name,
        folderPath: param.FileFolderPath as string,
        content: p.TaskContent,
        resourceGroup: group,
        ...(param.Cu !== undefined && { cu: param.Cu }),
        createTime: call.now,
        modifyTime: call.now,
        version: 1,
        deployed: false,
        instance: { state: "NORUN", settleAt: call.now },
      });
      return succeeded({ FileId: fileId });
    },
    UpdateDISyncTask(call) {
      const p = call.params;
      const project = projectOf(p);
      const type = taskTypeOf(p);
      const param = taskParamOrReject(p.TaskParam);
      const newContent = p.TaskContent === undefined || p.TaskContent === "" ? undefined : p.TaskContent;
      if (newContent !== undefined && type === "DI_REALTIME") {
        // [inferred] Only a script DataWorks generated for this task is accepted.
        const generated = records.processes
          .all(project.id)
          .some(
            (r) => r.kind === "updating" && r.taskId === p.FileId && isSettled(r.settleAt, call.now) && r.outcome.ok && r.outcome.taskContent === newContent,
          );
        if (!generated) {
          return failed(
            "TaskContent of a DI_REALTIME task must come from GenerateDISyncTaskConfigForUpdating for this task; generate it and pass its TaskContent.",
          );
        }
      } else if (newContent !== undefined) {
        const problem = taskContentProblem(parseOrReject(newContent, "TaskContent"), "DI_OFFLINE", project);
        if (problem !== undefined) throw dataworksErrors.diParameter(problem);
      }
      const file = fileOf(project, p.FileId, type);
      if (file === undefined) return unknownFile(p.FileId);
      if (param.ResourceGroup !== undefined) {
        const groupProblem = resourceGroupProblem(param.ResourceGroup, project);
        if (groupProblem !== undefined) return failed(groupProblem);
      }
      const changed =
        (newContent !== undefined && newContent !== file.content) ||
        (param.ResourceGroup !== undefined && param.ResourceGroup !== file.resourceGroup) ||
        (param.Cu !== undefined && param.Cu !== file.cu);
      if (changed) {
        // A new version: CommitStatus is 0 until it is committed again (SubmitFile, or DeployDISyncTask).
        records.files.put(project.id, {
          ...file,
          content: newContent ?? file.content,
          resourceGroup: param.ResourceGroup ?? file.resourceGroup,
          ...(param.Cu !== undefined && { cu: param.Cu }),
          modifyTime: call.now,
          version: file.version + 1,
        });
      }
      return succeeded();
    },
    GetDISyncTask(call) {
      const p = call.params;
      const project = projectOf(p);
      const type = taskTypeOf(p);
      if (type === "DI_SOLUTION") return failed(SOLUTION_NOT_EMULATED);
      const file = fileOf(project, p.FileId, type);
      if (file === undefined) return unknownFile(p.FileId);
      return succeeded({ Code: file.content, AlarmList: [] });
    },
    DeleteDISyncTask(call) {
      const p = call.params;
      const project = projectOf(p);
      const type = taskTypeOf(p);
      const file = fileOf(project, p.FileId, type);
      if (file === undefined) return unknownFile(p.FileId);
      // [inferred] A running instance must be stopped first.
      if (isRunning(file, call.now)) {
        return failed(`fileId:[${file.fileId}] is running (${instanceStatus(file, call.now)}); stop it with StopDISyncInstance before deleting it.`);
      }
      records.files.delete(project.id, file.fileId);
      return succeeded();
    },
    DeployDISyncTask(call) {
      const p = call.params;
      const project = projectOf(p);
      const type = taskTypeOf(p);
      if (type === "DI_SOLUTION") return failed(SOLUTION_NOT_EMULATED);
      const file = fileOf(project, p.FileId, type);
      if (file === undefined) return unknownFile(p.FileId);
      // Commits and deploys in one step (the realtime counterpart of SubmitFile + DeployFile).
      records.files.put(project.id, {
        ...file,
        committedVersion: file.version,
        committedContent: file.content,
        productionVersion: file.version,
        deployed: true,
        nodeId: file.nodeId ?? records.nodeIdFor(file.fileId),
      });
      return succeeded();
    },

    // ---- asynchronous configuration ----
    GenerateDISyncTaskConfigForCreating(call) {
      const p = call.params;
      const project = projectOf(p);
      const type = taskTypeOf(p);
      const refusal = matrixRefusal("GenerateDISyncTaskConfigForCreating", type);
      if (refusal !== undefined) return failed(refusal);
      if (type === "DI_SOLUTION") return failed(SOLUTION_NOT_EMULATED);
      const param = parseOrReject(p.TaskParam, "TaskParam");
      return startProcess(call, project, "DI_REALTIME", "creating", (processId) => {
        const g = generateForCreating(param, project, processId);
        return g.ok ? { ok: true, taskContent: g.taskContent } : { ok: false, message: g.message };
      });
    },
    GenerateDISyncTaskConfigForUpdating(call) {
      const p = call.params;
      const project = projectOf(p);
      const type = taskTypeOf(p);
      const refusal = matrixRefusal("GenerateDISyncTaskConfigForUpdating", type);
      if (refusal !== undefined) return failed(refusal);
      if (type === "DI_SOLUTION") return failed(SOLUTION_NOT_EMULATED);
      const param = parseOrReject(p.TaskParam, "TaskParam");
      const file = fileOf(project, p.TaskId, type);
      if (file === undefined) return unknownFile(p.TaskId);
      const current = parseOrReject(file.content, "TaskContent");
      return startProcess(
        call,
        project,
        "DI_REALTIME",
        "updating",
        () => {
          const g = generateForUpdating(param, current, project);
          return g.ok ? { ok: true, taskContent: g.taskContent } : { ok: false, message: g.message };
        },
        file.fileId,
      );
    },
    QueryDISyncTaskConfigProcessResult(call) {
      const p = call.params;
      const project = projectOf(p);
      const type = taskTypeOf(p);
      const process = records.processes.get(project.id, p.AsyncProcessId);
      if (process === undefined || process.taskType !== type) return failed(`processId:[${p.AsyncProcessId}] is invalid.`);
      if (!isSettled(process.settleAt, call.now)) return { Success: true, Data: { Status: DI_PROCESSING } };
      return process.outcome.ok ? succeeded({ TaskContent: process.outcome.taskContent }) : failed(process.outcome.message);
    },

    // ---- instances ----
    StartDISyncInstance(call) {
      const p = call.params;
      const project = projectOf(p);
      const type = taskTypeOf(p);
      if (type === "DI_SOLUTION") return failed(SOLUTION_NOT_EMULATED);
      if (p.StartParam !== undefined && p.StartParam !== "") {
        // [inferred] The service fails to read a StartParam that is not a JSON object as an internal error.
        const parsed = parseObject(p.StartParam, "StartParam");
        if (!parsed.ok) throw dataworksErrors.internal(parsed.problem);
      }
      const file = fileOf(project, p.FileId, type);
      if (file === undefined) return unknownFile(p.FileId);
      if (!file.deployed) return failed(`fileId:[${file.fileId}] is not deployed; deploy it with DeployDISyncTask before starting it.`);
      if (isRunning(file, call.now)) return failed(`fileId:[${file.fileId}] is already running (${instanceStatus(file, call.now)}).`);
      records.files.put(project.id, { ...file, instance: { state: "RUN", settleAt: settleAt(call.now, opts.settleMs, call.stuck) } });
      return succeeded();
    },
    StopDISyncInstance(call) {
      const p = call.params;
      const project = projectOf(p);
      const type = taskTypeOf(p);
      const file = fileOf(project, p.FileId, type);
      if (file === undefined) return unknownFile(p.FileId);
      if (!isRunning(file, call.now)) return failed(`fileId:[${file.fileId}] is not running (${instanceStatus(file, call.now)}).`);
      records.files.put(project.id, { ...file, instance: { state: "PAUSE", settleAt: call.now } });
      return succeeded();
    },
    TerminateDISyncInstance(call) {
      const p = call.params;
      const project = projectOf(p);
      const type = taskTypeOf(p);
      const file = fileOf(project, p.FileId, type);
      if (file === undefined) return unknownFile(p.FileId);
      if (!file.deployed) return failed(`fileId:[${file.fileId}] is not deployed.`);
      // Terminating undeploys: the instance is gone and a new start needs a new deploy.
      records.files.put(project.id, { ...file, deployed: false, instance: { state: "NORUN", settleAt: call.now } });
      return succeeded();
    },
    GetDISyncInstanceInfo(call) {
      const p = call.params;
      const project = projectOf(p);
      const type = taskTypeOf(p);
      if (type === "DI_SOLUTION") return failed(SOLUTION_NOT_EMULATED);
      const file = fileOf(project, p.FileId, type);
      if (file === undefined) return unknownFile(p.FileId);
      return { Success: true, Data: { Status: instanceStatus(file, call.now), Name: file.name } };
    },

    // ---- DataStudio files ----
    ...files.handlers,
  };

  /**
   * ClientToken (docs/vendors/dataworks.md#clienttoken): the same token with the same project and action answers what the
   * first call answered (in-band failures included) without acting again; with other parameters
   * it is refused [inferred]. A call that failed with an error left nothing behind (the store rolls
   * back), so its token stays free for the retry.
   */
  function idempotent(action: DataWorksAction, call: RpcCall<Record<string, unknown>>, run: () => Record<string, unknown>): Record<string, unknown> {
    const token = call.params.ClientToken;
    if (typeof token !== "string" || token === "" || !IDEMPOTENT_ACTIONS.includes(action)) return run();
    if (token.length > MAX_CLIENT_TOKEN) throw dataworksErrors.diParameter(`ClientToken must be at most ${MAX_CLIENT_TOKEN} characters, got ${token.length}.`);
    const project = projectOf(call.params as { ProjectId: number });
    const { ClientToken: _token, ...rest } = call.params;
    const fingerprint = JSON.stringify(sortKeysDeep(rest));
    const seen = records.token(project.id, action, token);
    if (seen !== undefined) {
      if (seen.fingerprint !== fingerprint) throw dataworksErrors.idempotentMismatch(action, project.id);
      return seen.answer;
    }
    const answer = run();
    records.putToken(project.id, action, token, { fingerprint, answer });
    return answer;
  }

  return {
    product: dataworks,
    // Deployments settle on the clock; their effects on files are applied before anything reads
    // them, and kept even when the call that follows fails (the router runs this on its own).
    advance: (now) => settleDeployments(records, inventory.alibaba.dataworksProjects, now),
    handle(call) {
      const action = call.action as DataWorksAction;
      const handler = handlers[action] as (c: RpcCall<unknown>) => Record<string, unknown>;
      return idempotent(action, call, () => handler(call));
    },
  };
}
