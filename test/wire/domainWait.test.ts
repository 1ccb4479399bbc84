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

test("what the wait says: ownership as not confirmed (DirectMail reports no status of it), the count of the reported checks, and how the wait ended", async () => {
  const { domainId } = await h.client.createDomain({ domainName: "late.example.net" });
  let now = 0;
  const said: string[] = [];
  const detail = await waitUntilVerified(h.client, await h.client.describeDomain(domainId), {
    minutes: 5,
    report: (line) => void said.push(line),
    now: () => now,
    pause: async (ms) => {
      now += ms;
      if (said.length === 1) await h.emulator.dns({ domainName: "late.example.net", records: ["ownership", "spf"] });
      if (said.length === 2) await h.emulator.dns({ domainName: "late.example.net", records: ["mx"] });
    },
  });
  expect(detail.domainStatus).toBe(0);
  expect(said[0]).toMatch(
    /^waiting for DNS of late\.example\.net \(0 of 5 reported checks pass, 0m00s of 5m\): TXT aliyundm\.late\.example\.net = \S+ \(ownership, confirmed only when the domain verifies\); /,
  );
  // Ownership and SPF published: SPF passes, ownership still only "not confirmed", never "missing".
  expect(said[1]).toMatch(
    /\(1 of 5 reported checks pass, .*\): TXT aliyundm\.late\.example\.net = \S+ \(ownership, confirmed only when the domain verifies\); MX /,
  );
  expect(said[said.length - 1]).toMatch(/^late\.example\.net verified \(\dm\d\ds of waiting\)$/);
});
