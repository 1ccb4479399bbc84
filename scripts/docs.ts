import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SCHEMAS } from "../provider/resources/schemas";
import { referencePage, withTables } from "../provider/schema/docs";

/** `npm run docs`: rewrites the generated tables of each resource's reference page from its declaration. */
const root = join(__dirname, "..", "..");
for (const schema of SCHEMAS) {
  const page = join(root, referencePage(schema));
  writeFileSync(page, withTables(readFileSync(page, "utf8"), schema));
  process.stdout.write(`${referencePage(schema)}: tables of ${schema.name} written\n`);
}
