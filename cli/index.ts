#!/usr/bin/env node
/**
 * The `streamjobs` command. `streamjobs review` previews stacks of the Pulumi project in the
 * current (or `--cwd`) directory with the policy pack, each with its environment's policy config,
 * and writes the markdown summary (stdout, or `--markdown FILE`) and a SARIF log (`--sarif FILE`).
 * Exit codes: 0 when no mandatory violation, 1 with mandatory violations (after writing the
 * reports), 2 when a preview failed for another reason or the arguments are wrong.
 * `streamjobs promote` (promote.ts) moves a revision from one stack to the next through a health
 * gate; `streamjobs status` (status.ts) shows what runs where and whether it is healthy.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { parseArgs } from "node:util";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { readPackInfo } from "./pack-info";
import { PROMOTE_USAGE, PromoteUsageError, parsePromoteArgs, promote } from "./promote";
import { renderMarkdown } from "./report-markdown";
import { renderSarif } from "./report-sarif";
import { type Review, hasErrors, hasMandatory, previewEnvironment } from "./review";
import { STATUS_USAGE, parseStatusArgs, status } from "./status";

export const USAGE = `usage: streamjobs review --stack NAME [--stack NAME ...] [--cwd DIR] [--policy-pack DIR]
                         [--policy-config ENV=FILE ...] [--markdown FILE] [--sarif FILE]

  --stack          a stack to preview; its environment is the name's last segment (org/proj/prod → prod)
  --cwd            the Pulumi project's directory (default: the current directory)
  --policy-pack    the policy pack's directory (default: this package's policy pack)
  --policy-config  the policy config file of an environment (default: the pack's config/ENV.json
                   when it exists, else the pack's own levels)
  --markdown       write the markdown summary here (default: standard output)
  --sarif          write a SARIF 2.1.0 log here`;

export interface ReviewArgs {
  readonly stacks: readonly string[];
  readonly cwd: string;
  readonly policyPack: string;
  readonly policyConfigs: Readonly<Record<string, string>>;
  readonly markdown?: string;
  readonly sarif?: string;
}

export class UsageError extends Error {}

/** `review`'s arguments (after the subcommand), with relative paths resolved against the working directory. */
export function parseReviewArgs(argv: readonly string[], defaultPack = defaultPolicyPack()): ReviewArgs {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: {
      stack: { type: "string", multiple: true },
      cwd: { type: "string" },
      "policy-pack": { type: "string" },
      "policy-config": { type: "string", multiple: true },
      markdown: { type: "string" },
      sarif: { type: "string" },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
  const stacks = values.stack ?? [];
  if (stacks.length === 0) throw new UsageError("name at least one --stack");
  return {
    stacks,
    cwd: resolve(values.cwd ?? "."),
    policyPack: resolve(values["policy-pack"] ?? defaultPack),
    policyConfigs: Object.fromEntries((values["policy-config"] ?? []).map(envMapping)),
    ...(values.markdown ? { markdown: resolve(values.markdown) } : {}),
    ...(values.sarif ? { sarif: resolve(values.sarif) } : {}),
  };
}

function envMapping(arg: string): [string, string] {
  const at = arg.indexOf("=");
  if (at <= 0 || at === arg.length - 1) throw new UsageError(`--policy-config takes ENV=FILE, got ${arg}`);
  return [arg.slice(0, at), resolve(arg.slice(at + 1))];
}

/** The policy pack shipped beside this command: the nearest ancestor folder's policy/ holding a PulumiPolicy.yaml. */
function defaultPolicyPack(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "policy", "PulumiPolicy.yaml"))) return join(dir, "policy");
    if (dirname(dir) === dir) return join(__dirname, "policy");
  }
}

/** The repository root: the nearest ancestor holding .git, else the project's directory. */
export function repositoryRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, ".git"))) return dir;
    if (dirname(dir) === dir) return from;
  }
}

/** The program's entry file: Pulumi.yaml's `main` (a file, or a folder holding index.ts / index.js), else the project's index. */
export function programFile(projectDir: string, main: string | undefined): string {
  const base = resolve(projectDir, main ?? ".");
  if (existsSync(base) && statSync(base).isFile()) return base;
  const index = ["index.ts", "index.js"].map((f) => join(base, f)).find((f) => existsSync(f));
  return index ?? join(base, "index.ts");
}

export async function review(args: ReviewArgs): Promise<Review> {
  const workspace = await LocalWorkspace.create({ workDir: args.cwd });
  const project = await workspace.projectSettings();
  const root = repositoryRoot(args.cwd);
  const program = relative(root, programFile(args.cwd, project.main)).split(sep).join("/");
  const pack = await readPackInfo(args.policyPack);
  const environments = [];
  for (const stack of args.stacks) environments.push(await previewEnvironment(stack, { ...args, workDir: args.cwd, policies: pack.policies }));
  return { project: project.name, root, program, pack, environments };
}

const printLine = (line: string) => void process.stdout.write(`${line}\n`);

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "promote") return promote(parsePromoteArgs(rest, defaultPolicyPack()), printLine);
  if (command === "status") return status(parseStatusArgs(rest), printLine);
  if (command !== "review") {
    process.stderr.write(`${USAGE}\n\n${PROMOTE_USAGE}\n\n${STATUS_USAGE}\n`);
    return command === "--help" || command === "-h" ? 0 : 2;
  }
  const args = parseReviewArgs(rest);
  const result = await review(args);
  const markdown = renderMarkdown(result);
  if (args.markdown) writeFileSync(args.markdown, markdown);
  else process.stdout.write(markdown);
  if (args.sarif) {
    const file = join(result.root, result.program);
    const source = existsSync(file) ? readFileSync(file, "utf8") : "";
    writeFileSync(args.sarif, `${JSON.stringify(renderSarif(result, source), null, 2)}\n`);
  }
  if (hasErrors(result)) return 2;
  return hasMandatory(result) ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`streamjobs: ${e instanceof Error ? e.message : String(e)}\n`);
      if (e instanceof UsageError) process.stderr.write(`${USAGE}\n`);
      if (e instanceof PromoteUsageError) process.stderr.write(`${PROMOTE_USAGE}\n`);
      process.exitCode = 2;
    },
  );
}
