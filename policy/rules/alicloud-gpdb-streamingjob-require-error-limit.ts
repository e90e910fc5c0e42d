/**
 * `alicloud-gpdb-streamingjob-require-error-limit`: a streaming job must bound the bad rows it
 * tolerates, within the environment's bound. `errorLimitCount` is how many bad rows the job
 * tolerates before it fails; left unset the job runs with the service's default, which no API page
 * documents, and a large limit turns a producer's format change into rows silently missing from
 * the table instead of a job in Exception that someone looks at.
 *
 * The API takes `ErrorLimitCount` in both modes; a professional-mode job YAML can also carry
 * `KAFKA.INPUT.ERROR_LIMIT`. Which one wins when both are given is not documented, so one of them
 * must be set and every value given must be a row count within the bound (see _streamingjob.ts).
 */
import type { PolicyConfigSchema, ResourceValidationArgs, ReportViolation } from "@pulumi/policy";
import { configWithDefaults } from "./_config";
import type { PackResourcePolicy } from "./_rule";
import { STREAMING_JOBS, isProfessional, isStreamingJob, jobConfigPath, jobConfigSetting, unreadableMessage } from "./_streamingjob";

export const NAME = "alicloud-gpdb-streamingjob-require-error-limit";

const YAML_PATH = ["KAFKA", "INPUT", "ERROR_LIMIT"] as const;

export interface StreamingErrorLimitConfig {
  readonly maxErrorLimitCount: number;
}

export const configSchema: PolicyConfigSchema = {
  properties: {
    maxErrorLimitCount: {
      type: "integer",
      minimum: 0,
      description: "The largest errorLimitCount (bad rows tolerated before the job fails) a job may set, also for KAFKA.INPUT.ERROR_LIMIT of a jobConfig.",
      default: 1000,
    },
  },
};

const isCount = (value: unknown) => typeof value === "number" && Number.isInteger(value) && value >= 0;

export const streamingJobErrorLimit: PackResourcePolicy = {
  name: NAME,
  description:
    "A StreamingJob must bound the bad rows it tolerates (errorLimitCount) within the environment's bound: unset, the job runs with an undocumented default; too large, bad rows go missing and the job never fails.",
  tags: ["alicloud", "gpdb", "data-quality"],
  severity: "medium",
  configSchema,
  appliesTo: STREAMING_JOBS,
  validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
    if (!isStreamingJob(args)) return args.notApplicable("only StreamingJob resources are checked");
    const { maxErrorLimitCount: max } = configWithDefaults<StreamingErrorLimitConfig>(configSchema, args.getConfig());
    const job = JSON.stringify(args.name);
    const given: { where: string; value: unknown }[] = [];
    const count = args.props.errorLimitCount;
    if (count !== undefined && count !== null) given.push({ where: "errorLimitCount", value: count });
    if (isProfessional(args.props)) {
      const inYaml = jobConfigSetting(args.props.jobConfig, YAML_PATH);
      if (inYaml.state === "unreadable") return reportViolation(unreadableMessage(args.name, YAML_PATH));
      if (inYaml.state === "set") given.push({ where: jobConfigPath(YAML_PATH), value: inYaml.value });
    }
    if (given.length === 0) {
      const where = isProfessional(args.props) ? `errorLimitCount (nor ${jobConfigPath(YAML_PATH)})` : "errorLimitCount";
      return reportViolation(
        `StreamingJob ${job}: ${where} is not set, so the job tolerates the service's undocumented default number of bad rows. Set errorLimitCount to the number of bad rows you accept, at most ${max} (policy config maxErrorLimitCount).`,
      );
    }
    for (const { where, value } of given) {
      if (isCount(value) && (value as number) <= max) continue;
      const got = isCount(value) ? `above the ${max} bad rows this environment allows (policy config maxErrorLimitCount)` : "not a number of rows";
      reportViolation(`StreamingJob ${job}: ${where} is ${JSON.stringify(value)}, ${got}. Set it to a number of rows, at most ${max}.`);
    }
  },
};
