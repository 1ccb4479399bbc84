import { DirectMailServiceError } from "../../client";
import { harness, Harness } from "../support/emulator";

/** SingleSendMail through our client: the documented rules, the sender's rules, the quota, and what is kept. */

let h: Harness;
beforeEach(async () => {
  h = await harness({ domains: ["example.com"], unverifiedDomains: ["pending.example.net"] });
});
afterEach(() => h.close());

async function sender(accountName = "app@example.com"): Promise<string> {
  return (await h.client.createMailAddress({ accountName, sendtype: "trigger" })).mailAddressId;
}

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => "sent",
    (e: unknown) => (e instanceof DirectMailServiceError ? e.code : String(e)),
  );

it("accepts a mail, keeps it with its sender, recipients, bodies and tag, and counts it in QueryMailAddressByParam", async () => {
  await sender();
  await h.client.createTag({ tagName: "welcome" });
  const sent = await h.client.singleSendMail({
    accountName: "App@example.com",
    toAddress: ["a@example.org", "b@example.org"],
    subject: "Hello",
    htmlBody: "<p>Hi</p>",
    textBody: "Hi",
    fromAlias: "App",
    tagName: "welcome",
  });
  expect(sent.envId).toMatch(/^\d+$/);
  const [kept] = await h.emulator.inspect.messages();
  expect(kept).toMatchObject({
    channel: "api",
    accountName: "app@example.com",
    to: ["a@example.org", "b@example.org"],
    subject: "Hello",
    htmlBody: "<p>Hi</p>",
    textBody: "Hi",
    fromAlias: "App",
    tagName: "welcome",
    envId: sent.envId,
    region: "cn-hangzhou",
  });
  const address = await h.client.findMailAddressByName("app@example.com");
  // Two recipients: two mails of the quota (the default dialect, usageCounts=recipients).
  expect(address).toMatchObject({ dailyReqCount: 2, monthReqCount: 2 });
  expect(await h.emulator.inspect.messages({ tagName: "other" })).toEqual([]);
  expect(await h.emulator.inspect.messages({ sender: "APP@example.com" })).toHaveLength(1);
});

it("refuses each documented rule with its code, and keeps nothing refused", async () => {
  await sender();
  const base = { accountName: "app@example.com", toAddress: "a@example.org", subject: "s", textBody: "t" };
  expect(await codeOf(h.client.singleSendMail({ ...base, toAddress: "not-an-address" }))).toBe("InvalidToAddress");
  const many = Array.from({ length: 101 }, (_, i) => `r${i}@example.org`);
  expect(await codeOf(h.client.singleSendMail({ ...base, toAddress: many }))).toBe("InvalidToAddress");
  expect(await codeOf(h.client.singleSendMail({ ...base, subject: "x".repeat(257) }))).toBe("InvalidSubject.Malformed");
  expect(await codeOf(h.client.singleSendMail({ ...base, textBody: undefined }))).toBe("InvalidBody");
  expect(await codeOf(h.client.singleSendMail({ ...base, fromAlias: "x".repeat(15) }))).toBe("InvalidFromAlias.Malformed");
  expect(await codeOf(h.client.singleSendMail({ ...base, tagName: "no spaces" }))).toBe("InvalidTagName.Malformed");
  // A well-formed name the account has no tag of: the send is refused, not tagged with nothing.
  expect(await codeOf(h.client.singleSendMail({ ...base, tagName: "never_created" }))).toBe("InvalidTagName.NotFound");
  expect(await codeOf(h.client.singleSendMail({ ...base, accountName: "nobody@example.com" }))).toBe("InvalidMailAddress.NotFound");
  expect(await codeOf(h.client.singleSendMail({ ...base, replyToAddress: true }))).toBe("InvalidReplyAddress.NotSet");
  h.emulator.inspect.setAccountStatus("cn-hangzhou", "app@example.com", 1);
  expect(await codeOf(h.client.singleSendMail(base))).toBe("InvalidMailAddressStatus.Malformed");
  expect(await h.emulator.inspect.messages()).toEqual([]);
  expect(await h.client.findMailAddressByName("app@example.com")).toMatchObject({ dailyReqCount: 0, monthReqCount: 0 });
});

it("takes 100 recipients, and a mail of exactly the subject limit", async () => {
  await sender();
  const hundred = Array.from({ length: 100 }, (_, i) => `r${i}@example.org`);
  await h.client.singleSendMail({ accountName: "app@example.com", toAddress: hundred, subject: "x".repeat(256), textBody: "t" });
  expect((await h.emulator.inspect.messages())[0].to).toHaveLength(100);
});

it("refuses a sender whose quota is used up, daily then monthly, and the day's count starts again the next day", async () => {
  let now = new Date("2026-03-10T10:00:00Z");
  // A clock of its own: the signature window is widened so that requests signed with the real time still pass.
  const q = await harness({
    domains: ["example.com"],
    now: () => now,
    timestampWindowMs: 10 * 365 * 86_400_000,
    dialect: { usageCounts: "requests" },
  });
  try {
    await q.client.createMailAddress({ accountName: "app@example.com", sendtype: "trigger" });
    const stored = q.emulator.inspect.allAddresses()[0];
    expect(stored).toMatchObject({ dailyCount: 10000, monthCount: 300000 });
    q.emulator.inspect.setQuota("cn-hangzhou", "app@example.com", { daily: 2, monthly: 3 });
    const send = () =>
      codeOf(
        q.client.singleSendMail({ accountName: "app@example.com", toAddress: "a@example.org,b@example.org", subject: "s", textBody: "t" }),
      );
    expect(await send()).toBe("sent");
    expect(await send()).toBe("sent");
    expect(await send()).toBe("InvalidQuota.Exceeded");
    now = new Date("2026-03-11T10:00:00Z");
    expect(await q.client.findMailAddressByName("app@example.com")).toMatchObject({ dailyReqCount: 0, monthReqCount: 2 });
    expect(await send()).toBe("sent");
    expect(await send()).toBe("InvalidQuota.Exceeded");
    expect(await q.emulator.inspect.messages()).toHaveLength(3);
  } finally {
    await q.close();
  }
});

it("refuses a sender on a domain that is not verified", async () => {
  // The address could only be created while its domain was usable: its records are withdrawn and checked, then it sends.
  await h.client.createMailAddress({ accountName: "app@example.com", sendtype: "trigger" });
  await h.emulator.dns({ domainName: "example.com", action: "withdraw" });
  const domain = h.emulator.inspect.allDomains().find((d) => d.domainName === "example.com");
  await h.client.checkDomain(String(domain?.id));
  expect(
    await codeOf(h.client.singleSendMail({ accountName: "app@example.com", toAddress: "a@example.org", subject: "s", textBody: "t" })),
  ).toBe("InvalidMailAddressDomainStatus.Malformed");
});
