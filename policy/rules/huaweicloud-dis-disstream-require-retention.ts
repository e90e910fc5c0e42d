/**
 * `huaweicloud-dis-disstream-require-retention`: a DIS stream keeps its records at least the
 * environment's number of hours. `dataDuration` (24 to 72 hours) is the window in which a consumer
 * or a dump task that stopped can catch up; records older than that are gone. A stream left at the
 * default 24 hours loses what a dump task missed while it was down for more than a day (a failure
 * on a Friday evening noticed on Monday), so production asks for more.
 */
import type { PolicyConfigSchema, ResourceValidationArgs, ReportViolation } from "@pulumi/policy";
import { configWithDefaults } from "./_config";
import { type PackResourcePolicy, type ResourceType, isOneOf } from "./_rule";
import { TYPES } from "./_types";

export const NAME = "huaweicloud-dis-disstream-require-retention";
export const DIS_STREAM_TYPE: string = TYPES.huaweicloud.DisStream;
const APPLIES_TO: readonly ResourceType[] = [TYPES.huaweicloud.DisStream];

/** DIS keeps records 24 to 72 hours, 24 when a stream sets none (the resource's documented default). */
const DURATION = { min: 24, max: 72, default: 24 } as const;

export interface RetentionConfig {
  readonly minDataDurationHours: number;
}

export const configSchema: PolicyConfigSchema = {
  properties: {
    minDataDurationHours: {
      type: "integer",
      minimum: DURATION.min,
      maximum: DURATION.max,
      description: `The shortest dataDuration (hours records are kept, ${DURATION.min} to ${DURATION.max}) a stream may have.`,
      default: DURATION.min,
    },
  },
};

export const disStreamRetention: PackResourcePolicy = {
  name: NAME,
  description:
    "A DisStream must keep its records (dataDuration) at least the environment's number of hours: it is the window in which a stopped consumer or dump task can catch up before data is lost.",
  tags: ["huaweicloud", "dis", "reliability"],
  severity: "medium",
  configSchema,
  appliesTo: APPLIES_TO,
  validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
    if (!isOneOf(APPLIES_TO, args)) return args.notApplicable("only DisStream resources are checked");
    const { minDataDurationHours: min } = configWithDefaults<RetentionConfig>(configSchema, args.getConfig());
    const given = args.props.dataDuration;
    const hours = given === undefined || given === null ? DURATION.default : Number(given);
    if (hours >= min) return;
    const what = given === undefined || given === null ? `not set, so records are kept ${hours} hours` : `${hours} hours`;
    reportViolation(
      `DisStream ${JSON.stringify(args.name)}: dataDuration is ${what}, shorter than the ${min} hours this environment requires (policy config minDataDurationHours). Set dataDuration to ${min} or more (at most ${DURATION.max}).`,
    );
  },
};
