/**
 * The realtime generator of DataWorks DI (Generate…ForCreating / …ForUpdating): checks a realtime
 * TaskParam against the inventory project and builds the task script CreateDISyncTask and
 * UpdateDISyncTask then take. Pure functions; the verdict is the asynchronous process's, shown by
 * QueryDISyncTaskConfigProcessResult once the process settles (an in-band `fail` with the message).
 * Messages reuse the documented `X:[Y] is invalid.` form; the rest is [inferred].
 */
import { ONECLICK_TASK_TYPES } from "../../provider/apis/alibaba-dataworks";
import type { DataWorksProject } from "../inventory";
import { isObject, nonEmptyString, resourceGroupProblem, shown, type Json } from "./alibaba-dataworks-validation";

/** The writer plugin and data-source type each one-click task type writes with. */
const WRITERS: Record<(typeof ONECLICK_TASK_TYPES)[number], { stepType: string; sourceType: string }> = {
  oneclick_to_odps: { stepType: "odps", sourceType: "odps" },
  oneclick_to_kafka: { stepType: "kafka", sourceType: "kafka" },
  oneclick_to_holo: { stepType: "holo", sourceType: "hologres" },
};

export type Generated = { ok: true; taskContent: string } | { ok: false; message: string };

const fail = (message: string): Generated => ({ ok: false, message });

function dataSourceProblem(name: unknown, wantType: string, role: string, project: DataWorksProject): string | undefined {
  if (!nonEmptyString(name)) return `the ${role} names no datasource.`;
  const source = project.dataSources.find((d) => d.name === name);
  if (source === undefined) return `datasource:[${name}] is invalid: project ${project.id} has no such data source.`;
  if (source.type !== wantType) return `datasource:[${name}] is invalid: it is a ${source.type} data source, the ${role} needs ${wantType}.`;
  return undefined;
}

/** A connection entry selects tables with `selectedTables` (many databases) or `table` (one database). */
function selectsTables(c: Json): boolean {
  const tables = c.table;
  if (Array.isArray(tables)) return tables.length > 0 && tables.every(nonEmptyString);
  const selected = c.selectedTables;
  if (!Array.isArray(selected) || selected.length === 0) return false;
  return selected.every(
    (db) =>
      isObject(db) &&
      nonEmptyString(db.dbName) &&
      Array.isArray(db.schema) &&
      db.schema.length > 0 &&
      db.schema.every(
        (s) => isObject(s) && Array.isArray(s.tableInfos) && s.tableInfos.length > 0 && s.tableInfos.every((t) => isObject(t) && nonEmptyString(t.table)),
      ),
  );
}

function connectionProblem(connection: unknown, project: DataWorksProject): string | undefined {
  if (!Array.isArray(connection) || connection.length === 0) return "the reader's parameter.connection must list at least one data source.";
  for (const c of connection) {
    if (!isObject(c)) return "each reader connection must be an object {datasource, selectedTables | table}.";
    const problem = dataSourceProblem(c.datasource, "mysql", "reader", project);
    if (problem !== undefined) return problem;
    if (!selectsTables(c)) return `the reader connection of datasource:[${String(c.datasource)}] selects no table; give selectedTables or table.`;
  }
  return undefined;
}

function oneStep(steps: unknown, category: "reader" | "writer"): Json[] {
  return Array.isArray(steps) ? steps.filter((s): s is Json => isObject(s) && s.category === category) : [];
}

/**
 * Generate…ForCreating: checks a realtime TaskParam (the seed page's shape) and builds the task
 * script CreateDISyncTask takes: the reader and writer steps with their parameters as given, the
 * one-click mode and resource group under `extend`, a default `setting`, one hop.
 */
export function generateForCreating(param: Json, project: DataWorksProject, processId: number): Generated {
  if (param.type !== "realtime") return fail(`TaskParam type must be "realtime", got ${shown(param.type)}.`);
  if (param.version !== "1.0") return fail(`TaskParam version must be "1.0", got ${shown(param.version)}.`);
  const setting = isObject(param.setting) ? param.setting : {};
  const taskType = setting.taskType;
  const writerSpec = typeof taskType === "string" && Object.hasOwn(WRITERS, taskType) ? WRITERS[taskType as keyof typeof WRITERS] : undefined;
  if (writerSpec === undefined) return fail(`taskType:[${String(taskType ?? "")}] is invalid; supported: ${ONECLICK_TASK_TYPES.join(", ")}.`);
  const group = typeof setting.resourceGroup === "string" ? setting.resourceGroup : undefined;
  const groupProblem = resourceGroupProblem(group, project);
  if (groupProblem !== undefined) return fail(groupProblem);
  const readers = oneStep(param.steps, "reader");
  const writers = oneStep(param.steps, "writer");
  const reader = readers[0];
  const writer = writers[0];
  if (readers.length !== 1 || writers.length !== 1 || reader === undefined || writer === undefined) {
    return fail(`TaskParam steps must hold exactly one reader and one writer, got ${readers.length} reader(s) and ${writers.length} writer(s).`);
  }
  if (reader.stepType !== "mysql") return fail(`reader stepType:[${String(reader.stepType ?? "")}] is invalid; one-click realtime sync reads from mysql.`);
  const readerParam = isObject(reader.parameter) ? reader.parameter : {};
  const connectionIssue = connectionProblem(readerParam.connection, project);
  if (connectionIssue !== undefined) return fail(connectionIssue);
  if (writer.stepType !== writerSpec.stepType) {
    return fail(`writer stepType:[${String(writer.stepType ?? "")}] does not match taskType:[${String(taskType)}]; expected ${writerSpec.stepType}.`);
  }
  const writerParam = isObject(writer.parameter) ? writer.parameter : {};
  const writerIssue = dataSourceProblem(writerParam.datasource, writerSpec.sourceType, "writer", project);
  if (writerIssue !== undefined) return fail(writerIssue);

  const readerName = nonEmptyString(reader.name) ? reader.name : "Reader";
  const writerName = nonEmptyString(writer.name) && writer.name !== readerName ? writer.name : "Writer";
  const content = {
    type: "job",
    version: "2.0",
    extend: {
      mode: taskType,
      resourceGroup: group,
      name: nonEmptyString(setting.name) ? setting.name : `${String(taskType)}_${processId}`,
      ...(setting.scheduleResgroupId !== undefined && { scheduleResgroupId: setting.scheduleResgroupId }),
    },
    steps: [
      { stepType: "mysql", category: "reader", name: readerName, parameter: readerParam },
      { stepType: writerSpec.stepType, category: "writer", name: writerName, parameter: writerParam },
    ],
    setting: { errorLimit: { record: "0" }, speed: { concurrent: 1, throttle: false } },
    order: { hops: [{ from: readerName, to: writerName }] },
  };
  return { ok: true, taskContent: JSON.stringify(content) };
}

/**
 * Generate…ForUpdating: the TaskParam's reader step (docs/vendors/dataworks.md#uncertain-or-inferred: tables to add or remove) replaces
 * the table selection of the task's reader connections, entry by entry; the result is the task's
 * script with the new selection.
 */
export function generateForUpdating(param: Json, current: Json, project: DataWorksProject): Generated {
  const readers = oneStep(param.steps, "reader");
  const reader = readers[0];
  if (readers.length !== 1 || reader === undefined) return fail("TaskParam steps must hold exactly one reader step with the new table selection.");
  const connection = isObject(reader.parameter) ? reader.parameter.connection : undefined;
  if (!Array.isArray(connection) || connection.length === 0) return fail("the reader's parameter.connection must list the tables to synchronize.");
  const steps = Array.isArray(current.steps) ? current.steps : [];
  const index = steps.findIndex((s) => isObject(s) && s.category === "reader");
  const existing = steps[index];
  if (!isObject(existing)) return fail("the task has no reader step to update.");
  const existingParam = isObject(existing.parameter) ? existing.parameter : {};
  const before = Array.isArray(existingParam.connection) ? existingParam.connection : [];
  const merged = connection.map((c, i) => {
    const old = isObject(before[i]) ? before[i] : {};
    const next = isObject(c) ? c : {};
    // A new selection replaces the old one, whichever form either uses.
    const { table: _t, selectedTables: _s, ...kept } = old as Json;
    return { ...kept, ...next };
  });
  const problem = connectionProblem(merged, project);
  if (problem !== undefined) return fail(problem);
  const updatedSteps = steps.map((s, i) => (i === index ? { ...existing, parameter: { ...existingParam, connection: merged } } : s));
  return { ok: true, taskContent: JSON.stringify({ ...current, steps: updatedSteps }) };
}
