/**
 * `alicloud-gpdb-streamingjob-require-exactly-once`: a streaming job must state its delivery
 * guarantee, and use one the environment allows (prod: EXACTLY only). With ATLEAST a restart or a
 * rebalance writes some Kafka messages into the table twice; for an INSERT job that is duplicate
 * rows in analytics, which nothing downstream reports. A job that sets no guarantee gets the
 * service's default, which no API page documents, so the rule asks for it to be written down.
 *
 * The API takes `Consistency` (ATLEAST or EXACTLY) in both modes; a professional-mode job YAML can
 * also carry `KAFKA.COMMIT.CONSISTENCY`. Which one wins when both are given is not documented, so
 * every value given must be allowed (see _streamingjob.ts, which also says why the pack has no
 * inline-password rule for the YAML).
 */
import type { PolicyConfigSchema, ResourceValidationArgs, ReportViolation } from "@pulumi/policy";
import { configWithDefaults } from "./_config";
import type { PackResourcePolicy } from "./_rule";
import { STREAMING_JOBS, isProfessional, isStreamingJob, jobConfigPath, jobConfigSetting, unreadableMessage } from "./_streamingjob";

export const NAME = "alicloud-gpdb-streamingjob-require-exactly-once";

const GUARANTEES = ["ATLEAST", "EXACTLY"] as const;
type Guarantee = (typeof GUARANTEES)[number];
const YAML_PATH = ["KAFKA", "COMMIT", "CONSISTENCY"] as const;

export interface ExactlyOnceConfig {
  readonly allowedConsistency: readonly Guarantee[];
}

export const configSchema: PolicyConfigSchema = {
  properties: {
    allowedConsistency: {
      type: "array",
      items: { type: "string", enum: [...GUARANTEES] },
      description: "The delivery guarantees a job may use (consistency, and KAFKA.COMMIT.CONSISTENCY of a professional-mode jobConfig).",
      default: ["EXACTLY"],
    },
  },
};

/** ATLEAST/EXACTLY in either case, and the YAML's `at-least` / `exactly-once` spellings. */
function guaranteeOf(value: unknown): Guarantee | undefined {
  const text = String(value)
    .toUpperCase()
    .replace(/[-_\s]/g, "");
  if (text === "ATLEAST" || text === "ATLEASTONCE") return "ATLEAST";
  if (text === "EXACTLY" || text === "EXACTLYONCE") return "EXACTLY";
  return undefined;
}

const fixFor = (allowed: readonly Guarantee[]) => (allowed.includes("EXACTLY") || allowed.length === 0 ? "EXACTLY" : "ATLEAST");

export const streamingJobExactlyOnce: PackResourcePolicy = {
  name: NAME,
  description:
    "A StreamingJob must set its delivery guarantee (consistency) to one the environment allows, EXACTLY in production: with ATLEAST a restart writes some messages into the table twice.",
  tags: ["alicloud", "gpdb", "data-quality"],
  severity: "high",
  configSchema,
  appliesTo: STREAMING_JOBS,
  validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
    if (!isStreamingJob(args)) return args.notApplicable("only StreamingJob resources are checked");
    const { allowedConsistency } = configWithDefaults<ExactlyOnceConfig>(configSchema, args.getConfig());
    const job = JSON.stringify(args.name);
    const fix = fixFor(allowedConsistency);
    const given: { where: string; value: unknown }[] = [];
    const consistency = args.props.consistency;
    if (consistency !== undefined && consistency !== null && consistency !== "") given.push({ where: "consistency", value: consistency });
    if (isProfessional(args.props)) {
      const inYaml = jobConfigSetting(args.props.jobConfig, YAML_PATH);
      if (inYaml.state === "unreadable") return reportViolation(unreadableMessage(args.name, YAML_PATH));
      if (inYaml.state === "set") given.push({ where: jobConfigPath(YAML_PATH), value: inYaml.value });
    }
    if (given.length === 0) {
      const where = isProfessional(args.props) ? `consistency (nor ${jobConfigPath(YAML_PATH)})` : "consistency";
      return reportViolation(
        `StreamingJob ${job}: ${where} is not set, so the job runs with the service's undocumented default delivery guarantee. Set consistency to "${fix}".`,
      );
    }
    for (const { where, value } of given) {
      const guarantee = guaranteeOf(value);
      if (guarantee !== undefined && allowedConsistency.includes(guarantee)) continue;
      const allowed = allowedConsistency.length > 0 ? allowedConsistency.join(", ") : "none (the list is empty)";
      reportViolation(
        `StreamingJob ${job}: ${where} is ${JSON.stringify(value)}; this environment allows ${allowed} (policy config allowedConsistency). Set it to "${fix}", so that a restart does not write messages into the table twice.`,
      );
    }
  },
};
