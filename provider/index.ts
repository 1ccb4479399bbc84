// What users call. The client and the emulator have their own entry points
// (pulumi-directmail/client, pulumi-directmail/emulator).
export { MailAddress } from "./mailAddress";
export type { MailAddressArgs } from "./mailAddress";
export { MailAddressNotifyUrl } from "./notifyUrl";
export type { MailAddressNotifyUrlArgs } from "./notifyUrl";
export { MailDomain } from "./mailDomain";
export type { MailDomainArgs } from "./mailDomain";
export { getMailAddresses, getMailAddress, getMailDomains, getMailDomain } from "./lookups";
export type { DnsRecord, DnsPurpose, DomainChecks, MailDomainInfo, MailDomainDetail } from "./domainState";
export { approveReplyAddress } from "./replyApproval";
export type { RegionOption } from "./programClient";
export type { MailAddressInfo } from "./mailAddressState";
export { REGIONS, SMTP_HOSTS } from "../client/rpc/endpoints";
export type { Region } from "../client/rpc/endpoints";
export type { Sendtype } from "../client/types";
export {
  DirectMailClientError,
  DirectMailServiceError,
  DirectMailTransportError,
  DirectMailRetriesExhaustedError,
  CredentialsNotFoundError,
  EndpointError,
} from "../client/errors";
export type { ErrorKind } from "../client/errors";
