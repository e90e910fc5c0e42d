/**
 * Every example program runs as documented: `pulumi up` against the emulator (with the policy
 * pack and the dev policy configuration), a second `up` with no changes, then `destroy`. Keeps the
 * examples from rotting as the resources evolve.
 */
import { readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_DB_ACCOUNT, DEMO_DWS_USER } from "../../emulator";
import { type Harness, startHarness } from "./harness";

const ROOT = join(__dirname, "..", "..");
const EXAMPLES = join(ROOT, "examples");
const policy = { policyPacks: [join(ROOT, "policy")], policyPackConfigs: [join(ROOT, "policy", "config", "dev.json")] };

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
    const stack = await h.stack(join(EXAMPLES, program), `ex-${programs.indexOf(program)}`, {
      dbPassword: { value: DEMO_DB_ACCOUNT.password, secret: true },
      dwsPassword: { value: DEMO_DWS_USER.password, secret: true },
    });
    const up = await stack.up({ ...policy });
    expect(up.summary.result).toBe("succeeded");
    expect(Object.values(up.summary.resourceChanges ?? {}).reduce((a, b) => a + b, 0)).toBeGreaterThan(1);
    const again = await stack.up({ ...policy });
    expect(Object.keys(again.summary.resourceChanges ?? {})).toEqual(["same"]);
    await stack.destroy();
  });
});
