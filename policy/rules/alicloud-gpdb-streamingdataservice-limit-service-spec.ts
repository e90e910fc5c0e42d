/**
 * `alicloud-gpdb-streamingdataservice-limit-service-spec`: a streaming data service's size
 * (`serviceSpec`, compute units: 2, 4, 8 or 16) stays within the environment's range. The service's
 * compute is provisioned for as long as it exists, so the maximum is a cost guard (a test stack
 * does not get the 16 CUs meant for production); the minimum keeps production off the size chosen
 * for a trial. Both bounds are per environment, in the policy config.
 */
import type { PolicyConfigSchema, ResourceValidationArgs, ReportViolation } from "@pulumi/policy";
import { configWithDefaults } from "./_config";
import { type PackResourcePolicy, type ResourceType, isOneOf } from "./_rule";
import { TYPES } from "./_types";

export const NAME = "alicloud-gpdb-streamingdataservice-limit-service-spec";
export const STREAMING_DATA_SERVICE_TYPE: string = TYPES.alicloud.StreamingDataService;
const APPLIES_TO: readonly ResourceType[] = [TYPES.alicloud.StreamingDataService];

/** The sizes ModifyStreamingDataService takes, in CUs (the resource accepts the same). */
const SPECS = [2, 4, 8, 16];

export interface ServiceSpecConfig {
  readonly minServiceSpec: number;
  readonly maxServiceSpec: number;
}

export const configSchema: PolicyConfigSchema = {
  properties: {
    minServiceSpec: {
      type: "integer",
      enum: SPECS,
      description: "The smallest serviceSpec (CUs) a streaming data service may have.",
      default: 2,
    },
    maxServiceSpec: {
      type: "integer",
      enum: SPECS,
      description: "The largest serviceSpec (CUs) a streaming data service may have.",
      default: 16,
    },
  },
};

export const streamingDataServiceSpec: PackResourcePolicy = {
  name: NAME,
  description:
    "A StreamingDataService's serviceSpec (compute units) must stay within the environment's range: the maximum keeps test stacks from paying for production-sized compute, the minimum keeps production off trial sizes.",
  tags: ["alicloud", "gpdb", "cost"],
  severity: "low",
  configSchema,
  appliesTo: APPLIES_TO,
  validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
    if (!isOneOf(APPLIES_TO, args)) return args.notApplicable("only StreamingDataService resources are checked");
    const spec = Number(args.props.serviceSpec);
    if (!Number.isFinite(spec)) return; // the provider's check reports a size that is not a number
    const { minServiceSpec: min, maxServiceSpec: max } = configWithDefaults<ServiceSpecConfig>(configSchema, args.getConfig());
    const service = `StreamingDataService ${JSON.stringify(args.name)}: serviceSpec is ${spec} CUs`;
    if (spec > max) {
      reportViolation(`${service}, above the ${max} CUs this environment allows (policy config maxServiceSpec). Set serviceSpec to ${max} or less.`);
    } else if (spec < min) {
      reportViolation(`${service}, below the ${min} CUs this environment requires (policy config minServiceSpec). Set serviceSpec to ${min} or more.`);
    }
  },
};
