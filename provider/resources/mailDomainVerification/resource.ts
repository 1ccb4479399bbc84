import { defineResource } from "../../framework/defineResource";
import { mailDomainVerificationSchema } from "./schema";

export type { MailDomainVerificationArgs } from "./schema";

/**
 * The wait until DirectMail has verified a sending domain, as a resource of
 * its own (the shape of `aws.acm.CertificateValidation`): `MailDomain` gives
 * the records without waiting, DNS resources publish them, this waits after
 * them, and the senders are built from its `domainName`. Properties are
 * declared in ./schema.ts; docs/resources/MailDomainVerification.md shows them.
 */
export class MailDomainVerification extends defineResource(mailDomainVerificationSchema) {}
