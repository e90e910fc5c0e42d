/**
 * The inventory the demo and the tests run against when none is given. Every credential here is
 * fake and only opens this emulator.
 */
import { parseInventory, type Inventory } from "./inventory";

export const DEMO_ACCESS_KEY_ID = "LTAIstreamjobsDemoKey";
export const DEMO_ACCESS_KEY_SECRET = "streamjobs-emulator-demo-secret";

/**
 * Client settings that reach an emulator at `endpoint` with the demo key, in the provider's
 * AlibabaSettings shape (for the demo, the benchmark and tests that call the API directly).
 */
export function demoAlibabaSettings(endpoint: string, maxRequestsPerSecond = 100) {
  return {
    accessKeyId: DEMO_ACCESS_KEY_ID,
    accessKeySecret: DEMO_ACCESS_KEY_SECRET,
    securityToken: undefined,
    region: DEMO_REGION_ID,
    endpoint,
    maxRequestsPerSecond,
  };
}

/** The primary demo instance (cn-beijing) and the database account it accepts. */
export const DEMO_DB_INSTANCE_ID = "gp-demo00000000001";
export const DEMO_REGION_ID = "cn-beijing";
export const DEMO_DB_ACCOUNT = { name: "etl", password: "Demo#Pass123" } as const;
/** A second instance in another region that lists no accounts (any credentials log in). */
export const DEMO_SECOND_DB_INSTANCE_ID = "gp-demo00000000002";
/** The brokers of the cn-beijing demo Kafka cluster, in DataSourceConfig `brokers` form. */
export const DEMO_KAFKA_BROKERS = "192.168.0.10:9092,192.168.0.11:9092,192.168.0.12:9092";

export const DEFAULT_INVENTORY: Inventory = parseInventory(
  {
    accessKeys: [{ id: DEMO_ACCESS_KEY_ID, secret: DEMO_ACCESS_KEY_SECRET }],
    alibaba: {
      dbInstances: [
        {
          id: DEMO_DB_INSTANCE_ID,
          region: DEMO_REGION_ID,
          databases: ["analytics", "orders"],
          schemas: ["public", "ods"],
          accounts: [{ ...DEMO_DB_ACCOUNT }],
        },
        {
          id: DEMO_SECOND_DB_INSTANCE_ID,
          region: "cn-shanghai",
          databases: ["warehouse"],
          schemas: ["public"],
        },
      ],
      kafkaClusters: [
        {
          name: "demo-kafka",
          region: DEMO_REGION_ID,
          brokers: DEMO_KAFKA_BROKERS.split(","),
          topics: ["orders", "payments", "clickstream"],
        },
        {
          name: "demo-kafka-shanghai",
          region: "cn-shanghai",
          brokers: ["192.168.1.10:9092", "192.168.1.11:9092"],
          topics: ["events"],
        },
      ],
    },
  },
  "default inventory",
);
