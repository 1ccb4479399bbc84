import type { Dialect } from "../../dialect";
import { Errors } from "../../exceptions";
import { Body, defineActions } from "../../gateway/actions";
import type { DirectMailContext, DirectMailSwitch } from "../context";
import type { DomainView } from "./models";
import type { Purpose } from "./records";

/**
 * A record host as the dialect writes it. `relative` is the host relative to
 * the root domain (`aliyundm.mail`, or `@` for the root); `domain` is the part
 * of it above the domain itself (`aliyundm`).
 */
function host(relative: string, domainName: string, root: string, style: "relative" | "absolute" | "domain" | "label"): string {
  const full = relative === "@" ? root : `${relative}.${root}`;
  if (style === "absolute") return full;
  if (style === "domain" || style === "label") return full === domainName ? "@" : full.slice(0, -(domainName.length + 1));
  return relative;
}

const status01 = (passed: boolean): number => (passed ? 0 : 1);

/** QueryDomainByParam's item: statuses only, no records. */
function renderDomainItem(v: DomainView): Body {
  return {
    DomainId: v.domain.id,
    DomainName: v.domain.domainName,
    DomainRecord: v.domain.ownershipToken,
    DomainStatus: v.status,
    CreateTime: v.domain.createdAt,
    UtcCreateTime: Math.floor(Date.parse(v.domain.createdAt) / 1000),
    ConfirmStatus: status01(v.passed.includes("tracking")),
    CnameAuthStatus: status01(v.passed.includes("tracking")),
    IcpStatus: v.domain.icpFiled ? 1 : 0,
    MxAuthStatus: status01(v.passed.includes("mx")),
    SpfAuthStatus: status01(v.passed.includes("spf")),
  };
}

/** DescDomain: a flat object with the records to publish, what DNS holds now, and the last check's statuses. */
function renderDomainDetail(v: DomainView, dialect: Dialect): Body {
  const r = v.records;
  const published = (p: Purpose) => v.domain.published.includes(p);
  const passed = (p: Purpose) => status01(v.passed.includes(p));
  return {
    DomainId: v.domain.id,
    DomainName: v.domain.domainName,
    TlDomainName: v.root,
    DomainStatus: v.status,
    CreateTime: v.domain.createdAt,
    DomainType: r.ownership.value,
    HostRecord: host(r.ownership.host, v.domain.domainName, v.root, dialect.hostNames),
    SpfRecord: r.spf.value.replace(/^v=spf1 /, "").replace(/ -all$/, ""),
    SpfRecordV2: r.spf.value,
    MxRecord: r.mx.value,
    DkimRR: host(r.dkim.host, v.domain.domainName, v.root, dialect.hostNames),
    DkimPublicKey: r.dkim.value,
    DkimRsaLength: 1024,
    DmarcHostRecord: host(r.dmarc.host, v.domain.domainName, v.root, dialect.hostNames),
    DmarcRecord: r.dmarc.value,
    CnameRecord: host(r.tracking.host, v.domain.domainName, v.root, dialect.trackingHost),
    TracefRecord: r.tracking.value,
    DnsTxt: published("ownership") ? r.ownership.value : "",
    DnsSpf: published("spf") ? r.spf.value : "",
    DnsMx: published("mx") ? r.mx.value : "",
    DnsDmarc: published("dmarc") ? r.dmarc.value : "",
    SpfAuthStatus: passed("spf"),
    MxAuthStatus: passed("mx"),
    CnameAuthStatus: passed("tracking"),
    DkimAuthStatus: passed("dkim"),
    DmarcAuthStatus: status01(v.passed.includes("dmarc")),
    CnameConfirmStatus: 0,
    IcpStatus: v.domain.icpFiled ? 1 : 0,
    DefaultDomain: 0,
    DomainVersion: 1,
  };
}

export const DOMAIN_ACTIONS = defineActions<DirectMailContext, DirectMailSwitch>({
  QueryDomainByParam: {
    handler: ({ models, region, params }) => {
      const pageNo = params.integer("PageNo", 1, 1, 1_000_000);
      const pageSize = params.integer("PageSize", 10, 1, 500);
      const status = params.optional("Status") === undefined ? undefined : params.integer("Status", 0, 0, 4);
      const keyWord = params.optional("KeyWord");
      if (keyWord !== undefined && keyWord.length > 50) throw Errors.invalidParameter("KeyWord");
      const all = models.domains.queryDomains(region, { keyWord, status });
      const items = all.slice((pageNo - 1) * pageSize, pageNo * pageSize);
      return {
        TotalCount: all.length,
        PageNumber: pageNo,
        PageSize: pageSize,
        data: { domain: items.map(renderDomainItem) },
      };
    },
  },

  CreateDomain: {
    mutates: true,
    handler: ({ models, region, params }) => {
      const created = models.domains.createDomain(region, {
        domainName: params.required("DomainName"),
        // Lower-case d, as the SDKs send it.
        dkimSelector: params.optional("dkimSelector"),
      });
      // A number or a string, as the dialect says (UNCONFIRMED: the SDKs say string, the older sample a number).
      return { DomainId: created.id };
    },
  },

  DescDomain: {
    handler: ({ models, region, params, dialect }) =>
      renderDomainDetail(models.domains.describeDomain(region, params.requiredId("DomainId")), dialect),
  },

  CheckDomain: {
    mutates: true,
    handler: ({ models, region, params }) => ({ DomainStatus: models.domains.checkDomain(region, params.requiredId("DomainId")) }),
  },

  DeleteDomain: {
    mutates: true,
    handler: ({ models, region, params }) => {
      models.domains.deleteDomain(region, params.requiredId("DomainId"));
      return {};
    },
  },
});
