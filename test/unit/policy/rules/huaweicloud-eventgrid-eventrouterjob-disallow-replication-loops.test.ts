import { describe, expect, it } from "vitest";
import { UNKNOWN } from "../../../../provider/engine/check";
import { eventrouterNoReplicationLoops, noReplicationLoops } from "../../../../policy/rules/huaweicloud-eventgrid-eventrouterjob-disallow-replication-loops";
import { urnOf, validateStack, type ResourceUnderTest } from "../../../helpers/policy";
import { EMULATOR_KAFKA, SEED, kafkaJob, link, withChange } from "../../../fixtures/policy";

const A = EMULATOR_KAFKA.a001;
const B = EMULATOR_KAFKA.a002;
const C = EMULATOR_KAFKA.a003;
const D = EMULATOR_KAFKA.a004;

function run(resources: readonly ResourceUnderTest[], config: object = {}, policy = eventrouterNoReplicationLoops) {
  return validateStack(policy, resources, config);
}

const FIX_TOPIC =
  "Every message would be copied back to where it came from, without end. Remove the topic from one of these jobs, or rename it on one of them (renameTopic with topicMappings) so that the copy does not come back under the same name.";
const FIX_REGEX =
  "A topic that matches every one of these patterns would be copied back to where it came from, without end. Use explicit topics on one of these jobs, or narrow its topicRegex so that it excludes the topics the others replicate.";

describe("huaweicloud-eventgrid-eventrouterjob-disallow-replication-loops", () => {
  it("passes the seed job alone", async () => {
    expect(await run([{ name: "seed", props: kafkaJob }])).toEqual({ violations: [], urns: [] });
  });

  it("passes a chain A → B → C", async () => {
    expect((await run([link("a-to-b", A, B), link("b-to-c", B, C)])).violations).toEqual([]);
  });

  describe("literal topics", () => {
    it("rejects two jobs copying a topic A → B → A, once, against the first job", async () => {
      const r = await run([link("orders-dr", A, B, { sync: { topics: "orders,payments" } }), link("orders-failback", B, A, { sync: { topics: "orders" } })]);
      expect(r.violations).toEqual([
        `EventRouterJobs "orders-dr" and "orders-failback" copy topic "orders" around a loop: Kafka instance ${A} → Kafka instance ${B} ("orders-dr") → Kafka instance ${A} ("orders-failback"). ${FIX_TOPIC}`,
      ]);
      expect(r.urns).toEqual([urnOf("orders-dr")]);
    });

    it("names every topic that loops", async () => {
      const r = await run([
        link("dr", A, B, { sync: { topics: "orders, payments ,refunds" } }),
        link("failback", B, A, { sync: { topics: "payments,orders" } }),
      ]);
      expect(r.violations[0]).toContain('copy topics "orders" and "payments" around a loop');
    });

    it("passes jobs back and forth whose topics do not overlap", async () => {
      expect((await run([link("dr", A, B, { sync: { topics: "orders" } }), link("failback", B, A, { sync: { topics: "payments" } })])).violations).toEqual([]);
    });

    it("rejects three jobs copying a topic A → B → C → A, naming all three", async () => {
      const r = await run([link("j1", A, B), link("j2", B, C), link("j3", C, A)]);
      expect(r.violations).toEqual([
        `EventRouterJobs "j1", "j2" and "j3" copy topic "t01" around a loop: Kafka instance ${A} → Kafka instance ${B} ("j1") → Kafka instance ${C} ("j2") → Kafka instance ${A} ("j3"). ${FIX_TOPIC}`,
      ]);
    });

    it("passes a ring where one hop does not carry the topic", async () => {
      expect((await run([link("j1", A, B), link("j2", B, C, { sync: { topics: "other" } }), link("j3", C, A)])).violations).toEqual([]);
    });

    it("rejects a job copying a topic onto its own cluster", async () => {
      expect((await run([link("self", A, A)])).violations).toEqual([
        `EventRouterJob "self" copies topic "t01" around a loop: Kafka instance ${A} → Kafka instance ${A} ("self"). ${FIX_TOPIC}`,
      ]);
    });

    it("reports each cycle of parallel jobs separately, with its own topic", async () => {
      const r = await run([
        link("orders-dr", A, B, { sync: { topics: "orders" } }),
        link("payments-dr", A, B, { sync: { topics: "payments" } }),
        link("failback", B, A, { sync: { topics: "orders,payments" } }),
      ]);
      expect(r.violations.map((v) => v.slice(0, v.indexOf(" around")))).toEqual([
        'EventRouterJobs "failback" and "orders-dr" copy topic "orders"',
        'EventRouterJobs "failback" and "payments-dr" copy topic "payments"',
      ]);
      expect(r.urns).toEqual([urnOf("failback"), urnOf("failback")]);
    });

    it("says the same thing whatever order the engine lists the jobs in", async () => {
      const jobs = [link("orders-dr", A, B, { sync: { topics: "orders" } }), link("failback", B, A, { sync: { topics: "orders" } })];
      const forward = await run(jobs);
      const backward = await run([...jobs].reverse());
      expect(backward.violations).toEqual(forward.violations);
      expect(backward.urns).toEqual(forward.urns);
    });

    it("reads topics given as a list", async () => {
      const r = await run([link("dr", A, B, { sync: { topics: ["orders", "payments"] } }), link("failback", B, A, { sync: { topics: "payments" } })]);
      expect(r.violations[0]).toContain('copy topic "payments" around a loop');
    });

    it("rejects RocketMQ jobs the same way", async () => {
      const r = await run([link("mq-dr", "rmq-a", "rmq-b", { kind: "rocketmq" }), link("mq-back", "rmq-b", "rmq-a", { kind: "rocketmq" })]);
      expect(r.violations).toEqual([
        `EventRouterJobs "mq-back" and "mq-dr" copy topic "t01" around a loop: RocketMQ instance rmq-b → RocketMQ instance rmq-a ("mq-back") → RocketMQ instance rmq-b ("mq-dr"). ${FIX_TOPIC}`,
      ]);
    });

    it("never connects a Kafka and a RocketMQ instance that share an id", async () => {
      expect((await run([link("k", A, B), link("r", B, A, { kind: "rocketmq" })])).violations).toEqual([]);
    });
  });

  describe("topic renames", () => {
    const renamed = (from: string, to: string) => ({ renameTopic: true, topicMappings: [{ sourceTopic: from, sinkTopic: to }] });

    it("passes when a rename on the way out keeps the copy from coming back", async () => {
      const r = await run([
        link("dr", A, B, { sync: { topics: "orders", ...renamed("orders", "orders.dr") } }),
        link("failback", B, A, { sync: { topics: "orders" } }),
      ]);
      expect(r.violations).toEqual([]);
    });

    it("rejects a rename and its reverse, which bring the topic back under its own name", async () => {
      const r = await run([
        link("dr", A, B, { sync: { topics: "orders", ...renamed("orders", "orders.dr") } }),
        link("failback", B, A, { sync: { topics: "orders.dr", ...renamed("orders.dr", "orders") } }),
      ]);
      expect(r.violations).toEqual([
        `EventRouterJobs "dr" and "failback" copy topic "orders" around a loop: Kafka instance ${A} → Kafka instance ${B} ("dr") → Kafka instance ${A} ("failback"). ${FIX_TOPIC}`,
      ]);
    });

    it("rejects a rename that makes the failback job carry the copied topic", async () => {
      const r = await run([
        link("dr", A, B, { sync: { topics: "orders", ...renamed("orders", "orders.dr") } }),
        link("failback", B, A, { sync: { topics: "orders.dr" } }),
        link("replay", A, B, { sync: { topics: "orders.dr" } }),
      ]);
      expect(r.violations.map((v) => v.slice(0, v.indexOf(" around")))).toEqual(['EventRouterJobs "failback" and "replay" copy topic "orders.dr"']);
    });

    it("ignores topicMappings unless renameTopic is true, as the service does", async () => {
      const r = await run([
        link("dr", A, B, { sync: { topics: "orders", renameTopic: false, topicMappings: [{ sourceTopic: "orders", sinkTopic: "orders.dr" }] } }),
        link("failback", B, A, { sync: { topics: "orders" } }),
      ]);
      expect(r.violations).toHaveLength(1);
    });

    it("rejects renames that only close after two rounds (orders ⇄ payments)", async () => {
      const swap = {
        renameTopic: true,
        topicMappings: [
          { sourceTopic: "orders", sinkTopic: "payments" },
          { sourceTopic: "payments", sinkTopic: "orders" },
        ],
      };
      const r = await run([
        link("dr", A, B, { sync: { topics: "orders,payments", ...swap } }),
        link("failback", B, A, { sync: { topics: "orders,payments" } }),
      ]);
      expect(r.violations[0]).toContain('copy topics "orders" and "payments" around a loop');
    });
  });

  describe("topicRegex", () => {
    it("rejects a regex job whose pattern matches a topic the way back carries", async () => {
      const r = await run([
        link("dr", A, B, { sync: { topics: undefined, topicRegex: "orders\\..*" } }),
        link("failback", B, A, { sync: { topics: "orders.eu" } }),
      ]);
      expect(r.violations).toEqual([
        `EventRouterJobs "dr" and "failback" copy topic "orders.eu" around a loop: Kafka instance ${A} → Kafka instance ${B} ("dr") → Kafka instance ${A} ("failback"). ${FIX_TOPIC}`,
      ]);
    });

    it("matches the whole topic name, not a part of it", async () => {
      const r = await run([link("dr", A, B, { sync: { topics: undefined, topicRegex: "orders" } }), link("failback", B, A, { sync: { topics: "orders.eu" } })]);
      expect(r.violations).toEqual([]);
    });

    it("passes a regex job and a literal job whose topic the pattern does not match", async () => {
      const r = await run([link("dr", A, B, { sync: { topics: "orders" } }), link("failback", B, A, { sync: { topics: undefined, topicRegex: "pay.*" } })]);
      expect(r.violations).toEqual([]);
    });

    it("reports a cycle of regex jobs as a possible loop, showing each pattern", async () => {
      const r = await run([
        link("dr", A, B, { sync: { topics: undefined, topicRegex: "orders\\..*" } }),
        link("failback", B, A, { sync: { topics: undefined, topicRegex: ".*" } }),
      ]);
      expect(r.violations).toEqual([
        `EventRouterJobs "dr" and "failback" may copy topics around a loop: Kafka instance ${A} → Kafka instance ${B} ("dr", topicRegex "orders\\..*") → Kafka instance ${A} ("failback", topicRegex ".*"). ${FIX_REGEX}`,
      ]);
    });

    it("passes a cycle of regex jobs whose fixed prefixes no topic can share", async () => {
      const r = await run([
        link("dr", A, B, { sync: { topics: undefined, topicRegex: "orders\\..*" } }),
        link("failback", B, A, { sync: { topics: undefined, topicRegex: "payments\\..*" } }),
      ]);
      expect(r.violations).toEqual([]);
    });

    it("names a topic the stack spells out when it matches every pattern of the cycle", async () => {
      const r = await run([
        link("dr", A, B, { sync: { topics: undefined, topicRegex: "orders\\..*" } }),
        link("failback", B, A, { sync: { topics: undefined, topicRegex: ".*" } }),
        link("archive", C, D, { sync: { topics: "orders.eu" } }),
      ]);
      expect(r.violations.map((v) => v.slice(0, v.indexOf(":")))).toEqual(['EventRouterJobs "dr" and "failback" copy topic "orders.eu" around a loop']);
    });

    it("treats a pattern JavaScript cannot read as one that may match anything", async () => {
      const r = await run([
        link("dr", A, B, { sync: { topics: undefined, topicRegex: "(?i)orders.*" } }),
        link("failback", B, A, { sync: { topics: undefined, topicRegex: "payments.*" } }),
      ]);
      expect(r.violations[0]).toContain("may copy topics around a loop: Kafka instance");
    });

    it("ignores an empty topicRegex, as the vendor's example sends one", async () => {
      const r = await run([
        link("dr", A, B, { sync: { topics: "orders", topicRegex: "" } }),
        link("failback", B, A, { sync: { topics: "payments", topicRegex: "" } }),
      ]);
      expect(r.violations).toEqual([]);
    });
  });

  describe("DCS", () => {
    it("rejects any DCS cycle: its jobs copy the whole keyspace", async () => {
      const r = await run([link("cache-dr", "dcs-a", "dcs-b", { kind: "dcs" }), link("cache-failback", "dcs-b", "dcs-a", { kind: "dcs" })]);
      expect(r.violations).toEqual([
        'EventRouterJobs "cache-dr" and "cache-failback" copy data around a loop: DCS instance dcs-a → DCS instance dcs-b ("cache-dr") → DCS instance dcs-a ("cache-failback"). DCS jobs copy the whole keyspace, so every key would be copied back to where it came from, without end. Remove one of these jobs; create the reverse job only when you fail back.',
      ]);
    });

    it("passes a DCS chain", async () => {
      expect((await run([link("c1", "dcs-a", "dcs-b", { kind: "dcs" }), link("c2", "dcs-b", "dcs-c", { kind: "dcs" })])).violations).toEqual([]);
    });
  });

  describe("endpoints", () => {
    const byAddress = (resourceName: string, from: [string, string], to: [string, string]) => {
      const job = link(resourceName, "x", "y");
      const endpoint = ([region, address]: [string, string]) => ({ configType: "ADDRESS", region, projectId: SEED.projectId, clusterAlias: address, address });
      return { name: resourceName, props: { ...job.props, sourceConfig: { sourceKafka: endpoint(from) }, sinkConfig: { sinkKafka: endpoint(to) } } };
    };

    it("identifies a cluster without an instance id by region and address", async () => {
      const r = await run([
        byAddress("dr", ["r1", "10.0.0.1:9092"], ["r2", "10.0.0.1:9092"]),
        byAddress("failback", ["r2", "10.0.0.1:9092"], ["r1", "10.0.0.1:9092"]),
      ]);
      expect(r.violations).toEqual([
        `EventRouterJobs "dr" and "failback" copy topic "t01" around a loop: Kafka cluster at 10.0.0.1:9092 in r1 → Kafka cluster at 10.0.0.1:9092 in r2 ("dr") → Kafka cluster at 10.0.0.1:9092 in r1 ("failback"). ${FIX_TOPIC}`,
      ]);
    });

    it("does not confuse the same private address in two regions", async () => {
      const r = await run([
        byAddress("dr", ["r1", "10.0.0.1:9092"], ["r2", "10.0.0.1:9092"]),
        byAddress("onward", ["r2", "10.0.0.1:9092"], ["r3", "10.0.0.1:9092"]),
      ]);
      expect(r.violations).toEqual([]);
    });
  });

  describe("config", () => {
    const stack = [link("dr", A, B), link("failback", B, A, { desiredStatus: "STOPPED" })];

    it("counts a stopped job by default: starting it later would close the loop", async () => {
      expect((await run(stack)).violations).toHaveLength(1);
    });

    it("leaves stopped jobs out with ignoreStoppedJobs", async () => {
      expect((await run(stack, { ignoreStoppedJobs: true })).violations).toEqual([]);
    });
  });

  describe("applicability", () => {
    it("is not applicable to a stack without EventRouterJobs", async () => {
      const r = await run([{ name: "other", type: "pulumi-nodejs:dynamic/alicloud:StreamingJob", props: { jobName: "x" } }]);
      expect(r).toEqual({ violations: [], urns: [], notApplicable: "the stack has no EventRouterJob" });
    });

    it("skips other resources among the jobs", async () => {
      const other = { name: "other", type: "pulumi:pulumi:Stack", props: { sourceConfig: UNKNOWN } };
      expect((await run([other, link("dr", A, B), link("failback", B, A)])).violations).toHaveLength(1);
    });
  });

  describe("preview", () => {
    it("runs while computed outputs are still unknown", async () => {
      const pending = (job: ResourceUnderTest) => ({ ...job, props: { ...job.props, jobId: UNKNOWN, status: UNKNOWN } });
      expect((await run([pending(link("dr", A, B)), pending(link("failback", B, A))])).violations).toHaveLength(1);
    });

    it("cannot run while a job's topics are unknown, and says which value", async () => {
      const failback = link("failback", B, A);
      const r = await run([link("dr", A, B), { ...failback, props: withChange(failback.props, "advanceConfig.kafka2kafka.topics", UNKNOWN) }]);
      expect(r.violations).toEqual([]);
      expect(r.unknown).toBe("string value at .advanceConfig.kafka2kafka.topics can't be known during preview");
    });

    it("does not read passwords", async () => {
      const secret = (job: ResourceUnderTest) => ({ ...job, props: withChange(job.props, "sinkConfig.sinkKafka.password", UNKNOWN) });
      const r = await run([secret(link("dr", A, B)), secret(link("failback", B, A))]);
      expect(r.unknown).toBeUndefined();
      expect(r.violations).toHaveLength(1);
    });
  });

  it("stops after its search budget on a dense mesh and says so", async () => {
    const clusters = [A, B, C, D];
    const mesh = clusters.flatMap((from) => clusters.filter((to) => to !== from).map((to) => link(`${from.slice(-4)}-${to.slice(-4)}`, from, to)));
    const r = await run(mesh, {}, noReplicationLoops(5));
    expect(r.violations.at(-1)).toBe(
      "Stopped looking for replication loops after 5 steps: the 12 EventRouterJobs of this stack connect their clusters in too many ways to follow every cycle, so loops may remain beyond those reported. Split the jobs across stacks by domain, or check the rest by hand.",
    );
    // The full mesh of four clusters has 20 elementary cycles, each carrying t01.
    expect((await run(mesh)).violations).toHaveLength(20);
  });
});
