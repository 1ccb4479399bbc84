import { Case, checkRows, wireRows } from "./support";

/** Mail tags (MailTag): the newest documented name rule at preview; the emulator's own refusals on the wire. */
export const CASES: Case[] = [
  ...checkRows("MailTag", [
    [{}, "tagName", "tagName is required"],
    [{ tagName: "" }, "tagName", "tagName is required"],
    [{ tagName: "has space" }, "tagName", 'must hold only letters, digits and underscores, not " "'],
    [{ tagName: "has-hyphen" }, "tagName", 'must hold only letters, digits and underscores, not "-"'],
    [{ tagName: "café" }, "tagName", 'must hold only letters, digits and underscores, not "é"'],
    [{ tagName: "t".repeat(129) }, "tagName", "must be at most 128 characters (it has 129)"],
    [{ tagName: 42 }, "tagName", "must be a string, not number"],
    [{ tagName: "ok", tagDescription: 7 }, "tagDescription", "must be a string, not number"],
    [{ tagName: "ok", region: "cn-beijing" }, "region", "not a DirectMail region"],
    [{ tagName: "ok", adopt: "yes" }, "adopt", "true or false"],
  ]),
  ...wireRows([
    [{ Action: "CreateTag" }, 400, "MissingTagName"],
    [{ Action: "CreateTag", TagName: "has space" }, 400, "InvalidTagName.Malformed"],
    [{ Action: "CreateTag", TagName: "t".repeat(129) }, 400, "InvalidTagName.Malformed"],
    [{ Action: "CreateTag", TagName: "a-b" }, 400, "InvalidTagName.Malformed"],
    [{ Action: "ModifyTag", TagName: "x" }, 400, "MissingTagId"],
    [{ Action: "ModifyTag", TagId: "2147483647" }, 400, "MissingTagName"],
    [{ Action: "ModifyTag", TagId: "2147483647", TagName: "x" }, 404, "InvalidTag.NotFound"],
    [{ Action: "DeleteTag" }, 400, "MissingTagId"],
    [{ Action: "DeleteTag", TagId: "-1" }, 400, "InvalidParameter"],
    [{ Action: "DeleteTag", TagId: "2147483648" }, 400, "InvalidParameter"],
    [{ Action: "DeleteTag", TagId: "2147483647" }, 404, "InvalidTag.NotFound"],
    [{ Action: "QueryTagByParam", KeyWord: "k".repeat(51) }, 400, "InvalidKeyword.Malformed"],
    [{ Action: "QueryTagByParam", PageSize: "0" }, 400, "InvalidParameter"],
    [{ Action: "QueryTagByParam", PageNo: "1e3" }, 400, "InvalidParameter"],
  ]),
  {
    layer: "state file",
    content: '{"regions": {"cn-hangzhou": {"addresses": [], "notifyUrls": {}, "deletions": {}, "tags": [{"id": 1}]}}, "tickets": []}',
    problem: 'region "cn-hangzhou" has a "tags" entry that is not a list of tags',
  },
  { layer: "emulator CLI", args: ["--tag-limit", "ten"], message: '--tag-limit must be a whole number (0 or more), not "ten"' },
];
