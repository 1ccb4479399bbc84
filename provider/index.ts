// What users call. The client and the emulator have their own entry points
// (pulumi-directmail/client, pulumi-directmail/emulator).
export { MailAddress } from "./resources/mailAddress/resource";
export type { MailAddressArgs } from "./resources/mailAddress/resource";
export { MailAddressNotifyUrl } from "./resources/notifyUrl/resource";
export type { MailAddressNotifyUrlArgs } from "./resources/notifyUrl/resource";
export { MailDomain } from "./resources/mailDomain/resource";
export type { MailDomainArgs } from "./resources/mailDomain/resource";
export { MailDomainVerification } from "./resources/mailDomainVerification/resource";
export type { MailDomainVerificationArgs } from "./resources/mailDomainVerification/resource";
export { getMailAddresses, getMailAddress } from "./resources/mailAddress/lookups";
export { getMailDomains, getMailDomain } from "./resources/mailDomain/lookups";
export type { DnsRecord, DnsPurpose, DomainChecks, MailDomainInfo, MailDomainDetail } from "./resources/mailDomain/state";
export { approveReplyAddress } from "./resources/mailAddress/replyApproval";
export type { RegionOption } from "./config/programClient";
export type { AccountRef } from "./schema/propertyTypes";
export type { MailAddressInfo } from "./resources/mailAddress/state";
export { ReceiverList } from "./resources/receiverList/resource";
export type { ReceiverListArgs } from "./resources/receiverList/resource";
export { getReceiverLists, getReceiverList } from "./resources/receiverList/lookups";
export type { ReceiverListInfo, ReceiverListDetail } from "./resources/receiverList/state";
export type { Member as ReceiverListMember } from "./resources/receiverList/memberRules";
export { MailTag } from "./resources/mailTag/resource";
export type { MailTagArgs } from "./resources/mailTag/resource";
export { getMailTags, getMailTag } from "./resources/mailTag/lookups";
export type { MailTagInfo } from "./resources/mailTag/state";
export { REGIONS, SMTP_HOSTS } from "../client/rpc/endpoints";
export type { Region } from "../client/rpc/endpoints";
export type { Sendtype } from "../client/types";
export {
  DirectMailClientError,
  DirectMailServiceError,
  DirectMailTransportError,
  DirectMailRetriesExhaustedError,
  CredentialsNotFoundError,
  CredentialsError,
  EndpointError,
} from "../client/errors";
export type { ErrorKind } from "../client/errors";
