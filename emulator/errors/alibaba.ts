/**
 * Every error the emulated Alibaba APIs return, one named factory per wire error (Azurite's
 * StorageErrorFactory habit), so codes and statuses are decided in one place and the README's
 * table can be checked against this file.
 *
 * Messages never contain a secret parameter's value, an expected signature or a key secret.
 */
import { DATA_SOURCE_NOT_FOUND, INSTANCE_NOT_FOUND, JOB_NOT_FOUND, SERVICE_NOT_FOUND } from "../../provider/apis/alibaba-gpdb";
import {
  DEPLOYMENT_NOT_FOUND,
  DI_FILE_EXISTED,
  DI_INTERNAL_ERROR,
  DI_NO_PRIVILEGE,
  DI_PARAMETER_INVALID,
  FILE_NOT_FOUND,
  FILE_PARAMETER_INVALID,
  IDEMPOTENT_PARAMETER_MISMATCH,
  PROJECT_NOT_FOUND,
} from "../../provider/apis/alibaba-dataworks";

export class AlibabaError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Product-specific body fields sent beside the envelope (DataWorks file APIs: Success, ErrorCode, …). */
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = "AlibabaError";
  }
}

/** The gateway's error body (docs/vendors/alibaba-signing.md#error-body). */
export interface AlibabaErrorEnvelope {
  RequestId: string;
  HostId: string;
  Code: string;
  Message: string;
  Recommend: string;
  /** A product's own fields, e.g. DataWorks' `Success`, `ErrorCode`, `ErrorMessage`, `HttpStatusCode`. */
  readonly [extra: string]: unknown;
}

/** @param product the product code when the call named one (it picks the troubleshooting page). */
export function errorEnvelope(err: AlibabaError, requestId: string, hostId: string, product?: string): AlibabaErrorEnvelope {
  const q = `q=${encodeURIComponent(err.code)}${product === undefined ? "" : `&product=${encodeURIComponent(product)}`}`;
  return {
    ...err.extra,
    RequestId: requestId,
    HostId: hostId,
    Code: err.code,
    Message: err.message,
    Recommend: `https://api.aliyun.com/troubleshoot?${q}&requestId=${requestId}`,
  };
}

const e = (status: number, code: string, message: string) => new AlibabaError(status, code, message);

export const alibabaErrors = {
  // ---- protocol ----
  /** A protocol-level parameter (Action, Version, Timestamp, Signature…) is absent. */
  missingParameter: (name: string) =>
    e(400, "MissingParameter", `The input parameter "${name}" that is mandatory for processing this request is not supplied.`),
  invalidAction: (action: string, version: string) =>
    e(404, "InvalidAction.NotFound", `Specified api is not found, please check your url and method. (Action=${action}, Version=${version})`),
  invalidVersion: (action: string, version: string, supported: readonly string[]) =>
    e(400, "InvalidVersion", `Specified parameter Version "${version}" is not valid for ${action}; supported: ${supported.join(", ")}.`),
  /** [emulator] Paths other than `/`, the Huawei prefixes and the control routes. */
  routeNotFound: (method: string, path: string) =>
    e(
      404,
      "InvalidApi.NotFound",
      `No route for ${method} ${path}: Alibaba RPC is served on "/" (GET or POST), Huawei Cloud REST under /v1/, /v2/ and /v3/; control routes live under /__emulator/.`,
    ),
  /** [emulator] Body over the size limit. */
  bodyTooLarge: (limitBytes: number) => e(413, "RequestEntityTooLarge", `The request body exceeds the emulator's ${limitBytes}-byte limit.`),
  /** [emulator] An upload that does not finish in time; the connection is closed after the answer. */
  requestTimeout: (timeoutMs: number) =>
    e(408, "RequestTimeout", `The request body was not received within the emulator's ${timeoutMs} ms limit; send the whole body without pausing.`),
  /** [emulator] A request line and headers over the limit (a URL with a very long query). */
  headersTooLarge: (limitBytes: number) =>
    e(
      431,
      "RequestHeaderFieldsTooLarge",
      `The request line and headers exceed the emulator's ${limitBytes}-byte limit; send business parameters in a form body instead of the query.`,
    ),
  /** [emulator] Bytes the HTTP parser cannot read as a request. */
  malformedRequest: (why: string) => e(400, "MalformedRequest", `The request cannot be read: ${why}.`),
  /** [emulator] More query and form parameters than any action takes. */
  tooManyParameters: (count: number, limit: number) =>
    e(400, "InvalidParameter", `The request has ${count} parameters (query and form together); at most ${limit} are accepted.`),
  /** [emulator] Only JSON responses are emulated. */
  unsupportedFormat: (format: string) => e(400, "InvalidParameter", `The parameter "Format" is not supported by the emulator: "${format}"; use JSON.`),
  /** [emulator] The body is not form-encoded, so its parameters cannot be read. */
  unsupportedContentType: (contentType: string) =>
    e(400, "InvalidParameter", `The request body has content-type "${contentType}"; RPC bodies must be application/x-www-form-urlencoded.`),

  // ---- authentication ----
  incompleteSignature: (detail: string) => e(400, "IncompleteSignature", `The request signature does not conform to Aliyun standards: ${detail}`),
  signatureDoesNotMatch: (detail: string) => e(400, "SignatureDoesNotMatch", `Specified signature is not matched with our calculation. ${detail}`),
  accessKeyNotFound: () => e(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found."),
  timestampFormat: (name: string, value: string) =>
    e(400, "InvalidTimeStamp.Format", `Specified ${name} "${value}" is not in the format yyyy-MM-ddTHH:mm:ssZ (UTC).`),
  timestampExpired: (name: string, value: string, serverTime: string) =>
    e(400, "InvalidTimeStamp.Expired", `Specified ${name} "${value}" differs from the server time ${serverTime} by more than 15 minutes.`),
  signatureNonceUsed: () => e(400, "SignatureNonceUsed", "Specified signature nonce was used already; use a new nonce for every request."),
  unsupportedSignatureMethod: (name: string, value: string, expected: string) =>
    e(400, "InvalidParameter", `The parameter "${name}" is "${value}"; only ${expected} is supported.`),

  // ---- parameters (derived from the action table) ----
  /** Business parameters: `Missing<Name>` as the RPC gateway reports them. */
  missingBusinessParameter: (name: string) => e(400, `Missing${name}`, `${name} is mandatory for this action.`),
  invalidParameter: (name: string, reason: string) => e(400, "InvalidParameter", `The parameter "${name}" is invalid: ${reason}`),
  /** [emulator] Strict mode only: the real gateway ignores parameters an action does not define. */
  unknownParameter: (name: string, action: string) =>
    e(
      400,
      "InvalidParameter",
      `The parameter "${name}" is not defined for ${action}. (The emulator is strict about unknown parameters; start it with --loose to ignore them.)`,
    ),

  // ---- injected faults ----
  throttling: () => e(400, "Throttling.User", "Request was denied due to user flow control."),
  serviceUnavailable: () => e(503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server."),

  // ---- anything unexpected ----
  internal: () => e(500, "InternalError", "The request processing has failed due to some unknown error."),
} as const;

/**
 * gpdb streaming errors. The not-found codes come from the action table; their HTTP status, and
 * every code below them, are [inferred] (see README "Differences from the cloud").
 */
export const gpdbErrors = {
  instanceNotFound: (id: string, regionId: string | undefined) =>
    e(404, INSTANCE_NOT_FOUND, `The specified instance "${id}" is not found${regionId === undefined ? "" : ` in region ${regionId}`}.`),
  serviceNotFound: (serviceId: string) => e(404, SERVICE_NOT_FOUND, `The streaming data service "${serviceId}" is not found in this instance.`),
  dataSourceNotFound: (dataSourceId: string) => e(404, DATA_SOURCE_NOT_FOUND, `The streaming data source "${dataSourceId}" is not found in this instance.`),
  jobNotFound: (jobId: string) => e(404, JOB_NOT_FOUND, `The streaming job "${jobId}" is not found in this instance.`),
  /** [inferred] Names are unique per instance, as for other ApsaraDB objects (`InvalidDBName.Duplicate`). */
  nameDuplicate: (param: "JobName" | "DataSourceName" | "ServiceName", name: string, existingId: number) =>
    e(400, `Invalid${param}.Duplicate`, `The ${param} "${name}" is already used by id ${existingId} in this instance; choose another name.`),
  /**
   * [inferred] Deleting a data source that jobs still read. (A data service still in use is refused
   * in band instead, as DeleteStreamingDataService's SDK model shows: see the service.)
   */
  dataSourceHasJobs: (dataSourceId: number, jobIds: readonly number[]) =>
    e(400, "DependencyViolation.StreamingJob", `The streaming data source ${dataSourceId} still has jobs (${jobIds.join(", ")}); delete them first.`),
} as const;

/**
 * DataWorks (dataworks-public 2020-05-18). The DI codes are the seed pages'; their HTTP statuses and
 * every message are [inferred]. Business failures of the DI actions are not errors at all: they are
 * in-band answers (see the service). File-API errors carry the file APIs' own body fields too.
 */
const fileApiError = (status: number, code: string, message: string) =>
  new AlibabaError(status, code, message, { Success: false, ErrorCode: code, ErrorMessage: message, HttpStatusCode: status });

export const dataworksErrors = {
  /** Malformed TaskContent / TaskParam / TaskName: the message names the problem. */
  diParameter: (problem: string) => e(400, DI_PARAMETER_INVALID, `The parameter is invalid: ${problem}`),
  fileExisted: (name: string, fileId: number, folderPath: string) =>
    e(400, DI_FILE_EXISTED, `The file name already exists: "${name}" is file ${fileId} in ${folderPath}.`),
  noPrivilege: (projectId: number, regionId: string | undefined) =>
    e(403, DI_NO_PRIVILEGE, `No access. You have no privilege on project ${projectId}${regionId === undefined ? "" : ` in region ${regionId}`}.`),
  internal: (detail: string) => e(500, DI_INTERNAL_ERROR, `A DI internal error occurred: ${detail}`),
  /** [inferred] A ClientToken already used by this project and action with other parameters. */
  idempotentMismatch: (action: string, projectId: number) =>
    e(
      400,
      IDEMPOTENT_PARAMETER_MISMATCH,
      `The ClientToken was already used for ${action} in project ${projectId} with different parameters; use a new token for a new request.`,
    ),
  // ---- file APIs ----
  fileNotFound: (fileId: number) => fileApiError(400, FILE_NOT_FOUND, `The file does not exist: ${fileId}.`),
  nodeNotFound: (nodeId: number) => fileApiError(400, FILE_NOT_FOUND, `The file does not exist: no file has node ${nodeId}.`),
  projectNotFound: (ref: string) => fileApiError(400, PROJECT_NOT_FOUND, `The project does not exist: ${ref}.`),
  deploymentNotFound: (deploymentId: number) => fileApiError(400, DEPLOYMENT_NOT_FOUND, `The deployment does not exist: ${deploymentId}.`),
  fileParameter: (problem: string) => fileApiError(400, FILE_PARAMETER_INVALID, `The request parameter is invalid: ${problem}`),
} as const;
