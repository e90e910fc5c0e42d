/**
 * DIS dump ("transfer") tasks to DWS (docs/vendors/dis.md#dump-tasks to #task-states, and the
 * vendor's add-DWS-dump-task page): create, list, show, update, delete, and the batch start/stop action.
 *
 * Quirks reproduced: create answers 201 and delete 204, both with no body, so a task's id is read
 * back from show or list; tasks are addressed by name in paths but by id in the batch action; show
 * spells its descriptor key `dws_destination_descripton` (as Huawei's API and SDK do; the correct
 * spelling is not added, so a client reading only that one fails here as it would on the cloud);
 * "not found" is HTTP 400 (DIS.4301 for the stream, DIS.4354 for the task). The DWS password is
 * kept (the task needs it) and never answered.
 */
import { z } from "zod";
import { disErrors } from "../errors/huawei";
import { settleAt } from "../lifecycle";
import type { HuaweiCall, HuaweiReply } from "../routers/huawei-rest";
import { activePartitions, newDisId, partitionId, type DisStreamRecord, type DisTaskRecord, type DwsDescriptor } from "./huawei-dis-records";
import { dwsProblem, lastTransferAt, streamStatus, taskState, type TaskState } from "./huawei-dis-status";
import { parseDisBody, parseDisObject, resolveDws, TASKS_PER_STREAM } from "./huawei-dis-validation";
import { pageAfter, queryNumber, streamIn, type DisContext } from "./huawei-dis-streams";

/** [inferred] The list's page size: default and maximum 10 [doc: 1–10]. */
const TASK_PAGE = { fallback: 10, max: 10 };

/** The descriptor as answered: every stored field but the password, unset optional fields left out. */
function descriptorAnswer(d: DwsDescriptor): Record<string, unknown> {
  const { user_password: _password, ...rest } = d;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== null));
}

const descriptorKey = (type: string) => `${type.toLowerCase()}_destination_descriptor`;

export function taskHandlers(ctx: DisContext) {
  const { tasks, inventory, schemas } = ctx;

  const problem = (r: DisTaskRecord) => () => dwsProblem(r.descriptor, r.projectId, inventory);
  const stateOf = (r: DisTaskRecord, now: number): TaskState => taskState(r, now, problem(r));

  function taskIn(stream: DisStreamRecord, call: HuaweiCall): DisTaskRecord {
    const name = call.path.task_name ?? "";
    const r = tasks.get(stream, name);
    if (r === undefined) throw disErrors.taskNotFound(`Stream ${stream.streamName} has no transfer task named ${JSON.stringify(name)}.`);
    return r;
  }

  function summary(r: DisTaskRecord, now: number) {
    const state = stateOf(r, now);
    return {
      task_id: r.taskId,
      task_name: r.taskName,
      state,
      destination_type: r.destinationType,
      create_time: r.createdTime,
      last_transfer_timestamp: lastTransferAt(r, state, now),
    };
  }

  function render(r: DisTaskRecord, stream: DisStreamRecord, now: number) {
    const head = summary(r, now);
    // [inferred] Why the task is in ERROR; the API documents no field for it.
    const reason = head.state === "ERROR" ? problem(r)() : undefined;
    return {
      // The reference's example answer carries the stream's id too.
      stream_id: r.streamId,
      stream_name: r.streamName,
      ...head,
      // The example's shape, one entry per writable partition [inferred: nothing is ever delivered].
      partitions: activePartitions(stream).map((p) => ({
        partitionId: partitionId(p.index),
        discard: 0,
        state: head.state,
        last_transfer_timestamp: head.last_transfer_timestamp,
        last_transfer_offset: 0,
      })),
      dws_destination_descripton: descriptorAnswer(r.descriptor),
      ...(reason !== undefined && { error_msg: reason }),
    };
  }

  return {
    CreateTransferTask(call: HuaweiCall): HuaweiReply {
      const stream = streamIn(ctx, call);
      const status = streamStatus(stream, call.now);
      if (status !== "RUNNING") throw disErrors.streamNotRunning(stream.streamName, status);
      const envelope = parseDisBody(schemas.taskEnvelope, call.body);
      if (envelope.destination_type !== "DWS") {
        throw disErrors.invalidRequest("destination_type", `${envelope.destination_type} dump tasks are not emulated; the emulator serves DWS only.`);
      }
      const body = parseDisObject(schemas.dwsDescriptor, envelope.dws_destination_descriptor, "dws_destination_descriptor", "when destination_type is DWS");
      const descriptor = resolveDws(body, stream.projectId, inventory);
      const existing = tasks.ofStream(stream);
      if (existing.some((t) => t.taskName === descriptor.task_name)) throw disErrors.taskExists(descriptor.task_name, stream.streamName);
      if (existing.length >= TASKS_PER_STREAM) throw disErrors.taskLimit(stream.streamName, TASKS_PER_STREAM);
      tasks.put({
        projectId: stream.projectId,
        streamName: stream.streamName,
        streamId: stream.streamId,
        taskId: newDisId(),
        taskName: descriptor.task_name,
        destinationType: "DWS",
        descriptor,
        createdTime: call.now,
        transition: "STARTING",
        rest: "RUNNING",
        settleAt: settleAt(call.now, ctx.settleMs, call.stuck),
        lastTransfer: 0,
      });
      return { status: 201 };
    },

    ListTransferTasks(call: HuaweiCall): HuaweiReply {
      const stream = streamIn(ctx, call);
      const limit = queryNumber(call.query, "limit", TASK_PAGE.fallback, 1, TASK_PAGE.max);
      const all = tasks.ofStream(stream);
      const { page } = pageAfter(all, (t) => t.taskName, call.query.start_task_name, limit);
      // [inferred] `quota` is the most tasks a stream may have.
      return { body: { total_number: all.length, quota: TASKS_PER_STREAM, tasks: page.map((t) => summary(t, call.now)) } };
    },

    ShowTransferTask(call: HuaweiCall): HuaweiReply {
      const stream = streamIn(ctx, call);
      return { body: render(taskIn(stream, call), stream, call.now) };
    },

    DeleteTransferTask(call: HuaweiCall): HuaweiReply {
      const stream = streamIn(ctx, call);
      // Gone at once: the DELETE state of the enum is never shown.
      tasks.delete(taskIn(stream, call));
      return { status: 204 };
    },

    /**
     * Documented for OBS tasks only, which the emulator does not serve; every emulated task dumps to
     * DWS. [inferred] A DWS update is refused (DIS.4200): the reference documents none.
     */
    UpdateTransferTask(call: HuaweiCall): HuaweiReply {
      const stream = streamIn(ctx, call);
      const envelope = parseDisBody(schemas.taskEnvelope, call.body);
      const field = descriptorKey(envelope.destination_type);
      const named = parseDisObject(
        z.looseObject({ task_name: z.string().min(1) }),
        envelope[field as keyof typeof envelope],
        field,
        `when destination_type is ${envelope.destination_type}`,
      );
      const r = tasks.get(stream, named.task_name);
      if (r === undefined) throw disErrors.taskNotFound(`Stream ${stream.streamName} has no transfer task named ${JSON.stringify(named.task_name)}.`);
      if (envelope.destination_type === "DWS") {
        throw disErrors.invalidRequest(
          "destination_type",
          "updating DWS dump tasks is not supported; delete the task and create it again with the new settings.",
        );
      }
      throw disErrors.invalidRequest("destination_type", `is ${envelope.destination_type}, but task ${r.taskName} dumps to ${r.destinationType}.`);
    },

    /**
     * By task id. [inferred] `start` takes PAUSED and ERROR tasks through STARTING; `stop` pauses a
     * RUNNING, STARTING or ERROR task at once. Either is a no-op on a task already where it leads, so
     * a retried call succeeds. Every id is checked before anything changes.
     */
    BatchTransferTaskAction(call: HuaweiCall): HuaweiReply {
      const stream = streamIn(ctx, call);
      const body = parseDisBody(schemas.taskAction, call.body);
      const all = tasks.ofStream(stream);
      const chosen = body.tasks.map((t, i) => {
        const r = all.find((x) => x.taskId === t.id);
        if (r === undefined) throw disErrors.taskNotFound(`tasks.${i}.id: stream ${stream.streamName} has no transfer task with id ${JSON.stringify(t.id)}.`);
        return r;
      });
      for (const r of chosen) {
        const state = stateOf(r, call.now);
        if (body.action === "start" && (state === "PAUSED" || state === "ERROR")) {
          tasks.put({ ...r, transition: "STARTING", rest: "RUNNING", settleAt: settleAt(call.now, ctx.settleMs, call.stuck) });
        } else if (body.action === "stop" && state !== "PAUSED") {
          tasks.put({ ...r, transition: null, rest: "PAUSED", lastTransfer: lastTransferAt(r, state, call.now) });
        }
      }
      return {};
    },
  };
}
