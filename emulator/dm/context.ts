import type { Dialect } from "../dialect";
import type { Params } from "../gateway/params";
import type { AccountState } from "../state/account";
import { AddressModel } from "./addresses/models";
import { configuredDomain, DomainModel } from "./domains/models";
import type { StoredDomain } from "./domains/records";
import { NotifyUrlModel } from "./notifyUrls/models";
import type { ModelOptions } from "./options";
import { ReplyVerificationModel } from "./replyVerification/models";
import { ReceiverModel } from "./receivers/models";
import { TagModel } from "./tags/models";
import { SendingModel } from "./sending/models";

/** DirectMail's areas, each with its state rules, over one account. */
export interface DirectMailModels {
  readonly addresses: AddressModel;
  readonly replies: ReplyVerificationModel;
  readonly notifyUrls: NotifyUrlModel;
  readonly domains: DomainModel;
  readonly receivers: ReceiverModel;
  readonly tags: TagModel;
  readonly sending: SendingModel;
}

export function directMailModels(account: AccountState, options: ModelOptions): DirectMailModels {
  const domains = new DomainModel(account, options);
  const addresses = new AddressModel(account, domains, options);
  const tags = new TagModel(account, options.tags);
  return {
    addresses,
    domains,
    replies: new ReplyVerificationModel(account, addresses, options),
    notifyUrls: new NotifyUrlModel(account, addresses),
    receivers: new ReceiverModel(account, options),
    tags,
    sending: new SendingModel(account, addresses, domains, tags, options),
  };
}

/** The domains a region starts with, for the account (a new region) and the migrations (an old file's region). */
export function seedDomains(options: Pick<ModelOptions, "domains" | "now">): (newId: () => number) => StoredDomain[] {
  return (newId) => options.domains.map((d) => configuredDomain(d, newId(), options.now()));
}

/** What a DirectMail action's handler is given. */
export interface DirectMailContext {
  readonly models: DirectMailModels;
  readonly region: string;
  readonly params: Params;
  readonly dialect: Dialect;
}

/** The switches that can turn DirectMail actions off (EmulatorOptions of the same names). */
export type DirectMailSwitch = "callbackActions";
