import { defineResource } from "../../framework/defineResource";
import { mailAddressSchema } from "./schema";

export type { MailAddressArgs } from "./schema";

/**
 * A DirectMail sender address. Its properties, what replaces and what
 * updates are declared in ./schema.ts; README.md shows them.
 */
export class MailAddress extends defineResource(mailAddressSchema) {}
