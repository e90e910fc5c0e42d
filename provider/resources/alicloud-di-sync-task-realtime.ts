/**
 * What of a realtime (DI_REALTIME / DI_SOLUTION) DISyncTask can change in place.
 *
 * The vendor's only update path for a realtime task is asynchronous: GenerateDISyncTaskConfigForUpdating
 * (whose TaskParam is a reader step listing the tables to synchronise: "add or remove tables",
 * SDK request model and reference page) → QueryDISyncTaskConfigProcessResult → UpdateDISyncTask
 * with the generated TaskContent (the operation texts of ForUpdating and Query, and Query's
 * TaskContent field). So a change of the reader's table selection (`selectedTables` or `table` of
 * each reader connection) updates in place; any other change of the specification (writer, data
 * sources, one-click type, resource group inside `setting`) has no API and replaces the task.
 */
import { sameJson } from "../engine/equality";

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);

/** The table-selection keys of a reader connection (multi-database and single-database forms). */
const SELECTION_KEYS = ["selectedTables", "table"] as const;

function parse(text: unknown): Json | undefined {
  if (typeof text !== "string") return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return isObj(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

function readerConnections(spec: Json): unknown[] {
  const steps = Array.isArray(spec.steps) ? spec.steps : [];
  const reader = steps.find((s) => isObj(s) && s.category === "reader");
  const parameter = isObj(reader) && isObj(reader.parameter) ? reader.parameter : {};
  return Array.isArray(parameter.connection) ? parameter.connection : [];
}

/** The specification with every reader connection's table selection taken out. */
function withoutSelection(spec: Json): Json {
  const steps = Array.isArray(spec.steps) ? spec.steps : [];
  return {
    ...spec,
    steps: steps.map((s) => {
      if (!isObj(s) || s.category !== "reader" || !isObj(s.parameter) || !Array.isArray(s.parameter.connection)) return s;
      const connection = s.parameter.connection.map((c) => {
        if (!isObj(c)) return c;
        const { selectedTables: _s, table: _t, ...rest } = c;
        return rest;
      });
      return { ...s, parameter: { ...s.parameter, connection } };
    }),
  };
}

/** True when two realtime specifications differ in more than the reader's table selection. */
export function realtimeChangeNeedsReplace(oldText: unknown, newText: unknown): boolean {
  const a = parse(oldText);
  const b = parse(newText);
  if (a === undefined || b === undefined) return !sameJson(oldText, newText);
  return !sameJson(JSON.stringify(withoutSelection(a)), JSON.stringify(withoutSelection(b)));
}

/**
 * The TaskParam of GenerateDISyncTaskConfigForUpdating for a new specification: the reader step
 * with only each connection's table selection, in the form of the SDK's example
 * (`{"steps":[{"parameter":{"connection":[{"table":["xyx"]}]},"name":"Reader","category":"reader"}]}`).
 */
export function updatingTaskParam(specText: string): string {
  const spec = parse(specText) ?? {};
  const steps = Array.isArray(spec.steps) ? spec.steps : [];
  const reader = steps.find((s) => isObj(s) && s.category === "reader");
  const connection = readerConnections(spec).map((c) => {
    const out: Json = {};
    if (isObj(c)) for (const k of SELECTION_KEYS) if (c[k] !== undefined) out[k] = c[k];
    return out;
  });
  return JSON.stringify({ steps: [{ parameter: { connection }, name: isObj(reader) ? reader.name : "Reader", category: "reader" }] });
}

/** The sentence for an in-band refusal of UpdateDISyncTask on a realtime task, and what to do. */
export function realtimeUpdateRefused(what: string, reason: string): string {
  return (
    `${what}: UpdateDISyncTask refused the regenerated script: ${reason.replace(/\.$/, "")}. ` +
    "The task keeps its previous script and instance status. " +
    "If the reason is the task type, this DataWorks does not update realtime tasks in place (its UpdateDISyncTask page says batch tasks only, while the GenerateDISyncTaskConfigForUpdating page says to pass its result to UpdateDISyncTask): " +
    "replace the task instead, with `pulumi up --replace <urn>` or a new taskName."
  );
}
