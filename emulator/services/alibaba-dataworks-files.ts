/**
 * The DataStudio file handlers of DataWorks (dataworks-public 2020-05-18), an area of the DataWorks
 * service: GetFile, ListFiles, SubmitFile, DeployFile, DeleteFile and GetDeployment, over file
 * versions, CommitStatus and deployment packages. How a settled deployment changes its file is
 * alibaba-dataworks-status.ts.
 *
 * The vendor's reading this follows (test/conformance/facts/dataworks.json and the reference pages
 * named there):
 * - SubmitFile commits the file to the development environment's scheduler and answers a
 *   deployment id; the commit is asynchronous (GetDeployment). DeployFile deploys to production,
 *   likewise. A commit may be deployed once its deployment is Status 1 with no CheckingStatus.
 * - DeleteFile of a committed file starts an asynchronous deletion in the scheduling system and
 *   answers its DeploymentId; without one the file is gone. In a standard-mode workspace a deletion
 *   reaches production only when it is deployed ("Undeploy nodes" guide), so the emulator's
 *   deletion goes to development (ToEnvironment 1) and a DeployFile of the deleted file then
 *   removes it from production.
 * Everything else here is [inferred]: the refusals' codes and words, that DeployFile deploys the
 * committed version, and that a deleted file is found by DeployFile only.
 */
import { createHash } from "node:crypto";
import type { z } from "zod";
import { ENVIRONMENT, COMMIT_STATUS, DEPLOYMENT_STATUS, type dataworks } from "../../provider/apis/alibaba-dataworks";
import { AlibabaError, dataworksErrors } from "../errors/alibaba";
import type { DataWorksProject, Inventory } from "../inventory";
import { isSettled, settleAt } from "../lifecycle";
import type { DecodedParams } from "../routers/alibaba-params";
import type { RpcCall } from "../routers/alibaba-rpc";
import {
  committedVersionOf,
  effectOf,
  type DataWorksRecords,
  type DeploymentEffect,
  type DeploymentRecord,
  type FileRecord,
  type StoredTaskType,
} from "./alibaba-dataworks-records";
import { deployedItemStatus, deploymentStatus } from "./alibaba-dataworks-status";
import { environmentProblem } from "./alibaba-dataworks-validation";

type Actions = (typeof dataworks)["actions"];
export type FileAction = "GetFile" | "ListFiles" | "SubmitFile" | "DeployFile" | "DeleteFile" | "GetDeployment";
type Handler<A extends FileAction> = (call: RpcCall<DecodedParams<Actions[A]["params"]>>) => z.input<Actions[A]["response"]>;
export type FileHandlers = { [A in FileAction]: Handler<A> };

/** [inferred] The account id the emulator reports as owner, creator and editor of everything. */
export const ACCOUNT_ID = "1000000000000000";
/** DataStudio node codes ("DataWorks nodes" reference page): 23 batch synchronization, 900 real-time synchronization. */
const FILE_TYPES: Record<StoredTaskType, number> = { DI_OFFLINE: 23, DI_REALTIME: 900 };
/** File APIs answer their own status fields on success too. */
const fileOk = { Success: true, HttpStatusCode: 200 } as const;

/** Where each deployment effect goes (GetDeployment FromEnvironment → ToEnvironment). */
const ROUTE: Record<DeploymentEffect, { from: number; to: number }> = {
  commit: { from: ENVIRONMENT.LOCAL, to: ENVIRONMENT.DEVELOPMENT },
  deploy: { from: ENVIRONMENT.DEVELOPMENT, to: ENVIRONMENT.PRODUCTION },
  delete: { from: ENVIRONMENT.LOCAL, to: ENVIRONMENT.DEVELOPMENT },
  undeploy: { from: ENVIRONMENT.DEVELOPMENT, to: ENVIRONMENT.PRODUCTION },
};

/** A file-API refusal in the file APIs' body form. [inferred] code and words. */
const refused = (message: string) =>
  new AlibabaError(400, "Invalid.Param", `The request parameter is invalid: ${message}`, {
    Success: false,
    ErrorCode: "Invalid.Param",
    ErrorMessage: `The request parameter is invalid: ${message}`,
    HttpStatusCode: 400,
  });

/** A stable folder id per project and path [inferred] (the cloud's are opaque strings such as `2735c2****`). */
function folderIdOf(projectId: number, folderPath: string): string {
  return createHash("sha1").update(`${projectId}:${folderPath}`).digest("hex").slice(0, 10);
}

export interface FileServiceOptions {
  readonly records: DataWorksRecords;
  readonly inventory: Inventory;
  readonly settleMs: number;
}

export function createFileHandlers(opts: FileServiceOptions): {
  readonly handlers: FileHandlers;
  /** A live (not deleted) file of the project. */
  readonly liveFile: (projectId: number, fileId: number) => FileRecord | undefined;
} {
  const { records, inventory } = opts;

  /** A file API's project, named by ProjectId or ProjectIdentifier (both must agree when both are given). */
  function fileProjectOf(p: { ProjectId?: number; ProjectIdentifier?: string }): DataWorksProject {
    const identifier = p.ProjectIdentifier === "" ? undefined : p.ProjectIdentifier;
    if (p.ProjectId === undefined && identifier === undefined) throw dataworksErrors.fileParameter("give ProjectId or ProjectIdentifier.");
    const project = inventory.alibaba.dataworksProjects.find(
      (x) => (p.ProjectId === undefined || x.id === p.ProjectId) && (identifier === undefined || x.name === identifier),
    );
    if (project === undefined) throw dataworksErrors.projectNotFound([p.ProjectId, identifier].filter((x) => x !== undefined).join(" / "));
    return project;
  }

  function liveFile(projectId: number, fileId: number): FileRecord | undefined {
    const file = records.files.get(projectId, fileId);
    return file === undefined || file.deletedAt !== undefined ? undefined : file;
  }

  /** The file a call names by FileId or NodeId, deleted ones included when asked. */
  function namedFile(project: DataWorksProject, p: { FileId?: number; NodeId?: number }, withDeleted: boolean): FileRecord {
    let file: FileRecord | undefined;
    if (p.FileId !== undefined) {
      file = records.files.get(project.id, p.FileId);
      if (file === undefined || (!withDeleted && file.deletedAt !== undefined)) throw dataworksErrors.fileNotFound(p.FileId);
    } else if (p.NodeId !== undefined) {
      file = records.fileByNode(project.id, p.NodeId);
      if (file === undefined || (!withDeleted && file.deletedAt !== undefined)) throw dataworksErrors.nodeNotFound(p.NodeId);
    } else {
      throw dataworksErrors.fileParameter("give FileId or NodeId.");
    }
    return file;
  }

  function pendingOf(file: FileRecord, effect: DeploymentEffect): DeploymentRecord | undefined {
    return records.deployments.all(file.projectId).find((d) => d.fileId === file.fileId && effectOf(d) === effect && d.applied !== true);
  }

  /** A deployment of `file` (of its current version unless `extra.fileVersion` names another), settling on the clock. */
  function startDeployment(
    call: RpcCall<unknown>,
    file: FileRecord,
    effect: DeploymentEffect,
    extra: { content?: string; failure?: string; fileVersion?: number } = {},
  ) {
    const deploymentId = records.nextDeploymentId();
    records.deployments.put(file.projectId, {
      projectId: file.projectId,
      deploymentId,
      fileId: file.fileId,
      fileName: file.name,
      fileVersion: extra.fileVersion ?? file.version,
      createTime: call.now,
      settleAt: settleAt(call.now, opts.settleMs, call.stuck),
      kind: effect,
      ...(extra.content !== undefined && { content: extra.content }),
      ...(extra.failure !== undefined && { failure: extra.failure }),
    });
    return deploymentId;
  }

  function describeFile(file: FileRecord) {
    return {
      FileId: file.fileId,
      FileName: file.name,
      FileType: FILE_TYPES[file.taskType],
      FileFolderId: folderIdOf(file.projectId, file.folderPath),
      Content: file.content,
      CommitStatus: committedVersionOf(file) === file.version ? COMMIT_STATUS.COMMITTED : COMMIT_STATUS.UNCOMMITTED,
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

  const handlers: FileHandlers = {
    GetFile(call) {
      const project = fileProjectOf(call.params);
      const file = namedFile(project, call.params, false);
      return {
        ...fileOk,
        Data: {
          File: describeFile(file),
          // [inferred] Scheduling placeholders: the emulator does not schedule batch tasks.
          NodeConfiguration: { CycleType: "DAY", CronExpress: "00 00 00 * * ?", RerunMode: "ALL_ALLOWED", SchedulerType: "NORMAL", Stop: false },
        },
      };
    },
    ListFiles(call) {
      const p = call.params;
      const project = fileProjectOf(p);
      const types = p.FileTypes === undefined || p.FileTypes === "" ? undefined : p.FileTypes.split(",").map((t) => Number(t.trim()));
      // PageSize: the SDK model's default 10 and maximum 100.
      const pageSize = Math.min(Math.max(p.PageSize ?? 10, 1), 100);
      const page = Math.max(p.PageNumber ?? 1, 1);
      const matching = records.files
        .all(project.id)
        .filter((f) => f.deletedAt === undefined)
        .filter((f) => p.ExactFileName === undefined || p.ExactFileName === "" || f.name === p.ExactFileName)
        .filter((f) => types === undefined || types.includes(FILE_TYPES[f.taskType]))
        .sort((a, b) => a.fileId - b.fileId);
      const files = matching.slice((page - 1) * pageSize, page * pageSize).map((f) => {
        // The SDK's ListFiles entry has no DeletedStatus (deleted files are not listed).
        const { Content, DeletedStatus: _deleted, ...rest } = describeFile(f);
        return { ...rest, ...(p.NeedContent === true && { Content }), ...(p.NeedAbsoluteFolderPath === true && { AbsoluteFolderPath: f.folderPath }) };
      });
      return { ...fileOk, Data: { PageNumber: page, PageSize: pageSize, TotalCount: matching.length, Files: files } };
    },
    SubmitFile(call) {
      const p = call.params;
      const project = fileProjectOf(p);
      const file = namedFile(project, p, false);
      const failure = environmentProblem(file.content, "development", project);
      const deploymentId = startDeployment(call, file, "commit", { content: file.content, ...(failure !== undefined && { failure }) });
      return { ...fileOk, Data: deploymentId };
    },
    DeployFile(call) {
      const p = call.params;
      const project = fileProjectOf(p);
      const file = namedFile(project, p, true);
      if (file.deletedAt !== undefined) {
        const deletion = pendingOf(file, "delete");
        if (deletion !== undefined) {
          throw refused(
            `the deletion of file ${file.fileId} (deployment ${deletion.deploymentId}) has not finished; wait for it with GetDeployment before deploying it.`,
          );
        }
        return { ...fileOk, Data: startDeployment(call, file, "undeploy") };
      }
      const committed = committedVersionOf(file);
      if (committed === undefined) {
        const commit = pendingOf(file, "commit");
        throw refused(
          commit === undefined
            ? `file ${file.fileId} has no committed version; commit it with SubmitFile first.`
            : `the commit of file ${file.fileId} (deployment ${commit.deploymentId}) has not finished; wait for it with GetDeployment before deploying.`,
        );
      }
      const content = file.committedContent ?? file.content;
      const failure = environmentProblem(content, "production", project);
      // What production gets is the committed version, not the draft.
      return { ...fileOk, Data: startDeployment(call, file, "deploy", { fileVersion: committed, ...(failure !== undefined && { failure }) }) };
    },
    DeleteFile(call) {
      const p = call.params;
      const project = fileProjectOf(p);
      const file = namedFile(project, p, false);
      // Never committed: only DataStudio had it, gone at once, nothing to poll.
      if (committedVersionOf(file) === undefined && file.nodeId === undefined) {
        records.files.delete(project.id, file.fileId);
        return { ...fileOk };
      }
      records.files.put(project.id, { ...file, deletedAt: call.now });
      return { ...fileOk, DeploymentId: startDeployment(call, file, "delete") };
    },
    GetDeployment(call) {
      const p = call.params;
      const project = fileProjectOf(p);
      const d = records.deployments.get(project.id, p.DeploymentId);
      if (d === undefined) throw dataworksErrors.deploymentNotFound(p.DeploymentId);
      const done = isSettled(d.settleAt, call.now);
      const status = deploymentStatus(d, call.now);
      const route = ROUTE[effectOf(d)];
      const day = new Date(d.createTime).toISOString().slice(0, 10);
      return {
        ...fileOk,
        Data: {
          Deployment: {
            Name: `${d.fileName}-${day}_${ACCOUNT_ID}`,
            Status: status,
            CreateTime: d.createTime,
            ...(done && d.settleAt !== null && { ExecuteTime: d.settleAt }),
            CreatorId: ACCOUNT_ID,
            HandlerId: ACCOUNT_ID,
            FromEnvironment: route.from,
            ToEnvironment: route.to,
            ...(status === DEPLOYMENT_STATUS.FAILED && { ErrorMessage: d.failure }),
          },
          DeployedItems: [
            {
              FileId: d.fileId,
              FileVersion: d.fileVersion,
              Status: deployedItemStatus(status),
            },
          ],
        },
      };
    },
  };

  return { handlers, liveFile };
}
