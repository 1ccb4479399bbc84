import { defineResource } from "../../framework/defineResource";
import { receiverListSchema } from "./schema";

export type { ReceiverListArgs } from "./schema";

/**
 * A DirectMail recipient list (CreateReceiver) and, optionally, its members,
 * kept in step with the program. Properties are declared in ./schema.ts;
 * docs/resources/ReceiverList.md shows them.
 */
export class ReceiverList extends defineResource(receiverListSchema) {}
