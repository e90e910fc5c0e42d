import * as pulumi from "@pulumi/pulumi";
import { computedOutputs, providerFor } from "../shim";

/** One step of a DI script: a reader or a writer plugin with its parameters. */
export interface DISyncTaskStep {
  /** The plugin, e.g. mysql, odps, kafka, holo. */
  readonly stepType: string;
  readonly category: "reader" | "writer";
  readonly name: string;
  readonly parameter?: Record<string, unknown>;
  readonly [key: string]: unknown;
}

/**
 * A DI script as an object, rendered to the JSON the API takes. For DI_OFFLINE the batch script
 * (`type: "job"`, `version: "2.0"`, steps, setting, order.hops); for DI_REALTIME / DI_SOLUTION the
 * realtime specification (`type: "realtime"`, `version: "1.0"`, steps, setting with taskType and
 * resourceGroup) from which DataWorks generates the task.
 */
export interface DISyncTaskContent {
  readonly type: string;
  readonly version: string;
  readonly steps: DISyncTaskStep[];
  readonly setting?: Record<string, unknown>;
  readonly order?: { readonly hops: { readonly from: string; readonly to: string }[] };
  readonly [key: string]: unknown;
}

export interface DISyncTaskParam {
  /** DataStudio folder of the task's file, `workflow/<business flow>/…`. Changing it replaces the task. */
  readonly fileFolderPath: pulumi.Input<string>;
  /** The exclusive resource group that runs the task. Updated in place. */
  readonly resourceGroup: pulumi.Input<string>;
  /** Compute units, a multiple of 0.5. */
  readonly cu?: pulumi.Input<number>;
}

/** Inputs of {@link DISyncTask}. Names are the camelCase of the CreateDISyncTask parameters. */
export interface DISyncTaskArgs {
  /** Region of the DataWorks project. Changing it replaces the task. @default the stack config `alicloud:region` */
  readonly regionId?: pulumi.Input<string>;
  /** The DataWorks project (workspace) id. Changing it replaces the task. */
  readonly projectId: pulumi.Input<number | string>;
  /** DI_OFFLINE (batch), DI_REALTIME or DI_SOLUTION. Changing it replaces the task. */
  readonly taskType: pulumi.Input<"DI_OFFLINE" | "DI_REALTIME" | "DI_SOLUTION">;
  /** Unique in the project. Changing it replaces the task. @default the resource's name */
  readonly taskName?: pulumi.Input<string>;
  /**
   * The script (DI_OFFLINE) or the realtime specification (DI_REALTIME, DI_SOLUTION), as JSON text
   * or as an object. JSON that differs only in key order or formatting is not a change. Updated in
   * place (a realtime task is regenerated and restarted).
   */
  readonly taskContent: pulumi.Input<string | DISyncTaskContent>;
  readonly taskParam: pulumi.Input<DISyncTaskParam>;
  /** Realtime tasks: keep the instance RUNNING or STOPPED. @default "RUNNING" */
  readonly desiredStatus?: pulumi.Input<"RUNNING" | "STOPPED">;
  /** Realtime tasks: the start parameters (failoverLimit, errorLimit, ddlMarkMap) as JSON text or an object. */
  readonly startParam?: pulumi.Input<string | Record<string, unknown>>;
  /** How long generation, starting, stopping and deletion may take. @default 600 */
  readonly timeoutSeconds?: pulumi.Input<number>;
}

/**
 * A DataWorks data-integration task: a batch (offline) sync such as MySQL → MaxCompute, or a
 * realtime sync from MySQL to Kafka, Hologres or MaxCompute. Realtime tasks are created the way
 * DataWorks requires: the specification is turned into a script by an asynchronous generation
 * process (progress shown; its failure message surfaced), then the task is created, deployed and
 * started. Retried creates never make a second task (ClientToken).
 *
 * @example
 * new alicloud.DISyncTask("orders-batch", {
 *   projectId: 10001, taskType: "DI_OFFLINE",
 *   taskParam: { fileFolderPath: "workflow/orders/数据集成", resourceGroup: "S_res_group_demo_001" },
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
export class DISyncTask extends pulumi.dynamic.Resource {
  static readonly __pulumiType = "pulumi-nodejs:dynamic/alicloud:DISyncTask";

  declare readonly regionId: pulumi.Output<string | undefined>;
  declare readonly projectId: pulumi.Output<number>;
  declare readonly taskType: pulumi.Output<string>;
  declare readonly taskName: pulumi.Output<string>;
  /** The script or specification (rendered, when given as an object). */
  declare readonly taskContent: pulumi.Output<string>;
  declare readonly taskParam: pulumi.Output<{ fileFolderPath: string; resourceGroup: string; cu?: number }>;
  declare readonly desiredStatus: pulumi.Output<string | undefined>;
  declare readonly startParam: pulumi.Output<string | undefined>;
  declare readonly timeoutSeconds: pulumi.Output<number>;
  /** The task's file id in DataStudio. */
  declare readonly fileId: pulumi.Output<number>;
  /** Realtime instance status (RUN, WAIT, PAUSE, NORUN, KILLING); empty for batch tasks. */
  declare readonly status: pulumi.Output<string>;
  /** Realtime tasks: the script DataWorks generated from taskContent, as deployed. */
  declare readonly generatedTaskContent: pulumi.Output<string>;

  constructor(name: string, args: DISyncTaskArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = computedOutputs("fileId", "status", "generatedTaskContent");
    const props = opts?.id !== undefined ? { ...outputs, ...args } : { ...outputs, ...args, taskName: args.taskName ?? name };
    super(providerFor("alicloud:DISyncTask"), name, props, opts, "alicloud", "DISyncTask");
  }

  /** Reads an existing task (id `<projectId>:<taskType>:<fileId>`) without managing it. */
  static get(name: string, id: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): DISyncTask {
    return new DISyncTask(name, {} as DISyncTaskArgs, { ...opts, id });
  }
}
