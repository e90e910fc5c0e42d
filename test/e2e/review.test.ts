/**
 * `streamjobs review` end to end: the built command (dist/cli/index.js) previews stacks of the
 * review fixture through the real Pulumi CLI with the policy pack, each with an environment's
 * policy config, and writes the markdown summary and the SARIF log a pull request shows. A
 * DwsTransferTask tolerating 5000 bad rows breaks the rejected-rows rule in both environments:
 * advisory under the dev config, mandatory under prod (so the command exits 1); the same task at
 * 10 rows passes prod (exit 0, a "no violations" line).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sarifSchemaErrors } from "../helpers/sarif-schema";
import { type Harness, lastSeq, pulumiBinDir, startHarness } from "./harness";

const ROOT = join(__dirname, "..", "..");
const CLI = join(ROOT, "dist", "cli", "index.js");
const FIXTURE = join(__dirname, "fixtures", "review");
const PACK = join(ROOT, "policy");
const RULE = "huaweicloud-dis-dwstransfertask-limit-rejected-rows";
const TYPE = "pulumi-nodejs:dynamic/huaweicloud:DwsTransferTask";

let h: Harness;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  h = await startHarness();
  const { stackEnv } = await import("../../scripts/lib/stack-env.mjs" as string);
  env = { ...process.env, ...stackEnv({ binDir: await pulumiBinDir(), stateDir: h.stateDir, passphrase: "e2e-passphrase" }) };
});
afterAll(async () => h?.close());

async function stackWith(name: string, rejectLimit: number): Promise<string> {
  const stack = await h.stack("review", name, {
    dwsPassword: { value: "Dws#Review-Secret-1", secret: true },
    rejectLimit: { value: String(rejectLimit) },
  });
  return stack.name;
}

function runCli(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: FIXTURE, env, stdio: ["ignore", "inherit", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stderr }));
  });
}

/** `review` over the stacks, each mapped to an environment's config file; the reports it wrote. */
async function review(stacks: Record<string, string>) {
  const out = mkdtempSync(join(tmpdir(), "streamjobs-review-"));
  const args = ["review", "--policy-pack", PACK, "--markdown", join(out, "review.md"), "--sarif", join(out, "review.sarif")];
  for (const [stack, envName] of Object.entries(stacks)) args.push("--stack", stack, "--policy-config", `${stack}=${join(PACK, "config", `${envName}.json`)}`);
  const mark = lastSeq(h);
  const { code, stderr } = await runCli(args);
  const markdown = readFileSync(join(out, "review.md"), "utf8");
  const sarif = JSON.parse(readFileSync(join(out, "review.sarif"), "utf8"));
  return { code, stderr, markdown, sarif, calls: h.callsSince(mark) };
}

describe("streamjobs review", () => {
  it("reports each environment's violations in markdown and SARIF, and fails on a mandatory one", async () => {
    const dev = await stackWith("rvdev", 5000);
    const prod = await stackWith("rvprod", 5000);
    const { code, stderr, markdown, sarif, calls } = await review({ [dev]: "dev", [prod]: "prod" });
    expect(stderr).toBe("");
    expect(code).toBe(1);
    expect(calls).toEqual([]);

    expect(markdown).toContain("## Policy review: e2e-review");
    expect(markdown).toContain("Policy pack `streamjobs@v0.1.0` on program `test/e2e/fixtures/review/index.ts`.");
    expect(markdown).toContain(`| ${dev} | \`${dev}\` | 2 | 0 | 0 | 0 | 0 | 0 | 1 |`);
    expect(markdown).toContain(`| ${prod} | \`${prod}\` | 2 | 0 | 0 | 0 | 0 | 1 | 0 |`);
    expect(markdown).toContain(
      `Stack \`${prod}\`, policy config \`policy/config/prod.json\`. Plan: 2 to create, 0 to update, 0 to replace, 0 to delete, 0 unchanged.`,
    );
    expect(markdown).toContain(
      `| \`${RULE}\` | 🛑 mandatory | \`dump\` (\`${TYPE}\`) | DwsTransferTask "dump": options.rejectLimit is 5000, above the 100 bad rows per load this environment allows (policy config maxRejectLimit). | Set rejectLimit to 100 or less and set options.errorTableName so the rejected rows are kept. |`,
    );
    expect(markdown).toContain(
      `| \`${RULE}\` | ⚠️ advisory | \`dump\` (\`${TYPE}\`) | DwsTransferTask "dump": options.rejectLimit is 5000, above the 1000 bad rows`,
    );
    expect(markdown).toContain("❌ 1 mandatory violation: this change cannot be deployed as it is.");

    expect(sarifSchemaErrors(sarif)).toEqual([]);
    const run = sarif.runs[0];
    expect(run.tool.driver.name).toBe("streamjobs");
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toContain(RULE);
    expect(run.results.map((r: { level: string; properties: { environment: string } }) => [r.properties.environment, r.level])).toEqual([
      [dev, "warning"],
      [prod, "error"],
    ]);
    const [location] = run.results[1].locations;
    expect(location.physicalLocation.artifactLocation.uri).toBe("test/e2e/fixtures/review/index.ts");
    expect(location.physicalLocation.region.startLine).toBe(11);
    expect(location.logicalLocations).toEqual([{ fullyQualifiedName: `urn:pulumi:${prod}::e2e-review::${TYPE}::dump`, name: "dump", kind: "resource" }]);
    expect(run.results[1].ruleId).toBe(RULE);
  });

  it("passes a compliant program under prod with a no-violations line", async () => {
    const ok = await stackWith("rvok", 10);
    const { code, markdown, sarif } = await review({ [ok]: "prod" });
    expect(code).toBe(0);
    expect(markdown).toContain("✅ No policy violations.");
    expect(markdown).toContain("✅ No mandatory violations.");
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    expect(sarif.runs[0].results).toEqual([]);
  });
});
