import { DirectMailServiceError } from "../errors";
import { lookUpRecovery } from "../resilience/listing";
import { asString, toPage } from "../rpc/answers";
import { defineAction, nothing } from "./action";
import { customDetailParameter, detailParameter, ReceiverMember, toMemberPage, toReceiverRecord, toSaveOutcome } from "./receiverShapes";

/**
 * The recipient-list actions, members included. The not-found and duplicate
 * codes are UNCONFIRMED (only a community list gives InvalidReceiver.NotFound),
 * so each plausible one counts, and only on these actions.
 */

const RECEIVER_GONE = ["InvalidReceiver.NotFound", "InvalidReceiverId.Malformed"];
/** How CreateReceiver may refuse a name in use: no source gives the code. */
const RECEIVER_DUPLICATE = ["InvalidReceiverName.Duplicate", "InvalidReceiverName.Malformed"];
/** How DeleteReceiverDetail may say the email is not in the list (UNCONFIRMED; it may also succeed). */
const MEMBER_GONE = ["InvalidReceiverDetail.NotFound", "InvalidEmail.NotFound"];
/**
 * DeleteReceiverDetail's documented refusal of a recipient email: for an email
 * this package checked, it may mean the list lacks it (UNCONFIRMED), which only
 * a look at the list can tell.
 */
const MEMBER_EMAIL_REFUSED = "InvalidReceiverName.Malformed";

export function refusedMemberEmail(err: unknown): boolean {
  return err instanceof DirectMailServiceError && !err.gone && err.code === MEMBER_EMAIL_REFUSED;
}

/** DeleteReceiver's documented refusal ("check whether members were uploaded"): perhaps of a list that still has members (UNCONFIRMED). */
export function refusedListStatus(err: unknown): boolean {
  return err instanceof DirectMailServiceError && err.code === "InvalidReceiverStatus.Malformed";
}

/** A refusal of the request itself (no code for an over-large PageSize is documented): for QueryReceiverDetail, perhaps of its PageSize. */
export function refusedAsInput(err: unknown): boolean {
  return err instanceof DirectMailServiceError && !err.gone && err.kind === "invalid-input";
}

/** QueryReceiverDetail's KeyWord: "recipient address, length 0-50". */
export const MEMBER_KEYWORD_MAX = 50;

export interface CreatedReceiver {
  readonly receiverId: string;
  /** True when a lost answer was recovered by finding the list it made. */
  readonly recovered: boolean;
}

export const createReceiver = defineAction({
  name: "CreateReceiver",
  params: (a: { receiversName: string; receiversAlias: string; desc?: string }) => ({
    ReceiversName: a.receiversName,
    ReceiversAlias: a.receiversAlias,
    Desc: a.desc || undefined,
  }),
  read: (body): CreatedReceiver => ({ receiverId: asString(body.ReceiverId), recovered: false }),
  // The list a lost attempt made is found by its (unique) name instead of a second request meeting "already exists";
  // its alias is an email address, which the service may keep in lower case as it does sender addresses (UNCONFIRMED).
  recovery: (a, client) =>
    lookUpRecovery(async () => {
      const mine = await client.findReceiverByName(a.receiversName);
      return mine && mine.receiversAlias.toLowerCase() === a.receiversAlias.toLowerCase()
        ? { receiverId: mine.receiverId, recovered: true }
        : undefined;
    }, RECEIVER_DUPLICATE),
});

/**
 * PageNo is deprecated by the newest docs (a server may ignore it and answer
 * every list at once); the listing helper stops on a page with nothing new,
 * so either way the lists come once.
 */
export const queryReceiverByParam = defineAction({
  name: "QueryReceiverByParam",
  params: (a: { keyWord?: string; pageNo?: number; pageSize?: number }) => ({
    KeyWord: a.keyWord || undefined,
    PageNo: a.pageNo,
    PageSize: a.pageSize,
  }),
  read: (body) => toPage(body, "receiver", toReceiverRecord),
});

export const deleteReceiver = defineAction({
  name: "DeleteReceiver",
  // Repeated after a lost answer: the repeat meets the action's own not-found answer, which callers treat as deleted.
  params: (receiverId: string) => ({ ReceiverId: receiverId }),
  read: nothing,
  goneCodes: RECEIVER_GONE,
});

/** Which of a member's parts a SaveReceiverDetail call carries. */
export type MemberPart = "fields" | "variables";

/**
 * At most 500 members a call, their fields (Detail) or their template
 * variables (CustomDetail), never both: whether one call may carry both is
 * UNCONFIRMED. A CustomDetail record sets a member's variables whole, so its
 * repeat after a lost answer sets the same again.
 *
 * Repeated after a lost answer: the repeat either
 * saves them (a service that updates existing members) or refuses those the
 * lost attempt saved as duplicates, which the caller puts right (delete, then
 * save again) as for any refusal: nothing is saved twice, nothing is lost.
 */
export const saveReceiverDetail = defineAction({
  name: "SaveReceiverDetail",
  params: (a: { receiverId: string; members: readonly ReceiverMember[]; part: MemberPart }) => ({
    ReceiverId: a.receiverId,
    Detail: a.part === "fields" ? detailParameter(a.members) : undefined,
    CustomDetail: a.part === "variables" ? customDetailParameter(a.members) : undefined,
  }),
  read: toSaveOutcome,
  // Members are personal data: neither text is ever shown in an error.
  secretParams: ["Detail", "CustomDetail"],
  goneCodes: RECEIVER_GONE,
});

/** One page of members, paged by NextStart (paced to its documented 2 calls a second). */
export const queryReceiverDetail = defineAction({
  name: "QueryReceiverDetail",
  params: (a: { receiverId: string; keyWord?: string; pageSize?: number; nextStart?: string }) => ({
    ReceiverId: a.receiverId,
    KeyWord: a.keyWord || undefined,
    PageSize: a.pageSize,
    NextStart: a.nextStart || undefined,
  }),
  read: toMemberPage,
  secretParams: ["KeyWord"],
  goneCodes: RECEIVER_GONE,
});

/**
 * One member (paced to its documented 20 calls a second). Repeated after a
 * lost answer: the repeat finds the member gone (a success or a not-found
 * answer, which callers take for deleted).
 */
export const deleteReceiverDetail = defineAction({
  name: "DeleteReceiverDetail",
  params: (a: { receiverId: string; email: string }) => ({ ReceiverId: a.receiverId, Email: a.email }),
  read: nothing,
  secretParams: ["Email"],
  goneCodes: [...MEMBER_GONE, ...RECEIVER_GONE],
});
