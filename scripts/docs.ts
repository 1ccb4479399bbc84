import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SCHEMAS } from "../provider/resources/schemas";
import { withTables } from "../provider/schema/docs";

/** `npm run docs`: rewrites the property tables in README.md from the resource schemas. */
const readme = join(__dirname, "..", "..", "README.md");
let text = readFileSync(readme, "utf8");
for (const schema of SCHEMAS) text = withTables(text, schema);
writeFileSync(readme, text);
process.stdout.write(`README.md: property tables of ${SCHEMAS.map((s) => s.name).join(", ")} written\n`);
