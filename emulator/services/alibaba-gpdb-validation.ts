/**
 * The value rules a gpdb request is checked against beyond the action table: the cross-field checks
 * the service makes on a create or modify, as data, and the parsing of a JobConfig. Each rule names
 * the parameter it blames and returns why, or undefined; the service answers with the first
 * failure, as the real API returns one error per call. All of these are [inferred] from the API reference
 * (the service does not publish its validation rules).
 *
 * JobConfig is secret (it carries a PASSWORD line), so no message quotes any of it. Single-value
 * rules (region ids, names, DataSourceConfig) live in the action table and are applied by the
 * router before a handler runs (provider/apis/alibaba-gpdb-rules.ts).
 */
import { parseDocument } from "yaml";
import { alibabaErrors } from "../errors/alibaba";
import type { JobFields } from "./alibaba-gpdb-records";

interface Rule<T> {
  readonly param: string;
  readonly problem: (subject: T) => string | undefined;
}

/** Throws the first failing rule's error, as the service answers one error per call. */
function enforce<T>(rules: readonly Rule<T>[], subject: T): void {
  for (const rule of rules) {
    const problem = rule.problem(subject);
    if (problem !== undefined) throw alibabaErrors.invalidParameter(rule.param, problem);
  }
}

export function isProfessional(job: Pick<JobFields, "Mode">): boolean {
  return job.Mode?.toLowerCase() === "professional";
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

export type ParsedJobConfig = { ok: true; doc: Record<string, unknown> } | { ok: false; problem: string };

/** Parses a professional-mode JobConfig, reporting problems by position only (never by content). */
export function parseJobConfig(text: string): ParsedJobConfig {
  const doc = parseDocument(text, { prettyErrors: false });
  const err = doc.errors[0];
  if (err !== undefined) {
    const at = err.linePos?.[0];
    return { ok: false, problem: `is not valid YAML (${err.code}${at === undefined ? "" : ` at line ${at.line}, column ${at.col}`}).` };
  }
  const root: unknown = doc.toJS();
  if (!isMapping(root)) return { ok: false, problem: "must be a YAML mapping (DATABASE, USER, PASSWORD, HOST, PORT, KAFKA)." };
  const kafka = root.KAFKA;
  if (!isMapping(kafka)) return { ok: false, problem: "must contain a KAFKA mapping with INPUT and OUTPUT." };
  for (const key of ["INPUT", "OUTPUT"]) {
    if (!isMapping(kafka[key])) return { ok: false, problem: `must contain KAFKA.${key} as a mapping.` };
  }
  return { ok: true, doc: root };
}

const jobRules: readonly Rule<JobFields>[] = [
  {
    param: "JobConfig",
    problem: (j) => (isProfessional(j) && (j.JobConfig ?? "") === "" ? "is required when Mode is professional." : undefined),
  },
  {
    param: "JobConfig",
    problem: (j) => {
      if (j.JobConfig === undefined || j.JobConfig === "") return undefined;
      const parsed = parseJobConfig(j.JobConfig);
      return parsed.ok ? undefined : parsed.problem;
    },
  },
  {
    param: "MatchColumns",
    problem: (j) => {
      const mode = j.WriteMode?.toUpperCase();
      return (mode === "MERGE" || mode === "UPDATE") && (j.MatchColumns ?? []).length === 0
        ? `is required when WriteMode is ${j.WriteMode}: list the columns that identify a row (usually the primary key).`
        : undefined;
    },
  },
  {
    param: "DestColumns",
    problem: (j) =>
      j.SrcColumns !== undefined && j.DestColumns !== undefined && j.SrcColumns.length !== j.DestColumns.length
        ? `has ${j.DestColumns.length} columns but SrcColumns has ${j.SrcColumns.length}; they map one to one.`
        : undefined,
  },
];

/** Checks a job as it would be after the call (Create: the params; Modify: stored fields merged with the changes). */
export function assertValidJob(job: JobFields): void {
  enforce(jobRules, job);
}
