/**
 * The answer shapes, in one place for callers: the generic readers are in
 * rpc/answers.ts, each area's shapes beside its actions.
 */

export { SENDTYPES } from "./apiFacts";
export type { Sendtype } from "./apiFacts";
export { asNumber, asObject, asString, toPage } from "./rpc/answers";
export type { JsonObject, Page } from "./rpc/answers";
export { toMailAddressRecord } from "./actions/addressShapes";
export type { MailAddressRecord } from "./actions/addressShapes";
export { toDomainDetail, toDomainRecord } from "./actions/domainShapes";
export type { DomainDetail, DomainRecord } from "./actions/domainShapes";
export type { NotifyUrlSetting } from "./actions/notifyUrlShapes";
export { MEMBER_FIELDS, detailParameter, toReceiverMember, toReceiverRecord } from "./actions/receiverShapes";
export type { MemberField, MemberPage, ReceiverMember, ReceiverRecord, SaveOutcome } from "./actions/receiverShapes";
export { toTagRecord } from "./actions/tagShapes";
export type { TagRecord } from "./actions/tagShapes";
export type { SentMail, SingleSendMailArgs } from "./actions/sendingShapes";
