import { ChildProcess, spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DirectMailClient } from "../../client";
import { DEFAULT_DIALECT, DEMO_DOMAINS, RunningEmulator, startEmulator } from "../../emulator";
import { ClientPool } from "../../provider/config/clientPool";
import { readSettings } from "../../provider/config/settings";
import { printedUrl } from "../support/printedLines";
import { scratchDir } from "../support/scratch";

/** The `directmail-emulator` command as a person runs it: the built binary, over loopback (its refusals: badInput/emulatorCli.cases.ts). */

const CLI = join(__dirname, "../../node_modules/.bin/directmail-emulator");
const dir = scratchDir("emulator-cli");

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(CLI, args, { encoding: "utf8", timeout: 20_000 });
}

test("--version prints the package's version", () => {
  const { version } = JSON.parse(readFileSync(join(__dirname, "../../package.json"), "utf8")) as { version: string };
  const out = run("--version");
  expect(out.status).toBe(0);
  expect(out.stdout).toBe(`directmail-emulator ${version} (pulumi-directmail)\n`);
});

test("--help names every dialect switch with its values, the default first", () => {
  const help = run("--help").stdout;
  for (const [name, value] of Object.entries(DEFAULT_DIALECT))
    expect(help).toMatch(new RegExp(`\\b${name}=${String(value).replace(/\./g, "\\.")}[|,\\s]`));
});

describe("the default domains: the command and embedded mode start with the same ones", () => {
  let server: ChildProcess | undefined;
  afterEach(() => {
    if (server?.pid) process.kill(server.pid, "SIGTERM");
    server = undefined;
  });

  test("--help names them, the command serves them, and the embedded emulator has them", async () => {
    expect(DEMO_DOMAINS).toEqual(["example.com", "example.org"]);
    expect(run("--help").stdout).toContain("default example.com and example.org)");

    // The command, started with no --domain: a sender on each demo domain is accepted.
    server = spawn(CLI, ["--quiet", "--no-rate-limits"], { stdio: ["ignore", "pipe", "pipe"] });
    const url = await printedUrl(server);
    const client = new DirectMailClient({
      endpoint: url,
      credentials: { accessKeyId: "directmail-emulator", accessKeySecret: "directmail-emulator-secret", env: {} },
      pacer: false,
    });
    try {
      for (const domain of DEMO_DOMAINS) await client.createMailAddress({ accountName: `cli@${domain}`, sendtype: "batch" });
    } finally {
      await client.close();
    }

    // Embedded mode with no directmail:emulatorDomains: its state file lists the same verified domains.
    const statePath = join(dir, "embedded.json");
    const pool = new ClientPool(
      readSettings((key) => ({ "directmail:endpoint": "embedded", "directmail:emulatorState": statePath })[key], {}),
    );
    try {
      await (await pool.forRegion(undefined)).createMailAddress({ accountName: "embedded@example.org", sendtype: "batch" });
    } finally {
      await pool.close();
    }
    const domains = run("list", "domains", "--state", statePath);
    expect(domains.status).toBe(0);
    expect(
      domains.stdout
        .trim()
        .split("\n")
        .map((line) => line.split(/\s+/)[1]),
    ).toEqual(DEMO_DOMAINS);
    expect(domains.stdout).toContain("verified (checks passed: ownership, spf, mx, dkim, dmarc, tracking)");
  });
});

describe("list: what an emulator's state file holds, read under its lock", () => {
  const statePath = join(dir, "listed.json");
  let dm: RunningEmulator;
  let client: DirectMailClient;
  beforeAll(async () => {
    dm = await startEmulator({
      persistPath: statePath,
      domains: ["example.com"],
      unverifiedDomains: ["new.example.net"],
      rateLimits: false,
    });
    client = new DirectMailClient({
      endpoint: dm.url,
      credentials: { accessKeyId: dm.accessKey.id, accessKeySecret: dm.accessKey.secret, env: {} },
      pacer: false,
    });
  });
  afterAll(async () => {
    await client.close();
    await dm.stop();
  });

  test("addresses, domains and pending tickets, in words; a ticket read from the list approves the reply address", async () => {
    const { mailAddressId } = await client.createMailAddress({
      accountName: "news@example.com",
      sendtype: "batch",
      replyAddress: "replies@example.com",
    });
    expect(run("list", "tickets", "--state", statePath).stdout).toContain("no pending reply verifications");
    await client.checkReplyToMailAddress({ mailAddressId });

    const addresses = run("list", "addresses", "--state", statePath);
    expect(addresses.status).toBe(0);
    expect(addresses.stdout).toBe(
      `cn-hangzhou  news@example.com  id ${mailAddressId}  batch, reply address replies@example.com (not verified)\n`,
    );

    const domains = run("list", "domains", "--state", statePath).stdout;
    expect(domains).toMatch(/cn-hangzhou {2}example\.com {2}id \d+ {2}verified/);
    expect(domains).toMatch(/new\.example\.net {2}id \d+ {2}not verified: published nothing; never checked; needs ownership, spf, mx/);

    const tickets = run("list", "tickets", "--state", statePath).stdout;
    const ticket = /ticket ([0-9a-f]+),/.exec(tickets)?.[1];
    expect(ticket).toBe(dm.sentMail[0].ticket);
    expect(tickets).toContain(
      `verification mail to replies@example.com for sender news@example.com: ticket ${ticket}, valid 10 more minutes`,
    );
    await client.approveReplyMailAddress(ticket as string);
    expect(run("list", "addresses", "--state", statePath).stdout).toContain("reply address replies@example.com (verified)");
    expect(run("list", "addresses", "--state", statePath, "--region", "us-east-1").stdout).toBe("no sender addresses in us-east-1\n");
  });
});
