/**
 * `huaweicloud-dis-disstream-limit-partitions`: a DIS stream has at most the environment's number
 * of partitions, including what auto-scaling may grow it to. Partitions are the stream's
 * provisioned capacity (1 MB/s each for COMMON, 5 MB/s for ADVANCED) and exist whether or not
 * records arrive, so the bound is a cost guard per environment. With auto-scaling on, the service
 * owns the partition count between the two auto-scale bounds, so the bound applies to
 * `autoScaleMaxPartitionCount` too: a stream that starts small but may scale past the bound is
 * reported. (That the bounds are coherent among themselves, min ≤ partitionCount ≤ max, is the
 * provider's check.)
 */
import type { PolicyConfigSchema, ResourceValidationArgs, ReportViolation } from "@pulumi/policy";
import { configWithDefaults } from "./_config";
import { type PackResourcePolicy, type ResourceType, isOneOf } from "./_rule";
import { TYPES } from "./_types";

export const NAME = "huaweicloud-dis-disstream-limit-partitions";
const APPLIES_TO: readonly ResourceType[] = [TYPES.huaweicloud.DisStream];

export interface PartitionsConfig {
  readonly maxPartitions: number;
}

export const configSchema: PolicyConfigSchema = {
  properties: {
    maxPartitions: {
      type: "integer",
      minimum: 1,
      description: "The most partitions a stream may have, or may scale to with auto-scaling on.",
      default: 32,
    },
  },
};

/** The fields that set a partition count, with their values, as the stream gives them. */
function partitionFields(props: Record<string, unknown>): [string, number][] {
  const fields: [string, number][] = [["partitionCount", Number(props.partitionCount)]];
  if (props.autoScaleEnabled === true && props.autoScaleMaxPartitionCount !== undefined) {
    fields.push(["autoScaleMaxPartitionCount", Number(props.autoScaleMaxPartitionCount)]);
  }
  return fields.filter(([, n]) => Number.isFinite(n));
}

export const disStreamPartitions: PackResourcePolicy = {
  name: NAME,
  description:
    "A DisStream may have, or auto-scale to, at most the environment's number of partitions: partitions are provisioned capacity, paid for whether or not records arrive.",
  tags: ["huaweicloud", "dis", "cost"],
  severity: "low",
  configSchema,
  appliesTo: APPLIES_TO,
  validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
    if (!isOneOf(APPLIES_TO, args)) return args.notApplicable("only DisStream resources are checked");
    const { maxPartitions: max } = configWithDefaults<PartitionsConfig>(configSchema, args.getConfig());
    for (const [field, count] of partitionFields(args.props)) {
      if (count <= max) continue;
      const what = field === "partitionCount" ? `${field} is ${count}` : `auto-scaling may grow it to ${field} ${count} partitions`;
      reportViolation(
        `DisStream ${JSON.stringify(args.name)}: ${what}, above the ${max} partitions this environment allows (policy config maxPartitions). Set ${field} to ${max} or less.`,
      );
    }
  },
};
