/**
 * What a create does when the object's unique name is already taken in its scope. Pulumi records a
 * create as pending before the provider sends it and as done only when the provider answers, so a
 * `pulumi up` killed in between leaves an object in the cloud that state does not hold; the next
 * `up` creates it again. That second create must end with the object in state, not with a name
 * clash and not with a duplicate:
 *
 * - the object has the program's definition (every field the program sets, and the vendor default
 *   of each field the program leaves to reset): it is the one the interrupted run made, or one the
 *   program would have made. It is taken over as it is.
 * - it differs, and the program says `adopt: true`: it is taken over and the differing fields are
 *   updated in place. A differing field that only a replacement changes is refused.
 * - it differs, without `adopt`: refused, naming both, what differs, and the two ways out.
 *
 * Fields the API does not echo (write-only, and secrets the read hides) cannot be compared and are
 * not; neither are optional fields the program leaves unset without a reset value.
 */
import { show } from "./check";
import { type FieldSpec, type FieldTable, agrees } from "./fields";

export interface Claim {
  /** The program's object, for messages: `StreamingJob "orders"`. */
  readonly what: string;
  /** The object found under the name, for messages: `job 12 in gp-bp10g78o9807yv9h3`. */
  readonly found: string;
  /** The SDK property that holds the name, and its value. */
  readonly nameInput: string;
  /** The program's inputs (after check). */
  readonly inputs: Record<string, unknown>;
  /** The found object's definition in SDK property names, read back as a refresh reads it. */
  readonly theirs: Record<string, unknown>;
  readonly fields: FieldTable;
}

export interface Verdict {
  /** Fields to change in place to reach the program's definition; empty when it already has it. */
  readonly update: readonly string[];
}

const comparable = (spec: FieldSpec, theirs: unknown, ours: unknown) => {
  if (spec.writeOnly) return false;
  if ((spec.secret || spec.secretKeys) && theirs === undefined) return false;
  if (ours === undefined && typeof spec.unset !== "object") return false;
  return true;
};

/** The fields where the found object is not what the program declares. */
export function differences(c: Pick<Claim, "fields" | "inputs" | "theirs">): string[] {
  return Object.entries(c.fields)
    .filter(([k, spec]) => comparable(spec, c.theirs[k], c.inputs[k]) && !agrees(spec, c.theirs[k], c.inputs[k]))
    .map(([k]) => k);
}

/** `fallbackOffset is "EARLIEST" there, "LATEST" here`; a secret is said to differ, never shown. */
function describeDifference(c: Claim, k: string): string {
  const spec = c.fields[k];
  if (spec?.secret || spec?.secretKeys) return `${k} differs (a secret: not shown)`;
  const ours = c.inputs[k] === undefined && typeof spec?.unset === "object" ? spec.unset.reset : c.inputs[k];
  return `${k} is ${show(c.theirs[k])} there, ${show(ours)} in the program`;
}

/**
 * Decides whether a create may take over the object found under its name. Returns the fields to
 * update in place (none when it has the program's definition); throws the refusal otherwise.
 */
export function claimExisting(c: Claim, adopt: boolean): Verdict {
  const name = show(c.inputs[c.nameInput]);
  const differ = differences(c);
  if (differ.length === 0) {
    console.log(
      `${c.what}: ${c.nameInput} ${name} is already taken by ${c.found}, which has the program's definition; taking it over (a create whose answer was lost, in an interrupted \`pulumi up\` or on the network, leaves such an object).`,
    );
    return { update: [] };
  }
  const listed = differ.map((k) => describeDifference(c, k)).join("; ");
  const fixed = differ.filter((k) => c.fields[k]?.replace);
  if (adopt && fixed.length === 0) {
    console.log(`${c.what}: adopting ${c.found} and updating ${differ.join(", ")} to the program's values.`);
    return { update: differ };
  }
  if (adopt) {
    throw new Error(
      `${c.what}: cannot adopt ${c.found}: ${fixed.map((k) => describeDifference(c, k)).join("; ")}, and ${fixed.join(", ")} cannot be changed in place. Set ${fixed.length === 1 ? "it" : "them"} to the existing value${fixed.length === 1 ? "" : "s"}, or delete ${c.found}, or choose another ${c.nameInput}.`,
    );
  }
  throw new Error(
    `${c.what}: ${c.nameInput} ${name} is already taken by ${c.found}, which this stack does not hold and which is not what the program declares: ${listed}. If ${c.found} is the object this program should manage, set \`adopt: true\` and run \`pulumi up\` again: it is taken over and updated to the program's definition${fixed.length > 0 ? ` (except ${fixed.join(", ")}, which must match first)` : ""}. Otherwise delete ${c.found} or choose another ${c.nameInput}.`,
  );
}
