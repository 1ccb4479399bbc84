import { lookUpRecovery } from "../resilience/listing";
import { asString, toPage } from "../rpc/answers";
import { defineAction, nothing } from "./action";
import { toTagRecord } from "./tagShapes";

/** The mail-tag actions. */

/**
 * How the tag actions may say "no tag has this id": no source documents it
 * (UNCONFIRMED). Terraform reads InvalidTag.NotFound; each plausible code
 * counts, and only on these actions.
 */
export const TAG_GONE = ["InvalidTag.NotFound", "InvalidTagId.NotFound", "InvalidTagId.Malformed"];

/** The duplicate-name code is UNCONFIRMED too: the service may even allow two tags of one name. */
const TAG_DUPLICATE = "InvalidTagName.Duplicate";

export interface CreatedTag {
  readonly tagId: string;
  /** True when a lost answer was recovered by finding the tag it made. */
  readonly recovered: boolean;
}

export const createTag = defineAction({
  name: "CreateTag",
  params: (a: { tagName: string; tagDescription?: string }) => ({ TagName: a.tagName, TagDescription: a.tagDescription || undefined }),
  read: (body): CreatedTag => ({ tagId: asString(body.TagId), recovered: false }),
  // The tag the lost attempt made is found by its name, instead of a second request making another.
  recovery: (a, client) =>
    lookUpRecovery(async () => {
      const mine = await client.findTagByName(a.tagName);
      return mine ? { tagId: mine.tagId, recovered: true } : undefined;
    }, TAG_DUPLICATE),
});

/**
 * TagName is required on every call, so a description change resends the
 * name. Repeated after a lost answer: setting a name and a description to
 * the same values again changes nothing.
 */
export const modifyTag = defineAction({
  name: "ModifyTag",
  params: (a: { tagId: string; tagName: string; tagDescription: string }) => ({
    TagId: a.tagId,
    TagName: a.tagName,
    TagDescription: a.tagDescription,
  }),
  read: nothing,
  goneCodes: TAG_GONE,
});

export const deleteTag = defineAction({
  name: "DeleteTag",
  // Repeated after a lost answer: the repeat meets the action's own "no such tag" (or succeeds), which callers treat as deleted.
  params: (tagId: string) => ({ TagId: tagId }),
  read: nothing,
  goneCodes: TAG_GONE,
});

/**
 * PageNo, not PageNumber (the docs' examples and Terraform's read use the
 * wrong one). Terraform also reads InvalidTag.NotFound from this action as
 * "nothing found": the listing treats it as an empty page (TAG_GONE).
 */
export const queryTagByParam = defineAction({
  name: "QueryTagByParam",
  params: (a: { keyWord?: string; pageNo?: number; pageSize?: number }) => ({
    KeyWord: a.keyWord || undefined,
    PageNo: a.pageNo,
    PageSize: a.pageSize,
  }),
  read: (body) => toPage(body, "tag", toTagRecord),
  goneCodes: TAG_GONE,
});
