import * as pulumi from "@pulumi/pulumi";
import type * as randomTypes from "@pulumi/random";
import { MailAddress, MailAddressNotifyUrl, Sendtype } from "../provider";

/**
 * Declarative provisioning: the sender addresses listed in stack config,
 * each with its SMTP credentials exported for the services that send mail.
 *
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

export function provisionSenders(
  senders: readonly SenderSpec[],
  passwords: Readonly<Record<string, pulumi.Input<string>>> = {},
): Record<string, SenderOutputs> {
  const result: Record<string, SenderOutputs> = {};
  for (const spec of senders) {
    const name = resourceName(spec.accountName);
    const password = passwords[spec.accountName] ?? generatedPassword(name);
    const address = new MailAddress(name, {
      accountName: spec.accountName,
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

/** The program of the root Pulumi.yaml: reads `senders` and the secret `passwords` map from stack config. */
export function program(): { senders: Record<string, SenderOutputs> } {
  const senders = new pulumi.Config().requireObject<SenderSpec[]>("senders");
  return { senders: provisionSenders(senders, configuredPasswords()) };
}
