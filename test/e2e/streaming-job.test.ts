/**
 * alicloud.StreamingJob end to end through the real Pulumi CLI: the whole lifecycle, drift,
 * out-of-band deletion, partial failure, secrets in state, and invalid programs stopped at preview.
 */
import { CommandError, type Stack } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { type Harness, lastSeq, readTree, startHarness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const INSTANCE = "gp-demo00000000001";

async function describeJob(jobResourceId: string) {
  const jobId = Number(jobResourceId.split(":")[1]);
  return h.client.call("DescribeStreamingJob", { DBInstanceId: INSTANCE, JobId: jobId });
}

async function outputs(stack: Stack) {
  const o = await stack.outputs();
  return { jobResourceId: String(o.jobResourceId?.value), jobStatus: String(o.jobStatus?.value) };
}

describe("alicloud.StreamingJob through the Pulumi CLI", () => {
  it("runs the whole lifecycle: create, no-op, update, replace, drift, out-of-band delete, destroy", async () => {
    const stack = await h.stack("streaming-job", "lifecycle");
    const printed: string[] = [];
    const onOutput = (s: string) => void printed.push(s);

    // Create: data service → data source → job, each waited on until Running.
    const up1 = await stack.up({ onOutput });
    expect(up1.summary.resourceChanges).toMatchObject({ create: 4 });
    const first = await outputs(stack);
    expect(first.jobStatus).toBe("Running");
    expect((await describeJob(first.jobResourceId)).ErrorLimitCount).toBe(10);

    // No changes: preview reports none and an `up` makes zero API calls.
    let mark = lastSeq(h);
    await stack.preview({ expectNoChanges: true });
    const noop = await stack.up();
    expect(noop.summary.resourceChanges).toEqual({ same: 4 });
    expect(h.callsSince(mark)).toEqual([]);

    // The password never lands in plain text in the backend (state, history, backups); with the
    // secrets decrypted (`stack export --show-secrets`) it is there, marked secret.
    const onDisk = readTree(join(h.stateDir, "backend"));
    expect(onDisk).toContain('"password"');
    expect(onDisk).not.toContain("Demo#Pass123");
    const shown = (await stack.exportStack()).deployment as { resources: Array<{ type: string; outputs?: Record<string, unknown> }> };
    const jobState = shown.resources.find((r) => r.type === "pulumi-nodejs:dynamic/alicloud:StreamingJob");
    expect(jobState?.outputs?.password).toMatchObject({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", plaintext: '"Demo#Pass123"' });

    // An updatable field: updated in place through ModifyStreamingJob, same job id.
    await stack.setConfig("errorLimitCount", { value: "50" });
    mark = lastSeq(h);
    const up2 = await stack.up({ onOutput });
    expect(up2.summary.resourceChanges).toEqual({ same: 3, update: 1 });
    expect(h.callsSince(mark)).toContain("ModifyStreamingJob");
    expect((await outputs(stack)).jobResourceId).toBe(first.jobResourceId);
    expect((await describeJob(first.jobResourceId)).ErrorLimitCount).toBe(50);

    // jobName cannot be modified: the job is replaced (new one first, then the old one deleted).
    await stack.setConfig("jobName", { value: "lifecycle-job-renamed" });
    const up3 = await stack.up({ onOutput });
    expect(up3.summary.resourceChanges).toEqual({ same: 3, replace: 1 });
    const renamed = await outputs(stack);
    expect(renamed.jobResourceId).not.toBe(first.jobResourceId);
    expect((await describeJob(renamed.jobResourceId)).JobName).toBe("lifecycle-job-renamed");
    await expect(describeJob(first.jobResourceId)).rejects.toThrow(/ExternalDataSourceJob.NotFound/);

    // Drift: someone changes the job in the console. Refresh sees it, preview shows it, up restores it.
    const jobId = Number(renamed.jobResourceId.split(":")[1]);
    await h.client.call("ModifyStreamingJob", { DBInstanceId: INSTANCE, JobId: jobId, ErrorLimitCount: 999 });
    const refreshed = await stack.refresh({ onOutput });
    expect(refreshed.summary.resourceChanges).toMatchObject({ update: 1 });
    const drifted = await stack.preview();
    expect(drifted.changeSummary).toMatchObject({ update: 1 });
    await stack.up();
    expect((await describeJob(renamed.jobResourceId)).ErrorLimitCount).toBe(50);

    // Deleted behind Pulumi's back: refresh drops it from state and up creates it again.
    await h.client.call("DeleteStreamingJob", { DBInstanceId: INSTANCE, JobId: jobId });
    const recreated = await stack.up({ refresh: true, onOutput });
    expect(recreated.summary.resourceChanges).toMatchObject({ create: 1 });
    const again = await outputs(stack);
    expect(again.jobStatus).toBe("Running");
    expect((await describeJob(again.jobResourceId)).JobName).toBe("lifecycle-job-renamed");

    // Destroy removes everything from the emulator.
    await stack.destroy({ onOutput });
    expect(printed.join("")).not.toContain("Demo#Pass123");
    expect(readTree(join(h.stateDir, "backend"))).not.toContain("Demo#Pass123");
    await expect(describeJob(again.jobResourceId)).rejects.toThrow(/ExternalDataSourceJob.NotFound/);
    const left = await h.client.call("ListStreamingJobs", { DBInstanceId: INSTANCE, PageSize: 100 });
    expect((left.JobItems as Array<{ JobName: string }>).map((j) => j.JobName)).not.toContain("lifecycle-job-renamed");
  });

  it("keeps a job that lands in Exception in state with its id and the service's reason, then heals it", async () => {
    const stack = await h.stack("streaming-job", "exception", { jobOverrides: { value: JSON.stringify({ destDatabase: "no_such_db" }) } });
    const err = await stack.up().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommandError);
    expect(String(err)).toMatch(
      /StreamingJob "exception-job" \(gp-demo00000000001:\d+\) after create was created but is not healthy: it is in Exception: .*no_such_db/,
    );

    const state = (await stack.exportStack()).deployment as {
      resources: Array<{ type: string; id?: string; outputs?: Record<string, unknown>; initErrors?: string[] }>;
    };
    const job = state.resources.find((r) => r.type === "pulumi-nodejs:dynamic/alicloud:StreamingJob");
    expect(job?.id).toMatch(/^gp-demo00000000001:\d+$/);
    expect(job?.outputs?.status).toBe("Exception");
    expect(job?.initErrors?.[0]).toMatch(/Exception/);

    // Fix the program: the next up updates the same job instead of leaking a second one.
    await stack.setConfig("jobOverrides", { value: "{}" });
    const healed = await stack.up();
    expect(healed.summary.resourceChanges).toMatchObject({ update: 1 });
    expect((await outputs(stack)).jobResourceId).toBe(job?.id);
    expect((await outputs(stack)).jobStatus).toBe("Running");
    await stack.destroy();
  });

  // Each invalid program is rejected at preview, naming the property, before any API call.
  const invalid: Array<[string, Record<string, unknown>, RegExp]> = [
    ["an unknown writeMode", { writeMode: "UPSERT" }, /writeMode must be one of INSERT, UPDATE, MERGE/],
    ["MERGE without matchColumns", { matchColumns: [], updateColumns: [] }, /matchColumns is required when writeMode is MERGE/],
    ["professional mode without jobConfig", { mode: "professional", destDatabase: undefined }, /jobConfig is required when mode is "professional"/],
    ["columns of different lengths", { srcColumns: ["order_id"] }, /srcColumns and destColumns must be the same length/],
  ];
  it.each(invalid)("rejects %s at preview with zero API calls", async (_name, overrides, message) => {
    const stack = await h.stack("streaming-job", "invalid", { jobOverrides: { value: JSON.stringify(overrides) } });
    const mark = lastSeq(h);
    const err = await stack.preview().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommandError);
    expect(String(err)).toMatch(message);
    expect(h.callsSince(mark)).toEqual([]);
  });
});
