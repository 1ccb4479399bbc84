import * as pulumi from "@pulumi/pulumi";
import type * as randomTypes from "@pulumi/random";
import { MailAddress, MailAddressNotifyUrl, MailDomain, Sendtype } from "../provider";

/**
 * Declarative provisioning: the sending domains and sender addresses listed
 * in stack config, each domain with the DNS records to publish, each sender
 * with its SMTP credentials exported for the services that send mail.
 *
 *   pulumi config set --path 'domains[0].domainName' mail.example.net
 *   pulumi config set --path 'senders[0].accountName' noreply@example.com
 *   pulumi config set --path 'senders[0].sendtype' trigger
 *   pulumi config set --secret --path 'passwords["noreply@example.com"]' '...'
 */

export interface SenderSpec {
  readonly accountName: string;
  readonly sendtype: Sendtype;
  readonly replyAddress?: string;
  readonly notifyUrl?: string;
  readonly verifyReplyAddress?: boolean;
  readonly region?: string;
  readonly adopt?: boolean;
}

/** A sending domain to set up first; senders on it are created once it is verified. */
export interface DomainSpec {
  readonly domainName: string;
  readonly region?: string;
  /** How long `pulumi up` waits for DirectMail to verify it; 30 when left out. */
  readonly waitMinutes?: number;
  readonly adopt?: boolean;
}

export interface DomainOutputs {
  readonly domainId: pulumi.Output<string>;
  readonly status: pulumi.Output<string>;
  readonly dnsRecords: MailDomain["dnsRecords"];
}

export interface SenderOutputs {
  readonly mailAddressId: pulumi.Output<string>;
  readonly smtpHost: pulumi.Output<string>;
  readonly smtpUsername: pulumi.Output<string>;
  readonly smtpPassword: pulumi.Output<string>;
  readonly replyAddressStatus: pulumi.Output<string>;
}

/** A name Pulumi accepts for the address's resources. */
function resourceName(accountName: string): string {
  return accountName.toLowerCase().replace(/[^a-z0-9]+/g, "-");
}

/**
 * A password shaped to DirectMail's rules, for senders with no password in
 * config. Needs @pulumi/random's provider plugin, which the engine downloads
 * on a normal machine (not on offline build machines; see CONTRIBUTING.md).
 */
function generatedPassword(name: string): pulumi.Output<string> {
  // Loaded only when a sender needs it, so programs that pass every password never load the package.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const random = require("@pulumi/random") as typeof randomTypes;
  return new random.RandomPassword(`${name}-smtp`, {
    length: 16,
    minUpper: 2,
    minLower: 2,
    minNumeric: 2,
    special: false,
  }).result;
}

/** The domains, each waited for until verified. */
export function provisionDomains(domains: readonly DomainSpec[]): Record<string, MailDomain> {
  return Object.fromEntries(
    domains.map((spec) => [
      spec.domainName.toLowerCase(),
      new MailDomain(resourceName(spec.domainName), {
        domainName: spec.domainName,
        region: spec.region,
        adopt: spec.adopt,
        waitForVerification: { timeoutMinutes: spec.waitMinutes ?? 30 },
      }),
    ]),
  );
}

export function provisionSenders(
  senders: readonly SenderSpec[],
  passwords: Readonly<Record<string, pulumi.Input<string>>> = {},
  domains: Readonly<Record<string, MailDomain>> = {},
): Record<string, SenderOutputs> {
  const result: Record<string, SenderOutputs> = {};
  for (const spec of senders) {
    const name = resourceName(spec.accountName);
    const password = passwords[spec.accountName] ?? generatedPassword(name);
    const [local, domainName] = spec.accountName.split("@");
    const domain = domainName ? domains[domainName.toLowerCase()] : undefined;
    const address = new MailAddress(name, {
      // On a declared domain, the name comes from its output: created after it is verified, deleted before it.
      accountName: domain ? pulumi.interpolate`${local}@${domain.domainName}` : spec.accountName,
      sendtype: spec.sendtype,
      replyAddress: spec.replyAddress,
      verifyReplyAddress: spec.verifyReplyAddress,
      region: spec.region,
      adopt: spec.adopt,
      password,
    });
    if (spec.notifyUrl) {
      new MailAddressNotifyUrl(`${name}-notify`, { mailFrom: address.accountName, notifyUrl: spec.notifyUrl, region: address.region });
    }
    result[spec.accountName] = {
      mailAddressId: address.mailAddressId,
      smtpHost: address.smtpHost,
      smtpUsername: address.smtpUsername,
      smtpPassword: pulumi.secret(address.password.apply((p) => p ?? "")),
      replyAddressStatus: address.replyAddressStatus,
    };
  }
  return result;
}

/**
 * The secret `passwords` map (address -> password). Read raw and wrapped as
 * secrets at once, because which senders need a generated password must be
 * known while the program declares resources, not later inside an Output.
 */
function configuredPasswords(): Record<string, pulumi.Output<string>> {
  const raw = pulumi.runtime.getConfig(`${pulumi.getProject()}:passwords`);
  if (!raw) return {};
  const parsed = JSON.parse(raw) as Record<string, string>;
  return Object.fromEntries(Object.entries(parsed).map(([address, password]) => [address, pulumi.secret(password)]));
}

/** The program of the root Pulumi.yaml: reads `domains`, `senders` and the secret `passwords` map from stack config. */
export function program(): { domains: Record<string, DomainOutputs>; senders: Record<string, SenderOutputs> } {
  const config = new pulumi.Config();
  const domains = provisionDomains(config.getObject<DomainSpec[]>("domains") ?? []);
  const senders = provisionSenders(config.requireObject<SenderSpec[]>("senders"), configuredPasswords(), domains);
  return {
    domains: Object.fromEntries(
      Object.entries(domains).map(([name, d]) => [name, { domainId: d.domainId, status: d.status, dnsRecords: d.dnsRecords }]),
    ),
    senders,
  };
}
