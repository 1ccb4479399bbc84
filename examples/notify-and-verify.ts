import { MailAddress, MailAddressNotifyUrl } from "pulumi-directmail";

/**
 * A newsletter sender whose reply address is verified as part of `pulumi up`
 * (the verification mail goes out), and whose delivery reports are posted to
 * a webhook. Once the mail's link ticket is known, pass it as
 * `replyVerificationTicket` to approve the reply address.
 */
export function notifyAndVerify(options: { password: string; replyVerificationTicket?: string; notifyUrl?: string }) {
  const sender = new MailAddress("newsletter", {
    accountName: "newsletter@example.com",
    sendtype: "batch",
    password: options.password,
    replyAddress: "replies@example.org",
    verifyReplyAddress: true,
    verificationLanguage: "en",
    replyVerificationTicket: options.replyVerificationTicket,
  });
  const reports = new MailAddressNotifyUrl("newsletter-reports", {
    mailFrom: sender.accountName,
    notifyUrl: options.notifyUrl ?? "https://hooks.example.com/directmail/reports",
  });
  return {
    replyAddressStatus: sender.replyAddressStatus,
    notifyUrl: reports.notifyUrl,
  };
}
