// Generated from the provider's resources by `npm run docs:fields` (scripts/field-docs.mjs); do not edit by hand.

/**
 * The type token of each resource of pulumi-streamjobs, by SDK namespace and class: rules match
 * resources through it (`TYPES.huaweicloud.DwsTransferTask`), never through a token written by hand.
 * The pack cannot import the SDK classes' `__pulumiType`: it must load without the built package.
 */
export const TYPES = {
  alicloud: {
    StreamingJob: "pulumi-nodejs:dynamic/alicloud:StreamingJob",
    StreamingDataSource: "pulumi-nodejs:dynamic/alicloud:StreamingDataSource",
    StreamingDataService: "pulumi-nodejs:dynamic/alicloud:StreamingDataService",
    DISyncTask: "pulumi-nodejs:dynamic/alicloud:DISyncTask",
  },
  huaweicloud: {
    EventRouterJob: "pulumi-nodejs:dynamic/huaweicloud:EventRouterJob",
    DisStream: "pulumi-nodejs:dynamic/huaweicloud:DisStream",
    DwsTransferTask: "pulumi-nodejs:dynamic/huaweicloud:DwsTransferTask",
  },
} as const;
