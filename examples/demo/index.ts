// The demo program (the root Pulumi.yaml): every example program in one stack, so `npm run demo`
// shows each resource of the package side by side, created through its cloud's API on the
// emulator and reviewed by the policy pack.
import * as dataworksBatch from "../alicloud-di-sync-task-offline";
import * as dataworksRealtime from "../alicloud-di-sync-task-realtime";
import * as alibaba from "../alicloud-streaming-job";
import * as dis from "../huaweicloud-dis-dws";
import * as huawei from "../huaweicloud-event-router-job";

export const { dbInstanceId, serviceId, dataSourceId, jobId, jobStatus } = alibaba;
export const eventRouterJobId = huawei.jobId;
export const eventRouterJobStatus = huawei.status;
export const disStreamId = dis.streamId;
export const dwsTaskState = dis.taskState;
export const diBatchFileId = dataworksBatch.fileId;
export const diRealtimeFileId = dataworksRealtime.fileId;
export const diRealtimeStatus = dataworksRealtime.status;
