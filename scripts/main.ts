import { ChildProcess, execFileSync, spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { createTransport } from "nodemailer";
import { DirectMailClient } from "../client";
import { DEFAULT_ACCESS_KEY, keyFileFor, readAccessKeyFile } from "../emulator";
import type { PersistedState } from "../emulator";
import type { DomainSpec, SenderSpec } from "../program/senders";
import { CliStack, initCliStack, REPO } from "./localEngine";

/**
 * The main job (`npm start`): the root Pulumi.yaml deployed the way a user
 * deploys it, with the `pulumi` command line and the project's default
 * endpoint, the embedded emulator. It starts from a bare domain: while `up`
 * waits for verification, the domain's records are published (the emulator's
 * `dns` command stands in for a DNS provider). Between commands a reply
 * address is changed by hand, outside Pulumi; refresh finds it, up puts it
 * right, destroy empties the account. Every figure printed is read from the CLI's own summary or from
 * the emulator's account.
 */

const STACK = "main-job";

export const DEMO_DOMAINS: DomainSpec[] = [{ domainName: "mail.example.net", waitMinutes: 5 }];

export const DEMO_SENDERS: SenderSpec[] = [
  { accountName: "noreply@mail.example.net", sendtype: "trigger" },
  {
    accountName: "news@example.com",
    sendtype: "batch",
    replyAddress: "replies@example.org",
    notifyUrl: "https://hooks.example.com/directmail",
    verifyReplyAddress: true,
  },
  { accountName: "alerts@example.org", sendtype: "trigger", region: "ap-southeast-1" },
];

// Pipelines pass passwords as config secrets; these are demo values for the emulator only.
const DEMO_PASSWORDS: Record<string, string> = {
  "noreply@mail.example.net": "NOreply2024x",
  "news@example.com": "NEwsletter77",
  "alerts@example.org": "ALerts2024yz",
};

export interface MainJobResult {
  readonly domainStatus: string;
  readonly created: number;
  readonly driftFound: number;
  readonly driftFixed: number;
  readonly deleted: number;
  readonly leftAfterDestroy: number;
  readonly domainsLeft: number;
  /** What the account shows of the mail sent in step 7: channel, sender, recipients, subject. */
  readonly mailArrived: string;
}

/** The count the CLI printed in its `Resources:` summary for a verb (created, updated, deleted). */
function summaryCount(output: string, verb: "created" | "updated" | "deleted"): number {
  const match = new RegExp(`[+~-] (\\d+) ${verb}`).exec(output);
  return match ? Number(match[1]) : 0;
}

function account(stack: CliStack): PersistedState {
  return JSON.parse(readFileSync(stack.emulatorState, "utf8")) as PersistedState;
}

function domainsIn(state: PersistedState, region = "cn-hangzhou"): string[] {
  return (state.regions[region]?.domains ?? []).map((d) => d.domainName);
}

function addressesIn(state: PersistedState) {
  return Object.entries(state.regions).flatMap(([region, r]) => r.addresses.map((a) => ({ ...a, region })));
}

/**
 * A person's way in, outside Pulumi: the `directmail-emulator` command on the
 * same account file, which takes the embedded emulator's own key from beside
 * it (`<state>.key`); the person signs with that key, read from the same file.
 */
async function byHand<T>(stack: CliStack, use: (client: DirectMailClient, smtp: URL) => Promise<T>): Promise<T> {
  const cli = join(REPO, "dist", "emulator", "cli.js");
  const child: ChildProcess = spawn(process.execPath, [cli, "--state", stack.emulatorState, "--quiet", "--no-inbox"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    // Its first line is the API's URL, its second SMTP's.
    const [url, smtp] = await new Promise<string[]>((resolve, reject) => {
      const lines: string[] = [];
      createInterface({ input: child.stdout! }).on("line", (line) => {
        if (lines.push(line) === 2) resolve(lines);
      });
      child.once("exit", (code) => reject(new Error(`directmail-emulator exited with code ${code} before it listened`)));
    });
    const key = readAccessKeyFile(keyFileFor(stack.emulatorState))?.[0] ?? DEFAULT_ACCESS_KEY;
    const client = new DirectMailClient({
      endpoint: url,
      credentials: { accessKeyId: key.id, accessKeySecret: key.secret, env: {} },
    });
    try {
      return await use(client, new URL(smtp));
    } finally {
      await client.close();
    }
  } finally {
    child.kill("SIGTERM");
    await exited;
  }
}

export async function runMainJob(say: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<MainJobResult> {
  say(`1/8  pulumi stack init ${STACK}  (project directmail-senders in Pulumi.yaml; directmail:endpoint defaults to embedded)`);
  const stack = initCliStack(REPO, STACK);
  try {
    DEMO_DOMAINS.forEach((domain, i) => {
      for (const [key, value] of Object.entries(domain)) stack.pulumi("config", "set", "--path", `domains[${i}].${key}`, String(value));
    });
    DEMO_SENDERS.forEach((sender, i) => {
      for (const [key, value] of Object.entries(sender)) stack.pulumi("config", "set", "--path", `senders[${i}].${key}`, String(value));
    });
    for (const [address, password] of Object.entries(DEMO_PASSWORDS)) {
      stack.pulumi("config", "set", "--secret", "--path", `passwords["${address}"]`, password);
    }
    say(
      `     ${DEMO_DOMAINS.length} domain and ${DEMO_SENDERS.length} senders in stack config; passwords as config secrets; ` +
        `the emulator's account: ${stack.emulatorState}`,
    );

    say("2/8  pulumi up  (creates mail.example.net, then waits for DirectMail to verify it)");
    let settled = false;
    const running = stack.pulumiInBackground("up", "--yes").finally(() => (settled = true));
    const domainName = DEMO_DOMAINS[0].domainName;
    while (!settled && !readable(() => domainsIn(account(stack)).includes(domainName))) await sleep(200);
    if (!settled) {
      say(`3/8  At the DNS provider, while up waits: publish the records of ${domainName} (directmail-emulator dns publish)`);
      say(`     ${publishDns(stack, domainName).trim()}`);
    }
    const up = await running;
    const created = summaryCount(up, "created");
    const out = JSON.parse(stack.pulumi("stack", "output", "--json")) as {
      domains: Record<string, { status: string; dnsRecords: Array<{ type: string; fqdn: string; purpose: string }> }>;
      senders: Record<string, { mailAddressId: string; smtpHost: string; smtpUsername: string; smtpPassword: string }>;
    };
    const domainStatus = out.domains[domainName]?.status ?? "missing";
    say(
      `     ${domainName}: ${domainStatus}; records: ${out.domains[domainName]?.dnsRecords.map((r) => `${r.type} ${r.fqdn}`).join(", ")}`,
    );
    for (const [address, sender] of Object.entries(out.senders)) {
      say(
        `     ${address.padEnd(26)} id ${sender.mailAddressId}  smtp ${sender.smtpHost}  user ${sender.smtpUsername}  password ${sender.smtpPassword}`,
      );
    }
    say(`     pulumi: ${created} created; the account holds ${addressesIn(account(stack)).length} addresses`);
    for (const ticket of account(stack).tickets) say(`     verification mail sent to ${ticket.replyAddress}`);

    say('4/8  By hand, outside Pulumi (directmail-emulator on the same account): news@example.com reply address -> "intruder@example.org"');
    await byHand(stack, async (client) => {
      const news = await client.findMailAddressByName("news@example.com");
      if (!news) throw new Error("news@example.com is not in the account");
      await client.modifyMailAddress({ mailAddressId: news.mailAddressId, replyAddress: "intruder@example.org" });
    });

    say("5/8  pulumi refresh");
    const refresh = stack.pulumi("refresh", "--yes");
    const driftFound = summaryCount(refresh, "updated");
    const exported = JSON.parse(stack.pulumi("stack", "export")) as {
      deployment: { resources: Array<{ urn: string; outputs?: { replyAddress?: string } }> };
    };
    const recorded = exported.deployment.resources.find((r) => r.urn.endsWith("::news-example-com"))?.outputs?.replyAddress;
    say(
      `     pulumi: ${driftFound} updated; the stack now records news@example.com's reply address as "${recorded}" (declared: "replies@example.org")`,
    );

    say("6/8  pulumi up");
    const fix = stack.pulumi("up", "--yes");
    const driftFixed = summaryCount(fix, "updated");
    const after = addressesIn(account(stack)).find((a) => a.accountName === "news@example.com");
    say(`     pulumi: ${driftFixed} updated; the account has reply address "${after?.replyAddress}" for news@example.com`);

    const sender = out.senders["noreply@mail.example.net"];
    say(
      `7/8  An application sends a mail by SMTP as ${sender.smtpUsername} (the smtpUsername output, its password secret; directmail-emulator on the same account)`,
    );
    await byHand(stack, async (_client, smtp) => {
      const mailer = createTransport({
        host: smtp.hostname,
        port: Number(smtp.port),
        ignoreTLS: true,
        auth: { user: sender.smtpUsername, pass: DEMO_PASSWORDS[sender.smtpUsername] },
      });
      try {
        await mailer.sendMail({
          from: sender.smtpUsername,
          to: "customer@example.org",
          subject: "Your order has shipped",
          text: "On its way.",
        });
      } finally {
        mailer.close();
      }
    });
    const mailArrived = mailList(stack);
    say(`     arrived (directmail-emulator mail list): ${mailArrived}`);

    say("8/8  pulumi destroy");
    const destroy = stack.pulumi("destroy", "--yes");
    const deleted = summaryCount(destroy, "deleted");
    const leftAfterDestroy = addressesIn(account(stack)).length;
    const domainsLeft = domainsIn(account(stack)).filter((d) => d === domainName).length;
    say(`     pulumi: ${deleted} deleted; ${leftAfterDestroy} addresses and ${domainsLeft} of the stack's domains left in the account`);
    return { domainStatus, created, driftFound, driftFixed, deleted, leftAfterDestroy, domainsLeft, mailArrived };
  } finally {
    stack.remove();
  }
}

/** The mail the account accepted, as `directmail-emulator mail list` shows it (without its id and time). */
function mailList(stack: CliStack): string {
  const listed = execFileSync(
    process.execPath,
    [join(REPO, "dist", "emulator", "cli.js"), "mail", "list", "--state", stack.emulatorState],
    {
      encoding: "utf8",
    },
  );
  return listed
    .trim()
    .split("\n")
    .map((line) => line.split("  ").slice(2).join("  "))
    .join("; ");
}

/** What a person does at the DNS provider, through the emulator's command on the same account file. */
function publishDns(stack: CliStack, domainName: string): string {
  return execFileSync(
    process.execPath,
    [join(REPO, "dist", "emulator", "cli.js"), "dns", "publish", domainName, "--state", stack.emulatorState],
    {
      encoding: "utf8",
    },
  );
}

/** False while the file is missing or half-written by another process. */
function readable(test: () => boolean): boolean {
  try {
    return test();
  } catch {
    return false;
  }
}

if (require.main === module) {
  runMainJob().then(
    (r) => {
      const ok = r.domainStatus === "verified" && r.leftAfterDestroy === 0 && r.domainsLeft === 0 && r.driftFound > 0 && r.driftFixed > 0;
      process.stdout.write(
        ok ? "Done: domain verified, senders deployed, drift found and put right, destroyed.\n" : `Not as expected: ${JSON.stringify(r)}\n`,
      );
      process.exit(ok ? 0 : 1);
    },
    (err: Error) => {
      process.stderr.write(`main job failed: ${err.message}\n`);
      process.exit(1);
    },
  );
}
