// Generated from the resource descriptor by `npm run sdk:generate` (provider/sdk-gen.ts); do not edit by hand.
import * as pulumi from "@pulumi/pulumi";
import { computedOutputs, quietRegistration, serializedProvider, secretInput } from "../shim";

/** Fault tolerance of the load into DWS (the descriptor's `options`). */
export interface DwsTransferOptions {
  /** Fill columns missing from a record with NULL (or the column default). @default false */
  readonly fillMissingFields?: pulumi.Input<boolean>;
  /** Ignore fields beyond the table's columns. @default false */
  readonly ignoreExtraData?: pulumi.Input<boolean>;
  /** Replace characters the database cannot store instead of failing. @default false */
  readonly compatibleIllegalChars?: pulumi.Input<boolean>;
  /** Bad rows tolerated per load, or "unlimited". @default 0 */
  readonly rejectLimit?: pulumi.Input<number | "unlimited">;
  /** Table that receives rejected rows. */
  readonly errorTableName?: pulumi.Input<string>;
}

/**
 * Inputs of {@link DwsTransferTask}: the stream plus every field of the DWS destination
 * descriptor, in camelCase. Every descriptor field replaces the task when changed (the API
 * documents no DWS update); desiredStatus updates in place.
 */
export interface DwsTransferTaskArgs {
  /** The DIS stream (a DisStream's `streamName`). */
  readonly streamName: pulumi.Input<string>;
  /** 1–64 letters, digits, `_` or `-`; unique in the stream. @default the resource's name */
  readonly taskName?: pulumi.Input<string>;
  /** The IAM agency DIS assumes to write to DWS, OBS and KMS (the console creates `dis_admin_agency`). */
  readonly agencyName: pulumi.Input<string>;
  /** Seconds between loads, 30–900. @default 300 */
  readonly deliverTimeInterval?: pulumi.Input<number | string>;
  /** Where a new task starts reading: LATEST or TRIM_HORIZON (the oldest kept record). @default "LATEST" */
  readonly consumerStrategy?: pulumi.Input<"LATEST" | "TRIM_HORIZON">;
  readonly dwsClusterName: pulumi.Input<string>;
  readonly dwsClusterId: pulumi.Input<string>;
  readonly dwsDatabaseName: pulumi.Input<string>;
  readonly dwsSchema: pulumi.Input<string>;
  readonly dwsTableName: pulumi.Input<string>;
  /** Field delimiter of the records: `,`, `;` or `|`. @default "," */
  readonly dwsDelimiter?: pulumi.Input<"," | ";" | "|">;
  /** Database user the task loads as. */
  readonly userName: pulumi.Input<string>;
  /** Its password. Always stored as a secret; never echoed by the API. */
  readonly userPassword: pulumi.Input<string>;
  /** The KMS key that encrypts the password. */
  readonly kmsUserKeyName: pulumi.Input<string>;
  readonly kmsUserKeyId: pulumi.Input<string>;
  /** OBS bucket (and path) where records are staged before the load. */
  readonly obsBucketPath: pulumi.Input<string>;
  /** Folder under the bucket, ≤ 50 of letters, digits, `_`, `/`; no leading slash. */
  readonly filePrefix?: pulumi.Input<string>;
  /** Seconds to keep retrying a failed load, 0–7200; then rows go to `<bucket>/<filePrefix>/dws_error`. @default 1800 */
  readonly retryDuration?: pulumi.Input<number | string>;
  /** Columns to load, as a list or comma-separated; all when unset. */
  readonly dwsTableColumns?: pulumi.Input<string | readonly pulumi.Input<string>[]>;
  readonly options?: pulumi.Input<DwsTransferOptions>;
  /** Keep the task RUNNING or PAUSED (the batch start/stop action). @default "RUNNING" */
  readonly desiredStatus?: pulumi.Input<"RUNNING" | "PAUSED">;
  /** How long create and update wait for a settled state. @default 600 */
  readonly timeoutSeconds?: pulumi.Input<number>;
  /**
   * Bring an existing dump task with the same `taskName` in `streamName` (names are unique per
   * stream) under management instead of creating one. Every descriptor field only changes by
   * replacement, so the task must match this definition (userPassword, never echoed, is not
   * compared); desiredStatus is then applied. Without it, a task of this name is taken over only
   * when it matches (the one an interrupted `pulumi up` leaves behind, which is then started).
   * @default false: creating a task whose name is taken by a differing task fails
   */
  readonly adopt?: pulumi.Input<boolean>;
}

/**
 * A DIS dump task that delivers a stream into a DWS (GaussDB(DWS)) table. Create waits until the
 * task runs (or is paused, per desiredStatus); a task that ends in ERROR or ABNORMAL is kept in
 * state with its id and the service's reason, and the run fails. A stream holds at most 5 dump
 * tasks; a sixth is refused with a message saying so.
 *
 * @example
 * import * as pulumi from "@pulumi/pulumi";
 * import { huaweicloud } from "pulumi-streamjobs";
 *
 * // The DWS cluster, its dbadmin user (password Dws#Admin-Pass1), the KMS key, the bucket and the
 * // agency are the default emulator's; name yours in a real region.
 * const config = new pulumi.Config();
 * const stream = new huaweicloud.DisStream("orders", { partitionCount: 1, dataType: "JSON" });
 * new huaweicloud.DwsTransferTask("orders-to-dws", {
 *   streamName: stream.streamName, agencyName: "dis_admin_agency",
 *   dwsClusterName: "dwscluster", dwsClusterId: "f82dc227-3691-47eb-bca7-e7851f509b2a", dwsDatabaseName: "analytics",
 *   dwsSchema: "public", dwsTableName: "orders", userName: "dbadmin", userPassword: config.requireSecret("dwsPassword"),
 *   kmsUserKeyName: "kmskey", kmsUserKeyId: "1e759f06-9188-4d21-afab-a75e57c04d2b", obsBucketPath: "obsbucket",
 * });
 * @see https://support.huaweicloud.com/intl/en-us/api-dis/CreateTransferTask.html
 */
export class DwsTransferTask extends pulumi.CustomResource {
  /** The type token, so policies can match this class with `validateResourceOfType`. */
  static readonly __pulumiType = "pulumi-nodejs:dynamic/huaweicloud:DwsTransferTask";

  declare readonly streamName: pulumi.Output<string>;
  declare readonly taskName: pulumi.Output<string>;
  declare readonly agencyName: pulumi.Output<string>;
  declare readonly deliverTimeInterval: pulumi.Output<number>;
  declare readonly consumerStrategy: pulumi.Output<"LATEST" | "TRIM_HORIZON">;
  declare readonly dwsClusterName: pulumi.Output<string>;
  declare readonly dwsClusterId: pulumi.Output<string>;
  declare readonly dwsDatabaseName: pulumi.Output<string>;
  declare readonly dwsSchema: pulumi.Output<string>;
  declare readonly dwsTableName: pulumi.Output<string>;
  declare readonly dwsDelimiter: pulumi.Output<"," | ";" | "|">;
  declare readonly userName: pulumi.Output<string>;
  declare readonly userPassword: pulumi.Output<string>;
  declare readonly kmsUserKeyName: pulumi.Output<string>;
  declare readonly kmsUserKeyId: pulumi.Output<string>;
  declare readonly obsBucketPath: pulumi.Output<string>;
  declare readonly filePrefix: pulumi.Output<string | undefined>;
  declare readonly retryDuration: pulumi.Output<number>;
  declare readonly dwsTableColumns: pulumi.Output<string | undefined>;
  declare readonly options: pulumi.Output<DwsTransferOptions | undefined>;
  declare readonly desiredStatus: pulumi.Output<"RUNNING" | "PAUSED">;
  declare readonly timeoutSeconds: pulumi.Output<number>;
  declare readonly adopt: pulumi.Output<boolean>;
  /**
   * The task's id, which the start/stop action addresses tasks by: `task_id` of the show answer, or
   * of the task's list entry when the show answer has none. Empty when DIS gives neither; a
   * desiredStatus change then fails with a message saying so.
   */
  declare readonly taskId: pulumi.Output<string>;
  /** STARTING, RUNNING, PAUSED, ERROR, ABNORMAL or DELETE. */
  declare readonly state: pulumi.Output<string>;
  /** The service's reason when the task is in ERROR or ABNORMAL. */
  declare readonly errorMessage: pulumi.Output<string>;
  /** Milliseconds since the epoch. */
  declare readonly createTime: pulumi.Output<number>;
  declare readonly lastTransferTimestamp: pulumi.Output<number>;

  constructor(name: string, args: DwsTransferTaskArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = computedOutputs("taskId", "state", "errorMessage", "createTime", "lastTransferTimestamp");
    const props =
      opts?.id !== undefined ? { ...outputs, ...args } : { ...outputs, ...args, taskName: args.taskName ?? name, userPassword: secretInput(args.userPassword) };
    const quiet = quietRegistration();
    try {
      super(
        DwsTransferTask.__pulumiType,
        name,
        { ...props, __provider: serializedProvider("huaweicloud:DwsTransferTask") },
        pulumi.mergeOptions(opts, { additionalSecretOutputs: ["userPassword"] }),
      );
    } catch (err) {
      throw quiet.failed(err, DwsTransferTask);
    } finally {
      quiet.restore();
    }
  }

  /** Reads an existing dump task (id `<streamName>/<taskName>`) without managing it. */
  static get(name: string, id: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): DwsTransferTask {
    return new DwsTransferTask(name, {} as DwsTransferTaskArgs, { ...opts, id });
  }
}
