/**
 * Every resource gives each optional input one meaning when the program takes it out (reset to the
 * vendor's default, kept as it is, or a replacement: provider/engine/fields.ts `unset`), and every
 * resource can bring an existing object under management (`adopt`). Inputs with a default are
 * filled in by check and never reach an update unset.
 */
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import type { FieldTable } from "../../provider/engine/fields";
import * as dataWorks from "../../provider/resources/alicloud-di-sync-task";
import * as dataService from "../../provider/resources/alicloud-streaming-data-service";
import * as dataSource from "../../provider/resources/alicloud-streaming-data-source";
import * as streamingJob from "../../provider/resources/alicloud-streaming-job";
import * as disStream from "../../provider/resources/huaweicloud-dis-stream";
import * as dwsTask from "../../provider/resources/huaweicloud-dws-transfer-task";
import * as routerJob from "../../provider/resources/huaweicloud-event-router-job";
import { shape as routerShape } from "../../provider/resources/huaweicloud-event-router-job-schema";

const resources: ReadonlyArray<{ kind: string; shape: Readonly<Record<string, z.ZodType>>; fields: FieldTable }> = [
  { kind: streamingJob.KIND, shape: streamingJob.shape, fields: streamingJob.fields },
  { kind: dataSource.KIND, shape: dataSource.shape, fields: dataSource.fields },
  { kind: dataService.KIND, shape: dataService.shape, fields: dataService.fields },
  { kind: dataWorks.KIND, shape: dataWorks.shape, fields: dataWorks.fields },
  { kind: routerJob.KIND, shape: routerShape, fields: routerJob.fields },
  { kind: disStream.KIND, shape: disStream.shape, fields: disStream.fields },
  { kind: dwsTask.KIND, shape: dwsTask.shape, fields: dwsTask.fields },
];

const optionalWithoutDefault = (schema: z.ZodType) => {
  const r = schema.safeParse(undefined);
  return r.success && r.data === undefined;
};

describe.each(resources)("$kind", ({ shape, fields }) => {
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
