import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The README's install steps must work as written. The package is not on the
 * npm registry yet, so `npm install pulumi-directmail` fails; the README says
 * how to install it from a checkout, with the tarball name `npm pack` writes
 * for this version (the consumer e2e test installs that tarball).
 */

const root = join(__dirname, "..", "..");
const readme = readFileSync(join(root, "README.md"), "utf8");
const { name, version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { name: string; version: string };

test("no install by name from the registry, where the package is not yet", () => {
  expect(readme).not.toMatch(/npm install pulumi-directmail\b/);
});

test("the Install section builds from a checkout and installs the tarball npm pack writes", () => {
  const install = /## Install\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? "";
  expect(install).toContain("not on the npm registry yet");
  expect(install).toContain("npm install && npm run build && npm pack");
  expect(install).toContain(`npm install /path/to/${name}-${version}.tgz @pulumi/pulumi`);
});
