// Generated from the resource descriptor by `npm run sdk:generate` (provider/sdk-gen.ts); do not edit by hand.
/**
 * pulumi-streamjobs: streaming and data-sync jobs on Alibaba Cloud and Huawei Cloud as Pulumi
 * resources. Each cloud is a namespace: `import { alicloud, huaweicloud } from "pulumi-streamjobs"`.
 */
export * as alicloud from "./alicloud";
export * as huaweicloud from "./huaweicloud";
