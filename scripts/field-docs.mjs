// Writes docs/fields.md from the built field tables (run through `npm run docs:fields`, which builds first).
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { renderFieldDocs } = require("../dist/provider/field-docs.js");
writeFileSync(new URL("../docs/fields.md", import.meta.url), renderFieldDocs());
console.log("docs/fields.md written");
