// Writes the SDK (sdk/<module>/*.ts and the indexes) from the built resource descriptors, then
// formats it as the repository's formatter does, so the files match what the drift test renders.
// Run through `npm run sdk:generate`, which builds first.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { renderSdk } = require("../dist/provider/sdk-gen.js");
const root = new URL("../", import.meta.url);
const files = renderSdk();
for (const [path, text] of files) writeFileSync(new URL(path, root), text);
execFileSync("npx", ["biome", "format", "--write", ...files.keys()], { cwd: root, stdio: "inherit" });
for (const path of files.keys()) console.log(`${path} written`);
