/**
 * Contract cases for the Alibaba emulator built from the vendors' own example payloads, one ordered
 * table per product: the seed reference pages (seed 000 gpdb CreateStreamingJob, seed 002
 * GenerateDISyncTaskConfigForCreating, seed 004 CreateDISyncTask) and the examples of the official
 * SDK models (recorded in test/conformance/facts, or read from the model files named per case).
 *
 * Each case names its source and what the vendor shows: success, or a documented error (HTTP
 * status, code and message from a reference page's error table). Later cases use ids earlier ones
 * were answered with; a case whose producer failed says so instead of guessing an id.
 *
 * They run against the emulator's default inventory, which holds the infrastructure the examples
 * name (the instance, brokers, workspace, data sources and resource groups of the vendor's
 * examples): a user sending the vendor's payloads as printed gets the vendor's answers.
 */
import { stringify } from "yaml";
import type { ParamValue } from "./alibaba-sdk-request";

// ---------------------------------------------------------------------------------------------
// the infrastructure of the vendor's examples
// ---------------------------------------------------------------------------------------------

/** gpdb examples: the instance and region of the SDK model examples. */
const GPDB_INSTANCE = "gp-bp10g78o9807yv9h3";
const GPDB_REGION = "cn-beijing";
/** DataWorks examples: workspace 10000 ("dw_project" in the file APIs' examples). */
const DW_PROJECT = 10000;

// ---------------------------------------------------------------------------------------------
// the case form
// ---------------------------------------------------------------------------------------------

/** Ids earlier cases were answered with. */
export class Kept {
  private readonly values = new Map<string, unknown>();

  put(key: string, value: unknown): void {
    this.values.set(key, value);
  }

  get(key: string): any {
    if (!this.values.has(key)) throw new Error(`this case needs ${key}, which the earlier case that produces it did not answer; fix that case first`);
    return this.values.get(key);
  }
}

export type Expectation =
  /** HTTP 200 and the answer's own success markers (`check`), as the vendor's example answers show. */
  | { readonly kind: "success"; readonly check?: (body: any) => string[] }
  /** A documented error example: HTTP status, Code, and the start of the documented Message. */
  | { readonly kind: "error"; readonly status: number; readonly code: string; readonly message: string; readonly source: string }
  /** The vendor documents no code for this failure: only the error envelope is judged. */
  | { readonly kind: "anyError" };

export interface VendorCase {
  readonly name: string;
  readonly action: string;
  /** Where the payload comes from. */
  readonly source: string;
  readonly params: (kept: Kept) => Readonly<Record<string, ParamValue>>;
  readonly expect: Expectation;
  /** Sends again (bounded) until this holds; the last answer is judged. */
  readonly until?: (body: any) => boolean;
  /** Keeps what later cases need from a successful answer. */
  readonly keep?: (body: any, kept: Kept) => void;
  /** The same example as a resource's inputs: preview (the resource's check) must accept it too. */
  readonly preview?: { readonly resource: PreviewedResource; readonly inputs: Readonly<Record<string, unknown>> };
}

export type PreviewedResource = "StreamingDataService" | "StreamingDataSource" | "StreamingJob" | "DISyncTask";

/** An API parameter name as the SDK property (DESIGN: camelCase of the API's name, `DBInstanceId` → `dbInstanceId`). */
export function propertyName(apiName: string): string {
  const lead = /^[A-Z]+(?=[A-Z][a-z]|$)|^[A-Z]/.exec(apiName)?.[0] ?? "";
  return `${lead.toLowerCase()}${apiName.slice(lead.length)}`;
}

/** API parameters as resource inputs, keys renamed. */
const asInputs = (params: Readonly<Record<string, unknown>>) => Object.fromEntries(Object.entries(params).map(([k, v]) => [propertyName(k), v]));

/** A documented error code no case can trigger, and why. */
export interface UntriggeredError {
  readonly action: string;
  readonly code: string;
  readonly reason: string;
}

/** DI actions succeed in band: HTTP 200 is not enough (facts `transport.in_band_failure`). */
const diSucceeded = (body: any): string[] =>
  body?.Success === true && body?.Data?.Status === "success"
    ? []
    : [
        `the DI answer is not a success: Success ${String(body?.Success)}, Data.Status ${String(body?.Data?.Status)}, Data.Message ${String(body?.Data?.Message)}`,
      ];

/** The DataStudio file actions carry Success in the body. */
const fileSucceeded = (body: any): string[] => (body?.Success === true ? [] : [`the file API answer is not a success: Success ${String(body?.Success)}`]);

const SEED_000 = "seed 000 (AnalyticDB for PostgreSQL API: CreateStreamingJob), request parameter examples";
const SEED_002 = "seed 002 (DataWorks API: GenerateDISyncTaskConfigForCreating)";
const SEED_004 = "seed 004 (DataWorks API: CreateDISyncTask)";
const GPDB_SDK = (op: string) => `alibabacloud-go/gpdb-20160503@d6564f2a109cfaf31d3629e777f58c8bed1144c9 ${op} request model examples (facts/gpdb.json)`;
const DW_SDK = (op: string) =>
  `alibabacloud-go/dataworks-public-20200518@1585abb1b2acbe3a019ff8634778d2d425e5d5d3 ${op} request model examples (facts/dataworks.json)`;

// ---------------------------------------------------------------------------------------------
// gpdb
// ---------------------------------------------------------------------------------------------

const gpdbBase = { RegionId: GPDB_REGION, DBInstanceId: GPDB_INSTANCE };

/**
 * Seed 000's professional-mode JobConfig. The page prints the YAML on one line; its nesting is the
 * gpkafka job format the keys belong to (KAFKA.INPUT.SOURCE, KAFKA.OUTPUT, KAFKA.COMMIT, …).
 */
const seedColumns = [
  ["integer", "l_orderkey"],
  ["integer", "l_partkey"],
  ["integer", "l_suppkey"],
  ["integer", "l_linenumber"],
  ["decimal", "l_quantity"],
  ["decimal", "l_extendedprice"],
  ["decimal", "l_discount"],
  ["decimal", "l_tax"],
  ["char", "l_returnflag"],
  ["char", "l_linestatus"],
  ["date", "l_shipdate"],
  ["date", "l_commitdate"],
  ["date", "l_receiptdate"],
  ["text", "l_shipinstruct"],
  ["text", "l_shipmode"],
  ["text", "l_comment"],
] as const;
const matchColumns = ["l_orderkey", "l_partkey", "l_suppkey"];
export const SEED_000_JOB_CONFIG = stringify({
  DATABASE: "adbpgss_test",
  USER: "adbpgss_test",
  PASSWORD: "adbpgssTest",
  HOST: "gp-xxx-master.gpdb.rds-aliyun-pre.rds.aliyuncs.com",
  PORT: 5432,
  KAFKA: {
    INPUT: {
      SOURCE: { BROKERS: "broker1:9092,broker2:9092,broker3:9092", TOPIC: "testtopic", FALLBACK_OFFSET: "earliest" },
      KEY: { COLUMNS: [{ NAME: "customer_id", TYPE: "int" }], FORMAT: "delimited", DELIMITED_OPTION: { DELIMITER: "|" } },
      VALUE: { COLUMNS: seedColumns.map(([TYPE, NAME]) => ({ TYPE, NAME })), FORMAT: "delimited", DELIMITED_OPTION: { DELIMITER: "|" } },
      ERROR_LIMIT: 10,
    },
    OUTPUT: {
      SCHEMA: "adbpgss_test",
      TABLE: "write_with_insert_plaintext",
      MODE: "MERGE",
      MATCH_COLUMNS: matchColumns,
      UPDATE_COLUMNS: seedColumns.map(([, name]) => name).filter((n) => !matchColumns.includes(n)),
      MAPPING: seedColumns.map(([, name]) => ({ EXPRESSION: name, NAME: name })),
    },
    COMMIT: { MAX_ROW: 1000, MINIMAL_INTERVAL: 1000, CONSISTENCY: "ATLEAST" },
    POLL: { BATCHSIZE: 1000, TIMEOUT: 1000 },
    PROPERTIES: { "group.id": "testgroup" },
  },
});

/** Seed 000's basic-mode example values (the first of each "A / B" alternative). */
const seedBasicJob = {
  ...gpdbBase,
  JobDescription: "test-job",
  JobName: "test-job",
  Mode: "basic",
  SrcColumns: ["src_column_1"],
  DestColumns: ["dest_column_1"],
  Account: "test-account",
  Password: "pwd123",
  DestDatabase: "dest-db",
  DestSchema: "dest-schema",
  DestTable: "dest-table",
  WriteMode: "INSERT",
  TryRun: true,
  GroupName: "group_name.",
  FallbackOffset: "EARLIEST",
  MatchColumns: ["column_1"],
  UpdateColumns: ["column_1"],
  ErrorLimitCount: 5,
  Consistency: "ATLEAST",
};

export const GPDB_CASES: readonly VendorCase[] = [
  {
    name: "CreateStreamingDataService: the SDK example",
    action: "CreateStreamingDataService",
    source: GPDB_SDK("CreateStreamingDataService"),
    params: () => ({ ...gpdbBase, ServiceName: "test-adbpgss", ServiceSpec: "2", ServiceDescription: "test-adbpgss" }),
    expect: { kind: "success" },
    keep: (b, k) => k.put("ServiceId", b.ServiceId),
    preview: {
      resource: "StreamingDataService",
      inputs: asInputs({ ...gpdbBase, ServiceName: "test-adbpgss", ServiceSpec: "2", ServiceDescription: "test-adbpgss" }),
    },
  },
  {
    name: "DescribeStreamingDataService: the new service",
    action: "DescribeStreamingDataService",
    source: GPDB_SDK("DescribeStreamingDataService"),
    params: (k) => ({ ...gpdbBase, ServiceId: String(k.get("ServiceId")) }),
    expect: { kind: "success" },
  },
  {
    name: "ListStreamingDataServices: the SDK example page",
    action: "ListStreamingDataServices",
    source: GPDB_SDK("ListStreamingDataServices"),
    params: () => ({ ...gpdbBase, PageNumber: 1, PageSize: 50 }),
    expect: { kind: "success" },
  },
  {
    name: "ModifyStreamingDataService: the SDK example",
    action: "ModifyStreamingDataService",
    source: GPDB_SDK("ModifyStreamingDataService"),
    params: (k) => ({ ...gpdbBase, ServiceId: String(k.get("ServiceId")), ServiceSpec: "2", ServiceDescription: "test-adbpgss" }),
    expect: { kind: "success" },
  },
  {
    // The Modify/Describe examples write the broker list as `brokers`.
    name: "CreateStreamingDataSource: the SDK example with the Modify example's `brokers` config",
    action: "CreateStreamingDataSource",
    source: `${GPDB_SDK("CreateStreamingDataSource")}; DataSourceConfig from ${GPDB_SDK("ModifyStreamingDataSource")}`,
    params: (k) => ({
      ...gpdbBase,
      DataSourceName: "test-kafka",
      DataSourceType: "kafka",
      DataSourceConfig: '{"brokers":"broker0:9091,broker1:9091","topic":"topic"}',
      DataSourceDescription: "test-kafka",
      ServiceId: Number(k.get("ServiceId")),
    }),
    expect: { kind: "success" },
    keep: (b, k) => k.put("DataSourceId", b.DataSourceId),
    preview: {
      resource: "StreamingDataSource",
      inputs: asInputs({
        ...gpdbBase,
        DataSourceName: "test-kafka",
        DataSourceType: "kafka",
        DataSourceConfig: '{"brokers":"broker0:9091,broker1:9091","topic":"topic"}',
        DataSourceDescription: "test-kafka",
        ServiceId: 1,
      }),
    },
  },
  {
    // The Create example itself writes it as `broker_list` (facts uncertain: both keys recorded).
    name: "CreateStreamingDataSource: the SDK Create example's `broker_list` config",
    action: "CreateStreamingDataSource",
    source: GPDB_SDK("CreateStreamingDataSource"),
    params: (k) => ({
      ...gpdbBase,
      DataSourceName: "test-kafka-broker-list",
      DataSourceType: "kafka",
      DataSourceConfig: '{"broker_list":"broker0:9091,broker1:9091","topic":"topic"}',
      DataSourceDescription: "test-kafka",
      ServiceId: Number(k.get("ServiceId")),
    }),
    expect: { kind: "success" },
    keep: (b, k) => k.put("BrokerListDataSourceId", b.DataSourceId),
    preview: {
      resource: "StreamingDataSource",
      inputs: asInputs({
        ...gpdbBase,
        DataSourceName: "test-kafka",
        DataSourceType: "kafka",
        DataSourceConfig: '{"broker_list":"broker0:9091,broker1:9091","topic":"topic"}',
        DataSourceDescription: "test-kafka",
        ServiceId: 1,
      }),
    },
  },
  {
    name: "DescribeStreamingDataSource: the new data source",
    action: "DescribeStreamingDataSource",
    source: GPDB_SDK("DescribeStreamingDataSource"),
    params: (k) => ({ ...gpdbBase, DataSourceId: Number(k.get("DataSourceId")) }),
    expect: { kind: "success" },
  },
  {
    name: "ListStreamingDataSources: the SDK example page",
    action: "ListStreamingDataSources",
    source: GPDB_SDK("ListStreamingDataSources"),
    params: () => ({ ...gpdbBase, PageNumber: 1, PageSize: 30 }),
    expect: { kind: "success" },
  },
  {
    name: "ModifyStreamingDataSource: the SDK example",
    action: "ModifyStreamingDataSource",
    source: GPDB_SDK("ModifyStreamingDataSource"),
    params: (k) => ({
      ...gpdbBase,
      DataSourceId: String(k.get("DataSourceId")),
      DataSourceConfig: '{"brokers":"broker0:9091,broker1:9091","topic":"topic"}',
      DataSourceDescription: "test-kafka",
    }),
    expect: { kind: "success" },
  },
  {
    name: "CreateStreamingJob: seed 000's basic-mode example",
    action: "CreateStreamingJob",
    source: SEED_000,
    params: (k) => ({ ...seedBasicJob, DataSourceId: String(k.get("DataSourceId")) }),
    expect: { kind: "success" },
    keep: (b, k) => k.put("JobId", b.JobId),
    preview: { resource: "StreamingJob", inputs: asInputs({ ...seedBasicJob, DataSourceId: "1" }) },
  },
  {
    name: "CreateStreamingJob: seed 000's professional-mode example (its JobConfig)",
    action: "CreateStreamingJob",
    source: SEED_000,
    params: (k) => ({
      ...gpdbBase,
      DataSourceId: String(k.get("DataSourceId")),
      JobName: "test-job-professional",
      JobDescription: "test-job",
      Mode: "professional",
      JobConfig: SEED_000_JOB_CONFIG,
    }),
    expect: { kind: "success" },
    keep: (b, k) => k.put("ProfessionalJobId", b.JobId),
    preview: {
      resource: "StreamingJob",
      inputs: asInputs({
        ...gpdbBase,
        DataSourceId: "1",
        JobName: "test-job",
        JobDescription: "test-job",
        Mode: "professional",
        JobConfig: SEED_000_JOB_CONFIG,
      }),
    },
  },
  {
    name: "DescribeStreamingJob: the basic-mode job",
    action: "DescribeStreamingJob",
    source: GPDB_SDK("DescribeStreamingJob"),
    params: (k) => ({ ...gpdbBase, JobId: Number(k.get("JobId")) }),
    expect: { kind: "success" },
  },
  {
    name: "ListStreamingJobs: the first page",
    action: "ListStreamingJobs",
    source: GPDB_SDK("ListStreamingJobs"),
    params: () => ({ ...gpdbBase, PageNumber: 1, PageSize: 30 }),
    expect: { kind: "success" },
  },
  {
    name: "ModifyStreamingJob: the SDK example values",
    action: "ModifyStreamingJob",
    source: GPDB_SDK("ModifyStreamingJob"),
    params: (k) => ({
      ...gpdbBase,
      JobId: Number(k.get("JobId")),
      JobDescription: "test-job",
      Account: "test-account",
      Password: "pwd123",
      DestDatabase: "dest-db",
      DestSchema: "dest-schema",
      DestTable: "dest-table",
      SrcColumns: ["src_column_1"],
      DestColumns: ["dest_column_1"],
      WriteMode: "INSERT",
      GroupName: "group_name",
      FallbackOffset: "EARLIEST",
      ErrorLimitCount: 5,
      Consistency: "ATLEAST",
      TryRun: true,
    }),
    expect: { kind: "success" },
  },
  {
    name: "DescribeStreamingJob: a job id that does not exist (no documented code)",
    action: "DescribeStreamingJob",
    source: GPDB_SDK("DescribeStreamingJob"),
    params: () => ({ ...gpdbBase, JobId: 2147483000 }),
    expect: { kind: "anyError" },
  },
  ...(["JobId", "ProfessionalJobId"] as const).map(
    (key): VendorCase => ({
      name: `DeleteStreamingJob: the ${key === "JobId" ? "basic" : "professional"}-mode job`,
      action: "DeleteStreamingJob",
      source: GPDB_SDK("DeleteStreamingJob"),
      params: (k) => ({ ...gpdbBase, JobId: Number(k.get(key)) }),
      expect: { kind: "success" },
    }),
  ),
  ...(["DataSourceId", "BrokerListDataSourceId"] as const).map(
    (key): VendorCase => ({
      name: `DeleteStreamingDataSource: the ${key === "DataSourceId" ? "`brokers`" : "`broker_list`"} data source`,
      action: "DeleteStreamingDataSource",
      source: GPDB_SDK("DeleteStreamingDataSource"),
      params: (k) => ({ ...gpdbBase, DataSourceId: Number(k.get(key)) }),
      expect: { kind: "success" },
    }),
  ),
  {
    name: "DeleteStreamingDataService: the service",
    action: "DeleteStreamingDataService",
    source: GPDB_SDK("DeleteStreamingDataService"),
    params: (k) => ({ ...gpdbBase, ServiceId: String(k.get("ServiceId")) }),
    expect: { kind: "success" },
  },
];

// ---------------------------------------------------------------------------------------------
// DataWorks
// ---------------------------------------------------------------------------------------------

/** Seed 004's TaskContent, byte for byte as the page prints it. */
export const SEED_004_TASK_CONTENT =
  '{"type":"job","version":"2.0","steps":[{"stepType":"mysql","parameter":{"envType":1,"datasource":"mysql_pub","column":["id","name","create_time","age","score","t_01"],"connection":[{"datasource":"mysql_pub","table":["u_pk"]}],"where":"","splitPk":"id","encoding":"UTF-8"},"name":"Reader","category":"reader"},{"stepType":"odps","parameter":{"partition":"pt=${bizdate}","truncate":true,"datasource":"odps_source","envType":1,"column":["id","name","create_time","age","score","t_01"],"emptyAsNull":false,"tableComment":"null","table":"u_pk"},"name":"Writer","category":"writer"}],"setting":{"executeMode":null,"errorLimit":{"record":""},"speed":{"concurrent":2,"throttle":false}},"order":{"hops":[{"from":"Reader","to":"Writer"}]}}';
/** Seed 004's TaskParam example, with its folder path `Business Flow/XXX/Data Integration`. */
export const SEED_004_TASK_PARAM = '{"FileFolderPath":"Business Flow/XXX/Data Integration","ResourceGroup":"S_res_group_XXX_XXXX"}';

const SEED_002_RESOURCE_GROUP = "S_res_group_280749521950784_1623033752022";

/** Seed 002's three realtime specifications: MySQL to MaxCompute, to Kafka, to Hologres. */
function seed002Spec(taskType: string, readerSource: string, table: string, writer: { stepType: string; datasource: string }) {
  return {
    type: "realtime",
    version: "1.0",
    setting: { resourceGroup: SEED_002_RESOURCE_GROUP, taskType },
    steps: [
      {
        stepType: "mysql",
        parameter: {
          connection: [{ datasourceType: "mysql", datasource: readerSource, selectedTables: [{ dbName: "mysql_db", schema: [{ tableInfos: [{ table }] }] }] }],
        },
        name: "Reader",
        category: "reader",
      },
      { stepType: writer.stepType, parameter: { datasource: writer.datasource }, name: "Writer", category: "writer" },
    ],
  };
}
export const SEED_002_SPECS = {
  oneclick_to_odps: seed002Spec("oneclick_to_odps", "mysql_pub1", "molin_di_test_in_pk_v4", { stepType: "odps", datasource: "odps_source" }),
  oneclick_to_kafka: seed002Spec("oneclick_to_kafka", "pkset_test", "molin_di_test_in_pk_v4", { stepType: "kafka", datasource: "azn_kafka" }),
  oneclick_to_holo: seed002Spec("oneclick_to_holo", "mysql_pub", "molin_di_test_in2_pk_v3", { stepType: "holo", datasource: "holo" }),
} as const;

/** The GenerateDISyncTaskConfigForUpdating model's TaskParam example (client/generate_disync_task_config_for_updating_request_model.go). */
const UPDATING_TASK_PARAM = { steps: [{ parameter: { connection: [{ table: ["xyx"] }] }, name: "Reader", category: "reader" }] };
/** The StartDISyncInstance model's StartParam example (client/start_disync_instance_request_model.go). */
const START_PARAM =
  '{"failoverLimit":{"count":10,"interval":30},"errorLimit":{"record":0},"ddlMarkMap":{"RENAMECOLUMN":"WARNING","DROPTABLE":"WARNING","CREATETABLE":"IGNORE","MODIFYCOLUMN":"WARNING","TRUNCATETABLE":"NORMAL","DROPCOLUMN":"IGNORE","ADDCOLUMN":"NORMAL","RENAMETABLE":"CRITICAL"}}';

/** Seed 004's (and seed 002's) error table: status, code, message. */
const DI_ERRORS = {
  parameter: { status: 400, code: "Invalid.DI.Parameter", message: "The parameter is invalid." },
  fileExisted: { status: 400, code: "Invalid.DI.Parameter.File.Existed", message: "The file name already exists." },
  noPrivilege: { status: 403, code: "Forbidden.DI.NoPrivilege", message: "No access." },
} as const;

const offline = { ProjectId: DW_PROJECT, TaskType: "DI_OFFLINE" };
const realtime = { ProjectId: DW_PROJECT, TaskType: "DI_REALTIME" };
/** A workspace the caller has no access to (not in the inventory). */
const FOREIGN_PROJECT = 20000;
const settledDeployment = (b: any) => b?.Data?.Deployment?.Status !== 0;
const settledProcess = (b: any) => b?.Data?.Status === "success" || b?.Data?.Status === "fail";

function generateCase(taskType: keyof typeof SEED_002_SPECS, clientToken?: string): VendorCase {
  return {
    name: `GenerateDISyncTaskConfigForCreating: seed 002's ${taskType} specification`,
    action: "GenerateDISyncTaskConfigForCreating",
    source: SEED_002,
    params: () => ({ ...realtime, TaskParam: SEED_002_SPECS[taskType], ...(clientToken !== undefined && { ClientToken: clientToken }) }),
    expect: { kind: "success", check: diSucceeded },
    keep: (b, k) => k.put(`ProcessId.${taskType}`, b.Data.ProcessId),
    // As a DISyncTask, the specification is taskContent and the task lives where seed 004's example puts it.
    preview: {
      resource: "DISyncTask",
      inputs: {
        ...asInputs({ ...realtime, TaskName: `new_di_task_${taskType}` }),
        taskContent: SEED_002_SPECS[taskType],
        taskParam: { fileFolderPath: "Business Flow/XXX/Data Integration", resourceGroup: SEED_002_RESOURCE_GROUP },
      },
    },
  };
}

function queryCase(what: string, key: string, keepAs: string): VendorCase {
  return {
    name: `QueryDISyncTaskConfigProcessResult: ${what}, polled until success or fail`,
    action: "QueryDISyncTaskConfigProcessResult",
    source: DW_SDK("QueryDISyncTaskConfigProcessResult"),
    params: (k) => ({ ...realtime, AsyncProcessId: Number(k.get(key)) }),
    until: settledProcess,
    expect: { kind: "success", check: (b) => [...diSucceeded(b), ...(typeof b?.Data?.TaskContent === "string" ? [] : ["Data.TaskContent is missing"])] },
    keep: (b, k) => k.put(keepAs, b.Data.TaskContent),
  };
}

const realtimeFile = (k: Kept) => ({ ...realtime, FileId: Number(k.get("RealtimeFileId")) });
const offlineFile = (k: Kept) => ({ ...offline, FileId: Number(k.get("OfflineFileId")) });
const fileApi = (k: Kept) => ({ ProjectId: DW_PROJECT, FileId: Number(k.get("OfflineFileId")) });

export const DATAWORKS_CASES: readonly VendorCase[] = [
  // ---- a batch task: seed 004, then the file lifecycle ----
  {
    name: "CreateDISyncTask: seed 004's example (DI_OFFLINE, folder `Business Flow/XXX/Data Integration`)",
    action: "CreateDISyncTask",
    source: SEED_004,
    params: () => ({
      ...offline,
      TaskContent: SEED_004_TASK_CONTENT,
      TaskParam: SEED_004_TASK_PARAM,
      TaskName: "new_di_task",
      ClientToken: "0000-ABCD-EFG****",
    }),
    expect: { kind: "success", check: (b) => [...diSucceeded(b), ...(typeof b?.Data?.FileId === "number" ? [] : ["Data.FileId is missing"])] },
    keep: (b, k) => k.put("OfflineFileId", b.Data.FileId),
    preview: {
      resource: "DISyncTask",
      inputs: {
        ...asInputs({ ...offline, TaskName: "new_di_task", TaskContent: SEED_004_TASK_CONTENT }),
        taskParam: { fileFolderPath: "Business Flow/XXX/Data Integration", resourceGroup: "S_res_group_XXX_XXXX" },
      },
    },
  },
  {
    name: "CreateDISyncTask: seed 004's example again under the same TaskName (documented Invalid.DI.Parameter.File.Existed)",
    action: "CreateDISyncTask",
    source: SEED_004,
    params: (k) => {
      k.get("OfflineFileId");
      return { ...offline, TaskContent: SEED_004_TASK_CONTENT, TaskParam: SEED_004_TASK_PARAM, TaskName: "new_di_task" };
    },
    expect: { kind: "error", ...DI_ERRORS.fileExisted, source: `${SEED_004}, error codes` },
  },
  {
    name: "CreateDISyncTask: a TaskContent that is not JSON (documented Invalid.DI.Parameter)",
    action: "CreateDISyncTask",
    source: SEED_004,
    params: () => ({ ...offline, TaskContent: "not a script", TaskParam: SEED_004_TASK_PARAM, TaskName: "new_di_task_malformed" }),
    expect: { kind: "error", ...DI_ERRORS.parameter, source: `${SEED_004}, error codes` },
  },
  {
    name: "CreateDISyncTask: seed 004's example in a workspace the caller cannot access (documented Forbidden.DI.NoPrivilege)",
    action: "CreateDISyncTask",
    source: SEED_004,
    params: () => ({ ...offline, ProjectId: FOREIGN_PROJECT, TaskContent: SEED_004_TASK_CONTENT, TaskParam: SEED_004_TASK_PARAM, TaskName: "new_di_task" }),
    expect: { kind: "error", ...DI_ERRORS.noPrivilege, source: `${SEED_004}, error codes` },
  },
  {
    name: "GetFile: the batch task's file",
    action: "GetFile",
    source: DW_SDK("GetFile"),
    params: fileApi,
    expect: { kind: "success", check: fileSucceeded },
  },
  {
    name: "ListFiles: the batch task by its exact name, with the SDK example's PageSize",
    action: "ListFiles",
    source: DW_SDK("ListFiles"),
    params: () => ({ ProjectId: DW_PROJECT, ExactFileName: "new_di_task", FileTypes: "23", NeedAbsoluteFolderPath: true, PageNumber: 1, PageSize: 10 }),
    expect: {
      kind: "success",
      check: (b) => [
        ...fileSucceeded(b),
        ...(b?.Data?.Files?.length === 1 && b.Data.Files[0].FileName === "new_di_task" ? [] : ["the task is not the one file listed"]),
      ],
    },
  },
  {
    name: "UpdateDISyncTask: seed 004's script with the SDK example's TaskParam",
    action: "UpdateDISyncTask",
    source: `${DW_SDK("UpdateDISyncTask")}; TaskContent from ${SEED_004}`,
    params: (k) => ({ ...offlineFile(k), TaskContent: SEED_004_TASK_CONTENT, TaskParam: '{"ResourceGroup":"S_res_group_XXX_XXXX"}' }),
    expect: { kind: "success", check: diSucceeded },
  },
  {
    name: "SubmitFile: the batch task, with the SDK example's Comment",
    action: "SubmitFile",
    source: DW_SDK("SubmitFile"),
    params: (k) => ({ ...fileApi(k), Comment: "Submit a task for the first time" }),
    expect: { kind: "success", check: (b) => [...fileSucceeded(b), ...(typeof b?.Data === "number" ? [] : ["Data (the deployment id) is missing"])] },
    keep: (b, k) => k.put("SubmitDeploymentId", b.Data),
  },
  {
    name: "GetDeployment: the submission, polled until it leaves status 0",
    action: "GetDeployment",
    source: DW_SDK("GetDeployment"),
    params: (k) => ({ ProjectId: DW_PROJECT, DeploymentId: Number(k.get("SubmitDeploymentId")) }),
    until: settledDeployment,
    expect: { kind: "success", check: (b) => [...fileSucceeded(b), ...(b?.Data?.Deployment?.Status === 1 ? [] : ["the submission did not succeed"])] },
  },
  {
    name: "DeployFile: the batch task, with the SDK example's Comment",
    action: "DeployFile",
    source: DW_SDK("DeployFile"),
    params: (k) => ({ ...fileApi(k), Comment: "First release task" }),
    expect: { kind: "success", check: (b) => [...fileSucceeded(b), ...(typeof b?.Data === "number" ? [] : ["Data (the deployment id) is missing"])] },
    keep: (b, k) => k.put("DeployDeploymentId", b.Data),
  },
  {
    name: "GetDeployment: the deployment, polled until it leaves status 0",
    action: "GetDeployment",
    source: DW_SDK("GetDeployment"),
    params: (k) => ({ ProjectId: DW_PROJECT, DeploymentId: Number(k.get("DeployDeploymentId")) }),
    until: settledDeployment,
    expect: { kind: "success", check: (b) => [...fileSucceeded(b), ...(b?.Data?.Deployment?.Status === 1 ? [] : ["the deployment did not succeed"])] },
  },
  {
    name: "DeleteFile: the batch task",
    action: "DeleteFile",
    source: DW_SDK("DeleteFile"),
    params: fileApi,
    expect: { kind: "success", check: fileSucceeded },
  },
  {
    name: "GetFile: a file that does not exist (no documented code)",
    action: "GetFile",
    source: DW_SDK("GetFile"),
    params: () => ({ ProjectId: DW_PROJECT, FileId: 100000001 }),
    expect: { kind: "anyError" },
  },

  // ---- a realtime task: seed 002, then the instance lifecycle ----
  generateCase("oneclick_to_odps", "ABFUOEUOTRTRJKE"),
  generateCase("oneclick_to_kafka"),
  generateCase("oneclick_to_holo"),
  queryCase("seed 002's oneclick_to_odps process", "ProcessId.oneclick_to_odps", "GeneratedContent"),
  queryCase("seed 002's oneclick_to_kafka process", "ProcessId.oneclick_to_kafka", "GeneratedKafkaContent"),
  queryCase("seed 002's oneclick_to_holo process", "ProcessId.oneclick_to_holo", "GeneratedHoloContent"),
  {
    name: "GenerateDISyncTaskConfigForCreating: a TaskParam that is not JSON (documented Invalid.DI.Parameter)",
    action: "GenerateDISyncTaskConfigForCreating",
    source: SEED_002,
    params: () => ({ ...realtime, TaskParam: "not a specification" }),
    expect: { kind: "error", ...DI_ERRORS.parameter, source: `${SEED_002}, error codes` },
  },
  {
    name: "GenerateDISyncTaskConfigForCreating: seed 002's specification in a workspace the caller cannot access (documented Forbidden.DI.NoPrivilege)",
    action: "GenerateDISyncTaskConfigForCreating",
    source: SEED_002,
    params: () => ({ ...realtime, ProjectId: FOREIGN_PROJECT, TaskParam: SEED_002_SPECS.oneclick_to_odps }),
    expect: { kind: "error", ...DI_ERRORS.noPrivilege, source: `${SEED_002}, error codes` },
  },
  {
    name: "CreateDISyncTask: the generated script as a DI_REALTIME task (seed 004's TaskParam form)",
    action: "CreateDISyncTask",
    source: `${SEED_004}; TaskContent from the QueryDISyncTaskConfigProcessResult answer (the SDK's realtime flow)`,
    params: (k) => ({
      ...realtime,
      TaskContent: String(k.get("GeneratedContent")),
      TaskParam: JSON.stringify({ FileFolderPath: "Business Flow/XXX/Data Integration", ResourceGroup: SEED_002_RESOURCE_GROUP }),
      TaskName: "new_di_task_realtime",
    }),
    expect: { kind: "success", check: (b) => [...diSucceeded(b), ...(typeof b?.Data?.FileId === "number" ? [] : ["Data.FileId is missing"])] },
    keep: (b, k) => k.put("RealtimeFileId", b.Data.FileId),
  },
  {
    name: "DeployDISyncTask: the realtime task",
    action: "DeployDISyncTask",
    source: DW_SDK("DeployDISyncTask"),
    params: realtimeFile,
    expect: { kind: "success", check: diSucceeded },
  },
  {
    name: "StartDISyncInstance: the realtime task, with the SDK example's StartParam",
    action: "StartDISyncInstance",
    source: DW_SDK("StartDISyncInstance"),
    params: (k) => ({ ...realtimeFile(k), StartParam: START_PARAM }),
    expect: { kind: "success", check: diSucceeded },
  },
  {
    name: "GetDISyncInstanceInfo: the instance, polled until RUN",
    action: "GetDISyncInstanceInfo",
    source: DW_SDK("GetDISyncInstanceInfo"),
    params: realtimeFile,
    until: (b) => b?.Data?.Status === "RUN" || b?.Data?.Status === "fail",
    expect: {
      kind: "success",
      check: (b) => (b?.Success === true && b?.Data?.Status === "RUN" ? [] : [`the instance is ${String(b?.Data?.Status)}, not RUN`]),
    },
  },
  {
    name: "GetDISyncTask: the realtime task",
    action: "GetDISyncTask",
    source: DW_SDK("GetDISyncTask"),
    params: realtimeFile,
    expect: { kind: "success", check: diSucceeded },
  },
  {
    name: "GenerateDISyncTaskConfigForUpdating: the SDK example's TaskParam for the realtime task",
    action: "GenerateDISyncTaskConfigForUpdating",
    source: DW_SDK("GenerateDISyncTaskConfigForUpdating"),
    params: (k) => ({ ...realtime, TaskId: Number(k.get("RealtimeFileId")), TaskParam: UPDATING_TASK_PARAM, ClientToken: "ABFUOEUOTRTRJKE" }),
    expect: { kind: "success", check: diSucceeded },
    keep: (b, k) => k.put("UpdatingProcessId", b.Data.ProcessId),
  },
  queryCase("the updating process", "UpdatingProcessId", "UpdatedContent"),
  {
    name: "StopDISyncInstance: the realtime task",
    action: "StopDISyncInstance",
    source: DW_SDK("StopDISyncInstance"),
    params: realtimeFile,
    expect: { kind: "success", check: diSucceeded },
  },
  {
    name: "TerminateDISyncInstance: the realtime task",
    action: "TerminateDISyncInstance",
    source: DW_SDK("TerminateDISyncInstance"),
    params: realtimeFile,
    expect: { kind: "success", check: diSucceeded },
  },
  {
    name: "DeleteDISyncTask: the realtime task",
    action: "DeleteDISyncTask",
    source: DW_SDK("DeleteDISyncTask"),
    params: realtimeFile,
    expect: { kind: "success", check: diSucceeded },
  },
];

/** Documented error codes without a case: no vendor source says what input produces them. */
export const UNTRIGGERED_ERRORS: readonly UntriggeredError[] = [
  {
    action: "CreateDISyncTask",
    code: "InternalError.DI.Parameter",
    reason: "a DI internal error (HTTP 500): no vendor source names a request that causes one",
  },
  {
    action: "GenerateDISyncTaskConfigForCreating",
    code: "InternalError.DI.Parameter",
    reason: "a DI internal error (HTTP 500): no vendor source names a request that causes one",
  },
  {
    action: "GenerateDISyncTaskConfigForCreating",
    code: "Invalid.DI.Parameter.File.Existed",
    reason: "the request names no file (seed 002's TaskParam has no task name), so no source says which existing file it would clash with",
  },
];
