// Generated from the resource descriptor by `npm run sdk:generate` (provider/sdk-gen.ts); do not edit by hand.
import * as pulumi from "@pulumi/pulumi";
import { computedOutputs, quietRegistration, serializedProvider } from "../shim";

/** A Kafka data source's connection, as an object (rendered to the JSON text the API takes). */
export interface KafkaDataSourceConfig {
  /** Comma-separated `host:port` list of the Kafka brokers. */
  readonly brokers: pulumi.Input<string>;
  readonly topic: pulumi.Input<string>;
  /** Message format. */
  readonly format?: pulumi.Input<"delimited" | "json" | "csv" | "avro">;
  /** Field delimiter for `delimited` messages, e.g. `|`. */
  readonly delimiter?: pulumi.Input<string>;
}

/** Inputs of {@link StreamingDataSource}. */
export interface StreamingDataSourceArgs {
  /**
   * Region of the instance, an Alibaba Cloud region id such as `cn-beijing`. Changing it replaces the data source.
   * @default the stack config `alicloud:region` (or ALIBABA_CLOUD_REGION_ID)
   */
  readonly regionId?: pulumi.Input<string>;
  /** The AnalyticDB for PostgreSQL instance. Changing it replaces the data source. */
  readonly dbInstanceId: pulumi.Input<string>;
  /** Name, unique in the instance, one line without control characters. Changing it replaces the data source. */
  readonly dataSourceName: pulumi.Input<string>;
  /**
   * Source type; only Kafka exists. Changing it replaces the data source.
   * @default "kafka"
   */
  readonly dataSourceType?: pulumi.Input<"kafka">;
  /**
   * The Kafka connection: JSON text such as `{"brokers":"h1:9092","topic":"t"}` or the typed object
   * (sent under `brokers`). The broker list is `host:port[,host:port…]`, no spaces, ports 1–65535;
   * JSON text may carry it under `brokers` or `broker_list` (the SDK's Create example), not both.
   * Text that differs only in whitespace, key order or which of the two keys holds the same list is
   * not a change. Updated in place.
   */
  readonly dataSourceConfig: pulumi.Input<string | KafkaDataSourceConfig>;
  /** The data service it runs on (a StreamingDataService's `serviceId`). Changing it replaces the data source. */
  readonly serviceId: pulumi.Input<string | number>;
  /** Free text, at most 256 characters. Updated in place; removing it keeps the current description (nothing is sent). */
  readonly dataSourceDescription?: pulumi.Input<string>;
  /**
   * How long create and update wait for the data source to reach running.
   * @default 600
   */
  readonly timeoutSeconds?: pulumi.Input<number>;
  /**
   * Bring an existing data source with the same `dataSourceName` under management instead of creating one:
   * create finds it and modifies only the fields that differ from this definition (never sending an
   * empty value). A difference in a field that forces a replacement is refused.
   * Pulumi's `import` option does not work for dynamic resources; this is the supported way.
   * @default false: a data source of this name that has this definition (one an interrupted `pulumi up`
   * left behind) is still taken over; one that differs is refused, naming both.
   */
  readonly adopt?: pulumi.Input<boolean>;
}

/**
 * A Kafka data source of AnalyticDB for PostgreSQL streaming, read by streaming jobs. Create waits
 * until it is running; a source whose brokers cannot be reached ends in exception, and is kept in
 * state with the service's reason.
 *
 * @example
 * import { alicloud } from "pulumi-streamjobs";
 *
 * // The instance and the Kafka brokers are the default emulator's; name yours in a real region.
 * const dbInstanceId = "gp-demo00000000001";
 * const service = new alicloud.StreamingDataService("payments", { dbInstanceId, serviceName: "payments", serviceSpec: "4" });
 * const source = new alicloud.StreamingDataSource("payments-topic", {
 *   dbInstanceId, serviceId: service.serviceId, dataSourceName: "payments",
 *   dataSourceConfig: { brokers: "192.168.0.10:9092,192.168.0.11:9092,192.168.0.12:9092", topic: "payments", format: "json" },
 * });
 * @see https://www.alibabacloud.com/help/en/analyticdb/analyticdb-for-postgresql/developer-reference/api-gpdb-2016-05-03-createstreamingdatasource
 */
export class StreamingDataSource extends pulumi.CustomResource {
  /** The type token, so policies can match this class with `validateResourceOfType`. */
  static readonly __pulumiType = "pulumi-nodejs:dynamic/alicloud:StreamingDataSource";

  declare readonly regionId: pulumi.Output<string | undefined>;
  declare readonly dbInstanceId: pulumi.Output<string>;
  declare readonly dataSourceName: pulumi.Output<string>;
  declare readonly dataSourceType: pulumi.Output<"kafka">;
  /** The connection as JSON text. */
  declare readonly dataSourceConfig: pulumi.Output<string>;
  declare readonly serviceId: pulumi.Output<number>;
  declare readonly dataSourceDescription: pulumi.Output<string | undefined>;
  declare readonly timeoutSeconds: pulumi.Output<number>;
  declare readonly adopt: pulumi.Output<boolean>;
  /** The data source's id in its instance; jobs refer to it as `dataSourceId`. */
  declare readonly dataSourceId: pulumi.Output<string>;
  declare readonly region: pulumi.Output<string>;
  /** init, running or exception (this API reports it in lower case). */
  declare readonly status: pulumi.Output<string>;
  declare readonly errorMessage: pulumi.Output<string>;
  declare readonly createTime: pulumi.Output<string>;

  constructor(name: string, args: StreamingDataSourceArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = computedOutputs("dataSourceId", "region", "status", "errorMessage", "createTime");
    const props = { ...outputs, ...args };
    const quiet = quietRegistration();
    try {
      super(StreamingDataSource.__pulumiType, name, { ...props, __provider: serializedProvider("alicloud:StreamingDataSource") }, opts);
    } catch (err) {
      throw quiet.failed(err, StreamingDataSource);
    } finally {
      quiet.restore();
    }
  }

  /** Reads an existing data source (id `<dbInstanceId>:<dataSourceId>`) without managing it. */
  static get(name: string, id: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): StreamingDataSource {
    return new StreamingDataSource(name, {} as StreamingDataSourceArgs, { ...opts, id });
  }
}
