// Generated from the resource descriptor by `npm run sdk:generate` (provider/sdk-gen.ts); do not edit by hand.
import * as pulumi from "@pulumi/pulumi";
import { computedOutputs, quietRegistration, serializedProvider, secretInput } from "../shim";

/**
 * The professional-mode job configuration as a typed object. Keys are the camelCase of the YAML
 * keys the service takes (`fallbackOffset` → `FALLBACK_OFFSET`); the provider renders it to YAML.
 */
export interface StreamingJobConfig {
  /** Target database. */
  readonly database: pulumi.Input<string>;
  readonly user: pulumi.Input<string>;
  /** Target database password; the whole jobConfig is kept secret in state because of it. */
  readonly password: pulumi.Input<string>;
  readonly host: pulumi.Input<string>;
  readonly port: pulumi.Input<number>;
  readonly kafka: pulumi.Input<{
    readonly input: pulumi.Input<{
      readonly source: pulumi.Input<{
        readonly brokers: pulumi.Input<string>;
        readonly topic: pulumi.Input<string>;
        readonly fallbackOffset?: pulumi.Input<"earliest" | "latest" | "EARLIEST" | "LATEST">;
      }>;
      readonly key?: pulumi.Input<JobConfigFormat>;
      readonly value: pulumi.Input<JobConfigFormat>;
      /** Bad rows tolerated before the job fails. */
      readonly errorLimit?: pulumi.Input<number>;
    }>;
    readonly output: pulumi.Input<{
      readonly schema: pulumi.Input<string>;
      readonly table: pulumi.Input<string>;
      readonly mode?: pulumi.Input<"INSERT" | "UPDATE" | "MERGE">;
      readonly matchColumns?: pulumi.Input<readonly pulumi.Input<string>[]>;
      readonly orderColumns?: pulumi.Input<readonly pulumi.Input<string>[]>;
      readonly updateColumns?: pulumi.Input<readonly pulumi.Input<string>[]>;
      readonly mapping?: pulumi.Input<
        readonly pulumi.Input<{
          readonly name: pulumi.Input<string>;
          readonly expression: pulumi.Input<string>;
        }>[]
      >;
    }>;
    readonly commit?: pulumi.Input<{
      readonly maxRow?: pulumi.Input<number>;
      readonly minimalInterval?: pulumi.Input<number>;
      readonly consistency?: pulumi.Input<"at-least" | "exactly-once" | "ATLEAST" | "EXACTLY">;
    }>;
    readonly poll?: pulumi.Input<{
      readonly batchsize?: pulumi.Input<number>;
      readonly timeout?: pulumi.Input<number>;
    }>;
    /** Kafka consumer properties, keys verbatim (e.g. `group.id`). */
    readonly properties?: pulumi.Input<Readonly<Record<string, pulumi.Input<string>>>>;
  }>;
}

export interface JobConfigFormat {
  readonly columns: pulumi.Input<readonly pulumi.Input<JobConfigColumn>[]>;
  /** e.g. `delimited` or `json`. */
  readonly format: pulumi.Input<string>;
  readonly delimitedOption?: pulumi.Input<{
    readonly delimiter: pulumi.Input<string>;
  }>;
}

export interface JobConfigColumn {
  readonly name: pulumi.Input<string>;
  /** A PostgreSQL type, e.g. `int`, `text`, `timestamp`. */
  readonly type: pulumi.Input<string>;
}

/** Inputs of {@link StreamingJob}. Names are the camelCase of the CreateStreamingJob parameters. */
export interface StreamingJobArgs {
  /**
   * Region of the instance, an Alibaba Cloud region id such as `cn-beijing` or
   * `cn-shanghai-finance-1` (lower-case words joined by hyphens). Changing it replaces the job.
   * @default the stack config `alicloud:region` (or ALIBABA_CLOUD_REGION_ID), which must have the same form
   */
  readonly regionId?: pulumi.Input<string>;
  /** The AnalyticDB for PostgreSQL instance. Changing it replaces the job. */
  readonly dbInstanceId: pulumi.Input<string>;
  /** The Kafka data source the job reads (a StreamingDataSource's `dataSourceId`). Changing it replaces the job. */
  readonly dataSourceId: pulumi.Input<string | number>;
  /** Job name, unique in the instance, one line without control characters. Changing it replaces the job. */
  readonly jobName: pulumi.Input<string>;
  /**
   * `basic` (columns and write mode given as fields) or `professional` (a YAML `jobConfig`).
   * Changing it replaces the job.
   * @default "basic"
   */
  readonly mode?: pulumi.Input<"basic" | "professional">;
  readonly jobDescription?: pulumi.Input<string>;
  /** Target database account. Required in basic mode. */
  readonly account?: pulumi.Input<string>;
  /** Target database password (the account's own; no length rule here). Always stored as a secret. Required in basic mode. */
  readonly password?: pulumi.Input<string>;
  /** Target database. Basic mode only (required there). */
  readonly destDatabase?: pulumi.Input<string>;
  /** Target schema. Basic mode only. */
  readonly destSchema?: pulumi.Input<string>;
  /** Target table. Basic mode only (required there). */
  readonly destTable?: pulumi.Input<string>;
  /** Source fields, in order; `srcColumns[i]` is written to `destColumns[i]`. Basic mode only (optional there, as in the SDK's example). */
  readonly srcColumns?: pulumi.Input<readonly pulumi.Input<string>[]>;
  /** Target columns, as many as `srcColumns`. Basic mode only. */
  readonly destColumns?: pulumi.Input<readonly pulumi.Input<string>[]>;
  /** Key columns that find the row to update; required for UPDATE and MERGE, and then among `destColumns`. Order is not significant. */
  readonly matchColumns?: pulumi.Input<readonly pulumi.Input<string>[]>;
  /** Non-key columns overwritten on a match (used by UPDATE and MERGE, ignored by INSERT). Order is not significant. */
  readonly updateColumns?: pulumi.Input<readonly pulumi.Input<string>[]>;
  /**
   * INSERT, UPDATE or MERGE (either case; the service echoes what it was given, so case alone is never a change).
   * @default decided by the service (INSERT)
   */
  readonly writeMode?: pulumi.Input<string>;
  /**
   * Professional mode's job configuration: YAML text, or the typed object rendered to YAML.
   * YAML that differs only in formatting, quoting or key order is not a change. Kept secret in
   * state because it holds the target password.
   */
  readonly jobConfig?: pulumi.Input<string | StreamingJobConfig>;
  /** Kafka consumer group. */
  readonly groupName?: pulumi.Input<string>;
  /** Where to start when the group has no valid committed offset: EARLIEST or LATEST. */
  readonly fallbackOffset?: pulumi.Input<string>;
  /** Bad rows tolerated before the job fails, 0 to 2147483647 (DescribeStreamingJob answers it as a 32-bit integer). */
  readonly errorLimitCount?: pulumi.Input<number>;
  /** Delivery guarantee: ATLEAST or EXACTLY. */
  readonly consistency?: pulumi.Input<string>;
  /** Test-run the job. Never echoed back by the service. Removing it sends the vendor's default, false. */
  readonly tryRun?: pulumi.Input<boolean>;
  /**
   * How long create, update and delete wait for the job to settle before failing. A job still
   * starting when it runs out is kept in state and the run fails; the next `up` waits again.
   * (Pulumi's `customTimeouts` option does not reach dynamic providers, so it is an input.)
   * @default 600
   */
  readonly timeoutSeconds?: pulumi.Input<number>;
  /**
   * Bring an existing job with the same `jobName` under management instead of creating one: create
   * finds it and modifies only the fields that differ from this definition (never sending an empty
   * value). A difference in a field that forces a replacement (dataSourceId, mode) is refused.
   * Pulumi's `import` option does not work for dynamic resources; this is the supported way.
   * @default false: a job of this name that has this definition (one an interrupted `pulumi up`
   * left behind) is still taken over; one that differs is refused, naming both jobs.
   */
  readonly adopt?: pulumi.Input<boolean>;
}

/**
 * An AnalyticDB for PostgreSQL streaming job: reads a Kafka data source into a table, in basic mode
 * (columns and write mode as fields) or professional mode (a YAML job config). Create and update
 * wait until the job is Running; a job that lands in Exception is kept in state with its id and the
 * service's reason, and the run fails.
 *
 * @example
 * import * as pulumi from "@pulumi/pulumi";
 * import { alicloud } from "pulumi-streamjobs";
 *
 * // The instance, its etl account (password Demo#Pass123) and the brokers are the default emulator's.
 * const config = new pulumi.Config();
 * const dbInstanceId = "gp-demo00000000001";
 * const service = new alicloud.StreamingDataService("orders", { dbInstanceId, serviceName: "orders", serviceSpec: "4" });
 * const source = new alicloud.StreamingDataSource("orders", {
 *   dbInstanceId, serviceId: service.serviceId, dataSourceName: "orders",
 *   dataSourceConfig: { brokers: "192.168.0.10:9092,192.168.0.11:9092,192.168.0.12:9092", topic: "orders", format: "json" },
 * });
 * const job = new alicloud.StreamingJob("orders", {
 *   dbInstanceId, dataSourceId: source.dataSourceId, jobName: "orders",
 *   account: "etl", password: config.requireSecret("dbPassword"),
 *   destDatabase: "analytics", destSchema: "public", destTable: "orders",
 *   srcColumns: ["id", "amount"], destColumns: ["id", "amount"],
 *   writeMode: "MERGE", matchColumns: ["id"], updateColumns: ["amount"], consistency: "EXACTLY",
 * });
 * @see https://www.alibabacloud.com/help/en/analyticdb/analyticdb-for-postgresql/developer-reference/api-gpdb-2016-05-03-createstreamingjob
 */
export class StreamingJob extends pulumi.CustomResource {
  /** The type token, so policies can match this class with `validateResourceOfType`. */
  static readonly __pulumiType = "pulumi-nodejs:dynamic/alicloud:StreamingJob";

  declare readonly regionId: pulumi.Output<string | undefined>;
  declare readonly dbInstanceId: pulumi.Output<string>;
  declare readonly dataSourceId: pulumi.Output<string>;
  declare readonly jobName: pulumi.Output<string>;
  declare readonly mode: pulumi.Output<"basic" | "professional">;
  declare readonly jobDescription: pulumi.Output<string | undefined>;
  declare readonly account: pulumi.Output<string | undefined>;
  declare readonly password: pulumi.Output<string | undefined>;
  declare readonly destDatabase: pulumi.Output<string | undefined>;
  declare readonly destSchema: pulumi.Output<string | undefined>;
  declare readonly destTable: pulumi.Output<string | undefined>;
  declare readonly srcColumns: pulumi.Output<readonly string[] | undefined>;
  declare readonly destColumns: pulumi.Output<readonly string[] | undefined>;
  declare readonly matchColumns: pulumi.Output<readonly string[] | undefined>;
  declare readonly updateColumns: pulumi.Output<readonly string[] | undefined>;
  declare readonly writeMode: pulumi.Output<string | undefined>;
  /** The job YAML (rendered, when given as an object). */
  declare readonly jobConfig: pulumi.Output<string | undefined>;
  declare readonly groupName: pulumi.Output<string | undefined>;
  declare readonly fallbackOffset: pulumi.Output<string | undefined>;
  declare readonly errorLimitCount: pulumi.Output<number | undefined>;
  declare readonly consistency: pulumi.Output<string | undefined>;
  declare readonly tryRun: pulumi.Output<boolean | undefined>;
  declare readonly timeoutSeconds: pulumi.Output<number>;
  declare readonly adopt: pulumi.Output<boolean>;
  /** The job's id in its instance. */
  declare readonly jobId: pulumi.Output<string>;
  /** The region the job was created in. */
  declare readonly region: pulumi.Output<string>;
  /** Init, Running, Exception or Paused, as the service reports it. */
  declare readonly status: pulumi.Output<string>;
  /** The service's reason when the job is in Exception. */
  declare readonly errorMessage: pulumi.Output<string>;
  declare readonly dataSourceName: pulumi.Output<string>;
  declare readonly createTime: pulumi.Output<string>;
  declare readonly modifyTime: pulumi.Output<string>;

  constructor(name: string, args: StreamingJobArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = computedOutputs("jobId", "region", "status", "errorMessage", "dataSourceName", "createTime", "modifyTime");
    const props =
      opts?.id !== undefined ? { ...outputs, ...args } : { ...outputs, ...args, password: secretInput(args.password), jobConfig: secretInput(args.jobConfig) };
    const quiet = quietRegistration();
    try {
      super(
        StreamingJob.__pulumiType,
        name,
        { ...props, __provider: serializedProvider("alicloud:StreamingJob") },
        pulumi.mergeOptions(opts, { additionalSecretOutputs: ["password", "jobConfig"] }),
      );
    } catch (err) {
      throw quiet.failed(err, StreamingJob);
    } finally {
      quiet.restore();
    }
  }

  /** Reads an existing job (id `<dbInstanceId>:<jobId>`) without managing it. */
  static get(name: string, id: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): StreamingJob {
    return new StreamingJob(name, {} as StreamingJobArgs, { ...opts, id });
  }
}
