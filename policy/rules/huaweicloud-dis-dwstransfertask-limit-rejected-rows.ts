/**
 * `huaweicloud-dis-dwstransfertask-limit-rejected-rows`: a DWS dump task may drop at most a
 * configured number of bad rows per load. `options.rejectLimit: "unlimited"` (or a very large
 * number) lets every load succeed while rows that do not fit the table silently go missing; in
 * production that hides schema drift until someone counts rows. Setting `errorTableName` keeps the
 * rejected rows, so the rule also says so when it is missing.
 */
import type { PolicyConfigSchema, ResourceValidationArgs, ReportViolation } from "@pulumi/policy";
import { configWithDefaults } from "./_config";
import { type PackResourcePolicy, type ResourceType, isOneOf } from "./_rule";
import { TYPES } from "./_types";

export const NAME = "huaweicloud-dis-dwstransfertask-limit-rejected-rows";
export const DWS_TRANSFER_TASK_TYPE: string = TYPES.huaweicloud.DwsTransferTask;
const APPLIES_TO: readonly ResourceType[] = [TYPES.huaweicloud.DwsTransferTask];

export interface RejectedRowsConfig {
  readonly maxRejectLimit: number;
  readonly allowUnlimited: boolean;
}

export const configSchema: PolicyConfigSchema = {
  properties: {
    maxRejectLimit: {
      type: "integer",
      minimum: 0,
      description: "The largest options.rejectLimit (bad rows tolerated per load) a dump task may set.",
      default: 1000,
    },
    allowUnlimited: {
      type: "boolean",
      description: 'Allow options.rejectLimit "unlimited" (for example in a sandbox).',
      default: false,
    },
  },
};

export const dwsTransferTaskRejectedRows: PackResourcePolicy = {
  name: NAME,
  description:
    "A DwsTransferTask may tolerate only a bounded number of bad rows per load: with no bound, rows that do not fit the table are dropped and every load still succeeds.",
  tags: ["huaweicloud", "dis", "data-quality"],
  severity: "medium",
  configSchema,
  appliesTo: APPLIES_TO,
  validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
    if (!isOneOf(APPLIES_TO, args)) return args.notApplicable("only DwsTransferTask resources are checked");
    const options = args.props.options as { rejectLimit?: number | string; errorTableName?: string } | undefined;
    const limit = options?.rejectLimit;
    if (limit === undefined) return; // the service's default is 0: a load fails on its first bad row
    const { maxRejectLimit, allowUnlimited } = configWithDefaults<RejectedRowsConfig>(configSchema, args.getConfig());
    const unlimited = limit === "unlimited";
    if (unlimited ? allowUnlimited : Number(limit) <= maxRejectLimit) return;
    const keep = options?.errorTableName ? "" : " and set options.errorTableName so the rejected rows are kept";
    reportViolation(
      `DwsTransferTask ${JSON.stringify(args.name)}: options.rejectLimit is ${JSON.stringify(limit)}, above the ${maxRejectLimit} bad rows per load this environment allows (policy config maxRejectLimit${unlimited ? ", allowUnlimited" : ""}). Set rejectLimit to ${maxRejectLimit} or less${keep}.`,
    );
  },
};
