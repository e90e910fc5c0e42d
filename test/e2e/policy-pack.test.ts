/**
 * The policy pack through the real CLI, as PR review runs it: `pulumi preview --policy-pack policy
 * --policy-pack-config policy/config/<env>.json` on the EventRouterJob fixture. A program that
 * breaks the rules fails with the prod config, naming each rule and resource, and passes with
 * warnings under the dev config. Preview makes no cloud API call, and neither does the pack.
 */
import { CommandError } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { EVENT_ROUTER_JOB_TYPE as TYPE, KAFKA_DR as DR, KAFKA_PRIMARY as PRIMARY } from "../fixtures/event-router-job";
import { type Harness, lastSeq, startHarness } from "./harness";

const ROOT = join(__dirname, "..", "..");
const PACK = join(ROOT, "policy");
const configOf = (env: string) => join(PACK, "config", `${env}.json`);
const REPLICAS = "huaweicloud-eventgrid-eventrouterjob-limit-replicas-to-brokers";
const LOOPS = "huaweicloud-eventgrid-eventrouterjob-disallow-replication-loops";
const COMPRESSION = "huaweicloud-eventgrid-eventrouterjob-require-cross-region-compression";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

// Three replicas onto the two-broker DR instance in another region, uncompressed, plus a job that
// copies the topic back: one violation of each rule.
const violating = { sink: "dr", replicaCnt: "3", compressAlg: "none", copyBack: "true" };

async function previewWith(name: string, env: string, config: Record<string, string>) {
  const stack = await h.stack("event-router-job", name, {
    saslPassword: { value: "Sasl#Policy-Secret-1", secret: true },
    ...Object.fromEntries(Object.entries(config).map(([k, value]) => [k, { value }])),
  });
  const out: string[] = [];
  const mark = lastSeq(h);
  const result = await stack.preview({ policyPacks: [PACK], policyPackConfigs: [configOf(env)], onOutput: (s) => void out.push(s) }).then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error: result, output: out.join("") + (result ? String(result) : ""), calls: h.callsSince(mark) };
}

describe("the policy pack in PR review", () => {
  it("fails a violating program under the prod config, naming each rule and resource", async () => {
    const { error, output, calls } = await previewWith("polprod", "prod", violating);
    expect(error).toBeInstanceOf(CommandError);
    expect(output).toContain(`[mandatory] [severity: high]  ${REPLICAS}  (${TYPE}: job)`);
    expect(output).toContain(
      `EventRouterJob "job": advanceConfig.kafka2kafka.replicaCnt is 3 but sink Kafka instance ${DR} has 2 brokers (per the policy config); set replicaCnt to 2 or less.`,
    );
    expect(output).toContain(`[mandatory] [severity: medium]  ${COMPRESSION}  (${TYPE}: job)`);
    expect(output).toContain(
      'EventRouterJob "job" copies Kafka data from region cn-north-4 to region cn-east-3 with advanceConfig.kafka2kafka.compressAlg "none"',
    );
    expect(output).toContain(`[mandatory] [severity: critical]  ${LOOPS}  (${TYPE}: copy-back)`);
    expect(output).toContain(
      `EventRouterJobs "copy-back" and "job" copy topic "orders" around a loop: Kafka instance ${DR} → Kafka instance ${PRIMARY} ("copy-back") → Kafka instance ${DR} ("job").`,
    );
    expect(calls).toEqual([]);
  });

  it("passes the same program under the dev config, with the violations as warnings", async () => {
    const { error, output, calls } = await previewWith("poldev", "dev", violating);
    expect(error).toBeUndefined();
    expect(output).toContain(`[advisory] [severity: high]  ${REPLICAS}  (${TYPE}: job)`);
    expect(output).toContain(`[advisory] [severity: critical]  ${LOOPS}  (${TYPE}: copy-back)`);
    expect(output).toContain(`[advisory] [severity: medium]  ${COMPRESSION}  (${TYPE}: job)`);
    expect(calls).toEqual([]);
  });

  it("passes a compliant program under the prod config without warnings", async () => {
    const { error, output } = await previewWith("polok", "prod", { sink: "dr", replicaCnt: "2", compressAlg: "zstd" });
    expect(error).toBeUndefined();
    expect(output).not.toMatch(/\[(mandatory|advisory)\]/);
    expect(output).toMatch(/Policies:\s+✅ streamjobs@v0\.1\.0/);
  });
});
