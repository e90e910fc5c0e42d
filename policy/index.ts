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
  description: "Guards for pulumi-streamjobs resources: EventRouterJob replica counts, replication loops and cross-region compression.",
  enforcementLevel: "advisory",
  policies,
});
