/**
 * The vendor facts (test/conformance/facts/*.json) as typed objects. These files are the oracle of
 * the conformance tier: they come from the vendors' SDK models and reference pages, never from
 * provider/ or emulator/, so a test that compares either side with them cannot pass merely because
 * the two sides agree with each other.
 */
import dataworksFacts from "./facts/dataworks.json";
import disFacts from "./facts/dis.json";
import dmsFacts from "./facts/dms.json";
import eventrouterFacts from "./facts/eventrouter.json";
import gpdbFacts from "./facts/gpdb.json";
import iamFacts from "./facts/iam.json";
import alibabaCredentialFacts from "./facts/alibaba-credentials.json";
import huaweiCredentialFacts from "./facts/huawei-credentials.json";

/** One field of a request or response, as the facts record it. */
export interface FieldFact {
  readonly name: string;
  readonly type?: string;
  readonly location?: string;
  readonly required?: boolean;
  /** A vendor reference page marks the parameter required where the SDK model does not. */
  readonly required_per_reference_page?: boolean;
  readonly enum?: readonly string[];
  /** Where the vendor's operation texts allow other values than its model comment: the second reading. */
  readonly enum_per_operation_texts?: readonly string[];
  /** The regular expression a string value must match (a reference page's naming rule). */
  readonly pattern?: string;
  readonly limits?: {
    readonly min?: number;
    readonly max?: number;
    readonly min_length?: number;
    readonly max_length?: number;
    /** How many of these one resource may carry (DIS tags). */
    readonly max_items_per_resource?: number;
  };
  /** The vendor's example value (a number where the vendor wrote one). */
  readonly example?: unknown;
  readonly wire_encoding?: string;
  /** Where the vendor's credentials library sends the parameter, when that differs from the SDK model's `location`. */
  readonly location_per_credentials_library?: string;
  /** The vendor's credentials library always sends the parameter, whatever the SDK model says. */
  readonly required_per_credentials_library?: boolean;
  readonly fields?: readonly FieldFact[];
  readonly items?: readonly FieldFact[];
  readonly note?: string;
}

/** An Alibaba RPC operation (gpdb, dataworks). */
export interface RpcOperationFact {
  readonly action: string;
  readonly version: string;
  readonly method: string;
  readonly pathname?: string;
  readonly source: string;
  readonly request: readonly FieldFact[];
  readonly response: readonly FieldFact[];
  readonly errors?: readonly {
    readonly code: string | null;
    readonly http_status?: number | null;
    readonly meaning?: string;
    readonly source?: string;
  }[];
  readonly notes?: readonly string[];
  readonly uncertain?: readonly string[];
}

/** A Huawei REST operation (dis, dms, eventrouter). */
export interface RestOperationFact {
  readonly method?: string;
  readonly path?: string;
  /** The Content-Type the SDK sends with a body. */
  readonly content_type?: string;
  readonly source?: string;
  readonly present_in_sdk?: boolean;
  readonly request?: {
    readonly path?: readonly FieldFact[];
    readonly query?: readonly FieldFact[];
    readonly header?: readonly FieldFact[];
    readonly body?: { readonly model?: string; readonly fields: readonly FieldFact[] };
  };
  readonly response?: {
    readonly body?: readonly FieldFact[];
    readonly headers?: readonly FieldFact[];
    readonly status?: { readonly code: number; readonly source?: string } | null;
    /** Says when the answer has no body ("empty", "none"). */
    readonly body_note?: string;
  };
  readonly errors?: readonly unknown[];
  readonly notes?: readonly string[];
  readonly uncertain?: readonly string[];
}

export interface RpcFacts {
  readonly api: string;
  readonly version: string;
  readonly operations: Readonly<Record<string, RpcOperationFact>>;
}

export interface RestFacts {
  readonly api: string;
  readonly operations: Readonly<Record<string, RestOperationFact>>;
}

/** An STS action as the credential facts record it: an RPC operation with its common (signature) parameters. */
export interface CredentialRpcFact extends RpcOperationFact {
  readonly style: "RPC";
  readonly content_type: string;
  readonly common_parameters: readonly FieldFact[];
}

/** A credential service's operation: an STS action, or a REST call of a metadata service or IAM. */
export type CredentialOperationFact =
  | CredentialRpcFact
  | (RestOperationFact & {
      readonly style?: "REST";
      /** Statuses of a metadata token request after which the vendor's SDK goes on without a token. */
      readonly statuses_without_token_api?: readonly number[];
    });

/** The credential services a cloud's credential chain calls (facts/<cloud>-credentials.json). */
export interface CredentialFacts {
  readonly api: string;
  readonly operations: Readonly<Record<string, CredentialOperationFact>>;
}

export const facts = {
  gpdb: gpdbFacts as unknown as RpcFacts & typeof gpdbFacts,
  dataworks: dataworksFacts as unknown as RpcFacts & typeof dataworksFacts,
  dis: disFacts as unknown as RestFacts & typeof disFacts,
  dms: dmsFacts as unknown as RestFacts & typeof dmsFacts,
  eventrouter: eventrouterFacts as unknown as RestFacts & typeof eventrouterFacts,
  iam: iamFacts as unknown as RestFacts & typeof iamFacts,
  alibabaCredentials: alibabaCredentialFacts as unknown as CredentialFacts,
  huaweiCredentials: huaweiCredentialFacts as unknown as CredentialFacts,
};
