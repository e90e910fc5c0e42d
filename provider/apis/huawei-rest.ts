/**
 * The Huawei REST specifics of the API table model (table.ts): an operation is a method and a path
 * template; its parameters travel in the path, the query string or as fields of a JSON body. A
 * table (huawei-dis.ts, huawei-eg.ts, huawei-dms.ts) names its service as errors show it, and
 * `restRequest` lays one call out as the request the Huawei client sends (`HuaweiClient.call`
 * runs a table entry through it and checks the answer against the entry's schema).
 *
 * `{project_id}` is in every path and never in a table: the client fills it from its settings.
 */
import type { HuaweiRequest, HttpMethod } from "../clients/huawei";
import { type OperationSpec, type ParamSpec, layOut, secretValues } from "./table";

export type RestWireType = "string" | "integer" | "boolean" | "object" | "array";
export type RestLocation = "path" | "query" | "body";

export interface RestParamSpec extends ParamSpec<RestWireType, RestLocation> {
  readonly location: RestLocation;
  /**
   * A body parameter whose value is an object of body fields, merged into the body where it stands
   * (a create's whole body, which the resource builds from its field table; an update's changes).
   */
  readonly spread?: true;
}

export interface RestOperationSpec extends OperationSpec<RestParamSpec> {
  readonly method: HttpMethod;
  /** Path template: `{project_id}` and one `{name}` per path parameter. */
  readonly path: string;
  /** A POST/PUT/DELETE that may be repeated after an ambiguous failure (idempotent, or checked). */
  readonly retryAmbiguous?: true;
}

export interface RestApi {
  /** The service as errors name it (`DIS`, `EventGrid`, `DMS`). */
  readonly service: string;
  readonly operations: Readonly<Record<string, RestOperationSpec>>;
}

/**
 * Codes that mean "slow down" on any Huawei call: the API gateway's and DIS's. The call was refused
 * before doing anything, so the client always retries them.
 */
export const THROTTLING_CODES: readonly string[] = ["APIGW.0308", "DIS.4303", "DIS.4305"];

/** The placeholders of a path template, `{project_id}` included. */
export function pathPlaceholders(template: string): string[] {
  return [...template.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1] as string);
}

export interface CallOptions {
  /** Values to scrub from any error text beyond the table's secret parameters (passwords in a body). */
  readonly secrets?: readonly string[];
}

/** One call of `operation` as the client sends it: path, query and body where the table puts them. */
export function restRequest(api: RestApi, operation: string, values: Readonly<Record<string, unknown>>, options: CallOptions = {}): HuaweiRequest {
  const op = api.operations[operation];
  if (!op) throw new Error(`${api.service} has no operation ${operation} in its table`);
  const placed = layOut(`${api.service} ${operation}`, op, values, "body");
  const body: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(placed.body)) {
    if (op.params[name]?.spread === true) Object.assign(body, v);
    else body[name] = v;
  }
  const secrets = [...secretValues(op, values), ...(options.secrets ?? [])];
  return {
    operation,
    method: op.method,
    path: op.path,
    ...(Object.keys(placed.path).length > 0 ? { pathParams: Object.fromEntries(Object.entries(placed.path).map(([k, v]) => [k, String(v)])) } : {}),
    ...(Object.keys(placed.query).length > 0 ? { query: placed.query as Record<string, string | number> } : {}),
    ...(hasBody(op) ? { body } : {}),
    ...(secrets.length > 0 ? { secrets } : {}),
    ...(op.retryAmbiguous ? { retryAmbiguous: true } : {}),
  };
}

/** Whether the operation sends a JSON body (it has a body parameter). */
function hasBody(op: RestOperationSpec): boolean {
  return Object.values(op.params).some((p) => p.location === "body" || p.alsoIn === "body");
}
