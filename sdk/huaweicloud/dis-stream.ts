// Generated from the resource descriptor by `npm run sdk:generate` (provider/sdk-gen.ts); do not edit by hand.
import * as pulumi from "@pulumi/pulumi";
import { computedOutputs, quietRegistration, serializedProvider } from "../shim";

export interface DisTag {
  readonly key: pulumi.Input<string>;
  /** @default "" */
  readonly value?: pulumi.Input<string>;
}

/** Inputs of {@link DisStream}. Names are the camelCase of the create-stream API's fields. */
export interface DisStreamArgs {
  /** 1–64 letters, digits, `_` or `-`; unique in the project. Changing it replaces the stream. @default the resource's name */
  readonly streamName?: pulumi.Input<string>;
  /** Partitions (1 MB/s each for COMMON, 5 MB/s for ADVANCED). Updated in place through the scale API. */
  readonly partitionCount: pulumi.Input<number>;
  /** @default "COMMON". Changing it replaces the stream. */
  readonly streamType?: pulumi.Input<"COMMON" | "ADVANCED">;
  /** @default "BLOB". Updated in place (UpdateStream). */
  readonly dataType?: pulumi.Input<"BLOB" | "JSON" | "CSV">;
  /** Hours records are kept, a whole number from 24 to 72. @default 24. Updated in place (UpdateStream). */
  readonly dataDuration?: pulumi.Input<number>;
  /**
   * Let the service scale partitions between the two bounds (then partitionCount is only the start).
   * Turning it on or off and changing the bounds update in place (UpdateStream).
   */
  readonly autoScaleEnabled?: pulumi.Input<boolean>;
  /** Required while autoScaleEnabled is true. Updated in place. */
  readonly autoScaleMinPartitionCount?: pulumi.Input<number>;
  /** Required while autoScaleEnabled is true. Updated in place. */
  readonly autoScaleMaxPartitionCount?: pulumi.Input<number>;
  /**
   * Avro schema (JSON text) of the records, for JSON/CSV conversion by dump tasks. Setting or
   * changing it updates in place; removing it replaces the stream (no API clears a schema).
   */
  readonly dataSchema?: pulumi.Input<string>;
  /** CSV only. Changing it replaces the stream. */
  readonly csvProperties?: pulumi.Input<{
    readonly delimiter: pulumi.Input<string>;
  }>;
  /** Changing it replaces the stream. */
  readonly compressionFormat?: pulumi.Input<"snappy" | "gzip" | "zip">;
  /**
   * At most 10; keys 1–36 and values at most 43 characters (letters, digits, `_`, `-`, values also
   * `.`, and CJK ideographs). Updated in place. Order is not significant.
   */
  readonly tags?: pulumi.Input<readonly pulumi.Input<DisTag>[]>;
  /** e.g. `[{ key: "_sys_enterprise_project_id", value: "…" }]`. Changing it replaces the stream. */
  readonly sysTags?: pulumi.Input<readonly pulumi.Input<DisTag>[]>;
  /** How long create, update (scaling, UpdateStream) and delete wait. @default 600 */
  readonly timeoutSeconds?: pulumi.Input<number>;
  /**
   * Bring an existing stream with the same `streamName` (unique per project) under management
   * instead of creating one: create finds it, checks that what only a replacement changes
   * (streamType, csvProperties, compressionFormat, sysTags) matches, and updates the rest in place.
   * Without it, a stream of this name is taken over only when it already has this definition (the
   * one an interrupted `pulumi up` leaves behind).
   * @default false: creating a stream whose name is taken by a differing stream fails
   */
  readonly adopt?: pulumi.Input<boolean>;
}

/**
 * A DIS stream: the source a {@link DwsTransferTask} dumps into a DWS table. Create waits until
 * the stream is RUNNING; a partitionCount change scales it and waits for the new partitions.
 * Retention, data type, schema and auto-scaling change in place; what no API changes (name,
 * streamType, csvProperties, compressionFormat, sysTags) replaces the stream, which deletes its
 * records and its dump tasks.
 *
 * @example
 * import { huaweicloud } from "pulumi-streamjobs";
 *
 * const stream = new huaweicloud.DisStream("clicks", { partitionCount: 2, dataType: "JSON", dataDuration: 72 });
 * @see https://support.huaweicloud.com/intl/en-us/api-dis/CreateStream.html
 * @see https://support.huaweicloud.com/intl/en-us/api-dis/UpdateStream.html
 */
export class DisStream extends pulumi.CustomResource {
  /** The type token, so policies can match this class with `validateResourceOfType`. */
  static readonly __pulumiType = "pulumi-nodejs:dynamic/huaweicloud:DisStream";

  declare readonly streamName: pulumi.Output<string>;
  declare readonly partitionCount: pulumi.Output<number>;
  declare readonly streamType: pulumi.Output<"COMMON" | "ADVANCED">;
  declare readonly dataType: pulumi.Output<"BLOB" | "JSON" | "CSV">;
  declare readonly dataDuration: pulumi.Output<number>;
  declare readonly autoScaleEnabled: pulumi.Output<boolean | undefined>;
  declare readonly autoScaleMinPartitionCount: pulumi.Output<number | undefined>;
  declare readonly autoScaleMaxPartitionCount: pulumi.Output<number | undefined>;
  declare readonly dataSchema: pulumi.Output<string | undefined>;
  declare readonly csvProperties: pulumi.Output<
    | {
        readonly delimiter: string;
      }
    | undefined
  >;
  declare readonly compressionFormat: pulumi.Output<"snappy" | "gzip" | "zip" | undefined>;
  declare readonly tags: pulumi.Output<readonly DisTag[] | undefined>;
  declare readonly sysTags: pulumi.Output<readonly DisTag[] | undefined>;
  declare readonly timeoutSeconds: pulumi.Output<number>;
  declare readonly adopt: pulumi.Output<boolean>;
  /** The stream's id (the tags API addresses streams by it). */
  declare readonly streamId: pulumi.Output<string>;
  /** CREATING, RUNNING, TERMINATING, TERMINATED or FROZEN. */
  declare readonly status: pulumi.Output<string>;
  declare readonly writablePartitionCount: pulumi.Output<number>;
  declare readonly readablePartitionCount: pulumi.Output<number>;
  /** Milliseconds since the epoch. */
  declare readonly createTime: pulumi.Output<number>;
  declare readonly lastModifiedTime: pulumi.Output<number>;

  constructor(name: string, args: DisStreamArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = computedOutputs("streamId", "status", "writablePartitionCount", "readablePartitionCount", "createTime", "lastModifiedTime");
    const props = opts?.id !== undefined ? { ...outputs, ...args } : { ...outputs, ...args, streamName: args.streamName ?? name };
    const quiet = quietRegistration();
    try {
      super(DisStream.__pulumiType, name, { ...props, __provider: serializedProvider("huaweicloud:DisStream") }, opts);
    } catch (err) {
      throw quiet.failed(err, DisStream);
    } finally {
      quiet.restore();
    }
  }

  /** Reads an existing stream (the id is its name) without managing it. */
  static get(name: string, id: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): DisStream {
    return new DisStream(name, {} as DisStreamArgs, { ...opts, id });
  }
}
