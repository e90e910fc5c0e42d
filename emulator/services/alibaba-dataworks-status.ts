/**
 * The status of DataWorks objects over the emulator clock: a realtime task's instance (NORUN, WAIT
 * until its start settles, RUN, PAUSE), a deployment package's Status and its deployed item's, and
 * what a deployment does to its file once it settles (applied once, the first time a call sees it
 * settled, and kept even when that call then fails). Status codes are the vendor's; the timing is
 * the emulator's settleMs.
 */
import { DEPLOYED_ITEM_STATUS, DEPLOYMENT_STATUS } from "../../provider/apis/alibaba-dataworks";
import type { DataWorksProject } from "../inventory";
import { isSettled } from "../lifecycle";
import { committedVersionOf, effectOf, type DataWorksRecords, type DeploymentRecord, type FileRecord } from "./alibaba-dataworks-records";

export type InstanceStatus = "NORUN" | "WAIT" | "RUN" | "PAUSE";

export function instanceStatus(file: FileRecord, now: number): InstanceStatus {
  const { state, settleAt: at } = file.instance;
  if (state === "RUN") return isSettled(at, now) ? "RUN" : "WAIT";
  return state;
}

export const isRunning = (file: FileRecord, now: number) => {
  const s = instanceStatus(file, now);
  return s === "RUN" || s === "WAIT";
};

type DeploymentStatus = (typeof DEPLOYMENT_STATUS)[keyof typeof DEPLOYMENT_STATUS];

/** READY until it settles, then SUCCESS, or FAILED when it was asked for with a failure. */
export function deploymentStatus(d: DeploymentRecord, now: number): DeploymentStatus {
  if (!isSettled(d.settleAt, now)) return DEPLOYMENT_STATUS.READY;
  return d.failure === undefined ? DEPLOYMENT_STATUS.SUCCESS : DEPLOYMENT_STATUS.FAILED;
}

/** The Status of the deployment's one DeployedItem, following the deployment's. */
export function deployedItemStatus(status: DeploymentStatus) {
  if (status === DEPLOYMENT_STATUS.READY) return DEPLOYED_ITEM_STATUS.UNPUBLISHED;
  return status === DEPLOYMENT_STATUS.SUCCESS ? DEPLOYED_ITEM_STATUS.SUCCESS : DEPLOYED_ITEM_STATUS.ERROR;
}

/** A settled, successful deployment's effect on its file. */
function apply(records: DataWorksRecords, d: DeploymentRecord): void {
  const file = records.files.get(d.projectId, d.fileId);
  if (file === undefined) return;
  switch (effectOf(d)) {
    case "commit":
      records.files.put(d.projectId, {
        ...file,
        committedVersion: Math.max(committedVersionOf(file) ?? 0, d.fileVersion),
        committedContent: d.content ?? file.content,
        nodeId: file.nodeId ?? records.nodeIdFor(file.fileId),
      });
      return;
    case "deploy":
      records.files.put(d.projectId, { ...file, productionVersion: d.fileVersion });
      return;
    case "delete":
      // Gone from development; a file production never had is gone altogether.
      if (file.productionVersion === undefined) records.files.delete(d.projectId, file.fileId);
      return;
    case "undeploy":
      records.files.delete(d.projectId, file.fileId);
      return;
  }
}

/** Applies the effect of every deployment that has settled by `now` (once each). */
export function settleDeployments(records: DataWorksRecords, projects: readonly DataWorksProject[], now: number): void {
  for (const project of projects) {
    for (const d of records.deployments.all(project.id)) {
      if (d.applied === true || !isSettled(d.settleAt, now)) continue;
      if (d.failure === undefined) apply(records, d);
      records.deployments.put(project.id, { ...d, applied: true });
    }
  }
}
