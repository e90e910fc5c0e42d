/**
 * Every Alibaba operation the provider's action tables name, and every one the emulator serves, has
 * a vendor fact; every table parameter has a fact parameter with the same location, type, required
 * flag and enum. The table is compared with the facts, never with the emulator: the facts are the
 * oracle (test/conformance/facts/{gpdb,dataworks}.json, from the official SDK models and the seed
 * reference pages).
 *
 * "Served" is what the emulator's router answers: each product service's actions, and, over the
 * wire, every action of the facts and the tables probed with a signed request (InvalidAction.NotFound
 * means not served).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RpcParamSpec } from "../../provider/apis/alibaba-rpc";
import { type TestEmulator, send, startTestEmulator } from "../helpers/emulator";
import { ALIBABA_APIS, type AlibabaApi, operationFact, requestFact, requiredBySomeSource } from "./alibaba-apis";
import { demoSdkRequest } from "./alibaba-sdk-request";
import type { FieldFact } from "./facts";

/** The fact types a table wire type may stand for, and how its wire text matches them. */
const TYPE_MATCHES: Readonly<Record<string, (p: FieldFact) => boolean>> = {
  string: (p) => p.type === "string",
  integer: (p) => p.type === "integer",
  long: (p) => p.type === "long",
  boolean: (p) => p.type === "boolean",
  stringList: (p) => p.type === "array<string>" && typeof p.wire_encoding === "string" && p.wire_encoding.startsWith("shrink:json"),
};

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** How a table parameter disagrees with its fact. */
function paramProblems(action: string, name: string, spec: RpcParamSpec, fact: FieldFact | undefined): string[] {
  const at = `${action}.${name}`;
  if (fact === undefined) return [`${at} is in the table but not in the SDK request model`];
  const problems: string[] = [];
  const location = spec.location ?? "query";
  if (location !== fact.location) problems.push(`${at}: the table sends it in the ${location}, the SDK in the ${fact.location}`);
  const matches = TYPE_MATCHES[spec.type];
  if (matches === undefined) problems.push(`${at}: the table type ${spec.type} has no fact type to compare with`);
  else if (!matches(fact))
    problems.push(`${at}: the table type ${spec.type} does not encode the SDK type ${fact.type}${fact.wire_encoding ? ` (${fact.wire_encoding})` : ""}`);
  const tableRequired = spec.required === true;
  if (tableRequired && !requiredBySomeSource(fact)) problems.push(`${at}: the table requires it, no vendor source does`);
  if (!tableRequired && fact.required === true) problems.push(`${at}: the SDK model requires it, the table does not`);
  // A boolean's wire type already says true/false: the SDK comment's "Valid values: true, false" adds nothing.
  const factEnum = fact.type === "boolean" && fact.enum?.every((v) => v === "true" || v === "false") ? undefined : fact.enum;
  const otherReading = fact.enum_per_operation_texts;
  if (
    factEnum !== undefined &&
    (spec.enum === undefined || !(sameSet(spec.enum, factEnum) || (otherReading !== undefined && sameSet(spec.enum, otherReading))))
  ) {
    problems.push(`${at}: the table's values ${spec.enum?.join(", ") ?? "(any)"} are not the SDK model's ${factEnum.join(", ")}`);
  }
  if (factEnum === undefined && spec.enum !== undefined) problems.push(`${at}: the table limits it to ${spec.enum.join(", ")}, no vendor source lists values`);
  return problems;
}

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ settleMs: 0 });
});
afterAll(async () => emu?.close());

/** Whether the emulator's router answers an action (anything but InvalidAction.NotFound). */
async function servedOnTheWire(api: AlibabaApi, action: string): Promise<boolean> {
  const res = await send(emu.url, demoSdkRequest(emu, { action, version: api.facts.version, query: {}, form: {} }));
  return !(res.status === 404 && res.json?.Code === "InvalidAction.NotFound");
}

describe.each(ALIBABA_APIS)("$name: operations and parameters have vendor facts", (api) => {
  const tableActions = Object.keys(api.table.actions);
  const servedActions = Object.keys(api.service().product.actions);

  it("has a fact for every action in the provider's table", () => {
    expect(tableActions.filter((a) => operationFact(api, a) === undefined)).toEqual([]);
  });

  it("has a fact for every action the emulator's service serves", () => {
    expect(servedActions.filter((a) => operationFact(api, a) === undefined)).toEqual([]);
  });

  it("serves over the wire exactly the service's actions, all of them with facts", async () => {
    const probed = [...new Set([...Object.keys(api.facts.operations), ...tableActions, ...servedActions])].sort();
    const onTheWire: string[] = [];
    for (const action of probed) if (await servedOnTheWire(api, action)) onTheWire.push(action);
    expect(onTheWire).toEqual([...servedActions].sort());
    expect(onTheWire.filter((a) => operationFact(api, a) === undefined)).toEqual([]);
  });

  it("has the fact's location, type, required flag and values for every table parameter", () => {
    const problems = tableActions.flatMap((action) => {
      const op = operationFact(api, action);
      if (op === undefined) return [];
      const spec = api.table.actions[action];
      return Object.entries(spec?.params ?? {}).flatMap(([name, p]) => paramProblems(action, name, p, requestFact(op, name)));
    });
    expect(problems).toEqual([]);
  });

  it("lists every parameter the SDK model requires in the table", () => {
    const problems = tableActions.flatMap((action) => {
      const op = operationFact(api, action);
      const params = api.table.actions[action]?.params ?? {};
      return (op?.request ?? []).filter((p) => p.required === true && !Object.hasOwn(params, p.name)).map((p) => `${action}.${p.name}`);
    });
    expect(problems).toEqual([]);
  });
});

describe("the table-versus-facts comparison", () => {
  it("rejects a table parameter whose fact disagrees (the comparison can fail)", () => {
    const fact: FieldFact = { name: "X", type: "long", location: "form", required: true, enum: ["a"] };
    expect(paramProblems("Op", "X", { type: "integer" }, fact)).toEqual([
      "Op.X: the table sends it in the query, the SDK in the form",
      "Op.X: the table type integer does not encode the SDK type long",
      "Op.X: the SDK model requires it, the table does not",
      "Op.X: the table's values (any) are not the SDK model's a",
    ]);
    expect(paramProblems("Op", "Y", { type: "string" }, undefined)).toEqual(["Op.Y is in the table but not in the SDK request model"]);
  });
});
