/**
 * `alicloud-dataworks-disynctask-require-error-limit`: a batch (DI_OFFLINE) DataWorks task must
 * bound the dirty records it tolerates. A script whose `setting.errorLimit.record` is missing or
 * empty lets a sync finish "successfully" however many records failed to convert; in production
 * that turns a broken source column into silently missing data.
 */
import type { PolicyConfigSchema, ResourceValidationArgs, ReportViolation } from "@pulumi/policy";
import { configWithDefaults } from "./_config";
import { type PackResourcePolicy, type ResourceType, isOneOf } from "./_rule";
import { TYPES } from "./_types";

export const NAME = "alicloud-dataworks-disynctask-require-error-limit";
export const DI_SYNC_TASK_TYPE: string = TYPES.alicloud.DISyncTask;
const APPLIES_TO: readonly ResourceType[] = [TYPES.alicloud.DISyncTask];

export interface ErrorLimitConfig {
  readonly maxDirtyRecords: number;
}

export const configSchema: PolicyConfigSchema = {
  properties: {
    maxDirtyRecords: {
      type: "integer",
      minimum: 0,
      description: "The largest setting.errorLimit.record (dirty records tolerated per run) a batch task may set.",
      default: 100,
    },
  },
};

function errorLimitOf(content: unknown): unknown {
  let doc: unknown = content;
  if (typeof content === "string") {
    try {
      doc = JSON.parse(content);
    } catch {
      return undefined; // the provider's check reports a script that is not JSON
    }
  }
  const setting = (doc as { setting?: { errorLimit?: { record?: unknown } } } | undefined)?.setting;
  return setting?.errorLimit?.record;
}

export const diSyncTaskErrorLimit: PackResourcePolicy = {
  name: NAME,
  description:
    "A batch DISyncTask must bound the dirty records it tolerates (setting.errorLimit.record): without a bound a sync succeeds however many records it could not write.",
  tags: ["alicloud", "dataworks", "data-quality"],
  severity: "medium",
  configSchema,
  appliesTo: APPLIES_TO,
  validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
    if (!isOneOf(APPLIES_TO, args)) return args.notApplicable("only DISyncTask resources are checked");
    if (args.props.taskType !== "DI_OFFLINE") return args.notApplicable("only batch (DI_OFFLINE) scripts carry setting.errorLimit");
    const { maxDirtyRecords } = configWithDefaults<ErrorLimitConfig>(configSchema, args.getConfig());
    const record = errorLimitOf(args.props.taskContent);
    const unset = record === undefined || record === null || record === "";
    if (!unset && Number(record) <= maxDirtyRecords) return;
    const got = unset
      ? "not set, so any number of dirty records is tolerated"
      : `${JSON.stringify(record)}, above the ${maxDirtyRecords} this environment allows (policy config maxDirtyRecords)`;
    reportViolation(
      `DISyncTask ${JSON.stringify(args.name)}: taskContent setting.errorLimit.record is ${got}. Set it to the number of dirty records you accept, at most ${maxDirtyRecords} (0 fails the run on the first one).`,
    );
  },
};
