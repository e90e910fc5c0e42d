/**
 * Preview helpers every resource test shares: a resource module's `check` run on new inputs only
 * (a create's preview), either expecting it to pass or collecting its reasons.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";

export type Props = Record<string, unknown>;

/** What every resource module exports for preview. */
export interface Checkable {
  check: (olds: Props, news: Props) => { inputs: Props; failures: ReadonlyArray<{ property?: string; reason: string }> };
}

/** The checked inputs of a create's preview, failing the test when check refuses them. */
export function checked(m: { check: (olds: Props, news: Props) => { inputs: Props; failures: ReadonlyArray<unknown> } }, news: Props): Props {
  const r = m.check({}, news);
  expect(r.failures).toEqual([]);
  return r.inputs;
}

/** The reasons a create's preview gives for refusing `news` (empty when it accepts them). */
export const reasonsOf = (m: Checkable, news: Props): string[] => m.check({}, news).failures.map((f) => f.reason);

/** The checked inputs of a create's preview with a short wait bound (20 s) unless `news` sets one. */
export const checkedTimed = (m: Parameters<typeof checked>[0], news: Props): Props => checked(m, { timeoutSeconds: 20, ...news });

/** `o` without the property `key` (a program that leaves the input out). */
export const without = (o: Props, key: string): Props => Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));

/** A deep copy of plain JSON data. */
export const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));

/** The value at `path` in `o` (undefined where a step is missing). */
export const at = (o: unknown, path: readonly string[]): unknown => path.reduce<unknown>((v, k) => (v as Props | undefined)?.[k], o);

/** A copy of `o` with `patch` merged at `path` (a nested object is created as needed). */
export function withAt(o: Props, path: readonly string[], patch: Props): Props {
  const out = clone(o);
  let cur = out;
  for (const k of path) {
    if (cur[k] === undefined) cur[k] = {};
    cur = cur[k] as Props;
  }
  Object.assign(cur, patch);
  return out;
}

/** A copy of `o` without the member at `path`. */
export function withoutAt(o: Props, path: readonly string[]): Props {
  const out = clone(o);
  const parent = at(out, path.slice(0, -1)) as Props;
  delete parent[path.at(-1) as string];
  return out;
}

/** The file id of a DISyncTask's Pulumi id (`<project>:<taskType>:<fileId>`). */
export const fileIdOf = (id: string): number => Number(id.split(":")[2]);

type Fact = { name: string; default?: string; limits?: { default?: string }; fields?: Fact[] };

/**
 * A request body field's documented default in a Huawei vendor facts file (test/conformance/facts):
 * `file`, the operation, then the field's path; undefined when none is documented.
 */
export function huaweiVendorDefault(file: string, operation: string, ...path: string[]): string | undefined {
  const facts = JSON.parse(readFileSync(join(__dirname, "../conformance/facts", file), "utf8"));
  let fields: Fact[] = facts.operations[operation].request.body.fields;
  let f: Fact | undefined;
  for (const name of path) {
    f = fields.find((x) => x.name === name);
    fields = f?.fields ?? [];
  }
  return f?.default ?? f?.limits?.default;
}
