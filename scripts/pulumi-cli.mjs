#!/usr/bin/env node
// `npm run pulumi-cli`: make a working Pulumi CLI available (a suitable one on
// PATH, the cached build, or a fresh build from Go modules; see
// toolchain/README.md) and print the directory that holds it.
//
// stdout, last line: the absolute path of <root>/bin containing `pulumi`,
// `pulumi-language-nodejs` and `pulumi-resource-pulumi-nodejs`. Prepend it to
// PATH, or pass its parent to the Automation API as PulumiCommand.get({ root }).
// Progress goes to stderr. `--json` prints {binDir, root, version, source}
// instead of the bare path.
import { ensurePulumiCli } from "./lib/pulumi-cli.mjs";

const json = process.argv.includes("--json");
try {
  const cli = await ensurePulumiCli({ log: (m) => process.stderr.write(`${m}\n`) });
  process.stdout.write(json ? `${JSON.stringify(cli)}\n` : `${cli.binDir}\n`);
} catch (e) {
  process.stderr.write(`pulumi-cli: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
