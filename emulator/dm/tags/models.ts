import { Errors } from "../../exceptions";
import type { AccountState } from "../../state/account";
import type { TagOptions } from "../options";

export interface StoredTag {
  id: number;
  /** As given: nothing says the service changes its case. */
  tagName: string;
  tagDescription: string;
}

const NAME_RULES: Readonly<Record<TagOptions["names"], RegExp>> = {
  "128": /^[A-Za-z0-9_]{1,128}$/,
  "50": /^[A-Za-z0-9_]{1,50}$/,
  "50-no-underscore": /^[A-Za-z0-9]{1,50}$/,
};

/**
 * Mail tags: CreateTag, ModifyTag, DeleteTag, QueryTagByParam. Synchronous,
 * as every model: concurrent requests never interleave inside one.
 */
export class TagModel {
  constructor(
    private readonly account: AccountState,
    private readonly options: TagOptions,
  ) {}

  private tags(region: string): StoredTag[] {
    return this.account.region(region).tags;
  }

  has(region: string, id: number): boolean {
    return this.tags(region).some((t) => t.id === id);
  }

  /** Whether the region has a tag of this name, case aside (names are unique so, unless the dialect allows duplicates). */
  hasName(region: string, tagName: string): boolean {
    return this.tags(region).some((t) => t.tagName.toLowerCase() === tagName.toLowerCase());
  }

  private find(region: string, id: number): StoredTag {
    const found = this.tags(region).find((t) => t.id === id);
    if (!found) throw Errors.tagNotFound();
    return found;
  }

  /** The name's rule, and (unless the dialect allows them) no second tag of the same name, case aside (UNCONFIRMED). */
  private checkName(region: string, tagName: string, except?: StoredTag): void {
    if (!NAME_RULES[this.options.names].test(tagName)) throw Errors.tagNameMalformed();
    const taken = this.tags(region).some((t) => t !== except && t.tagName.toLowerCase() === tagName.toLowerCase());
    if (taken && this.options.duplicates === "refused") throw Errors.tagDuplicate();
  }

  createTag(region: string, args: { tagName: string; tagDescription?: string }): StoredTag {
    this.checkName(region, args.tagName);
    const tags = this.tags(region);
    if (tags.length >= this.options.limit) throw Errors.tagLimit();
    const tag: StoredTag = { id: this.account.newId(), tagName: args.tagName, tagDescription: args.tagDescription ?? "" };
    tags.push(tag);
    return tag;
  }

  /** `tagDescription` undefined: the parameter was not sent; "" (sent empty) clears it. */
  modifyTag(region: string, args: { id: number; tagName: string; tagDescription?: string }): void {
    const tag = this.find(region, args.id);
    this.checkName(region, args.tagName, tag);
    tag.tagName = args.tagName;
    if (args.tagDescription !== undefined) tag.tagDescription = args.tagDescription;
    else if (this.options.modifyWithoutDescription === "cleared") tag.tagDescription = "";
  }

  deleteTag(region: string, id: number): void {
    const tag = this.find(region, id);
    const state = this.account.region(region);
    state.tags = state.tags.filter((t) => t !== tag);
  }

  /** KeyWord is matched as a case-insensitive substring of the name (UNCONFIRMED: the docs do not say). */
  queryTags(region: string, keyWord: string | undefined): StoredTag[] {
    const wanted = keyWord?.toLowerCase();
    return this.tags(region).filter((t) => !wanted || t.tagName.toLowerCase().includes(wanted));
  }

  /** Every tag in every region, with its region. */
  allTags(): Array<StoredTag & { region: string }> {
    return this.account.allRegions().flatMap(([region, state]) => state.tags.map((t) => ({ ...t, region })));
  }
}
