#!/usr/bin/env node
// Builds the policy pack the package ships, dist/policy/: the rules compiled to CommonJS
// (policy/tsconfig.build.json), PulumiPolicy.yaml, the environments' config files, the pack's
// README, and a package.json whose `main` is the compiled index.js. Pulumi then loads the pack as
// plain JavaScript: no tsconfig.json in the folder, so its runner compiles nothing and reads no
// project's TypeScript settings. `@pulumi/policy` and `@pulumi/pulumi` are not installed beside the
// pack: Node finds them by climbing from node_modules/pulumi-streamjobs/dist/policy to the
// project's node_modules, where they are this package's dependency and peer dependency.
import { spawnSync } from "node:child_process";
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const src = join(root, "policy");
const out = join(root, "dist", "policy");
const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));

/** The pack's package.json: its own name and description, the package's version and dependency ranges. */
function packManifest(rootManifest, policyManifest) {
  return {
    name: policyManifest.name,
    version: rootManifest.version,
    description: policyManifest.description,
    license: rootManifest.license,
    private: true,
    main: "index.js",
    dependencies: {
      "@pulumi/policy": rootManifest.dependencies["@pulumi/policy"],
      "@pulumi/pulumi": rootManifest.peerDependencies["@pulumi/pulumi"],
    },
  };
}

function compile() {
  const tsc = createRequire(join(root, "package.json")).resolve("typescript/bin/tsc");
  const r = spawnSync(process.execPath, [tsc, "-p", join(src, "tsconfig.build.json")], { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function main() {
  const rootManifest = readJson(join(root, "package.json"));
  const policyManifest = readJson(join(src, "package.json"));
  // The pack reports policy/package.json's version at preview; it must be the package's.
  if (policyManifest.version !== rootManifest.version) {
    console.error(`policy/package.json has version ${policyManifest.version}, package.json ${rootManifest.version}: make them equal.`);
    process.exit(1);
  }
  rmSync(out, { recursive: true, force: true });
  compile();
  cpSync(join(src, "PulumiPolicy.yaml"), join(out, "PulumiPolicy.yaml"));
  cpSync(join(src, "README.md"), join(out, "README.md"));
  cpSync(join(src, "config"), join(out, "config"), { recursive: true });
  writeFileSync(join(out, "package.json"), `${JSON.stringify(packManifest(rootManifest, policyManifest), null, 2)}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
