/**
 * Professional-mode job configuration: the typed object form and its rendering to the YAML the
 * service takes (the Greenplum Streaming Server shape: DATABASE, USER, …, KAFKA.INPUT/OUTPUT/COMMIT).
 * Object keys are camelCase of the YAML keys (`fallbackOffset` → `FALLBACK_OFFSET`); the keys of
 * `kafka.properties` are Kafka client settings and kept verbatim (`group.id`).
 */
import { parse, stringify } from "yaml";
import { z } from "zod";

const column = z
  .strictObject({ name: z.string().min(1), type: z.string().min(1).describe("A PostgreSQL type, e.g. `int`, `text`, `timestamp`.") })
  .meta({ sdkName: "JobConfigColumn" });
const format = z
  .strictObject({
    columns: z.array(column).min(1),
    format: z.string().min(1).describe("e.g. `delimited` or `json`."),
    delimitedOption: z.strictObject({ delimiter: z.string().min(1) }).optional(),
  })
  .meta({ sdkName: "JobConfigFormat" });

export const jobConfigObject = z
  .strictObject({
    database: z.string().min(1).describe("Target database."),
    user: z.string().min(1),
    password: z.string().min(1).describe("Target database password; the whole jobConfig is kept secret in state because of it."),
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535),
    kafka: z.strictObject({
      input: z.strictObject({
        source: z.strictObject({
          brokers: z.string().min(1),
          topic: z.string().min(1),
          fallbackOffset: z.enum(["earliest", "latest", "EARLIEST", "LATEST"]).optional(),
        }),
        key: format.optional(),
        value: format,
        errorLimit: z.number().int().min(0).optional().describe("Bad rows tolerated before the job fails."),
      }),
      output: z.strictObject({
        schema: z.string().min(1),
        table: z.string().min(1),
        mode: z.enum(["INSERT", "UPDATE", "MERGE"]).optional(),
        matchColumns: z.array(z.string().min(1)).optional(),
        orderColumns: z.array(z.string().min(1)).optional(),
        updateColumns: z.array(z.string().min(1)).optional(),
        mapping: z.array(z.strictObject({ name: z.string().min(1), expression: z.string().min(1) })).optional(),
      }),
      commit: z
        .strictObject({
          maxRow: z.number().int().min(1).optional(),
          minimalInterval: z.number().int().min(0).optional(),
          consistency: z.enum(["at-least", "exactly-once", "ATLEAST", "EXACTLY"]).optional(),
        })
        .optional(),
      poll: z.strictObject({ batchsize: z.number().int().min(1).optional(), timeout: z.number().int().min(0).optional() }).optional(),
      properties: z.record(z.string(), z.string()).optional().describe("Kafka consumer properties, keys verbatim (e.g. `group.id`)."),
    }),
  })
  .meta({
    sdkName: "StreamingJobConfig",
    sdkTypeDoc: [
      "The professional-mode job configuration as a typed object. Keys are the camelCase of the YAML",
      "keys the service takes (`fallbackOffset` → `FALLBACK_OFFSET`); the provider renders it to YAML.",
    ].join("\n"),
  });
export type JobConfigObject = z.infer<typeof jobConfigObject>;

const upperSnake = (k: string) => k.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();

function toYamlKeys(value: unknown, verbatimKeys: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => toYamlKeys(v, false));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [verbatimKeys ? k : upperSnake(k), toYamlKeys(v, k === "properties")]));
  }
  return value;
}

/** Renders the typed form to YAML text, keys in the service's spelling. */
export function renderJobConfig(config: JobConfigObject): string {
  return stringify(toYamlKeys(config, false), { lineWidth: 0 });
}

/** Problems with a YAML job configuration that the service would reject, as sentences. */
export function jobConfigProblems(yamlText: string): string[] {
  let doc: unknown;
  try {
    doc = parse(yamlText);
  } catch (e) {
    return [`jobConfig is not valid YAML: ${(e as Error).message.split("\n")[0]}. Fix the YAML syntax.`];
  }
  const kafka = doc && typeof doc === "object" ? (doc as Record<string, unknown>).KAFKA : undefined;
  const problems: string[] = [];
  if (!kafka || typeof kafka !== "object") {
    return ["jobConfig must have a KAFKA section with INPUT and OUTPUT (the professional-mode job YAML). Add it."];
  }
  const k = kafka as Record<string, unknown>;
  for (const part of ["INPUT", "OUTPUT"]) {
    if (!k[part] || typeof k[part] !== "object") problems.push(`jobConfig must have KAFKA.${part}. Add the KAFKA.${part} section.`);
  }
  const output = k.OUTPUT as Record<string, unknown> | undefined;
  const mode = typeof output?.MODE === "string" ? output.MODE.toUpperCase() : undefined;
  const match = output?.MATCH_COLUMNS;
  if ((mode === "MERGE" || mode === "UPDATE") && !(Array.isArray(match) && match.length > 0)) {
    problems.push(`jobConfig KAFKA.OUTPUT.MODE is ${mode}, which needs KAFKA.OUTPUT.MATCH_COLUMNS. Add the key columns or use MODE: INSERT.`);
  }
  return problems;
}
