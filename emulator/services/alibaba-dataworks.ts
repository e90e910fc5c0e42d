/**
 * DataWorks Data Integration (dataworks-public 2020-05-18): DI sync tasks kept as DataStudio files
 * in an inventory project, the asynchronous Generate → Query flow of realtime tasks, realtime
 * instances, and the file APIs through which a batch task is read and deleted. Parameters arrive
 * decoded and validated against the action table; this module adds what only the service knows:
 * the TaskType matrix (API notes §3.1), the script rules (§3.3), existence, names, ClientToken
 * idempotency (§1.6) and status computed from the clock.
 *
 * Answers follow the two families of the product: DI actions fail **in band** (HTTP 200,
 * `Success: true`, `Data.Status: "fail"`, the reason in `Data.Message`) for business failures and
 * with `Invalid.DI.Parameter*` for malformed input; file APIs fail with an HTTP error whose body also
 * carries `Success`, `ErrorCode`, `ErrorMessage` and `HttpStatusCode`.
 */
import { createHash } from "node:crypto";
import type { z } from "zod";
import { dataworks, DI_FAIL, DI_PROCESSING, DI_SUCCESS, IDEMPOTENT_ACTIONS, type DataWorksAction, type TaskType } from "../../provider/apis/alibaba-dataworks";
import { dataworksErrors } from "../errors/alibaba";
import type { DataWorksProject, Inventory } from "../inventory";
import { isSettled, settleAt } from "../lifecycle";
import type { DecodedParams } from "../routers/alibaba-params";
import type { RpcCall, RpcService } from "../routers/alibaba-rpc";
import { sortKeysDeep, type Store } from "../store";
import { DataWorksRecords, type FileRecord, type ProcessOutcome, type StoredTaskType } from "./alibaba-dataworks-records";
import {
  folderPathProblem,
  generateForCreating,
  generateForUpdating,
  parseObject,
  resourceGroupProblem,
  scriptResourceGroup,
  taskContentProblem,
  taskParamOf,
  type TaskParam,
} from "./alibaba-dataworks-rules";

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

/** [inferred] The account id the emulator reports as owner, creator and editor of everything. */
const ACCOUNT_ID = "1000000000000000";
/** [inferred] DataStudio node types: 23 batch (offline) sync, 900 realtime sync. */
const FILE_TYPES: Record<StoredTaskType, number> = { DI_OFFLINE: 23, DI_REALTIME: 900 };
/** ClientToken length the cloud accepts (terraform cuts its tokens to this). */
const MAX_CLIENT_TOKEN = 64;

/** Which TaskTypes each DI action accepts (API notes §3.1), and where the refused ones go instead. */
const MATRIX: Partial<Record<DataWorksAction, { readonly types: readonly TaskType[]; readonly instead: string }>> = {
  // A realtime task is updated with the TaskContent of a GenerateDISyncTaskConfigForUpdating run
  // for that task (API notes §3.1: "use GenerateDISyncTaskConfigForUpdating + Update").
  UpdateDISyncTask: { types: ["DI_OFFLINE", "DI_REALTIME"], instead: "a DI_SOLUTION task is not updated with UpdateDISyncTask" },
  GetDISyncTask: { types: ["DI_REALTIME", "DI_SOLUTION"], instead: "read a DI_OFFLINE task with GetFile" },
  DeleteDISyncTask: { types: ["DI_REALTIME"], instead: "delete a DI_OFFLINE task with DeleteFile; only DI_REALTIME tasks are deleted here" },
  DeployDISyncTask: { types: ["DI_REALTIME", "DI_SOLUTION"], instead: "deploy a DI_OFFLINE task with SubmitFile and DeployFile" },
  GenerateDISyncTaskConfigForCreating: { types: ["DI_REALTIME", "DI_SOLUTION"], instead: "create a DI_OFFLINE task with CreateDISyncTask directly" },
  GenerateDISyncTaskConfigForUpdating: { types: ["DI_REALTIME", "DI_SOLUTION"], instead: "update a DI_OFFLINE task with UpdateDISyncTask directly" },
  StartDISyncInstance: { types: ["DI_REALTIME", "DI_SOLUTION"], instead: "a DI_OFFLINE task runs on its schedule once deployed" },
  StopDISyncInstance: { types: ["DI_REALTIME"], instead: "only DI_REALTIME instances are stopped" },
  TerminateDISyncInstance: { types: ["DI_REALTIME"], instead: "only DI_REALTIME instances are terminated" },
  GetDISyncInstanceInfo: { types: ["DI_REALTIME", "DI_SOLUTION"], instead: "a DI_OFFLINE task has no DI instance" },
};

// ---- answers ----

const succeeded = <T extends Record<string, unknown>>(data: T = {} as T) => ({ Success: true, Data: { Status: DI_SUCCESS, ...data } });
/** An in-band failure: the call "succeeded", the task did not. */
const failed = (message: string) => ({ Success: true, Data: { Status: DI_FAIL, Message: message } });
const unknownFile = (fileId: number) => failed(`fileId:[${fileId}] is invalid.`);
/** [emulator] Solutions have their own script language, which the emulator does not implement. */
const SOLUTION_NOT_EMULATED = "[emulator] DI_SOLUTION tasks are not emulated; use DI_REALTIME or DI_OFFLINE.";
/** File APIs answer their own status fields on success too. */
const fileOk = { Success: true, HttpStatusCode: 200 } as const;

function taskTypeOf(p: { TaskType: string }): TaskType {
  // The table's enum check is case-insensitive; the service knows the types in upper case.
  return p.TaskType.toUpperCase() as TaskType;
}

/** The refusal of a TaskType the action does not take, or undefined. */
function matrixRefusal(action: DataWorksAction, type: TaskType): string | undefined {
  const row = MATRIX[action];
  return row === undefined || row.types.includes(type) ? undefined : `TaskType:[${type}] is not supported by ${action}; ${row.instead}.`;
}

function instanceStatus(file: FileRecord, now: number): "NORUN" | "WAIT" | "RUN" | "PAUSE" {
  const { state, settleAt: at } = file.instance;
  if (state === "RUN") return isSettled(at, now) ? "RUN" : "WAIT";
  return state;
}

const isRunning = (file: FileRecord, now: number) => {
  const s = instanceStatus(file, now);
  return s === "RUN" || s === "WAIT";
};

/** [inferred] A stable folder id per project and path (the cloud's are opaque strings such as `2735c2****`). */
function folderIdOf(projectId: number, folderPath: string): string {
  return createHash("sha1").update(`${projectId}:${folderPath}`).digest("hex").slice(0, 10);
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

  /** A DI action's project: an inventory project, in RegionId's region when one is given. */
  function projectOf(p: { ProjectId: number; RegionId?: string }): DataWorksProject {
    const region = p.RegionId === "" ? undefined : p.RegionId;
    const project = inventory.alibaba.dataworksProjects.find((x) => x.id === p.ProjectId);
    if (project === undefined || (region !== undefined && region !== project.region)) throw dataworksErrors.noPrivilege(p.ProjectId, region);
    return project;
  }

  /** A file API's project, named by ProjectId or ProjectIdentifier (both must agree when both are given). */
  function fileProjectOf(p: { ProjectId?: number; ProjectIdentifier?: string; RegionId?: string }): DataWorksProject {
    const identifier = p.ProjectIdentifier === "" ? undefined : p.ProjectIdentifier;
    if (p.ProjectId === undefined && identifier === undefined) throw dataworksErrors.fileParameter("give ProjectId or ProjectIdentifier.");
    const region = p.RegionId === "" ? undefined : p.RegionId;
    const project = inventory.alibaba.dataworksProjects.find(
      (x) => (p.ProjectId === undefined || x.id === p.ProjectId) && (identifier === undefined || x.name === identifier),
    );
    if (project === undefined || (region !== undefined && region !== project.region)) {
      throw dataworksErrors.projectNotFound([p.ProjectId, identifier].filter((x) => x !== undefined).join(" / "));
    }
    return project;
  }

  /** The task a DI action names, if it exists as a task of that type. */
  function fileOf(project: DataWorksProject, fileId: number, type: TaskType): FileRecord | undefined {
    const file = records.files.get(project.id, fileId);
    return file?.taskType === type ? file : undefined;
  }

  function describeFile(file: FileRecord) {
    return {
      FileId: file.fileId,
      FileName: file.name,
      FileType: FILE_TYPES[file.taskType],
      FileFolderId: folderIdOf(file.projectId, file.folderPath),
      Content: file.content,
      CommitStatus: file.committed ? 1 : 0,
      DeletedStatus: "NORMAL",
      CurrentVersion: file.version,
      ...(file.nodeId !== undefined && { NodeId: file.nodeId }),
      Owner: ACCOUNT_ID,
      CreateUser: ACCOUNT_ID,
      CreateTime: file.createTime,
      LastEditUser: ACCOUNT_ID,
      LastEditTime: file.modifyTime,
      UseType: "NORMAL",
      AutoParsing: false,
    };
  }

  /** Starts an asynchronous config process; its verdict is fixed now and shown once it settles. */
  function startProcess(
    call: RpcCall<unknown>,
    project: DataWorksProject,
    type: StoredTaskType,
    kind: "creating" | "updating",
    outcome: (processId: number) => ProcessOutcome,
    taskId?: number,
  ) {
    const processId = records.nextProcessId();
    records.processes.put(project.id, {
      projectId: project.id,
      processId,
      taskType: type,
      kind,
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
      const name = p.TaskName ?? "";
      if (name.trim() === "") throw dataworksErrors.diParameter("TaskName is required.");
      if (p.TaskParam === undefined || p.TaskParam === "") {
        throw dataworksErrors.diParameter(
          'TaskParam is required, e.g. {"FileFolderPath":"workflow/<business flow>/data integration","ResourceGroup":"<resource group>"}.',
        );
      }
      const param = taskParamOrReject(p.TaskParam);
      const content = parseOrReject(p.TaskContent, "TaskContent");
      const problem = taskContentProblem(content, type, project);
      if (problem !== undefined) throw dataworksErrors.diParameter(problem);
      // Then what the service judges in band.
      const folderProblem = folderPathProblem(param.FileFolderPath);
      if (folderProblem !== undefined) return failed(folderProblem);
      const group = param.ResourceGroup ?? (type === "DI_REALTIME" ? scriptResourceGroup(content) : undefined);
      const groupProblem = resourceGroupProblem(group, project);
      if (groupProblem !== undefined || group === undefined) return failed(groupProblem ?? `ResourceGroup:[] is invalid.`);
      const clash = records.files.all(project.id).find((f) => f.name === name);
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
        committed: false,
        deployed: false,
        instance: { state: "NORUN", settleAt: call.now },
      });
      return succeeded({ FileId: fileId });
    },
    UpdateDISyncTask(call) {
      const p = call.params;
      const project = projectOf(p);
      const type = taskTypeOf(p);
      const refusal = matrixRefusal("UpdateDISyncTask", type);
      if (refusal !== undefined) return failed(refusal);
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
        records.files.put(project.id, {
          ...file,
          content: newContent ?? file.content,
          resourceGroup: param.ResourceGroup ?? file.resourceGroup,
          ...(param.Cu !== undefined && { cu: param.Cu }),
          modifyTime: call.now,
          version: newContent !== undefined && newContent !== file.content ? file.version + 1 : file.version,
          // An edited file's latest version is not committed until it is submitted again.
          committed: false,
        });
      }
      return succeeded();
    },
    GetDISyncTask(call) {
      const p = call.params;
      const project = projectOf(p);
      const type = taskTypeOf(p);
      const refusal = matrixRefusal("GetDISyncTask", type);
      if (refusal !== undefined) return failed(refusal);
      if (type === "DI_SOLUTION") return failed(SOLUTION_NOT_EMULATED);
      const file = fileOf(project, p.FileId, type);
      if (file === undefined) return unknownFile(p.FileId);
      return succeeded({ Code: file.content, AlarmList: [] });
    },
    DeleteDISyncTask(call) {
      const p = call.params;
      const project = projectOf(p);
      const type = taskTypeOf(p);
      const refusal = matrixRefusal("DeleteDISyncTask", type);
      if (refusal !== undefined) return failed(refusal);
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
      const refusal = matrixRefusal("DeployDISyncTask", type);
      if (refusal !== undefined) return failed(refusal);
      if (type === "DI_SOLUTION") return failed(SOLUTION_NOT_EMULATED);
      const file = fileOf(project, p.FileId, type);
      if (file === undefined) return unknownFile(p.FileId);
      records.files.put(project.id, { ...file, committed: true, deployed: true, nodeId: file.nodeId ?? records.nodeIdFor(file.fileId) });
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
      const refusal = matrixRefusal("StartDISyncInstance", type);
      if (refusal !== undefined) return failed(refusal);
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
      const refusal = matrixRefusal("StopDISyncInstance", type);
      if (refusal !== undefined) return failed(refusal);
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
      const refusal = matrixRefusal("TerminateDISyncInstance", type);
      if (refusal !== undefined) return failed(refusal);
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
      const refusal = matrixRefusal("GetDISyncInstanceInfo", type);
      if (refusal !== undefined) return failed(refusal);
      if (type === "DI_SOLUTION") return failed(SOLUTION_NOT_EMULATED);
      const file = fileOf(project, p.FileId, type);
      if (file === undefined) return unknownFile(p.FileId);
      return { Success: true, Data: { Status: instanceStatus(file, call.now), Name: file.name } };
    },

    // ---- DataStudio files ----
    GetFile(call) {
      const p = call.params;
      const project = fileProjectOf(p);
      let file: FileRecord | undefined;
      if (p.FileId !== undefined) {
        file = records.files.get(project.id, p.FileId);
        if (file === undefined) throw dataworksErrors.fileNotFound(p.FileId);
      } else if (p.NodeId !== undefined) {
        file = records.fileByNode(project.id, p.NodeId);
        if (file === undefined) throw dataworksErrors.nodeNotFound(p.NodeId);
      } else {
        throw dataworksErrors.fileParameter("give FileId or NodeId.");
      }
      return {
        ...fileOk,
        Data: {
          File: describeFile(file),
          // [inferred] Scheduling placeholders: the emulator does not schedule batch tasks.
          NodeConfiguration: { CycleType: "DAY", CronExpress: "00 00 00 * * ?", RerunMode: "ALL_ALLOWED", SchedulerType: "NORMAL", Stop: false },
        },
      };
    },
    DeleteFile(call) {
      const p = call.params;
      const project = fileProjectOf(p);
      const file = records.files.get(project.id, p.FileId);
      if (file === undefined) throw dataworksErrors.fileNotFound(p.FileId);
      records.files.delete(project.id, file.fileId);
      // A committed file is also removed from scheduling, asynchronously: poll GetDeployment.
      if (!file.committed && file.nodeId === undefined) return { ...fileOk };
      const deploymentId = records.nextDeploymentId();
      records.deployments.put(project.id, {
        projectId: project.id,
        deploymentId,
        fileId: file.fileId,
        fileName: file.name,
        fileVersion: file.version,
        createTime: call.now,
        settleAt: settleAt(call.now, opts.settleMs, call.stuck),
      });
      return { ...fileOk, DeploymentId: deploymentId };
    },
    GetDeployment(call) {
      const p = call.params;
      const project = fileProjectOf(p);
      const d = records.deployments.get(project.id, p.DeploymentId);
      if (d === undefined) throw dataworksErrors.deploymentNotFound(p.DeploymentId);
      const done = isSettled(d.settleAt, call.now);
      const day = new Date(d.createTime).toISOString().slice(0, 10);
      return {
        ...fileOk,
        Data: {
          Deployment: {
            Name: `${d.fileName}-${day}_${ACCOUNT_ID}`,
            Status: done ? 1 : 0,
            CreateTime: d.createTime,
            ...(done && d.settleAt !== null && { ExecuteTime: d.settleAt }),
            CreatorId: ACCOUNT_ID,
            HandlerId: ACCOUNT_ID,
            FromEnvironment: 1,
            ToEnvironment: 2,
          },
          DeployedItems: [{ FileId: d.fileId, FileVersion: d.fileVersion, Status: done ? 1 : 0 }],
        },
      };
    },
  };

  /**
   * ClientToken (API notes §1.6): the same token with the same project and action answers what the
   * first call answered (in-band failures included) without acting again; with other parameters
   * it is refused [inferred]. A call that failed with an error left nothing behind (the store rolls
   * back), so its token stays free for the retry.
   */
  function idempotent(action: DataWorksAction, call: RpcCall<Record<string, unknown>>, run: () => Record<string, unknown>): Record<string, unknown> {
    const token = call.params.ClientToken;
    if (typeof token !== "string" || token === "" || !IDEMPOTENT_ACTIONS.includes(action)) return run();
    if (token.length > MAX_CLIENT_TOKEN) throw dataworksErrors.diParameter(`ClientToken must be at most ${MAX_CLIENT_TOKEN} characters, got ${token.length}.`);
    const project = projectOf(call.params as { ProjectId: number; RegionId?: string });
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
    handle(call) {
      const action = call.action as DataWorksAction;
      const handler = handlers[action] as (c: RpcCall<unknown>) => Record<string, unknown>;
      return idempotent(action, call, () => handler(call));
    },
  };
}
