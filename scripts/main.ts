import { ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { DirectMailClient } from "../client";
import { DEFAULT_ACCESS_KEY } from "../emulator";
import type { PersistedState } from "../emulator/models";
import type { SenderSpec } from "../program/senders";
import { CliStack, initCliStack, REPO } from "./localEngine";

/**
 * The main job (`npm start`): the root Pulumi.yaml deployed the way a user
 * deploys it, with the `pulumi` command line and the project's default
 * endpoint, the embedded emulator. Between commands a reply address is changed
 * by hand, outside Pulumi; refresh finds it, up puts it right, destroy empties
 * the account. Every figure printed is read from the CLI's own summary or from
 * the emulator's account.
 */

const STACK = "main-job";

export const DEMO_SENDERS: SenderSpec[] = [
  { accountName: "noreply@example.com", sendtype: "trigger" },
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
  "noreply@example.com": "NOreply2024x",
  "news@example.com": "NEwsletter77",
  "alerts@example.org": "ALerts2024yz",
};

export interface MainJobResult {
  readonly created: number;
  readonly driftFound: number;
  readonly driftFixed: number;
  readonly deleted: number;
  readonly leftAfterDestroy: number;
}

/** The count the CLI printed in its `Resources:` summary for a verb (created, updated, deleted). */
function summaryCount(output: string, verb: "created" | "updated" | "deleted"): number {
  const match = new RegExp(`[+~-] (\\d+) ${verb}`).exec(output);
  return match ? Number(match[1]) : 0;
}

function account(stack: CliStack): PersistedState {
  return JSON.parse(readFileSync(stack.emulatorState, "utf8")) as PersistedState;
}

function addressesIn(state: PersistedState) {
  return Object.entries(state.regions).flatMap(([region, r]) => r.addresses.map((a) => ({ ...a, region })));
}

/**
 * A person's way in, outside Pulumi: the `directmail-emulator` command on the
 * same account file, called with the emulator's own demo key.
 */
async function byHand<T>(stack: CliStack, use: (client: DirectMailClient) => Promise<T>): Promise<T> {
  const cli = join(REPO, "dist", "emulator", "cli.js");
  const child: ChildProcess = spawn(process.execPath, [cli, "--state", stack.emulatorState, "--quiet"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once("line", resolve);
      child.once("exit", (code) => reject(new Error(`directmail-emulator exited with code ${code} before it listened`)));
    });
    const client = new DirectMailClient({
      endpoint: url,
      credentials: { accessKeyId: DEFAULT_ACCESS_KEY.id, accessKeySecret: DEFAULT_ACCESS_KEY.secret, env: {} },
    });
    try {
      return await use(client);
    } finally {
      await client.close();
    }
  } finally {
    child.kill("SIGTERM");
    await exited;
  }
}

export async function runMainJob(say: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<MainJobResult> {
  say(`1/6  pulumi stack init ${STACK}  (project directmail-senders in Pulumi.yaml; directmail:endpoint defaults to embedded)`);
  const stack = initCliStack(REPO, STACK);
  try {
    DEMO_SENDERS.forEach((sender, i) => {
      for (const [key, value] of Object.entries(sender)) stack.pulumi("config", "set", "--path", `senders[${i}].${key}`, String(value));
    });
    for (const [address, password] of Object.entries(DEMO_PASSWORDS)) {
      stack.pulumi("config", "set", "--secret", "--path", `passwords["${address}"]`, password);
    }
    say(`     ${DEMO_SENDERS.length} senders in stack config; passwords as config secrets; the emulator's account: ${stack.emulatorState}`);

    say("2/6  pulumi up");
    const up = stack.pulumi("up", "--yes");
    const created = summaryCount(up, "created");
    const senders = JSON.parse(stack.pulumi("stack", "output", "--json")).senders as Record<
      string,
      { mailAddressId: string; smtpHost: string; smtpUsername: string; smtpPassword: string }
    >;
    for (const [address, out] of Object.entries(senders)) {
      say(
        `     ${address.padEnd(22)} id ${out.mailAddressId}  smtp ${out.smtpHost}  user ${out.smtpUsername}  password ${out.smtpPassword}`,
      );
    }
    say(`     pulumi: ${created} created; the account holds ${addressesIn(account(stack)).length} addresses`);
    for (const ticket of account(stack).tickets) say(`     verification mail sent to ${ticket.replyAddress}`);

    say('3/6  By hand, outside Pulumi (directmail-emulator on the same account): news@example.com reply address -> "intruder@example.org"');
    await byHand(stack, async (client) => {
      const news = await client.findMailAddressByName("news@example.com");
      if (!news) throw new Error("news@example.com is not in the account");
      await client.modifyMailAddress({ mailAddressId: news.mailAddressId, replyAddress: "intruder@example.org" });
    });

    say("4/6  pulumi refresh");
    const refresh = stack.pulumi("refresh", "--yes");
    const driftFound = summaryCount(refresh, "updated");
    const exported = JSON.parse(stack.pulumi("stack", "export")) as {
      deployment: { resources: Array<{ urn: string; outputs?: { replyAddress?: string } }> };
    };
    const recorded = exported.deployment.resources.find((r) => r.urn.endsWith("::news-example-com"))?.outputs?.replyAddress;
    say(
      `     pulumi: ${driftFound} updated; the stack now records news@example.com's reply address as "${recorded}" (declared: "replies@example.org")`,
    );

    say("5/6  pulumi up");
    const fix = stack.pulumi("up", "--yes");
    const driftFixed = summaryCount(fix, "updated");
    const after = addressesIn(account(stack)).find((a) => a.accountName === "news@example.com");
    say(`     pulumi: ${driftFixed} updated; the account has reply address "${after?.replyAddress}" for news@example.com`);

    say("6/6  pulumi destroy");
    const destroy = stack.pulumi("destroy", "--yes");
    const deleted = summaryCount(destroy, "deleted");
    const leftAfterDestroy = addressesIn(account(stack)).length;
    say(`     pulumi: ${deleted} deleted; ${leftAfterDestroy} addresses left in the account`);
    return { created, driftFound, driftFixed, deleted, leftAfterDestroy };
  } finally {
    stack.remove();
  }
}

if (require.main === module) {
  runMainJob().then(
    (r) => {
      const ok = r.leftAfterDestroy === 0 && r.driftFound > 0 && r.driftFixed > 0;
      process.stdout.write(ok ? "Done: deployed, drift found and put right, destroyed.\n" : `Not as expected: ${JSON.stringify(r)}\n`);
      process.exit(ok ? 0 : 1);
    },
    (err: Error) => {
      process.stderr.write(`main job failed: ${err.message}\n`);
      process.exit(1);
    },
  );
}
