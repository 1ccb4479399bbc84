/**
 * The emulator's error catalogue: every error it can answer with, with the
 * code, HTTP status and message the real service is documented to use
 * (docs/directmail-api.md). Codes marked UNCONFIRMED are the
 * emulator's best guess where no public source gives one.
 *
 * One module with a section per area, not one per area: the gateway's errors
 * (InvalidParameter, Missing*) are answered by every area, the dialect
 * rewrites codes across areas, and one catalogue is where a reader checks
 * that no code is used for two meanings. A second service (STS) gets a
 * section of its own here.
 */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const e = (code: string, status: number, message: string) => new ApiError(code, status, message);

export const Errors = {
  // ---- gateway (POP) errors ----
  missingParameter: (name: string) => e(`Missing${name}`, 400, `${name} is mandatory for this action.`),
  invalidParameter: (name: string) => e("InvalidParameter", 400, `Specified parameter ${name} is not valid.`),
  tooManyParameters: (count: number, max: number) =>
    e("InvalidParameter", 400, `The request has ${count} parameters; at most ${max} are accepted.`),
  parameterNameTooLong: (max: number) => e("InvalidParameter", 400, `A parameter name is longer than ${max} characters.`),
  parameterTooLong: (name: string, max: number) =>
    e("InvalidParameter", 400, `Specified parameter ${name} is not valid: it is longer than ${max} characters.`),
  /** UNCONFIRMED code: the gateway's own answer to an oversized body is not documented; 413 is HTTP's. */
  bodyTooLarge: (max: number) => e("RequestEntityTooLarge", 413, `The request body is larger than ${max} bytes.`),
  invalidFormat: () => e("InvalidParameter.Format", 400, "Specified parameter Format is not valid. Format must be XML or JSON."),
  invalidVersion: () => e("InvalidVersion", 400, "Specified parameter Version is not valid."),
  invalidAction: () => e("InvalidAction.NotFound", 404, "Specified api is not found, please check your url and method."),
  productNotFound: () => e("InvalidProduct.NotFound", 404, "Specified product is not found."),
  unsupportedMethod: () => e("UnsupportedHTTPMethod", 403, "This http method is not supported."),
  accessKeyNotFound: () => e("InvalidAccessKeyId.NotFound", 404, "Specified access key is not found."),
  accessKeyInactive: () => e("InvalidAccessKeyId.Inactive", 400, "Specified access key is disabled."),
  forbiddenRam: (action: string) =>
    e("Forbidden.RAM", 403, `User not authorized to operate on the specified resource, or this API doesn't support RAM. (dm:${action})`),
  incompleteSignature: (why: string) => e("IncompleteSignature", 400, `The request signature does not conform to Aliyun standards. ${why}`),
  invalidSignatureMethod: () => e("InvalidSignatureMethod", 400, "Specified signature method is not supported."),
  signatureMismatch: (serverStringToSign: string) =>
    e(
      "SignatureDoesNotMatch",
      400,
      `Specified signature is not matched with our calculation. server string to sign is:${serverStringToSign}`,
    ),
  nonceUsed: () => e("SignatureNonceUsed", 400, "Specified signature nonce was used already."),
  timestampFormat: () => e("InvalidTimeStamp.Format", 400, "Specified time stamp or date value is not well formatted."),
  timestampExpired: () => e("InvalidTimeStamp.Expired", 400, "Specified time stamp or date value is expired."),
  missingSecurityToken: () => e("MissingSecurityToken", 400, "SecurityToken is mandatory for this action."),
  /** UNCONFIRMED code. */
  securityTokenMismatch: () => e("InvalidSecurityToken.Mismatch", 400, "Specified SecurityToken is not valid for this access key."),
  /** An STS key used after its Expiration (the code the SDKs and the CLI report for an expired session). */
  securityTokenExpired: () => e("InvalidSecurityToken.Expired", 400, "Specified SecurityToken is expired."),
  throttledUser: () => e("Throttling.User", 400, "Request was denied due to user flow control."),
  internalError: () => e("InternalError", 500, "The request processing has failed due to some unknown error."),
  serviceUnavailable: () => e("ServiceUnavailable", 503, "The request has failed due to a temporary failure of the server."),

  // ---- the emulator's own: its state file (the real service has none; the request was not carried out) ----
  /** The lock is held too long, the file cannot be read again, or the change cannot be written: `why` names the file and what to do. */
  stateFileUnusable: (why: string) => e("EmulatorStateFile.Unusable", 503, `The request was not carried out: ${why}.`),

  // ---- DirectMail: the account ----
  userNotFound: () =>
    e(
      "InvalidUser.NotFound",
      404,
      "The specified user does not exist. Please contact your master account to activate the Direct Mail service.",
    ),

  // ---- DirectMail: sender addresses, reply verification, notify URLs ----
  addressMalformed: () => e("InvalidMailAddressName.Malformed", 400, "The specified mailAddress accountName is wrongly formed."),
  addressTooLong: () => e("EmailLengthError", 400, "The email address exceeds 192 characters."),
  addressLimit: () => e("InvalidMailAddressNumber.Malformed", 400, "The amount of mailaddress exceeds the limit."),
  /** The address's domain is not one of the account's sending domains. */
  addressDomainNotConfigured: () => e("InvalidMailAddressDomain.Malformed", 400, "The specified mailAddress domain does not exist."),
  domainNotVerified: () => e("InvalidMailAddressDomainStatus.Malformed", 400, "The specified mailAddress domain status is wrongly formed."),
  addressDuplicate: () =>
    e("InvalidMailAddressName.Duplicate", 400, "The specified email address already exists. Please change to another one."),
  sendtypeMalformed: () => e("InvalidMailAddressSendType.Malformed", 400, "The specified mailAddress sendType is wrongly formed."),
  addressFrozen: () => e("InvalidMailAddressStatus.Malformed", 400, "The specified mailAddress status is wrongly formed."),
  addressNotFound: () => e("InvalidMailAddress.NotFound", 404, "The specified mailAddress does not exist."),
  /** Status UNCONFIRMED (404 chosen, like InvalidDomainId.Malformed). */
  addressIdNotFound: () => e("InvalidMailAddressId.Malformed", 404, "The specified mailAddress id does not exist."),
  /** UNCONFIRMED code, by analogy with ModifyPWByDomain's InvalidDomainPassword.Malformed. */
  passwordMalformed: () => e("InvalidPassword.Malformed", 400, "The specified password is wrongly formed."),
  /** UNCONFIRMED code, by analogy with InvalidDomainPassword.equalcurrent. */
  passwordEqualCurrent: () => e("InvalidPassword.equalcurrent", 400, "The new password is the same as the current password."),
  /** UNCONFIRMED code. */
  replyAddressMalformed: () => e("InvalidReplyAddress.Malformed", 400, "The specified replyAddress is wrongly formed."),
  /** UNCONFIRMED code. */
  replyAddressNotSet: () => e("InvalidReplyAddress.NotSet", 400, "The specified mailAddress has no reply address."),
  /** UNCONFIRMED code. */
  ticketNotFound: () => e("InvalidTicket.NotFound", 404, "The specified ticket does not exist or has expired."),
  /** UNCONFIRMED status (400 assumed). */
  notifyUrlMalformed: () => e("InvalidNotifyUrl.Malformed", 400, "The specified notifyUrl is wrongly formed."),
  /** UNCONFIRMED code: the limit (10 per month) is documented, its error is not. */
  deleteLimit: () => e("InvalidMailAddressDeleteLimit.Exceeded", 400, "The number of deleted mail addresses this month exceeds the limit."),

  // ---- DirectMail: domains ----
  domainNameMalformed: () => e("InvalidDomainName.Malformed", 400, "The specified domain name is wrongly formed."),
  domainDuplicate: () => e("InvalidDomainName.Duplicate", 400, "The specified domain name already exists."),
  domainLimit: () => e("InvalidDomainNumber.Malformed", 400, "The maximum number of domains has been reached."),
  /** UNCONFIRMED code and status: Terraform reads InvalidDomainId.NotFound; the dialect can answer the others. */
  domainIdNotFound: () => e("InvalidDomainId.NotFound", 404, "The specified domain ID does not exist."),
  /** UNCONFIRMED code: the rule (no deleting a domain with sender addresses) is documented, its error is not. */
  domainInUse: () => e("InvalidDomain.HasMailAddress", 400, "The domain still has sender addresses; delete them first."),

  // ---- DirectMail: recipient lists and their members ----
  /** Documented for a bad name, alias or member email alike. */
  receiverNameMalformed: () => e("InvalidReceiverName.Malformed", 400, "The specified receiver name is wrongly formed."),
  /** From a community list only (no action named); the dialect can answer InvalidReceiverId.Malformed instead. */
  receiverNotFound: () => e("InvalidReceiver.NotFound", 404, "The specified receiver does not exist."),
  /** UNCONFIRMED code: names are documented unique, the refusal's code is not; the dialect can answer InvalidReceiverName.Malformed. */
  receiverDuplicate: () => e("InvalidReceiverName.Duplicate", 400, "The specified receiver name already exists."),
  /** Documented for DeleteReceiver ("check whether members were uploaded"); refusing a list with members by it is a dialect (UNCONFIRMED). */
  receiverStatusMalformed: () => e("InvalidReceiverStatus.Malformed", 400, "The specified receivers status is wrongly formed."),
  /** UNCONFIRMED code: the limit (10 lists) is documented, its error is not. */
  receiverLimit: () => e("InvalidReceiverNumber.Malformed", 400, "The amount of receivers exceeds the limit."),
  /** UNCONFIRMED code: the limit (500 a call) is documented, its error is not. */
  receiverDetailLimit: () => e("InvalidReceiverDetailNumber.Malformed", 400, "The amount of receiver details exceeds the limit."),
  /** UNCONFIRMED: whether deleting a missing member fails at all; the dialect decides. */
  memberNotFound: () => e("InvalidReceiverDetail.NotFound", 404, "The specified receiver detail does not exist."),
  // ---- DirectMail: a listing's keyword (tags, recipient lists) ----
  keywordMalformed: () => e("InvalidKeyword.Malformed", 400, "The specified keyword is invalid."),

  // ---- DirectMail: mail tags (only their listing's keyword error is documented) ----
  /** UNCONFIRMED code: the rule is documented, its error is not. */
  tagNameMalformed: () => e("InvalidTagName.Malformed", 400, "The specified tag name is wrongly formed."),
  /** UNCONFIRMED code; whether duplicates are refused at all is open (dialect `tagDuplicate`). */
  tagDuplicate: () => e("InvalidTagName.Duplicate", 400, "The specified tag name already exists."),
  /** UNCONFIRMED code, by analogy with InvalidMailAddressNumber.Malformed: the limit (10) is documented, its error is not. */
  tagLimit: () => e("InvalidTagNumber.Malformed", 400, "The amount of tags exceeds the limit."),
  /** UNCONFIRMED code and status: Terraform reads InvalidTag.NotFound; the dialect can answer the others. */
  tagNotFound: () => e("InvalidTag.NotFound", 404, "The specified tag does not exist."),
  /** UNCONFIRMED code: a send's TagName must be a tag the account has; the refusal's code is not documented. */
  tagNameNotFound: () => e("InvalidTagName.NotFound", 404, "The specified tag name does not exist."),

  // ---- DirectMail: sending (SingleSendMail; the SMTP side answers the same refusals in SMTP's terms) ----
  toAddressMalformed: () => e("InvalidToAddress", 400, "The specified toAddress is invalid."),
  /** UNCONFIRMED: the limit (100) is documented, its error is not; the same code as a malformed ToAddress is assumed. */
  tooManyRecipients: () => e("InvalidToAddress", 400, "The specified toAddress has more than 100 addresses."),
  subjectMalformed: () => e("InvalidSubject.Malformed", 400, "The specified subject is wrongly formed."),
  bodyMissing: () => e("InvalidBody", 400, "The specified body is invalid: HtmlBody or TextBody is required."),
  /** UNCONFIRMED code. */
  fromAliasMalformed: () => e("InvalidFromAlias.Malformed", 400, "The specified fromAlias is wrongly formed."),
  /** UNCONFIRMED code: ReplyToAddress=true needs a verified reply address, as documented. */
  replyAddressNotVerified: () => e("InvalidReplyAddress.NotVerified", 400, "The reply address of the sender is not verified."),
  /** UNCONFIRMED code: the sender's daily (DailyCount) or monthly (MonthCount) quota is used up. */
  quotaExceeded: (period: "daily" | "monthly") =>
    e("InvalidQuota.Exceeded", 400, `The ${period} sending quota of the specified mailAddress is used up.`),

  // ---- STS (sts, 2015-04-01); statuses per code are UNCONFIRMED where the docs give none ----
  stsInvalidRoleArn: () => e("InvalidParameter.RoleArn", 400, "The parameter RoleArn is wrongly formed."),
  stsRoleNotFound: (arn: string) => e("EntityNotExist.Role", 404, `The role not exists: ${arn}.`),
  stsSessionName: () => e("InvalidParameter.RoleSessionName", 400, "The parameter RoleSessionName is wrongly formed."),
  stsDuration: (max: number) =>
    e("InvalidParameter.DurationSeconds", 400, `The Min/Max value of DurationSeconds is 15min/${max / 3600}hr.`),
  stsPolicy: () => e("InvalidParameter.PolicyGrammar", 400, "The parameter Policy has not passed grammar check."),
  stsNoPermission: () => e("NoPermission", 403, "You are not authorized to do this action. You should be authorized by RAM."),
  stsExternalId: () => e("NoPermission", 403, "No permission perform sts:AssumeRole on this Role. The ExternalId does not match."),
  oidcNoProvider: () => e("AuthenticationFail.NoPermission", 401, "No such OIDC Provider registered."),
  oidcInvalid: (why: string) => e("AuthenticationFail.OIDCToken.Invalid", 401, `The OIDCToken is invalid: ${why}.`),
  oidcSignature: () => e("AuthenticationFail.OIDCToken.InvalidSignature", 401, "The signature of the OIDCToken is invalid."),
  oidcExpired: () => e("AuthenticationFail.OIDCToken.Expired", 401, "This JsonWebToken is expired."),
  oidcAudience: () => e("AuthenticationFail.OIDCToken.AudienceNotMatch", 401, "The audience of the OIDCToken does not match."),
} as const;
