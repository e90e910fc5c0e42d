/**
 * DIS (Data Ingestion Service) v2, and the v3 stream update (docs/vendors/dis.md; the vendor
 * facts in test/conformance/facts/dis.json): streams and their dump tasks to DWS,
 * as one more Huawei service module: its routes plug into the generic REST router. Streams live in
 * huawei-dis-streams.ts, dump tasks in huawei-dis-tasks.ts; bodies are checked by
 * huawei-dis-validation.ts, records are kept by huawei-dis-records.ts and states come from
 * huawei-dis-status.ts.
 *
 * Everything is kept in the store (the collections of huawei-dis-records.ts), so it
 * survives a restart and `/__emulator/reset` forgets it. `user_password` is a secret field: the
 * router redacts it from the request log and the state dump redacts it too.
 */
import { disErrors } from "../errors/huawei";
import type { Inventory } from "../inventory";
import type { HuaweiService } from "../routers/huawei-rest";
import type { Store } from "../store";
import { DisStreamTable, DisTaskTable } from "./huawei-dis-records";
import { disSchemas } from "./huawei-dis-validation";
import { streamHandlers, type DisContext } from "./huawei-dis-streams";
import { taskHandlers } from "./huawei-dis-tasks";

export interface DisServiceOptions {
  readonly store: Store;
  readonly inventory: Inventory;
  /** How long CREATING (streams) and STARTING (dump tasks) last. */
  readonly settleMs: number;
  /** Reject body fields and query parameters the API does not define. */
  readonly strict: boolean;
}

const STREAMS = "/v2/{project_id}/streams";
const STREAM = `${STREAMS}/{stream_name}`;
const TASKS = `${STREAM}/transfer-tasks`;

export function createDisService(opts: DisServiceOptions): HuaweiService {
  const ctx: DisContext = {
    streams: new DisStreamTable(opts.store),
    tasks: new DisTaskTable(opts.store),
    inventory: opts.inventory,
    settleMs: opts.settleMs,
    schemas: disSchemas(opts.strict),
  };
  const s = streamHandlers(ctx);
  const t = taskHandlers(ctx);
  return {
    product: "dis",
    label: "dis v2",
    secretFields: ["user_password"],
    errors: { invalidParameter: disErrors.invalidRequest, internal: disErrors.internal, throttled: disErrors.tooManyRequests },
    routes: [
      { method: "POST", path: STREAMS, operation: "CreateStream", query: [], handle: s.CreateStream },
      { method: "GET", path: STREAMS, operation: "ListStreams", query: ["limit", "start_stream_name"], handle: s.ListStreams },
      { method: "GET", path: STREAM, operation: "ShowStream", query: ["start_partitionId", "limit_partitions"], handle: s.ShowStream },
      { method: "PUT", path: STREAM, operation: "UpdatePartitionCount", query: [], handle: s.UpdatePartitionCount },
      // The same resource on /v3/, for retention, data type, schema and auto-scaling [doc].
      { method: "PUT", path: "/v3/{project_id}/streams/{stream_name}", operation: "UpdateStream", query: [], handle: s.UpdateStream },
      { method: "DELETE", path: STREAM, operation: "DeleteStream", query: [], handle: s.DeleteStream },
      // The singular `stream` and the stream's id, not its name [doc].
      {
        method: "POST",
        path: "/v2/{project_id}/stream/{stream_id}/tags/action",
        operation: "BatchStreamTagsAction",
        query: [],
        handle: s.BatchStreamTagsAction,
      },
      { method: "POST", path: TASKS, operation: "CreateTransferTask", query: [], handle: t.CreateTransferTask },
      { method: "GET", path: TASKS, operation: "ListTransferTasks", query: ["limit", "start_task_name"], handle: t.ListTransferTasks },
      { method: "PUT", path: TASKS, operation: "UpdateTransferTask", query: [], handle: t.UpdateTransferTask },
      { method: "POST", path: `${TASKS}/action`, operation: "BatchTransferTaskAction", query: [], handle: t.BatchTransferTaskAction },
      { method: "GET", path: `${TASKS}/{task_name}`, operation: "ShowTransferTask", query: [], handle: t.ShowTransferTask },
      { method: "DELETE", path: `${TASKS}/{task_name}`, operation: "DeleteTransferTask", query: [], handle: t.DeleteTransferTask },
    ],
  };
}
