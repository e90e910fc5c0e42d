/**
 * DisStream (provider/resources/huaweicloud-dis-stream.ts) with the real Huawei client and handlers
 * against the emulator over loopback, without Pulumi: the handlers' lifecycle, removing an optional
 * input, and a create whose name is taken. One describe per concern, all on one emulator.
 */
import { type RunningEmulator, startEmulator } from "../../../emulator";
import { disApi } from "../../../provider/apis/huawei-dis";
import type { HuaweiClient } from "../../../provider/clients/huawei";
import * as stream from "../../../provider/resources/huaweicloud-dis-stream";
import { stream as baseStream } from "../../fixtures/dis";
import { huaweiClient, answered } from "../../helpers/clients";
import { createStream } from "../../helpers/dis";
import { callsSince, lastSeq, queueFault } from "../../helpers/emulator";
import { type Props, checkedTimed, huaweiVendorDefault } from "../../helpers/resources";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** One emulator for the file; every test names its streams afresh (`seq`), so none sees another's. */
let emu: RunningEmulator;
let dis: HuaweiClient;
let seq = 0;

beforeAll(async () => {
  emu = await startEmulator({ settleMs: 100, log: () => {} });
  dis = huaweiClient("dis", emu.url);
});
afterAll(async () => emu?.close());

/**
 * The real Huawei client and the DisStream / DwsTransferTask handlers against the emulator over
 * loopback, without Pulumi: waits, the id read back after a bodyless 201, the 400-style not-found
 * (DIS's `{errorCode, message}` body) as gone after a deletion behind the program's back, scaling,
 * tags and UpdateStream in place, pause/resume by task id, partial failure, the 5-per-stream limit,
 * DIS's own throttling retried, and create idempotency after an ambiguous failure.
 */
describe("handlers against the emulator", () => {
  /** A fresh stream, created through the handler. */
  const newStream = (extra: Props = {}) => createStream(dis, `contract-${++seq}`, extra);

  describe("DisStream handlers against the emulator", () => {
    it("creates a stream, waits for RUNNING, reads it back without drift, scales, tags and deletes it", async () => {
      const { id, outs, inputs } = await newStream({ tags: [{ key: "team", value: "a" }] });
      expect(outs).toMatchObject({ status: "RUNNING", writablePartitionCount: 2 });
      expect(outs.streamId).not.toBe("");
      const read = await stream.read(id, outs, dis);
      expect(stream.diff(id, read.props ?? {}, inputs)).toEqual({ changes: false });

      const news = {
        ...inputs,
        partitionCount: 3,
        tags: [
          { key: "team", value: "b" },
          { key: "tier", value: "gold" },
        ],
      };
      const mark = lastSeq(emu);
      const updated = await stream.update(id, outs, news, dis);
      expect(callsSince(emu, mark)).toEqual(expect.arrayContaining(["UpdatePartitionCount", "BatchStreamTagsAction"]));
      expect(updated.outs.writablePartitionCount).toBe(3);
      expect((await disApi.showStream(dis, id)).tags).toEqual(
        expect.arrayContaining([
          { key: "team", value: "b" },
          { key: "tier", value: "gold" },
        ]),
      );

      await stream.remove(id, updated.outs, dis);
      expect(await stream.read(id, updated.outs, dis)).toEqual({});
    });

    it("updates retention, data type and auto-scaling in place through UpdateStream: same stream, nothing deleted", async () => {
      const { id, outs, inputs } = await newStream();
      const news = checkedTimed(stream, {
        ...inputs,
        dataDuration: 48,
        dataType: "BLOB",
        autoScaleEnabled: true,
        autoScaleMinPartitionCount: 1,
        autoScaleMaxPartitionCount: 4,
      });
      expect(stream.diff(id, outs, news)).toEqual({ changes: true });
      const mark = lastSeq(emu);
      const updated = await stream.update(id, outs, news, dis);
      const calls = callsSince(emu, mark);
      expect(calls).toContain("UpdateStream");
      expect(calls).not.toContain("DeleteStream");
      expect(calls).not.toContain("CreateStream");
      expect(updated.outs.streamId).toBe(outs.streamId);
      expect(await disApi.showStream(dis, id)).toMatchObject({
        retention_period: 48,
        data_type: "BLOB",
        auto_scale_enabled: true,
        auto_scale_min_partition_count: 1,
        auto_scale_max_partition_count: 4,
      });
      const read = await stream.read(id, updated.outs, dis);
      expect(stream.diff(id, read.props ?? {}, news)).toEqual({ changes: false });

      // Auto-scaling off again: the bounds go, and reading back shows no drift.
      const off = checkedTimed(stream, { ...inputs, dataDuration: 48, dataType: "BLOB" });
      const again = await stream.update(id, updated.outs, off, dis);
      expect(stream.diff(id, (await stream.read(id, again.outs, dis)).props ?? {}, off)).toEqual({ changes: false });
      await stream.remove(id, again.outs, dis);
    });

    it("drops a stream deleted behind the program's back on refresh (DIS.4301), and its delete is then a no-op", async () => {
      const { id, outs } = await newStream();
      await disApi.deleteStream(dis, id);
      expect(await stream.read(id, outs, dis)).toEqual({});
      await stream.remove(id, outs, dis);
    });

    it("retries DIS's own throttling (DIS.4305) on create", async () => {
      const inputs = checkedTimed(stream, { ...baseStream, streamName: `contract-${++seq}` });
      await queueFault(emu, { action: "CreateStream", kind: "throttle", throttledBy: "service", times: 2 });
      const mark = lastSeq(emu);
      const { id, outs } = await stream.create(inputs, dis);
      expect(callsSince(emu, mark).filter((c) => c === "CreateStream")).toHaveLength(3);
      await stream.remove(id, outs, dis);
    });

    it("does not make a second stream (or fail) when the create's connection drops after it was applied", async () => {
      const inputs = checkedTimed(stream, { ...baseStream, streamName: `contract-${++seq}` });
      await queueFault(emu, { action: "CreateStream", kind: "drop", applied: true });
      const { id, outs } = await stream.create(inputs, dis);
      expect(outs.status).toBe("RUNNING");
      await stream.remove(id, outs, dis);
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
  describe("DisStream: removing an optional input", () => {
    const fresh = (extra: Props) => checkedTimed(stream, { ...baseStream, streamName: `removal-${++seq}`, ...extra });

    it("autoScaleEnabled (and its bounds): UpdateStream sends the documented default false, the bounds are not sent", async () => {
      const documented = huaweiVendorDefault("dis.json", "UpdateStream", "auto_scale_enabled");
      expect(documented).toBe("false");
      const inputs = fresh({ autoScaleEnabled: true, autoScaleMinPartitionCount: 1, autoScaleMaxPartitionCount: 4 });
      const { id, outs } = await stream.create(inputs, dis);
      const news = fresh({});
      news.streamName = id;
      expect(stream.diff(id, outs, news).replaces).toBeUndefined();
      const mark = lastSeq(emu);
      const updated = await stream.update(id, outs, news, dis);
      const sent = emu.requests(mark).filter((r) => r.action === "UpdateStream");
      expect(sent).toHaveLength(1);
      expect(sent[0]?.params).toMatchObject({ auto_scale_enabled: documented });
      expect(Object.keys(sent[0]?.params ?? {}).filter((k) => k.startsWith("auto_scale_m"))).toEqual([]);
      expect(Object.values(sent[0]?.params ?? {})).not.toContain("");
      expect((await disApi.showStream(dis, id)).auto_scale_enabled).toBe(false);
      const read = await stream.read(id, updated.outs, dis);
      expect(stream.diff(id, read.props ?? {}, news)).toEqual({ changes: false });
    });

    it("tags: deleted through the tags action (a stream has none by default)", async () => {
      const inputs = fresh({ tags: [{ key: "team", value: "a" }] });
      const { id, outs } = await stream.create(inputs, dis);
      const news = { ...inputs };
      delete news.tags;
      const mark = lastSeq(emu);
      const updated = await stream.update(id, outs, news, dis);
      const sent = emu.requests(mark).filter((r) => r.action === "BatchStreamTagsAction");
      expect(sent.map((r) => r.params.action)).toEqual(["delete"]);
      expect(Object.values(sent[0]?.params ?? {})).not.toContain("");
      expect((await disApi.showStream(dis, id)).tags).toEqual([]);
      const read = await stream.read(id, updated.outs, dis);
      expect(stream.diff(id, read.props ?? {}, news)).toEqual({ changes: false });
    });

    it.each([
      ["dataSchema", { dataSchema: '{"type":"record","name":"r","fields":[]}' }],
      ["compressionFormat", { compressionFormat: "gzip" }],
      ["sysTags", { sysTags: [{ key: "_sys_enterprise_project_id", value: "0" }] }],
      ["csvProperties", { dataType: "CSV", csvProperties: { delimiter: "," } }],
    ] as const)("%s: no API clears it, so removing it replaces the stream", (field, set) => {
      const olds = fresh(set);
      const news = { ...olds };
      delete news[field];
      expect(stream.diff("s", olds, news)).toMatchObject({ changes: true, replaces: [field] });
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
  const DIS_STREAM_EXISTS = "DIS.4307";

  const answeredSince = (mark: number, action: string) => answered(emu, mark, action);

  describe("DisStream: a create whose name is taken", () => {
    const fresh = (extra: Props = {}) => checkedTimed(stream, { ...baseStream, streamName: `takeover-${++seq}`, ...extra });

    it("takes over the stream a killed create left behind: same id, nothing changed", async () => {
      const inputs = fresh({ tags: [{ key: "team", value: "a" }] });
      const first = await stream.create(inputs, dis);
      const mark = lastSeq(emu);
      const second = await stream.create(inputs, dis);
      expect(second.id).toBe(first.id);
      expect(answeredSince(mark, "CreateStream").map((r) => r.code)).toEqual([DIS_STREAM_EXISTS]);
      // Besides reads (the look-up's show, the wait's list round and show), only the refused create.
      expect(callsSince(emu, mark).filter((a) => a !== "ShowStream" && a !== "ListStreams")).toEqual(["CreateStream"]);
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
      const updates = answeredSince(mark, "UpdateStream");
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
});

/**
 * Waits share their polls: streams created at once in one project are polled by one ListStreams
 * round per beat, so the calls per stream stay near its CreateStream and one ShowStream (the
 * verdict) instead of growing with the time the streams take to start; deletions alike. Counted
 * in the emulator's request log, on an emulator of its own whose streams take a while to start.
 */
describe("shared status polling", () => {
  const STREAMS = 12;
  let own: RunningEmulator;
  let ownDis: HuaweiClient;
  const inputsOf = (name: string, extra: Props = {}) => checkedTimed(stream, { ...baseStream, partitionCount: 1, streamName: name, ...extra });

  beforeAll(async () => {
    own = await startEmulator({ settleMs: 2_000, log: () => {} });
    ownDis = huaweiClient("dis", own.url);
  });
  afterAll(async () => own?.close());

  it(`creates ${STREAMS} streams with at most 3 calls per stream, each RUNNING with its own outputs`, async () => {
    const mark = lastSeq(own);
    const made = await Promise.all(Array.from({ length: STREAMS }, (_, i) => stream.create(inputsOf(`poll-${i}`), ownDis)));
    const calls = callsSince(own, mark);
    expect(calls.filter((c) => c === "CreateStream")).toHaveLength(STREAMS);
    expect(calls.filter((c) => c === "ListStreams").length).toBeGreaterThan(0);
    expect(calls.length / STREAMS).toBeLessThanOrEqual(3);
    expect(made.map((m) => m.outs.status)).toEqual(Array(STREAMS).fill("RUNNING"));
    expect(new Set(made.map((m) => m.outs.streamId)).size).toBe(STREAMS);
  });

  it(`deletes ${STREAMS} streams at once with at most 3 calls per stream, each gone`, async () => {
    const mark = lastSeq(own);
    const names = Array.from({ length: STREAMS }, (_, i) => `poll-${i}`);
    await Promise.all(names.map((n) => stream.remove(n, inputsOf(n), ownDis)));
    const calls = callsSince(own, mark);
    // The emulator deletes at once: one list round serves every waiter, each then shown gone.
    expect(calls.filter((c) => c === "ListStreams").length).toBeGreaterThanOrEqual(1);
    expect(calls.filter((c) => c === "ListStreams").length).toBeLessThanOrEqual(2);
    expect(calls.length / STREAMS).toBeLessThanOrEqual(3);
    for (const n of names) expect(await stream.read(n, inputsOf(n), ownDis)).toEqual({});
  });

  it("fails the one stream that never starts with its outputs from ShowStream, while the others wait on and start", async () => {
    await queueFault(own, { action: "CreateStream", kind: "stuck" });
    const mark = lastSeq(own);
    type Failure = Error & { id?: string; properties?: Props };
    const stuck = stream.create(inputsOf("poll-stuck", { timeoutSeconds: 3 }), ownDis).then(
      (): Failure => new Error("the stuck stream was created RUNNING"),
      (e: unknown) => e as Failure,
    );
    // The fault goes to the next CreateStream: the others are sent once that one has been answered.
    for (const deadline = Date.now() + 10_000; answered(own, mark, "CreateStream").length === 0; ) {
      if (Date.now() > deadline) throw new Error("the stuck stream's CreateStream was never answered");
      await new Promise((r) => setTimeout(r, 20));
    }
    const others = await Promise.all([1, 2, 3].map((i) => stream.create(inputsOf(`poll-ok-${i}`), ownDis)));
    expect(others.map((o) => o.outs.status)).toEqual(["RUNNING", "RUNNING", "RUNNING"]);
    const err = await stuck;
    expect(err.message).toContain('DisStream "poll-stuck"');
    expect(err.message).toContain("CREATING");
    expect(err.id).toBe("poll-stuck");
    expect(err.properties).toMatchObject({ status: "CREATING", streamName: "poll-stuck" });
    expect(err.properties?.streamId).not.toBe("");
  });
});
