/**
 * Every example program runs as documented: `pulumi up` against the emulator (with the policy
 * pack and the dev policy configuration), a second `up` with no changes, then `destroy`; and its
 * prod stack's configuration passes the prod policy configuration at preview. README's programs
 * and the SDK's `@example`s (test/helpers/doc-programs.ts) run as written on the default
 * emulator too, each group as one project of one module per program; README's on an emulator
 * that settles slowly, so that its waits print progress, which must appear on the row of the
 * resource waited on (an ephemeral status) and never as a plain line under Diagnostics. Keeps the
 * examples from rotting as the resources evolve.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { DEMO_DB_ACCOUNT, DEMO_DWS_USER } from "../../emulator";
import { type DocProgram, readmePrograms, sdkExamples } from "../helpers/doc-programs";
import { type Harness, startHarness } from "./harness";

const ROOT = join(__dirname, "..", "..");
const EXAMPLES = join(ROOT, "examples");
const policyFor = (env: string) => ({ policyPacks: [join(ROOT, "policy")], policyPackConfigs: [join(ROOT, "policy", "config", `${env}.json`)] });
const policy = policyFor("dev");
/** The secrets the programs read, with the default emulator's values. */
const secrets = {
  dbPassword: { value: DEMO_DB_ACCOUNT.password, secret: true },
  dwsPassword: { value: DEMO_DWS_USER.password, secret: true },
  sinkPassword: { value: "any-sasl-password", secret: true },
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

// Programs with their own stacks; the demo (examples/demo) combines two of them and runs in `npm run demo`.
const programs = readdirSync(EXAMPLES).filter((d) => d !== "demo" && existsSync(join(EXAMPLES, d, "Pulumi.yaml")));

describe("the example programs", () => {
  it("lists one example per resource family", () => {
    expect(programs.sort()).toEqual([
      "alicloud-di-sync-task-offline",
      "alicloud-di-sync-task-realtime",
      "alicloud-streaming-job",
      "huaweicloud-dis-dws",
      "huaweicloud-event-router-job",
    ]);
  });

  it.each(programs)("%s: up with the policy pack, a no-change up, destroy", async (program) => {
    const stack = await h.stack(join(EXAMPLES, program), `ex-${programs.indexOf(program)}`, secrets);
    const up = await stack.up({ ...policy });
    expect(up.summary.result).toBe("succeeded");
    expect(Object.values(up.summary.resourceChanges ?? {}).reduce((a, b) => a + b, 0)).toBeGreaterThan(1);
    const again = await stack.up({ ...policy });
    expect(Object.keys(again.summary.resourceChanges ?? {})).toEqual(["same"]);
    await stack.destroy();
  });

  const previews = programs.flatMap((program) => ["staging", "prod"].map((env) => [program, env] as const));
  it.each(previews)("%s: the %s stack's config passes its environment's policy config at preview", async (program, env) => {
    const file = parse(readFileSync(join(EXAMPLES, program, "stacks", `Pulumi.${env}.yaml`), "utf8")) as { config: Record<string, unknown> };
    const config = Object.fromEntries(Object.entries(file.config).map(([k, v]) => [k, { value: String(v) }]));
    const stack = await h.stack(join(EXAMPLES, program), `ex-${env}-${programs.indexOf(program)}`, { ...secrets, ...config });
    const events: EngineEvent[] = [];
    await stack.preview({ ...policyFor(env), onEvent: (e) => events.push(e) });
    expect(events.flatMap((e) => (e.policyEvent ? [e.policyEvent.message] : []))).toEqual([]);
  });
});

/** Writes the programs as the modules of one Pulumi project under .streamjobs/ (git-ignored); returns its directory. */
function projectOf(group: string, docs: readonly DocProgram[]): string {
  const dir = join(ROOT, ".streamjobs", "doc-programs", group);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "Pulumi.yaml"), `name: doc-programs-${group}\nmain: index.ts\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n`);
  const compilerOptions = { strict: true, target: "ES2022", module: "commonjs", moduleResolution: "node", esModuleInterop: true, skipLibCheck: true };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["index.ts"] }, null, 2));
  for (const p of docs) writeFileSync(join(dir, `${p.id}.ts`), `// ${p.origin}\n${p.text}`);
  writeFileSync(join(dir, "index.ts"), docs.map((p) => `import "./${p.id}";\n`).join(""));
  return dir;
}

const created = (changes: Record<string, number> | undefined) => changes?.create ?? 0;

describe("README's programs and the SDK's @examples, on the default emulator", () => {
  let slow: Harness;
  let fast: Harness;
  beforeAll(async () => {
    // Past the waits' first progress report (every 5 s), so each wait prints one.
    slow = await startHarness({ settleMs: 6_000 });
    fast = await startHarness();
  });
  afterAll(async () => {
    await slow?.close();
    await fast?.close();
    rmSync(join(ROOT, ".streamjobs", "doc-programs"), { recursive: true, force: true });
  });

  it("README's programs: up with the policy pack, each wait's progress on its resource's row, destroy", async () => {
    const docs = readmePrograms(ROOT);
    const stack = await slow.stack(projectOf("readme", docs), "readme", secrets);
    const events: EngineEvent[] = [];
    const up = await stack.up({ ...policy, onEvent: (e) => events.push(e) });
    expect(up.summary.result).toBe("succeeded");
    expect(created(up.summary.resourceChanges)).toBeGreaterThanOrEqual(8);

    const progress = /: (still \S+, waiting for|\S+ after \d+s$)/m;
    const diags = events.flatMap((e) => (e.diagnosticEvent ? [e.diagnosticEvent] : [])).filter((d) => progress.test(d.message.trim()));
    const job = diags.filter((d) => d.urn?.endsWith("::pulumi-nodejs:dynamic/alicloud:StreamingJob::orders"));
    expect(job.length).toBeGreaterThan(0);
    expect(job.every((d) => d.ephemeral === true && d.severity === "info")).toBe(true);
    expect(diags.filter((d) => !d.ephemeral || !d.urn?.includes("::pulumi-nodejs:dynamic/"))).toEqual([]);
    // The CLI's own output: the line on the job's row, none under Diagnostics.
    expect(up.stdout).toMatch(/StreamingJob orders create(d|ing) \(\d+s\) StreamingJob "orders-to-analytics" \([^)]+\): Running after \d+s/);
    expect(up.stdout.slice(up.stdout.indexOf("\nDiagnostics:"))).not.toMatch(progress);
    // A newcomer's first run with the pack meets no advisory either.
    expect(events.flatMap((e) => (e.policyEvent ? [e.policyEvent.message] : []))).toEqual([]);

    await stack.destroy();
  });

  it("every @example: up with the policy pack, destroy", async () => {
    const docs = sdkExamples(ROOT);
    const stack = await fast.stack(projectOf("examples", docs), "examples", secrets);
    const up = await stack.up({ ...policy });
    expect(up.summary.result).toBe("succeeded");
    expect(created(up.summary.resourceChanges)).toBeGreaterThanOrEqual(docs.length);
    await stack.destroy();
  });
});
