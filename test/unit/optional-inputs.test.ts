/**
 * Every resource gives each optional input one meaning when the program takes it out (reset to the
 * vendor's default, kept as it is, or a replacement: provider/engine/fields.ts `unset`), and every
 * resource can bring an existing object under management (`adopt`). Inputs with a default are
 * filled in by check and never reach an update unset.
 */
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { RESOURCES } from "../../provider/resources";

const optionalWithoutDefault = (schema: z.ZodType) => {
  const r = schema.safeParse(undefined);
  return r.success && r.data === undefined;
};

describe.each(RESOURCES)("$kind", ({ shape, fields }) => {
  it("gives every optional input a meaning when it is removed", () => {
    const missing = Object.entries(shape)
      .filter(([k, schema]) => fields[k] !== undefined && optionalWithoutDefault(schema) && !fields[k]?.replace && fields[k]?.unset === undefined)
      .map(([k]) => k);
    expect(missing).toEqual([]);
  });

  it("has adopt, off unless the program turns it on", () => {
    expect(shape.adopt?.safeParse(undefined)).toEqual({ success: true, data: false });
  });
});
