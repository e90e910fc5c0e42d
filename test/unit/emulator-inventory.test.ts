import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  DEFAULT_INVENTORY,
  DEMO_ACCESS_KEY_ID,
  DEMO_ACCESS_KEY_SECRET,
  DEMO_DB_INSTANCE_ID,
  loadInventoryFile,
  parseInventory,
} from "../../emulator/index";

const dir = mkdtempSync(join(tmpdir(), "streamjobs-inventory-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const minimal = { accessKeys: [{ id: "k", secret: "s" }] };

describe("inventory", () => {
  it("exposes the demo key pair and instance in the default inventory", () => {
    expect(DEFAULT_INVENTORY.accessKeys).toContainEqual({ id: DEMO_ACCESS_KEY_ID, secret: DEMO_ACCESS_KEY_SECRET });
    const inst = DEFAULT_INVENTORY.alibaba.dbInstances.find((i) => i.id === DEMO_DB_INSTANCE_ID);
    expect(inst).toMatchObject({ region: "cn-beijing", databases: ["analytics", "orders"], accounts: [{ name: "etl" }] });
    expect(DEFAULT_INVENTORY.alibaba.dbInstances).toHaveLength(2);
    expect(DEFAULT_INVENTORY.alibaba.kafkaClusters.length).toBeGreaterThan(0);
  });

  it("applies defaults to a minimal inventory", () => {
    expect(parseInventory(minimal)).toEqual({ accessKeys: [{ id: "k", secret: "s" }], alibaba: { dbInstances: [], kafkaClusters: [] } });
  });

  it.each([
    ["YAML", "inv.yaml", "accessKeys:\n  - { id: k, secret: s }\nalibaba:\n  dbInstances:\n    - { id: gp-1, region: cn-beijing, databases: [db] }\n"],
    ["JSON", "inv.json", JSON.stringify({ ...minimal, alibaba: { dbInstances: [{ id: "gp-1", region: "cn-beijing", databases: ["db"] }] } })],
  ])("loads a %s file", (_name, file, content) => {
    const path = join(dir, file);
    writeFileSync(path, content);
    expect(loadInventoryFile(path).alibaba.dbInstances[0]).toEqual({ id: "gp-1", region: "cn-beijing", databases: ["db"], schemas: ["public"] });
  });

  it.each([
    ["no access keys", { accessKeys: [] }, "accessKeys: Too small"],
    ["an unknown top-level key", { ...minimal, alibab: {} }, 'Unrecognized key: "alibab"'],
    ["an instance without databases", { ...minimal, alibaba: { dbInstances: [{ id: "gp-1", region: "r", databases: [] }] } }, "alibaba.dbInstances.0.databases"],
    ["a broker without a port", { ...minimal, alibaba: { kafkaClusters: [{ name: "k", brokers: ["host"] }] } }, "alibaba.kafkaClusters.0.brokers.0: a broker is host:port"],
    ["a duplicate instance id", { ...minimal, alibaba: { dbInstances: [1, 2].map(() => ({ id: "gp-1", region: "r", databases: ["d"] })) } }, 'alibaba.dbInstances[].id must be unique; "gp-1"'],
    ["a broker in two clusters", { ...minimal, alibaba: { kafkaClusters: ["a", "b"].map((name) => ({ name, brokers: ["h:1"] })) } }, 'brokers must be unique; "h:1"'],
  ])("rejects an inventory with %s, naming the path", (_name, input, message) => {
    expect(() => parseInventory(input, "test inventory")).toThrow(message);
  });

  it("rejects every problem at once", () => {
    const err = (() => {
      try {
        parseInventory({ accessKeys: [{ id: "" }], alibaba: { dbInstances: [{ id: "x" }] } });
      } catch (e) {
        return (e as Error).message;
      }
      return "";
    })();
    expect(err).toContain("accessKeys.0.id");
    expect(err).toContain("accessKeys.0.secret");
    expect(err).toContain("alibaba.dbInstances.0.region");
  });

  it("fails to load a file that is not YAML, naming the file", () => {
    const path = join(dir, "broken.yaml");
    writeFileSync(path, "accessKeys: [unclosed");
    expect(() => loadInventoryFile(path)).toThrow(/inventory file .*broken\.yaml cannot be read/);
  });
});
