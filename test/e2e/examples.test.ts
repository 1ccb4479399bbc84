import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CliStack, initCliStack, REPO } from "../../scripts/localEngine";
import { account, addresses } from "../support/account";

/**
 * Every example project, run as its README says: in its folder, with the plain
 * `pulumi` command line, on the embedded emulator (the projects' default):
 * the commands of its README's first command block up to `pulumi up` (read
 * from the README, so that a step it lacks or gets wrong fails here), up, a
 * refresh that finds nothing, destroy. The generated-password
 * example needs @pulumi/random's plugin, which cannot be had here: it runs
 * under Pulumi's mocks in test/unit/program.test.ts.
 */

const folder = (name: string) => join(REPO, "examples", name);
/** A README command line as the shell splits it (single quotes), its comment dropped. */
function words(line: string): string[] {
  return [...line.replace(/\s+#.*$/, "").matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]);
}

/** The commands of the example's README: its first `sh` block. */
function readmeCommands(name: string): string[][] {
  const readme = readFileSync(join(folder(name), "README.md"), "utf8");
  const block = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
  return block
    .split("\n")
    .map(words)
    .filter((w) => w.length > 0);
}

/** What every example's README starts with: this package built at the root, the example's install, a stack. */
const FIRST_STEPS = [
  ["(cd", "../..", "&&", "npm", "install", "&&", "npm", "run", "build)"],
  ["npm", "install"],
  ["pulumi", "stack", "init", "dev"],
];

/**
 * Runs the README's steps between `pulumi stack init dev` and the first
 * `pulumi up` on the test's stack (the builds and installs are this
 * repository's own, done once). Returns what the steps that are not `pulumi`
 * printed. The test's stack keeps the emulator's state outside the folder, so a
 * script that takes the state file is given it.
 */
function setUpAsReadme(stack: CliStack, name: string): string[] {
  const commands = readmeCommands(name);
  const printed: string[] = [];
  for (const command of commands.slice(FIRST_STEPS.length)) {
    const [program, ...args] = command;
    if (program === "pulumi" && args[0] === "up") break;
    if (program === "pulumi" && args[0] === "config") stack.pulumi(...args);
    else if (program === "node")
      printed.push(execFileSync(process.execPath, [...args, stack.emulatorState], { cwd: folder(name), encoding: "utf8" }));
    else throw new Error(`examples/${name}/README.md: a step this test does not know how to run: ${command.join(" ")}`);
  }
  return printed;
}

test.each([
  "quickstart",
  "domain-and-senders",
  "notify-and-verify",
  "multi-region",
  "several-accounts",
  "adopt-existing",
  "generated-password",
])("examples/%s/README.md starts with the root build step, npm install and pulumi stack init, and reaches pulumi up", (name) => {
  const commands = readmeCommands(name);
  expect(commands.slice(0, FIRST_STEPS.length)).toEqual(FIRST_STEPS);
  expect(commands.some(([program, verb]) => program === "pulumi" && verb === "up")).toBe(true);
});

const outputs = (stack: CliStack) => JSON.parse(stack.pulumi("stack", "output", "--json")) as Record<string, unknown>;

function lifecycle(name: string, setUp: (stack: CliStack) => void, afterUp: (stack: CliStack) => void): void {
  describe(`examples/${name}`, () => {
    let stack: CliStack;
    beforeAll(() => {
      stack = initCliStack(folder(name), `example-${process.pid}`);
      setUp(stack);
    });
    afterAll(() => stack.remove());

    test("pulumi up", () => {
      stack.pulumi("up", "--yes");
      afterUp(stack);
    });

    test("pulumi refresh finds nothing changed", () => {
      stack.pulumi("refresh", "--yes", "--expect-no-changes");
    });

    test("pulumi destroy empties the account", () => {
      stack.pulumi("destroy", "--yes");
      expect(addresses(stack.emulatorState)).toEqual([]);
      expect(Object.values(account(stack.emulatorState).regions).flatMap((r) => r.receivers ?? [])).toEqual([]);
    });
  });
}

lifecycle(
  "quickstart",
  (s) => setUpAsReadme(s, "quickstart"),
  (s) => {
    expect(outputs(s)).toEqual({
      mailAddressId: expect.stringMatching(/^\d+$/),
      smtpHost: "smtpdm.aliyun.com",
      smtpUsername: "noreply@example.com",
      smtpPassword: "[secret]",
    });
    expect(addresses(s.emulatorState).map((a) => [a.accountName, a.sendtype, a.replyAddress])).toEqual([
      ["noreply@example.com", "trigger", "support@example.org"],
    ]);
  },
);

lifecycle(
  "recipient-list",
  () => undefined,
  (s) => {
    expect(outputs(s)).toEqual({
      tagName: "newsletter",
      receiversName: "newsletter",
      receiverId: expect.stringMatching(/^[0-9a-f]{32}$/),
      memberCount: 4,
    });
    const tags = Object.values(account(s.emulatorState).regions).flatMap((r) => r.tags ?? []);
    expect(tags.map((t) => [t.tagName, t.tagDescription])).toEqual([["newsletter", "the monthly newsletter"]]);
    const lists = Object.values(account(s.emulatorState).regions).flatMap((r) => r.receivers ?? []);
    expect(lists.map((l) => [l.name, l.members.map((m) => m.email)])).toEqual([
      ["newsletter", ["ann.lee@example.org", "bob.stone@example.org", "chen.wei@example.org", "dana.cruz@example.org"]],
    ]);
    expect(lists[0].members[2].fields).toEqual({ userName: "Chen Wei", nickName: "Wei", gender: "male", mobile: "13800000000" });
    // A second up with the file unchanged sends nothing: no update.
    expect(s.pulumi("up", "--yes", "--expect-no-changes")).toContain("unchanged");
  },
);

lifecycle(
  "several-accounts",
  (s) => setUpAsReadme(s, "several-accounts"),
  (s) => {
    expect(outputs(s)).toEqual({
      senders: {
        prod: { id: expect.stringMatching(/^\d+$/), account: { roleArn: "acs:ram::111111111111:role/mail-admin" } },
        staging: {
          id: expect.stringMatching(/^\d+$/),
          account: { roleArn: "acs:ram::222222222222:role/mail-admin", sessionName: "staging-mail" },
        },
      },
    });
    expect(
      addresses(s.emulatorState)
        .map((a) => a.accountName)
        .sort(),
    ).toEqual(["alerts-prod@example.com", "alerts-staging@example.com"]);
  },
);

describe("examples/domain-and-senders", () => {
  let stack: CliStack;
  beforeAll(() => {
    stack = initCliStack(folder("domain-and-senders"), `example-${process.pid}`);
    setUpAsReadme(stack, "domain-and-senders");
  });
  afterAll(() => stack.remove());

  test("one pulumi up takes the domain through its published records and the verification to the senders", () => {
    const said = stack.pulumi("up", "--yes");
    expect(said).toContain("+ 11 created");
    const out = outputs(stack);
    expect(out).toMatchObject({
      rootDomain: "example.net",
      status: "verified",
      smtpUsernames: ["noreply@mail.example.net", "news@mail.example.net"],
    });
    expect((out.dnsRecords as Array<{ purpose: string }>).map((r) => r.purpose)).toEqual([
      "ownership",
      "spf",
      "mx",
      "dkim",
      "dmarc",
      "tracking",
    ]);
    // The stand-in DNS records published every record in the emulator's simulated DNS.
    const domain = (account(stack.emulatorState).regions["cn-hangzhou"]?.domains ?? []).find((d) => d.domainName === "mail.example.net");
    expect([...(domain?.published ?? [])].sort()).toEqual(["dkim", "dmarc", "mx", "ownership", "spf", "tracking"]);
    expect(
      addresses(stack.emulatorState)
        .map((a) => a.accountName)
        .sort(),
    ).toEqual(["news@mail.example.net", "noreply@mail.example.net"]);
  }, 120_000);

  test("pulumi refresh finds nothing changed", () => {
    stack.pulumi("refresh", "--yes", "--expect-no-changes");
  });

  test("pulumi destroy deletes the senders, then the records, then the domain", () => {
    expect(stack.pulumi("destroy", "--yes")).toContain("- 11 deleted");
    expect(addresses(stack.emulatorState)).toEqual([]);
    expect((account(stack.emulatorState).regions["cn-hangzhou"].domains ?? []).map((d) => d.domainName)).not.toContain("mail.example.net");
  });
});

describe("examples/notify-and-verify", () => {
  let stack: CliStack;
  beforeAll(() => {
    stack = initCliStack(folder("notify-and-verify"), `example-${process.pid}`);
    setUpAsReadme(stack, "notify-and-verify");
  });
  afterAll(() => stack.remove());

  test("pulumi up sends the verification mail and sets the notify URL", () => {
    stack.pulumi("up", "--yes");
    expect(outputs(stack)).toEqual({ replyAddressStatus: "unverified", notifyUrl: "https://hooks.example.com/directmail/reports" });
    const state = account(stack.emulatorState);
    expect(state.tickets.map((t) => t.replyAddress)).toEqual(["replies@example.org"]);
    expect(state.regions["cn-hangzhou"].notifyUrls["newsletter@example.com"]).toMatchObject({
      url: "https://hooks.example.com/directmail/reports",
    });
  });

  test("pulumi refresh finds nothing changed", () => {
    stack.pulumi("refresh", "--yes", "--expect-no-changes");
  });

  test("the ticket from the mail, set as a secret, approves the reply address on the next up", () => {
    const [{ ticket }] = account(stack.emulatorState).tickets;
    stack.pulumi("config", "set", "--secret", "replyVerificationTicket", ticket);
    stack.pulumi("config", "set", "notifyUrl", "https://hooks.example.com/v2");
    const out = stack.pulumi("up", "--yes");
    expect(out).not.toContain(ticket);
    expect(outputs(stack)).toEqual({ replyAddressStatus: "verified", notifyUrl: "https://hooks.example.com/v2" });
    expect(addresses(stack.emulatorState)[0].replyStatus).toBe(0);
  });

  test("pulumi destroy clears the notify URL and deletes the address", () => {
    stack.pulumi("destroy", "--yes");
    expect(addresses(stack.emulatorState)).toEqual([]);
    expect(account(stack.emulatorState).regions["cn-hangzhou"].notifyUrls).toEqual({});
  });
});

lifecycle(
  "multi-region",
  (s) => setUpAsReadme(s, "multi-region"),
  (s) => {
    const senders = outputs(s).senders as Record<string, { smtpHost: string }>;
    expect(Object.fromEntries(Object.entries(senders).map(([r, v]) => [r, v.smtpHost]))).toEqual({
      "cn-hangzhou": "smtpdm.aliyun.com",
      "us-east-1": "smtpdm-us-east-1.aliyun.com",
    });
    expect(
      addresses(s.emulatorState)
        .map((a) => [a.region, a.accountName])
        .sort(),
    ).toEqual([
      ["cn-hangzhou", "alerts@example.com"],
      ["us-east-1", "alerts@example.com"],
    ]);
  },
);

let madeByHand = "";
lifecycle(
  "adopt-existing",
  (s) => {
    // As the example's README says: someone makes the address by hand first (node make-existing.js).
    const [said] = setUpAsReadme(s, "adopt-existing");
    madeByHand = /id (\d+)/.exec(said ?? "")?.[1] ?? "";
    expect(madeByHand).not.toBe("");
  },
  (s) => {
    expect(outputs(s)).toEqual({ existedBefore: true, adopted: true, mailAddressId: madeByHand });
    expect(addresses(s.emulatorState).map((a) => [String(a.id), a.sendtype, a.replyAddress])).toEqual([
      [madeByHand, "batch", "helpdesk@example.org"],
    ]);
  },
);

describe("examples/send-test", () => {
  let stack: CliStack;
  beforeAll(() => {
    stack = initCliStack(folder("send-test"), `example-${process.pid}`);
    stack.pulumi("config", "set", "--secret", "smtpPassword", "Send7est9Pw");
  });
  afterAll(() => stack.remove());

  test("its test runs pulumi up, mails through SMTP and SingleSendMail with the stack's outputs, and finds both arrived", () => {
    const said = execFileSync(process.execPath, ["send-test.js"], { cwd: folder("send-test"), env: stack.env, encoding: "utf8" });
    expect(said).toContain('both arrived: smtp "Your order", api "Your invoice"');
    // What the test saw is in the stack's emulator account, for the next person to look at.
    expect(account(stack.emulatorState).messages.map((m) => [m.channel, m.accountName])).toEqual([
      ["smtp", "app@example.com"],
      ["api", "app@example.com"],
    ]);
  }, 180_000);

  test("pulumi refresh records the usage the sends moved (DailyReqCount/MonthReqCount as dailyUsage/monthlyUsage)", () => {
    const before = addresses(stack.emulatorState)[0];
    expect([before.dailyReqCount, before.monthReqCount]).toEqual([2, 2]);
    stack.pulumi("refresh", "--yes");
    const state = JSON.parse(stack.pulumi("stack", "export")) as {
      deployment: { resources: Array<{ type: string; outputs?: Record<string, unknown> }> };
    };
    const sender = state.deployment.resources.find((r) => r.outputs?.accountName === "app@example.com");
    expect(sender?.outputs).toMatchObject({ dailyUsage: 2, monthlyUsage: 2 });
  });

  test("pulumi destroy empties the account", () => {
    stack.pulumi("destroy", "--yes");
    expect(addresses(stack.emulatorState)).toEqual([]);
  });
});
