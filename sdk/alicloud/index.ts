// Generated from the resource descriptor by `npm run sdk:generate` (provider/sdk-gen.ts); do not edit by hand.
export { StreamingJob, type StreamingJobArgs, type StreamingJobConfig, type JobConfigFormat, type JobConfigColumn } from "./streaming-job";
export { StreamingDataSource, type StreamingDataSourceArgs, type KafkaDataSourceConfig } from "./streaming-data-source";
export { StreamingDataService, type StreamingDataServiceArgs } from "./streaming-data-service";
export { DISyncTask, type DISyncTaskArgs, type DISyncTaskContent, type DISyncTaskParam, type DISyncTaskStep } from "./di-sync-task";
