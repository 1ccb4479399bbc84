import type { Dialect } from "../dialect";
import type { Purpose } from "./domains/records";
import { Errors } from "../exceptions";
import { DirectMailModel, DomainView, StoredAddress } from "./models";

/**
 * The DirectMail actions as the wire sees them: which parameters each takes,
 * how they are checked, and the exact response body (PascalCase keys, the
 * lowercase `data` list wrapper, numbers for ids, statuses and counts; the
 * dialect may write those as strings).
 */

export type Body = Record<string, unknown>;

export class Params {
  constructor(private readonly values: ReadonlyMap<string, string>) {}

  optional(name: string): string | undefined {
    const v = this.values.get(name);
    return v === undefined || v === "" ? undefined : v;
  }

  required(name: string): string {
    const v = this.optional(name);
    if (v === undefined) throw Errors.missingParameter(name);
    return v;
  }

  /** Decimal digits only, as the API's integer type: no sign, hex, exponent, decimal point, padding or spaces. */
  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    if (!/^(0|[1-9][0-9]{0,9})$/.test(raw)) throw Errors.invalidParameter(name);
    const n = Number(raw);
    if (n < min || n > max) throw Errors.invalidParameter(name);
    return n;
  }

  /** An id: a positive int32, written as plain decimal digits. */
  requiredId(name: string): number {
    const raw = this.required(name);
    const n = /^[1-9][0-9]{0,9}$/.test(raw) ? Number(raw) : NaN;
    if (!(n <= 2 ** 31 - 1)) throw Errors.invalidParameter(name);
    return n;
  }
}

export interface ActionContext {
  readonly model: DirectMailModel;
  readonly region: string;
  readonly params: Params;
  readonly dialect: Dialect;
}

/** A record host as the dialect writes it: relative to the root domain, or fully qualified. */
function host(relative: string, root: string, dialect: Dialect): string {
  if (dialect.hostNames === "relative") return relative;
  return relative === "@" ? root : `${relative}.${root}`;
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
    HostRecord: host(r.ownership.host, v.root, dialect),
    SpfRecord: r.spf.value.replace(/^v=spf1 /, "").replace(/ -all$/, ""),
    SpfRecordV2: r.spf.value,
    MxRecord: r.mx.value,
    DkimRR: host(r.dkim.host, v.root, dialect),
    DkimPublicKey: r.dkim.value,
    DkimRsaLength: 1024,
    DmarcHostRecord: host(r.dmarc.host, v.root, dialect),
    DmarcRecord: r.dmarc.value,
    CnameRecord: host(r.tracking.host, v.root, dialect),
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

type Handler = (ctx: ActionContext) => Body;

function renderAddress(a: StoredAddress): Body {
  return {
    MailAddressId: a.id,
    AccountName: a.accountName,
    AccountStatus: a.accountStatus,
    ReplyAddress: a.replyAddress,
    ReplyStatus: a.replyStatus,
    Sendtype: a.sendtype,
    CreateTime: a.createdAt,
    DailyCount: a.dailyCount,
    MonthCount: a.monthCount,
    DailyReqCount: a.dailyReqCount,
    MonthReqCount: a.monthReqCount,
    DomainStatus: 0,
  };
}

/** Actions that change state; the server persists after these. */
export const MUTATING = new Set([
  "CreateMailAddress",
  "ModifyMailAddress",
  "DeleteMailAddress",
  "CheckReplyToMailAddress",
  "ApproveReplyMailAddress",
  "UpdateMailAddressMsgCallBackUrl",
  "CreateDomain",
  "CheckDomain",
  "DeleteDomain",
]);

export const ACTIONS: Readonly<Record<string, Handler>> = {
  CreateMailAddress: ({ model, region, params }) => {
    const created = model.createMailAddress(region, {
      accountName: params.required("AccountName"),
      sendtype: params.required("Sendtype"),
      replyAddress: params.optional("ReplyAddress"),
    });
    return { MailAddressId: created.id };
  },

  QueryMailAddressByParam: ({ model, region, params }) => {
    const keyWord = params.optional("KeyWord");
    // Documented as 1-60 characters; the documented charset is not enforced (UNCONFIRMED, see README).
    if (keyWord !== undefined && keyWord.length > 60) throw Errors.invalidParameter("KeyWord");
    const sendtype = params.optional("Sendtype");
    if (sendtype !== undefined && sendtype !== "batch" && sendtype !== "trigger") throw Errors.sendtypeMalformed();
    const pageNo = params.integer("PageNo", 1, 1, 1_000_000);
    const pageSize = params.integer("PageSize", 10, 1, 500);
    const page = model.queryMailAddresses(region, { keyWord, sendtype, pageNo, pageSize });
    return {
      TotalCount: page.total,
      PageNumber: pageNo,
      PageSize: pageSize,
      data: { mailAddress: page.items.map(renderAddress) },
    };
  },

  ModifyMailAddress: ({ model, region, params }) => {
    model.modifyMailAddress(region, {
      id: params.requiredId("MailAddressId"),
      password: params.optional("Password"),
      replyAddress: params.optional("ReplyAddress"),
    });
    return {};
  },

  DeleteMailAddress: ({ model, region, params }) => {
    model.deleteMailAddress(region, params.requiredId("MailAddressId"));
    return {};
  },

  CheckReplyToMailAddress: ({ model, region, params }) => {
    model.checkReplyToMailAddress(region, { id: params.requiredId("MailAddressId"), lang: params.optional("Lang") });
    return {};
  },

  ApproveReplyMailAddress: ({ model, params }) => {
    model.approveReplyMailAddress(params.required("Ticket"));
    return {};
  },

  UpdateMailAddressMsgCallBackUrl: ({ model, region, params }) => {
    model.updateNotifyUrl(region, { mailFrom: params.required("MailFrom"), notifyUrl: params.optional("NotifyUrl") ?? "" });
    return {};
  },

  GetMailAddressMsgCallBackUrl: ({ model, region, params }) => {
    const setting = model.getNotifyUrl(region, params.required("MailFrom"));
    return { NotifyUrl: setting.url, NotifyUrlStatus: setting.status };
  },

  QueryDomainByParam: ({ model, region, params }) => {
    const pageNo = params.integer("PageNo", 1, 1, 1_000_000);
    const pageSize = params.integer("PageSize", 10, 1, 500);
    const status = params.optional("Status") === undefined ? undefined : params.integer("Status", 0, 0, 4);
    const keyWord = params.optional("KeyWord");
    if (keyWord !== undefined && keyWord.length > 50) throw Errors.invalidParameter("KeyWord");
    const all = model.queryDomains(region, { keyWord, status });
    const items = all.slice((pageNo - 1) * pageSize, pageNo * pageSize);
    return {
      TotalCount: all.length,
      PageNumber: pageNo,
      PageSize: pageSize,
      data: { domain: items.map(renderDomainItem) },
    };
  },

  CreateDomain: ({ model, region, params }) => {
    const created = model.createDomain(region, {
      domainName: params.required("DomainName"),
      // Lower-case d, as the SDKs send it.
      dkimSelector: params.optional("dkimSelector"),
    });
    // A number or a string, as the dialect says (UNCONFIRMED: the SDKs say string, the older sample a number).
    return { DomainId: created.id };
  },

  DescDomain: ({ model, region, params, dialect }) =>
    renderDomainDetail(model.describeDomain(region, params.requiredId("DomainId")), dialect),

  CheckDomain: ({ model, region, params }) => ({ DomainStatus: model.checkDomain(region, params.requiredId("DomainId")) }),

  DeleteDomain: ({ model, region, params }) => {
    model.deleteDomain(region, params.requiredId("DomainId"));
    return {};
  },
};

/** The callback-URL actions are hidden in current SDKs; the emulator can pretend they are gone. */
export const CALLBACK_ACTIONS = new Set(["UpdateMailAddressMsgCallBackUrl", "GetMailAddressMsgCallBackUrl"]);
