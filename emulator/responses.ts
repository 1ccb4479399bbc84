import { Errors } from "./exceptions";
import { DirectMailModel, StoredAddress } from "./models";

/**
 * The DirectMail actions as the wire sees them: which parameters each takes,
 * how they are checked, and the exact response body (PascalCase keys, the
 * lowercase `data` list wrapper, numbers for ids, statuses and counts).
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

  QueryDomainByParam: ({ model, params }) => {
    const pageNo = params.integer("PageNo", 1, 1, 1_000_000);
    const pageSize = params.integer("PageSize", 10, 1, 500);
    const status = params.optional("Status") === undefined ? undefined : params.integer("Status", 0, 0, 1);
    const all = model.queryDomains({ keyWord: params.optional("KeyWord"), status });
    const items = all.slice((pageNo - 1) * pageSize, pageNo * pageSize);
    return {
      TotalCount: all.length,
      PageNumber: pageNo,
      PageSize: pageSize,
      data: {
        domain: items.map((d, i) => ({
          DomainId: 5000 + i + (pageNo - 1) * pageSize,
          DomainName: d.name,
          DomainRecord: `dmtrace.${d.name}`,
          DomainStatus: d.verified ? 0 : 1,
          CreateTime: "2024-01-01T00:00Z",
          UtcCreateTime: 1704067200,
          ConfirmStatus: d.verified ? 0 : 1,
          CnameAuthStatus: d.verified ? 0 : 1,
          IcpStatus: 1,
          MxAuthStatus: d.verified ? 0 : 1,
          SpfAuthStatus: d.verified ? 0 : 1,
        })),
      },
    };
  },
};

/** The callback-URL actions are hidden in current SDKs; the emulator can pretend they are gone. */
export const CALLBACK_ACTIONS = new Set(["UpdateMailAddressMsgCallBackUrl", "GetMailAddressMsgCallBackUrl"]);
