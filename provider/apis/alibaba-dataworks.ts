/**
 * DataWorks Data Integration (dataworks-public, 2020-05-18) as one declarative table, in the RPC
 * form of the API table model (alibaba-rpc.ts, table.ts), as gpdb's: the provider's client encodes
 * requests and checks responses from it, and the emulator's router decodes and validates requests
 * from it.
 *
 * Two answer families share the product:
 * - the DI actions (`*DISync*`) answer `{Success, RequestId, Data{Status, Message, ...}}` and report
 *   business failures **in band**: HTTP 200, `Success: true`, `Data.Status: "fail"`, the reason in
 *   `Data.Message` (e.g. `fileId:[100] is invalid.`). A client must check `Data.Status`
 *   (`diFailure()` below), not only the HTTP status. Malformed input is a gateway-style error
 *   (`Invalid.DI.Parameter`, HTTP 400);
 * - the DataStudio file actions (GetFile, SubmitFile, DeployFile, DeleteFile, GetDeployment) carry
 *   `Success`, `ErrorCode`, `ErrorMessage` and `HttpStatusCode` in the body, and fail with an HTTP
 *   error status.
 *
 * No DataWorks request model has `RegionId` (dataworks-public-20200518 SDK): the endpoint carries
 * the region, so the table has none. Where each parameter travels is the SDK's: the DI actions in
 * the query but CreateDISyncTask's TaskContent, the file actions all in the form body.
 * Reference: the SDK models (test/conformance/facts/dataworks.json) and the seed pages for
 * GenerateDISyncTaskConfigForCreating and CreateDISyncTask.
 */
import { z } from "zod";
import type { RpcParamSpec, RpcProduct } from "./alibaba-rpc";

/** The three types of DI task; which action accepts which is the matrix in docs/vendors/dataworks.md#tasktype-matrix. */
export const TASK_TYPES = ["DI_OFFLINE", "DI_REALTIME", "DI_SOLUTION"] as const;
export type TaskType = (typeof TASK_TYPES)[number];

/** `setting.taskType` of a realtime TaskParam: where a one-click MySQL sync writes. */
export const ONECLICK_TASK_TYPES = ["oneclick_to_odps", "oneclick_to_kafka", "oneclick_to_holo"] as const;

/** `Data.Status` of a DI answer that did what was asked. */
export const DI_SUCCESS = "success";
/** `Data.Status` of an in-band failure (HTTP 200, `Success: true`, reason in `Data.Message`). */
export const DI_FAIL = "fail";
/**
 * [inferred] `Data.Status` of QueryDISyncTaskConfigProcessResult while the process still runs: the
 * vendor documents only `success` and `fail`, so the emulator answers this value until it settles.
 */
export const DI_PROCESSING = "processing";

/** GetDISyncInstanceInfo `Data.Status` of a realtime task (docs/vendors/dataworks.md#realtime-status). */
export const REALTIME_INSTANCE_STATUSES = ["PAUSE", "NORUN", "RUN", "KILLING", "WAIT"] as const;

// ---- DataStudio files and their deployments (GetFile, SubmitFile, DeployFile, GetDeployment) ----
/** GetFile `CommitStatus`: whether the file's latest version is committed (SDK model comment). */
export const COMMIT_STATUS = { UNCOMMITTED: 0, COMMITTED: 1 } as const;
/** GetDeployment `Deployment.Status` (SDK model comment: 0 ready, 1 success, 2 failed). */
export const DEPLOYMENT_STATUS = { READY: 0, SUCCESS: 1, FAILED: 2 } as const;
/**
 * GetDeployment `Deployment.CheckingStatus` (SDK model comment): a commit (ToEnvironment 1) may be
 * deployed only once Status is 1 and CheckingStatus is empty; 7 failed the pre-deploy check, 8 is
 * being checked.
 */
export const CHECKING_STATUS = { FAILED: 7, CHECKING: 8 } as const;
/** GetDeployment `FromEnvironment` / `ToEnvironment` (SDK model comment): 0 local (DataStudio), 1 development, 2 production. */
export const ENVIRONMENT = { LOCAL: 0, DEVELOPMENT: 1, PRODUCTION: 2 } as const;
/** GetDeployment `DeployedItems[].Status` (SDK model comment): 0 unpublished, 1 success, 2 error, 4 deploy error, 6 rejected, … */
export const DEPLOYED_ITEM_STATUS = { UNPUBLISHED: 0, SUCCESS: 1, ERROR: 2 } as const;

// ---- error codes ----
/** [seed] Malformed input to a DI action (TaskContent, TaskParam). HTTP 400 [inferred]. */
export const DI_PARAMETER_INVALID = "Invalid.DI.Parameter";
/** [seed] A task with that name already exists. HTTP 400 [inferred]. */
export const DI_FILE_EXISTED = "Invalid.DI.Parameter.File.Existed";
/** [seed] No access to the project (the emulator: a project not in its inventory). HTTP 403. */
export const DI_NO_PRIVILEGE = "Forbidden.DI.NoPrivilege";
/** [seed] A DI internal error. HTTP 500. */
export const DI_INTERNAL_ERROR = "InternalError.DI.Parameter";
/** [inferred] A ClientToken replayed with different parameters (the code ECS and others use). */
export const IDEMPOTENT_PARAMETER_MISMATCH = "IdempotentParameterMismatch";
/** [inferred] The file APIs' "no such file", after the family's `Invalid.Tenant.*NotExists` codes. */
export const FILE_NOT_FOUND = "Invalid.Tenant.FileNotExists";
/** Documented as an example ErrorCode of the file APIs. */
export const PROJECT_NOT_FOUND = "Invalid.Tenant.ProjectNotExists";
/** [inferred] GetDeployment of an unknown DeploymentId. */
export const DEPLOYMENT_NOT_FOUND = "Invalid.Tenant.DeploymentNotExists";
/** A DataWorks file API's malformed request (e.g. neither ProjectId nor ProjectIdentifier). */
export const FILE_PARAMETER_INVALID = "Invalid.Param";

/**
 * Every DI action takes ProjectId and a TaskType, whose values are each action's SDK model's (the
 * router refuses others before the action runs). One exception, UpdateDISyncTask, is documented
 * where it is defined.
 */
const di = <const T extends readonly TaskType[]>(types: T) =>
  ({
    ProjectId: { type: "long", required: true },
    TaskType: { type: "string", required: true, enum: types },
  }) as const satisfies Record<string, RpcParamSpec>;
const REALTIME_TYPES = ["DI_REALTIME", "DI_SOLUTION"] as const;

const fileId = { FileId: { type: "long", required: true } } as const satisfies Record<string, RpcParamSpec>;

/** The file APIs name the project by id or by name (one of the two); the SDK sends them in the form body. */
const fileProject = {
  ProjectId: { type: "long", location: "form" },
  ProjectIdentifier: { type: "string", location: "form" },
} as const satisfies Record<string, RpcParamSpec>;

const fileFormId = { FileId: { type: "long", required: true, location: "form" } } as const satisfies Record<string, RpcParamSpec>;

/** Optional, at most 64 characters; the same token, project and action give the original answer. */
const clientToken = { ClientToken: { type: "string" } } as const satisfies Record<string, RpcParamSpec>;

/** `Data` of every DI answer; Message is null or absent when there is nothing to say. */
const diData = z.object({ Status: z.string(), Message: z.string().nullish() });

function diAnswer<T extends z.ZodRawShape>(extra: T) {
  return z.object({ Success: z.boolean(), Data: diData.extend(extra) });
}

const diPlain = diAnswer({});

/** Body fields of the file APIs besides their payload. */
const fileApi = {
  Success: z.boolean(),
  HttpStatusCode: z.number().optional(),
  ErrorCode: z.string().nullish(),
  ErrorMessage: z.string().nullish(),
};

const alarm = z.object({
  Id: z.number().optional(),
  RuleName: z.string().optional(),
  Description: z.string().optional(),
  Enabled: z.boolean().optional(),
  Metric: z.string().optional(),
  AlarmRuleList: z
    .array(z.object({ Aggregator: z.string(), Comparator: z.string(), Duration: z.number(), Level: z.string(), Threshold: z.number() }).partial())
    .optional(),
  NotifyRule: z
    .object({ Critical: z.array(z.string()), Warning: z.array(z.string()), Interval: z.number() })
    .partial()
    .optional(),
});

const solutionDetail = z
  .object({
    Id: z.number(),
    Name: z.string(),
    Type: z.string(),
    SourceType: z.string(),
    ProcessContent: z.string(),
    ProcessExtra: z.string(),
    ProjectId: z.number(),
    CreatorName: z.string(),
    StartTime: z.string(),
    SubmitTime: z.string(),
    Status: z.string(),
  })
  .partial();

/** GetFile `Data.File`: times are epoch-ms numbers, `FileFolderId` a string, `FileId` a number. */
export const dataWorksFile = z.object({
  FileId: z.number(),
  FileName: z.string(),
  FileType: z.number(),
  FileFolderId: z.string().optional(),
  FileDescription: z.string().optional(),
  Content: z.string().optional(),
  CommitStatus: z.number(),
  DeletedStatus: z.string().optional(),
  CurrentVersion: z.number().optional(),
  NodeId: z.number().optional(),
  Owner: z.string().optional(),
  CreateUser: z.string().optional(),
  CreateTime: z.number().optional(),
  LastEditUser: z.string().optional(),
  LastEditTime: z.number().optional(),
  UseType: z.string().optional(),
  ConnectionName: z.string().optional(),
  BusinessId: z.number().optional(),
  AutoParsing: z.boolean().optional(),
});
export type DataWorksFile = z.infer<typeof dataWorksFile>;

const nodeConfiguration = z
  .object({
    CycleType: z.string(),
    CronExpress: z.string(),
    RerunMode: z.string(),
    SchedulerType: z.string(),
    ResourceGroupId: z.number(),
    Stop: z.boolean(),
  })
  .partial();

export const createDISyncTaskResponse = diAnswer({ FileId: z.number().nullish() });
export const getDISyncTaskResponse = diAnswer({
  /** The realtime task's JSON; null for a solution. */
  Code: z.string().nullish(),
  AlarmList: z.array(alarm).nullish(),
  SolutionDetail: solutionDetail.nullish(),
});
export const generateConfigResponse = diAnswer({ ProcessId: z.number().nullish() });
export const queryProcessResultResponse = diAnswer({ TaskContent: z.string().nullish() });
export const instanceInfoResponse = diAnswer({
  Name: z.string().nullish(),
  SolutionInfo: z
    .object({
      Id: z.number(),
      CreatorName: z.string(),
      Status: z.string(),
      StepDetail: z.array(z.object({ StepId: z.number(), StepName: z.string(), Status: z.string(), Info: z.string() }).partial()),
    })
    .partial()
    .nullish(),
});
export const getFileResponse = z.object({
  ...fileApi,
  Data: z.object({ File: dataWorksFile, NodeConfiguration: nodeConfiguration.optional() }),
});
/** SubmitFile and DeployFile answer the deployment's id as `Data` (a long) for GetDeployment. */
export const fileDeploymentResponse = z.object({ ...fileApi, Data: z.number() });
/** DeleteFile answers with `DeploymentId` at the top level (no `Data`); absent when no deployment is needed. */
export const deleteFileResponse = z.object({ ...fileApi, DeploymentId: z.number().nullish() });
export const getDeploymentResponse = z.object({
  ...fileApi,
  Data: z.object({
    Deployment: z
      .object({
        Name: z.string(),
        /** DEPLOYMENT_STATUS: 0 ready, 1 succeeded, 2 failed. */
        Status: z.number(),
        CreateTime: z.number(),
        ExecuteTime: z.number(),
        CreatorId: z.string(),
        HandlerId: z.string(),
        FromEnvironment: z.number(),
        ToEnvironment: z.number(),
        /** Why the deployment failed (Status 2). */
        ErrorMessage: z.string().nullish(),
        /** CHECKING_STATUS, or absent once the pre-deploy check passed. */
        CheckingStatus: z.number().nullish(),
      })
      .partial()
      .extend({ Status: z.number() }),
    DeployedItems: z.array(z.object({ FileId: z.number(), FileVersion: z.number(), Status: z.number() }).partial()).optional(),
  }),
});

/**
 * ListFiles `Data`: one page of the workspace's DataStudio files. The provider asks for one exact
 * name (a task's name is unique in its workspace), so one page holds the answer.
 */
export const listFilesResponse = z.object({
  ...fileApi,
  Data: z.object({
    PageNumber: z.number(),
    PageSize: z.number(),
    TotalCount: z.number(),
    Files: z.array(
      dataWorksFile.partial().extend({ FileId: z.number(), FileName: z.string(), FileType: z.number(), AbsoluteFolderPath: z.string().optional() }),
    ),
  }),
});
export type ListFilesResponse = z.infer<typeof listFilesResponse>;

export type DIAnswer = z.infer<typeof diPlain>;
export type CreateDISyncTaskResponse = z.infer<typeof createDISyncTaskResponse>;
export type GetDISyncTaskResponse = z.infer<typeof getDISyncTaskResponse>;
export type GenerateConfigResponse = z.infer<typeof generateConfigResponse>;
export type QueryProcessResultResponse = z.infer<typeof queryProcessResultResponse>;
export type InstanceInfoResponse = z.infer<typeof instanceInfoResponse>;
export type GetFileResponse = z.infer<typeof getFileResponse>;
export type DeleteFileResponse = z.infer<typeof deleteFileResponse>;
export type GetDeploymentResponse = z.infer<typeof getDeploymentResponse>;
export type FileDeploymentResponse = z.infer<typeof fileDeploymentResponse>;

export const dataworks = {
  product: "dataworks-public",
  version: "2020-05-18",
  // Terraform hard-codes the regional form; some regions also answer on the central host.
  endpointHost: (region: string) => (region === "" ? "dataworks.aliyuncs.com" : `dataworks.${region}.aliyuncs.com`),
  actions: {
    // ---- DI tasks ----
    CreateDISyncTask: {
      params: {
        ...di(TASK_TYPES),
        /** The only DI parameter the SDK sends in the form body (scripts outgrow a URL). */
        TaskContent: { type: "string", required: true, location: "form" },
        /** JSON: `{FileFolderPath, ResourceGroup, Cu}`. */
        TaskParam: { type: "string" },
        TaskName: { type: "string" },
        ...clientToken,
      },
      response: createDISyncTaskResponse,
      notFoundCodes: [],
      mutating: true,
    },
    UpdateDISyncTask: {
      params: {
        /**
         * The SDK model lists DI_OFFLINE only ("only batch tasks"), while the SDK's
         * GenerateDISyncTaskConfigForUpdating and QueryDISyncTaskConfigProcessResult texts say their
         * result is passed to UpdateDISyncTask to update a realtime task (facts, uncertain point 7).
         * The provider follows the second for DI_REALTIME; see alicloud-di-sync-task.ts.
         */
        ...di(["DI_OFFLINE", "DI_REALTIME"]),
        ...fileId,
        /** Empty or absent: unchanged. */
        TaskContent: { type: "string" },
        /** JSON: `{ResourceGroup, Cu}`. */
        TaskParam: { type: "string" },
      },
      response: diPlain,
      notFoundCodes: [],
      mutating: true,
    },
    GetDISyncTask: {
      params: { ...di(REALTIME_TYPES), ...fileId },
      response: getDISyncTaskResponse,
      notFoundCodes: [],
      mutating: false,
    },
    DeleteDISyncTask: {
      params: { ...di(["DI_REALTIME"]), ...fileId },
      response: diPlain,
      notFoundCodes: [],
      mutating: true,
    },
    DeployDISyncTask: {
      params: { ...di(REALTIME_TYPES), ...fileId },
      response: diPlain,
      notFoundCodes: [],
      mutating: true,
    },

    // ---- asynchronous configuration (realtime and solution tasks) ----
    GenerateDISyncTaskConfigForCreating: {
      params: { ...di(TASK_TYPES), TaskParam: { type: "string", required: true }, ...clientToken },
      response: generateConfigResponse,
      notFoundCodes: [],
      mutating: true,
    },
    GenerateDISyncTaskConfigForUpdating: {
      params: { ...di(TASK_TYPES), TaskId: { type: "long", required: true }, TaskParam: { type: "string", required: true }, ...clientToken },
      response: generateConfigResponse,
      notFoundCodes: [],
      mutating: true,
    },
    QueryDISyncTaskConfigProcessResult: {
      params: { ...di(TASK_TYPES), AsyncProcessId: { type: "long", required: true } },
      response: queryProcessResultResponse,
      notFoundCodes: [],
      mutating: false,
    },

    // ---- instances (realtime and solution tasks) ----
    StartDISyncInstance: {
      params: { ...di(REALTIME_TYPES), ...fileId, /** JSON, realtime only: failoverLimit, errorLimit, ddlMarkMap. */ StartParam: { type: "string" } },
      response: diPlain,
      notFoundCodes: [],
      mutating: true,
    },
    StopDISyncInstance: {
      params: { ...di(["DI_REALTIME"]), ...fileId },
      response: diPlain,
      notFoundCodes: [],
      mutating: true,
    },
    TerminateDISyncInstance: {
      params: { ...di(["DI_REALTIME"]), ...fileId },
      response: diPlain,
      notFoundCodes: [],
      mutating: true,
    },
    GetDISyncInstanceInfo: {
      params: { ...di(REALTIME_TYPES), ...fileId },
      response: instanceInfoResponse,
      notFoundCodes: [],
      mutating: false,
    },

    // ---- DataStudio files (how a DI_OFFLINE task is read, committed, deployed and deleted) ----
    GetFile: {
      params: { ...fileProject, FileId: { type: "long", location: "form" }, NodeId: { type: "long", location: "form" } },
      response: getFileResponse,
      notFoundCodes: [FILE_NOT_FOUND],
      mutating: false,
    },
    /** Commits the file's latest version to the development environment's scheduler; poll `Data` with GetDeployment. */
    SubmitFile: {
      params: {
        ...fileProject,
        ...fileFormId,
        Comment: { type: "string", location: "form" },
        /** true skips the workspace's pre-deploy checks; the provider never sends it (the checks are the team's). */
        SkipAllDeployFileExtensions: { type: "boolean", location: "form" },
      },
      response: fileDeploymentResponse,
      notFoundCodes: [FILE_NOT_FOUND],
      mutating: true,
    },
    /** Deploys the committed version to production (FileId or NodeId); poll `Data` with GetDeployment. */
    DeployFile: {
      params: {
        ...fileProject,
        FileId: { type: "long", location: "form" },
        NodeId: { type: "long", location: "form" },
        Comment: { type: "string", location: "form" },
      },
      response: fileDeploymentResponse,
      notFoundCodes: [FILE_NOT_FOUND],
      mutating: true,
    },
    DeleteFile: {
      params: { ...fileProject, ...fileFormId },
      response: deleteFileResponse,
      notFoundCodes: [FILE_NOT_FOUND],
      mutating: true,
    },
    /**
     * Finds a task by its name (ExactFileName) when a create cannot tell whether it took effect, or
     * is refused because the name is taken (DI_FILE_EXISTED). NeedAbsoluteFolderPath gives the
     * folder as the FileFolderPath a create took; NeedContent the script.
     */
    ListFiles: {
      params: {
        ...fileProject,
        ExactFileName: { type: "string", location: "form" },
        FileTypes: { type: "string", location: "form" },
        NeedAbsoluteFolderPath: { type: "boolean", location: "form" },
        NeedContent: { type: "boolean", location: "form" },
        PageNumber: { type: "integer", location: "form" },
        PageSize: { type: "integer", location: "form" },
      },
      response: listFilesResponse,
      notFoundCodes: [],
      mutating: false,
    },
    GetDeployment: {
      params: { ...fileProject, DeploymentId: { type: "long", required: true, location: "form" } },
      response: getDeploymentResponse,
      notFoundCodes: [DEPLOYMENT_NOT_FOUND],
      mutating: false,
    },
  },
} as const satisfies RpcProduct;

export type DataWorksAction = keyof typeof dataworks.actions;

/** The actions that take a ClientToken (docs/vendors/dataworks.md#clienttoken). */
export const IDEMPOTENT_ACTIONS: readonly DataWorksAction[] = (Object.keys(dataworks.actions) as DataWorksAction[]).filter(
  (a) => "ClientToken" in dataworks.actions[a].params,
);

/**
 * The reason of an in-band failure (`Data.Status` is `fail`), or undefined when the DI answer
 * succeeded or is still processing. GetDISyncInstanceInfo reuses `Data.Status` for the instance
 * status, so `fail` there too means the call failed.
 */
export function diFailure(body: { readonly Data?: { readonly Status?: unknown; readonly Message?: unknown } | null }): string | undefined {
  const data = body.Data;
  if (data?.Status !== DI_FAIL) return undefined;
  return typeof data.Message === "string" && data.Message !== "" ? data.Message : "the DI action failed without a message";
}

/** True for the in-band "no such task" message (`fileId:[N] is invalid.`), the DI actions' not-found. */
export function isUnknownFileMessage(message: string | undefined): boolean {
  return message !== undefined && /^fileId:\[\d+\] is invalid\.$/.test(message);
}
