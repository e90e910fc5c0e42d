/**
 * Preview helpers every resource test shares: a resource module's `check` run on new inputs only
 * (a create's preview), either expecting it to pass or collecting its reasons.
 */
import { expect } from "vitest";

export type Props = Record<string, unknown>;

/** What every resource module exports for preview. */
export interface Checkable {
  check: (olds: Props, news: Props) => { inputs: Props; failures: ReadonlyArray<{ property?: string; reason: string }> };
}

/** The checked inputs of a create's preview, failing the test when check refuses them. */
export function checked(m: Checkable, news: Props): Props {
  const r = m.check({}, news);
  expect(r.failures).toEqual([]);
  return r.inputs;
}

/** The reasons a create's preview gives for refusing `news` (empty when it accepts them). */
export const reasonsOf = (m: Checkable, news: Props): string[] => m.check({}, news).failures.map((f) => f.reason);
