import { MailAddress, MailAddressNotifyUrl } from "../../provider";
import { deploy, Deployment } from "../support/engine";

/** Bad input fails at preview, in `check`, naming the property and the rule, before any API call. */

let d: Deployment;
beforeAll(async () => {
  d = await deploy();
});
afterAll(() => d.close());

const SECRET_LOOKING = "tooShort";

const cases: Array<[string, () => void, string[]]> = [
  [
    "a malformed address",
    () => new MailAddress("bad-name", { accountName: "not-an-address", sendtype: "batch" }),
    [`accountName "not-an-address" must contain exactly one @ (local@domain)`],
  ],
  [
    "an unknown sendtype",
    () => new MailAddress("bad-type", { accountName: "ok@example.com", sendtype: "bulk" as "batch" }),
    [`sendtype must be one of "batch", "trigger", not "bulk"`],
  ],
  [
    "a weak password (every broken rule, never the value)",
    () => new MailAddress("bad-password", { accountName: "pw@example.com", sendtype: "trigger", password: SECRET_LOOKING }),
    [
      "password must be 10 to 20 characters long (it has 8)",
      "password must contain at least 2 digits",
      "password must contain at least 2 upper-case letters",
    ],
  ],
  [
    "an unknown region",
    () => new MailAddress("bad-region", { accountName: "r@example.com", sendtype: "trigger", region: "mars-north-1" }),
    [`region "mars-north-1" is not a DirectMail region`],
  ],
  [
    "verification without a reply address",
    () => new MailAddress("bad-verify", { accountName: "v@example.com", sendtype: "trigger", verifyReplyAddress: true }),
    ["verifyReplyAddress needs replyAddress"],
  ],
  [
    "a notify URL that is not http(s)",
    () => new MailAddressNotifyUrl("bad-url", { mailFrom: "ok@example.com", notifyUrl: "mailto:ops@example.com" }),
    ["notifyUrl must use http or https, not mailto"],
  ],
];

test.each(cases)("%s fails at preview, naming the property and rule, with no API call", async (_name, declare, messages) => {
  d.output.length = 0;
  d.setProgram(async () => {
    declare();
    return {};
  });
  const err = await d.preview().then(
    () => undefined,
    (e: Error) => e,
  );
  expect(err).toBeDefined();
  const text = `${err?.message}\n${d.output.join("")}`;
  for (const message of messages) expect(text).toContain(message);
  expect(text).not.toContain(SECRET_LOOKING);
  expect(d.emulator.requests).toEqual([]);
});

test("up refuses a bad program without creating anything", async () => {
  d.setProgram(async () => {
    new MailAddress("good", { accountName: "good@example.com", sendtype: "batch" });
    new MailAddress("bad", { accountName: "bad@", sendtype: "batch" });
    return {};
  });
  await expect(d.up()).rejects.toThrow(/accountName "bad@" has an invalid domain ""/);
  expect(d.emulator.inspect.allAddresses().map((a) => a.accountName)).not.toContain("bad@");
  await d.destroy();
});

test("a mistyped directmail:* key fails at preview, naming it and the nearest known key, with no API call", async () => {
  d.output.length = 0;
  // Earlier tests here ran an up: only what this preview sends counts.
  const before = d.emulator.requests.length;
  await d.local.stack.setConfig("directmail:endpont", { value: "embedded" });
  try {
    d.setProgram(async () => {
      new MailAddress("typo", { accountName: "typo@example.com", sendtype: "batch" });
      return {};
    });
    const err = await d.preview().then(
      () => undefined,
      (e: Error) => e,
    );
    const text = `${err?.message}\n${d.output.join("")}`;
    expect(text).toContain("directmail:endpont is not a setting of pulumi-directmail; did you mean directmail:endpoint?");
    expect(d.emulator.requests.slice(before)).toEqual([]);
  } finally {
    await d.local.stack.removeConfig("directmail:endpont");
  }
});
