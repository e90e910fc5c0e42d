/**
 * The streamjobs policy pack: `pulumi preview --policy-pack policy --policy-pack-config
 * policy/config/<env>.json`. Rules live in rules/; this file only builds the pack, because
 * constructing a PolicyPack starts the analyzer's gRPC server (one per process).
 *
 * Everything is advisory unless the environment's config file says otherwise, so that a stack
 * previewed without a config file warns instead of failing.
 */
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./rules";

new PolicyPack("streamjobs", {
  description:
    "Guards for pulumi-streamjobs resources: Huawei Cloud EventRouterJob (replica counts, replication loops, cross-region compression), DisStream (retention, partitions) and DwsTransferTask (rejected rows); Alibaba Cloud StreamingJob (exactly-once delivery, error limit), StreamingDataService (size), StreamingDataSource (bootstrap brokers) and DISyncTask (dirty records).",
  enforcementLevel: "advisory",
  policies,
});
