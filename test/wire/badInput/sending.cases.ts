import { Case, SMTP_LIMITS, SMTP_SENDER, wireRows } from "./support";

/**
 * Sending: SingleSendMail's parameters (on the wire, from base@example.com, which
 * may send), and SMTP submission's commands and messages. Every row is refused
 * with its code, keeps nothing, and leaves the emulator serving.
 */

const send = (extra: Record<string, string>): Record<string, string> => ({
  Action: "SingleSendMail",
  AccountName: "base@example.com",
  AddressType: "1",
  ReplyToAddress: "false",
  ToAddress: "to@example.org",
  Subject: "Hello",
  TextBody: "text",
  ...extra,
});

const FROM = SMTP_SENDER.accountName;
const message = (headers: string, body = "hello") => `${headers}\r\nSubject: s\r\n\r\n${body}\r\n.`;
const oneMail = (data: string) => ["{login}", `MAIL FROM:<${FROM}>`, "RCPT TO:<to@example.org>", "DATA", data];

export const CASES: Case[] = [
  ...wireRows([
    [send({ ToAddress: "" }), 400, "MissingToAddress"],
    [send({ ToAddress: "not-a-mailbox" }), 400, "InvalidToAddress"],
    [send({ ToAddress: "to@example.org\r\nBcc: evil@example.org" }), 400, "InvalidToAddress"],
    [send({ ToAddress: Array.from({ length: 101 }, (_, i) => `r${i}@example.org`).join(",") }), 400, "InvalidToAddress"],
    [send({ Subject: "" }), 400, "MissingSubject"],
    [send({ Subject: "Hi\r\nBcc: evil@example.org" }), 400, "InvalidSubject.Malformed"],
    [send({ Subject: "x".repeat(257) }), 400, "InvalidSubject.Malformed"],
    [send({ TextBody: "" }), 400, "InvalidBody"],
    [send({ FromAlias: "Shop\nBcc: evil@example.org" }), 400, "InvalidFromAlias.Malformed"],
    [send({ FromAlias: "x".repeat(15) }), 400, "InvalidFromAlias.Malformed"],
    [send({ TagName: "has space" }), 400, "InvalidTagName.Malformed"],
    [send({ TagName: "x".repeat(129) }), 400, "InvalidTagName.Malformed"],
    [send({ TagName: "no_such_tag" }), 404, "InvalidTagName.NotFound"],
    [send({ ReplyToAddress: "yes" }), 400, "InvalidParameter"],
    [send({ ReplyToAddress: "true" }), 400, "InvalidReplyAddress.NotSet"],
    [send({ AddressType: "2" }), 400, "InvalidParameter"],
    [send({ AddressType: "" }), 400, "MissingAddressType"],
    [send({ ClickTrace: "yes" }), 400, "InvalidParameter"],
    [send({ ReplyAddress: "not-a-mailbox" }), 400, "InvalidReplyAddress.Malformed"],
    [send({ AccountName: "nobody@example.com" }), 404, "InvalidMailAddress.NotFound"],
  ]),
  ...(
    [
      { name: "an unknown command", steps: ["FOO BAR"], code: 500 },
      { name: "MAIL before AUTH", steps: [`MAIL FROM:<${FROM}>`], code: 530 },
      { name: "RCPT before MAIL", steps: ["{login}", "RCPT TO:<to@example.org>"], code: 503 },
      { name: "AUTH PLAIN that is not base64", steps: ["AUTH PLAIN %%%not-base64%%%"], code: 501 },
      { name: "AUTH with a wrong password", steps: [`AUTH PLAIN ${Buffer.from(`\0${FROM}\0Wrong1234567`).toString("base64")}`], code: 526 },
      { name: "a MAIL FROM of another address", steps: ["{login}", "MAIL FROM:<other@example.com>"], code: 440 },
      { name: "a RCPT TO that is no mailbox", steps: ["{login}", `MAIL FROM:<${FROM}>`, "RCPT TO:<no-at-sign>"], code: 501 },
      {
        name: "a declared SIZE over the limit",
        steps: ["{login}", `MAIL FROM:<${FROM}> SIZE=${SMTP_LIMITS.maxMessageBytes + 1}`],
        code: 552,
      },
      {
        name: "a message over the size limit",
        steps: oneMail(message(`From: ${FROM}`, "x".repeat(SMTP_LIMITS.maxMessageBytes + 10))),
        code: 510,
      },
      { name: "MIME with no From header", steps: oneMail(message("To: to@example.org")), code: 554 },
      { name: "a From header of another address", steps: oneMail(message("From: other@example.com")), code: 440 },
      { name: "a From header with a second address", steps: oneMail(message(`From: ${FROM}, evil@example.org`)), code: 440 },
      { name: "an unreadable X-AliDM-Trace header", steps: oneMail(message(`From: ${FROM}\r\nX-AliDM-Trace: %%%`)), code: 554 },
      {
        name: "Bcc and Cc headers that try to add recipients (accepted for the envelope's only)",
        steps: oneMail(message(`From: ${FROM}\r\nTo: to@example.org\r\nCc: cc@example.org\r\nBcc: evil@example.org`)),
        code: 250,
        storedTo: ["to@example.org"],
      },
      {
        name: "a flood beyond the SMTP rate (here 3 a minute)",
        steps: [
          ...oneMail(message(`From: ${FROM}`)),
          ...[1, 2, 3].flatMap(() => [`MAIL FROM:<${FROM}>`, "RCPT TO:<to@example.org>", "DATA", message(`From: ${FROM}`)]),
        ],
        code: 451,
        acceptedBefore: 3,
      },
    ] as const
  ).map((c): Case => ({ layer: "smtp", ...c, steps: [...c.steps], storedTo: "storedTo" in c ? [...c.storedTo] : undefined })),
];
