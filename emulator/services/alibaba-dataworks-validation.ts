/**
 * The value rules a DI request is checked against: the task script (TaskContent), TaskParam, task
 * names, folders, resource groups, and the data sources a deployment needs in its environment. Pure
 * functions over parsed JSON and the inventory project; each check returns the first problem as
 * text (the service answers one error per call) and the service decides its form:
 * `Invalid.DI.Parameter` for a malformed TaskContent or TaskParam, an in-band `fail` for what only
 * the running service can judge (folders, resource groups). The realtime generator, which checks
 * and builds a TaskParam's script, is alibaba-dataworks-generator.ts.
 *
 * The service publishes its error codes, not its rules or messages: each rule below names its source
 * or is marked [inferred]. In-band messages reuse the documented `X:[Y] is invalid.` form; the
 * script, name and folder sentences are the provider's preview sentences (one case table checks
 * both sides).
 */
import type { DataWorksProject } from "../inventory";

export type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

export const nonEmptyString = (v: unknown): v is string => typeof v === "string" && v.trim() !== "";
/** A value as a message shows it. */
export const shown = (v: unknown) => (v === undefined ? "nothing" : JSON.stringify(v));

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
function dataSourcesOf(parameter: Json): string[] {
  const names: string[] = [];
  if (parameter.datasource !== undefined) names.push(String(parameter.datasource));
  const connection = parameter.connection;
  if (Array.isArray(connection)) {
    for (const c of connection) if (isObject(c) && c.datasource !== undefined) names.push(String(c.datasource));
  }
  return names;
}

/** Every data source a script's steps name (for the environment checks of a deployment). */
export function scriptDataSources(content: Json): string[] {
  const steps = Array.isArray(content.steps) ? content.steps : [];
  return [...new Set(steps.flatMap((s) => (isObject(s) && isObject(s.parameter) ? dataSourcesOf(s.parameter) : [])))];
}

function readSteps(content: Json): { ok: true; steps: Step[] } | { ok: false; problem: string } {
  if (!Array.isArray(content.steps) || content.steps.length === 0) return { ok: false, problem: "TaskContent steps must list the reader and the writer." };
  const steps: Step[] = [];
  for (const [i, raw] of content.steps.entries()) {
    const at = `TaskContent steps[${i}]`;
    if (!isObject(raw)) return { ok: false, problem: `${at} must be an object with name, category, stepType and parameter.` };
    if (!nonEmptyString(raw.name)) return { ok: false, problem: `${at}.name must be a non-empty string.` };
    if (raw.category !== "reader" && raw.category !== "writer") {
      return { ok: false, problem: `${at}.category must be "reader" or "writer"; got ${shown(raw.category)}.` };
    }
    if (!nonEmptyString(raw.stepType)) return { ok: false, problem: `${at}.stepType must name the plugin, e.g. "mysql" or "odps".` };
    if (!isObject(raw.parameter)) return { ok: false, problem: `${at}.parameter must be an object.` };
    steps.push({ name: raw.name, category: raw.category, stepType: raw.stepType, parameter: raw.parameter });
  }
  return { ok: true, steps };
}

const wholeAtLeast = (v: unknown, min: number) => typeof v === "number" && Number.isInteger(v) && v >= min;

/**
 * The script rules, first failure answered. Where the provider's preview checks the same rule it
 * uses the same sentence (after the parameter's name), so preview and apply never disagree; the
 * one case table in test/fixtures/alibaba/dataworks-rule-cases.ts runs through both.
 *
 * A DI_OFFLINE script: `type` `job` (`version` `2.0` when given), exactly one reader and one
 * writer, `order.hops` naming the steps, and `setting.speed.concurrent` an integer ≥ 1: every
 * vendor example carries both, and the engine behind batch sync (alibaba/DataX `JobContainer`)
 * refuses a job without a speed setting [inferred: the service's refusal at create]. A DI_REALTIME
 * script (as the generator writes it): at least one reader and one writer, with hops. Both: every
 * step naming a data source, each one of the project's.
 */
export function taskContentProblem(content: Json, taskType: "DI_OFFLINE" | "DI_REALTIME", project: DataWorksProject): string | undefined {
  const offline = taskType === "DI_OFFLINE";
  if (offline && content.type !== "job") {
    return `TaskContent type must be "job" for a DI_OFFLINE task; got ${shown(content.type)}. A batch task's script has type job, version 2.0.`;
  }
  if (offline && content.version !== undefined && String(content.version) !== "2.0") {
    return `TaskContent version must be "2.0" for a DI_OFFLINE task; got ${shown(content.version)}.`;
  }
  const read = readSteps(content);
  if (!read.ok) return read.problem;
  const { steps } = read;
  for (const category of ["reader", "writer"] as const) {
    const n = steps.filter((s) => s.category === category).length;
    if (offline ? n !== 1 : n < 1) return `TaskContent steps must have ${offline ? "exactly" : "at least"} one ${category} (category "${category}"); got ${n}.`;
  }
  const names = steps.map((s) => s.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) return `TaskContent steps must have unique names; ${JSON.stringify(dup)} appears more than once.`;
  for (const step of steps) {
    const sources = dataSourcesOf(step.parameter);
    if (sources.length === 0 || sources.some((n) => n.trim() === "")) {
      return `TaskContent steps[${JSON.stringify(step.name)}].parameter must name its datasource (parameter.datasource or connection[].datasource).`;
    }
  }
  const hops = isObject(content.order) ? content.order.hops : undefined;
  if (!Array.isArray(hops) || hops.length === 0) {
    return 'TaskContent order.hops must list at least one hop connecting the steps, e.g. [{"from":"Reader","to":"Writer"}].';
  }
  for (const [i, hop] of hops.entries()) {
    for (const end of ["from", "to"] as const) {
      const value = isObject(hop) ? hop[end] : undefined;
      if (!names.includes(String(value))) {
        return `TaskContent order.hops[${i}].${end} is ${shown(value)}, which is not a step name (${names.map((n) => JSON.stringify(n)).join(", ")}). Name an existing step.`;
      }
    }
  }
  if (offline) {
    const setting = isObject(content.setting) ? content.setting : {};
    const speed = isObject(setting.speed) ? setting.speed : {};
    if (!wholeAtLeast(speed.concurrent, 1)) {
      return `TaskContent setting.speed.concurrent must be a whole number of at least 1 (the number of parallel threads); got ${shown(speed.concurrent)}.`;
    }
    if (speed.throttle === true && !(typeof speed.mbps === "number" ? speed.mbps > 0 : Number(speed.mbps) > 0)) {
      return `TaskContent setting.speed.mbps must be more than 0 when setting.speed.throttle is true; got ${shown(speed.mbps)}. Set the limit or turn throttle off.`;
    }
    const record = isObject(setting.errorLimit) ? setting.errorLimit.record : undefined;
    if (record !== undefined && record !== null && record !== "" && !(Number.isInteger(Number(record)) && Number(record) >= 0)) {
      return `TaskContent setting.errorLimit.record must be a whole number of dirty records of at least 0 (or "" for no limit); got ${shown(record)}.`;
    }
  }
  for (const [i, step] of steps.entries()) {
    const unknown = dataSourcesOf(step.parameter).find((n) => !project.dataSources.some((d) => d.name === n));
    if (unknown !== undefined) return `TaskContent steps[${i}] names data source "${unknown}", which is not in project ${project.id}.`;
  }
  return undefined;
}

/**
 * [inferred] A deployment to an environment fails when the script names a data source the
 * workspace has not configured there (inventory `dataSources[].environments`).
 */
export function environmentProblem(content: string, environment: "development" | "production", project: DataWorksProject): string | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(content);
  } catch {
    return undefined;
  }
  if (!isObject(doc)) return undefined;
  const missing = scriptDataSources(doc).find((name) => {
    const source = project.dataSources.find((d) => d.name === name);
    return source?.environments !== undefined && !source.environments.includes(environment);
  });
  return missing === undefined ? undefined : `datasource:[${missing}] is not configured for the ${environment} environment of project ${project.id}.`;
}

// ---------------------------------------------------------------------------------------------
// Names and folders (CreateDISyncTask TaskName, TaskParam.FileFolderPath)
// ---------------------------------------------------------------------------------------------

/** [inferred] No vendor source gives a length; 128 is what the provider's preview has always allowed. */
export const MAX_TASK_NAME = 128;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the rule is about control characters
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * A folder path (the vendor's examples: `Business Flow/XXX/Data Integration`,
 * `Business_process/First_Business_Process/MaxCompute/Folder_1/Folder_2`): segments separated by
 * "/", none empty and none "..", no control characters. The sentences are the preview's.
 */
export function folderPathProblem(path: string | undefined): string | undefined {
  const at = "TaskParam.FileFolderPath";
  if (path === undefined || path.trim() === "") {
    return `${at} must not be empty; give the DataStudio folder of the task, e.g. "Business Flow/orders/Data Integration".`;
  }
  if (CONTROL.test(path)) return `${at} must not contain control characters such as CR or LF; got ${JSON.stringify(path)}.`;
  const segments = path.split("/");
  if (segments.some((s) => s === "")) return `${at} must not have an empty segment (a leading, trailing or doubled "/"); got ${JSON.stringify(path)}.`;
  if (segments.some((s) => s === ".."))
    return `${at} must not have a ".." segment; got ${JSON.stringify(path)}. Give the folder's path from the top of DataStudio.`;
  return undefined;
}

/** A task name: not blank, no control characters, at most MAX_TASK_NAME characters. The sentences are the preview's. */
export function taskNameProblem(name: string | undefined): string | undefined {
  if (name === undefined) return "TaskName is required.";
  if (name.trim() === "") return `TaskName must not be empty or blank; got ${JSON.stringify(name)}.`;
  if (CONTROL.test(name)) return `TaskName must not contain control characters such as CR or LF; got ${JSON.stringify(name)}.`;
  if ([...name].length > MAX_TASK_NAME) return `TaskName must be at most ${MAX_TASK_NAME} characters long; got ${[...name].length}.`;
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

export function resourceGroupProblem(group: string | undefined, project: DataWorksProject): string | undefined {
  return group !== undefined && project.resourceGroups.includes(group) ? undefined : `ResourceGroup:[${group ?? ""}] is invalid.`;
}

/** The resource group a realtime script names in `extend.resourceGroup` (the generator writes it there). */
export function scriptResourceGroup(content: Json): string | undefined {
  const extend = content.extend;
  return isObject(extend) && typeof extend.resourceGroup === "string" ? extend.resourceGroup : undefined;
}
