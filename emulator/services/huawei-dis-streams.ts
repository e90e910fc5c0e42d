/**
 * DIS streams (docs/vendors/dis.md#streams): create, show, list, delete, scale, the v3 in-place
 * update and tag. Streams are the parents of dump tasks; deleting one deletes its tasks.
 *
 * Quirks reproduced: create answers 201 and delete 204, both with no body; "not found" is HTTP 400
 * DIS.4301; times are ms epoch numbers; `data_duration` on create is `retention_period` on read; the
 * tag path says `stream` (singular) and names the stream by id, not by name.
 */
import type { z } from "zod";
import { disErrors } from "../errors/huawei";
import type { Inventory } from "../inventory";
import { settleAt } from "../lifecycle";
import type { HuaweiCall, HuaweiReply } from "../routers/huawei-rest";
import {
  activePartitions,
  hashRanges,
  newDisId,
  partitionId,
  scalePartitions,
  type DisStreamRecord,
  type DisStreamTable,
  type DisTaskTable,
} from "./huawei-dis-records";
import { streamStatus } from "./huawei-dis-status";
import {
  checkQuota,
  checkStreamBody,
  checkStreamUpdate,
  checkTags,
  HOUR_MS,
  parseDisBody,
  SCALES_PER_HOUR,
  toTags,
  type disSchemas,
} from "./huawei-dis-validation";

/** What the stream and task handlers share. */
export interface DisContext {
  readonly streams: DisStreamTable;
  readonly tasks: DisTaskTable;
  readonly inventory: Inventory;
  /** How long CREATING and STARTING last. */
  readonly settleMs: number;
  readonly schemas: ReturnType<typeof disSchemas>;
}

export const projectOf = (call: HuaweiCall): string => call.path.project_id ?? "";

/** The stream named in the path, or 400 DIS.4301. */
export function streamIn(ctx: DisContext, call: HuaweiCall): DisStreamRecord {
  const name = call.path.stream_name ?? "";
  const r = ctx.streams.get(projectOf(call), name);
  if (r === undefined) throw disErrors.streamNotFound(`No stream named ${JSON.stringify(name)} exists in this project.`);
  return r;
}

/** A whole-number query parameter within bounds (DIS.4200 naming it otherwise). */
export function queryNumber(query: Readonly<Record<string, string>>, name: string, fallback: number, min: number, max: number): number {
  const raw = query[name];
  if (raw === undefined || raw === "") return fallback;
  const n = /^\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN;
  if (Number.isNaN(n) || n < min || n > max) throw disErrors.invalidRequest(name, `must be a whole number from ${min} to ${max}.`);
  return n;
}

/** Items after `start` (exclusive, by `keyOf`), at most `limit`, and whether more follow. */
export function pageAfter<T>(items: readonly T[], keyOf: (item: T) => string, start: string | undefined, limit: number): { page: T[]; more: boolean } {
  const from = start === undefined || start === "" ? 0 : items.findIndex((i) => keyOf(i) > start);
  const rest = from < 0 ? [] : items.slice(from);
  return { page: rest.slice(0, limit), more: rest.length > limit };
}

const tagList = (tags: readonly { key: string; value: string }[]) => tags.map((t) => ({ key: t.key, value: t.value }));

/** [inferred] List defaults and bounds: 10 streams a page, at most 100; 100 partitions a show, at most 1000 [doc]. */
const STREAM_PAGE = { fallback: 10, max: 100 };
const PARTITION_PAGE = { fallback: 100, max: 1000 };

function renderStream(r: DisStreamRecord, now: number, query: Readonly<Record<string, string>>) {
  const status = streamStatus(r, now);
  const limit = queryNumber(query, "limit_partitions", PARTITION_PAGE.fallback, 1, PARTITION_PAGE.max);
  const start = query.start_partitionId;
  if (start !== undefined && start !== "" && !r.partitions.some((p) => partitionId(p.index) === start)) throw disErrors.invalidPartition(start);
  const { page, more } = pageAfter(r.partitions, (p) => partitionId(p.index), start, limit);
  const active = activePartitions(r).length;
  return {
    stream_id: r.streamId,
    stream_name: r.streamName,
    create_time: r.createdTime,
    last_modified_time: r.lastModifiedTime,
    retention_period: r.retentionHours,
    status,
    stream_type: r.streamType,
    data_type: r.dataType,
    // Retired partitions stay readable until their data expires: readable = ACTIVE + DELETED [doc].
    writable_partition_count: active,
    readable_partition_count: r.partitions.length,
    partitions: page.map((p) => ({
      partition_id: partitionId(p.index),
      // [inferred] A stream's partitions are CREATING while it is.
      status: status === "CREATING" ? "CREATING" : p.status,
      hash_range: p.hashRange,
      // [inferred] Nothing is ever written to an emulated stream.
      sequence_number_range: "[0 : 0]",
      parent_partitions: null,
    })),
    has_more_partitions: more,
    update_partition_counts: r.scales.map((s) => ({
      create_timestamp: s.at,
      src_partition_count: s.from,
      target_partition_count: s.to,
      // [inferred] Scaling always succeeds at once in the emulator.
      result_code: 0,
      result_msg: "",
      auto_scale: false,
    })),
    auto_scale_enabled: r.autoScaleEnabled,
    ...(r.autoScaleMin !== null && { auto_scale_min_partition_count: r.autoScaleMin }),
    ...(r.autoScaleMax !== null && { auto_scale_max_partition_count: r.autoScaleMax }),
    ...(r.dataSchema !== null && { data_schema: r.dataSchema }),
    ...(r.csvProperties !== null && { csv_properties: r.csvProperties }),
    ...(r.compressionFormat !== null && { compression_format: r.compressionFormat }),
    tags: tagList(r.tags),
    sys_tags: tagList(r.sysTags),
  };
}

function renderListed(r: DisStreamRecord, now: number) {
  return {
    stream_id: r.streamId,
    stream_name: r.streamName,
    create_time: r.createdTime,
    retention_period: r.retentionHours,
    status: streamStatus(r, now),
    stream_type: r.streamType,
    data_type: r.dataType,
    partition_count: activePartitions(r).length,
    auto_scale_enabled: r.autoScaleEnabled,
    ...(r.autoScaleMin !== null && { auto_scale_min_partition_count: r.autoScaleMin }),
    ...(r.autoScaleMax !== null && { auto_scale_max_partition_count: r.autoScaleMax }),
    tags: tagList(r.tags),
    sys_tags: tagList(r.sysTags),
  };
}

/** A body's `stream_name` must be the path's (DIS.4200 [inferred]). */
/**
 * The stream a scale or update call names, and its body: the body must name the path's stream and
 * the stream must be RUNNING (both calls change a live stream).
 */
function runningStreamUpdate<T extends z.ZodType<{ stream_name: string }>>(
  ctx: DisContext,
  call: HuaweiCall,
  schema: T,
): { r: DisStreamRecord; body: z.output<T> } {
  const r = streamIn(ctx, call);
  const body = parseDisBody(schema, call.body);
  namesPathStream(body.stream_name, r);
  const status = streamStatus(r, call.now);
  if (status !== "RUNNING") throw disErrors.streamNotRunning(r.streamName, status);
  return { r, body };
}

function namesPathStream(bodyName: string, r: DisStreamRecord): void {
  if (bodyName !== r.streamName) {
    throw disErrors.invalidRequest("stream_name", `is ${JSON.stringify(bodyName)}, but the path names stream ${r.streamName}.`);
  }
}

export function streamHandlers(ctx: DisContext) {
  const { streams, tasks, schemas } = ctx;
  return {
    CreateStream(call: HuaweiCall): HuaweiReply {
      const projectId = projectOf(call);
      const body = parseDisBody(schemas.createStream, call.body);
      checkStreamBody(body);
      if (streams.get(projectId, body.stream_name) !== undefined) throw disErrors.streamExists(body.stream_name);
      const streamType = body.stream_type ?? "COMMON";
      checkQuota(streams.all(projectId), streamType, body.partition_count);
      const ranges = hashRanges(body.partition_count);
      const record: DisStreamRecord = {
        projectId,
        streamId: newDisId(),
        streamName: body.stream_name,
        streamType,
        dataType: body.data_type ?? "BLOB",
        retentionHours: body.data_duration ?? 24,
        autoScaleEnabled: body.auto_scale_enabled ?? false,
        autoScaleMin: body.auto_scale_min_partition_count ?? null,
        autoScaleMax: body.auto_scale_max_partition_count ?? null,
        dataSchema: body.data_schema ?? null,
        csvProperties: body.csv_properties ? { ...(typeof body.csv_properties.delimiter === "string" && { delimiter: body.csv_properties.delimiter }) } : null,
        compressionFormat: body.compression_format ?? null,
        tags: toTags(body.tags),
        sysTags: toTags(body.sys_tags),
        partitions: ranges.map((hashRange, index) => ({ index, status: "ACTIVE", hashRange })),
        scales: [],
        createdTime: call.now,
        lastModifiedTime: call.now,
        settleAt: settleAt(call.now, ctx.settleMs, call.stuck),
      };
      streams.put(record);
      return { status: 201 };
    },

    ShowStream(call: HuaweiCall): HuaweiReply {
      return { body: renderStream(streamIn(ctx, call), call.now, call.query) };
    },

    ListStreams(call: HuaweiCall): HuaweiReply {
      const limit = queryNumber(call.query, "limit", STREAM_PAGE.fallback, 1, STREAM_PAGE.max);
      const all = streams.all(projectOf(call));
      const { page, more } = pageAfter(all, (s) => s.streamName, call.query.start_stream_name, limit);
      return {
        body: {
          total_number: all.length,
          stream_names: page.map((s) => s.streamName),
          has_more_streams: more,
          stream_info_list: page.map((s) => renderListed(s, call.now)),
        },
      };
    },

    /** [inferred] The stream's dump tasks go with it. */
    DeleteStream(call: HuaweiCall): HuaweiReply {
      const r = streamIn(ctx, call);
      for (const t of tasks.ofStream(r)) tasks.delete(t);
      streams.delete(r);
      return { status: 204 };
    },

    UpdatePartitionCount(call: HuaweiCall): HuaweiReply {
      const { r, body } = runningStreamUpdate(ctx, call, schemas.scale);
      const current = activePartitions(r).length;
      // Asking for the count the stream already has changes nothing and is not a scale operation [inferred].
      if (body.target_partition_count === current) return {};
      const recent = r.scales.filter((s) => s.at > call.now - HOUR_MS);
      if (recent.length >= SCALES_PER_HOUR) {
        // [inferred] The limit is documented; its code is not, so the generic DIS.4200.
        const nextAt = new Date((recent[0] as { at: number }).at + HOUR_MS).toISOString();
        throw disErrors.invalidRequest(
          "target_partition_count",
          `stream ${r.streamName} was scaled ${recent.length} times in the last hour; at most ${SCALES_PER_HOUR} scale operations are allowed per hour (next at ${nextAt}).`,
        );
      }
      if (body.target_partition_count > current) checkQuota(streams.all(r.projectId), r.streamType, body.target_partition_count, r.streamId);
      streams.put({
        ...r,
        partitions: scalePartitions(r.partitions, body.target_partition_count),
        scales: [...r.scales, { at: call.now, from: current, to: body.target_partition_count }],
        lastModifiedTime: call.now,
      });
      return {};
    },

    /**
     * The v3 in-place update of retention, data type, schema and auto-scaling: 204 with no body [doc].
     * Fields left out keep their values; turning auto-scaling off forgets the bounds; the stream must
     * be RUNNING, as for scaling [inferred].
     */
    UpdateStream(call: HuaweiCall): HuaweiReply {
      const { r, body } = runningStreamUpdate(ctx, call, schemas.updateStream);
      checkStreamUpdate(body, r);
      const autoScaleEnabled = body.auto_scale_enabled ?? r.autoScaleEnabled;
      streams.put({
        ...r,
        retentionHours: body.data_duration ?? r.retentionHours,
        dataType: body.data_type ?? r.dataType,
        dataSchema: body.data_schema ?? r.dataSchema,
        autoScaleEnabled,
        autoScaleMin: autoScaleEnabled ? (body.auto_scale_min_partition_count ?? r.autoScaleMin) : null,
        autoScaleMax: autoScaleEnabled ? (body.auto_scale_max_partition_count ?? r.autoScaleMax) : null,
        lastModifiedTime: call.now,
      });
      return { status: 204 };
    },

    /** 204 with no body [doc]; `create` adds or overwrites by key [doc], `delete` removes by key (unknown keys are ignored) [inferred]. */
    BatchStreamTagsAction(call: HuaweiCall): HuaweiReply {
      const id = call.path.stream_id ?? "";
      const r = streams.byId(projectOf(call), id);
      if (r === undefined) throw disErrors.streamNotFound(`No stream with id ${JSON.stringify(id)} exists in this project.`);
      const body = parseDisBody(schemas.tagsAction, call.body);
      const given = toTags(body.tags);
      checkTags(given, "tags");
      const keys = new Set(given.map((t) => t.key));
      const kept = r.tags.filter((t) => !keys.has(t.key));
      const next = body.action === "create" ? [...kept, ...given] : kept;
      checkTags(next, "tags");
      streams.put({ ...r, tags: next, lastModifiedTime: call.now });
      return { status: 204 };
    },
  };
}
