/**
 * DISyncTask scripts: the checks run at preview on a task's `taskContent`, whichever form (JSON
 * text or an object, sent as JSON) it was given in.
 *
 * - DI_OFFLINE: the batch script (`type: "job"`, `version: "2.0"`) that CreateDISyncTask takes.
 * - DI_REALTIME / DI_SOLUTION: the realtime specification (`type: "realtime"`, `version: "1.0"`)
 *   that GenerateDISyncTaskConfigForCreating takes; DataWorks turns it into the task's script.
 */
import { ONECLICK_TASK_TYPES } from "../apis/alibaba-dataworks";

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);

const shown = (v: unknown) => (v === undefined ? "nothing" : JSON.stringify(v));
const nonEmpty = (v: unknown): v is string => typeof v === "string" && v.trim() !== "";

/**
 * Every problem of a script for the given task type, each a sentence naming the place in the
 * script and the fix (to follow the property name). Empty when the script is sound.
 *
 * The batch rules are the emulator's too, in the same sentences after `TaskContent`, and one case
 * table (test/fixtures/alibaba/dataworks-rule-cases.ts) runs through both. What the vendor sources
 * give: every batch example (the CreateDISyncTask page, the SDK's UpdateDISyncTask example) is
 * `type` job, `version` 2.0, one reader and one writer, one hop between them and
 * `setting.speed.concurrent`; the engine behind batch sync (alibaba/DataX `JobContainer`) refuses
 * a job without a speed setting, so a missing concurrency is refused here rather than at the
 * task's first run.
 */
export function taskContentProblems(text: string, taskType: string | undefined): string[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return [`is not valid JSON (${(err as Error).message}). Give the script as JSON text or as an object.`];
  }
  if (!isObj(doc)) return ["must be a JSON object with type, version and steps."];
  const problems: string[] = [];
  const realtime = taskType === "DI_REALTIME" || taskType === "DI_SOLUTION";
  const [wantType, wantVersion] = realtime ? ["realtime", "1.0"] : ["job", "2.0"];
  if (taskType !== undefined && doc.type !== wantType) {
    problems.push(
      `type must be "${wantType}" for a ${taskType} task; got ${shown(doc.type)}. ${realtime ? "A realtime task is described by its generation spec (type realtime, version 1.0)." : "A batch task's script has type job, version 2.0."}`,
    );
  }
  if (taskType !== undefined && doc.version !== undefined && String(doc.version) !== wantVersion) {
    problems.push(`version must be "${wantVersion}" for a ${taskType} task; got ${shown(doc.version)}.`);
  }

  const rawSteps = Array.isArray(doc.steps) ? doc.steps : [];
  if (rawSteps.length === 0) problems.push("steps must list the reader and the writer.");
  for (const [i, s] of rawSteps.entries()) {
    const at = `steps[${i}]`;
    if (!isObj(s)) problems.push(`${at} must be an object with name, category, stepType and parameter.`);
    else if (!nonEmpty(s.name)) problems.push(`${at}.name must be a non-empty string.`);
    else if (s.category !== "reader" && s.category !== "writer") problems.push(`${at}.category must be "reader" or "writer"; got ${shown(s.category)}.`);
    else if (!nonEmpty(s.stepType)) problems.push(`${at}.stepType must name the plugin, e.g. "mysql" or "odps".`);
    else if (!isObj(s.parameter)) problems.push(`${at}.parameter must be an object.`);
  }
  const steps = rawSteps.filter(isObj);
  const names = steps.map((s) => String(s.name ?? ""));
  if (rawSteps.length > 0) {
    for (const category of ["reader", "writer"]) {
      const n = steps.filter((s) => s.category === category).length;
      if (n !== 1) problems.push(`steps must have exactly one ${category} (category "${category}"); got ${n}.`);
    }
  }
  const dup = names.filter((n, i) => n !== "" && names.indexOf(n) !== i);
  if (dup.length > 0) problems.push(`steps must have unique names; ${JSON.stringify(dup[0])} appears more than once.`);
  for (const s of steps) {
    const p = isObj(s.parameter) ? s.parameter : {};
    const connections = Array.isArray(p.connection) ? p.connection.filter(isObj) : [];
    const sources = [p.datasource, ...connections.map((c) => c.datasource)].filter((d) => d !== undefined);
    if (sources.length === 0 || sources.some((d) => !nonEmpty(d))) {
      problems.push(`steps[${JSON.stringify(s.name)}].parameter must name its datasource (parameter.datasource or connection[].datasource).`);
    }
  }

  const hops = isObj(doc.order) && Array.isArray(doc.order.hops) ? doc.order.hops : undefined;
  if (!realtime && (hops === undefined || hops.length === 0)) {
    problems.push('order.hops must list at least one hop connecting the steps, e.g. [{"from":"Reader","to":"Writer"}].');
  }
  for (const [i, hop] of (hops ?? []).entries()) {
    for (const end of ["from", "to"] as const) {
      const value = isObj(hop) ? hop[end] : undefined;
      if (!names.includes(String(value))) {
        problems.push(
          `order.hops[${i}].${end} is ${shown(value)}, which is not a step name (${names.map((n) => JSON.stringify(n)).join(", ")}). Name an existing step.`,
        );
      }
    }
  }

  const setting = isObj(doc.setting) ? doc.setting : {};
  const speed = isObj(setting.speed) ? setting.speed : {};
  if (!realtime && !(typeof speed.concurrent === "number" && Number.isInteger(speed.concurrent) && speed.concurrent >= 1)) {
    problems.push(`setting.speed.concurrent must be a whole number of at least 1 (the number of parallel threads); got ${shown(speed.concurrent)}.`);
  }
  if (speed.throttle === true && !(Number(speed.mbps) > 0)) {
    problems.push(`setting.speed.mbps must be more than 0 when setting.speed.throttle is true; got ${shown(speed.mbps)}. Set the limit or turn throttle off.`);
  }
  const errorLimit = isObj(setting.errorLimit) ? setting.errorLimit : undefined;
  const record = errorLimit?.record;
  if (record !== undefined && record !== null && record !== "" && !(Number.isInteger(Number(record)) && Number(record) >= 0)) {
    problems.push(`setting.errorLimit.record must be a whole number of dirty records of at least 0 (or "" for no limit); got ${shown(record)}.`);
  }
  if (realtime && setting.taskType !== undefined && !(ONECLICK_TASK_TYPES as readonly string[]).includes(String(setting.taskType))) {
    problems.push(`setting.taskType must be one of ${ONECLICK_TASK_TYPES.join(", ")}; got ${shown(setting.taskType)}.`);
  }
  return problems;
}
