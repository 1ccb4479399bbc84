import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CliStack, initCliStack, REPO } from "../../scripts/localEngine";
import { addresses } from "../support/account";
import { node22BinDir, NODE22_VERSION } from "../support/node22";

/**
 * How users get the package: `npm pack`, installed into a separate Pulumi
 * project (a copy of examples/quickstart) with its own node_modules and its own
 * @pulumi/pulumi, then run with the plain `pulumi` command line. Twice: on this
 * machine's Node.js with the SDK this repository develops against, and on
 * Node 22 with the newest @pulumi/pulumi on npm, which is what users run.
 */

const work = mkdtempSync(join(tmpdir(), "pulumi-directmail-consumer-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let tarball = "";
beforeAll(() => {
  execFileSync("npm", ["pack", "--silent", "--pack-destination", work], { cwd: REPO, stdio: ["ignore", "ignore", "inherit"] });
  tarball = join(work, readdirSync(work).find((f) => f.endsWith(".tgz")) ?? "");
});

const devSdk = (JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { devDependencies: Record<string, string> })
  .devDependencies["@pulumi/pulumi"];

interface Runtime {
  readonly label: string;
  /** A folder to put first on PATH (the node that runs everything), or none for this process's node. */
  readonly nodeBin: () => string | undefined;
  readonly sdk: string;
}

const RUNTIMES: Runtime[] = [
  { label: `Node ${process.versions.node} with @pulumi/pulumi ${devSdk}`, nodeBin: () => undefined, sdk: devSdk },
  { label: `Node ${NODE22_VERSION} with the newest @pulumi/pulumi`, nodeBin: node22BinDir, sdk: "latest" },
];

describe.each(RUNTIMES)("the packed package in a project of its own, on $label", ({ label, nodeBin, sdk }) => {
  let project = "";
  let env: Record<string, string> = {};
  let stack: CliStack;

  beforeAll(() => {
    const bin = nodeBin();
    env = bin ? { PATH: `${bin}:${process.env.PATH}` } : {};
    project = join(work, label.replace(/[^a-z0-9]+/gi, "-"));
    mkdirSync(project);
    for (const file of ["Pulumi.yaml", "index.ts", "tsconfig.json"])
      copyFileSync(join(REPO, "examples", "quickstart", file), join(project, file));
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, main: "index.ts" }));
    execFileSync(
      "npm",
      [
        "install",
        "--no-audit",
        "--no-fund",
        "--loglevel=error",
        // "latest" must be asked of the registry, not of npm's cache.
        ...(sdk === "latest" ? [] : ["--prefer-offline"]),
        tarball,
        `@pulumi/pulumi@${sdk}`,
        "typescript@~5.9.3",
      ],
      { cwd: project, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, ...env } },
    );
    stack = initCliStack(project, "dev", env);
    stack.pulumi("config", "set", "--secret", "smtpPassword", "COnsumer123");
  });
  afterAll(() => stack?.remove());

  test("runs on the node and SDK it is meant to", () => {
    const node = execFileSync("node", ["--version"], { encoding: "utf8", env: { ...process.env, ...env } }).trim();
    expect(node).toBe(`v${nodeBin() ? NODE22_VERSION : process.versions.node}`);
    const installed = JSON.parse(readFileSync(join(project, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8")).version;
    if (sdk !== "latest") expect(installed).toBe(sdk);
    process.stdout.write(`consumer project on node ${node}: @pulumi/pulumi ${installed}\n`);
  });

  test("pulumi up, a refresh that finds nothing, destroy", () => {
    stack.pulumi("up", "--yes");
    expect(JSON.parse(stack.pulumi("stack", "output", "--json"))).toMatchObject({
      mailAddressId: expect.stringMatching(/^\d+$/),
      smtpUsername: "noreply@example.com",
      smtpPassword: "[secret]",
    });
    expect(addresses(stack.emulatorState).map((a) => a.accountName)).toEqual(["noreply@example.com"]);

    const state = JSON.parse(stack.pulumi("stack", "export")) as {
      deployment: { resources: Array<{ type: string; outputs?: Record<string, string> }> };
    };
    const provider =
      state.deployment.resources.find((r) => r.type === "pulumi-nodejs:dynamic/directmail:MailAddress")?.outputs?.__provider ?? "";
    expect(provider).toContain('require("pulumi-directmail/runtime")');
    expect(provider.length).toBeLessThan(4_000);
    process.stdout.write(`consumer project: serialized provider ${provider.length} characters\n`);

    stack.pulumi("refresh", "--yes", "--expect-no-changes");
    stack.pulumi("destroy", "--yes");
    expect(addresses(stack.emulatorState)).toEqual([]);
  });

  test("the package's command works as a user runs it", () => {
    const help = execFileSync("npx", ["--no-install", "directmail-emulator", "--help"], {
      cwd: project,
      encoding: "utf8",
      env: { ...process.env, ...env },
    });
    expect(help).toContain("directmail-emulator: a local Alibaba Cloud DirectMail");
  });

  test("the reference pages the installed README links to are in the package", () => {
    const installed = join(project, "node_modules", "pulumi-directmail");
    const readme = readFileSync(join(installed, "README.md"), "utf8");
    const docLinks = [...readme.matchAll(/\]\((docs\/[^)#\s]+)/g)].map((m) => m[1]);
    expect(docLinks.length).toBeGreaterThan(5);
    for (const link of docLinks) expect(existsSync(join(installed, link))).toBe(true);
    expect(existsSync(join(installed, "CHANGELOG.md"))).toBe(true);
  });
});
