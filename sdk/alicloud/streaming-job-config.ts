/**
 * The professional-mode job configuration as a typed object. Keys are the camelCase of the YAML
 * keys the service takes (`fallbackOffset` → `FALLBACK_OFFSET`); the provider renders it to YAML.
 */
export interface JobConfigColumn {
  readonly name: string;
  /** A PostgreSQL type, e.g. `int`, `text`, `timestamp`. */
  readonly type: string;
}

export interface JobConfigFormat {
  readonly columns: readonly JobConfigColumn[];
  /** e.g. `delimited` or `json`. */
  readonly format: string;
  readonly delimitedOption?: { readonly delimiter: string };
}

export interface StreamingJobConfig {
  /** Target database. */
  readonly database: string;
  readonly user: string;
  /** Target database password; the whole jobConfig is kept secret in state because of it. */
  readonly password: string;
  readonly host: string;
  readonly port: number;
  readonly kafka: {
    readonly input: {
      readonly source: { readonly brokers: string; readonly topic: string; readonly fallbackOffset?: "earliest" | "latest" | "EARLIEST" | "LATEST" };
      readonly key?: JobConfigFormat;
      readonly value: JobConfigFormat;
      /** Bad rows tolerated before the job fails. */
      readonly errorLimit?: number;
    };
    readonly output: {
      readonly schema: string;
      readonly table: string;
      readonly mode?: "INSERT" | "UPDATE" | "MERGE";
      readonly matchColumns?: readonly string[];
      readonly orderColumns?: readonly string[];
      readonly updateColumns?: readonly string[];
      readonly mapping?: readonly { readonly name: string; readonly expression: string }[];
    };
    readonly commit?: {
      readonly maxRow?: number;
      readonly minimalInterval?: number;
      readonly consistency?: "at-least" | "exactly-once" | "ATLEAST" | "EXACTLY";
    };
    readonly poll?: { readonly batchsize?: number; readonly timeout?: number };
    /** Kafka consumer properties, keys verbatim (e.g. `group.id`). */
    readonly properties?: Readonly<Record<string, string>>;
  };
}
