import { harness } from "../support/emulator";
import { dnsRecordsOf } from "../../provider/resources/mailDomain/state";
import type { Dialect } from "../../emulator/dialect";

/**
 * The names in `dnsRecords`, through the wire, under every way the emulator can
 * write DescDomain's hosts: a user who publishes exactly what the output says
 * must pass the checks, whichever form the real service uses (UNCONFIRMED).
 */

const HOST_NAMES: Array<Dialect["hostNames"]> = ["relative", "absolute", "domain"];
const TRACKING: Array<Dialect["trackingHost"]> = ["label", "relative", "absolute"];
const cases = HOST_NAMES.flatMap((hostNames) => TRACKING.map((trackingHost) => [hostNames, trackingHost] as const));

describe.each(cases)("hosts %s, tracking host %s", (hostNames, trackingHost) => {
  test.each([
    ["a subdomain", "news.example.net", "news"],
    ["a deeper subdomain", "a.b.example.net", "a.b"],
    ["the root domain", "example.net", ""],
  ])("%s: every record is named at or below the domain, as DirectMail checks it", async (_kind, domainName, sub) => {
    const h = await harness({ dialect: { hostNames, trackingHost } });
    try {
      const { domainId } = await h.client.createDomain({ domainName, dkimSelector: "sel" });
      const records = dnsRecordsOf(await h.client.describeDomain(domainId));
      const under = (label: string) => (sub ? `${label}.${sub}` : label);
      expect(records.map((r) => `${r.purpose} ${r.name} ${r.fqdn}`)).toEqual([
        `ownership ${under("aliyundm")} ${under("aliyundm")}.example.net`,
        `spf ${sub || "@"} ${domainName}`,
        `mx ${sub || "@"} ${domainName}`,
        `dkim ${under("sel._domainkey")} sel._domainkey.${domainName}`,
        `dmarc ${under("_dmarc")} _dmarc.${domainName}`,
        `tracking ${under("dmtrace")} dmtrace.${domainName}`,
      ]);
    } finally {
      await h.close();
    }
  });
});
