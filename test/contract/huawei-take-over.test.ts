/**
 * Crash recovery and adoption for the three Huawei resources, real handlers against the emulator:
 * a `pulumi up` killed after a create reached the cloud loses the create's answer, and the next
 * `up` calls create again with the same inputs. The vendor refuses the name (EventGrid
 * EG.00513001, DIS DIS.4307 for streams and DIS.4355 for dump tasks: test/conformance/facts), so
 * the create must take the object over (same id, one object), refuse a differing one naming both
 * and the way out, and with `adopt: true` update it in place unless the difference only a
 * replacement changes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disApi } from "../../provider/apis/huawei-dis";
import { eventRouterApi } from "../../provider/apis/huawei-eg";
import { HuaweiClient } from "../../provider/clients/huawei";
import * as stream from "../../provider/resources/huaweicloud-dis-stream";
import * as task from "../../provider/resources/huaweicloud-dws-transfer-task";
import * as job from "../../provider/resources/huaweicloud-event-router-job";
import { type RunningEmulator, demoHuaweiSettings, startEmulator } from "../../emulator";
import { dwsTask, stream as baseStream } from "../fixtures/dis";
import { KAFKA_PRIMARY, kafkaJob } from "../fixtures/event-router-job";
import { callsSince, lastSeq } from "../helpers/emulator";

type Props = Record<string, unknown>;
type Checkable = { check: (o: Props, n: Props) => { inputs: Props; failures: unknown[] } };
let emu: RunningEmulator;
let eg: HuaweiClient;
let dis: HuaweiClient;
let seq = 0;

const checked = (m: Checkable, news: Props) => {
  const r = m.check({}, { timeoutSeconds: 20, ...news });
  expect(r.failures).toEqual([]);
  return r.inputs;
};
/** The vendor codes for a taken name, from the facts (eventrouter.json, dis.json error codes). */
const EG_NAME_DUPLICATED = "EG.00513001";
const DIS_STREAM_EXISTS = "DIS.4307";
const DIS_TASK_EXISTS = "DIS.4355";

const answered = (mark: number, action: string) => emu.requests(mark).filter((r) => r.action === action);
const jobsNamed = async (name: string) => (await eventRouterApi.listByName(eg, name, undefined)).filter((j) => j.name === name);

beforeAll(async () => {
  emu = await startEmulator({ settleMs: 100, log: () => {} });
  const retry = { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 100 };
  eg = new HuaweiClient("eg", { settings: demoHuaweiSettings(emu.url, 500), retry });
  dis = new HuaweiClient("dis", { settings: demoHuaweiSettings(emu.url, 500), retry });
});
afterAll(async () => emu?.close());

describe("EventRouterJob: a create whose name is taken", () => {
  const fresh = (extra: Props = {}) => checked(job, { ...kafkaJob, name: `takeover-${++seq}`, ...extra });

  it("takes over the job a killed create left behind: same id, one job, nothing changed", async () => {
    const inputs = fresh();
    const first = await job.create(inputs, eg); // its answer is lost with the killed run
    const mark = lastSeq(emu);
    const second = await job.create(inputs, eg);
    expect(second.id).toBe(first.id);
    expect(answered(mark, "CreateEventRouterJob").map((r) => r.code)).toEqual([EG_NAME_DUPLICATED]);
    expect(callsSince(emu, mark)).not.toContain("UpdateEventRouterJob");
    expect((await jobsNamed(String(inputs.name))).map((j) => j.job_id)).toEqual([first.id]);
    expect(second.outs).toMatchObject({ jobId: first.id, status: "RUNNING" });
  });

  it("completes a create interrupted before its STOP: the takeover brings the job to desiredStatus", async () => {
    const inputs = fresh({ desiredStatus: "STOPPED" });
    const made = await eventRouterApi.create(eg, job.apiBody(inputs), []); // the create step only
    const { id, outs } = await job.create(inputs, eg);
    expect(id).toBe(made.job_id);
    expect(outs.status).toBe("STOPPED");
    expect((await eventRouterApi.show(eg, id)).status).toBe("STOPPED");
  });

  it("rejects a differing job naming both and the way out, and changes nothing", async () => {
    const inputs = fresh();
    const first = await job.create(inputs, eg);
    const mark = lastSeq(emu);
    const err = (await job.create({ ...inputs, description: "another team's job" }, eg).catch((e: unknown) => e)) as Error;
    expect(err.message).toContain(`EventRouterJob "${String(inputs.name)}"`);
    expect(err.message).toContain(`job ${first.id}`);
    expect(err.message).toContain('description is "orders to the replica" there, "another team\'s job" in the program');
    expect(err.message).toContain("adopt: true");
    expect(callsSince(emu, mark)).not.toContain("UpdateEventRouterJob");
    expect((await eventRouterApi.show(eg, first.id)).description).toBe(kafkaJob.description);
  });

  it("with adopt: true updates the differing job in place: one job, the program's values on the wire and in the emulator", async () => {
    const inputs = fresh();
    const first = await job.create(inputs, eg);
    const adopted = checked(job, {
      ...inputs,
      description: "adopted",
      advanceConfig: { kafka2kafka: { ...kafkaJob.advanceConfig.kafka2kafka, topics: "t01,t02" } },
      adopt: true,
    });
    const mark = lastSeq(emu);
    const { id } = await job.create(adopted, eg);
    expect(id).toBe(first.id);
    expect(callsSince(emu, mark)).not.toContain("CreateEventRouterJob"); // looked up first
    const put = answered(mark, "UpdateEventRouterJob");
    expect(put).toHaveLength(1);
    expect(JSON.stringify(put[0]?.params)).toContain("adopted");
    const shown = await eventRouterApi.show(eg, id);
    expect(shown.description).toBe("adopted");
    expect(shown.advance_config).toMatchObject({ kafka2kafka: { topics: "t01,t02" } });
    expect(await jobsNamed(String(inputs.name))).toHaveLength(1);
  });

  it("rejects adopting a job whose source is another cluster (only a replacement changes it)", async () => {
    const inputs = fresh();
    const first = await job.create(inputs, eg);
    const source = { sourceKafka: { ...kafkaJob.sourceConfig.sourceKafka, instanceId: KAFKA_PRIMARY.replace("a001", "a003") } };
    const mark = lastSeq(emu);
    await expect(job.create({ ...inputs, sourceConfig: source, adopt: true }, eg)).rejects.toThrow(
      new RegExp(`cannot adopt job ${first.id} .*sourceConfig cannot be changed in place`),
    );
    expect(callsSince(emu, mark)).not.toContain("UpdateEventRouterJob");
  });
});

describe("DisStream: a create whose name is taken", () => {
  const fresh = (extra: Props = {}) => checked(stream, { ...baseStream, streamName: `takeover-${++seq}`, ...extra });

  it("takes over the stream a killed create left behind: same id, nothing changed", async () => {
    const inputs = fresh({ tags: [{ key: "team", value: "a" }] });
    const first = await stream.create(inputs, dis);
    const mark = lastSeq(emu);
    const second = await stream.create(inputs, dis);
    expect(second.id).toBe(first.id);
    expect(answered(mark, "CreateStream").map((r) => r.code)).toEqual([DIS_STREAM_EXISTS]);
    expect(callsSince(emu, mark).filter((a) => a !== "ShowStream")).toEqual(["CreateStream"]);
    expect(second.outs.streamId).toBe(first.outs.streamId);
  });

  it("rejects a differing stream naming both and the way out, and changes nothing", async () => {
    const inputs = fresh();
    await stream.create(inputs, dis);
    const mark = lastSeq(emu);
    const err = (await stream.create({ ...inputs, dataDuration: 48 }, dis).catch((e: unknown) => e)) as Error;
    expect(err.message).toContain(`DisStream "${String(inputs.streamName)}"`);
    expect(err.message).toContain(`stream ${String(inputs.streamName)}`);
    expect(err.message).toContain("dataDuration is 24 there, 48 in the program");
    expect(err.message).toContain("adopt: true");
    expect(callsSince(emu, mark)).not.toContain("UpdateStream");
    expect((await disApi.showStream(dis, String(inputs.streamName))).retention_period).toBe(24);
  });

  it("with adopt: true updates only what differs, in place", async () => {
    const inputs = fresh();
    const first = await stream.create(inputs, dis);
    const mark = lastSeq(emu);
    const { id } = await stream.create({ ...inputs, dataDuration: 48, adopt: true }, dis);
    expect(id).toBe(first.id);
    expect(callsSince(emu, mark)).not.toContain("CreateStream");
    const updates = answered(mark, "UpdateStream");
    expect(updates).toHaveLength(1);
    expect(updates[0]?.params).toMatchObject({ data_duration: "48" });
    expect(Object.keys(updates[0]?.params ?? {}).sort()).toEqual(["data_duration", "project_id", "stream_name"]); // path and body
    expect((await disApi.showStream(dis, id)).retention_period).toBe(48);
  });

  it("rejects adopting a stream whose compressionFormat differs (only a replacement changes it)", async () => {
    const inputs = fresh();
    await stream.create(inputs, dis);
    const mark = lastSeq(emu);
    await expect(stream.create({ ...inputs, compressionFormat: "gzip", adopt: true }, dis)).rejects.toThrow(
      /cannot adopt stream .*compressionFormat cannot be changed in place/,
    );
    expect(callsSince(emu, mark).filter((a) => a !== "ShowStream")).toEqual([]);
  });
});

describe("DwsTransferTask: a create whose name is taken", () => {
  async function onNewStream() {
    const s = checked(stream, { ...baseStream, streamName: `takeover-${++seq}` });
    await stream.create(s, dis);
    return checked(task, { ...dwsTask, streamName: s.streamName, dwsDatabaseName: "analytics", dwsSchema: "public", dwsTableName: "clicks" });
  }
  const named = async (inputs: Props) => (await disApi.listTasks(dis, String(inputs.streamName))).filter((t) => t.task_name === inputs.taskName);

  it("takes over the task a killed create left behind: same id, one task", async () => {
    const inputs = await onNewStream();
    const first = await task.create(inputs, dis);
    const mark = lastSeq(emu);
    const second = await task.create(inputs, dis);
    expect(second.id).toBe(first.id);
    expect(answered(mark, "CreateTransferTask").map((r) => r.code)).toEqual([DIS_TASK_EXISTS]);
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
