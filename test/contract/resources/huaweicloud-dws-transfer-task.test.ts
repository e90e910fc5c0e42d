/**
 * DwsTransferTask (provider/resources/huaweicloud-dws-transfer-task.ts) with the real Huawei client
 * and handlers against the emulator over loopback, without Pulumi: the handlers' lifecycle, removing
 * an optional input, and a create whose name is taken. One describe per concern, all on one
 * emulator.
 */
import { type RunningEmulator, startEmulator } from "../../../emulator";
import { disApi } from "../../../provider/apis/huawei-dis";
import type { HuaweiClient } from "../../../provider/clients/huawei";
import * as stream from "../../../provider/resources/huaweicloud-dis-stream";
import * as task from "../../../provider/resources/huaweicloud-dws-transfer-task";
import { DWS_PASSWORD, dwsTask } from "../../fixtures/dis";
import { huaweiClient, answered } from "../../helpers/clients";
import { createStream } from "../../helpers/dis";
import { callsSince, lastSeq, queueFault } from "../../helpers/emulator";
import { type Props, checkedTimed, huaweiVendorDefault } from "../../helpers/resources";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** One emulator for the file; every test names its streams and tasks afresh (`seq`), so none sees another's. */
let emu: RunningEmulator;
let dis: HuaweiClient;
let seq = 0;

beforeAll(async () => {
  emu = await startEmulator({ settleMs: 100, log: () => {} });
  dis = huaweiClient("dis", emu.url);
});
afterAll(async () => emu?.close());

/** The example dump task on stream `streamName`, into the analytics clicks table, checked for a create. */
const taskOn = (streamName: string, extra: Props = {}) =>
  checkedTimed(task, { ...dwsTask, streamName, dwsDatabaseName: "analytics", dwsSchema: "public", dwsTableName: "clicks", ...extra });

/**
 * The real Huawei client and the DisStream / DwsTransferTask handlers against the emulator over
 * loopback, without Pulumi: waits, the id read back after a bodyless 201, the 400-style not-found
 * (DIS's `{errorCode, message}` body) as gone after a deletion behind the program's back, scaling,
 * tags and UpdateStream in place, pause/resume by task id, partial failure, the 5-per-stream limit,
 * DIS's own throttling retried, and create idempotency after an ambiguous failure.
 */
describe("handlers against the emulator", () => {
  /** A fresh stream, created through the handler. */
  const newStream = () => createStream(dis, `contract-${++seq}`);

  describe("DwsTransferTask handlers against the emulator", () => {
    it("creates a task (id read back), reads it without drift, pauses and resumes by id, deletes it", async () => {
      const s = await newStream();
      const inputs = taskOn(s.id);
      const { id, outs } = await task.create(inputs, dis);
      expect(id).toBe(`${s.id}/dwstask`);
      expect(outs).toMatchObject({ state: "RUNNING", errorMessage: "" });
      expect(outs.taskId).not.toBe("");
      const read = await task.read(id, outs, dis);
      expect(task.diff(id, read.props ?? {}, inputs)).toEqual({ changes: false });
      expect(read.props?.userPassword).toBe(DWS_PASSWORD); // kept: never echoed

      const paused = await task.update(id, outs, { ...inputs, desiredStatus: "PAUSED" }, dis);
      expect(paused.outs.state).toBe("PAUSED");
      const resumed = await task.update(id, paused.outs, inputs, dis);
      expect(resumed.outs.state).toBe("RUNNING");

      await task.remove(id, resumed.outs, dis);
      expect(await task.read(id, resumed.outs, dis)).toEqual({});
      await task.remove(id, resumed.outs, dis); // DIS.4354 now: already gone, nothing to do
      await stream.remove(s.id, s.outs, dis);
    });

    it("treats a missing stream as a gone task (DIS.4301 is HTTP 400)", async () => {
      expect(await task.read("no-such-stream/dwstask", {}, dis)).toEqual({});
    });

    it("drops a task deleted behind the program's back on refresh (DIS.4354)", async () => {
      const s = await newStream();
      const { id, outs } = await task.create(taskOn(s.id), dis);
      await disApi.deleteTask(dis, s.id, "dwstask");
      expect(await task.read(id, outs, dis)).toEqual({});
      await stream.remove(s.id, s.outs, dis);
    });

    it("keeps a task that ends in ERROR in state with the service's reason, without the password", async () => {
      const s = await newStream();
      const inputs = taskOn(s.id, { dwsTableName: "no_such_table" });
      const err = (await task.create(inputs, dis).catch((e: unknown) => e)) as Error & { id?: string; properties?: Props };
      expect(err.id).toBe(`${s.id}/dwstask`);
      expect(err.properties).toMatchObject({ state: "ERROR" });
      expect(String(err.properties?.errorMessage)).not.toBe("");
      expect(err.message).toContain("was created but is not healthy: state ERROR: ");
      expect(err.message).not.toContain(DWS_PASSWORD);
      await stream.remove(s.id, s.outs, dis);
    });

    it("refuses a sixth task on a stream with a message that says what to do", async () => {
      const s = await newStream();
      for (let i = 1; i <= 5; i++) await task.create(taskOn(s.id, { taskName: `t${i}` }), dis);
      const mark = lastSeq(emu);
      await expect(task.create(taskOn(s.id, { taskName: "t6" }), dis)).rejects.toThrow(
        `DwsTransferTask "t6": stream "${s.id}" already has the most dump tasks DIS allows (5 per stream, DIS.4357). Delete a dump task of that stream, or deliver from another stream.`,
      );
      expect(callsSince(emu, mark)).toEqual(["CreateTransferTask"]);
      await stream.remove(s.id, s.outs, dis);
    });

    it("does not make a second task when the create's connection drops after it was applied", async () => {
      const s = await newStream();
      await queueFault(emu, { action: "CreateTransferTask", kind: "drop", applied: true });
      const { outs } = await task.create(taskOn(s.id), dis);
      expect(outs.state).toBe("RUNNING");
      expect((await disApi.listTasks(dis, s.id)).map((t) => t.task_name)).toEqual(["dwstask"]);
      await stream.remove(s.id, s.outs, dis);
    });

    it("retries throttling on create", async () => {
      const s = await newStream();
      await queueFault(emu, { action: "CreateTransferTask", kind: "throttle", times: 2 });
      const { outs } = await task.create(taskOn(s.id), dis);
      expect(outs.state).toBe("RUNNING");
      await stream.remove(s.id, s.outs, dis);
    });
  });
});

/**
 * Removing an optional input of a Huawei resource, real handlers against the emulator, one case
 * table: create with the input set, update with it removed, then check the recorded wire request
 * (nothing sent empty, the removed member not sent) and what the emulator holds afterwards: the
 * vendor's documented default (test/conformance/facts), nothing (the service's own default, for a
 * member the page gives none), or the old value where the removal keeps it. A refresh afterwards
 * reports no drift. Removals that only a replacement applies are a diff that replaces.
 */
describe("removing an optional input", () => {
  describe("DwsTransferTask: removing an optional input", () => {
    const base = (extra: Props) => checkedTimed(task, { ...dwsTask, ...extra });

    it.each([
      ["filePrefix", { filePrefix: "clicks/" }],
      ["dwsTableColumns", { dwsTableColumns: "a,b" }],
      ["options", { options: { rejectLimit: 10 } }],
    ] as const)("%s: every descriptor field replaces the task, so removing it does too", (field, set) => {
      const olds = base(set);
      const news = { ...olds };
      delete news[field];
      expect(task.diff("s/t", olds, news)).toMatchObject({ changes: true, replaces: [field] });
    });

    it("an options member at its documented default (booleans false, reject_limit 0) removed is no change", () => {
      const op = "CreateTransferTask_DWS";
      const defaults = {
        fillMissingFields: huaweiVendorDefault("dis.json", op, "dws_destination_descriptor", "options", "fill_missing_fields"),
        rejectLimit: huaweiVendorDefault("dis.json", op, "dws_destination_descriptor", "options", "reject_limit"),
      };
      expect(defaults).toEqual({ fillMissingFields: "false", rejectLimit: "0" });
      const olds = base({ options: { fillMissingFields: defaults.fillMissingFields === "true", rejectLimit: Number(defaults.rejectLimit) } });
      expect(task.diff("s/t", olds, base({ options: undefined }))).toEqual({ changes: false });
    });
  });
});

/**
 * Crash recovery and adoption for the three Huawei resources, real handlers against the emulator:
 * a `pulumi up` killed after a create reached the cloud loses the create's answer, and the next
 * `up` calls create again with the same inputs. The vendor refuses the name (EventGrid
 * EG.00513001, DIS DIS.4307 for streams and DIS.4355 for dump tasks: test/conformance/facts), so
 * the create must take the object over (same id, one object), refuse a differing one naming both
 * and the way out, and with `adopt: true` update it in place unless the difference only a
 * replacement changes.
 */
describe("a create whose name is taken", () => {
  const DIS_TASK_EXISTS = "DIS.4355";

  const answeredSince = (mark: number, action: string) => answered(emu, mark, action);

  describe("DwsTransferTask: a create whose name is taken", () => {
    /** The example task's inputs on a stream made for the test. */
    const onNewStream = async () => taskOn(String((await createStream(dis, `takeover-${++seq}`)).inputs.streamName));
    const named = async (inputs: Props) => (await disApi.listTasks(dis, String(inputs.streamName))).filter((t) => t.task_name === inputs.taskName);

    it("takes over the task a killed create left behind: same id, one task", async () => {
      const inputs = await onNewStream();
      const first = await task.create(inputs, dis);
      const mark = lastSeq(emu);
      const second = await task.create(inputs, dis);
      expect(second.id).toBe(first.id);
      expect(answeredSince(mark, "CreateTransferTask").map((r) => r.code)).toEqual([DIS_TASK_EXISTS]);
      expect(await named(inputs)).toHaveLength(1);
      expect(second.outs).toMatchObject({ taskId: first.outs.taskId, state: "RUNNING" });
    });

    it("completes a create interrupted before the task was started: the takeover starts it", async () => {
      const inputs = await onNewStream();
      const first = await task.create({ ...inputs, desiredStatus: "PAUSED" }, dis); // created, never started
      expect(first.outs.state).toBe("PAUSED");
      const mark = lastSeq(emu);
      const { id, outs } = await task.create(inputs, dis);
      expect(id).toBe(first.id);
      expect(callsSince(emu, mark)).toContain("BatchTransferTaskAction");
      expect(outs.state).toBe("RUNNING");
      expect((await disApi.showTask(dis, String(inputs.streamName), String(inputs.taskName))).state).toBe("RUNNING");
    });

    it("with adopt: true takes over a matching task found by name, without sending a create", async () => {
      const inputs = await onNewStream();
      const first = await task.create(inputs, dis);
      const mark = lastSeq(emu);
      const { id } = await task.create({ ...inputs, adopt: true }, dis);
      expect(id).toBe(first.id);
      expect(callsSince(emu, mark)).not.toContain("CreateTransferTask");
    });

    it("rejects a differing descriptor naming both, with adopt too (every descriptor field replaces), and changes nothing", async () => {
      const inputs = await onNewStream();
      await task.create(inputs, dis);
      const mark = lastSeq(emu);
      const plain = (await task.create({ ...inputs, deliverTimeInterval: 120 }, dis).catch((e: unknown) => e)) as Error;
      expect(plain.message).toContain(`DwsTransferTask "${String(inputs.taskName)}"`);
      expect(plain.message).toContain(`task ${String(inputs.taskName)} of stream ${String(inputs.streamName)}`);
      expect(plain.message).toContain("deliverTimeInterval is 60 there, 120 in the program");
      await expect(task.create({ ...inputs, deliverTimeInterval: 120, adopt: true }, dis)).rejects.toThrow(
        /cannot adopt task .*deliverTimeInterval cannot be changed in place/,
      );
      expect(callsSince(emu, mark)).not.toContain("BatchTransferTaskAction");
      expect(await named(inputs)).toHaveLength(1);
    });
  });
});

/**
 * Waits share their polls: the dump tasks of one stream started at once are polled by one
 * ListTransferTasks round per beat, each settled task read once with ShowTransferTask for its
 * verdict, so a task that ends in ERROR among them still fails with the service's reason. Counted
 * in the emulator's request log, on an emulator of its own whose tasks take a while to start.
 */
describe("shared status polling", () => {
  let own: RunningEmulator;
  let ownDis: HuaweiClient;

  beforeAll(async () => {
    own = await startEmulator({ settleMs: 2_000, log: () => {} });
    ownDis = huaweiClient("dis", own.url);
  });
  afterAll(async () => own?.close());

  it("starts 4 tasks of one stream with at most 3 calls per task, and fails the fifth with its reason", async () => {
    const s = await createStream(ownDis, "poll-tasks");
    const mark = lastSeq(own);
    type Failure = Error & { properties?: Props };
    const failing = task.create(taskOn(s.id, { taskName: "broken", dwsTableName: "no_such_table" }), ownDis).then(
      (): Failure => new Error("the task into a missing table was created healthy"),
      (e: unknown) => e as Failure,
    );
    const started = await Promise.all([1, 2, 3, 4].map((i) => task.create(taskOn(s.id, { taskName: `t${i}` }), ownDis)));
    const broken = await failing;
    const calls = callsSince(own, mark);
    expect(calls.filter((c) => c === "CreateTransferTask")).toHaveLength(5);
    expect(calls.filter((c) => c === "ListTransferTasks").length).toBeGreaterThan(0);
    expect(calls.length / 5).toBeLessThanOrEqual(3);
    expect(started.map((t) => t.outs.state)).toEqual(["RUNNING", "RUNNING", "RUNNING", "RUNNING"]);
    expect(broken.properties).toMatchObject({ state: "ERROR" });
    expect(String(broken.properties?.errorMessage)).not.toBe("");
    expect(broken.message).toContain(`was created but is not healthy: state ERROR: ${String(broken.properties?.errorMessage)}`);
    expect(broken.message).not.toContain(DWS_PASSWORD);
  });
});
