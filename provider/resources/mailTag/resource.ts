import { defineResource } from "../../framework/defineResource";
import { mailTagSchema } from "./schema";

export type { MailTagArgs } from "./schema";

/**
 * A DirectMail mail tag (CreateTag / ModifyTag / DeleteTag): the name sends
 * carry to be counted and tracked apart. Properties are declared in
 * ./schema.ts; docs/resources/MailTag.md shows them.
 */
export class MailTag extends defineResource(mailTagSchema) {}
