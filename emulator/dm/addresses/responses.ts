import { defineActions, Body } from "../../gateway/actions";
import { Errors } from "../../exceptions";
import type { DirectMailContext, DirectMailSwitch } from "../context";
import type { StoredAddress } from "./models";

function renderAddress(a: StoredAddress, usage: { daily: number; monthly: number }): Body {
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
    DailyReqCount: usage.daily,
    MonthReqCount: usage.monthly,
    DomainStatus: 0,
  };
}

export const ADDRESS_ACTIONS = defineActions<DirectMailContext, DirectMailSwitch>({
  CreateMailAddress: {
    mutates: true,
    handler: ({ models, region, params }) => {
      const created = models.addresses.createMailAddress(region, {
        accountName: params.required("AccountName"),
        sendtype: params.required("Sendtype"),
        replyAddress: params.optional("ReplyAddress"),
      });
      return { MailAddressId: created.id };
    },
  },

  QueryMailAddressByParam: {
    handler: ({ models, region, params }) => {
      const keyWord = params.optional("KeyWord");
      // Documented as 1-60 characters; the documented charset is not enforced (UNCONFIRMED, see README).
      if (keyWord !== undefined && keyWord.length > 60) throw Errors.invalidParameter("KeyWord");
      const sendtype = params.optional("Sendtype");
      if (sendtype !== undefined && sendtype !== "batch" && sendtype !== "trigger") throw Errors.sendtypeMalformed();
      const pageNo = params.integer("PageNo", 1, 1, 1_000_000);
      const pageSize = params.integer("PageSize", 10, 1, 500);
      const page = models.addresses.queryMailAddresses(region, { keyWord, sendtype, pageNo, pageSize });
      return {
        TotalCount: page.total,
        PageNumber: pageNo,
        PageSize: pageSize,
        data: { mailAddress: page.items.map((a) => renderAddress(a, models.addresses.usage(a))) },
      };
    },
  },

  ModifyMailAddress: {
    mutates: true,
    handler: ({ models, region, params, dialect }) => {
      models.addresses.modifyMailAddress(
        region,
        {
          id: params.requiredId("MailAddressId"),
          password: params.optional("Password"),
          replyAddress: params.optional("ReplyAddress"),
        },
        dialect.replyStatusOnChange,
      );
      return {};
    },
  },

  DeleteMailAddress: {
    mutates: true,
    handler: ({ models, region, params }) => {
      models.addresses.deleteMailAddress(region, params.requiredId("MailAddressId"));
      return {};
    },
  },
});
