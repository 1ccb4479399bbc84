import type * as pulumi from "@pulumi/pulumi";
import type { DirectMailClient } from "../../../client/client";
import { DirectMailServiceError } from "../../../client/errors";
import type { MailAddressRecord } from "../../../client/types";
import type { Announcement } from "../../../client/resilience/sharedListing";
import { toMailAddressOutputs } from "./state";
import { MailAddressInputs, MailAddressOutputs, mailAddressSchema } from "./schema";
import { ClientPool } from "../../config/clientPool";
import { SchemaRuntime } from "../../framework/schemaRuntime";
import { deleteUnlessGone } from "../../framework/gone";
import type { Recorded } from "../../framework/recorded";
import { finishOrRecord } from "../../framework/partialCreate";
import { adoptOrCreate } from "../../framework/adoptOrCreate";

/**
 * The MailAddress provider, as it runs in the engine's provider process.
 * Each operation is a short function over the client; how a failure is
 * recovered lives here, what replaces and what updates in ./schema.ts.
 */

type Inputs = Recorded<MailAddressInputs>;

/** How old a listing a refresh may use: enough for the engine's next wave of reads, short beside a person's edit. */
const REFRESH_LISTING_AGE_MS = 1_000;
type Outputs = Recorded<MailAddressOutputs>;

async function readBack(client: DirectMailClient, accountName: string, id: string, announced?: Announcement): Promise<MailAddressRecord> {
  const found = await client.findMailAddressByName(accountName, { announced });
  if (!found || found.mailAddressId !== id) {
    throw new Error(`sender address ${accountName} (id ${id}) was not found right after it was written`);
  }
  return found;
}

export class MailAddressRuntime extends SchemaRuntime<Inputs, Outputs> implements pulumi.dynamic.ResourceProvider<Inputs, Outputs> {
  constructor(clients: () => ClientPool) {
    super(mailAddressSchema, clients);
  }

  async create(inputs: Inputs): Promise<pulumi.dynamic.CreateResult<Outputs>> {
    const client = await this.clients().forRegion(inputs.region, inputs.account);
    // Its read-back will join the region's listing: announced now, so the listing waits for it and no longer.
    const readBackComing = client.announceMailAddressLookup();
    try {
      return await this.createAnnounced(client, inputs, readBackComing);
    } finally {
      readBackComing.arrived();
    }
  }

  private async createAnnounced(
    client: DirectMailClient,
    inputs: Inputs,
    readBackComing: Announcement,
  ): Promise<pulumi.dynamic.CreateResult<Outputs>> {
    const target = await adoptOrCreate({
      adopt: inputs.adopt,
      find: async () => {
        const existing = await client.findMailAddressByName(inputs.accountName);
        if (existing && existing.sendtype !== inputs.sendtype) {
          throw new Error(
            `adopt: the existing sender address ${existing.accountName} has sendtype "${existing.sendtype}", ` +
              `but the program declares "${inputs.sendtype}"; sendtype cannot change in place, so declare "${existing.sendtype}"`,
          );
        }
        return existing;
      },
      idOf: (existing) => existing.mailAddressId,
      create: async () =>
        (await client.createMailAddress({ accountName: inputs.accountName, sendtype: inputs.sendtype, replyAddress: inputs.replyAddress }))
          .mailAddressId,
    });
    const { id, adopted } = target;
    // A ticket comes from a verification mail about an address that existed then, and belongs to that
    // address alone: an address created now (a replacement, say) cannot have one, so it is never sent
    // with this id; an adopted address may, so it is tried there.
    const ticket = adopted ? inputs.replyVerificationTicket : undefined;
    const done = { ticket: false, verification: false };
    // The address exists: if the rest fails, it is recorded with only what was applied, so the next
    // diff sees the rest (the password, the verification, the ticket) as still to do.
    const recorded = () => {
      const { password: _password, verifyReplyAddress, replyVerificationTicket, ...rest } = inputs;
      return {
        ...rest,
        verifyReplyAddress: done.verification ? verifyReplyAddress : undefined,
        replyVerificationTicket: adopted && !done.ticket ? undefined : replyVerificationTicket,
        mailAddressId: id,
        adopted,
        __provider: inputs.__provider,
      };
    };
    return finishOrRecord(`sender address ${inputs.accountName}`, id, recorded, async () => {
      const replyToSet =
        target.adopted && inputs.replyAddress && inputs.replyAddress !== target.existing.replyAddress ? inputs.replyAddress : undefined;
      const modify = async () => {
        if (inputs.password || replyToSet) {
          await client.modifyMailAddress({ mailAddressId: id, password: inputs.password, replyAddress: replyToSet });
        }
      };
      // A password is not in the listing, so setting it and reading the address back can go at once (one
      // round trip less per engine wave); a reply address changed on an adopted address is, so its
      // read-back waits for it.
      let live: MailAddressRecord;
      if (replyToSet) {
        await modify();
        live = await readBack(client, inputs.accountName, id, readBackComing);
      } else {
        [, live] = await Promise.all([modify(), readBack(client, inputs.accountName, id, readBackComing)]);
      }
      live = await this.verifyReplyAddress(
        client,
        { ...inputs, replyVerificationTicket: ticket },
        live,
        undefined,
        done,
        adopted && !replyToSet && live.replyAddress === target.existing?.replyAddress,
      );
      return { id, outs: toMailAddressOutputs(inputs, live, adopted) };
    });
  }

  async read(id: string, props?: Outputs): Promise<pulumi.dynamic.ReadResult<Outputs>> {
    if (!props) return {};
    const client = await this.clients().forRegion(props.region, props.account);
    // A refresh takes a listing answered a moment ago: the engine starts its reads a few at a time, and each
    // wave would otherwise send a listing of its own. A change made by hand within that second may be seen
    // at the next refresh, as one made just after this read would be.
    const live = await client.findMailAddressByName(props.accountName, { recentMs: REFRESH_LISTING_AGE_MS });
    if (!live || live.mailAddressId !== id) {
      // Deleted outside Pulumi: an empty result drops it from the stack.
      return {};
    }
    // The password cannot be read back; toMailAddressOutputs keeps what was last set through Pulumi.
    return { id, props: toMailAddressOutputs(props, live, props.adopted) };
  }

  async update(id: string, olds: Outputs, news: Inputs): Promise<pulumi.dynamic.UpdateResult<Outputs>> {
    const client = await this.clients().forRegion(news.region, news.account);
    const password = news.password !== undefined && news.password !== olds.password ? news.password : undefined;
    const replyAddress = news.replyAddress !== undefined && news.replyAddress !== olds.replyAddress ? news.replyAddress : undefined;
    if (password || replyAddress) {
      await client.modifyMailAddress({ mailAddressId: id, password, replyAddress });
    }
    let live = await readBack(client, news.accountName, id);
    live = await this.verifyReplyAddress(client, news, live, olds);
    return { outs: toMailAddressOutputs(news, live, olds.adopted) };
  }

  async delete(id: string, props: Outputs): Promise<void> {
    const client = await this.clients().forRegion(props.region, props.account);
    // No source gives the code for "no such address" (one reading is the frozen address's own code).
    // Looked for by its name (one page): a listing of the whole region, paged while other deletes run,
    // could skip it as items shift between pages.
    await deleteUnlessGone(
      () => client.deleteMailAddress(id),
      async () => (await client.listMailAddresses({ keyWord: props.accountName })).some((a) => a.mailAddressId === id),
    );
  }

  /**
   * Sends the verification mail when asked to and the reply address is new or
   * not yet verified, and approves with a ticket when one is given.
   */
  private async verifyReplyAddress(
    client: DirectMailClient,
    inputs: MailAddressInputs,
    live: MailAddressRecord,
    olds: MailAddressOutputs | undefined,
    done: { ticket: boolean; verification: boolean } = { ticket: false, verification: false },
    /** Created by adopting an address whose reply address was already the declared one: not new, only maybe unverified. */
    adoptedAsIs = false,
  ): Promise<MailAddressRecord> {
    if (!live.replyAddress) {
      done.ticket = done.verification = true;
      return live;
    }
    let current = live;
    // Which ReplyStatus means verified, and whether a new reply address resets
    // it, are UNCONFIRMED: so a new ticket is always taken to the service, and
    // an address new to this resource always gets its mail; the status only
    // decides for an address already here, when verification is turned on.
    const newTicket = inputs.replyVerificationTicket && inputs.replyVerificationTicket !== olds?.replyVerificationTicket;
    if (newTicket) {
      const refused = await client.approveReplyMailAddress(inputs.replyVerificationTicket as string).then(
        () => undefined,
        (e: unknown) => e,
      );
      // A ticket is used once: one already used (the link in the mail followed) is refused as unknown,
      // and is no failure where the address reads as verified. Any other refusal is the answer.
      if (refused && !(refused instanceof DirectMailServiceError && refused.code === "InvalidTicket.NotFound")) throw refused;
      current = await readBack(client, inputs.accountName, live.mailAddressId).catch((e: unknown) => {
        throw refused ?? e;
      });
      if (refused && current.replyStatus !== 0) throw refused;
    }
    done.ticket = true;
    const newAddress = olds ? olds.replyAddress !== current.replyAddress : !adoptedAsIs;
    const turnedOn = (olds ? !olds.verifyReplyAddress : adoptedAsIs) && current.replyStatus !== 0;
    if (inputs.verifyReplyAddress && (newAddress || turnedOn)) {
      await client.checkReplyToMailAddress({
        mailAddressId: live.mailAddressId,
        lang: inputs.verificationLanguage ?? "en",
      });
    }
    done.verification = true;
    return current;
  }
}
