import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Moving to another Pulumi CLI is one line: scripts/pulumi-cli/VERSION. These
 * hold every other place to it, so a move that forgets one fails here.
 */

const root = join(__dirname, "..", "..");
const read = (path: string) => readFileSync(join(root, path), "utf8");
const version = read("scripts/pulumi-cli/VERSION").trim();

test("VERSION is a plain semantic version", () => {
  expect(version).toMatch(/^\d+\.\d+\.\d+$/);
});

test.each(["pkg", "sdk"])("go.mod builds %s/v3 at that version", (module) => {
  const required = read("scripts/pulumi-cli/go.mod").match(new RegExp(`github\\.com/pulumi/pulumi/${module}/v3 (v\\S+)`));
  expect(required?.[1]).toBe(`v${version}`);
});

test.each(["README.md", "CONTRIBUTING.md"])("%s names that CLI and no other", (file) => {
  const named = new Set(read(file).match(/Pulumi CLI v3\.\d+\.\d+|\| v3\.\d+\.\d+ \|/g) ?? []);
  expect([...named].map((n) => n.match(/v3\.\d+\.\d+/)?.[0])).toEqual(expect.arrayContaining([`v${version}`]));
  expect(new Set([...named].map((n) => n.match(/v3\.\d+\.\d+/)?.[0]))).toEqual(new Set([`v${version}`]));
});

test("nothing else restates the version", () => {
  // ensure-pulumi.sh and the stand-in language host read VERSION; they must not carry a copy.
  for (const file of ["scripts/ensure-pulumi.sh", "scripts/pulumi-language-nodejs.js"]) expect(read(file)).not.toContain(version);
});
