/**
 * What a promotion promotes, as a digest: one fingerprint per resource of the package (its inputs
 * as the state holds them, after the provider's defaults, without the serialized provider code),
 * and one for the stack over all of them. Secret values are replaced by their SHA-256 before the
 * resource is hashed, so the fingerprint follows a changed password without ever holding it; the
 * state must be exported with secrets decrypted (`pulumi stack export --show-secrets`, which the
 * Automation API's exportStack runs), since ciphertext changes at every encryption. Resources are
 * named by name and type, not URN, so the same program in two stacks lines up.
 *
 * The digest is plain SHA-256, not HMAC-SHA-256, by decision: whoever reads the state's non-secret
 * inputs and a fingerprint can test password guesses offline, so a weak password could be guessed
 * from its digest (README, "What a fingerprint reveals"). A key would have to stay local and still
 * let `status` on any other machine recompute the recorded digest; none does: Pulumi's secrets
 * providers encrypt with a fresh nonce (no stable key derives from them) and the Pulumi Cloud's
 * never leaves it, a per-machine key breaks the record for everyone else, and a key kept as a
 * stack secret would be a change to the committed stack file made by the promotion itself.
 */
import { createHash } from "node:crypto";
import { resourceOf } from "./review";

/** Pulumi's marker of a secret value in state and engine events. */
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG_VALUE = "1b47061264138c4ac30d75fd1eb44270";
/** The types whose definitions are fingerprinted: this package's dynamic resources. */
const PACKAGE_TYPE = /^pulumi-nodejs:dynamic\/(?:alicloud|huaweicloud):/;

export const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

function isSecret(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && (value as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG_VALUE;
}

/** The value with every secret replaced by `{secretSha256}` of its plaintext; ciphertext is refused (it is not stable). */
export function hashSecrets(value: unknown): unknown {
  if (isSecret(value)) {
    const plaintext = value.plaintext;
    if (typeof plaintext !== "string") throw new Error("the state holds a secret without its plaintext: export it with secrets decrypted");
    return { secretSha256: sha256(plaintext) };
  }
  if (Array.isArray(value)) return value.map(hashSecrets);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, hashSecrets(v)]));
  }
  return value;
}

/** A resource of an exported deployment, as far as fingerprints need it. */
export interface StateResource {
  readonly urn: string;
  readonly type: string;
  readonly custom?: boolean;
  readonly delete?: boolean;
  readonly inputs?: Record<string, unknown>;
}

export interface ResourceFingerprint {
  readonly name: string;
  readonly type: string;
  /** SHA-256 (hex) of the canonical JSON of the inputs, secrets hashed, `__provider` left out. */
  readonly fingerprint: string;
}

export function resourceFingerprint(resource: StateResource): ResourceFingerprint {
  const { __provider: _, ...inputs } = resource.inputs ?? {};
  return { ...resourceOf(resource.urn), fingerprint: sha256(canonicalJson(hashSecrets(inputs))) };
}

/** The package's resources of a deployment (not those pending deletion), by type then name. */
export function resourceFingerprints(resources: readonly StateResource[]): ResourceFingerprint[] {
  return resources
    .filter((r) => r.custom !== false && r.delete !== true && PACKAGE_TYPE.test(r.type))
    .map(resourceFingerprint)
    .sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name));
}

/** One digest over the resources' fingerprints (names and types included). */
export function stackFingerprint(fingerprints: readonly ResourceFingerprint[]): string {
  return sha256(canonicalJson(fingerprints.map((f) => [f.type, f.name, f.fingerprint])));
}

/** The fingerprints of an exported deployment (the Automation API's exportStack result). */
export function deploymentFingerprints(exported: { deployment?: { resources?: StateResource[] } }): ResourceFingerprint[] {
  return resourceFingerprints(exported.deployment?.resources ?? []);
}

/** A fingerprint as printed: its first 12 hex digits. */
export const short = (fingerprint: string): string => fingerprint.slice(0, 12);
