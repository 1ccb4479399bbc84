import { rmSync } from "node:fs";
import { join } from "node:path";
import { startEmulator } from "../emulator";
import { program, SenderSpec } from "../program/senders";
import { DirectMailClient } from "../client";
import { createLocalStack, REPO } from "./localEngine";

/**
 * The main job: the root Pulumi.yaml program, deployed with the real engine
 * on the embedded emulator, then drift made by hand, found by refresh and put
 * right by up, then everything destroyed.
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
  readonly leftAfterDestroy: number;
}

export async function runMainJob(say: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<MainJobResult> {
  const stackConfigFile = join(REPO, `Pulumi.${STACK}.yaml`);
  rmSync(stackConfigFile, { force: true });

  say("1/6  Starting the embedded DirectMail emulator");
  const emulator = await startEmulator({ domains: ["example.com", "example.org"] });
  say(`     ${emulator.url}  (verified domains: example.com, example.org)`);
  const byHand = new DirectMailClient({
    endpoint: emulator.url,
    credentials: { accessKeyId: emulator.accessKey.id, accessKeySecret: emulator.accessKey.secret, env: {} },
  });

  const local = await createLocalStack({
    projectName: "directmail-senders",
    stackName: STACK,
    workDir: REPO,
    program: async () => program(),
    env: { ALIBABA_CLOUD_ACCESS_KEY_ID: emulator.accessKey.id, ALIBABA_CLOUD_ACCESS_KEY_SECRET: emulator.accessKey.secret },
    config: {
      "directmail:endpoint": { value: emulator.url },
      "directmail:region": { value: "cn-hangzhou" },
      senders: { value: JSON.stringify(DEMO_SENDERS) },
      passwords: { value: JSON.stringify(DEMO_PASSWORDS), secret: true },
    },
  });
  const { stack } = local;

  try {
    say(`2/6  pulumi up: ${DEMO_SENDERS.length} senders declared in stack config (Pulumi.yaml, stack "${STACK}")`);
    const up = await stack.up();
    const created = up.summary.resourceChanges?.create ?? 0;
    const senders = up.outputs.senders.value as Record<
      string,
      { mailAddressId: string; smtpHost: string; smtpUsername: string; replyAddressStatus: string }
    >;
    for (const [address, out] of Object.entries(senders)) {
      say(`     + ${address.padEnd(22)} id ${out.mailAddressId}  smtp ${out.smtpHost}  user ${out.smtpUsername}  password [secret]`);
    }
    say(`     ${created} resources created (addresses, a notify URL and the stack)`);
    for (const mail of emulator.sentMail) say(`     verification mail sent to ${mail.to} for ${mail.accountName}`);

    say('3/6  Someone edits news@example.com by hand: reply address -> "intruder@example.org"');
    const news = await byHand.findMailAddressByName("news@example.com");
    await byHand.modifyMailAddress({ mailAddressId: news?.mailAddressId ?? "", replyAddress: "intruder@example.org" });

    say("4/6  pulumi refresh: compare the stack with the service");
    const refresh = await stack.refresh();
    const driftFound = refresh.summary.resourceChanges?.update ?? 0;
    const refreshed = (await stack.exportStack()).deployment.resources.find((r: { urn: string }) => r.urn.endsWith("::news-example-com"));
    say(
      `     ${driftFound} resource drifted: news@example.com replyAddress is now "${refreshed?.outputs?.replyAddress}" (declared "replies@example.org")`,
    );

    say("5/6  pulumi up: put it right");
    const fix = await stack.up();
    const driftFixed = fix.summary.resourceChanges?.update ?? 0;
    const after = await byHand.findMailAddressByName("news@example.com");
    say(`     ${driftFixed} updated; the service has replyAddress "${after?.replyAddress}" again`);

    say("6/6  pulumi destroy");
    const destroy = await stack.destroy();
    const leftAfterDestroy = emulator.model.allAddresses().length;
    say(`     ${destroy.summary.resourceChanges?.delete ?? 0} resources deleted; ${leftAfterDestroy} addresses left in the emulator`);
    say("Done.");
    return { created, driftFound, driftFixed, leftAfterDestroy };
  } finally {
    await stack.workspace.removeStack(STACK).catch(() => undefined);
    rmSync(stackConfigFile, { force: true });
    local.cleanup();
    await byHand.close();
    await emulator.stop();
  }
}

if (require.main === module) {
  runMainJob().then(
    (r) => process.exit(r.leftAfterDestroy === 0 && r.driftFound > 0 && r.driftFixed > 0 ? 0 : 1),
    (err: Error) => {
      process.stderr.write(`main job failed: ${err.message}\n`);
      process.exit(1);
    },
  );
}
