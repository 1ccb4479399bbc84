import type { ReceiverRecord } from "../../../client/types";
import { compact } from "../../framework/compact";
import type { Member } from "./memberRules";
import type { ReceiverListInputs, ReceiverListOutputs } from "./schema";

/** A recipient list as DirectMail reports it, in this package's terms. */
export interface ReceiverListInfo {
  readonly receiverId: string;
  readonly receiversName: string;
  readonly receiversAlias: string;
  readonly description: string;
  /** The members DirectMail counts. */
  readonly memberCount: number;
  readonly createTime: string;
}

/** A list with its members, as getReceiverList returns it. */
export interface ReceiverListDetail extends ReceiverListInfo {
  readonly members: readonly Member[];
}

export function toReceiverListInfo(r: ReceiverRecord): ReceiverListInfo {
  return {
    receiverId: r.receiverId,
    receiversName: r.receiversName,
    receiversAlias: r.receiversAlias,
    description: r.desc,
    memberCount: Math.max(0, r.count),
    createTime: r.createTime,
  };
}

/**
 * What the state records: the inputs, with `members` as the list is known to
 * have them (left out when the program does not manage them), and what the
 * service reports.
 */
export function toReceiverListOutputs(
  inputs: ReceiverListInputs,
  live: ReceiverRecord,
  adopted: boolean,
  members: readonly Member[] | undefined,
): ReceiverListOutputs {
  return compact({
    ...inputs,
    members: members === undefined ? undefined : [...members],
    receiverId: live.receiverId,
    adopted,
    memberCount: Math.max(0, live.count),
    createTime: live.createTime,
  });
}
