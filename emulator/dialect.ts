import { ApiError, Errors } from "./exceptions";

/**
 * Where the public sources leave DirectMail's wire open (docs/directmail-api.md,
 * UNCONFIRMED), the emulator can speak each plausible variant, so that the
 * provider is tested against all of them rather than against one shared guess.
 */
export interface Dialect {
  /**
   * How a password equal to the current (or the previous) one is refused:
   * `equalcurrent` InvalidPassword.equalcurrent (the default guess, by analogy
   * with ModifyPWByDomain), `malformed` InvalidPassword.Malformed (the same code
   * as a broken rule), `domain` InvalidDomainPassword.equalcurrent.
   */
  readonly passwordRepeat: "equalcurrent" | "malformed" | "domain";
  /**
   * What a new reply address does to ReplyStatus (UNCONFIRMED): `reset`, it
   * must be verified again (the likely reading), or `kept`, the old
   * address's status stays, so a verified sender given a new, unverified
   * reply address still reads as verified.
   */
  readonly replyStatusOnChange: "reset" | "kept";
  /**
   * How the address actions say "no address has this id" (no source gives a
   * code): InvalidMailAddressId.Malformed (Terraform's reading),
   * InvalidMailAddress.NotFound, or InvalidMailAddressStatus.Malformed, the
   * code the docs give for a frozen address, so that only a listing can tell
   * the two apart.
   */
  readonly addressNotFound: "InvalidMailAddressId.Malformed" | "InvalidMailAddress.NotFound" | "InvalidMailAddressStatus.Malformed";
  /** Ids, statuses and counts as JSON numbers (old samples, Terraform) or as strings (new metadata). */
  readonly numbers: "numbers" | "strings";
  /** The HTTP status of a throttling answer: 400 (older tables) or 429. */
  readonly throttleStatus: 400 | 429;
  /** Whether list answers carry TotalCount. */
  readonly totalCount: "present" | "absent";
  /** How the domain actions say "no domain has this id". */
  readonly domainNotFound: "InvalidDomainId.NotFound" | "InvalidDomainId.Malformed" | "InvalidDomain.NotFound";
  /** How DeleteDomain refuses a domain that still has sender addresses (no source gives a code). */
  readonly domainInUse: "InvalidDomain.HasMailAddress" | "OperationDenied.DomainInUse";
  /** Whether a usable domain shows only 0, or also 2-4 (tracking CNAME or ICP filing missing), as older pages list. */
  readonly domainStatuses: "binary" | "extended";
  /**
   * How the ownership, DKIM and DMARC hosts are written: relative to the root
   * domain (`aliyundm.mail` for mail.example.com), fully qualified
   * (`aliyundm.mail.example.com`), or relative to the domain itself (`aliyundm`).
   */
  readonly hostNames: "relative" | "absolute" | "domain";
  /**
   * How DescDomain's CnameRecord names the tracking host: the bare label
   * (`dmtrace`, as the sources describe it: the host is the label plus the
   * subdomain part), relative to the root domain (`dmtrace.mail`), or in full.
   */
  readonly trackingHost: "label" | "relative" | "absolute";
  /** How the receiver actions say "no list has this id" (a community list gives the first). */
  readonly receiverNotFound: "InvalidReceiver.NotFound" | "InvalidReceiverId.Malformed";
  /** How CreateReceiver refuses a name in use (no source gives a code). */
  readonly receiverDuplicate: "InvalidReceiverName.Duplicate" | "InvalidReceiverName.Malformed";
  /** Whether a list's ReceiversAlias (an email address) is kept as given or stored in lower case, as sender addresses are (UNCONFIRMED). */
  readonly receiverAliases: "kept" | "lowercased";
  /** ReceiverId as 32 hex characters (the SDK's samples) or as a number (the toy samples). */
  readonly receiverIds: "hex" | "numeric";
  /** Whether QueryReceiverByParam answers every list at once (PageNo deprecated) or honours PageNo/PageSize. */
  readonly receiverPaging: "all" | "pages";
  /** Whether SaveReceiverDetail refuses an email the list has (the docs' reading) or updates its fields. */
  readonly memberSaveExisting: "refuses" | "updates";
  /**
   * What DeleteReceiverDetail of an email the list lacks answers: success, a
   * not-found code (none is documented), or `refused`: the one code the action's
   * page documents for a bad recipient email, InvalidReceiverName.Malformed,
   * which may be how the service says "not in this list" (UNCONFIRMED).
   */
  readonly memberDeleteMissing: "succeeds" | "not-found" | "refused";
  /**
   * Whether DeleteReceiver takes a list that still has members (`allowed`, the
   * console's reading) or refuses it with the action's documented
   * InvalidReceiverStatus.Malformed (`refused`; UNCONFIRMED either way).
   */
  readonly receiverDeleteNonEmpty: "allowed" | "refused";
  /** QueryReceiverDetail's largest page (UNCONFIRMED). */
  readonly memberPageMax: "100" | "50";
  /** What QueryReceiverDetail does with a PageSize over that largest page: answers a page of the largest size, or refuses it (InvalidParameter). */
  readonly memberPageOver: "capped" | "refused";
  /** Whether one SaveReceiverDetail may carry both Detail and CustomDetail (`combined`) or is refused when it does (`separate`). */
  readonly customDetailCombined: "separate" | "combined";
  /** Whether QueryReceiverDetail gives a member's template variables back (a `CustomData` object on each item) or not at all. */
  readonly customDataReadBack: "returned" | "absent";

  // ---- mail tags: no source gives these (UNCONFIRMED) ----
  /**
   * How ModifyTag and DeleteTag answer an unknown TagId: InvalidTag.NotFound
   * (Terraform's reading), InvalidTagId.Malformed, or `ignored`: success,
   * nothing done (a DeleteTag that is idempotent, a ModifyTag that changes nothing).
   */
  readonly tagNotFound: "InvalidTag.NotFound" | "InvalidTagId.Malformed" | "ignored";
  /** Whether a second tag of a name (case aside) is refused (InvalidTagName.Duplicate) or allowed. */
  readonly tagDuplicate: "refused" | "allowed";
  /** QueryTagByParam's pages: the PageSize asked (at most 500), or never more than 5 whatever is asked. */
  readonly tagPageSize: "asked" | "at-most-5";
  /** How QueryTagByParam answers when no tag matches: an empty list, or InvalidTag.NotFound (Terraform handles both). */
  readonly tagQueryEmpty: "empty" | "InvalidTag.NotFound";
  /**
   * The TagName rule: 1-128 letters, digits and `_` (the SDK and the newest
   * pages), 1-50 of them (2025 pages), or 1-50 letters and digits (a 2024 page).
   */
  readonly tagNames: "128" | "50" | "50-no-underscore";
  /** What a ModifyTag without TagDescription does to the description: keeps it, or clears it. */
  readonly tagModifyDescription: "kept" | "cleared";
  /**
   * What one sent mail adds to the sender's DailyReqCount/MonthReqCount and
   * spends of its DailyCount/MonthCount: one per recipient (quotas are sold
   * per mail delivered) or one per request.
   */
  readonly usageCounts: "recipients" | "requests";
  /** SingleSendMail's Subject limit: 100 characters (older pages) or 256 (the SDK's and newer pages). */
  readonly subjectLimit: 100 | 256;
  /**
   * The SMTP replies: `alimail`, the codes Alibaba Mail's SMTP servers give
   * (526 Authentication failure, 440 for a From that is not the login, 510 for
   * a message over the size limit), or `rfc`, the standard ones (535 5.7.8,
   * 553 5.7.1, 552 5.3.4). DirectMail documents neither.
   */
  readonly smtpCodes: "alimail" | "rfc";
}

export const DEFAULT_DIALECT: Dialect = {
  passwordRepeat: "equalcurrent",
  replyStatusOnChange: "reset",
  addressNotFound: "InvalidMailAddressId.Malformed",
  numbers: "numbers",
  throttleStatus: 400,
  totalCount: "present",
  domainNotFound: "InvalidDomainId.NotFound",
  domainInUse: "InvalidDomain.HasMailAddress",
  domainStatuses: "binary",
  hostNames: "relative",
  trackingHost: "label",
  receiverNotFound: "InvalidReceiver.NotFound",
  receiverDuplicate: "InvalidReceiverName.Duplicate",
  receiverAliases: "kept",
  receiverIds: "hex",
  receiverPaging: "all",
  memberSaveExisting: "refuses",
  memberDeleteMissing: "succeeds",
  receiverDeleteNonEmpty: "allowed",
  memberPageMax: "100",
  memberPageOver: "capped",
  customDetailCombined: "separate",
  customDataReadBack: "absent",
  tagNotFound: "InvalidTag.NotFound",
  tagDuplicate: "refused",
  tagPageSize: "asked",
  tagQueryEmpty: "empty",
  tagNames: "128",
  tagModifyDescription: "kept",
  usageCounts: "recipients",
  subjectLimit: 256,
  smtpCodes: "alimail",
};

/**
 * Three dialects that between them take every value of every switch: running
 * a test or a benchmark under each covers every variant.
 */
export const COVERING_DIALECTS: ReadonlyArray<readonly [label: string, dialect: Dialect]> = [
  ["the default guesses", DEFAULT_DIALECT],
  [
    "a plain refusal, strings, 429",
    {
      passwordRepeat: "malformed",
      replyStatusOnChange: "kept",
      addressNotFound: "InvalidMailAddress.NotFound",
      numbers: "strings",
      throttleStatus: 429,
      totalCount: "absent",
      domainNotFound: "InvalidDomainId.Malformed",
      domainInUse: "OperationDenied.DomainInUse",
      domainStatuses: "extended",
      hostNames: "absolute",
      trackingHost: "absolute",
      receiverNotFound: "InvalidReceiverId.Malformed",
      receiverDuplicate: "InvalidReceiverName.Malformed",
      receiverAliases: "kept",
      receiverIds: "numeric",
      receiverPaging: "pages",
      memberSaveExisting: "updates",
      memberDeleteMissing: "not-found",
      receiverDeleteNonEmpty: "refused",
      memberPageMax: "50",
      memberPageOver: "refused",
      customDetailCombined: "combined",
      customDataReadBack: "returned",
      tagNotFound: "InvalidTagId.Malformed",
      tagDuplicate: "allowed",
      tagPageSize: "at-most-5",
      tagQueryEmpty: "InvalidTag.NotFound",
      tagNames: "50",
      tagModifyDescription: "cleared",
      usageCounts: "requests",
      subjectLimit: 100,
      smtpCodes: "rfc",
    },
  ],
  [
    "the domain code, strings",
    {
      passwordRepeat: "domain",
      replyStatusOnChange: "reset",
      addressNotFound: "InvalidMailAddressStatus.Malformed",
      numbers: "strings",
      throttleStatus: 400,
      totalCount: "absent",
      domainNotFound: "InvalidDomain.NotFound",
      domainInUse: "InvalidDomain.HasMailAddress",
      domainStatuses: "extended",
      hostNames: "domain",
      trackingHost: "relative",
      receiverNotFound: "InvalidReceiver.NotFound",
      receiverDuplicate: "InvalidReceiverName.Duplicate",
      receiverAliases: "lowercased",
      receiverIds: "hex",
      receiverPaging: "pages",
      memberSaveExisting: "refuses",
      memberDeleteMissing: "refused",
      receiverDeleteNonEmpty: "allowed",
      memberPageMax: "50",
      memberPageOver: "capped",
      customDetailCombined: "separate",
      customDataReadBack: "returned",
      tagNotFound: "ignored",
      tagDuplicate: "refused",
      tagPageSize: "at-most-5",
      tagQueryEmpty: "empty",
      tagNames: "50-no-underscore",
      tagModifyDescription: "kept",
      usageCounts: "recipients",
      subjectLimit: 256,
      smtpCodes: "alimail",
    },
  ],
];

const CHOICES: { readonly [K in keyof Dialect]: readonly string[] } = {
  passwordRepeat: ["equalcurrent", "malformed", "domain"],
  replyStatusOnChange: ["reset", "kept"],
  addressNotFound: ["InvalidMailAddressId.Malformed", "InvalidMailAddress.NotFound", "InvalidMailAddressStatus.Malformed"],
  numbers: ["numbers", "strings"],
  throttleStatus: ["400", "429"],
  totalCount: ["present", "absent"],
  domainNotFound: ["InvalidDomainId.NotFound", "InvalidDomainId.Malformed", "InvalidDomain.NotFound"],
  domainInUse: ["InvalidDomain.HasMailAddress", "OperationDenied.DomainInUse"],
  domainStatuses: ["binary", "extended"],
  hostNames: ["relative", "absolute", "domain"],
  trackingHost: ["label", "relative", "absolute"],
  receiverNotFound: ["InvalidReceiver.NotFound", "InvalidReceiverId.Malformed"],
  receiverDuplicate: ["InvalidReceiverName.Duplicate", "InvalidReceiverName.Malformed"],
  receiverAliases: ["kept", "lowercased"],
  receiverIds: ["hex", "numeric"],
  receiverPaging: ["all", "pages"],
  memberSaveExisting: ["refuses", "updates"],
  memberDeleteMissing: ["succeeds", "not-found", "refused"],
  receiverDeleteNonEmpty: ["allowed", "refused"],
  memberPageMax: ["100", "50"],
  memberPageOver: ["capped", "refused"],
  customDetailCombined: ["separate", "combined"],
  customDataReadBack: ["returned", "absent"],
  tagNotFound: ["InvalidTag.NotFound", "InvalidTagId.Malformed", "ignored"],
  tagDuplicate: ["refused", "allowed"],
  tagPageSize: ["asked", "at-most-5"],
  tagQueryEmpty: ["empty", "InvalidTag.NotFound"],
  tagNames: ["128", "50", "50-no-underscore"],
  tagModifyDescription: ["kept", "cleared"],
  usageCounts: ["recipients", "requests"],
  subjectLimit: ["100", "256"],
  smtpCodes: ["alimail", "rfc"],
};

/** Each switch as `name=default|other|...`, the default first: for the command's --help, from the one table it parses with. */
export function dialectChoices(): string[] {
  return Object.entries(CHOICES as Record<string, readonly string[]>).map(([name, values]) => {
    const fallback = String(DEFAULT_DIALECT[name as keyof Dialect]);
    return `${name}=${[fallback, ...values.filter((v) => v !== fallback)].join("|")}`;
  });
}

/** Parses `name=value` as the command line gives it. */
export function dialectSetting(spec: string): Partial<Dialect> {
  const [name, value] = spec.split("=");
  const choices = (CHOICES as Record<string, readonly string[]>)[name];
  if (!choices) throw new Error(`--dialect: unknown setting "${name}"; use one of ${Object.keys(CHOICES).join(", ")}`);
  if (!choices.includes(value)) throw new Error(`--dialect ${name} must be one of ${choices.join(", ")}, not "${value}"`);
  return { [name]: name === "throttleStatus" || name === "subjectLimit" ? Number(value) : value } as Partial<Dialect>;
}

/** An answer body as this dialect writes it: numbers as strings where it says so. */
export function inDialect(body: Record<string, unknown>, dialect: Dialect): Record<string, unknown> {
  const convert = (value: unknown): unknown => {
    if (typeof value === "number") return dialect.numbers === "strings" ? String(value) : value;
    if (Array.isArray(value)) return value.map(convert);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v)]));
    return value;
  };
  const out = convert(body) as Record<string, unknown>;
  if (dialect.totalCount === "absent") delete out.TotalCount;
  return out;
}

/** An error as this dialect answers it. */
export function errorInDialect(error: ApiError, dialect: Dialect): ApiError {
  // Errors.addressIdNotFound: no address has the id (a malformed id is a 400).
  if (error.code === "InvalidMailAddressId.Malformed" && error.status === 404 && dialect.addressNotFound !== error.code) {
    return new ApiError(
      dialect.addressNotFound,
      dialect.addressNotFound === "InvalidMailAddressStatus.Malformed" ? 400 : error.status,
      error.message,
    );
  }
  if (error.code === "InvalidDomainId.NotFound") return new ApiError(dialect.domainNotFound, error.status, error.message);
  if (error.code === "InvalidDomain.HasMailAddress") return new ApiError(dialect.domainInUse, error.status, error.message);
  if (error.code === "InvalidTag.NotFound" && dialect.tagNotFound === "InvalidTagId.Malformed") {
    return new ApiError(dialect.tagNotFound, 400, "The specified tag id is wrongly formed.");
  }
  if (error.code === "InvalidPassword.equalcurrent") {
    if (dialect.passwordRepeat === "malformed") return Errors.passwordMalformed();
    if (dialect.passwordRepeat === "domain") return new ApiError("InvalidDomainPassword.equalcurrent", 400, error.message);
  }
  if (error.code === "InvalidReceiver.NotFound") return new ApiError(dialect.receiverNotFound, error.status, error.message);
  if (error.code === "InvalidReceiverName.Duplicate") return new ApiError(dialect.receiverDuplicate, error.status, error.message);
  if (error.code.startsWith("Throttling") && error.status !== dialect.throttleStatus) {
    return new ApiError(error.code, dialect.throttleStatus, error.message);
  }
  return error;
}
