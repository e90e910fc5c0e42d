/**
 * Every error the emulated Huawei Cloud APIs return, one named factory per wire error, so codes and
 * statuses are decided in one place and the README's table can be checked against this file.
 *
 * Three body shapes exist: the API gateway's and the services' `{error_code, error_msg, request_id}`
 * (docs/vendors/huawei-signing.md#gateway-errors), DIS's own `{errorCode, message}` (its error-code reference and its
 * Java SDK's ErrorMessage), and IAM's Keystone-style `{error:{code, title, message}}` for token
 * issuing. Messages never contain a password, a token, a secret key or an expected signature.
 */

export type HuaweiErrorFormat = "apig" | "keystone" | "dis";

export class HuaweiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly format: HuaweiErrorFormat = "apig",
  ) {
    super(message);
    this.name = "HuaweiError";
  }
}

/** The body of an error answer; the request id also travels in `X-Request-Id`. */
export function huaweiErrorBody(err: HuaweiError, requestId: string): unknown {
  if (err.format === "keystone") return { error: { code: err.status, title: err.code, message: err.message } };
  if (err.format === "dis") return { errorCode: err.code, message: err.message };
  return { error_code: err.code, error_msg: err.message, request_id: requestId };
}

const e = (status: number, code: string, message: string) => new HuaweiError(status, code, message);
const keystone = (status: number, title: string, message: string) => new HuaweiError(status, title, message, "keystone");

/** What the API gateway (APIG) in front of every service answers on its own [doc]. */
export const apigErrors = {
  apiNotFound: (method: string, path: string) => e(404, "APIGW.0101", `The API does not exist or has not been published in the environment: ${method} ${path}`),
  badRequestBody: (reason: string) => e(400, "APIGW.0201", `Request error: ${reason}`),
  bodyTooLarge: (limitBytes: number) => e(413, "APIGW.0201", `Request entity too large: the body exceeds ${limitBytes} bytes.`),
  /** [inferred] An upload that does not finish in time (the code is the gateway's request-error family). */
  requestTimeout: (timeoutMs: number) =>
    e(408, "APIGW.0201", `Request timeout: the body was not received within ${timeoutMs} ms; send the whole body without pausing.`),
  /** [inferred] A request line and headers over the limit (a URL with a very long query). */
  headersTooLarge: (limitBytes: number) =>
    e(431, "APIGW.0201", `Request header fields too large: the request line and headers exceed ${limitBytes} bytes; shorten the query.`),
  /**
   * [doc] 5 consecutive AK/SK signature failures lock the access key for 5 minutes; every AK/SK call
   * is refused meanwhile, even a correctly signed one (API signing guide, common IAM errors). The
   * vendor's words first, then when the lock ends.
   */
  accessKeyLocked: (until: string) =>
    e(
      401,
      "APIGW.0301",
      `Incorrect IAM authentication information: AK access failed to reach the limit,forbidden. (Too many consecutive signature failures; this access key is refused until ${until}. Fix the signing, then retry after that time.)`,
    ),
  /** Every AK/SK and token failure; `why` says which check failed (never the expected value). */
  unauthenticated: (why: string) => e(401, "APIGW.0301", `Incorrect IAM authentication information: ${why}`),
  /** [inferred] A token scoped to another project, or a project the account does not have. */
  projectDenied: (projectId: string) =>
    e(403, "APIGW.0302", `The IAM or enterprise project policy does not allow access to the API: project ${projectId} is not in the scope of the credentials.`),
  throttled: () => e(429, "APIGW.0308", "The throttling threshold has been reached."),
  /** [inferred] Only for a failure before any service is known (never expected). */
  internal: () => e(500, "APIGW.0103", "The backend service is unavailable."),
} as const;

/** Keystone-style answers of `POST /v3/auth/tokens` ([inferred] shape, from OpenStack Keystone). */
export const iamErrors = {
  badRequest: (message: string) => keystone(400, "Bad Request", message),
  wrongPassword: () => keystone(401, "Unauthorized", "The username or password is wrong."),
  /** [inferred] A scope naming a project the user's account does not have. */
  projectNotFound: (what: string) => keystone(401, "Unauthorized", `The project ${what} is not found or the user has no access to it.`),
  internal: () => keystone(500, "Internal Server Error", "An unexpected error prevented the server from fulfilling the request."),
} as const;

/** EventGrid's own codes [doc]. */
export const egErrors = {
  /** A request the service cannot read at all (not an object). */
  badRequest: (reason: string) => e(400, "EG.00014000", `Bad request: ${reason}`),
  /** One named field is wrong; `field` is its path in the body or query, e.g. `source_config.source_kafka.region`. */
  invalidParameter: (field: string, reason: string) => e(400, "EG.00513000", `Invalid parameter ${field}: ${reason}`),
  nameDuplicated: (name: string, existingId: string) =>
    e(400, "EG.00513001", `The name ${JSON.stringify(name)} is already used by job ${existingId} in this project; choose another name.`),
  clusterNotFound: (id: string) => e(404, "EG.00014040", `The professional event stream cluster ${id} does not exist.`),
  jobNotFound: (id: string) => e(404, "EG.00014040", `The professional event stream job ${id} does not exist.`),
  internal: () => e(500, "EG.00015000", "Internal server error."),
} as const;

/** DMS (Kafka, RocketMQ) and DCS instance lookups. */
export const dmsErrors = {
  /** [inferred] The code DMS uses for an unknown instance. */
  instanceNotFound: (id: string) => e(404, "DMS.00404022", `The instance ${id} does not exist.`),
  invalidParameter: (field: string, reason: string) => e(400, "DMS.00400000", `Invalid parameter ${field}: ${reason}`),
  /** [inferred] */
  internal: () => e(500, "DMS.00500000", "Internal server error."),
} as const;

/**
 * DIS's own codes in DIS's body `{errorCode, message}` (the request id only in `X-Request-Id`). All
 * HTTP 400 but the system error (500), as the vendor's DIS error-code table gives them. Messages start
 * with the vendor's fixed text ("Invalid request.", "Stream does not exist.") and add what the
 * emulator knows; a `field` is the path in the body (`dws_destination_descriptor.task_name`).
 */
const dis = (status: number, code: string, message: string) => new HuaweiError(status, code, message, "dis");

export const disErrors = {
  invalidRequest: (field: string, reason: string) => dis(400, "DIS.4200", `Invalid request. ${field} ${reason}`),
  /** No body at all where the operation needs one. */
  emptyRequest: () => dis(400, "DIS.4202", "Empty request."),
  /** A body that is not a JSON object. */
  bodyError: (reason: string) => dis(400, "DIS.4300", `Request error. ${reason}`),
  /** [doc] "Invalid partition_id." */
  invalidPartition: (id: string) => dis(400, "DIS.4201", `Invalid partition_id. ${JSON.stringify(id)} is not a partition of this stream.`),
  streamNotRunning: (name: string, status: string) => dis(400, "DIS.4205", `Stream is not running. Stream ${name} is ${status}; try again once it is RUNNING.`),
  /** "Not found" is HTTP 400 for DIS, not 404. */
  streamNotFound: (what: string) => dis(400, "DIS.4301", `Stream does not exist. ${what}`),
  bucketNotFound: (bucket: string) => dis(400, "DIS.4306", `Bucket does not exist. OBS bucket ${JSON.stringify(bucket)} does not exist in this project.`),
  streamExists: (name: string) =>
    dis(400, "DIS.4307", `Stream already exists. A stream named ${JSON.stringify(name)} exists in this project; choose another name.`),
  quotaExceeded: (reason: string) => dis(400, "DIS.4308", `Insufficient quota. ${reason}`),
  invalidAgency: (name: string) => dis(400, "DIS.4335", `Invalid IAM agency. Agency ${JSON.stringify(name)} does not exist or does not delegate to DIS.`),
  invalidDwsCluster: (reason: string) => dis(400, "DIS.4350", `Invalid DWS cluster. ${reason}`),
  invalidKmsKey: (reason: string) => dis(400, "DIS.4351", `Invalid KMS userKey. ${reason}`),
  taskNotFound: (what: string) => dis(400, "DIS.4354", `The transfer task does not exist. ${what}`),
  taskExists: (name: string, stream: string) =>
    dis(400, "DIS.4355", `The transfer task already exists. Stream ${stream} already has a task named ${JSON.stringify(name)}.`),
  taskLimit: (stream: string, limit: number) =>
    dis(400, "DIS.4357", `Exceeded transfer task quota. Stream ${stream} already has ${limit} transfer tasks; delete one first.`),
  invalidDataSchema: (reason: string) => dis(400, "DIS.4360", `Invalid data schema. ${reason}`),
  /** The service's own "slow down" (retryable), for a throttle fault queued with `throttledBy: "service"`. */
  tooManyRequests: () => dis(400, "DIS.4305", "Too many stream requests. Lower the request rate and try again."),
  tagLimit: (reason: string) => dis(400, "DIS.4601", `The number of resource tags has reached the maximum. ${reason}`),
  internal: () => dis(500, "DIS.5000", "System error."),
} as const;
