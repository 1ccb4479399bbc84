import { Case, checkRows, wireRows } from "./support";

/** The delivery notify URL of a sender (MailAddressNotifyUrl). */
export const CASES: Case[] = [
  ...checkRows("MailAddressNotifyUrl", [
    [{ notifyUrl: "https://h.example.com/x" }, "mailFrom", "mailFrom is required"],
    [{ mailFrom: "a@example.com" }, "notifyUrl", "notifyUrl is required"],
    [{ mailFrom: "nope", notifyUrl: "https://h.example.com/x" }, "mailFrom", "exactly one @"],
    [{ mailFrom: "a@example.com", notifyUrl: "ftp://x" }, "notifyUrl", "notifyUrl must use http or https, not ftp"],
    [{ mailFrom: "a@example.com", notifyUrl: "not a url" }, "notifyUrl", "must be an absolute URL"],
    [{ mailFrom: "a@example.com", notifyUrl: `https://h.example.com/${"p".repeat(520)}` }, "notifyUrl", "at most 512 characters"],
    [{ mailFrom: "a@example.com", notifyUrl: "https://h.example.com/x", region: "mars-1" }, "region", "not a DirectMail region"],
  ]),
  ...wireRows([
    [{ Action: "UpdateMailAddressMsgCallBackUrl", MailFrom: "base@example.com", NotifyUrl: "ftp://x" }, 400, "InvalidNotifyUrl.Malformed"],
    [
      { Action: "UpdateMailAddressMsgCallBackUrl", MailFrom: "nobody@example.com", NotifyUrl: "https://h.example.com/x" },
      404,
      "InvalidMailAddress.NotFound",
    ],
    [{ Action: "GetMailAddressMsgCallBackUrl", MailFrom: "nobody@example.com" }, 404, "InvalidMailAddress.NotFound"],
  ]),
];
