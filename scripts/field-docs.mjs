// Writes what is generated from the built resource descriptors (run through `npm run docs:fields`,
// which builds first): docs/fields.md, the README's "what replaces what" between its markers, and
// the policy pack's table of type tokens. Unit tests fail when any of them and the tables disagree.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { readmeWithReplaces, renderFieldDocs, renderPolicyTypes } = require("../dist/provider/field-docs.js");
const root = new URL("../", import.meta.url);
const write = (path, text) => {
  writeFileSync(new URL(path, root), text);
  console.log(`${path} written`);
};
write("docs/fields.md", renderFieldDocs());
write("README.md", readmeWithReplaces(readFileSync(new URL("README.md", root), "utf8")));
write("policy/rules/_types.ts", renderPolicyTypes());
