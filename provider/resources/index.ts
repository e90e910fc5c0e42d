/**
 * Every resource this package serves, as one list of descriptors (engine/descriptor.ts). Adding a
 * resource is one line here: the kinds (kinds.ts), the runtime's registry (runtime.ts) and the
 * field reference (field-docs.ts, in this order) derive from it.
 */
import { resource as diSyncTask } from "./alicloud-di-sync-task";
import { resource as streamingDataService } from "./alicloud-streaming-data-service";
import { resource as streamingDataSource } from "./alicloud-streaming-data-source";
import { resource as streamingJob } from "./alicloud-streaming-job";
import { resource as disStream } from "./huaweicloud-dis-stream";
import { resource as dwsTransferTask } from "./huaweicloud-dws-transfer-task";
import { resource as eventRouterJob } from "./huaweicloud-event-router-job";

export const RESOURCES = [streamingJob, streamingDataSource, streamingDataService, diSyncTask, eventRouterJob, disStream, dwsTransferTask] as const;

export type Resource = (typeof RESOURCES)[number];
