/**
 * The DataStudio file lifecycle of a batch (DI_OFFLINE) DISyncTask: how the task's file is read,
 * committed, deployed to production and deleted. CreateDISyncTask and UpdateDISyncTask only write
 * the development draft (DeployDISyncTask takes DI_REALTIME and DI_SOLUTION only), so without this
 * a batch task never runs in production.
 *
 * The vendor's reading (sources in test/conformance/facts/dataworks.json):
 * - SubmitFile commits the file to the development environment's scheduler; it is asynchronous and
 *   answers a deployment id, polled with GetDeployment. A commit (ToEnvironment 1) may be deployed
 *   only once the deployment is Status 1 with no CheckingStatus (7 failed the workspace's
 *   pre-deploy checks, 8 still checking). The provider never skips those checks
 *   (SkipAllDeployFileExtensions): they are the team's governance, not the provider's.
 * - DeployFile deploys the committed file to production, answering a deployment id, likewise.
 *   Both are retried after an ambiguous failure: a second package for the same version is
 *   harmless, a missing one leaves the task behind production.
 * - DeleteFile of a committed file starts an asynchronous removal from the scheduler and answers
 *   its DeploymentId, polled with GetDeployment; no DeploymentId means the file is gone. The DeleteFile page does not say that DeployFile must
 *   follow; the "Undeploy nodes" guide says that in a standard-mode workspace a deletion reaches
 *   production only once it is deployed. So the provider waits on the returned deployment and reads
 *   where it went: ToEnvironment 2 (production, e.g. a basic-mode workspace) is the end; 1
 *   (development) while the task was deployed to production means the deletion is deployed with
 *   DeployFile(FileId) and waited on too, so production loses the task. If DeployFile refuses the
 *   deleted file, the error says which node production still runs.
 *
 * Deployments are polled one by one with GetDeployment: no DataWorks list carries a deployment's
 * status (ListFiles lists files, not deployments; dataworks.json). The waits wake on the clock's
 * beat (`together`, engine/shared-poll.ts), so the polls of many tasks fall in the same instants.
 */
import { CHECKING_STATUS, COMMIT_STATUS, DEPLOYMENT_STATUS, ENVIRONMENT, type GetDeploymentResponse, type GetFileResponse } from "../apis/alibaba-dataworks";
import type { AlibabaRpcClient } from "../clients/alibaba";
import type { dataworks } from "../apis/alibaba-dataworks";
import { ApiError, waitTimedOut } from "../errors";
import { waitUntilSettled } from "../engine/wait";
import { sendUntilReached } from "./alicloud-di-sync-task-resend";
import { printProgress } from "../engine/progress";

type DataWorksClient = AlibabaRpcClient<typeof dataworks>;

/**
 * Where a batch task's current version is: `NONE` an uncommitted DataStudio draft, `DEVELOPMENT`
 * committed to the development environment's scheduler (SubmitFile), `PRODUCTION` deployed to
 * production (DeployFile). The `deployTo` input names the one wanted.
 */
export const DEPLOY_TARGETS = ["PRODUCTION", "DEVELOPMENT", "NONE"] as const;
export type DeployTarget = (typeof DEPLOY_TARGETS)[number];

/** A batch task's file as GetFile shows it. */
export interface ObservedFile {
  readonly content: string;
  readonly fileName: string;
  /** GetFile CommitStatus: 1 when the latest version is committed. */
  readonly commitStatus: number;
  /** GetFile CurrentVersion. */
  readonly fileVersion: number | undefined;
  readonly nodeId: number | undefined;
}

/** What state records about a batch task's deployment. */
export interface Publication {
  readonly commitStatus: number;
  readonly fileVersion: number | undefined;
  /** The file version this provider last deployed to production; undefined before the first. */
  readonly deployedVersion: number | undefined;
}

/** The stage the current version has reached, from GetFile and the last deployment this provider made. */
export function stageOf(p: Publication): DeployTarget {
  if (p.commitStatus !== COMMIT_STATUS.COMMITTED) return "NONE";
  return p.deployedVersion !== undefined && p.deployedVersion === p.fileVersion ? "PRODUCTION" : "DEVELOPMENT";
}

/** The file, or undefined when it no longer exists (not found, or in the recycle bin). */
export async function observeFile(client: DataWorksClient, projectId: number, fileId: number): Promise<ObservedFile | undefined> {
  try {
    const data = (await client.call("GetFile", { ProjectId: projectId, FileId: fileId })).Data as GetFileResponse["Data"];
    if (data.File.DeletedStatus && data.File.DeletedStatus !== "NORMAL") return undefined;
    return {
      content: data.File.Content ?? "",
      fileName: data.File.FileName,
      commitStatus: data.File.CommitStatus,
      fileVersion: data.File.CurrentVersion,
      nodeId: data.File.NodeId,
    };
  } catch (err) {
    if (client.isNotFound("GetFile", err)) return undefined;
    throw err;
  }
}

type Deployment = GetDeploymentResponse["Data"];

/** A deployment that ended in failure, or did not end in time. */
export class DeploymentFailed extends Error {
  constructor(
    message: string,
    /** Where the task's current version got to before this failure. */
    readonly reached: Publication,
  ) {
    super(message);
  }
}

interface WaitContext {
  readonly client: DataWorksClient;
  readonly projectId: number;
  /** The task, as messages name it. */
  readonly label: string;
  /** Pulumi kind, for the timeout sentence. */
  readonly kind: string;
  /** Epoch ms by which everything must be done (the resource's timeoutSeconds). */
  readonly deadline: number;
}

/** Polls GetDeployment until the package succeeded; the reason when it failed or timed out. */
async function waitForDeployment(
  ctx: WaitContext,
  deploymentId: number,
  wanted: string,
): Promise<{ ok: true; deployment: Deployment } | { ok: false; reason: string }> {
  const seconds = Math.max(1, Math.ceil((ctx.deadline - Date.now()) / 1000));
  const outcome = await waitUntilSettled<Deployment>({
    label: ctx.label,
    wanted,
    timeoutSeconds: seconds,
    together: true,
    poll: async () => (await ctx.client.call("GetDeployment", { ProjectId: ctx.projectId, DeploymentId: deploymentId })).Data as Deployment,
    classify: (d) => {
      const { Status, CheckingStatus, ErrorMessage } = d.Deployment;
      if (Status === DEPLOYMENT_STATUS.FAILED) {
        return { state: "failed", value: d, reason: `deployment ${deploymentId} failed: ${ErrorMessage || "DataWorks gave no reason"}` };
      }
      if (Status !== DEPLOYMENT_STATUS.SUCCESS || CheckingStatus === CHECKING_STATUS.CHECKING) return { state: "pending", value: d };
      if (CheckingStatus === CHECKING_STATUS.FAILED) {
        return {
          state: "failed",
          value: d,
          reason: `deployment ${deploymentId} failed the workspace's pre-deploy checks (CheckingStatus 7)${ErrorMessage ? `: ${ErrorMessage}` : ""}; see the Deploy Center for the check that failed`,
        };
      }
      return { state: "done", value: d };
    },
    status: (d) =>
      `deployment ${deploymentId} status ${d.Deployment.Status}${d.Deployment.CheckingStatus == null ? "" : ` (checking status ${d.Deployment.CheckingStatus})`}`,
  });
  if (outcome.state === "done") return { ok: true, deployment: outcome.value };
  if (outcome.state === "failed") return { ok: false, reason: outcome.reason };
  return { ok: false, reason: waitTimedOut(ctx.kind, ctx.label, wanted, outcome.lastStatus, seconds) };
}

/**
 * Brings the task's current version to `target`: SubmitFile (unless GetFile says it is committed)
 * and, for PRODUCTION, DeployFile (unless this provider already deployed this version), waiting on
 * each deployment. Throws DeploymentFailed, carrying how far it got, when a deployment fails.
 */
export async function publish(
  ctx: WaitContext & { readonly fileId: number },
  target: DeployTarget,
  file: ObservedFile,
  deployedVersion: number | undefined,
): Promise<Publication> {
  let reached: Publication = { commitStatus: file.commitStatus, fileVersion: file.fileVersion, deployedVersion };
  if (target === "NONE") return reached;
  if (file.commitStatus !== COMMIT_STATUS.COMMITTED) {
    printProgress(`${ctx.label}: committing version ${file.fileVersion ?? "?"} (SubmitFile)`);
    const submitted = Number((await ctx.client.call("SubmitFile", { ProjectId: ctx.projectId, FileId: ctx.fileId }, { retryAmbiguous: true })).Data);
    const waited = await waitForDeployment(ctx, submitted, "the commit to the development environment");
    if (!waited.ok) throw new DeploymentFailed(`SubmitFile ${waited.reason}`, reached);
    reached = { ...reached, commitStatus: COMMIT_STATUS.COMMITTED };
  }
  if (target === "DEVELOPMENT" || (deployedVersion !== undefined && deployedVersion === file.fileVersion)) return reached;
  printProgress(`${ctx.label}: deploying version ${file.fileVersion ?? "?"} to production (DeployFile)`);
  const deployed = Number((await ctx.client.call("DeployFile", { ProjectId: ctx.projectId, FileId: ctx.fileId }, { retryAmbiguous: true })).Data);
  const waited = await waitForDeployment(ctx, deployed, "the deployment to production");
  if (!waited.ok) throw new DeploymentFailed(`DeployFile ${waited.reason}`, reached);
  const item = waited.deployment.DeployedItems?.find((i) => i.FileId === ctx.fileId);
  return { ...reached, deployedVersion: item?.FileVersion ?? file.fileVersion };
}

/**
 * Whether `target` is met by a version at `stage`: PRODUCTION only by production, DEVELOPMENT by a
 * commit or more, NONE (keep a draft: commit and deploy nothing) by anything.
 */
export function satisfies(stage: DeployTarget, target: DeployTarget): boolean {
  return target === "NONE" || stage === "PRODUCTION" || stage === target;
}

/**
 * Whether production runs the task: `yes` when this provider deployed it, `no` when it never did,
 * `unknown` for state written before deployments were tracked.
 */
export type InProduction = "yes" | "no" | "unknown";

/**
 * DeleteFile, then the deletion's deployment, then (when it only reached development and the task
 * may be in production) DeployFile of the deletion. Not found means already gone.
 *
 * Neither call is repeated blindly (alicloud-di-sync-task-resend.ts). After an ambiguous DeleteFile
 * GetFile says whether the file is still there: if so DeleteFile is sent again; if not, the dropped
 * call deleted it and its DeploymentId is lost, so the deletion is deployed as if it had reached
 * development only (the safe side: DeployFile answers not found when nothing is left to deploy).
 * DeleteFile answering not found is read the same way: an earlier delete that failed after it
 * (say, on the DeployFile below) leaves a task production still runs, and the next one finishes it.
 * After an ambiguous DeployFile no read shows production (GetFile no longer finds a deleted file),
 * so the repeat is the look-up: not found then means the dropped call deployed the deletion.
 */
export async function removeFile(ctx: WaitContext & { readonly fileId: number }, inProduction: InProduction): Promise<void> {
  const args = { ProjectId: ctx.projectId, FileId: ctx.fileId };
  let deleted: { deploymentId: number | undefined } | { reached: true };
  try {
    const sent = await sendUntilReached({
      what: `${ctx.label}: DeleteFile`,
      send: () => ctx.client.call("DeleteFile", args),
      reached: async () => (await observeFile(ctx.client, ctx.projectId, ctx.fileId)) === undefined,
      wayOut: "The task is still in DataStudio: run `pulumi destroy` (or `up`) again once DataWorks answers.",
    });
    deleted = "reached" in sent ? sent : { deploymentId: typeof sent.answer.DeploymentId === "number" ? sent.answer.DeploymentId : undefined };
  } catch (err) {
    if (!ctx.client.isNotFound("DeleteFile", err)) throw err;
    // Already deleted from DataStudio, by an earlier run that stopped before production lost the
    // task, or outside: deployed as a lost deletion (not found there too means gone everywhere).
    deleted = { reached: true };
  }
  if ("deploymentId" in deleted) {
    if (deleted.deploymentId === undefined) return;
    const deletion = await waitForDeployment(ctx, deleted.deploymentId, "the deletion in the scheduling system");
    if (!deletion.ok) throw new Error(`${ctx.label}: DeleteFile ${deletion.reason}`);
    if (deletion.deployment.Deployment.ToEnvironment !== ENVIRONMENT.DEVELOPMENT) return;
  }
  if (inProduction === "no") return;
  printProgress(`${ctx.label}: deploying the deletion to production (DeployFile)`);
  const stillScheduled = "Production still schedules the task: undeploy it in the Deploy Center or Operation Center.";
  const lost = !("deploymentId" in deleted);
  /** One DeployFile of the deletion, repeated after ambiguous failures: its deployment id, or undefined when nothing is left. */
  const deployDeletion = async (): Promise<number | undefined> => {
    const sent = await sendUntilReached({
      what: `${ctx.label}: DeployFile of the deletion`,
      send: (afterAmbiguous) =>
        ctx.client.call("DeployFile", args).catch((err: unknown) => {
          // Nothing left to deploy: after an ambiguous DeployFile, the dropped call deployed the
          // deletion; with state that cannot say whether production had the task, it never had.
          if ((afterAmbiguous || lost || inProduction === "unknown") && ctx.client.isNotFound("DeployFile", err)) return undefined;
          throw err;
        }),
      // No read shows a deleted file in production: the repeat itself finds out.
      reached: async () => false,
      wayOut: stillScheduled,
    });
    return "reached" in sent || sent.answer === undefined ? undefined : Number(sent.answer.Data);
  };
  let undeployId: number | undefined;
  try {
    if (!lost) undeployId = await deployDeletion();
    else {
      // The lost deletion may still be running, and DataWorks refuses to deploy a deletion before
      // it has finished: a refusal is waited out (DeployFile refused has no effect) until the deadline.
      const seconds = Math.max(1, Math.ceil((ctx.deadline - Date.now()) / 1000));
      type Try = { id: number | undefined } | { refused: Error };
      const outcome = await waitUntilSettled<Try>({
        label: ctx.label,
        wanted: "the deletion deployable to production",
        timeoutSeconds: seconds,
        poll: () =>
          deployDeletion().then(
            (id): Try => ({ id }),
            (err: unknown): Try => {
              if (err instanceof ApiError) return { refused: err };
              throw err;
            },
          ),
        classify: (t) => ("id" in t ? { state: "done", value: t } : { state: "pending", value: t }),
        status: (t) => ("refused" in t ? `DeployFile refused: ${t.refused.message}` : "deployable"),
      });
      if (outcome.state === "done" && "id" in outcome.value) undeployId = outcome.value.id;
      else throw outcome.value !== undefined && "refused" in outcome.value ? outcome.value.refused : new Error(`no answer within ${seconds}s`);
    }
  } catch (err) {
    if ((err as Error).message.includes(stillScheduled)) throw err;
    throw new Error(
      `${ctx.label}: the task's file is deleted from DataStudio and the development environment, but DataWorks refused to deploy the deletion to production (${(err as Error).message}). ${stillScheduled}`,
    );
  }
  if (undeployId === undefined) return;
  const undeployed = await waitForDeployment(ctx, undeployId, "the deletion in production");
  if (!undeployed.ok) {
    throw new Error(
      `${ctx.label}: deploying the deletion to production: DeployFile ${undeployed.reason}. Production still schedules the task: finish the undeployment in the Deploy Center.`,
    );
  }
}
