/**
 * How DataWorks DI objects are kept in the store: tasks as DataStudio files, asynchronous config
 * processes, file deployments, and the answers remembered per ClientToken; their shapes, how they
 * are made and how records written by earlier versions are read back. Ids are global and never
 * reused; FileIds and DeploymentIds start at the magnitudes of the vendor's examples (1000001,
 * 1000000001) so they look like the long ids the cloud hands out.
 */
import type { SettleAt } from "../lifecycle";
import type { Store } from "../store";

/** The two task types the emulator keeps (DI_SOLUTION is not emulated). */
export type StoredTaskType = "DI_OFFLINE" | "DI_REALTIME";

/**
 * A realtime task's instance: NORUN until started; RUN (WAIT until `settleAt`) after a start; PAUSE
 * after a stop. Terminate puts it back to NORUN.
 */
export interface InstanceState {
  readonly state: "NORUN" | "RUN" | "PAUSE";
  readonly settleAt: SettleAt;
}

export interface FileRecord {
  readonly projectId: number;
  readonly fileId: number;
  readonly taskType: StoredTaskType;
  readonly name: string;
  readonly folderPath: string;
  /** The TaskContent exactly as sent: the DataStudio draft, what GetFile answers. */
  content: string;
  resourceGroup: string;
  cu?: number;
  readonly createTime: number;
  modifyTime: number;
  /** CurrentVersion: 1 on create, +1 per change of the script, resource group or Cu. */
  version: number;
  /**
   * The version committed to the development environment (a SubmitFile deployment settled, or
   * DeployDISyncTask); CommitStatus is 1 while it is the latest version.
   */
  committedVersion?: number;
  /** The script as committed (what a DeployFile ships to production). */
  committedContent?: string;
  /** The version running in production (a DeployFile deployment settled, or DeployDISyncTask). */
  productionVersion?: number;
  /** Records written before committedVersion existed: true when the latest version was committed. */
  readonly committed?: boolean;
  /** A realtime task deployed and not terminated since. */
  deployed: boolean;
  /** The scheduling node, from the first commit on. */
  nodeId?: number;
  instance: InstanceState;
  /**
   * Set by DeleteFile of a committed file: gone from DataStudio (GetFile no longer finds it), kept
   * until the deletion has reached every environment the file was in.
   */
  deletedAt?: number;
}

export type ProcessOutcome = { readonly ok: true; readonly taskContent: string } | { readonly ok: false; readonly message: string };

/** What a config process generates a script for: a new task (…ForCreating) or an existing one (…ForUpdating). */
export type ProcessPurpose = "creating" | "updating";

/** A Generate…ForCreating / …ForUpdating run: its answer is fixed when it starts, shown once it settles. */
export interface ProcessRecord {
  readonly projectId: number;
  readonly processId: number;
  readonly taskType: StoredTaskType;
  /** Its purpose (stored under `kind`, the key state files have always had). */
  readonly kind: ProcessPurpose;
  /** The task being updated (…ForUpdating). */
  readonly taskId?: number;
  readonly createTime: number;
  readonly settleAt: SettleAt;
  readonly outcome: ProcessOutcome;
}

/**
 * What a deployment package does once it settles (GetDeployment FromEnvironment → ToEnvironment):
 * `commit` (SubmitFile, 0 → 1) commits the file's version to development, `deploy` (DeployFile,
 * 1 → 2) ships the committed version to production, `delete` (DeleteFile of a committed file,
 * 0 → 1) removes it from development, `undeploy` (DeployFile of a deleted file, 1 → 2) removes it
 * from production.
 */
export type DeploymentEffect = "commit" | "deploy" | "delete" | "undeploy";

/** A deployment package: its verdict is fixed when it is asked for and shown once it settles. */
export interface DeploymentRecord {
  readonly projectId: number;
  readonly deploymentId: number;
  readonly fileId: number;
  readonly fileName: string;
  readonly fileVersion: number;
  readonly createTime: number;
  readonly settleAt: SettleAt;
  /** Its effect (stored under `kind`; absent on records written before effects existed: read it with effectOf). */
  readonly kind?: DeploymentEffect;
  /** The script a commit takes (the file's content when SubmitFile was called). */
  readonly content?: string;
  /** Why it fails (Status 2 and ErrorMessage once settled); absent when it succeeds. */
  readonly failure?: string;
  /** Its effect on the file has been applied (once, the first time a call sees it settled). */
  applied?: boolean;
}

/** What a ClientToken call answered, and a fingerprint of the parameters it was made with. */
export interface TokenRecord {
  readonly fingerprint: string;
  readonly answer: Record<string, unknown>;
}

/** The version committed to development, reading records written before committedVersion existed. */
export function committedVersionOf(file: FileRecord): number | undefined {
  return file.committedVersion ?? (file.committed === true ? file.version : undefined);
}

/** A deployment's effect; records written before effects were stored were all deletions. */
export function effectOf(d: DeploymentRecord): DeploymentEffect {
  return d.kind ?? "delete";
}

const FILE_ID_BASE = 1_000_000;
const DEPLOYMENT_ID_BASE = 1_000_000_000;
/** NodeId = FileId + this, so file 1000001 is node 3000001 as in the vendor's examples. */
const NODE_ID_OFFSET = 2_000_000;

/** One collection of records keyed `<projectId>/<id>`. */
class ProjectTable<R> {
  constructor(
    private readonly store: Store,
    private readonly collection: string,
    private readonly idOf: (r: R) => number,
  ) {}

  all(projectId: number): R[] {
    const prefix = `${projectId}/`;
    return this.store
      .list(this.collection)
      .filter((e) => e.key.startsWith(prefix))
      .map((e) => e.value as R)
      .sort((a, b) => this.idOf(a) - this.idOf(b));
  }

  get(projectId: number, id: number): R | undefined {
    return this.store.get(this.collection, `${projectId}/${id}`) as R | undefined;
  }

  put(projectId: number, record: R): void {
    this.store.put(this.collection, `${projectId}/${this.idOf(record)}`, record);
  }

  delete(projectId: number, id: number): void {
    this.store.delete(this.collection, `${projectId}/${id}`);
  }
}

export class DataWorksRecords {
  readonly files: ProjectTable<FileRecord>;
  readonly processes: ProjectTable<ProcessRecord>;
  readonly deployments: ProjectTable<DeploymentRecord>;

  constructor(private readonly store: Store) {
    this.files = new ProjectTable(store, "alibaba.dataworks.files", (r) => r.fileId);
    this.processes = new ProjectTable(store, "alibaba.dataworks.processes", (r) => r.processId);
    this.deployments = new ProjectTable(store, "alibaba.dataworks.deployments", (r) => r.deploymentId);
  }

  nextFileId(): number {
    return FILE_ID_BASE + this.store.nextId("alibaba.dataworks.files");
  }

  nextProcessId(): number {
    return this.store.nextId("alibaba.dataworks.processes");
  }

  nextDeploymentId(): number {
    return DEPLOYMENT_ID_BASE + this.store.nextId("alibaba.dataworks.deployments");
  }

  nodeIdFor(fileId: number): number {
    return fileId + NODE_ID_OFFSET;
  }

  /** A file by its scheduling node (GetFile and DeployFile accept NodeId instead of FileId). */
  fileByNode(projectId: number, nodeId: number): FileRecord | undefined {
    return this.files.all(projectId).find((f) => f.nodeId === nodeId);
  }

  token(projectId: number, action: string, token: string): TokenRecord | undefined {
    return this.store.get("alibaba.dataworks.clientTokens", tokenKey(projectId, action, token)) as TokenRecord | undefined;
  }

  putToken(projectId: number, action: string, token: string, record: TokenRecord): void {
    this.store.put("alibaba.dataworks.clientTokens", tokenKey(projectId, action, token), record);
  }
}

const tokenKey = (projectId: number, action: string, token: string) => `${projectId}/${action}/${token}`;
