/**
 * What the StreamingJob rules share: the job's mode, and reading one setting of a professional-mode
 * `jobConfig`, given as the typed object (camelCase keys: `kafka.input.errorLimit`) or as YAML text
 * (the service's keys: `KAFKA.INPUT.ERROR_LIMIT`). In professional mode a setting such as the error
 * limit can be given twice, as an API parameter and in the YAML, and which one the service uses is
 * not documented; the rules therefore check every place a value is given.
 *
 * The pack imports nothing but the policy SDK (it must load where only its own dependencies are
 * installed), so YAML text is read by a small reader of block mappings: the form of the service's
 * example and of the provider's rendering of the typed object. JSON text (also YAML) is parsed as
 * JSON. A jobConfig whose setting sits in a form the reader does not follow (a flow mapping, an
 * anchor, a block scalar) is "unreadable": the rules say so rather than guess.
 *
 * Not a rule: "no plain-text password in a professional-mode jobConfig". The job YAML has no secret
 * reference: its `PASSWORD:` is the target account's password as text (the service's own example),
 * so the password is always inline. What a program can do is keep it out of its source, with
 * `config.requireSecret`; but the policy SDK hands every rule the plain value of a secret (its
 * analyzer deserialises resource properties with secrets unwrapped), so a rule cannot tell a
 * password read from a secret from one written in the program. The provider keeps jobConfig secret
 * in state whatever the program does, and the unit test of this file shows the unwrapping.
 */
import { type ResourceType, isOneOf } from "./_rule";
import { TYPES } from "./_types";

/** The type token of `alicloud.StreamingJob`. */
export const STREAMING_JOB_TYPE: string = TYPES.alicloud.StreamingJob;
/** What every StreamingJob rule applies to. */
export const STREAMING_JOBS: readonly ResourceType[] = [TYPES.alicloud.StreamingJob];

export function isStreamingJob(resource: { readonly type: string }): boolean {
  return isOneOf(STREAMING_JOBS, resource);
}

/** Professional mode, where jobConfig holds the job; anything else (including unset) is basic. */
export function isProfessional(props: Record<string, unknown>): boolean {
  return props.mode === "professional";
}

/** One setting of a jobConfig: its value, absent, or in a form the reader cannot follow. */
export type JobConfigSetting = { readonly state: "set"; readonly value: unknown } | { readonly state: "unset" } | { readonly state: "unreadable" };

const UNSET: JobConfigSetting = { state: "unset" };
const UNREADABLE: JobConfigSetting = { state: "unreadable" };

/** `ERROR_LIMIT`, `errorLimit` and `errorlimit` name the same key (YAML keys and the typed object's). */
const keyOf = (key: string) => key.replace(/_/g, "").toUpperCase();

/** The setting at `path` (YAML keys, e.g. `["KAFKA", "COMMIT", "CONSISTENCY"]`) of a jobConfig. */
export function jobConfigSetting(jobConfig: unknown, path: readonly string[]): JobConfigSetting {
  if (typeof jobConfig === "string") return settingOfText(jobConfig, path);
  return settingOfObject(jobConfig, path);
}

function settingOfObject(doc: unknown, path: readonly string[]): JobConfigSetting {
  let node: unknown = doc;
  for (const key of path) {
    if (node === null || typeof node !== "object" || Array.isArray(node)) return UNSET;
    const found = Object.keys(node).find((k) => keyOf(k) === keyOf(key));
    if (found === undefined) return UNSET;
    node = (node as Record<string, unknown>)[found];
  }
  return node === undefined || node === null || node === "" ? UNSET : { state: "set", value: node };
}

function settingOfText(text: string, path: readonly string[]): JobConfigSetting {
  if (text.trim().startsWith("{")) {
    try {
      return settingOfObject(JSON.parse(text), path);
    } catch {
      return UNREADABLE;
    }
  }
  const open: { indent: number; key: string }[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = withoutComment(raw);
    const body = line.trim();
    if (body === "" || body === "---") continue;
    const indent = line.length - line.trimStart().length;
    while (open.length > 0 && (open[open.length - 1]?.indent ?? 0) >= indent) open.pop();
    // Sequence items (columns, mappings) hold nothing the rules read; their keys nest deeper and pop off.
    if (body === "-" || body.startsWith("- ")) continue;
    const entry = /^("[^"]*"|'[^']*'|[^\s"'][^:]*?)\s*:(?:\s+(.*))?$/.exec(body);
    if (entry === null) continue; // the continuation of a multi-line scalar
    const key = unquote(entry[1] ?? "");
    open.push({ indent, key });
    if (open.length !== path.length || !open.every((o, i) => keyOf(o.key) === keyOf(path[i] ?? ""))) continue;
    const value = (entry[2] ?? "").trim();
    if (value === "" || value === "~" || value === "null") return UNSET;
    return /^[{[&*!|>]/.test(value) ? UNREADABLE : { state: "set", value: scalarOf(value) };
  }
  return UNSET;
}

/** A line without its `# comment`: a `#` after a space, outside quotes (one inside a word, as in a password, is not one). */
function withoutComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === "#" && (i === 0 || /\s/.test(line[i - 1] ?? ""))) {
      return line.slice(0, i).trimEnd();
    }
  }
  return line;
}

const unquote = (text: string) => (/^(".*"|'.*')$/.test(text) ? text.slice(1, -1) : text);

function scalarOf(text: string): unknown {
  if (/^(".*"|'.*')$/.test(text)) return text.slice(1, -1);
  return /^-?\d+$/.test(text) ? Number(text) : text;
}

/** Where a jobConfig setting lives, for messages: `jobConfig KAFKA.INPUT.ERROR_LIMIT`. */
export const jobConfigPath = (path: readonly string[]) => `jobConfig ${path.join(".")}`;

/** The sentence for a jobConfig setting the reader cannot follow. */
export function unreadableMessage(name: string, path: readonly string[]): string {
  return `StreamingJob ${JSON.stringify(name)}: ${jobConfigPath(path)} is written in a form this policy does not read (a flow mapping, an anchor or a block scalar), so it cannot be checked. Write it as a plain "${path[path.length - 1]}: value" line of block YAML.`;
}
