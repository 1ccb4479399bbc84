#!/usr/bin/env node
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { chooseKeys, exposureWarning } from "./cliKeys";
import type { OidcProvider, StsRole } from "./sts/models";
import { dialectChoices, dialectSetting } from "./dialect";
import { Purpose, PURPOSES } from "./dm/domains/records";
import { changeDnsInStateFile, DEMO_DOMAINS, onStateFile, readStateFile, startEmulator } from "./server";
import { ListName, LISTS, listState } from "./stateReport";
import type { StoredMessage } from "./dm/sending/models";

/** Items joined by ", " into lines of at most `width` characters, each indented by `indent` spaces. */
function wrapped(items: readonly string[], indent: number, width: number): string {
  const lines: string[] = [];
  let line = "";
  for (const item of items) {
    if (line && indent + line.length + 2 + item.length > width) {
      lines.push(line + ",");
      line = item;
    } else line = line ? `${line}, ${item}` : item;
  }
  if (line) lines.push(line);
  return lines.map((l) => " ".repeat(indent) + l).join("\n");
}

const USAGE = `directmail-emulator: a local Alibaba Cloud DirectMail (dm, 2015-11-23) service

Usage:
  directmail-emulator [options]                                  serve the API
  directmail-emulator dns publish|withdraw DOMAIN --state FILE [--region R] [--records ownership,spf,...]
                                                                 change the simulated DNS of the
                                                                 emulator keeping its state in FILE
  directmail-emulator list addresses|domains|tickets --state FILE [--region R]
                                                                 what that emulator holds: sender addresses,
                                                                 sending domains, pending reply verifications
                                                                 (each ticket, to approve without the file)
  directmail-emulator --version                                  the package version
  directmail-emulator mail list|show ID|clear --state FILE [--sender ADDRESS] [--tag NAME] [--json]
                                                                 the mail that emulator accepted

Options:
  --host HOST                 listen address (default 127.0.0.1)
  --port N                    port (default 0: a free one)
  --smtp-port N               SMTP submission port on the same host (default 0: a free one)
  --smtp-max-bytes N          the largest message SMTP accepts (default 15728640, 15 MiB)
  --no-smtp                   no SMTP submission
  --domain NAME               a verified sending domain in every region (repeatable; default ${DEMO_DOMAINS.join(" and ")})
  --unverified-domain NAME    a domain that exists but is not verified (repeatable)
  --domain-limit N            sending domains per account, the configured ones included (default 5)
  --access-key-file FILE      accepted access keys, one ID:SECRET a line, in a file only you can read (mode 600; repeatable);
                              DIRECTMAIL_EMULATOR_ACCESS_KEY=ID:SECRET in the environment adds one more. With none of
                              these and --state FILE, the key in FILE.key (the embedded emulator's own) when it exists;
                              otherwise directmail-emulator:directmail-emulator-secret
  --access-key ID:SECRET      an accepted access key (repeatable; visible in ps: prefer --access-key-file)
  --address-limit N           sender addresses per region (default 10)
  --monthly-delete-limit N    deletions per region and month (default 10; 0 = off)
  --tag-limit N               mail tags per region (default 10)
  --state FILE                keep state in this JSON file across restarts
  --no-rate-limits            turn off the documented per-action limits
  --no-callback-actions       answer the notify-URL actions with InvalidAction.NotFound
  --throttle-rate P           probability of Throttling.User per request (0-1)
  --unavailable-rate P        probability of ServiceUnavailable
  --internal-error-rate P     probability of InternalError
  --drop-rate P               probability of a dropped connection
  --commit-then-drop-rate P   probability of committing, then dropping the answer
  --wrong-endpoint-rate P     probability of answering as a wrong endpoint (404 InvalidProduct.NotFound)
  --latency-ms N|MIN-MAX      added latency per request
  --seed N                    seed for the random faults
  --dialect NAME=VALUE        answer an open point of the docs one way (repeatable; the first value is the default):
${wrapped(dialectChoices(), 30, 120)}
  --inbox-port N              the web inbox's port (default 0: a free one)
  --no-inbox                  no web inbox
  --quiet                     no per-request log

Credential services (each on a loopback port of its own, printed at start; their keys work here):
  --sts-role ARN[:MAXSECONDS] serve STS (AssumeRole, AssumeRoleWithOIDC) with this role (repeatable; max default 3600)
  --oidc-provider ARN,ISSUER,PEMFILE[,AUDIENCE]
                              an OIDC provider for AssumeRoleWithOIDC: its issuer and RS256 public key (repeatable)
  --session-seconds N         cap every session's life at N seconds (short sessions for tests)
  --ecs-role NAME             serve the ECS metadata service with this instance RAM role
  --ecs-no-role               serve the ECS metadata service for an instance without a role
  --credentials-uri           serve a credentials URI (GET /credentials)
`;

function rate(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n >= 0 && n <= 1)) throw new Error(`--${name} must be a number between 0 and 1`);
  return n;
}

function count(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[0-9]+$/.test(value)) throw new Error(`--${name} must be a whole number (0 or more), not ${JSON.stringify(value)}`);
  return Number(value);
}

function latencyMs(value: string | undefined): number | [number, number] | undefined {
  if (value === undefined) return undefined;
  const m = /^([0-9]+)(?:-([0-9]+))?$/.exec(value);
  if (!m || (m[2] !== undefined && Number(m[2]) < Number(m[1])))
    throw new Error(`--latency-ms must be N or MIN-MAX in milliseconds, not ${JSON.stringify(value)}`);
  return m[2] === undefined ? Number(m[1]) : [Number(m[1]), Number(m[2])];
}

function stsRole(spec: string): StsRole {
  const m = /^(acs:ram::\d+:role\/[A-Za-z0-9._-]+)(?::([0-9]+))?$/i.exec(spec);
  if (!m) throw new Error(`--sts-role must be acs:ram::<account id>:role/<name>[:MAXSECONDS], not ${JSON.stringify(spec)}`);
  return { arn: m[1], maxSessionDuration: m[2] === undefined ? undefined : Number(m[2]) };
}

function oidcProvider(spec: string): OidcProvider {
  const [arn, issuer, pemFile, audience, ...rest] = spec.split(",");
  if (!arn || !issuer || !pemFile || rest.length > 0) throw new Error("--oidc-provider must be ARN,ISSUER,PEMFILE[,AUDIENCE]");
  return { arn, issuer, publicKey: readFileSync(pemFile, "utf8"), audience: audience || undefined };
}

/** `dns publish|withdraw DOMAIN --state FILE`: what a person does at their DNS provider. */
async function dnsCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { state: { type: "string" }, region: { type: "string" }, records: { type: "string" } },
  });
  const [action, domainName, ...extra] = positionals;
  if ((action !== "publish" && action !== "withdraw") || !domainName || extra.length > 0) {
    throw new Error("dns: use `dns publish DOMAIN --state FILE` or `dns withdraw DOMAIN --state FILE`");
  }
  if (!values.state) throw new Error("dns: --state FILE is required: the simulated DNS lives in the emulator's state file");
  const records = values.records?.split(",").map((r) => r.trim());
  const unknown = records?.filter((r) => !(PURPOSES as readonly string[]).includes(r)) ?? [];
  if (unknown.length > 0) throw new Error(`dns: --records takes ${PURPOSES.join(", ")}; not ${unknown.join(", ")}`);
  const region = values.region ?? "cn-hangzhou";
  await changeDnsInStateFile(values.state, { domainName, region, records: records as Purpose[] | undefined, action });
  process.stdout.write(
    `${action === "publish" ? "published" : "withdrew"} ${records?.join(", ") ?? "every record"} of ${domainName} in ${region}\n`,
  );
}

/** `list addresses|domains|tickets --state FILE`: the account in words, read under the state file's lock. */
async function listCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { state: { type: "string" }, region: { type: "string" } },
  });
  const [list, ...extra] = positionals;
  if (!(LISTS as readonly string[]).includes(list) || extra.length > 0) {
    throw new Error(`list: use \`list ${LISTS.join("|")} --state FILE\``);
  }
  if (!values.state) throw new Error("list: --state FILE is required: the account lives in the emulator's state file");
  const state = await readStateFile(values.state);
  process.stdout.write(listState(state, list as ListName, values.region).join("\n") + "\n");
}

/** The version of the package this command came with (package.json above it, from source or from dist/). */
function version(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
    if (pkg.name === "pulumi-directmail" && pkg.version) return pkg.version;
  }
  throw new Error("cannot find the package.json of pulumi-directmail above this command");
}

/**
 * Mail text as a terminal may show it: the sender wrote it, so control
 * characters (ESC sequences that retitle or clear the screen, a carriage
 * return that overwrites a line) are written as \u escapes. A body keeps its
 * line breaks and tabs; a header field keeps none, so it cannot forge a line.
 */
function printable(text: string, body = false): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  const controls = body ? /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g : /[\u0000-\u001f\u007f-\u009f]/g;
  return (body ? text.replace(/\r\n/g, "\n") : text).replace(controls, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function messageLine(m: StoredMessage): string {
  // JSON.stringify escapes C0 controls but leaves C1 ones (U+009B opens a sequence on some terminals).
  return printable(
    `${m.id}  ${m.acceptedAt}  ${m.channel.padEnd(4)}  ${m.accountName} -> ${m.to.join(",")}  ${JSON.stringify(m.subject)}${m.tagName ? `  tag ${m.tagName}` : ""}`,
  );
}

function messageText(m: StoredMessage): string {
  const headers = [
    `From: ${m.fromAlias ? `${m.fromAlias} <${m.accountName}>` : m.accountName}`,
    `To: ${m.to.join(", ")}`,
    ...(m.replyTo ? [`Reply-To: ${m.replyTo}`] : []),
    `Subject: ${m.subject}`,
    ...(m.tagName ? [`Tag: ${m.tagName}`] : []),
    `Via: ${m.channel}  Accepted: ${m.acceptedAt}  EnvId: ${m.envId}`,
  ].map((line) => printable(line));
  const bodies = ["--- text ---", m.textBody ?? "(none)", "--- html ---", m.htmlBody ?? "(none)"].map((text) => printable(text, true));
  return `${[...headers, "", ...bodies].join("\n")}\n`;
}

/** `mail list|show ID|clear --state FILE`: the mail an emulator accepted, read from its state file under its lock. */
async function mailCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { state: { type: "string" }, sender: { type: "string" }, tag: { type: "string" }, json: { type: "boolean" } },
  });
  const [action, id, ...extra] = positionals;
  const usage = "mail: use `mail list --state FILE`, `mail show ID --state FILE` or `mail clear --state FILE`";
  if (!["list", "show", "clear"].includes(action) || (action === "show") !== (id !== undefined) || extra.length > 0) throw new Error(usage);
  if (!values.state) throw new Error("mail: --state FILE is required: the mail is kept in the emulator's state file");
  if (!existsSync(values.state)) throw new Error(`mail: there is no emulator state file at ${values.state}`);
  const out = (text: string): void => {
    process.stdout.write(text);
  };
  if (action === "clear") {
    const count = await onStateFile(values.state, true, (models) => models.sending.clear());
    return out(`cleared ${count} message${count === 1 ? "" : "s"}\n`);
  }
  const messages = await onStateFile(values.state, false, (models) =>
    models.sending.messages({ sender: values.sender, tagName: values.tag }),
  );
  if (action === "show") {
    const found = messages.find((m) => m.id === id);
    if (!found) throw new Error(`mail: no message ${id} (see \`mail list\`)`);
    return out(values.json ? `${JSON.stringify(found, null, 2)}\n` : messageText(found));
  }
  if (values.json) return out(`${JSON.stringify(messages, null, 2)}\n`);
  out(messages.length ? `${messages.map(messageLine).join("\n")}\n` : "no mail\n");
}

async function main(): Promise<void> {
  if (process.argv[2] === "dns") return dnsCommand(process.argv.slice(3));
  if (process.argv[2] === "list") return listCommand(process.argv.slice(3));
  if (process.argv[2] === "--version") {
    process.stdout.write(`directmail-emulator ${version()} (pulumi-directmail)\n`);
    return;
  }
  if (process.argv[2] === "mail") return mailCommand(process.argv.slice(3));
  const { values } = parseArgs({
    options: {
      host: { type: "string" },
      port: { type: "string" },
      "smtp-port": { type: "string" },
      "smtp-max-bytes": { type: "string" },
      "no-smtp": { type: "boolean" },
      "inbox-port": { type: "string" },
      "no-inbox": { type: "boolean" },
      domain: { type: "string", multiple: true },
      "unverified-domain": { type: "string", multiple: true },
      "access-key": { type: "string", multiple: true },
      "access-key-file": { type: "string", multiple: true },
      "address-limit": { type: "string" },
      "domain-limit": { type: "string" },
      "monthly-delete-limit": { type: "string" },
      "tag-limit": { type: "string" },
      state: { type: "string" },
      "no-rate-limits": { type: "boolean" },
      "no-callback-actions": { type: "boolean" },
      "throttle-rate": { type: "string" },
      "unavailable-rate": { type: "string" },
      "internal-error-rate": { type: "string" },
      "drop-rate": { type: "string" },
      "commit-then-drop-rate": { type: "string" },
      "wrong-endpoint-rate": { type: "string" },
      "latency-ms": { type: "string" },
      seed: { type: "string" },
      dialect: { type: "string", multiple: true },
      quiet: { type: "boolean" },
      "sts-role": { type: "string", multiple: true },
      "oidc-provider": { type: "string", multiple: true },
      "session-seconds": { type: "string" },
      "ecs-role": { type: "string" },
      "ecs-no-role": { type: "boolean" },
      "credentials-uri": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const chosen = chooseKeys({
    accessKey: values["access-key"],
    accessKeyFile: values["access-key-file"],
    state: values.state,
    env: process.env,
  });
  const exposure = exposureWarning(values.host ?? "127.0.0.1", chosen.keys);
  for (const warning of [...chosen.warnings, ...(exposure ? [exposure] : [])])
    process.stderr.write(`directmail-emulator: warning: ${warning}\n`);
  const emulator = await startEmulator({
    host: values.host,
    port: count(values.port, "port") ?? 0,
    inbox: values["no-inbox"] ? false : { port: count(values["inbox-port"], "inbox-port") ?? 0 },
    smtp: values["no-smtp"]
      ? false
      : { port: count(values["smtp-port"], "smtp-port") ?? 0, maxMessageBytes: count(values["smtp-max-bytes"], "smtp-max-bytes") },
    domains: values.domain ?? DEMO_DOMAINS,
    unverifiedDomains: values["unverified-domain"],
    accessKeys: chosen.keys,
    addressLimit: count(values["address-limit"], "address-limit"),
    domainLimit: count(values["domain-limit"], "domain-limit"),
    monthlyDeleteLimit: count(values["monthly-delete-limit"], "monthly-delete-limit"),
    tagLimit: count(values["tag-limit"], "tag-limit"),
    persistPath: values.state,
    rateLimits: values["no-rate-limits"] ? false : undefined,
    callbackActions: !values["no-callback-actions"],
    dialect: Object.assign({}, ...(values.dialect ?? []).map(dialectSetting)),
    faults: {
      rates: {
        throttle: rate(values["throttle-rate"], "throttle-rate"),
        unavailable: rate(values["unavailable-rate"], "unavailable-rate"),
        internal: rate(values["internal-error-rate"], "internal-error-rate"),
        drop: rate(values["drop-rate"], "drop-rate"),
        commitThenDrop: rate(values["commit-then-drop-rate"], "commit-then-drop-rate"),
        wrongEndpoint: rate(values["wrong-endpoint-rate"], "wrong-endpoint-rate"),
      },
      latencyMs: latencyMs(values["latency-ms"]),
      seed: count(values.seed, "seed"),
    },
    log: values.quiet ? undefined : (line) => process.stderr.write(`${new Date().toISOString()} ${line}\n`),
    sts:
      values["sts-role"] || values["oidc-provider"]
        ? {
            roles: values["sts-role"]?.map(stsRole),
            oidcProviders: values["oidc-provider"]?.map(oidcProvider),
            sessionSeconds: count(values["session-seconds"], "session-seconds"),
          }
        : undefined,
    ecsMetadata:
      values["ecs-role"] || values["ecs-no-role"]
        ? { roleName: values["ecs-role"], sessionSeconds: count(values["session-seconds"], "session-seconds") }
        : undefined,
    credentialsUri: values["credentials-uri"] ? { sessionSeconds: count(values["session-seconds"], "session-seconds") } : undefined,
  });
  // The URL alone on the first line, so scripts can read it; SMTP's on the second.
  process.stdout.write(`${emulator.url}\n`);
  if (emulator.smtp) {
    process.stdout.write(`smtp://${emulator.smtp.host}:${emulator.smtp.port}\n`);
    process.stderr.write(
      `directmail-emulator SMTP submission on ${emulator.smtp.host}:${emulator.smtp.port} (AUTH LOGIN/PLAIN: a sender address and its SMTP password)\n`,
    );
  }
  if (emulator.inbox) {
    process.stdout.write(`${emulator.inbox.url}/\n`);
    process.stderr.write(`directmail-emulator web inbox on ${emulator.inbox.url}/\n`);
  }
  const keysFrom = chosen.from.length > 0 ? ` from ${chosen.from.join(", ")}` : "";
  process.stderr.write(
    `directmail-emulator listening on ${emulator.url} (access key id "${emulator.accessKey.id}"${keysFrom}; Ctrl-C to stop)\n`,
  );
  if (emulator.stsUrl) process.stderr.write(`STS on ${emulator.stsUrl} (directmail:stsEndpoint)\n`);
  if (emulator.ecsMetadataUrl)
    process.stderr.write(`ECS metadata service on ${emulator.ecsMetadataUrl} (directmail:ecsMetadataEndpoint)\n`);
  if (emulator.credentialsUri) process.stderr.write(`credentials URI ${emulator.credentialsUri} (ALIBABA_CLOUD_CREDENTIALS_URI)\n`);
  const stop = (signal: string) => {
    process.stderr.write(`directmail-emulator: ${signal}, stopping\n`);
    emulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

main().catch((err: Error) => {
  process.stderr.write(`directmail-emulator: ${err.message}\n`);
  process.exit(2);
});
