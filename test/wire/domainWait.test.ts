import { VerificationTimeoutError, waitUntilVerified } from "../../provider/resources/mailDomain/verificationWait";
import { harness, Harness } from "../support/emulator";

/** The wait for a domain's verification keeps the time it was given: not less, not a pause more. */

let h: Harness;
beforeEach(async () => {
  h = await harness({ domains: ["example.com"], rateLimits: false });
});
afterEach(() => h.close());

test("a wait of 1 minute on records nobody publishes gives up at 1 minute, after a last check at the deadline", async () => {
  const { domainId } = await h.client.createDomain({ domainName: "never.example.net" });
  let now = 1_000_000;
  const pauses: number[] = [];
  const checksAt: number[] = [];
  const first = await h.client.describeDomain(domainId);
  const realCheck = h.client.checkDomain.bind(h.client);
  h.client.checkDomain = async (id: string) => {
    checksAt.push(now - 1_000_000);
    return realCheck(id);
  };
  const failure = await waitUntilVerified(h.client, first, {
    minutes: 1,
    report: () => undefined,
    now: () => now,
    pause: async (ms) => {
      pauses.push(ms);
      now += ms;
    },
  }).catch((e: unknown) => e);
  expect(failure).toBeInstanceOf(VerificationTimeoutError);
  expect(pauses.reduce((a, b) => a + b, 0)).toBe(60_000);
  expect(checksAt[checksAt.length - 1]).toBe(60_000);
  expect(h.emulator.requests.filter((r) => r.action === "CheckDomain")).toHaveLength(checksAt.length);
});
