/**
 * `huaweicloud-eventgrid-eventrouterjob-require-cross-region-compression`: a Kafka or RocketMQ job whose source and sink are in
 * different regions must compress what it sends. Cross-region bandwidth is the slowest and most
 * expensive hop of a disaster-recovery copy, and `compressAlg` is a required field whose natural
 * first value, `none`, is easy to leave in place. Within one region compression only costs CPU, so
 * same-region jobs are left alone.
 */
import type { PolicyConfigSchema, ResourceValidationArgs, ReportViolation } from "@pulumi/policy";
import { configWithDefaults } from "./_config";
import type { PackResourcePolicy } from "./_rule";
import { EVENT_ROUTER_JOBS, KIND_NAMES, advancePath, asEventRouterJob, jobSides, nonEmpty, quotedList, type QueueKind } from "./_eventrouter";

export const NAME = "huaweicloud-eventgrid-eventrouterjob-require-cross-region-compression";

export interface CrossRegionCompressionConfig {
  readonly allowedAlgorithms: readonly string[];
}

/** What each job kind accepts (Huawei's API reference: RocketMQ has no snappy). */
const SUPPORTED: { readonly [K in Exclude<QueueKind, "dcs">]: readonly string[] } = {
  kafka: ["gzip", "snappy", "lz4", "zstd"],
  rocketmq: ["gzip", "lz4", "zstd"],
};

/** Suggested first: fast to compress and decompress, with a good ratio on typical event payloads. */
const PREFERRED = ["lz4", "zstd"];

export const configSchema: PolicyConfigSchema = {
  properties: {
    allowedAlgorithms: {
      type: "array",
      description:
        'compressAlg values a cross-region job may use. Add "none" to allow uncompressed cross-region jobs; remove gzip to insist on the faster lz4 and zstd.',
      items: { type: "string", enum: ["none", "gzip", "snappy", "lz4", "zstd"] },
      default: ["gzip", "snappy", "lz4", "zstd"],
    },
  },
};

export const eventrouterCrossRegionCompression: PackResourcePolicy = {
  name: NAME,
  description:
    "An EventRouterJob that copies Kafka or RocketMQ data between regions must compress it: uncompressed cross-region traffic is slower and uses more of the paid inter-region bandwidth.",
  tags: ["huaweicloud", "eventgrid", "cost", "performance"],
  severity: "medium",
  configSchema,
  appliesTo: EVENT_ROUTER_JOBS,
  validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
    const job = asEventRouterJob(args);
    if (job === undefined) return args.notApplicable("only EventRouterJob resources are checked");
    const sides = jobSides(job);
    if (sides === undefined || sides.kind === "dcs") return args.notApplicable("only Kafka and RocketMQ jobs have compressAlg");
    const kind = sides.kind;
    const sourceRegion = nonEmpty(sides.source.region);
    const sinkRegion = nonEmpty(sides.sink.region);
    if (sourceRegion === undefined || sinkRegion === undefined || sourceRegion === sinkRegion) return;

    const { allowedAlgorithms } = configWithDefaults<CrossRegionCompressionConfig>(configSchema, args.getConfig());
    // Missing means what the API makes of it: no compression.
    const alg = nonEmpty(sides.sync?.compressAlg)?.toLowerCase() ?? "none";
    if (allowedAlgorithms.includes(alg)) return;

    const usable = allowedAlgorithms.filter((a) => SUPPORTED[kind].includes(a));
    const preferred = PREFERRED.filter((a) => usable.includes(a));
    const suggestion = preferred.length > 0 ? preferred : usable;
    const allowed = allowedAlgorithms.length > 0 ? `may use ${allowedAlgorithms.join(", ")}` : "may use none (the list is empty)";
    const fix =
      suggestion.length > 0
        ? `Set compressAlg to ${quotedList(suggestion, "or")}.`
        : `${KIND_NAMES[kind]} jobs support none of these (they take ${SUPPORTED[kind].join(", ")}): add lz4 or zstd to allowedAlgorithms in the ${NAME} policy config.`;
    reportViolation(
      `EventRouterJob ${JSON.stringify(args.name)} copies ${KIND_NAMES[kind]} data from region ${sourceRegion} to region ${sinkRegion} with ${advancePath(kind)}.compressAlg ${JSON.stringify(alg)}; cross-region jobs ${allowed} (policy config allowedAlgorithms). ${fix}`,
    );
  },
};
