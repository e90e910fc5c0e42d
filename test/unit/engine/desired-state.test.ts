/**
 * The desired-state loop, against a scripted job on fake timers (its waits sleep on the real timer
 * functions, which vitest fakes, so a two-minute wait takes milliseconds). The expectations come
 * from the module header and README's "Waits": wait until the job settles; send the action when it
 * is in the other settled state; a job that ends failed stays in Pulumi's state with the service's
 * reason (the partial-failure form); an update may send one start to a failed job, a create reports
 * the failure at once; a job wanted stopped may stay failed.
 */
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { bringToDesiredState, type DesiredStateSpec } from "../../../provider/engine/desired-state";

interface Job {
  readonly status: string;
  readonly reason: string;
}

const SETTLED = ["RUNNING", "STOPPED", "ERROR"] as const;
const TRANSITIONAL = ["CREATING", "STARTING", "STOPPING"] as const;

/**
 * A job whose polls follow `initial` (the last entry repeats; `undefined` means gone), and after
 * the n-th action follow `afterSend[n]`. Records each action with the status it was sent in.
 */
function scriptedJob(initial: readonly (string | undefined)[], afterSend: readonly (readonly (string | undefined)[])[] = []) {
  let path = initial;
  let step = 0;
  const sends: { status: string; operation: string }[] = [];
  return {
    sends,
    poll: async (): Promise<Job | undefined> => {
      const status = path[Math.min(step++, path.length - 1)];
      return status === undefined ? undefined : { status, reason: status === "ERROR" ? "sink unreachable" : "" };
    },
    send: async (job: Job, operation: string) => {
      // A loop that keeps sending may never yield to a timer; fail it rather than hang the run.
      if (sends.length >= 5) throw new Error(`runaway: a sixth ${operation} sent`);
      sends.push({ status: job.status, operation });
      path = afterSend[sends.length - 1] ?? [job.status];
      step = 0;
    },
  };
}

function spec(job: ReturnType<typeof scriptedJob>, o: { desired: string; mayRestart: boolean; timeoutSeconds?: number }): DesiredStateSpec<Job> {
  const timeoutSeconds = o.timeoutSeconds ?? 120;
  return {
    kind: "huaweicloud:EventRouterJob",
    id: "job-1",
    label: 'EventRouterJob "orders" (job-1)',
    noun: "job",
    stateWord: "status",
    deadline: Date.now() + timeoutSeconds * 1000,
    timeoutSeconds,
    poll: job.poll,
    stateOf: (j) => j.status,
    settled: new Set(SETTLED),
    failed: new Set(["ERROR"]),
    desired: o.desired,
    idle: "STOPPED",
    reasonOf: (j) => j.reason,
    propsOf: (j) => ({ name: "orders", status: j?.status ?? "gone" }),
    operationFor: (d) => (d === "RUNNING" ? "START" : "STOP"),
    send: job.send,
    mayRestart: o.mayRestart,
    when: "after create",
  };
}

/** Runs the loop to its end on fake timers; a rejection comes back as the error. */
async function drive(s: DesiredStateSpec<Job>): Promise<Job | (Error & { id?: string; properties?: Record<string, unknown>; reasons?: string[] })> {
  const caught = bringToDesiredState(s).catch((e: unknown) => e as Error);
  await vi.runAllTimersAsync();
  return caught;
}

beforeEach(() => {
  vi.useFakeTimers({ now: 1_700_000_000_000 });
  vi.spyOn(console, "log").mockImplementation(() => {});
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("bringToDesiredState", () => {
  it("waits through the transitional states and sends nothing when the job settles as wanted", async () => {
    const job = scriptedJob(["CREATING", "STARTING", "RUNNING"]);
    expect(await drive(spec(job, { desired: "RUNNING", mayRestart: false }))).toEqual({ status: "RUNNING", reason: "" });
    expect(job.sends).toEqual([]);
  });

  it("sends START to a stopped job wanted running, once it has settled, and returns it running", async () => {
    const job = scriptedJob(["STOPPING", "STOPPED"], [["STARTING", "STARTING", "RUNNING"]]);
    expect(await drive(spec(job, { desired: "RUNNING", mayRestart: false }))).toMatchObject({ status: "RUNNING" });
    expect(job.sends).toEqual([{ status: "STOPPED", operation: "START" }]);
  });

  it("sends STOP to a running job wanted stopped", async () => {
    const job = scriptedJob(["RUNNING"], [["STOPPING", "STOPPED"]]);
    expect(await drive(spec(job, { desired: "STOPPED", mayRestart: false }))).toMatchObject({ status: "STOPPED" });
    expect(job.sends).toEqual([{ status: "RUNNING", operation: "STOP" }]);
  });

  it("fails a create whose job ends failed at once, keeping it in state with the service's reason", async () => {
    const job = scriptedJob(["CREATING", "ERROR"]);
    const err = await drive(spec(job, { desired: "RUNNING", mayRestart: false }));
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({ id: "job-1", properties: { name: "orders", status: "ERROR" } });
    expect((err as Error).message).toContain("huaweicloud:EventRouterJob");
    expect((err as Error).message).toContain("status ERROR: sink unreachable");
    expect((err as { reasons?: string[] }).reasons?.[0]).toContain("sink unreachable");
    expect(job.sends).toEqual([]);
  });

  it("heals a failed job on update with one START", async () => {
    const job = scriptedJob(["ERROR"], [["STARTING", "RUNNING"]]);
    expect(await drive(spec(job, { desired: "RUNNING", mayRestart: true }))).toMatchObject({ status: "RUNNING" });
    expect(job.sends).toEqual([{ status: "ERROR", operation: "START" }]);
  });

  it("fails an update whose one START leaves the job failed again, without a second START", async () => {
    const job = scriptedJob(
      ["ERROR"],
      [
        ["STARTING", "ERROR"],
        ["STARTING", "RUNNING"],
      ],
    );
    const err = await drive(spec(job, { desired: "RUNNING", mayRestart: true }));
    expect(err).toMatchObject({ id: "job-1", properties: { status: "ERROR" } });
    expect((err as Error).message).toContain("sink unreachable");
    expect(job.sends).toHaveLength(1);
  });

  it("keeps a failed job wanted stopped as it is: it does not run, its last error stays", async () => {
    const job = scriptedJob(["ERROR"]);
    expect(await drive(spec(job, { desired: "STOPPED", mayRestart: true }))).toEqual({ status: "ERROR", reason: "sink unreachable" });
    expect(job.sends).toEqual([]);
  });

  it("fails when the action leaves the job in the other settled state, naming both", async () => {
    const job = scriptedJob(["STOPPED"], [["STARTING", "STOPPED"]]);
    const err = await drive(spec(job, { desired: "RUNNING", mayRestart: false }));
    expect(err).toMatchObject({ id: "job-1" });
    expect((err as Error).message).toContain("START left the job STOPPED, not RUNNING");
  });

  it("fails after the timeout keeping the job in state, with the last status it showed", async () => {
    const job = scriptedJob(["CREATING", "STARTING"]);
    const started = Date.now();
    const err = await drive(spec(job, { desired: "RUNNING", mayRestart: false, timeoutSeconds: 30 }));
    expect(err).toMatchObject({ id: "job-1", properties: { status: "STARTING" } });
    expect((err as Error).message).toContain("timed out after 30s");
    expect((err as Error).message).toContain("a settled status");
    expect((err as Error).message).toContain("last status STARTING");
    expect(Date.now() - started).toBeGreaterThanOrEqual(30_000);
    expect(Date.now() - started).toBeLessThan(40_000);
  });

  it("fails when the job disappears, saying how to recreate it, and keeps nothing in state", async () => {
    const job = scriptedJob(["CREATING", undefined]);
    const err = await drive(spec(job, { desired: "RUNNING", mayRestart: false }));
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toHaveProperty("id");
    expect((err as Error).message).toContain('EventRouterJob "orders" (job-1) disappeared after create');
    expect((err as Error).message).toContain("pulumi refresh");
  });

  it("for any job, sends only in settled states, at most one start to a failed job, and ends as wanted or fails", async () => {
    const status = fc.constantFrom<string | undefined>(...SETTLED, ...SETTLED, undefined);
    const path = fc.tuple(fc.array(fc.constantFrom(...TRANSITIONAL), { maxLength: 4 }), status).map(([t, s]) => [...t, s]);
    await fc.assert(
      fc.asyncProperty(
        path,
        fc.array(path, { maxLength: 3 }),
        fc.constantFrom("RUNNING", "STOPPED"),
        fc.boolean(),
        async (initial, afterSend, desired, mayRestart) => {
          const job = scriptedJob(initial, afterSend);
          const s = spec(job, { desired, mayRestart });
          const outcome = await drive(s);
          for (const sent of job.sends) {
            expect(SETTLED as readonly string[]).toContain(sent.status);
            expect(sent.status).not.toBe(desired);
            expect(sent.operation).toBe(desired === "RUNNING" ? "START" : "STOP");
          }
          const toFailed = job.sends.filter((x) => x.status === "ERROR").length;
          expect(toFailed).toBeLessThanOrEqual(mayRestart && desired === "RUNNING" ? 1 : 0);
          expect(job.sends.length).toBeLessThanOrEqual(2);
          if (outcome instanceof Error) {
            // Failed, stuck or in the wrong state: kept in state under its id; only a vanished job is not.
            if (!outcome.message.includes("disappeared")) expect(outcome).toMatchObject({ id: "job-1" });
          } else {
            expect(outcome.status === desired || (desired === "STOPPED" && outcome.status === "ERROR")).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
