import { Errors } from "../../exceptions";
import { Body, defineActions } from "../../gateway/actions";
import type { DirectMailContext, DirectMailSwitch } from "../context";
import type { StoredTag } from "./models";

function renderTag(t: StoredTag): Body {
  // A number, or a string as the dialect says: the samples show both.
  return { TagId: t.id, TagName: t.tagName, TagDescription: t.tagDescription };
}

/** Both actions that name a TagId answer an unknown one as the dialect says; `ignored` is success with nothing done. */
function unknownIgnored({ models, region, params, dialect }: DirectMailContext): boolean {
  return dialect.tagNotFound === "ignored" && !models.tags.has(region, params.requiredId("TagId"));
}

export const TAG_ACTIONS = defineActions<DirectMailContext, DirectMailSwitch>({
  CreateTag: {
    mutates: true,
    handler: ({ models, region, params }) => {
      const created = models.tags.createTag(region, {
        tagName: params.required("TagName"),
        tagDescription: params.optional("TagDescription"),
      });
      return { TagId: created.id };
    },
  },

  ModifyTag: {
    mutates: true,
    handler: (ctx) => {
      const { models, region, params } = ctx;
      if (unknownIgnored(ctx)) return {};
      models.tags.modifyTag(region, {
        id: params.requiredId("TagId"),
        tagName: params.required("TagName"),
        tagDescription: params.sent("TagDescription"),
      });
      return {};
    },
  },

  DeleteTag: {
    mutates: true,
    handler: (ctx) => {
      if (unknownIgnored(ctx)) return {};
      ctx.models.tags.deleteTag(ctx.region, ctx.params.requiredId("TagId"));
      return {};
    },
  },

  /** Echoes PageNumber (not PageNo). No PageSize default or maximum is documented: 10 and 500 here, or at most 5 (dialect). */
  QueryTagByParam: {
    handler: ({ models, region, params, dialect }) => {
      const keyWord = params.optional("KeyWord");
      if (keyWord !== undefined && keyWord.length > 50) throw Errors.keywordMalformed();
      const pageNo = params.integer("PageNo", 1, 1, 1_000_000);
      const asked = params.integer("PageSize", 10, 1, 500);
      const pageSize = dialect.tagPageSize === "at-most-5" ? Math.min(asked, 5) : asked;
      const all = models.tags.queryTags(region, keyWord);
      if (all.length === 0 && dialect.tagQueryEmpty === "InvalidTag.NotFound") throw Errors.tagNotFound();
      return {
        TotalCount: all.length,
        PageNumber: pageNo,
        PageSize: pageSize,
        data: { tag: all.slice((pageNo - 1) * pageSize, pageNo * pageSize).map(renderTag) },
      };
    },
  },
});
