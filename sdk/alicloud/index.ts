export { StreamingDataService, type StreamingDataServiceArgs } from "./streaming-data-service";
export { StreamingDataSource, type StreamingDataSourceArgs, type KafkaDataSourceConfig } from "./streaming-data-source";
export { StreamingJob, type StreamingJobArgs } from "./streaming-job";
export type { StreamingJobConfig, JobConfigColumn, JobConfigFormat } from "./streaming-job";
export { DISyncTask, type DISyncTaskArgs, type DISyncTaskContent, type DISyncTaskParam, type DISyncTaskStep } from "./di-sync-task";
