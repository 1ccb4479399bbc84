import { mailAddressSchema } from "./mailAddress/schema";
import { mailDomainSchema } from "./mailDomain/schema";
import { notifyUrlSchema } from "./notifyUrl/schema";
import { receiverListSchema } from "./receiverList/schema";
import { mailTagSchema } from "./mailTag/schema";
import { mailDomainVerificationSchema } from "./mailDomainVerification/schema";
import type { AnySchema } from "../schema/schema";

/** Every resource's declaration, for the docs and their test. */
export const SCHEMAS: readonly AnySchema[] = [
  mailDomainSchema,
  mailDomainVerificationSchema,
  mailAddressSchema,
  notifyUrlSchema,
  mailTagSchema,
  receiverListSchema,
];
