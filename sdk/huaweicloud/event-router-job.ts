// Generated from the resource descriptor by `npm run sdk:generate` (provider/sdk-gen.ts); do not edit by hand.
import * as pulumi from "@pulumi/pulumi";
import { computedOutputs, quietRegistration, serializedProvider, secretKeysInput } from "../shim";

/** What every kind of endpoint has: where the cluster is, and how to reach it. */
export interface EndpointBase {
  /** `CLOUD` for a DMS/DCS instance in this account. @default "CLOUD" */
  readonly configType?: pulumi.Input<string>;
  /** Region id of the instance, e.g. `cn-north-4`: lower-case words and a number joined by hyphens. */
  readonly region: pulumi.Input<string>;
  /** Project id of that region (32 hex characters). */
  readonly projectId: pulumi.Input<string>;
  /** The instance id; required when configType is CLOUD. */
  readonly instanceId?: pulumi.Input<string>;
  /** `host:port[,host:port]`, ports 1 to 65535; required when configType is not CLOUD. An empty string means none. */
  readonly address?: pulumi.Input<string>;
  /** Always stored as a secret; never echoed by the API. */
  readonly password?: pulumi.Input<string>;
}

/** Exactly one key, of the same kind as the sink and the advance configuration. */
export interface EventRouterJobSource {
  readonly sourceKafka?: pulumi.Input<KafkaEndpoint>;
  readonly sourceRocketmq?: pulumi.Input<RocketmqEndpoint>;
  readonly sourceDcs?: pulumi.Input<DcsEndpoint>;
}

export interface EventRouterJobSink {
  readonly sinkKafka?: pulumi.Input<KafkaEndpoint>;
  readonly sinkRocketmq?: pulumi.Input<RocketmqEndpoint>;
  readonly sinkDcs?: pulumi.Input<DcsEndpoint>;
}

/** Exactly one key, matching the source and sink kind. */
export interface EventRouterAdvanceConfig {
  readonly kafka2kafka?: pulumi.Input<Kafka2KafkaConfig>;
  readonly rocketmq2rocketmq?: pulumi.Input<Rocketmq2RocketmqConfig>;
  readonly dcs2dcs?: pulumi.Input<Dcs2DcsConfig>;
}

/** A DMS for Kafka instance (`configType: "CLOUD"`) or a self-managed cluster reached by address. */
export interface KafkaEndpoint extends EndpointBase {
  /** A name for the cluster inside the job (no line breaks). */
  readonly clusterAlias: pulumi.Input<string>;
  /** PLAINTEXT, SASL_PLAINTEXT or SASL_SSL (a DMS Kafka instance's protocols); SASL modes need userName and password. */
  readonly authenticateMode?: pulumi.Input<string>;
  /** PLAIN or SCRAM-SHA-512, with a SASL authenticateMode. */
  readonly saslMechanism?: pulumi.Input<string>;
  /** An empty string means none. */
  readonly userName?: pulumi.Input<string>;
}

/** A DMS for RocketMQ instance or a self-managed cluster. */
export interface RocketmqEndpoint extends EndpointBase {
  readonly clusterAlias: pulumi.Input<string>;
  readonly sslOpen?: pulumi.Input<boolean>;
  /** When true, userName and password are required. */
  readonly aclOpen?: pulumi.Input<boolean>;
  readonly userName?: pulumi.Input<string>;
}

/** A DCS (Redis) instance or a self-managed Redis reached by address. */
export interface DcsEndpoint extends EndpointBase {}

export interface Kafka2KafkaConfig {
  /** Topics to copy (a list, or comma-separated; no line breaks). Exactly one of topics and topicRegex. Order is not significant. */
  readonly topics?: pulumi.Input<string | readonly pulumi.Input<string>[]>;
  /** A pattern selecting the topics to copy. */
  readonly topicRegex?: pulumi.Input<string>;
  /** Replicas of the topics created on the sink; at most the sink instance's broker count (checked before create and update). */
  readonly replicaCnt: pulumi.Input<number>;
  /** Where to start, e.g. `earliest` or `latest`. */
  readonly seekTo: pulumi.Input<string>;
  /**
   * none, gzip, snappy, lz4 or zstd.
   * @default "none"
   */
  readonly compressAlg?: pulumi.Input<"none" | "gzip" | "snappy" | "lz4" | "zstd">;
  /**
   * Copy consumer-group offsets too.
   * @default false
   */
  readonly isSyncProgress?: pulumi.Input<boolean>;
  /**
   * Add a header naming the source to each message.
   * @default false
   */
  readonly isAddHeader?: pulumi.Input<boolean>;
  /** Rename topics on the sink through topicMappings. */
  readonly renameTopic?: pulumi.Input<boolean>;
  readonly topicMappings?: pulumi.Input<
    readonly pulumi.Input<{
      readonly sourceTopic: pulumi.Input<string>;
      readonly sinkTopic: pulumi.Input<string>;
    }>[]
  >;
  readonly taskCnt?: pulumi.Input<number>;
}

export interface Rocketmq2RocketmqConfig {
  readonly topics?: pulumi.Input<string | readonly pulumi.Input<string>[]>;
  readonly topicRegex?: pulumi.Input<string>;
  /** @default false */
  readonly isSyncProgress?: pulumi.Input<boolean>;
  /** `first`, `last` or a timestamp in milliseconds. */
  readonly seekTo: pulumi.Input<string>;
  /**
   * none, gzip, lz4 or zstd.
   * @default "none"
   */
  readonly compressAlg?: pulumi.Input<"none" | "gzip" | "lz4" | "zstd">;
}

export interface Dcs2DcsConfig {
  /** @default "Full+Incremental" */
  readonly synchronizeType?: pulumi.Input<string>;
  /**
   * Whole seconds between retries after a connection failure.
   * @default "60"
   */
  readonly connectRetryTime?: pulumi.Input<string | number>;
  /**
   * Whole seconds between retries after other failures.
   * @default "60"
   */
  readonly otherRetryTime?: pulumi.Input<string | number>;
  readonly useRateLimit?: pulumi.Input<boolean>;
  /** Incremental sync rate limit (the service's default is 5 MB/s). */
  readonly rateLimit?: pulumi.Input<string | number>;
  /** Read from the standby node (the API's own spelling). */
  readonly useSalveNode?: pulumi.Input<boolean>;
}

/** Inputs of {@link EventRouterJob}. Names are the camelCase of the create-job API's fields. */
export interface EventRouterJobArgs {
  /**
   * Job name, unique in the project: starts with a letter or digit; letters, digits, `.`, `_`, `-`; at most 128.
   * Updated in place.
   * @default the resource's name
   */
  readonly name?: pulumi.Input<string>;
  /** At most 256 characters. */
  readonly description?: pulumi.Input<string>;
  /** The professional event-stream cluster that runs the job. Changing it replaces the job. */
  readonly clusterId: pulumi.Input<string>;
  /** @default "DISASTER_BACKUP" (the only scene type) */
  readonly sceneType?: pulumi.Input<"DISASTER_BACKUP">;
  /** The cluster to copy from. Pointing it at another cluster replaces the job; credentials and addresses update in place. */
  readonly sourceConfig: pulumi.Input<EventRouterJobSource>;
  /** The cluster to copy to. Same rules as sourceConfig. */
  readonly sinkConfig: pulumi.Input<EventRouterJobSink>;
  /** What to copy and how. Updated in place. */
  readonly advanceConfig: pulumi.Input<EventRouterAdvanceConfig>;
  /**
   * Keep the job RUNNING or STOPPED, applied through the job action API (ExecuteEventRouterJobOperation:
   * START is documented; STOP is inferred, the API reference names no other operation).
   * @default "RUNNING"
   */
  readonly desiredStatus?: pulumi.Input<"RUNNING" | "STOPPED">;
  /**
   * How long create, update and delete wait for the job to settle. A job still starting when it
   * runs out is kept in state and the run fails; the next `up` waits again.
   * @default 600
   */
  readonly timeoutSeconds?: pulumi.Input<number>;
  /**
   * Bring an existing job with the same `name` (names are unique per project) under management
   * instead of creating one: create finds it, checks that its cluster, scene and source/sink
   * clusters match (those only change by replacement), and updates the rest to this definition.
   * Without it, a job of this name is taken over only when it already has this definition (the
   * one an interrupted `pulumi up` leaves behind); passwords, which the API never echoes, are not
   * compared. Pulumi's `import` option does not work for dynamic resources; this is the supported way.
   * @default false: creating a job whose name is taken by a differing job fails
   */
  readonly adopt?: pulumi.Input<boolean>;
}

/**
 * A Huawei Cloud EventGrid professional event-stream job: replicates Kafka to Kafka, RocketMQ to
 * RocketMQ or DCS to DCS on a professional cluster. Create and update wait until the job runs (or
 * is stopped, per desiredStatus); a job that ends in error is kept in state with its id and the
 * service's errMessage, and the run fails. A kafka2kafka replicaCnt above the sink instance's
 * broker count is refused before anything is created.
 *
 * Credentials come from the stack config `huaweicloud:accessKey`, `huaweicloud:secretKey`,
 * `huaweicloud:region`, `huaweicloud:projectId` (or HW_ACCESS_KEY, HW_SECRET_KEY, HW_REGION_NAME,
 * HW_PROJECT_ID), or IAM user/password token auth.
 *
 * @example
 * import * as pulumi from "@pulumi/pulumi";
 * import { huaweicloud } from "pulumi-streamjobs";
 *
 * const hw = new pulumi.Config("huaweicloud");
 * const region = hw.require("region");
 * const projectId = hw.require("projectId");
 * // The EventGrid cluster and the two Kafka instances are the default emulator's (cn-north-4).
 * new huaweicloud.EventRouterJob("orders-replica", {
 *   clusterId: "9b0c5e1a-2f3d-4c5b-8a6e-000000000001",
 *   sourceConfig: { sourceKafka: { region, projectId, instanceId: "2f7d3c1e-8a4b-4d6e-9f10-00000000a001", clusterAlias: "primary" } },
 *   sinkConfig: { sinkKafka: { region, projectId, instanceId: "2f7d3c1e-8a4b-4d6e-9f10-00000000a002", clusterAlias: "replica" } },
 *   advanceConfig: { kafka2kafka: { topics: ["orders"], replicaCnt: 3, seekTo: "earliest", compressAlg: "lz4" } },
 * });
 * @see https://support.huaweicloud.com/intl/en-us/api-eg/CreateEventRouterJob.html
 */
export class EventRouterJob extends pulumi.CustomResource {
  /** The type token, so policies can match this class with `validateResourceOfType`. */
  static readonly __pulumiType = "pulumi-nodejs:dynamic/huaweicloud:EventRouterJob";

  declare readonly name: pulumi.Output<string>;
  declare readonly description: pulumi.Output<string | undefined>;
  declare readonly clusterId: pulumi.Output<string>;
  declare readonly sceneType: pulumi.Output<"DISASTER_BACKUP">;
  declare readonly sourceConfig: pulumi.Output<EventRouterJobSource>;
  declare readonly sinkConfig: pulumi.Output<EventRouterJobSink>;
  declare readonly advanceConfig: pulumi.Output<EventRouterAdvanceConfig>;
  declare readonly desiredStatus: pulumi.Output<"RUNNING" | "STOPPED">;
  declare readonly timeoutSeconds: pulumi.Output<number>;
  declare readonly adopt: pulumi.Output<boolean>;
  /** The job id (also the resource id). */
  declare readonly jobId: pulumi.Output<string>;
  /** CREATING, RUNNING, STOPPED, ERROR… as the service reports it. */
  declare readonly status: pulumi.Output<string>;
  /** The service's error code and reason when the job is in error. */
  declare readonly errCode: pulumi.Output<string>;
  declare readonly errMessage: pulumi.Output<string>;
  declare readonly sourceType: pulumi.Output<string>;
  declare readonly sinkType: pulumi.Output<string>;
  declare readonly vpcId: pulumi.Output<string>;
  declare readonly subnetId: pulumi.Output<string>;
  declare readonly sourceStatus: pulumi.Output<string>;
  declare readonly sinkStatus: pulumi.Output<string>;
  declare readonly createdTime: pulumi.Output<string>;
  declare readonly updatedTime: pulumi.Output<string>;

  constructor(name: string, args: EventRouterJobArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = computedOutputs(
      "jobId",
      "status",
      "errCode",
      "errMessage",
      "sourceType",
      "sinkType",
      "vpcId",
      "subnetId",
      "sourceStatus",
      "sinkStatus",
      "createdTime",
      "updatedTime",
    );
    const props =
      opts?.id !== undefined
        ? { ...outputs, ...args }
        : {
            ...outputs,
            ...args,
            name: args.name ?? name,
            sourceConfig: secretKeysInput(args.sourceConfig, ["password"]),
            sinkConfig: secretKeysInput(args.sinkConfig, ["password"]),
          };
    const quiet = quietRegistration();
    try {
      super(EventRouterJob.__pulumiType, name, { ...props, __provider: serializedProvider("huaweicloud:EventRouterJob") }, opts);
    } catch (err) {
      throw quiet.failed(err, EventRouterJob);
    } finally {
      quiet.restore();
    }
  }

  /** Reads an existing job by its job id without managing it. */
  static get(name: string, id: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): EventRouterJob {
    return new EventRouterJob(name, {} as EventRouterJobArgs, { ...opts, id });
  }
}
