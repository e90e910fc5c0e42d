// The demo program (the root Pulumi.yaml): both example programs in one stack, so `npm run demo`
// shows an AnalyticDB streaming job and an EventGrid replication job side by side, each created
// through its cloud's API on the emulator and reviewed by the policy pack.
import * as alibaba from "../alicloud-streaming-job";
import * as huawei from "../huaweicloud-event-router-job";

export const { dbInstanceId, serviceId, dataSourceId, jobId, jobStatus } = alibaba;
export const eventRouterJobId = huawei.jobId;
export const eventRouterJobStatus = huawei.status;
