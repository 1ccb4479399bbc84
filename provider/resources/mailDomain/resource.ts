import { defineResource } from "../../framework/defineResource";
import { mailDomainSchema } from "./schema";

export type { MailDomainArgs } from "./schema";

/**
 * A DirectMail sending domain: created (or adopted), its DNS records as an
 * output for any DNS provider, and optionally the wait until DirectMail has
 * verified it. Properties are declared in ./schema.ts; README.md shows them.
 */
export class MailDomain extends defineResource(mailDomainSchema) {}
