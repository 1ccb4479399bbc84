import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";

/** The layers of docs/architecture.md, held by their imports. */

const root = join(__dirname, "..", "..");

/**
 * Every import of every .ts file in the layer, its subfolders included. A
 * relative import is given as the layer-relative path it reaches
 * (`../client/apiFacts` from `emulator/gateway/x.ts` reads `client/apiFacts`),
 * so that moving a file deeper cannot hide a crossing.
 */
function importsOf(layer: string): Array<{ file: string; from: string; target: string }> {
  const files = (readdirSync(join(root, layer), { recursive: true }) as string[]).filter((f) => f.endsWith(".ts"));
  return files.flatMap((file) => {
    const source = readFileSync(join(root, layer, file), "utf8");
    return [...source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\(\s*)"([^"]+)"/g)].map((m) => ({
      file: `${layer}/${file}`,
      from: m[1],
      target: m[1].startsWith(".") ? normalize(join(layer, dirname(file), m[1])) : m[1],
    }));
  });
}

const outside = (layer: string) => (target: string) => !target.startsWith(`${layer}/`) && target !== layer;

test("the emulator shares only API facts with the client, and nothing with the provider", () => {
  const crossing = importsOf("emulator").filter(({ from, target }) => from.startsWith(".") && outside("emulator")(target));
  expect(crossing.map(({ target }) => target).filter((t) => t !== "client/apiFacts")).toEqual([]);
});

test("the client knows nothing of Pulumi, the provider or the emulator", () => {
  const wrong = importsOf("client").filter(
    ({ from, target }) => (from.startsWith(".") && outside("client")(target)) || from.startsWith("@pulumi/"),
  );
  expect(wrong).toEqual([]);
});

test("the provider reaches the emulator only to embed it", () => {
  const wrong = importsOf("provider").filter(({ target }) => target.startsWith("emulator"));
  expect(wrong.map(({ file }) => file)).toEqual(["provider/config/clientPool.ts"]);
});

test("the layer test sees files in subfolders", () => {
  // A guard that reads only the top folder would pass on a layer that moved into folders.
  expect(importsOf("client").some(({ file }) => file.split("/").length > 2)).toBe(true);
});
