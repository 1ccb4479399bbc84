import { mailAddressSchema } from "./mailAddressSchema";
import { mailDomainSchema } from "./mailDomainSchema";
import { notifyUrlSchema } from "./notifyUrlSchema";
import type { AnySchema } from "./schema";

/** Every resource's declaration, for the docs and their test. */
export const SCHEMAS: readonly AnySchema[] = [mailDomainSchema, mailAddressSchema, notifyUrlSchema];
