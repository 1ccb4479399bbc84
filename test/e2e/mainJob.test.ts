import { runMainJob } from "../../scripts/main";

test("the main job (npm start) deploys Pulumi.yaml with the pulumi command line, finds and fixes drift made by hand, and cleans up", async () => {
  const lines: string[] = [];
  const result = await runMainJob((line) => lines.push(line));
  // The domain, 3 addresses, 1 notify URL and the stack itself.
  expect(result).toEqual({
    domainStatus: "verified",
    created: 6,
    driftFound: 1,
    driftFixed: 1,
    deleted: 6,
    leftAfterDestroy: 0,
    domainsLeft: 0,
    mailArrived: 'smtp  noreply@mail.example.net -> customer@example.org  "Your order has shipped"',
  });
  const text = lines.join("\n");
  expect(text).toContain(`reply address as "intruder@example.org"`);
  expect(text).toContain(`the account has reply address "replies@example.org"`);
  expect(text).toContain("smtp smtpdm-ap-southeast-1.aliyun.com");
  expect(text).toContain("verification mail sent to replies@example.org");
  expect(text).toContain("password [secret]");
  expect(text).toContain("published every record of mail.example.net in cn-hangzhou");
  expect(text).toContain("mail.example.net: verified; records: TXT aliyundm.mail.example.net, TXT mail.example.net, MX mail.example.net");
  expect(text).toContain("user noreply@mail.example.net");
  expect(text).not.toMatch(/NOreply2024x|NEwsletter77|ALerts2024yz/);
});
