import type { Dialect } from "../../dialect";
import { Errors } from "../../exceptions";
import { Body, defineActions } from "../../gateway/actions";
import type { Params } from "../../gateway/params";
import type { DirectMailContext, DirectMailSwitch } from "../context";
import { MEMBER_FIELDS, ReceiverRules, StoredMember, StoredReceiver } from "./models";

/** The open points of the receiver actions, as the dialect answers them. */
function rules(dialect: Dialect): ReceiverRules {
  return {
    ids: dialect.receiverIds,
    aliases: dialect.receiverAliases,
    saveExisting: dialect.memberSaveExisting,
    deleteMissing: dialect.memberDeleteMissing,
    customDetailCombined: dialect.customDetailCombined,
    deleteNonEmpty: dialect.receiverDeleteNonEmpty,
  };
}

/** A number under the numeric-id dialect (then written as the `numbers` switch says), else the hex string. */
function renderId(id: string, dialect: Dialect): string | number {
  return dialect.receiverIds === "numeric" ? Number(id) : id;
}

function renderReceiver(r: StoredReceiver, dialect: Dialect): Body {
  return {
    ReceiverId: renderId(r.id, dialect),
    ReceiversName: r.name,
    ReceiversAlias: r.alias,
    Desc: r.desc,
    Count: r.members.length,
    // 0 uploading, 1 complete: a new, empty list shows 0 (Terraform's acceptance test); when it flips is UNCONFIRMED.
    ReceiversStatus: r.members.length > 0 ? 1 : 0,
    CreateTime: r.createdAt,
    UtcCreateTime: Math.floor(Date.parse(r.createdAt) / 1000),
  };
}

const DATA_SCHEMA = "UserName,NickName,Gender,Birthday,Mobile";

function renderMember(m: StoredMember, dialect: Dialect): Body {
  return {
    Email: m.email,
    // The fields joined by commas in DataSchema's order, as the documented samples show.
    Data: MEMBER_FIELDS.map((f) => m.fields[f] ?? "").join(","),
    // Whether and how the variables come back is UNCONFIRMED: an object on each item, or nothing.
    ...(dialect.customDataReadBack === "returned" ? { CustomData: { ...(m.customData ?? {}) } } : {}),
    CreateTime: m.createdAt.slice(0, 16) + "Z",
    UtcCreateTime: Math.floor(Date.parse(m.createdAt) / 1000),
  };
}

/** KeyWord: the documented 0-50 characters. */
function keyWord(params: Params): string | undefined {
  const value = params.optional("KeyWord");
  if (value !== undefined && value.length > 50) throw Errors.keywordMalformed();
  return value;
}

/** NextStart: opaque to clients; `<id prefix>#<index>#<email>` as the samples look, read back by its index. */
function startOf(token: string | undefined, receiverId: string): number {
  if (token === undefined || token === "0") return 0;
  const [prefix, index] = token.split("#");
  const n = Number(index);
  if (prefix !== receiverId.slice(0, 10) || !Number.isInteger(n) || n < 0) throw Errors.invalidParameter("NextStart");
  return n;
}

export const RECEIVER_ACTIONS = defineActions<DirectMailContext, DirectMailSwitch>({
  CreateReceiver: {
    mutates: true,
    handler: ({ models, region, params, dialect }) => {
      const created = models.receivers.createReceiver(
        region,
        { name: params.required("ReceiversName"), alias: params.required("ReceiversAlias"), desc: params.optional("Desc") },
        rules(dialect),
      );
      return { ReceiverId: renderId(created.id, dialect) };
    },
  },

  DeleteReceiver: {
    mutates: true,
    handler: ({ models, region, params, dialect }) => {
      models.receivers.deleteReceiver(region, params.required("ReceiverId"), rules(dialect));
      return {};
    },
  },

  /**
   * PageNo is deprecated by the newest docs: under `receiverPaging: all` every
   * list comes at once whatever PageNo says; under `pages` it is honoured,
   * PageSize defaulting to 10.
   */
  QueryReceiverByParam: {
    handler: ({ models, region, params, dialect }) => {
      const pageNo = params.integer("PageNo", 1, 1, 1_000_000);
      const pageSize = params.integer("PageSize", dialect.receiverPaging === "all" ? 100 : 10, 1, 500);
      params.optional("Status");
      const all = models.receivers.queryReceivers(region, keyWord(params));
      const items = dialect.receiverPaging === "all" ? all : all.slice((pageNo - 1) * pageSize, pageNo * pageSize);
      const last = items[items.length - 1];
      return {
        TotalCount: all.length,
        PageSize: pageSize,
        NextStart: last ? `${last.id.slice(0, 10)}#${all.indexOf(last) + 1}#${last.createdAt}` : "",
        data: { receiver: items.map((r) => renderReceiver(r, dialect)) },
      };
    },
  },

  SaveReceiverDetail: {
    mutates: true,
    handler: ({ models, region, params, dialect }) => {
      const receiverId = params.required("ReceiverId");
      const detail = params.optional("Detail");
      const customDetail = params.optional("CustomDetail");
      // Detail was required until CustomDetail came (SDK v2.7.0); now one of the two is.
      if (detail === undefined && customDetail === undefined) throw Errors.missingParameter("Detail");
      const result = models.receivers.saveMembers(region, receiverId, { detail, customDetail }, rules(dialect));
      return {
        SuccessCount: result.saved,
        ErrorCount: result.refused.length,
        // Capitalised, unlike every other answer's lowercase `data`.
        Data: { Detail: result.refused.map((r) => ({ Email: r.email, ErrMessage: r.reason })) },
      };
    },
  },

  /** Paged by NextStart; PageSize defaults to 10, and one over the dialect's maximum is capped or refused (UNCONFIRMED). */
  QueryReceiverDetail: {
    handler: ({ models, region, params, dialect }) => {
      const id = params.required("ReceiverId");
      const max = dialect.memberPageMax === "50" ? 50 : 100;
      const pageSize = Math.min(params.integer("PageSize", 10, 1, dialect.memberPageOver === "refused" ? max : 1_000), max);
      const start = startOf(params.optional("NextStart"), id);
      const { page, next } = models.receivers.members(region, id, { keyWord: keyWord(params), start, pageSize });
      const lastEmail = page[page.length - 1]?.email ?? "";
      return {
        DataSchema: DATA_SCHEMA,
        NextStart: next < 0 ? "" : `${id.slice(0, 10)}#${next}#${lastEmail}`,
        TotalCount: models.receivers.find(region, id).members.length,
        data: { detail: page.map((m) => renderMember(m, dialect)) },
      };
    },
  },

  DeleteReceiverDetail: {
    mutates: true,
    handler: ({ models, region, params, dialect }) => {
      models.receivers.deleteMember(region, params.required("ReceiverId"), params.required("Email"), rules(dialect));
      return {};
    },
  },
});
