/**
 * What every DataWorks Data Integration call of a DISyncTask shares: the client, the task's id and
 * name in messages, the in-band failure (HTTP 200 with `Data.Status: "fail"`) as an error, and the
 * request-derived ClientToken. The resource (alicloud-di-sync-task.ts), the batch file lifecycle
 * (-files.ts) and the realtime instance (-instance.ts) build on it.
 */
import { createHash } from "node:crypto";
import { dataworks, diFailure } from "../apis/alibaba-dataworks";
import { AlibabaRpcClient } from "../clients/alibaba";
import { alibabaSettings } from "../settings";

export type DataWorksClient = AlibabaRpcClient<typeof dataworks>;
type Props = Record<string, unknown>;

/** DI_REALTIME and DI_SOLUTION: the task types DataWorks generates from a specification and runs as an instance. */
export const realtime = (t: unknown) => t === "DI_REALTIME" || t === "DI_SOLUTION";

export function dataWorksClient(regionId: unknown): DataWorksClient {
  const settings = alibabaSettings();
  const region = typeof regionId === "string" && regionId ? regionId : (settings.region ?? "");
  return new AlibabaRpcClient(dataworks, { settings, region });
}

export function taskId(projectId: unknown, taskType: unknown, fileId: unknown): string {
  return `${String(projectId)}:${String(taskType)}:${String(fileId)}`;
}

/** The task as messages name it. */
export const label = (p: Props, id?: string) => `DISyncTask "${String(p.taskName)}"${id ? ` (${id})` : ""}`;

/** An in-band failure as an Error naming the task, the action and the service's reason. */
export class DIFailure extends Error {
  constructor(
    readonly action: string,
    readonly reason: string,
    what: string,
  ) {
    super(`${what}: ${action} failed: ${reason}`);
  }
}

type Action = keyof typeof dataworks.actions & string;

/** A DI call whose in-band failure is thrown; `what` names the task in the message. */
export async function diCall(client: DataWorksClient, action: Action, params: Props, what: string, opts: { retryAmbiguous?: boolean } = {}): Promise<Props> {
  const body = await client.call(action, params, opts);
  const failure = diFailure(body as { Data?: { Status?: unknown; Message?: unknown } });
  if (failure !== undefined) throw new DIFailure(action, failure, what);
  return (body.Data ?? {}) as Props;
}

/**
 * A ClientToken for one logical request: the same inputs give the same token, so a retry (by the
 * client, or by Pulumi after a crash) gets the first answer back. `attempt` moves to a new token
 * when the first answer turns out to name a task that has since been deleted.
 */
export function clientToken(action: string, params: Props, attempt = 0): string {
  const digest = createHash("sha256")
    .update(JSON.stringify([action, params, attempt]))
    .digest("hex");
  return `sj-${digest}`.slice(0, 64);
}

/** TaskParam as the DI APIs take it: JSON of the folder (create only), resource group and compute units. */
export function taskParamJson(p: unknown, withFolder: boolean): string {
  const t = (p ?? {}) as Props;
  const out: Props = {};
  if (withFolder && t.fileFolderPath !== undefined) out.FileFolderPath = t.fileFolderPath;
  if (t.resourceGroup !== undefined) out.ResourceGroup = t.resourceGroup;
  if (t.cu !== undefined) out.Cu = t.cu;
  return JSON.stringify(out);
}
