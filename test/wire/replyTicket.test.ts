import { harness, Harness } from "../support/emulator";
import { ClientPool } from "../../provider/config/clientPool";
import { MailAddressRuntime } from "../../provider/resources/mailAddress/runtime";
import type { MailAddressInputs, MailAddressOutputs } from "../../provider/resources/mailAddress/schema";

/**
 * A reply-verification ticket belongs to one address id. The runtime over a
 * real emulator (loopback), as the provider process runs it; the engine's side
 * of the same flow is in the e2e suites.
 */

let h: Harness;
let runtime: MailAddressRuntime;
let pool: ClientPool;

beforeEach(async () => {
  h = await harness({ rateLimits: false });
  pool = new ClientPool({
    region: "cn-hangzhou",
    regionSource: "the test",
    unknownKeys: [],
    invalidSettings: [],
    endpoint: h.emulator.url,
    credentials: { accessKeyId: h.emulator.accessKey.id, accessKeySecret: h.emulator.accessKey.secret, env: {} },
  });
  runtime = new MailAddressRuntime(() => pool);
});
afterEach(async () => {
  await pool.close();
  await h.close();
});

const base: MailAddressInputs = {
  accountName: "replace@example.com",
  sendtype: "batch",
  region: "cn-hangzhou",
  replyAddress: "replies@example.org",
  verifyReplyAddress: true,
};

test("a replacement is not approved with the old address's spent ticket: it gets a verification mail of its own", async () => {
  const first = await runtime.create(base);
  const ticket = h.emulator.sentMail.at(-1)?.ticket as string;
  const approved = await runtime.update(first.id, first.outs as MailAddressOutputs, { ...base, replyVerificationTicket: ticket });
  expect(approved.outs).toMatchObject({ replyAddressStatus: "verified" });

  // A sendtype change replaces (delete first); the program still carries the old ticket.
  await runtime.delete(first.id, approved.outs as MailAddressOutputs);
  const mailsBefore = h.emulator.sentMail.length;
  const second = await runtime.create({ ...base, sendtype: "trigger", replyVerificationTicket: ticket });

  expect(second.id).not.toBe(first.id);
  const mail = h.emulator.sentMail.at(-1);
  expect(h.emulator.sentMail.length).toBe(mailsBefore + 1);
  expect(mail).toMatchObject({ mailAddressId: Number(second.id), to: "replies@example.org" });
  // The next up changes nothing and sends nothing more: the state says what was done.
  const again = await runtime.diff(second.id, second.outs as MailAddressOutputs, {
    ...base,
    sendtype: "trigger",
    replyVerificationTicket: ticket,
  });
  expect(again.changes).toBe(false);
});

test("a create that fails after the address exists records the verification as still to do, so the next up sends it", async () => {
  // The verification mail fails for good (a gateway's answer, not retried): the address exists, its verification does not.
  h.emulator.faults.next("wrong-endpoint", "CheckReplyToMailAddress");
  const failure = (await runtime.create(base).catch((e: unknown) => e)) as { id: string; properties: Record<string, unknown> };
  expect(failure.id).toMatch(/^\d+$/);
  expect(failure.properties.verifyReplyAddress).toBeUndefined();
  expect(h.emulator.sentMail).toHaveLength(0);

  const recorded = failure.properties as unknown as MailAddressOutputs;
  expect((await runtime.diff(failure.id, recorded, base)).changes).toBe(true);
  await runtime.update(failure.id, recorded, base);
  expect(h.emulator.sentMail.map((m) => m.mailAddressId)).toEqual([Number(failure.id)]);
});
