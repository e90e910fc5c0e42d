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

/**
 * Every problem of a script for the given task type, each a sentence naming the place in the
 * script and the fix. Empty when the script is sound.
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
      `type must be "${wantType}" for a ${taskType} task; got ${JSON.stringify(doc.type)}. ${realtime ? "A realtime task is described by its generation spec (type realtime, version 1.0)." : "A batch task's script has type job, version 2.0."}`,
    );
  }
  if (taskType !== undefined && doc.version !== undefined && String(doc.version) !== wantVersion) {
    problems.push(`version must be "${wantVersion}" for a ${taskType} task; got ${JSON.stringify(doc.version)}.`);
  }

  const steps = Array.isArray(doc.steps) ? doc.steps.filter(isObj) : [];
  if (!Array.isArray(doc.steps) || steps.length === 0) problems.push("steps must list the reader and the writer.");
  const names = steps.map((s) => String(s.name ?? ""));
  for (const category of ["reader", "writer"]) {
    const n = steps.filter((s) => s.category === category).length;
    if (Array.isArray(doc.steps) && n !== 1) problems.push(`steps must have exactly one ${category} (category "${category}"); got ${n}.`);
  }
  const dup = names.filter((n, i) => n !== "" && names.indexOf(n) !== i);
  if (dup.length > 0) problems.push(`steps must have unique names; ${JSON.stringify(dup[0])} appears more than once.`);
  for (const s of steps) {
    const p = isObj(s.parameter) ? s.parameter : {};
    const connections = Array.isArray(p.connection) ? p.connection.filter(isObj) : [];
    const datasource = p.datasource ?? connections.find((c) => c.datasource !== undefined)?.datasource;
    if (typeof datasource !== "string" || datasource === "") {
      problems.push(`steps[${JSON.stringify(s.name)}].parameter must name its datasource (parameter.datasource or connection[].datasource).`);
    }
  }

  const hops = isObj(doc.order) && Array.isArray(doc.order.hops) ? doc.order.hops.filter(isObj) : undefined;
  if (!realtime && hops === undefined && steps.length > 0) problems.push('order.hops must connect the steps, e.g. [{"from":"Reader","to":"Writer"}].');
  for (const [i, hop] of (hops ?? []).entries()) {
    for (const end of ["from", "to"] as const) {
      if (!names.includes(String(hop[end]))) {
        problems.push(
          `order.hops[${i}].${end} is ${JSON.stringify(hop[end])}, which is not a step name (${names.map((n) => JSON.stringify(n)).join(", ")}). Name an existing step.`,
        );
      }
    }
  }

  const setting = isObj(doc.setting) ? doc.setting : {};
  const speed = isObj(setting.speed) ? setting.speed : undefined;
  if (speed && speed.concurrent !== undefined && !(Number.isInteger(Number(speed.concurrent)) && Number(speed.concurrent) >= 1)) {
    problems.push(`setting.speed.concurrent must be a whole number of at least 1; got ${JSON.stringify(speed.concurrent)}.`);
  }
  if (speed && speed.throttle === true && !(Number(speed.mbps) > 0)) {
    problems.push(
      `setting.speed.mbps must be more than 0 when setting.speed.throttle is true; got ${JSON.stringify(speed.mbps)}. Set the limit or turn throttle off.`,
    );
  }
  const errorLimit = isObj(setting.errorLimit) ? setting.errorLimit : undefined;
  const record = errorLimit?.record;
  if (record !== undefined && record !== null && record !== "" && !(Number.isInteger(Number(record)) && Number(record) >= 0)) {
    problems.push(`setting.errorLimit.record must be a whole number of dirty records of at least 0 (or "" for no limit); got ${JSON.stringify(record)}.`);
  }
  if (realtime && setting.taskType !== undefined && !(ONECLICK_TASK_TYPES as readonly string[]).includes(String(setting.taskType))) {
    problems.push(`setting.taskType must be one of ${ONECLICK_TASK_TYPES.join(", ")}; got ${JSON.stringify(setting.taskType)}.`);
  }
  return problems;
}
