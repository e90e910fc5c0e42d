import { describe, expect, it } from "vitest";
import { configWithDefaults } from "../../../../policy/rules/_config";
import {
  EVENT_ROUTER_JOB_TYPE,
  asEventRouterJob,
  endpointId,
  endpointLabel,
  exactLiteral,
  fullMatch,
  jobSides,
  literalPrefix,
  prefixesCompatible,
  quotedList,
  splitTopics,
  topicRenames,
} from "../../../../policy/rules/_eventrouter";
import { SEED, kafkaJob, link, withChange } from "../../../fixtures/policy";

describe("EventRouterJob policy helpers", () => {
  it("recognises EventRouterJobs by type token only", () => {
    expect(asEventRouterJob({ type: EVENT_ROUTER_JOB_TYPE, props: kafkaJob })).toBe(kafkaJob);
    expect(asEventRouterJob({ type: "pulumi-nodejs:dynamic:Resource", props: kafkaJob })).toBeUndefined();
  });

  describe("jobSides", () => {
    it("reads the kind from the source and pairs it with the matching sink and advance config", () => {
      const sides = jobSides(kafkaJob);
      expect(sides?.kind).toBe("kafka");
      expect(sides?.sink.instanceId).toBe(SEED.sinkInstanceId);
      expect(sides?.sync?.replicaCnt).toBe(1);
      expect(jobSides(link("j", "a", "b", { kind: "rocketmq" }).props)?.kind).toBe("rocketmq");
      const dcs = jobSides(link("j", "a", "b", { kind: "dcs" }).props);
      expect(dcs?.kind).toBe("dcs");
      expect(dcs?.sync).toBeUndefined();
    });

    it("has no sides when the sink is of another kind or a side is missing", () => {
      const mixed = { ...kafkaJob, sinkConfig: { sinkRocketmq: kafkaJob.sinkConfig.sinkKafka } };
      expect(jobSides(mixed)).toBeUndefined();
      expect(jobSides(withChange(kafkaJob, "sourceConfig", undefined))).toBeUndefined();
      expect(jobSides(withChange(kafkaJob, "sourceConfig", {}))).toBeUndefined();
    });

    it("leaves the advance config out when it is missing", () => {
      expect(jobSides(withChange(kafkaJob, "advanceConfig", undefined))?.sync).toBeUndefined();
    });
  });

  describe("endpoints", () => {
    it("identifies by instance id, else by region and address, always with the kind", () => {
      expect(endpointId("kafka", { instanceId: "i-1", region: "r", address: "h:1" })).toBe("kafka:i-1");
      expect(endpointId("rocketmq", { instanceId: "i-1" })).toBe("rocketmq:i-1");
      expect(endpointId("kafka", { region: "r", address: "h:1" })).toBe("kafka:r/h:1");
      expect(endpointId("kafka", { instanceId: " ", address: "h:1" })).toBe("kafka:/h:1");
      expect(endpointId("dcs", { region: "r" })).toBeUndefined();
    });

    it("labels endpoints for messages", () => {
      expect(endpointLabel("kafka", { instanceId: "i-1", address: "h:1" })).toBe("Kafka instance i-1");
      expect(endpointLabel("rocketmq", { region: "r", address: "h:1" })).toBe("RocketMQ cluster at h:1 in r");
      expect(endpointLabel("dcs", {})).toBe("DCS cluster at an unnamed address");
    });
  });

  describe("topics", () => {
    it.each([
      ["t01", ["t01"]],
      [" orders , payments,,orders ", ["orders", "payments"]],
      [
        ["orders", "payments,refunds", 7],
        ["orders", "payments", "refunds"],
      ],
      ["", []],
      [undefined, []],
    ])("splits %j into %j", (value, topics) => {
      expect(splitTopics(value)).toEqual(topics);
    });

    it("applies topicMappings only when renameTopic is true, skipping incomplete mappings", () => {
      const topicMappings = [{ sourceTopic: "a", sinkTopic: "b" }, { sourceTopic: "c" }, { sinkTopic: "d" }];
      expect([...topicRenames({ renameTopic: true, topicMappings })]).toEqual([["a", "b"]]);
      expect(topicRenames({ renameTopic: false, topicMappings }).size).toBe(0);
      expect(topicRenames({ topicMappings }).size).toBe(0);
    });

    it("matches a topicRegex against the whole topic name", () => {
      const re = fullMatch("orders\\..*");
      expect(re?.test("orders.eu")).toBe(true);
      expect(re?.test("old.orders.eu")).toBe(false);
      expect(fullMatch("a|b")?.test("ab")).toBe(false);
      expect(fullMatch("(?i)orders")).toBeUndefined();
    });

    it.each([
      ["orders", "orders"],
      ["orders\\.eu", "orders.eu"],
      ["orders.eu", undefined],
      ["orders\\d", undefined],
      ["a|b", undefined],
      ["", undefined],
    ])("reads %j as the exact topic %j", (pattern, literal) => {
      expect(exactLiteral(pattern)).toBe(literal);
    });

    it.each([
      ["orders\\..*", "orders."],
      ["^orders-[a-z]+", "orders-"],
      ["orders?", "order"],
      ["orders*x", "order"],
      ["ab{2}", "a"],
      ["orders+", "orders"],
      [".*", ""],
      ["orders|payments", ""],
      ["(?i)orders", ""],
    ])("finds the literal prefix of %j: %j", (pattern, prefix) => {
      expect(literalPrefix(pattern)).toBe(prefix);
    });

    it("calls prefixes compatible when one starts the other", () => {
      expect(prefixesCompatible("orders.", "")).toBe(true);
      expect(prefixesCompatible("orders", "orders.eu")).toBe(true);
      expect(prefixesCompatible("orders.", "payments.")).toBe(false);
    });
  });

  it("quotes lists for messages", () => {
    expect(quotedList([])).toBe("");
    expect(quotedList(["a"])).toBe('"a"');
    expect(quotedList(["a", "b"])).toBe('"a" and "b"');
    expect(quotedList(["a", "b", "c"], "or")).toBe('"a", "b" or "c"');
  });

  it("fills config defaults from the schema under the given values", () => {
    const schema = {
      properties: {
        lookup: { type: "boolean" as const, default: false },
        brokers: { type: "object" as const, default: {} },
        extra: { type: "string" as const },
      },
    };
    expect(configWithDefaults(schema, {})).toEqual({ lookup: false, brokers: {} });
    expect(configWithDefaults(schema, { lookup: true, extra: "x", other: undefined })).toEqual({ lookup: true, brokers: {}, extra: "x" });
  });
});
