/**
 * AnalyticDB for PostgreSQL (gpdb, 2016-05-03) streaming actions as one declarative table.
 *
 * The provider's client encodes requests and checks responses from it, and the emulator's router
 * decodes and validates requests from it, so the two cannot drift apart silently. Vendor-doc fixtures
 * in test/fixtures guard against the table itself being wrong.
 * Source: alibabacloud-go/gpdb-20160503 (client/client.go and client/*streaming*_model.go), as the
 * project's vendor facts record it (test/conformance/facts/gpdb.json); the seed reference page for
 * CreateStreamingJob.
 */
import { z } from "zod";
import { dataSourceConfigProblem, nameProblem, regionIdProblem, ALIBABA_REGION_ID } from "./alibaba-gpdb-rules";

/** How a parameter travels on the wire. Everything is a string in an RPC query or form body. */
export type ParamKind =
  /** Plain text. */
  | "string"
  /** A decimal integer in the 32-bit range (the SDK's `integer`, Go `int32`). */
  | "integer"
  /** A decimal integer in the 64-bit range (the SDK's `long`, Go `int64`). */
  | "long"
  /** `true` / `false`. */
  | "boolean"
  /** A JSON-encoded array of strings (the SDK's "shrink" style), e.g. `["a","b"]`. */
  | "stringList";

export interface ParamSpec {
  readonly kind: ParamKind;
  /**
   * Where the official SDK sends the parameter: in the query string (when absent) or in the
   * `application/x-www-form-urlencoded` body. The gateway reads both; the client follows the SDK.
   */
  readonly location?: "query" | "form";
  readonly required?: boolean;
  /** Allowed values, compared case-insensitively (the service accepts and echoes either case). */
  readonly enum?: readonly string[];
  /** Never written to logs or error text. */
  readonly secret?: boolean;
  /**
   * A rule on the wire text beyond its kind and enum: the problem as a sentence continuing the
   * parameter's name, or undefined. The emulator applies it; the resources' checks call the same
   * function, so both refuse in the same words. Never set on a secret parameter (problems quote).
   */
  readonly rule?: (value: string) => string | undefined;
}

export interface RpcActionSpec {
  readonly params: Readonly<Record<string, ParamSpec>>;
  /** Shape of a successful response body (besides `RequestId`, which every response has). */
  readonly response: z.ZodType;
  /** Error codes meaning the addressed object does not exist. */
  readonly notFoundCodes: readonly string[];
  /** Whether the action changes state (used by the request log and by retry policy). */
  readonly mutating: boolean;
}

export interface RpcProduct {
  readonly product: string;
  readonly version: string;
  /** Public endpoint host for a region. */
  readonly endpointHost: (region: string) => string;
  readonly actions: Readonly<Record<string, RpcActionSpec>>;
}

/** Error codes any Alibaba RPC action may return that are worth retrying. */
export const RETRYABLE_CODES: readonly string[] = [
  "Throttling",
  "Throttling.User",
  "Throttling.Api",
  "Rejected.Throttling",
  "ServiceUnavailable",
  "InternalError",
];

/** An empty RegionId is the SDK's "not given"; anything else must be a region id. */
const regionRule = (value: string) => (value === "" ? undefined : regionIdProblem(value));

const common = {
  RegionId: { kind: "string", rule: regionRule },
  DBInstanceId: { kind: "string", required: true },
} as const satisfies Record<string, ParamSpec>;

/** A name-like parameter: one line of printable text. */
const name = { kind: "string", rule: nameProblem } as const satisfies ParamSpec;

const page = {
  PageNumber: { kind: "integer" },
  PageSize: { kind: "integer", enum: ["30", "50", "100"] },
} as const satisfies Record<string, ParamSpec>;

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
  JobDescription: { kind: "string" },
  Account: name,
  Password: { kind: "string", secret: true },
  DestDatabase: name,
  DestSchema: name,
  DestTable: name,
  SrcColumns: { kind: "stringList" },
  DestColumns: { kind: "stringList" },
  MatchColumns: { kind: "stringList" },
  UpdateColumns: { kind: "stringList" },
  WriteMode: { kind: "string", enum: ["INSERT", "UPDATE", "MERGE"] },
  JobConfig: { kind: "string", secret: true },
  GroupName: name,
  FallbackOffset: { kind: "string", enum: ["EARLIEST", "LATEST"] },
  ErrorLimitCount: { kind: "long" },
  Consistency: { kind: "string", enum: ["ATLEAST", "EXACTLY"] },
  TryRun: { kind: "boolean" },
} as const satisfies Record<string, ParamSpec>;

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
        ServiceSpec: { kind: "string", required: true },
        ServiceDescription: { kind: "string" },
      },
      response: z.object({ ServiceId: z.number() }),
      notFoundCodes: [INSTANCE_NOT_FOUND],
      mutating: true,
    },
    DescribeStreamingDataService: {
      params: { ...common, ServiceId: { kind: "string", required: true } },
      response: streamingDataServiceDescription,
      notFoundCodes: [SERVICE_NOT_FOUND, INSTANCE_NOT_FOUND],
      mutating: false,
    },
    ModifyStreamingDataService: {
      params: {
        ...common,
        ServiceId: { kind: "string", required: true },
        ServiceSpec: { kind: "string", required: true, enum: ["2", "4", "8", "16"] },
        ServiceDescription: { kind: "string" },
      },
      response: empty,
      notFoundCodes: [SERVICE_NOT_FOUND, INSTANCE_NOT_FOUND],
      mutating: true,
    },
    DeleteStreamingDataService: {
      params: { ...common, ServiceId: { kind: "string", required: true } },
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
        DataSourceType: { kind: "string", required: true, enum: ["kafka"] },
        DataSourceConfig: { kind: "string", required: true, rule: dataSourceConfigProblem },
        ServiceId: { kind: "integer", required: true },
        DataSourceDescription: { kind: "string" },
      },
      response: z.object({ DataSourceId: z.number() }),
      notFoundCodes: [SERVICE_NOT_FOUND, INSTANCE_NOT_FOUND],
      mutating: true,
    },
    DescribeStreamingDataSource: {
      params: { ...common, DataSourceId: { kind: "integer", required: true } },
      response: streamingDataSourceDescription,
      notFoundCodes: [DATA_SOURCE_NOT_FOUND, INSTANCE_NOT_FOUND],
      mutating: false,
    },
    ModifyStreamingDataSource: {
      params: {
        ...common,
        DataSourceId: { kind: "string", required: true },
        DataSourceConfig: { kind: "string", rule: dataSourceConfigProblem },
        DataSourceDescription: { kind: "string" },
      },
      response: empty,
      notFoundCodes: [DATA_SOURCE_NOT_FOUND, INSTANCE_NOT_FOUND],
      mutating: true,
    },
    DeleteStreamingDataSource: {
      params: { ...common, DataSourceId: { kind: "integer", required: true } },
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
        DataSourceId: { kind: "string", required: true },
        JobName: { ...name, required: true },
        Mode: { kind: "string", enum: ["basic", "professional"] },
        ...jobMutable,
      },
      response: z.object({ JobId: z.number() }),
      notFoundCodes: [DATA_SOURCE_NOT_FOUND, INSTANCE_NOT_FOUND],
      mutating: true,
    },
    DescribeStreamingJob: {
      params: { ...common, JobId: { kind: "integer", required: true } },
      response: streamingJobDescription,
      notFoundCodes: [JOB_NOT_FOUND, INSTANCE_NOT_FOUND],
      mutating: false,
    },
    ModifyStreamingJob: {
      params: { ...common, JobId: { kind: "long", required: true }, ...jobMutable },
      response: empty,
      notFoundCodes: [JOB_NOT_FOUND, INSTANCE_NOT_FOUND],
      mutating: true,
    },
    DeleteStreamingJob: {
      params: { ...common, JobId: { kind: "integer", required: true } },
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

/** The wire value of a parameter. Encoding lives here so client and emulator agree. */
export function encodeParam(kind: ParamKind, value: unknown): string {
  switch (kind) {
    case "stringList":
      return JSON.stringify(value);
    case "boolean":
      // Strict: the string "false" must not become "true".
      return value === true || value === "true" ? "true" : "false";
    case "integer":
    case "long":
      return String(value);
    case "string":
      return String(value);
  }
}

const INT_RANGE = {
  integer: [-(2n ** 31n), 2n ** 31n - 1n, "32-bit"],
  long: [-(2n ** 63n), 2n ** 63n - 1n, "64-bit"],
} as const;

function decodeInteger(kind: "integer" | "long", raw: string): DecodeResult {
  if (!/^-?\d+$/.test(raw)) return { ok: false, reason: "is not an integer" };
  const [min, max, bits] = INT_RANGE[kind];
  const n = BigInt(raw);
  if (n < min || n > max) return { ok: false, reason: `is outside the ${bits} integer range (${min} to ${max})` };
  return { ok: true, value: Number(raw) };
}

export type DecodeResult = { ok: true; value: unknown } | { ok: false; reason: string };

/** Parses a wire value back; used by the emulator to validate requests. */
export function decodeParam(kind: ParamKind, raw: string): DecodeResult {
  switch (kind) {
    case "string":
      return { ok: true, value: raw };
    case "integer":
    case "long":
      return decodeInteger(kind, raw);
    case "boolean":
      return raw === "true" || raw === "false" ? { ok: true, value: raw === "true" } : { ok: false, reason: "is not a boolean (true or false)" };
    case "stringList": {
      try {
        const v: unknown = JSON.parse(raw);
        if (Array.isArray(v) && v.every((x) => typeof x === "string")) return { ok: true, value: v };
      } catch {
        // fall through to the error below
      }
      return { ok: false, reason: "is not a JSON array of strings" };
    }
  }
}
