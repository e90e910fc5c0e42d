/**
 * AnalyticDB for PostgreSQL (gpdb, 2016-05-03) streaming actions as one declarative table, in the
 * RPC form of the API table model (alibaba-rpc.ts, table.ts).
 *
 * The provider's client encodes requests and checks responses from it, and the emulator's router
 * decodes and validates requests from it, so the two cannot drift apart silently. The conformance
 * tier compares every action and parameter with the vendor facts.
 * Source: alibabacloud-go/gpdb-20160503 (client/client.go and client/*streaming*_model.go), as the
 * project's vendor facts record it (test/conformance/facts/gpdb.json); the seed reference page for
 * CreateStreamingJob.
 */
import { z } from "zod";
import { dataSourceConfigProblem, nameProblem, regionIdProblem, ALIBABA_REGION_ID } from "./alibaba-gpdb-rules";
import type { RpcParamSpec, RpcProduct } from "./alibaba-rpc";

/** An empty RegionId is the SDK's "not given"; anything else must be a region id. */
const regionRule = (value: string) => (value === "" ? undefined : regionIdProblem(value));

const common = {
  RegionId: { type: "string", rule: regionRule },
  DBInstanceId: { type: "string", required: true },
} as const satisfies Record<string, RpcParamSpec>;

/** A name-like parameter: one line of printable text. */
const name = { type: "string", rule: nameProblem } as const satisfies RpcParamSpec;

const page = {
  PageNumber: { type: "integer" },
  PageSize: { type: "integer", enum: ["30", "50", "100"] },
} as const satisfies Record<string, RpcParamSpec>;

export const JOB_NOT_FOUND = "ExternalDataSourceJob.NotFound";
export const DATA_SOURCE_NOT_FOUND = "ExternalDataSource.NotFound";
export const SERVICE_NOT_FOUND = "ExternalService.NotFound";
/** [inferred] The code gpdb uses for an unknown DBInstanceId, as other ApsaraDB products do. */
export const INSTANCE_NOT_FOUND = "InvalidDBInstanceId.NotFound";
/**
 * [inferred] The codes of a create's refusal of a name already used in the instance. Names are
 * unique per instance; neither the SDK models nor the reference page list the codes, so these
 * follow RDS's `InvalidDBName.Duplicate`, as the emulator answers them.
 */
export const JOB_NAME_DUPLICATE = "InvalidJobName.Duplicate";
export const DATA_SOURCE_NAME_DUPLICATE = "InvalidDataSourceName.Duplicate";
export const SERVICE_NAME_DUPLICATE = "InvalidServiceName.Duplicate";

/** Job fields ModifyStreamingJob accepts; Create accepts these plus the immutable ones. */
const jobMutable = {
  JobDescription: { type: "string" },
  Account: name,
  Password: { type: "string", secret: true },
  DestDatabase: name,
  DestSchema: name,
  DestTable: name,
  SrcColumns: { type: "stringList" },
  DestColumns: { type: "stringList" },
  MatchColumns: { type: "stringList" },
  UpdateColumns: { type: "stringList" },
  WriteMode: { type: "string", enum: ["INSERT", "UPDATE", "MERGE"] },
  JobConfig: { type: "string", secret: true },
  GroupName: name,
  FallbackOffset: { type: "string", enum: ["EARLIEST", "LATEST"] },
  ErrorLimitCount: { type: "long" },
  Consistency: { type: "string", enum: ["ATLEAST", "EXACTLY"] },
  TryRun: { type: "boolean" },
} as const satisfies Record<string, RpcParamSpec>;

const stringList = z.array(z.string());
const timestamp = z.string();

export const streamingJobDescription = z.object({
  JobId: z.string(),
  JobName: z.string(),
  JobDescription: z.string().optional(),
  Mode: z.string().optional(),
  DataSourceId: z.string(),
  DataSourceName: z.string().optional(),
  Account: z.string().optional(),
  Password: z.string().optional(),
  DestDatabase: z.string().optional(),
  DestSchema: z.string().optional(),
  DestTable: z.string().optional(),
  SrcColumns: stringList.optional(),
  DestColumns: stringList.optional(),
  MatchColumns: stringList.optional(),
  UpdateColumns: stringList.optional(),
  WriteMode: z.string().optional(),
  FallbackOffset: z.string().optional(),
  Consistency: z.string().optional(),
  GroupName: z.string().optional(),
  ErrorLimitCount: z.number().optional(),
  JobConfig: z.string().optional(),
  Status: z.string(),
  ErrorMessage: z.string().optional(),
  CreateTime: timestamp.optional(),
  ModifyTime: timestamp.optional(),
});
export type StreamingJobDescription = z.infer<typeof streamingJobDescription>;

export const streamingDataSourceDescription = z.object({
  DataSourceId: z.string(),
  DataSourceName: z.string(),
  DataSourceType: z.string(),
  DataSourceConfig: z.string(),
  DataSourceDescription: z.string().optional(),
  ServiceId: z.number(),
  Status: z.string(),
  ErrorMessage: z.string().optional(),
  CreateTime: timestamp.optional(),
});
export type StreamingDataSourceDescription = z.infer<typeof streamingDataSourceDescription>;

export const streamingDataServiceDescription = z.object({
  ServiceId: z.string(),
  ServiceName: z.string(),
  ServiceDescription: z.string().optional(),
  ServiceSpec: z.string(),
  ServiceIp: z.string().optional(),
  ServicePort: z.number().optional(),
  ServiceManaged: z.boolean().optional(),
  ServiceOwnerId: z.string().optional(),
  Status: z.string(),
  CreateTime: timestamp.optional(),
  ModifyTime: timestamp.optional(),
});
export type StreamingDataServiceDescription = z.infer<typeof streamingDataServiceDescription>;

const empty = z.object({});

/**
 * The SDK's endpoint map (client.go, Init): these regions are served by the central endpoint; any
 * other region by `gpdb.<region>.aliyuncs.com` (the "regional" endpoint rule).
 */
const CENTRAL_ENDPOINT_REGIONS: ReadonlySet<string> = new Set([
  "cn-beijing",
  "cn-hangzhou",
  "cn-shanghai",
  "cn-shenzhen",
  "cn-hongkong",
  "ap-southeast-1",
  "us-west-1",
  "us-east-1",
  "cn-hangzhou-finance",
  "cn-shanghai-finance-1",
  "cn-shenzhen-finance-1",
  "cn-beijing-finance-1",
  "cn-qingdao",
  "cn-north-2-gov-1",
]);

export const gpdb = {
  product: "gpdb",
  version: "2016-05-03",
  // No region (or a malformed one, which the service refuses anyway) goes to the central endpoint.
  endpointHost: (region: string) =>
    CENTRAL_ENDPOINT_REGIONS.has(region) || !ALIBABA_REGION_ID.test(region) ? "gpdb.aliyuncs.com" : `gpdb.${region}.aliyuncs.com`,
  actions: {
    // ---- data services (compute, in CUs) ----
    CreateStreamingDataService: {
      params: {
        ...common,
        ServiceName: { ...name, required: true },
        // The SDK lists 2/4/8/16 for Modify only; Create's model names no values.
        ServiceSpec: { type: "string", required: true },
        ServiceDescription: { type: "string" },
      },
      response: z.object({ ServiceId: z.number() }),
      notFoundCodes: [INSTANCE_NOT_FOUND],
      mutating: true,
    },
    DescribeStreamingDataService: {
      params: { ...common, ServiceId: { type: "string", required: true } },
      response: streamingDataServiceDescription,
      notFoundCodes: [SERVICE_NOT_FOUND, INSTANCE_NOT_FOUND],
      mutating: false,
    },
    ModifyStreamingDataService: {
      params: {
        ...common,
        ServiceId: { type: "string", required: true },
        ServiceSpec: { type: "string", required: true, enum: ["2", "4", "8", "16"] },
        ServiceDescription: { type: "string" },
      },
      response: empty,
      notFoundCodes: [SERVICE_NOT_FOUND, INSTANCE_NOT_FOUND],
      mutating: true,
    },
    DeleteStreamingDataService: {
      params: { ...common, ServiceId: { type: "string", required: true } },
      // A refusal (the service is still used by a data source) is in band: HTTP 200, Status false.
      response: z.object({ Status: z.boolean().optional(), ErrorMessage: z.string().optional() }),
      notFoundCodes: [SERVICE_NOT_FOUND, INSTANCE_NOT_FOUND],
      mutating: true,
    },
    ListStreamingDataServices: {
      params: { ...common, ...page },
      response: z.object({
        ServiceItems: z.array(streamingDataServiceDescription.extend({ ServicePort: z.string().optional(), ServiceType: z.string().optional() })),
        TotalRecordCount: z.number(),
      }),
      notFoundCodes: [INSTANCE_NOT_FOUND],
      mutating: false,
    },

    // ---- data sources (Kafka) ----
    CreateStreamingDataSource: {
      params: {
        ...common,
        DataSourceName: { ...name, required: true },
        DataSourceType: { type: "string", required: true, enum: ["kafka"] },
        DataSourceConfig: { type: "string", required: true, rule: dataSourceConfigProblem },
        ServiceId: { type: "integer", required: true },
        DataSourceDescription: { type: "string" },
      },
      response: z.object({ DataSourceId: z.number() }),
      notFoundCodes: [SERVICE_NOT_FOUND, INSTANCE_NOT_FOUND],
      mutating: true,
    },
    DescribeStreamingDataSource: {
      params: { ...common, DataSourceId: { type: "integer", required: true } },
      response: streamingDataSourceDescription,
      notFoundCodes: [DATA_SOURCE_NOT_FOUND, INSTANCE_NOT_FOUND],
      mutating: false,
    },
    ModifyStreamingDataSource: {
      params: {
        ...common,
        DataSourceId: { type: "string", required: true },
        DataSourceConfig: { type: "string", rule: dataSourceConfigProblem },
        DataSourceDescription: { type: "string" },
      },
      response: empty,
      notFoundCodes: [DATA_SOURCE_NOT_FOUND, INSTANCE_NOT_FOUND],
      mutating: true,
    },
    DeleteStreamingDataSource: {
      params: { ...common, DataSourceId: { type: "integer", required: true } },
      response: empty,
      notFoundCodes: [DATA_SOURCE_NOT_FOUND, INSTANCE_NOT_FOUND],
      mutating: true,
    },
    ListStreamingDataSources: {
      params: { ...common, ...page },
      response: z.object({
        DataSourceItems: z.array(streamingDataSourceDescription.extend({ DataSourceId: z.number(), ModifyTime: timestamp.optional() })),
        PageNumber: z.number(),
        TotalRecordCount: z.number(),
      }),
      notFoundCodes: [INSTANCE_NOT_FOUND],
      mutating: false,
    },

    // ---- jobs ----
    CreateStreamingJob: {
      params: {
        ...common,
        DataSourceId: { type: "string", required: true },
        JobName: { ...name, required: true },
        Mode: { type: "string", enum: ["basic", "professional"] },
        ...jobMutable,
      },
      response: z.object({ JobId: z.number() }),
      notFoundCodes: [DATA_SOURCE_NOT_FOUND, INSTANCE_NOT_FOUND],
      mutating: true,
    },
    DescribeStreamingJob: {
      params: { ...common, JobId: { type: "integer", required: true } },
      response: streamingJobDescription,
      notFoundCodes: [JOB_NOT_FOUND, INSTANCE_NOT_FOUND],
      mutating: false,
    },
    ModifyStreamingJob: {
      params: { ...common, JobId: { type: "long", required: true }, ...jobMutable },
      response: empty,
      notFoundCodes: [JOB_NOT_FOUND, INSTANCE_NOT_FOUND],
      mutating: true,
    },
    DeleteStreamingJob: {
      params: { ...common, JobId: { type: "integer", required: true } },
      response: empty,
      notFoundCodes: [JOB_NOT_FOUND, INSTANCE_NOT_FOUND],
      mutating: true,
    },
    ListStreamingJobs: {
      params: { ...common, ...page },
      response: z.object({
        // List items carry no GroupName, ErrorLimitCount or JobConfig.
        JobItems: z.array(streamingJobDescription.omit({ GroupName: true, ErrorLimitCount: true, JobConfig: true }).partial()),
        PageNumber: z.number(),
        PageRecordCount: z.number(),
        TotalRecordCount: z.number(),
      }),
      notFoundCodes: [INSTANCE_NOT_FOUND],
      mutating: false,
    },
  },
} as const satisfies RpcProduct;

export type GpdbAction = keyof typeof gpdb.actions;
