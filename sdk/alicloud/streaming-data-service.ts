// Generated from the resource descriptor by `npm run sdk:generate` (provider/sdk-gen.ts); do not edit by hand.
import * as pulumi from "@pulumi/pulumi";
import { computedOutputs, quietRegistration, serializedProvider } from "../shim";

/** Inputs of {@link StreamingDataService}. */
export interface StreamingDataServiceArgs {
  /**
   * Region of the instance, an Alibaba Cloud region id such as `cn-beijing`. Changing it replaces the service.
   * @default the stack config `alicloud:region` (or ALIBABA_CLOUD_REGION_ID)
   */
  readonly regionId?: pulumi.Input<string>;
  /** The AnalyticDB for PostgreSQL instance, e.g. `gp-bp10g78o9807yv9h3`. Changing it replaces the service. */
  readonly dbInstanceId: pulumi.Input<string>;
  /** Name of the service, unique in the instance, one line without control characters. Changing it replaces the service. */
  readonly serviceName: pulumi.Input<string>;
  /** Compute size in CUs: 2, 4, 8 or 16 (the values ModifyStreamingDataService takes). Updated in place. */
  readonly serviceSpec: pulumi.Input<"2" | "4" | "8" | "16" | 2 | 4 | 8 | 16>;
  /** Free text, at most 256 characters. Updated in place; removing it keeps the current description (nothing is sent). */
  readonly serviceDescription?: pulumi.Input<string>;
  /**
   * How long create and update wait for the service to reach Running before failing.
   * (Pulumi's `customTimeouts` option does not reach dynamic providers, so it is an input.)
   * @default 600
   */
  readonly timeoutSeconds?: pulumi.Input<number>;
  /**
   * Bring an existing service with the same `serviceName` under management instead of creating one:
   * create finds it and modifies only the fields that differ from this definition (never sending an
   * empty value). A difference in a field that forces a replacement is refused.
   * Pulumi's `import` option does not work for dynamic resources; this is the supported way.
   * @default false: a service of this name that has this definition (one an interrupted `pulumi up`
   * left behind) is still taken over; one that differs is refused, naming both.
   */
  readonly adopt?: pulumi.Input<boolean>;
}

/**
 * A streaming data service of AnalyticDB for PostgreSQL: the compute that Kafka data sources and
 * streaming jobs run on. Create waits until the service is Running.
 *
 * @example
 * import { alicloud } from "pulumi-streamjobs";
 *
 * // gp-demo00000000001 is an instance of the default emulator; name yours in a real region.
 * const service = new alicloud.StreamingDataService("clicks", {
 *   dbInstanceId: "gp-demo00000000001", serviceName: "clicks", serviceSpec: "4",
 * });
 * @see https://www.alibabacloud.com/help/en/analyticdb/analyticdb-for-postgresql/developer-reference/api-gpdb-2016-05-03-createstreamingdataservice
 */
export class StreamingDataService extends pulumi.CustomResource {
  /** The type token, so policies can match this class with `validateResourceOfType`. */
  static readonly __pulumiType = "pulumi-nodejs:dynamic/alicloud:StreamingDataService";

  declare readonly regionId: pulumi.Output<string | undefined>;
  declare readonly dbInstanceId: pulumi.Output<string>;
  declare readonly serviceName: pulumi.Output<string>;
  declare readonly serviceSpec: pulumi.Output<string>;
  declare readonly serviceDescription: pulumi.Output<string | undefined>;
  declare readonly timeoutSeconds: pulumi.Output<number>;
  declare readonly adopt: pulumi.Output<boolean>;
  /** The service's id in its instance; data sources refer to it as `serviceId`. */
  declare readonly serviceId: pulumi.Output<number>;
  /** The region the service was created in. */
  declare readonly region: pulumi.Output<string>;
  /** Init, Running, Exception or Paused, as the service reports it. */
  declare readonly status: pulumi.Output<string>;
  declare readonly serviceIp: pulumi.Output<string>;
  declare readonly servicePort: pulumi.Output<number>;
  declare readonly createTime: pulumi.Output<string>;
  declare readonly modifyTime: pulumi.Output<string>;

  constructor(name: string, args: StreamingDataServiceArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = computedOutputs("serviceId", "region", "status", "serviceIp", "servicePort", "createTime", "modifyTime");
    const props = { ...outputs, ...args };
    const quiet = quietRegistration();
    try {
      super(StreamingDataService.__pulumiType, name, { ...props, __provider: serializedProvider("alicloud:StreamingDataService") }, opts);
    } catch (err) {
      throw quiet.failed(err, StreamingDataService);
    } finally {
      quiet.restore();
    }
  }

  /** Reads an existing service (id `<dbInstanceId>:<serviceId>`) without managing it. */
  static get(name: string, id: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): StreamingDataService {
    return new StreamingDataService(name, {} as StreamingDataServiceArgs, { ...opts, id });
  }
}
