import { Case, checkRows, Loose, wireRows } from "./support";

/** Recipient lists and their members (ReceiverList). Members are a secret: their failures are filed against no property. */
const list = (extra: Loose = {}): Loose => ({ receiversName: "news", receiversAlias: "news@example.com", ...extra });
const many = (n: number) => Array.from({ length: n }, (_, i) => ({ email: `m${i}@example.org` }));

export const CASES: Case[] = [
  ...checkRows("ReceiverList", [
    [{ receiversAlias: "a@example.com" }, "receiversName", "receiversName is required"],
    [{ receiversName: "news" }, "receiversAlias", "receiversAlias is required"],
    [list({ receiversName: "n".repeat(31) }), "receiversName", "must be at most 30 characters (it has 31)"],
    [list({ receiversAlias: "not-an-email" }), "receiversAlias", "must contain exactly one @"],
    [list({ receiversAlias: `${"a".repeat(18)}@example.com` }), "receiversAlias", "must be less than 30 characters (it has 30)"],
    [list({ description: "d".repeat(51) }), "description", "must be at most 50 characters (it has 51)"],
    [list({ region: "cn-beijing" }), "region", "not a DirectMail region"],
    [list({ adopt: 1 }), "adopt", "true or false"],
    [list({ members: "a@example.org" }), "", "members must be a list of members"],
    [list({ members: many(10_001) }), "", "members must have at most 10000 members (it has 10001)"],
    [list({ members: [{ email: "a@example.org" }, { name: "x" }] }), "", 'members at [1]: has no field "name"'],
    [list({ members: [{ userName: "x" }] }), "", "members at [0]: email is required"],
    [list({ members: [{ email: "a@@example.org" }] }), "", "members at [0]: email must contain exactly one @"],
    [
      list({ members: [{ email: "a@example.org" }, { email: "A@Example.org" }] }),
      "",
      "members at [1]: email is the same address as at [0]",
    ],
    [list({ members: [{ email: "a@example.org", userName: "u".repeat(76) }] }), "", "userName must be at most 75 characters (it has 76)"],
    [list({ members: [{ email: "a@example.org", nickName: "n".repeat(26) }] }), "", "nickName must be at most 25 characters (it has 26)"],
    [list({ members: [{ email: "a@example.org", userName: "Doe, Jane" }] }), "", "userName must not contain a comma"],
    [list({ members: [{ email: "a@example.org", mobile: 123 }] }), "", "mobile must be a string"],
    [list({ members: [42] }), "", "members at [0]: must be an object"],
    [list({ members: [{ email: "a@example.org", variables: ["x"] }] }), "", "members at [0]: variables must be an object"],
    [
      list({ members: [{ email: "a@example.org", variables: { plan: 1 } }] }),
      "",
      "members at [0]: variables.plan must be a string, not number",
    ],
    [
      list({ members: [{ email: "a@example.org", variables: { note: "n".repeat(1_001) } }] }),
      "",
      "members at [0]: variables.note must be at most 1000 characters (it has 1001)",
    ],
    [list({ members: [{ email: "a@example.org", variables: { "a b": "x" } }] }), "", "is not 1-64 letters, digits or underscores"],
  ]),
  ...wireRows([
    [{ Action: "CreateReceiver", ReceiversAlias: "a@example.com" }, 400, "MissingReceiversName"],
    [{ Action: "CreateReceiver", ReceiversName: "n" }, 400, "MissingReceiversAlias"],
    [{ Action: "CreateReceiver", ReceiversName: "n".repeat(31), ReceiversAlias: "a@example.com" }, 400, "InvalidReceiverName.Malformed"],
    [{ Action: "CreateReceiver", ReceiversName: "n", ReceiversAlias: "not-an-email" }, 400, "InvalidReceiverName.Malformed"],
    [{ Action: "DeleteReceiver", ReceiverId: "0123456789abcdef0123456789abcdef" }, 404, "InvalidReceiver.NotFound"],
    [{ Action: "DeleteReceiver" }, 400, "MissingReceiverId"],
    [{ Action: "QueryReceiverByParam", KeyWord: "k".repeat(51) }, 400, "InvalidKeyword.Malformed"],
    [{ Action: "QueryReceiverByParam", PageSize: "-1" }, 400, "InvalidParameter"],
    [{ Action: "SaveReceiverDetail", ReceiverId: "0123456789abcdef0123456789abcdef", Detail: "[]" }, 404, "InvalidReceiver.NotFound"],
    [{ Action: "SaveReceiverDetail", ReceiverId: "x" }, 400, "MissingDetail"],
    [{ Action: "SaveReceiverDetail", ReceiverId: "0123456789abcdef0123456789abcdef", CustomDetail: "[]" }, 404, "InvalidReceiver.NotFound"],
    [{ Action: "QueryReceiverDetail", ReceiverId: "0123456789abcdef0123456789abcdef" }, 404, "InvalidReceiver.NotFound"],
    [{ Action: "QueryReceiverDetail" }, 400, "MissingReceiverId"],
    [{ Action: "DeleteReceiverDetail", ReceiverId: "x" }, 400, "MissingEmail"],
    [
      { Action: "DeleteReceiverDetail", ReceiverId: "0123456789abcdef0123456789abcdef", Email: "a@example.org" },
      404,
      "InvalidReceiver.NotFound",
    ],
  ]),
];
