/** Every resource kind this package serves; the runtime's registry must cover each one. */
export const RESOURCE_KINDS = [
  "alicloud:StreamingJob",
  "alicloud:StreamingDataSource",
  "alicloud:StreamingDataService",
  "huaweicloud:EventRouterJob",
  "huaweicloud:DisStream",
  "huaweicloud:DwsTransferTask",
  "alicloud:DISyncTask",
] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];
