import { Case, checkRows, wireRows } from "./support";

/** Sending domains (MailDomain). */
export const CASES: Case[] = [
  ...checkRows("MailDomain", [
    [{}, "domainName", "domainName is required"],
    [{ domainName: "localhost" }, "domainName", "is not a domain name"],
    [{ domainName: "under_score.example.com" }, "domainName", "may hold only letters, digits, dots and hyphens"],
    [{ domainName: `${"a".repeat(45)}.example.com` }, "domainName", "must be at most 50 characters (it has 57)"],
    [{ domainName: "-lead.example.com" }, "domainName", "is not a domain name"],
    [{ domainName: "mail.example.com", dkimSelector: "-sel" }, "dkimSelector", "may hold only letters, digits and inner hyphens"],
    [{ domainName: "mail.example.com", dkimSelector: "s".repeat(61) }, "dkimSelector", "must be at most 60 characters (it has 61)"],
    [{ domainName: "mail.example.com", dkimSelector: "a.b" }, "dkimSelector", "may hold only letters, digits and inner hyphens"],
    [
      { domainName: "mail.example.com", waitForVerification: true },
      "waitForVerification",
      "must be an object such as { timeoutMinutes: 30 }",
    ],
    [
      { domainName: "mail.example.com", waitForVerification: { timeoutMinutes: 0 } },
      "waitForVerification",
      "timeoutMinutes must be more than 0 and at most 2880, not 0",
    ],
    [{ domainName: "mail.example.com", waitForVerification: { timeoutMinutes: "10" } }, "waitForVerification", 'not "10"'],
    [
      { domainName: "mail.example.com", waitForVerification: { timeout: 10 } },
      "waitForVerification",
      'has no setting "timeout"; it takes timeoutMinutes',
    ],
    [{ domainName: "mail.example.com", region: "cn-beijing" }, "region", "not a DirectMail region"],
    [{ domainName: "mail.example.com", adopt: "yes" }, "adopt", "true or false"],
  ]),
  ...wireRows([
    [{ Action: "CreateDomain" }, 400, "MissingDomainName"],
    [{ Action: "CreateDomain", DomainName: "localhost" }, 400, "InvalidDomainName.Malformed"],
    [{ Action: "CreateDomain", DomainName: "a_b.example.com" }, 400, "InvalidDomainName.Malformed"],
    [{ Action: "CreateDomain", DomainName: `${"a".repeat(45)}.example.com` }, 400, "InvalidDomainName.Malformed"],
    [{ Action: "CreateDomain", DomainName: "example.com" }, 400, "InvalidDomainName.Duplicate"],
    [{ Action: "CreateDomain", DomainName: "ok.example.net", dkimSelector: "bad_selector" }, 400, "InvalidParameter"],
    [{ Action: "DescDomain", DomainId: "2147483647" }, 404, "InvalidDomainId.NotFound"],
    [{ Action: "DescDomain", DomainId: "0x10" }, 400, "InvalidParameter"],
    [{ Action: "DescDomain" }, 400, "MissingDomainId"],
    [{ Action: "CheckDomain", DomainId: "2147483647" }, 404, "InvalidDomainId.NotFound"],
    [{ Action: "DeleteDomain", DomainId: "2147483647" }, 404, "InvalidDomainId.NotFound"],
    [{ Action: "QueryDomainByParam", Status: "9" }, 400, "InvalidParameter"],
    [{ Action: "QueryDomainByParam", KeyWord: "k".repeat(51) }, 400, "InvalidParameter"],
  ]),
];
