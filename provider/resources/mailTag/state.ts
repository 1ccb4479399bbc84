import type { TagRecord } from "../../../client/types";
import { compact } from "../../framework/compact";
import type { MailTagInputs, MailTagOutputs } from "./schema";

/** A tag as DirectMail reports it, in this package's terms (what the look-ups return). */
export type MailTagInfo = Pick<MailTagOutputs, "tagId" | "tagName" | "tagDescription">;

export function toMailTagInfo(live: TagRecord): MailTagInfo {
  return compact({ tagId: live.tagId, tagName: live.tagName, tagDescription: live.tagDescription || undefined });
}

/**
 * Joins what was declared with what the service has now: a description left
 * undeclared is not managed, so the output shows the service's.
 */
export function toMailTagOutputs(inputs: MailTagInputs, live: TagRecord, adopted: boolean): MailTagOutputs {
  // Set even when empty: a description cleared by hand must not hide behind the declared one.
  return compact({ ...inputs, tagId: live.tagId, tagName: live.tagName, tagDescription: live.tagDescription || undefined, adopted });
}
