import { readdirSync } from "node:fs";
import type { Case } from "./support";

/**
 * Every area's table (`<area>.cases.ts`, each run by its `<area>.test.ts`), read
 * from the folder so a new area counts without being registered here.
 */
const files = readdirSync(__dirname);
const areas = files.filter((f) => f.endsWith(".cases.ts")).map((f) => f.replace(/\.cases\.ts$/, ""));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ALL: readonly Case[] = areas.flatMap((area) => (require(`./${area}.cases`) as { CASES: Case[] }).CASES);

test("the matrix holds at least 80 cases, in every layer", () => {
  const byLayer: Record<string, number> = {};
  for (const c of ALL) byLayer[c.layer] = (byLayer[c.layer] ?? 0) + 1;
  expect(ALL.length).toBeGreaterThanOrEqual(80);
  expect(Object.keys(byLayer).sort()).toEqual(["check", "client", "emulator", "emulator CLI", "smtp", "state file"]);
});

test("each area's table is run by its own test file", () => {
  expect(areas).toEqual(expect.arrayContaining(["addresses", "domains", "notifyUrls", "protocol", "credentials", "sending"]));
  for (const area of areas) expect(files).toContain(`${area}.test.ts`);
});
