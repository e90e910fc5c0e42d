// Generated from the resource descriptor by `npm run sdk:generate` (provider/sdk-gen.ts); do not edit by hand.
import * as pulumi from "@pulumi/pulumi";
import { computedOutputs, quietRegistration, serializedProvider } from "../shim";

/**
 * A DI script as an object, rendered to the JSON the API takes. For DI_OFFLINE the batch script
 * (`type: "job"`, `version: "2.0"`, steps, setting, order.hops); for DI_REALTIME / DI_SOLUTION the
 * realtime specification (`type: "realtime"`, `version: "1.0"`, steps, setting with taskType and
 * resourceGroup) from which DataWorks generates the task.
 */
export interface DISyncTaskContent {
  readonly type: pulumi.Input<string>;
  readonly version: pulumi.Input<string>;
  readonly steps: pulumi.Input<readonly pulumi.Input<DISyncTaskStep>[]>;
  readonly setting?: pulumi.Input<Readonly<Record<string, pulumi.Input<unknown>>>>;
  readonly order?: pulumi.Input<{
    readonly hops: pulumi.Input<
      readonly pulumi.Input<{
        readonly from: pulumi.Input<string>;
        readonly to: pulumi.Input<string>;
      }>[]
    >;
  }>;
  readonly [key: string]: unknown;
}

export interface DISyncTaskParam {
  /**
   * DataStudio folder of the task's file, "/"-separated as in the vendor's example
   * `Business Flow/<business flow>/Data Integration`; no empty or ".." segment, no control
   * characters. Changing it replaces the task.
   */
  readonly fileFolderPath: pulumi.Input<string>;
  /** The exclusive resource group that runs the task. Updated in place. */
  readonly resourceGroup: pulumi.Input<string>;
  /**
   * Compute units, a multiple of 0.5. Updated in place. Removing it leaves the task's compute units
   * as they are: no vendor source documents a default to go back to.
   */
  readonly cu?: pulumi.Input<number>;
}

/** One step of a DI script: a reader or a writer plugin with its parameters. */
export interface DISyncTaskStep {
  /** The plugin, e.g. mysql, odps, kafka, holo. */
  readonly stepType: pulumi.Input<string>;
  readonly category: pulumi.Input<"reader" | "writer">;
  readonly name: pulumi.Input<string>;
  readonly parameter?: pulumi.Input<Readonly<Record<string, pulumi.Input<unknown>>>>;
  readonly [key: string]: unknown;
}

/** Inputs of {@link DISyncTask}. Names are the camelCase of the CreateDISyncTask parameters. */
export interface DISyncTaskArgs {
  /** Region of the DataWorks project. Changing it replaces the task. @default the stack config `alicloud:region` */
  readonly regionId?: pulumi.Input<string>;
  /** The DataWorks project (workspace) id. Changing it replaces the task. */
  readonly projectId: pulumi.Input<number | string>;
  /** DI_OFFLINE (batch), DI_REALTIME or DI_SOLUTION. Changing it replaces the task. */
  readonly taskType: pulumi.Input<"DI_OFFLINE" | "DI_REALTIME" | "DI_SOLUTION">;
  /** Unique in the project; one line (no control characters), at most 128 characters. Changing it replaces the task. @default the resource's name */
  readonly taskName?: pulumi.Input<string>;
  /**
   * The script (DI_OFFLINE) or the realtime specification (DI_REALTIME, DI_SOLUTION), as JSON text
   * or as an object. JSON that differs only in key order or formatting is not a change. A batch
   * script is updated in place (and committed and deployed again, see `deployTo`). A realtime
   * specification is updated in place when only the reader's table selection changes (DataWorks
   * regenerates the task and it is restarted); any other change replaces the task, since DataWorks
   * has no API for it.
   */
  readonly taskContent: pulumi.Input<string | DISyncTaskContent>;
  readonly taskParam: pulumi.Input<DISyncTaskParam>;
  /**
   * Batch (DI_OFFLINE) tasks: how far each version of the task goes after a create or update.
   * `PRODUCTION` commits it (SubmitFile) and deploys it (DeployFile), waiting for each deployment,
   * so the task runs on production's schedule; `DEVELOPMENT` only commits it to the development
   * environment's scheduler (in a basic-mode workspace, its only one); `NONE` leaves an uncommitted
   * draft in DataStudio, for teams whose releases go through DataWorks' own Deploy Center.
   * Switching to NONE later leaves what production already runs alone. The workspace's pre-deploy
   * checks always run. A deployment that fails keeps the task and fails the update with
   * DataWorks' reason; the next `up` tries again. Removing it means PRODUCTION again.
   * @default "PRODUCTION": the program decides, and by default a batch task reaches production
   * like the realtime ones (which DeployDISyncTask always deploys).
   */
  readonly deployTo?: pulumi.Input<"PRODUCTION" | "DEVELOPMENT" | "NONE">;
  /** Realtime tasks: keep the instance RUNNING or STOPPED. Removing it means RUNNING again. @default "RUNNING" */
  readonly desiredStatus?: pulumi.Input<"RUNNING" | "STOPPED">;
  /**
   * Realtime tasks: the start parameters (failoverLimit, errorLimit, ddlMarkMap) as JSON text or an
   * object, sent when the instance is started. Removing it changes nothing now: the running
   * instance keeps what it was started with and a later start sends none (no vendor source gives
   * the service's defaults to reset to).
   */
  readonly startParam?: pulumi.Input<string | Readonly<Record<string, pulumi.Input<unknown>>>>;
  /** How long generation, commits and deployments, starting, stopping and deletion may take, in total per operation. @default 600 */
  readonly timeoutSeconds?: pulumi.Input<number>;
  /**
   * Bring an existing task with the same `taskName` in the project under management instead of
   * creating one: create finds it (ListFiles), checks that its type and folder match, and updates a
   * batch task's script in place to this definition (only what differs), then commits, deploys or
   * starts it as a create would. A realtime task's specification must already match (DataWorks
   * has no API to change it in place). Pulumi's `import` option does not work for dynamic
   * resources; this is the supported way.
   * @default false: a task with the program's definition is still taken over (an interrupted
   * `pulumi up` leaves one behind); one that differs is refused, naming both
   */
  readonly adopt?: pulumi.Input<boolean>;
}

/**
 * A DataWorks data-integration task: a batch (offline) sync such as MySQL → MaxCompute, or a
 * realtime sync from MySQL to Kafka, Hologres or MaxCompute. Realtime tasks are created the way
 * DataWorks requires: the specification is turned into a script by an asynchronous generation
 * process (progress shown; its failure message surfaced), then the task is created, deployed and
 * started. Batch tasks are committed and deployed to production (see `deployTo`). Retried creates
 * never make a second task (ClientToken, and a look-up by name after every ambiguous failure); a
 * create whose name is taken by a task with the program's definition (an interrupted `pulumi up`)
 * takes it over and finishes its commit, deployment or start (see `adopt`).
 *
 * @example
 * import { alicloud } from "pulumi-streamjobs";
 *
 * // Workspace 10001, its resource group and its mysql_pub and odps_first data sources are the default emulator's.
 * new alicloud.DISyncTask("orders-batch", {
 *   projectId: 10001, taskType: "DI_OFFLINE",
 *   taskParam: { fileFolderPath: "Business Flow/orders/Data Integration", resourceGroup: "S_res_group_demo_001" },
 *   taskContent: {
 *     type: "job", version: "2.0",
 *     steps: [
 *       { stepType: "mysql", category: "reader", name: "Reader", parameter: { datasource: "mysql_pub", column: ["id"], connection: [{ datasource: "mysql_pub", table: ["orders"] }] } },
 *       { stepType: "odps", category: "writer", name: "Writer", parameter: { datasource: "odps_first", table: "orders", column: ["id"] } },
 *     ],
 *     setting: { speed: { concurrent: 2, throttle: false }, errorLimit: { record: "0" } },
 *     order: { hops: [{ from: "Reader", to: "Writer" }] },
 *   },
 * });
 * @see https://www.alibabacloud.com/help/en/dataworks/developer-reference/api-dataworks-public-2020-05-18-createdisynctask
 */
export class DISyncTask extends pulumi.CustomResource {
  /** The type token, so policies can match this class with `validateResourceOfType`. */
  static readonly __pulumiType = "pulumi-nodejs:dynamic/alicloud:DISyncTask";

  declare readonly regionId: pulumi.Output<string | undefined>;
  declare readonly projectId: pulumi.Output<number>;
  declare readonly taskType: pulumi.Output<"DI_OFFLINE" | "DI_REALTIME" | "DI_SOLUTION">;
  declare readonly taskName: pulumi.Output<string>;
  /** The script or specification (rendered, when given as an object). */
  declare readonly taskContent: pulumi.Output<string>;
  declare readonly taskParam: pulumi.Output<DISyncTaskParam>;
  declare readonly deployTo: pulumi.Output<"PRODUCTION" | "DEVELOPMENT" | "NONE" | undefined>;
  declare readonly desiredStatus: pulumi.Output<"RUNNING" | "STOPPED" | undefined>;
  declare readonly startParam: pulumi.Output<string | undefined>;
  declare readonly timeoutSeconds: pulumi.Output<number>;
  declare readonly adopt: pulumi.Output<boolean>;
  /** The task's file id in DataStudio. */
  declare readonly fileId: pulumi.Output<number>;
  /** Realtime instance status (RUN, WAIT, PAUSE, NORUN, KILLING); empty for batch tasks. */
  declare readonly status: pulumi.Output<string>;
  /** Realtime tasks: the script DataWorks generated from taskContent, as deployed. */
  declare readonly generatedTaskContent: pulumi.Output<string>;
  /** Batch tasks: GetFile's CommitStatus, 1 when the current version is committed. */
  declare readonly commitStatus: pulumi.Output<number | undefined>;
  /** Batch tasks: the file's current version (GetFile CurrentVersion). */
  declare readonly fileVersion: pulumi.Output<number | undefined>;
  /** Batch tasks: the version this program last deployed to production; equal to fileVersion when production runs the current one. */
  declare readonly deployedVersion: pulumi.Output<number | undefined>;

  constructor(name: string, args: DISyncTaskArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = computedOutputs("fileId", "status", "generatedTaskContent", "commitStatus", "fileVersion", "deployedVersion");
    const props = opts?.id !== undefined ? { ...outputs, ...args } : { ...outputs, ...args, taskName: args.taskName ?? name };
    const quiet = quietRegistration();
    try {
      super(DISyncTask.__pulumiType, name, { ...props, __provider: serializedProvider("alicloud:DISyncTask") }, opts);
    } catch (err) {
      throw quiet.failed(err, DISyncTask);
    } finally {
      quiet.restore();
    }
  }

  /** Reads an existing task (id `<projectId>:<taskType>:<fileId>`) without managing it. */
  static get(name: string, id: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): DISyncTask {
    return new DISyncTask(name, {} as DISyncTaskArgs, { ...opts, id });
  }
}
