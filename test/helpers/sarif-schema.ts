/**
 * Validates a SARIF log against the SARIF 2.1.0 JSON schema kept in test/fixtures/sarif/ (a
 * draft-04 schema, hence Ajv's draft-04 class, with the uri and date-time formats checked).
 * Returns the schema errors as readable lines; an empty list means the log is valid.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";

const SCHEMA = join(__dirname, "..", "fixtures", "sarif", "sarif-2.1.0-rtm.5.json");

let validate: (((data: unknown) => boolean) & { errors?: unknown }) | undefined;

function validator() {
  if (validate !== undefined) return validate;
  // The schema's language-tag pattern is not a valid unicode-mode regular expression.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, "utf8")));
  return validate;
}

export function sarifSchemaErrors(log: unknown): string[] {
  const v = validator();
  if (v(log)) return [];
  return ((v.errors ?? []) as { instancePath: string; message?: string }[]).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`);
}
