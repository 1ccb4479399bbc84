import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The layers of docs/architecture.md, held by their imports. */

const root = join(__dirname, "..", "..");

function importsOf(folder: string): Array<{ file: string; from: string }> {
  return readdirSync(join(root, folder))
    .filter((f) => f.endsWith(".ts"))
    .flatMap((file) => {
      const source = readFileSync(join(root, folder, file), "utf8");
      return [...source.matchAll(/(?:from|import\()\s*"([^"]+)"/g)].map((m) => ({ file: `${folder}/${file}`, from: m[1] }));
    });
}

test("the emulator shares only API facts with the client, and nothing with the provider", () => {
  const outside = importsOf("emulator").filter(({ from }) => from.startsWith("../"));
  expect(outside.map(({ from }) => from).filter((f) => f !== "../client/apiFacts")).toEqual([]);
});

test("the client knows nothing of Pulumi, the provider or the emulator", () => {
  const wrong = importsOf("client").filter(({ from }) => from.startsWith("..") || from.startsWith("@pulumi/"));
  expect(wrong).toEqual([]);
});

test("the provider reaches the emulator only to embed it", () => {
  const wrong = importsOf("provider").filter(({ from }) => from.startsWith("../emulator"));
  expect(wrong.map(({ file }) => file)).toEqual(["provider/clientPool.ts"]);
});
