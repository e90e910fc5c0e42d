/**
 * What the DI service checks in a task script, and what its asynchronous generator builds from a
 * realtime TaskParam. Pure functions over parsed JSON and the inventory project; each check returns
 * the first problem as text (the service answers one error per call) and the service decides its
 * form: `Invalid.DI.Parameter` for a malformed TaskContent or TaskParam, an in-band `fail` for what
 * only the running service can judge (folders, resource groups, the generator's verdict).
 *
 * All rules here are [inferred] from API notes §3.3 and the seed pages: the service publishes its
 * error codes, not its rules or messages. Messages reuse the documented `X:[Y] is invalid.` form.
 */
import { ONECLICK_TASK_TYPES } from "../../provider/apis/alibaba-dataworks";
import type { DataWorksProject } from "../inventory";

type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

const nonEmptyString = (v: unknown): v is string => typeof v === "string" && v.trim() !== "";
const shown = (v: unknown) => (v === undefined ? "nothing" : JSON.stringify(v));

export type Parsed = { ok: true; value: Json } | { ok: false; problem: string };

/** A JSON object parameter (TaskContent, TaskParam, StartParam). */
export function parseObject(text: string, param: string): Parsed {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (err) {
    return { ok: false, problem: `${param} is not valid JSON (${(err as Error).message}).` };
  }
  return isObject(v) ? { ok: true, value: v } : { ok: false, problem: `${param} must be a JSON object.` };
}

// ---------------------------------------------------------------------------------------------
// TaskContent (a task script)
// ---------------------------------------------------------------------------------------------

interface Step {
  readonly name: string;
  readonly category: "reader" | "writer";
  readonly stepType: string;
  readonly parameter: Json;
}

/** Data sources a step names: `parameter.datasource` and each `parameter.connection[].datasource`. */
function dataSourcesOf(step: Step): string[] {
  const names: string[] = [];
  if (step.parameter.datasource !== undefined) names.push(String(step.parameter.datasource));
  const connection = step.parameter.connection;
  if (Array.isArray(connection)) {
    for (const c of connection) if (isObject(c) && c.datasource !== undefined) names.push(String(c.datasource));
  }
  return names;
}

function readSteps(content: Json): { ok: true; steps: Step[] } | { ok: false; problem: string } {
  if (!Array.isArray(content.steps)) return { ok: false, problem: "TaskContent.steps must be an array of reader and writer steps." };
  const steps: Step[] = [];
  for (const [i, raw] of content.steps.entries()) {
    const at = `TaskContent.steps[${i}]`;
    if (!isObject(raw)) return { ok: false, problem: `${at} must be an object.` };
    if (!nonEmptyString(raw.name)) return { ok: false, problem: `${at}.name must be a non-empty string.` };
    if (raw.category !== "reader" && raw.category !== "writer") {
      return { ok: false, problem: `${at}.category must be "reader" or "writer", got ${shown(raw.category)}.` };
    }
    if (!nonEmptyString(raw.stepType)) return { ok: false, problem: `${at}.stepType must name the plugin (e.g. "mysql", "odps").` };
    if (!isObject(raw.parameter)) return { ok: false, problem: `${at}.parameter must be an object.` };
    if (steps.some((s) => s.name === raw.name)) return { ok: false, problem: `${at}.name "${raw.name}" is used by more than one step.` };
    steps.push({ name: raw.name, category: raw.category, stepType: raw.stepType, parameter: raw.parameter });
  }
  return { ok: true, steps };
}

/**
 * The script rules of API notes §3.3. A DI_OFFLINE script: `type` `job`, exactly one reader and one
 * writer, `setting.speed.concurrent` an integer ≥ 1. A DI_REALTIME script (as the generator writes
 * it): at least one reader and one writer. Both: `order.hops` naming existing steps, every step
 * naming at least one data source, every data source one of the project's.
 */
export function taskContentProblem(content: Json, taskType: "DI_OFFLINE" | "DI_REALTIME", project: DataWorksProject): string | undefined {
  const offline = taskType === "DI_OFFLINE";
  if (offline && content.type !== "job") return `TaskContent.type must be "job" for a DI_OFFLINE task, got ${shown(content.type)}.`;
  const read = readSteps(content);
  if (!read.ok) return read.problem;
  const { steps } = read;
  const readers = steps.filter((s) => s.category === "reader").length;
  const writers = steps.length - readers;
  if (offline ? readers !== 1 || writers !== 1 : readers < 1 || writers < 1) {
    const want = offline ? "exactly one reader and one writer" : "at least one reader and one writer";
    return `TaskContent.steps must hold ${want}, got ${readers} reader(s) and ${writers} writer(s).`;
  }
  const hops = isObject(content.order) ? content.order.hops : undefined;
  if (!Array.isArray(hops) || hops.length === 0) return "TaskContent.order.hops must list at least one {from, to} hop between the steps.";
  for (const [i, hop] of hops.entries()) {
    if (!isObject(hop)) return `TaskContent.order.hops[${i}] must be an object {from, to}.`;
    for (const end of ["from", "to"] as const) {
      if (!steps.some((s) => s.name === hop[end])) return `TaskContent.order.hops[${i}].${end} names no step: ${shown(hop[end])}.`;
    }
  }
  for (const [i, step] of steps.entries()) {
    const names = dataSourcesOf(step);
    if (names.length === 0 || names.some((n) => n.trim() === "")) return `TaskContent.steps[${i}].parameter.datasource must name a data source.`;
    const unknown = names.find((n) => !project.dataSources.some((d) => d.name === n));
    if (unknown !== undefined) return `TaskContent.steps[${i}] names data source "${unknown}", which is not in project ${project.id}.`;
  }
  if (offline) {
    const setting = isObject(content.setting) ? content.setting : {};
    const speed = isObject(setting.speed) ? setting.speed : {};
    const concurrent = speed.concurrent;
    if (typeof concurrent !== "number" || !Number.isInteger(concurrent) || concurrent < 1) {
      return `TaskContent.setting.speed.concurrent must be an integer >= 1, got ${shown(concurrent)}.`;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// TaskParam of CreateDISyncTask / UpdateDISyncTask
// ---------------------------------------------------------------------------------------------

export interface TaskParam {
  readonly FileFolderPath?: string;
  readonly ResourceGroup?: string;
  readonly Cu?: number;
}

export function taskParamOf(value: Json): { ok: true; param: TaskParam } | { ok: false; problem: string } {
  for (const key of ["FileFolderPath", "ResourceGroup"] as const) {
    if (value[key] !== undefined && typeof value[key] !== "string") return { ok: false, problem: `TaskParam.${key} must be a string.` };
  }
  const cu = value.Cu;
  if (cu !== undefined && (typeof cu !== "number" || cu <= 0 || !Number.isInteger(cu * 2))) {
    return { ok: false, problem: `TaskParam.Cu must be a positive multiple of 0.5, got ${shown(cu)}.` };
  }
  return {
    ok: true,
    param: {
      ...(typeof value.FileFolderPath === "string" && { FileFolderPath: value.FileFolderPath }),
      ...(typeof value.ResourceGroup === "string" && { ResourceGroup: value.ResourceGroup }),
      ...(typeof cu === "number" && { Cu: cu }),
    },
  };
}

/** Business-flow folders: `workflow/<business flow>/...` (API notes §3.3). */
export function folderPathProblem(path: string | undefined): string | undefined {
  if (path === undefined || path === "") return "Invalid directory path: (empty).";
  return /^workflow\/[^/]+/.test(path) ? undefined : `Invalid directory path: ${path}.`;
}

export function resourceGroupProblem(group: string | undefined, project: DataWorksProject): string | undefined {
  return group !== undefined && project.resourceGroups.includes(group) ? undefined : `ResourceGroup:[${group ?? ""}] is invalid.`;
}

/** The resource group a realtime script names in `extend.resourceGroup` (the generator writes it there). */
export function scriptResourceGroup(content: Json): string | undefined {
  const extend = content.extend;
  return isObject(extend) && typeof extend.resourceGroup === "string" ? extend.resourceGroup : undefined;
}

// ---------------------------------------------------------------------------------------------
// The realtime generator (Generate…ForCreating / …ForUpdating)
// ---------------------------------------------------------------------------------------------

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
 * Generate…ForUpdating: the TaskParam's reader step (API notes: tables to add or remove) replaces
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
