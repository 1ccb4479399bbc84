import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { ConfigMap, PulumiFn } from "@pulumi/pulumi/automation";
import { EmulatorOptions, RunningEmulator, startEmulator } from "../../emulator";
import { createLocalStack, engineEnv, LocalStack, pulumiBinDir } from "../../scripts/localEngine";
import type Dm from "@alicloud/dm20151123";
import { officialSdk } from "./officialSdk";

export interface Deployment {
  readonly emulator: RunningEmulator;
  readonly local: LocalStack;
  /** Everything the engine printed so far, across operations. */
  readonly output: string[];
  setProgram(program: PulumiFn): void;
  up(): ReturnType<LocalStack["stack"]["up"]>;
  preview(): ReturnType<LocalStack["stack"]["preview"]>;
  refresh(): ReturnType<LocalStack["stack"]["refresh"]>;
  destroy(): ReturnType<LocalStack["stack"]["destroy"]>;
  /** The raw checkpoint file of the file:// backend, as stored on disk. */
  stateFile(): string;
  /** `pulumi stack export` without --show-secrets, as a user would run it. */
  exportWithoutSecrets(): string;
  /** The official SDK, for changes "made by hand" outside Pulumi. */
  officialSdk(): Dm;
  close(): Promise<void>;
}

export interface DeploymentOptions {
  readonly emulator?: EmulatorOptions;
  /** How the provider gets its access key: stack config (directmail:*) or environment variables. Default env. */
  readonly credentials?: "config" | "env";
  readonly region?: string;
  readonly projectName?: string;
}

/** Stack config that points the provider at an emulator. */
export function emulatorConfig(url: string, key: { id: string; secret: string }, region?: string): ConfigMap {
  return {
    "directmail:endpoint": { value: url },
    "directmail:accessKeyId": { value: key.id },
    "directmail:accessKeySecret": { value: key.secret, secret: true },
    ...(region ? { "directmail:region": { value: region } } : {}),
  };
}

function findCheckpoint(dir: string): string {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      const found = findCheckpoint(path);
      if (found) return found;
    } else if (path.includes(`${join(".pulumi", "stacks")}`) && entry.endsWith(".json")) {
      return path;
    }
  }
  return "";
}

export async function deploy(options: DeploymentOptions = {}): Promise<Deployment> {
  const emulator = await startEmulator({ domains: ["example.com", "example.org"], ...options.emulator });
  let current: PulumiFn = async () => ({});
  const output: string[] = [];
  const key = emulator.accessKey;
  const viaEnv = (options.credentials ?? "env") === "env";
  const config = emulatorConfig(emulator.url, key, options.region);
  if (viaEnv) {
    delete config["directmail:accessKeyId"];
    delete config["directmail:accessKeySecret"];
  }
  const local = await createLocalStack({
    projectName: options.projectName ?? "e2e",
    program: () => current(),
    config,
    env: viaEnv ? { ALIBABA_CLOUD_ACCESS_KEY_ID: key.id, ALIBABA_CLOUD_ACCESS_KEY_SECRET: key.secret } : {},
  });
  const onOutput = (line: string) => output.push(line);
  const stack = local.stack;
  const env = { ...process.env, ...engineEnv(local.dir) };
  return {
    emulator,
    local,
    output,
    setProgram: (program) => {
      current = program;
    },
    up: () => stack.up({ onOutput }),
    preview: () => stack.preview({ onOutput }),
    refresh: () => stack.refresh({ onOutput }),
    destroy: () => stack.destroy({ onOutput }),
    stateFile: () => readFileSync(findCheckpoint(join(local.dir, "state")), "utf8"),
    exportWithoutSecrets: () =>
      execFileSync(join(pulumiBinDir(), "pulumi"), ["stack", "export", "--stack", stack.name, "--non-interactive"], {
        cwd: stack.workspace.workDir,
        env,
        encoding: "utf8",
      }),
    officialSdk: () => officialSdk({ url: emulator.url, accessKey: key }),
    close: async () => {
      local.cleanup();
      await emulator.stop();
    },
  };
}

/** Changes the engine reported (an update summary or a preview's change map), without the zero counts. */
export function changes(
  summary: { resourceChanges?: Record<string, number> } | Record<string, number> | undefined,
): Record<string, number> {
  const counts = (summary && "resourceChanges" in summary ? summary.resourceChanges : summary) as Record<string, number> | undefined;
  return Object.fromEntries(Object.entries(counts ?? {}).filter(([op, n]) => op !== "same" && n > 0));
}
