import type { AnySchema, Fallback, InputSpec, OnChange, OutputSpec } from "./schema";

/**
 * Each resource's reference tables, from its declaration, written into its page
 * (`docs/resources/<name>.md`). A test compares every page with these, so the
 * docs cannot drift from the declaration; `npm run docs` rewrites them.
 */

/** Where a resource's reference page lives, relative to the repository. */
export const referencePage = (schema: AnySchema): string => `docs/resources/${schema.name}.md`;

/** The inputs whose change replaces, in the two ways a replacement can go. */
function replacements(schema: AnySchema): string {
  const replacing = Object.entries(schema.inputs).filter(([, spec]) => spec.onChange === "replace");
  const names = (first: boolean) =>
    replacing
      .filter(([name]) => schema.identity.includes(name) === first)
      .map(([name]) => `\`${name}\``)
      .join(", ");
  const createFirst = names(true);
  const deleteFirst = names(false);
  if (!createFirst && !deleteFirst) return "Nothing replaces: every input changes in place.";
  return [
    createFirst ? `A change of ${createFirst} replaces it, creating the new one first.` : "",
    deleteFirst ? `A change of ${deleteFirst} replaces it, deleting the old one first (${schema.clash}).` : "",
    "Every other input changes in place.",
  ]
    .filter(Boolean)
    .join(" ");
}

const FALLBACK_DOCS: Readonly<Record<Fallback, string>> = {
  configuredRegion:
    "default: `directmail:region`, else `ALIBABA_CLOUD_REGION_ID` / `ALICLOUD_REGION`, else `cn-hangzhou`; fixed at preview, so a later change of the default shows as a replacement",
};

/** Pipes would end a table cell. */
const cell = (text: string): string => text.replace(/(?<!\\)\|/g, "\\|");

function onChange(schema: AnySchema, name: string, change: OnChange): string {
  if (change === "update") return "update";
  if (change === "state") return "none (recorded in the state only)";
  return schema.identity.includes(name)
    ? "**replace** (the new one is created first)"
    : `**replace** (the old one is deleted first: ${schema.clash})`;
}

function inputType(spec: InputSpec<unknown>): string {
  return [spec.type.label, spec.required ? "required" : "", spec.secret ? "always a secret" : ""].filter(Boolean).join(", ");
}

function inputNotes(spec: InputSpec<unknown>): string {
  return [
    spec.doc,
    spec.type.rule,
    spec.lowerCase ? "kept in lower case (the name is case-insensitive), so a change of case alone changes nothing" : "",
    spec.unmanagedWhenOmitted ? "left out = not managed: whatever the service has stays, and the output shows it" : "",
    spec.fallback ? FALLBACK_DOCS[spec.fallback] : "",
  ]
    .filter(Boolean)
    .join("; ");
}

function outputType(spec: OutputSpec<unknown>): string {
  return spec.optional ? `${spec.type.label}, optional` : spec.type.label;
}

export function propertyTables(schema: AnySchema): string {
  const rows = (entries: string[][]) => entries.map((r) => `| ${r.map(cell).join(" | ")} |`).join("\n");
  const inputs = Object.entries(schema.inputs).map(([name, spec]) => [
    `\`${name}\``,
    inputType(spec),
    onChange(schema, name, spec.onChange),
    inputNotes(spec),
  ]);
  const outputs = Object.entries(schema.outputs).map(([name, spec]) => [`\`${name}\``, outputType(spec), spec.doc]);
  return [
    "| input | type | on change | notes |",
    "| --- | --- | --- | --- |",
    rows(inputs),
    "",
    "Every input is an output too, as last applied. Beyond them:",
    "",
    "| output | type | meaning |",
    "| --- | --- | --- |",
    rows(outputs),
    "",
    `**What replaces.** ${replacements(schema)}`,
  ].join("\n");
}

const begin = (name: string) => `<!-- properties:${name} (generated from the schema by npm run docs) -->`;
const end = (name: string) => `<!-- /properties:${name} -->`;

/** The tables as they stand in a document, or undefined without markers. */
export function tablesIn(document: string, name: string): string | undefined {
  const from = document.indexOf(begin(name));
  const to = document.indexOf(end(name));
  if (from < 0 || to < from) return undefined;
  return document.slice(from + begin(name).length, to).trim();
}

/** The document with the tables between the markers replaced by what the schema says. */
export function withTables(document: string, schema: AnySchema): string {
  const from = document.indexOf(begin(schema.name));
  const to = document.indexOf(end(schema.name));
  if (from < 0 || to < from) throw new Error(`no markers for ${schema.name}: add ${begin(schema.name)} ... ${end(schema.name)}`);
  return `${document.slice(0, from)}${begin(schema.name)}\n${propertyTables(schema)}\n${document.slice(to)}`;
}
