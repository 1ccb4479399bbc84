import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { ConfigMap, LocalWorkspace, PulumiCommand, PulumiFn, Stack } from "@pulumi/pulumi/automation";

/**
 * Runs the real Pulumi engine offline: the CLI built by ensure-pulumi.sh, a
 * file:// backend and PULUMI_HOME in a temporary folder, a passphrase secrets
 * provider, and no update checks, plugin downloads or registry look-ups.
 * Programs are Automation API inline programs: they need no language host (the
 * Go one cannot be built here; scripts/pulumi-language-nodejs.js stands in for
 * plain `pulumi` commands, see README).
 */

/** The repository root, whether this runs from source (scripts/) or compiled (dist/scripts/). */
function findRepo(start: string): string {
  for (let dir = start; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "scripts", "ensure-pulumi.sh"))) return dir;
  }
  throw new Error(`cannot find the pulumi-directmail repository above ${start}`);
}

export const REPO = findRepo(__dirname);

/** The folder with `pulumi` and the dynamic-provider plugin: $PULUMI_DIRECTMAIL_BIN, else built or reused now. */
export function pulumiBinDir(): string {
  const fromEnv = process.env.PULUMI_DIRECTMAIL_BIN;
  if (fromEnv) return fromEnv;
  const out = execFileSync("bash", [join(REPO, "scripts", "ensure-pulumi.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  const dir = out.trim().split("\n").pop() ?? "";
  process.env.PULUMI_DIRECTMAIL_BIN = dir;
  return dir;
}

export interface LocalStackOptions {
  readonly projectName: string;
  readonly stackName?: string;
  readonly program: PulumiFn;
  /** Stack config, e.g. directmail:endpoint; values marked secret are encrypted with the passphrase. */
  readonly config?: ConfigMap;
  /** Where the provider process runs: must reach node_modules with pulumi-directmail. Default: the repository. */
  readonly projectDir?: string;
  /** Extra environment for the engine and the provider process. */
  readonly env?: Record<string, string>;
  /**
   * A folder with a Pulumi.yaml to use as is (its name must be projectName).
   * Without it, a temporary project is made whose provider runs in projectDir.
   */
  readonly workDir?: string;
}

export interface LocalStack {
  readonly stack: Stack;
  /** The temporary folder holding the backend and PULUMI_HOME. */
  readonly dir: string;
  /** Removes the stack's temporary folder (destroy first if resources remain). */
  cleanup(): void;
}

export const OFFLINE_ENV: Readonly<Record<string, string>> = {
  PULUMI_SKIP_UPDATE_CHECK: "true",
  PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
  PULUMI_DISABLE_REGISTRY_RESOLVE: "true",
  PULUMI_CONFIG_PASSPHRASE: "pulumi-directmail-local",
};

/**
 * The environment for `pulumi` commands on a local stack folder: offline
 * settings, PULUMI_HOME in `<dir>/home` and the file:// backend in `<dir>/state`.
 */
export function engineEnv(dir: string): Record<string, string> {
  return { ...OFFLINE_ENV, PULUMI_HOME: join(dir, "home"), PULUMI_BACKEND_URL: `file://${join(dir, "state")}` };
}

export async function createLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const bin = pulumiBinDir();
  const dir = mkdtempSync(join(tmpdir(), "pulumi-directmail-"));
  const env = engineEnv(dir);
  const backend = join(dir, "state");
  mkdirSync(backend);
  mkdirSync(env.PULUMI_HOME);
  const pulumiCommand = await PulumiCommand.get({ root: dirname(bin) });
  const stack = await LocalWorkspace.createOrSelectStack(
    { projectName: options.projectName, stackName: options.stackName ?? "dev", program: options.program },
    {
      pulumiCommand,
      pulumiHome: env.PULUMI_HOME,
      ...(options.workDir
        ? { workDir: options.workDir }
        : {
            projectSettings: {
              name: options.projectName,
              runtime: "nodejs",
              main: options.projectDir ?? REPO,
              backend: { url: `file://${backend}` },
            },
          }),
      envVars: { ...env, ...options.env },
    },
  );
  if (options.config) await stack.setAllConfig(options.config);
  return { stack, dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A stack of a project folder, driven through the plain `pulumi` command line, offline. */
export interface CliStack {
  readonly name: string;
  /** The project folder (where Pulumi.yaml is). */
  readonly workDir: string;
  /** The embedded emulator's state file for this stack (directmail:emulatorState). */
  readonly emulatorState: string;
  /** The environment its `pulumi` commands run in (offline backend, PULUMI_HOME, the CLI on PATH): for a script that runs them itself. */
  readonly env: NodeJS.ProcessEnv;
  /** Runs `pulumi <args> --stack <name> --non-interactive` and returns what it printed. */
  pulumi(...args: string[]): string;
  /** The same, without waiting: for a command that needs something done while it runs. */
  pulumiInBackground(...args: string[]): Promise<string>;
  /** Removes the stack, its config file and the temporary backend. */
  remove(): void;
}

/** What a failed `pulumi` command printed, so that a failure says why. */
export class PulumiCommandError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly output: string,
  ) {
    super(`pulumi ${args.join(" ")} failed:\n${output}`);
  }
}

/**
 * `pulumi stack init` in a project folder, with a file:// backend in a
 * temporary folder and the embedded emulator's state there too, so the
 * folder itself only gains the stack's config file (removed by `remove`).
 */
export function initCliStack(workDir: string, name: string, env: Record<string, string> = {}): CliStack {
  const dir = mkdtempSync(join(tmpdir(), "pulumi-directmail-cli-"));
  mkdirSync(join(dir, "state"));
  const fullEnv = { ...process.env, ...engineEnv(dir), ...env, PATH: `${pulumiBinDir()}:${env.PATH ?? process.env.PATH}` };
  const run = (args: string[]): string => {
    try {
      return execFileSync("pulumi", args, { cwd: workDir, env: fullEnv, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    } catch (err) {
      const e = err as { stdout?: string; stderr?: string; message: string };
      throw new PulumiCommandError(args, `${e.stdout ?? ""}${e.stderr ?? ""}` || e.message);
    }
  };
  const runInBackground = (args: string[]): Promise<string> =>
    new Promise((resolve, reject) => {
      execFile("pulumi", args, { cwd: workDir, env: fullEnv, encoding: "utf8" }, (err, stdout, stderr) =>
        err ? reject(new PulumiCommandError(args, `${stdout}${stderr}` || err.message)) : resolve(stdout),
      );
    });
  const emulatorState = join(dir, "emulator.json");
  run(["stack", "init", name, "--non-interactive"]);
  const stack: CliStack = {
    name,
    workDir,
    emulatorState,
    env: fullEnv,
    pulumi: (...args) => run([...args, "--stack", name, "--non-interactive"]),
    pulumiInBackground: (...args) => runInBackground([...args, "--stack", name, "--non-interactive"]),
    remove: () => {
      try {
        run(["stack", "rm", "--yes", "--force", "--stack", name, "--non-interactive"]);
      } finally {
        rmSync(join(workDir, `Pulumi.${name}.yaml`), { force: true });
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  stack.pulumi("config", "set", "directmail:emulatorState", emulatorState);
  return stack;
}
