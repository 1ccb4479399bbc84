import { toDomainDetail } from "../../client/types";
import { checksOf, dnsRecordsOf, isUsable, statusName } from "../../provider/resources/mailDomain/state";

/** Reading DescDomain whichever way the service writes what its docs leave open. */

const answer = (overrides: Record<string, unknown>) =>
  toDomainDetail({
    DomainId: "7",
    DomainName: "mail.example.com",
    TlDomainName: "example.com",
    DomainStatus: "1",
    HostRecord: "aliyundm.mail",
    DomainType: "token123",
    SpfRecordV2: "v=spf1 include:spf1.dm.aliyun.com -all",
    MxRecord: "mx01.dm.aliyun.com",
    DkimRR: "sel._domainkey.mail",
    DkimPublicKey: "v=DKIM1; k=rsa; p=KEY",
    DmarcHostRecord: "_dmarc.mail",
    DmarcRecord: "v=DMARC1;p=none",
    CnameRecord: "dmtrace.mail",
    TracefRecord: "tracedm.aliyuncs.com",
    SpfAuthStatus: "1",
    MxAuthStatus: 0,
    CnameAuthStatus: "1",
    DkimAuthStatus: "0",
    DmarcAuthStatus: 1,
    IcpStatus: "1",
    ...overrides,
  });

const names = (records: ReturnType<typeof dnsRecordsOf>) => records.map((r) => `${r.purpose} ${r.name} ${r.fqdn}`);

test("hosts relative to the root domain and fully qualified ones read the same", () => {
  const relative = dnsRecordsOf(answer({}));
  const absolute = dnsRecordsOf(
    answer({
      HostRecord: "aliyundm.mail.example.com",
      DkimRR: "sel._domainkey.mail.example.com.",
      DmarcHostRecord: "_dmarc.mail.example.com",
      CnameRecord: "DMTRACE.mail.example.com",
    }),
  );
  expect(names(absolute)).toEqual(names(relative));
  expect(names(relative)).toEqual([
    "ownership aliyundm.mail aliyundm.mail.example.com",
    "spf mail mail.example.com",
    "mx mail mail.example.com",
    "dkim sel._domainkey.mail sel._domainkey.mail.example.com",
    "dmarc _dmarc.mail _dmarc.mail.example.com",
    "tracking dmtrace.mail dmtrace.mail.example.com",
  ]);
});

test("a domain at the root gets `@` records; a missing TlDomainName falls back on the last two labels", () => {
  const root = dnsRecordsOf(answer({ DomainName: "example.com", TlDomainName: undefined, HostRecord: "aliyundm" }));
  expect(root.find((r) => r.purpose === "spf")).toMatchObject({ name: "@", fqdn: "example.com", type: "TXT" });
  expect(root.find((r) => r.purpose === "mx")).toMatchObject({ name: "@", priority: 10 });
  expect(root.find((r) => r.purpose === "ownership")).toMatchObject({ name: "aliyundm", fqdn: "aliyundm.example.com" });
});

test("an answer with only the SPF include gets the whole record built; records without a value are left out", () => {
  const records = dnsRecordsOf(answer({ SpfRecordV2: undefined, SpfRecord: "spfdm-ap-southeast-1.aliyun.com", DmarcRecord: "" }));
  expect(records.find((r) => r.purpose === "spf")?.value).toBe("v=spf1 include:spfdm-ap-southeast-1.aliyun.com -all");
  expect(records.map((r) => r.purpose)).not.toContain("dmarc");
});

test("statuses as strings or numbers; 0 and 2-4 usable, 1 not; each check in words", () => {
  expect([0, 1, 2, 3, 4, 9].map(isUsable)).toEqual([true, false, true, true, true, false]);
  expect(statusName(4)).toBe("usable (tracking CNAME not verified)");
  expect(statusName(9)).toBe("unknown (9)");
  expect(checksOf(answer({}))).toEqual({
    ownership: "failed",
    spf: "failed",
    mx: "passed",
    dkim: "passed",
    dmarc: "failed",
    trackingCname: "failed",
    icp: "filed",
  });
  expect(checksOf(answer({ DomainStatus: 3, IcpStatus: 0 }))).toMatchObject({ ownership: "passed", icp: "not filed" });
});

describe("a subdomain's record names, whichever way DescDomain writes the hosts (UNCONFIRMED)", () => {
  const expected = [
    "ownership aliyundm.news aliyundm.news.example.com",
    "spf news news.example.com",
    "mx news news.example.com",
    "dkim sel._domainkey.news sel._domainkey.news.example.com",
    "dmarc _dmarc.news _dmarc.news.example.com",
    "tracking dmtrace.news dmtrace.news.example.com",
  ];
  const answer = (hosts: { HostRecord: string; DkimRR: string; DmarcHostRecord: string; CnameRecord: string }) =>
    toDomainDetail({
      DomainId: 7,
      DomainName: "news.example.com",
      TlDomainName: "example.com",
      DomainType: "token",
      SpfRecordV2: "v=spf1 include:spf1.dm.aliyun.com -all",
      MxRecord: "mx01.dm.aliyun.com",
      DkimPublicKey: "v=DKIM1; k=rsa; p=KEY",
      DmarcRecord: "v=DMARC1;p=none",
      TracefRecord: "tracedm.aliyuncs.com",
      ...hosts,
    });

  test.each([
    [
      "relative to the root",
      { HostRecord: "aliyundm.news", DkimRR: "sel._domainkey.news", DmarcHostRecord: "_dmarc.news", CnameRecord: "dmtrace.news" },
    ],
    [
      "in full",
      {
        HostRecord: "aliyundm.news.example.com",
        DkimRR: "sel._domainkey.news.example.com",
        DmarcHostRecord: "_dmarc.news.example.com.",
        CnameRecord: "dmtrace.news.example.com",
      },
    ],
    [
      "relative to the domain (bare labels)",
      { HostRecord: "aliyundm", DkimRR: "sel._domainkey", DmarcHostRecord: "_dmarc", CnameRecord: "dmtrace" },
    ],
  ])("hosts %s", (_form, hosts) => {
    expect(names(dnsRecordsOf(answer(hosts)))).toEqual(expected);
  });
});
