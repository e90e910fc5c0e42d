/**
 * The provider's Huawei REST tables against the vendor facts, parameter by parameter: each table
 * parameter must be one of its fact's parameters in the same place (path, query, body field), with
 * the fact's JSON type, required flag and values; each parameter a fact requires must be in the
 * table. The facts are the oracle (test/conformance/facts/{dis,dms,eventrouter}.json); nothing
 * here reads the emulator.
 *
 * Where several facts share one method and path (the tag create and delete, the dump-task start
 * and stop, the Kafka, RocketMQ and DCS ShowInstance), a parameter agrees when it agrees with one
 * of them; an enum is judged value by value, so `action: create | delete` needs a fact for each.
 */
import type { RestOperationSpec, RestParamSpec } from "../../provider/apis/huawei-rest";
import type { FieldFact, RestOperationFact } from "./facts";
import { type HuaweiOperation, allowedEnum, wantedType } from "./huawei-facts";

type Where = "path" | "query" | "body";

/** The fact's parameters in one place; undefined when the fact's request has no such section. */
function factParams(fact: RestOperationFact, where: Where): readonly FieldFact[] | undefined {
  const r = fact.request;
  return where === "body" ? r?.body?.fields : r?.[where];
}

/** How one table parameter disagrees with one fact (empty when it agrees). */
export function paramProblems(fact: RestOperationFact, name: string, spec: RestParamSpec): string[] {
  if (spec.spread === true) return factParams(fact, "body") === undefined ? [`${name}: the table sends a body, the fact's request has none`] : [];
  const places: Where[] = spec.alsoIn === undefined ? [spec.location] : [spec.location, spec.alsoIn];
  return places.flatMap((where) => {
    const at = `${where} ${name}`;
    const f = factParams(fact, where)?.find((p) => p.name === name);
    if (f === undefined) return [`${at} is in the table but not among the fact's ${where} parameters`];
    const problems: string[] = [];
    if (wantedType(f.type) !== spec.type) problems.push(`${at}: the table type ${spec.type} is not the fact's ${f.type}`);
    const tableRequired = spec.required === true;
    if (tableRequired && f.required !== true) problems.push(`${at}: the table requires it, the fact does not`);
    if (!tableRequired && f.required === true) problems.push(`${at}: the fact requires it, the table does not`);
    const allowed = allowedEnum(f);
    if (spec.enum !== undefined && allowed === undefined) problems.push(`${at}: the table limits it to ${spec.enum.join(", ")}, the fact lists no values`);
    for (const v of spec.enum ?? []) if (allowed !== undefined && !allowed.has(v)) problems.push(`${at}: the table's value ${v} is not one of the fact's`);
    return problems;
  });
}

/** Parameters the fact requires that the table lacks; `{project_id}` is the client's, a spread body holds any body field. */
export function missingRequired(fact: RestOperationFact, spec: RestOperationSpec): string[] {
  const has = (where: Where, name: string) =>
    Object.entries(spec.params).some(([n, p]) => (n === name && (p.location === where || p.alsoIn === where)) || (where === "body" && p.spread === true));
  return (["path", "query", "body"] as const).flatMap((where) =>
    (factParams(fact, where) ?? [])
      .filter((f) => f.required === true && !(where === "path" && f.name === "project_id") && !has(where, f.name))
      .map((f) => `${where} ${f.name}: the fact requires it, the table lacks it`),
  );
}

/** The single-valued specs an enum parameter stands for (the spec itself when it has no enum). */
function perValue(spec: RestParamSpec): RestParamSpec[] {
  return spec.enum === undefined || spec.enum.length < 2 ? [spec] : spec.enum.map((v) => ({ ...spec, enum: [v] }));
}

/** How a table operation disagrees with its candidate facts: empty when each parameter agrees with one of them. */
export function operationProblems(label: string, spec: RestOperationSpec, candidates: readonly HuaweiOperation[]): string[] {
  if (candidates.length === 0) return [`${label}: no vendor fact has its method and path`];
  const fewest = (lists: string[][]) => lists.reduce((a, b) => (b.length < a.length ? b : a));
  const params = Object.entries(spec.params).flatMap(([name, p]) =>
    perValue(p).flatMap((one) => fewest(candidates.map((op) => paramProblems(op.fact, name, one).map((m) => `${label} (${op.label}): ${m}`)))),
  );
  const required = fewest(candidates.map((op) => missingRequired(op.fact, spec).map((m) => `${label} (${op.label}): ${m}`)));
  return [...params, ...required];
}
