import * as pulumi from "@pulumi/pulumi";
import type { Sendtype } from "../client/types";
import { lazyProvider } from "./lazyProvider";

export interface MailAddressArgs {
  /** The sender address, `local@domain`; the domain must be configured and verified in DirectMail. Replaces on change. */
  readonly accountName: pulumi.Input<string>;
  /** `batch` (marketing) or `trigger` (transactional). Replaces on change. */
  readonly sendtype: pulumi.Input<Sendtype>;
  /** Reply-to address. Updates in place. Left out, it is not managed (whatever the service has stays). */
  readonly replyAddress?: pulumi.Input<string>;
  /** SMTP password; always stored as a secret. Updates in place. DirectMail cannot read it back or unset it. */
  readonly password?: pulumi.Input<string>;
  /** DirectMail region for this address; defaults to `directmail:region`. Replaces on change. */
  readonly region?: pulumi.Input<string>;
  /** Take over an address that already exists instead of failing (pulumi import does not work for dynamic resources). */
  readonly adopt?: pulumi.Input<boolean>;
  /** Send the reply-address verification mail (CheckReplyToMailAddress) when the reply address is set or changes. */
  readonly verifyReplyAddress?: pulumi.Input<boolean>;
  /** Language of the verification mail: `en` (default) or `zh`. */
  readonly verificationLanguage?: pulumi.Input<"en" | "zh">;
  /** The ticket from the verification mail's link; approves the reply address (ApproveReplyMailAddress). Secret. */
  readonly replyVerificationTicket?: pulumi.Input<string>;
}

/** Outputs that come from the service rather than from the inputs. */
const SERVICE_OUTPUTS = [
  "mailAddressId",
  "adopted",
  "accountStatus",
  "replyAddressStatus",
  "domainStatus",
  "createTime",
  "dailyQuota",
  "monthlyQuota",
  "dailyUsage",
  "monthlyUsage",
  "smtpHost",
  "smtpUsername",
] as const;

/**
 * A DirectMail sender address. See README.md for what replaces, what updates
 * and how drift is handled.
 */
export class MailAddress extends pulumi.dynamic.Resource {
  declare readonly mailAddressId: pulumi.Output<string>;
  declare readonly accountName: pulumi.Output<string>;
  declare readonly sendtype: pulumi.Output<Sendtype>;
  declare readonly replyAddress: pulumi.Output<string | undefined>;
  declare readonly password: pulumi.Output<string | undefined>;
  declare readonly region: pulumi.Output<string>;
  declare readonly adopt: pulumi.Output<boolean | undefined>;
  declare readonly adopted: pulumi.Output<boolean>;
  declare readonly verifyReplyAddress: pulumi.Output<boolean | undefined>;
  declare readonly verificationLanguage: pulumi.Output<string | undefined>;
  declare readonly replyVerificationTicket: pulumi.Output<string | undefined>;
  /** `normal` or `frozen`. */
  declare readonly accountStatus: pulumi.Output<string>;
  /** `verified`, `unverified` or `none` (no reply address). */
  declare readonly replyAddressStatus: pulumi.Output<string>;
  /** `normal` or `abnormal`. */
  declare readonly domainStatus: pulumi.Output<string>;
  /** As DirectMail reports it, to the minute: `2024-05-01T09:30Z`. */
  declare readonly createTime: pulumi.Output<string>;
  declare readonly dailyQuota: pulumi.Output<number>;
  declare readonly monthlyQuota: pulumi.Output<number>;
  declare readonly dailyUsage: pulumi.Output<number>;
  declare readonly monthlyUsage: pulumi.Output<number>;
  /** The SMTP host of the address's region. */
  declare readonly smtpHost: pulumi.Output<string>;
  /** The SMTP user name: the address itself. */
  declare readonly smtpUsername: pulumi.Output<string>;

  constructor(name: string, args: MailAddressArgs, opts?: pulumi.CustomResourceOptions) {
    const props: Record<string, unknown> = {
      ...Object.fromEntries(SERVICE_OUTPUTS.map((k) => [k, undefined])),
      ...args,
      // Secret even when given as a plain string, so it is encrypted in state and masked in diffs.
      password: args.password === undefined ? undefined : pulumi.secret(args.password),
      replyVerificationTicket:
        args.replyVerificationTicket === undefined ? undefined : pulumi.secret(args.replyVerificationTicket),
    };
    super(
      lazyProvider("MailAddress"),
      name,
      props,
      pulumi.mergeOptions(opts, { additionalSecretOutputs: ["password", "replyVerificationTicket"] }),
      "directmail",
      "MailAddress",
    );
  }
}
