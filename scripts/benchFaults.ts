import { performance } from "node:perf_hooks";
import * as pulumi from "@pulumi/pulumi";
import { COVERING_DIALECTS, Dialect } from "../emulator/dialect";
import { FaultKind, FaultRates } from "../emulator/gateway/faults";
import { REQUIRED_PURPOSES, RunningEmulator, startEmulator } from "../emulator";
import { MailAddress, MailDomain, MailTag, ReceiverList, ReceiverListMember } from "../provider";
import { createLocalStack, LocalStack } from "./localEngine";

/**
 * `npm run bench -- --faults`: whole lifecycles (sender addresses, a sending
 * domain with its wait for verification, and mail tags) through the real engine against
 * an emulator that fails a fifth of all requests (throttling, 503, a connection
 * cut before the work, and an answer lost after the work was committed), under
 * every dialect and several seeds, beside a recipient list whose members are
 * added, changed and removed (a lost SaveReceiverDetail or DeleteReceiverDetail
 * answer must neither duplicate nor lose a member). After each command, and after one rerun if
 * it failed, the stack is compared with the service: what a pipeline would
 * find if it trusted the command's word.
 */

/** Eight: with the replace, nine deletions, within the account's documented 10 a month. */
const ADDRESSES = 8;
const FAULT_SHARE = 0.2;
const KINDS = ["throttle", "unavailable", "drop", "commit-then-drop"] as const satisfies readonly FaultKind[];
/** Each kind's own rate, drawn one after another, so that a fifth of requests fail in all. */
const EACH = 1 - (1 - FAULT_SHARE) ** (1 / KINDS.length);
const RATES: FaultRates = { throttle: EACH, unavailable: EACH, drop: EACH, commitThenDrop: EACH };

interface Declared {
  readonly accountName: string;
  readonly sendtype: "batch" | "trigger";
  readonly password: string;
  readonly replyAddress: string;
}

/** The sending domain the program declares beside the addresses. */
interface DeclaredDomain {
  readonly domainName: string;
  readonly dkimSelector: string;
  /** Whether `up` waits for verification (and so the domain must end up usable). */
  readonly wait: boolean;
}

/** A mail tag the program declares; `key` is its resource name, so a rename is an update. */
interface DeclaredTag {
  readonly key: string;
  readonly tagName: string;
  readonly tagDescription: string;
}

const TAGS = 3;
/** No underscores: one dialect forbids them. */
const tags = (suffix: string, description: string): DeclaredTag[] =>
  Array.from({ length: TAGS }, (_, i) => ({ key: `tag${i}`, tagName: `fault${i}${suffix}`, tagDescription: `${description} ${i}` }));

/** What the program declares at each step of the lifecycle. */
interface Step {
  readonly name: string;
  readonly command: "up" | "refresh" | "destroy";
  readonly declared: readonly Declared[];
  readonly domain?: DeclaredDomain;
  readonly tags?: readonly DeclaredTag[];
  /** Publish the domain's records after this step, as a person would at their DNS provider. */
  readonly publishAfter?: boolean;
  /** The recipient list's members. */
  readonly members?: readonly ReceiverListMember[];
}

const LIST_NAME = "faults";
const listMembers = (n: number, from: number, nick = ""): ReceiverListMember[] =>
  Array.from({ length: n }, (_, i) => ({
    email: `member${from + i}@example.org`,
    userName: `Member ${from + i}`,
    ...(nick ? { nickName: nick } : {}),
  }));
/** 60 members; then 10 removed, 10 added and 10 changed, kept so through the replace of the others. */
const firstMembers = listMembers(60, 0);
const changedMembers = [...listMembers(10, 10, "new"), ...listMembers(40, 20), ...listMembers(10, 100)];

const addresses = (password: (i: number) => string, reply: (i: number) => string, sendtype: (i: number) => "batch" | "trigger") =>
  Array.from({ length: ADDRESSES }, (_, i) => ({
    accountName: `fault${i}@example.com`,
    sendtype: sendtype(i),
    password: password(i),
    replyAddress: reply(i),
  }));

const first = addresses(
  (i) => `FIrst${i}pass42`,
  (i) => `replies${i}@example.org`,
  () => "batch",
);
const changed = addresses(
  (i) => `SEcond${i}pass42`,
  (i) => `other${i}@example.org`,
  () => "batch",
);
const replaced = addresses(
  (i) => `SEcond${i}pass42`,
  (i) => `other${i}@example.org`,
  (i) => (i === 0 ? "trigger" : "batch"),
);

const domain = (dkimSelector: string, wait: boolean): DeclaredDomain => ({ domainName: "fault.example.net", dkimSelector, wait });

const STEPS: readonly Step[] = [
  {
    name: "up (create)",
    command: "up",
    declared: first,
    domain: domain("first", false),
    tags: tags("a", "first"),
    publishAfter: true,
    members: firstMembers,
  },
  {
    name: "up (passwords, replies, tag renames, members; domain waited for)",
    command: "up",
    declared: changed,
    domain: domain("first", true),
    tags: tags("b", "second"),
    members: changedMembers,
  },
  {
    name: "up (sendtype and DKIM selector replace)",
    command: "up",
    declared: replaced,
    domain: domain("second", false),
    tags: tags("b", "second"),
    publishAfter: true,
    members: changedMembers,
  },
  {
    name: "refresh",
    command: "refresh",
    declared: replaced,
    domain: domain("second", false),
    tags: tags("b", "second"),
    members: changedMembers,
  },
  { name: "destroy", command: "destroy", declared: [] },
];

interface Tally {
  failedFirst: number;
  failedAfterRerun: number;
  duplicates: number;
  orphans: number;
  missing: number;
  mismatches: number;
  requests: number;
  faults: Record<string, number>;
  seconds: number;
  causes: string[];
}

const MAIL_ADDRESS_TYPE = "pulumi-nodejs:dynamic/directmail:MailAddress";
const MAIL_DOMAIN_TYPE = "pulumi-nodejs:dynamic/directmail:MailDomain";
const RECEIVER_LIST_TYPE = "pulumi-nodejs:dynamic/directmail:ReceiverList";
const MAIL_TAG_TYPE = "pulumi-nodejs:dynamic/directmail:MailTag";
/** The domains the emulator starts with: the account's, not the stack's. */
const CONFIGURED_DOMAINS = ["example.com", "example.org"];

/** Compares the stack with the service: what the program asks for after this step, addresses and domain. */
async function compare(local: LocalStack, emulator: RunningEmulator, step: Step, tally: Tally): Promise<void> {
  const state = await local.stack.exportStack();
  const resources = (state.deployment.resources ?? []) as StackResource[];
  compareAddresses(resources, emulator, step.declared, tally);
  compareDomains(resources, emulator, step.command === "destroy" ? undefined : step.domain, tally);
  compareList(resources, emulator, step.command === "destroy" ? undefined : step.members, tally);
  compareTags(resources, emulator, step.command === "destroy" ? [] : (step.tags ?? []), tally);
}

/** The list once, and exactly the declared members with their fields: one missing or twice counts. */
function compareList(
  resources: readonly StackResource[],
  emulator: RunningEmulator,
  declared: readonly ReceiverListMember[] | undefined,
  tally: Tally,
): void {
  const onService = emulator.inspect.allReceivers();
  countPresence(
    inStackOf(resources, RECEIVER_LIST_TYPE, "receiversName"),
    onService.map((r) => ({ id: r.id, name: r.name })),
    tally,
  );
  if (!declared) return;
  const live = onService.find((r) => r.name === LIST_NAME);
  const emails = (live?.members ?? []).map((m) => m.email);
  tally.duplicates += emails.length - new Set(emails).size;
  for (const want of declared) {
    const member = live?.members.find((m) => m.email === want.email);
    if (!member) tally.missing++;
    else if (member.fields.userName !== want.userName || member.fields.nickName !== want.nickName) tally.mismatches++;
  }
  tally.orphans += emails.filter((e) => !declared.some((m) => m.email === e)).length;
}

/** Tags: no duplicate, orphan or missing one, and each with the declared name and description. */
function compareTags(resources: readonly StackResource[], emulator: RunningEmulator, declared: readonly DeclaredTag[], tally: Tally): void {
  const inStack = inStackOf(resources, MAIL_TAG_TYPE, "tagName");
  const onService = emulator.inspect.allTags();
  countPresence(
    inStack,
    onService.map((t) => ({ id: String(t.id), name: t.tagName.toLowerCase() })),
    tally,
  );
  for (const want of declared) {
    const live = onService.find((t) => t.tagName === want.tagName);
    const right =
      live !== undefined &&
      inStack.find((r) => r.name === want.tagName)?.id === String(live.id) &&
      live.tagDescription === want.tagDescription;
    if (!right) tally.mismatches++;
  }
}

type StackResource = { type: string; id?: string; outputs?: Record<string, unknown> };

/** One object by its id and name, on either side. */
interface Presence {
  readonly id: string;
  readonly name: string;
}

/** The stack's resources of one type, by id and the output that names them. */
function inStackOf(resources: readonly StackResource[], type: string, nameOutput: string): Presence[] {
  return resources.filter((r) => r.type === type).map((r) => ({ id: r.id ?? "", name: String(r.outputs?.[nameOutput] ?? "") }));
}

/** Duplicates (a name twice, on either side), orphans (on the service, not in the stack) and missing (in the stack, not on the service). */
function countPresence(inStack: readonly Presence[], onService: readonly Presence[], tally: Tally): void {
  const repeats = (side: readonly Presence[]) => side.length - new Set(side.map((x) => x.name)).size;
  const ids = (side: readonly Presence[]) => new Set(side.map((x) => x.id));
  const stackIds = ids(inStack);
  const serviceIds = ids(onService);
  tally.duplicates += repeats(inStack) + repeats(onService);
  tally.orphans += onService.filter((x) => !stackIds.has(x.id)).length;
  tally.missing += inStack.filter((x) => !serviceIds.has(x.id)).length;
}

function compareDomains(
  resources: readonly StackResource[],
  emulator: RunningEmulator,
  declared: DeclaredDomain | undefined,
  tally: Tally,
): void {
  const inStack = inStackOf(resources, MAIL_DOMAIN_TYPE, "domainName");
  const onService = (emulator.inspect.snapshot().regions["cn-hangzhou"]?.domains ?? []).filter(
    (d) => !CONFIGURED_DOMAINS.includes(d.domainName),
  );
  countPresence(
    inStack,
    onService.map((d) => ({ id: String(d.id), name: d.domainName })),
    tally,
  );
  if (!declared) return;
  const live = onService.find((d) => d.domainName === declared.domainName);
  const verified = live !== undefined && REQUIRED_PURPOSES.every((p) => live.passed?.includes(p));
  const right =
    live !== undefined &&
    inStack.find((r) => r.name === declared.domainName)?.id === String(live.id) &&
    live.dkimSelector === declared.dkimSelector &&
    (!declared.wait || verified);
  if (!right) tally.mismatches++;
}

function compareAddresses(
  resources: readonly StackResource[],
  emulator: RunningEmulator,
  declared: readonly Declared[],
  tally: Tally,
): void {
  const inStack = inStackOf(resources, MAIL_ADDRESS_TYPE, "accountName");
  const onService = emulator.inspect.allAddresses();
  countPresence(
    inStack,
    onService.map((a) => ({ id: String(a.id), name: a.accountName })),
    tally,
  );
  for (const want of declared) {
    const live = onService.find((a) => a.accountName === want.accountName);
    const recorded = inStack.find((r) => r.name === want.accountName);
    const right =
      live !== undefined &&
      recorded?.id === String(live.id) &&
      live.sendtype === want.sendtype &&
      live.replyAddress === want.replyAddress &&
      emulator.inspect.passwordIs(live.id, want.password);
    if (!right) tally.mismatches++;
  }
}

async function lifecycle(dialect: Dialect, seed: number): Promise<Tally> {
  const emulator = await startEmulator({ domains: ["example.com", "example.org"], dialect, faults: { rates: RATES, seed } });
  let declared: readonly Declared[] = [];
  let declaredDomain: DeclaredDomain | undefined;
  let declaredMembers: readonly ReceiverListMember[] | undefined;
  let declaredTags: readonly DeclaredTag[] = [];
  const local = await createLocalStack({
    projectName: "bench-faults",
    program: async () => {
      if (declaredDomain) {
        new MailDomain("fault-domain", {
          domainName: declaredDomain.domainName,
          dkimSelector: declaredDomain.dkimSelector,
          waitForVerification: declaredDomain.wait ? { timeoutMinutes: 5 } : undefined,
        });
      }
      if (declaredMembers) {
        new ReceiverList("fault-list", { receiversName: LIST_NAME, receiversAlias: "faults@example.com", members: [...declaredMembers] });
      }
      for (const t of declaredTags) new MailTag(t.key, { tagName: t.tagName, tagDescription: t.tagDescription });
      for (const a of declared) {
        new MailAddress(a.accountName.split("@")[0], {
          accountName: a.accountName,
          sendtype: a.sendtype,
          password: pulumi.secret(a.password),
          replyAddress: a.replyAddress,
        });
      }
    },
    config: { "directmail:endpoint": { value: emulator.url } },
    env: { ALIBABA_CLOUD_ACCESS_KEY_ID: emulator.accessKey.id, ALIBABA_CLOUD_ACCESS_KEY_SECRET: emulator.accessKey.secret },
  });
  const tally: Tally = {
    failedFirst: 0,
    failedAfterRerun: 0,
    duplicates: 0,
    orphans: 0,
    missing: 0,
    mismatches: 0,
    requests: 0,
    faults: {},
    seconds: 0,
    causes: [],
  };
  const started = performance.now();
  try {
    for (const step of STEPS) {
      if (step.command !== "destroy") {
        declared = step.declared;
        declaredDomain = step.domain;
        declaredMembers = step.members;
        declaredTags = step.tags ?? [];
      }
      const run = () =>
        step.command === "up" ? local.stack.up() : step.command === "refresh" ? local.stack.refresh() : local.stack.destroy();
      const failure = await run().then(
        () => undefined,
        (err: Error) => err,
      );
      if (failure) {
        tally.failedFirst++;
        tally.causes.push(`${step.name}: ${causeOf(failure)}`);
        const again = await run().then(
          () => undefined,
          (err: Error) => err,
        );
        if (again) {
          tally.failedAfterRerun++;
          tally.causes.push(`${step.name}, rerun: ${causeOf(again)}`);
        }
      }
      if (step.command === "destroy") {
        declared = [];
        declaredDomain = undefined;
        declaredMembers = undefined;
        declaredTags = [];
      }
      await compare(local, emulator, step, tally);
      if (step.publishAfter && step.domain) {
        await emulator.dns({ domainName: step.domain.domainName }).catch(() => undefined);
      }
    }
  } finally {
    tally.seconds = (performance.now() - started) / 1000;
    tally.requests = emulator.requests.length;
    tally.faults = { ...emulator.faults.injected };
    local.cleanup();
    await emulator.stop();
  }
  return tally;
}

const faultCount = (t: Tally): number => Object.values(t.faults).reduce((a, b) => a + b, 0);

/** The line of an engine error that names the cause, without the engine's framing. */
function causeOf(err: Error): string {
  const line = err.message.split("\n").find((l) => /DirectMail|error:/.test(l)) ?? err.message.split("\n")[0];
  return line.trim().slice(0, 240);
}

export async function faultBenchmark(seeds: readonly number[]): Promise<void> {
  process.stdout.write(
    `fault benchmark: real engine, ${ADDRESSES} sender addresses, a sending domain and a recipient list of ${firstMembers.length} members, ${Math.round(FAULT_SHARE * 100)}% of requests fail ` +
      `fault benchmark: real engine, ${ADDRESSES} sender addresses, a sending domain and ${TAGS} mail tags, ${Math.round(FAULT_SHARE * 100)}% of requests fail ` +
      `(${KINDS.join(", ")}, ${(EACH * 100).toFixed(1)}% each); every dialect; seeds ${seeds.join(", ")}\n` +
      `lifecycle: ${STEPS.map((s) => s.name).join("; ")}; a failed command is rerun once\n\n`,
  );
  const header =
    `${"dialect".padEnd(30)} ${"seed".padStart(4)} ${"failed".padStart(6)} ${"after rerun".padStart(11)} ${"duplicates".padStart(10)} ` +
    `${"orphans".padStart(7)} ${"missing".padStart(7)} ${"mismatches".padStart(10)} ${"requests".padStart(8)} ${"faults".padStart(6)} ${"seconds".padStart(7)}`;
  process.stdout.write(`${header}\n`);
  const totals: Tally[] = [];
  for (const [label, dialect] of COVERING_DIALECTS) {
    for (const seed of seeds) {
      const t = await lifecycle(dialect, seed);
      totals.push(t);
      process.stdout.write(
        `${label.padEnd(30)} ${String(seed).padStart(4)} ${`${t.failedFirst}/${STEPS.length}`.padStart(6)} ${String(t.failedAfterRerun).padStart(11)} ` +
          `${String(t.duplicates).padStart(10)} ${String(t.orphans).padStart(7)} ${String(t.missing).padStart(7)} ${String(t.mismatches).padStart(10)} ` +
          `${String(t.requests).padStart(8)} ${String(faultCount(t)).padStart(6)} ${t.seconds.toFixed(0).padStart(7)}\n`,
      );
      for (const cause of t.causes) process.stdout.write(`    ${cause}\n`);
    }
  }
  const sum = (key: keyof Omit<Tally, "causes" | "faults">) => totals.reduce((a, t) => a + t[key], 0);
  const byKind = KINDS.map((k) => `${k} ${totals.reduce((a, t) => a + (t.faults[k] ?? 0), 0)}`).join(", ");
  const commands = totals.length * STEPS.length;
  process.stdout.write(
    `\nin all: ${commands} commands, ${sum("failedFirst")} failed on the first try, ${sum("failedAfterRerun")} after one rerun; ` +
      `${sum("duplicates")} duplicates, ${sum("orphans")} orphans, ${sum("missing")} missing, ${sum("mismatches")} mismatches; ` +
      `${totals.reduce((a, t) => a + faultCount(t), 0)} faults injected in ${sum("requests")} requests (${byKind})\n`,
  );
  const bad = sum("failedAfterRerun") + sum("duplicates") + sum("orphans") + sum("missing") + sum("mismatches");
  if (bad > 0) {
    process.stdout.write(`MISSED: something did not converge after one rerun\n`);
    process.exitCode = 1;
  }
}
