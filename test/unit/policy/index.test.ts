import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { policies } from "../../../policy/rules";
import { configErrors } from "../../helpers/policy";

const POLICY_DIR = join(__dirname, "../../../policy");
const read = (path: string) => readFileSync(join(POLICY_DIR, path), "utf8");
const readJson = (path: string) => JSON.parse(read(path)) as Record<string, unknown>;

/** The enforcement level each environment's config file gives every rule. */
const LEVELS = { dev: "advisory", staging: "mandatory", prod: "mandatory" } as const;

describe("policy pack", () => {
  it("registers each rule once, each with a description and a config schema whose settings have defaults", () => {
    expect(policies.map((p) => p.name)).toEqual([
      "huaweicloud-eventgrid-eventrouterjob-limit-replicas-to-brokers",
      "huaweicloud-eventgrid-eventrouterjob-disallow-replication-loops",
      "huaweicloud-eventgrid-eventrouterjob-require-cross-region-compression",
      "huaweicloud-dis-dwstransfertask-limit-rejected-rows",
      "alicloud-dataworks-disynctask-require-error-limit",
      "alicloud-gpdb-streamingjob-require-exactly-once",
      "alicloud-gpdb-streamingjob-require-error-limit",
      "alicloud-gpdb-streamingdataservice-limit-service-spec",
      "alicloud-gpdb-streamingdatasource-require-bootstrap-brokers",
      "huaweicloud-dis-disstream-require-retention",
      "huaweicloud-dis-disstream-limit-partitions",
    ]);
    for (const p of policies) {
      expect(p.description.length, p.name).toBeGreaterThan(40);
      expect(p.configSchema, p.name).toBeDefined();
      expect(p.enforcementLevel, `${p.name} takes its level from the pack and the config files`).toBeUndefined();
      for (const [key, prop] of Object.entries(p.configSchema?.properties ?? {})) {
        expect(key, p.name).not.toBe("enforcementLevel");
        expect(prop.default, `${p.name}.${key}`).toBeDefined();
        expect(prop.description, `${p.name}.${key}`).toBeDefined();
        expect(configErrors(p.configSchema!, { [key]: prop.default }), `${p.name}.${key} default`).toEqual([]);
      }
    }
  });

  it("ships exactly the dev, staging and prod config files", () => {
    expect(readdirSync(join(POLICY_DIR, "config")).sort()).toEqual(["dev.json", "prod.json", "staging.json"]);
  });

  describe.each(Object.entries(LEVELS))("config/%s.json", (env, level) => {
    const config = readJson(`config/${env}.json`);

    it("configures every rule and nothing else", () => {
      expect(Object.keys(config).sort()).toEqual(policies.map((p) => p.name).sort());
    });

    it.each(policies.map((p) => [p.name, p] as const))(`sets %s to ${level} with settings its schema accepts`, (name, p) => {
      const { enforcementLevel, ...settings } = config[name] as Record<string, unknown>;
      expect(enforcementLevel).toBe(level);
      expect(configErrors(p.configSchema!, settings)).toEqual([]);
    });

    it("lists the broker counts of the emulator's Kafka instances, and of the example's sink in that environment", () => {
      const { brokers } = config["huaweicloud-eventgrid-eventrouterjob-limit-replicas-to-brokers"] as { brokers: Record<string, number> };
      // The event-router example's staging and prod sinks (its stacks and emulator-inventory.json).
      const exampleSink: Record<string, Record<string, number>> = {
        dev: {},
        staging: { "4e8a2c6f-0b1d-4e3f-a5c7-9e1b3d5f7a02": 3 },
        prod: { "4e8a2c6f-0b1d-4e3f-a5c7-9e1b3d5f7a12": 2 },
      };
      expect(brokers).toEqual({
        "2f7d3c1e-8a4b-4d6e-9f10-00000000a001": 3,
        "2f7d3c1e-8a4b-4d6e-9f10-00000000a002": 3,
        "2f7d3c1e-8a4b-4d6e-9f10-00000000a003": 2,
        "2f7d3c1e-8a4b-4d6e-9f10-00000000a004": 3,
        ...exampleSink[env],
      });
    });
  });

  it("checks config files for real: wrong types, bounds, enums and misspelt keys are errors", () => {
    const [replicas, , compression] = policies;
    expect(configErrors(replicas!.configSchema!, { brokers: { a: 0, b: 2.5, c: "3" }, lookup: "yes", broker: {} })).toEqual([
      "brokers.a: must be at least 1",
      "brokers.b: must be integer, got number",
      "brokers.c: must be integer, got string",
      "lookup: must be boolean, got string",
      "broker: is not a setting of this policy",
    ]);
    expect(configErrors(compression!.configSchema!, { allowedAlgorithms: ["lz4", "brotli"] })).toEqual([
      'allowedAlgorithms[1]: must be one of ["none","gzip","snappy","lz4","zstd"]',
    ]);
  });

  it("has the files the CLI needs to load it: PulumiPolicy.yaml and a versioned package.json", () => {
    expect(parse(read("PulumiPolicy.yaml"))).toMatchObject({ runtime: "nodejs", description: expect.any(String) });
    const pkg = readJson("package.json");
    const root = JSON.parse(readFileSync(join(POLICY_DIR, "../package.json"), "utf8")) as {
      version: string;
      dependencies: Record<string, string>;
      peerDependencies: Record<string, string>;
    };
    expect(pkg).toMatchObject({ name: "streamjobs-policy", private: true, version: root.version });
    // The pack resolves its dependencies from the node_modules of the package (in the repository, or
    // where a project installed it): the package's own ranges.
    expect(pkg.dependencies).toEqual({
      "@pulumi/policy": root.dependencies["@pulumi/policy"],
      "@pulumi/pulumi": root.peerDependencies["@pulumi/pulumi"],
    });
  });

  it("keeps index.ts to building the pack, and the rules free of imports from outside the pack", () => {
    const index = read("index.ts");
    expect(index).toContain('new PolicyPack("streamjobs"');
    expect(index).toContain('enforcementLevel: "advisory"');
    expect([...index.matchAll(/from "([^"]+)"/g)].map((m) => m[1])).toEqual(["@pulumi/policy", "./rules"]);
    for (const file of readdirSync(join(POLICY_DIR, "rules"))) {
      const imports = [...read(`rules/${file}`).matchAll(/from "([^"]+)"/g)].map((m) => m[1]);
      // Pulumi compiles the pack with rootDir set to it; the provider is require()d lazily instead.
      expect(
        imports.filter((i) => i !== "@pulumi/policy" && !i?.startsWith("./")),
        file,
      ).toEqual([]);
    }
  });

  it("describes the pack by every resource its rules check, in index.ts and PulumiPolicy.yaml", () => {
    const classes = [...new Set(policies.flatMap((p) => p.appliesTo.map((type) => type.slice(type.lastIndexOf(":") + 1))))];
    const description = /description:\s*"([^"]+)"/.exec(read("index.ts"))?.[1] ?? "";
    const manifest = (parse(read("PulumiPolicy.yaml")) as { description: string }).description;
    for (const name of classes) {
      expect(description, `index.ts names ${name}`).toMatch(new RegExp(`\\b${name}\\b`));
      expect(manifest, `PulumiPolicy.yaml names ${name}`).toMatch(new RegExp(`\\b${name}\\b`));
    }
  });

  it("documents every rule and setting in its README", () => {
    const readme = read("README.md");
    for (const p of policies) {
      expect(readme, p.name).toContain(`\`${p.name}\``);
      for (const key of Object.keys(p.configSchema?.properties ?? {})) expect(readme, `${p.name}.${key}`).toContain(`\`${key}\``);
    }
  });
});
