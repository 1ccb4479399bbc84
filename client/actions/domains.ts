import { lookUpRecovery } from "../resilience/listing";
import { asNumber, asString, toPage } from "../rpc/answers";
import { defineAction, nothing } from "./action";
import { toDomainDetail, toDomainRecord } from "./domainShapes";

/** The sending-domain actions. */

/** Which of these the domain actions use is UNCONFIRMED: each plausible one counts, and only on these actions. */
const DOMAIN_GONE = ["InvalidDomainId.NotFound", "InvalidDomainId.Malformed", "InvalidDomain.NotFound"];

export const queryDomainByParam = defineAction({
  name: "QueryDomainByParam",
  params: (a: { keyWord?: string; status?: number; pageNo?: number; pageSize?: number }) => ({
    KeyWord: a.keyWord || undefined,
    Status: a.status,
    PageNo: a.pageNo,
    PageSize: a.pageSize,
  }),
  read: (body) => toPage(body, "domain", toDomainRecord),
});

export const createDomain = defineAction({
  name: "CreateDomain",
  // The SDKs send the selector with a lower-case d.
  params: (a: { domainName: string; dkimSelector?: string }) => ({ DomainName: a.domainName, dkimSelector: a.dkimSelector || undefined }),
  read: (body): { domainId: string; recovered: boolean } => ({ domainId: asString(body.DomainId), recovered: false }),
  recovery: (a, client) =>
    lookUpRecovery(async () => {
      const mine = await client.findDomainByName(a.domainName);
      return mine ? { domainId: mine.domainId, recovered: true } : undefined;
    }, "InvalidDomainName.Duplicate"),
});

export const descDomain = defineAction({
  name: "DescDomain",
  params: (domainId: string) => ({ DomainId: domainId }),
  read: toDomainDetail,
  goneCodes: DOMAIN_GONE,
});

/** Paced to its documented 10 calls a minute. */
export const checkDomain = defineAction({
  name: "CheckDomain",
  params: (domainId: string) => ({ DomainId: domainId }),
  read: (body) => asNumber(body.DomainStatus),
  goneCodes: DOMAIN_GONE,
});

export const deleteDomain = defineAction({
  name: "DeleteDomain",
  // Repeated after a lost answer: the repeat meets the action's own not-found answer, which callers treat as deleted.
  params: (domainId: string) => ({ DomainId: domainId }),
  read: nothing,
  goneCodes: DOMAIN_GONE,
});
