import type * as pulumi from "@pulumi/pulumi";
import type { DirectMailClient } from "../client/client";
import { isAmbiguous, isGone, isServiceError } from "../client/errors";
import { backoffDelay, DEFAULT_RETRY_POLICY } from "../client/retry";
import type { MailAddressRecord } from "../client/types";
import { compact, toOutputs } from "./mailAddressState";
import { MailAddressInputs, MailAddressOutputs, mailAddressSchema } from "./mailAddressSchema";
import { checkInputs } from "./schemaCheck";
import { passwordProblems } from "./validation";
import { diffInputs } from "./schemaDiff";
import { ClientPool } from "./clientPool";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * The MailAddress provider, as it runs in the engine's provider process.
 * Each operation is a short function over the client; the rules about what
 * replaces, what updates and how failures are recovered live here.
 */

type Inputs = MailAddressInputs & { readonly __provider?: string };
type Outputs = MailAddressOutputs & { readonly __provider?: string };

/** Thrown after the address exists: the engine records it (with these outputs) instead of forgetting it. */
class PartialCreateError extends Error {
  constructor(
    readonly id: string,
    readonly properties: Record<string, unknown>,
    cause: Error,
  ) {
    super(
      `sender address ${String(properties.accountName)} was created (id ${id}) and is recorded in the stack, ` +
        `but finishing its setup failed; the next \`pulumi up\` retries the rest. Cause: ${cause.message}`,
    );
  }

  get reasons(): string[] {
    return [this.message];
  }
}

async function mustFind(client: DirectMailClient, accountName: string, id: string): Promise<MailAddressRecord> {
  const found = await client.findMailAddressByName(accountName);
  if (!found || found.mailAddressId !== id) {
    throw new Error(`sender address ${accountName} (id ${id}) was not found right after it was written`);
  }
  return found;
}

/**
 * CreateMailAddress, surviving a lost answer: the request is repeated, and if
 * the repeat meets "already exists", the address the lost request created is
 * looked up and used. A duplicate on the first try is a real conflict.
 */
async function createOnce(client: DirectMailClient, inputs: MailAddressInputs): Promise<string> {
  let answerLost = false;
  for (let attempt = 1; ; attempt++) {
    try {
      const { mailAddressId } = await client.createMailAddress({
        accountName: inputs.accountName,
        sendtype: inputs.sendtype,
        replyAddress: inputs.replyAddress,
      });
      return mailAddressId;
    } catch (err) {
      if (answerLost && isServiceError(err, "InvalidMailAddressName.Duplicate")) {
        const mine = await client.findMailAddressByName(inputs.accountName);
        if (mine && mine.sendtype === inputs.sendtype) return mine.mailAddressId;
      }
      if (!isAmbiguous(err)) throw err;
      answerLost = true;
      if (attempt >= 4) {
        // Out of attempts: an address that one of them created must still be recorded, never orphaned.
        const mine = await client.findMailAddressByName(inputs.accountName);
        if (mine && mine.sendtype === inputs.sendtype) return mine.mailAddressId;
        throw err;
      }
      await sleep(backoffDelay(DEFAULT_RETRY_POLICY, attempt));
    }
  }
}

/**
 * The codes by which DirectMail may say "this is the current password". Which
 * one it uses is UNCONFIRMED (docs/directmail-api.md), so each plausible one counts.
 */
const SAME_PASSWORD = ["InvalidPassword.equalcurrent", "InvalidDomainPassword.equalcurrent"];
/** The code for a password DirectMail refuses; it may also be how it refuses a repeated one. */
const PASSWORD_REFUSED = "InvalidPassword.Malformed";

/** DirectMail refused a password that keeps every documented rule: it takes it for the current or the previous one. */
export class PasswordRefusedError extends Error {
  constructor(
    accountName: string,
    override readonly cause: Error,
  ) {
    super(
      `DirectMail refused the new SMTP password of ${accountName}. It keeps every documented password rule, so the ` +
        `service takes it for the current or the previous password; set a different one. (${cause.message})`,
    );
  }
}

/** A plain refusal of a password that breaks no documented rule: it can only be taken for a repeat. */
function refusedAsRepeat(err: unknown, password: string): boolean {
  return isServiceError(err, PASSWORD_REFUSED) && passwordProblems(password).length === 0;
}

/**
 * ModifyMailAddress, surviving a lost answer. When the service says it already
 * has the password wanted (set by an attempt whose answer was lost, or by
 * hand), the goal is met for it; the service refuses the whole request then,
 * so whatever else it carried is sent again alone. A lost answer can never
 * wedge the stack, whichever way the service words that refusal.
 */
async function modifyOnce(
  client: DirectMailClient,
  accountName: string,
  args: { mailAddressId: string; password?: string; replyAddress?: string },
): Promise<void> {
  let request = args;
  let answerLost = false;
  for (let attempt = 1; ; attempt++) {
    try {
      await client.modifyMailAddress(request);
      return;
    } catch (err) {
      const repeat = request.password !== undefined && refusedAsRepeat(err, request.password);
      // The service already has it: it says so, or, after an attempt whose answer was lost, it refuses it as a repeat.
      if (request.password !== undefined && (isServiceError(err, ...SAME_PASSWORD) || (repeat && answerLost))) {
        if (request.replyAddress === undefined) return;
        request = { mailAddressId: request.mailAddressId, replyAddress: request.replyAddress };
        continue;
      }
      if (repeat) throw new PasswordRefusedError(accountName, err as Error);
      if (!isAmbiguous(err) || attempt >= 4) throw err;
      answerLost = true;
      await sleep(backoffDelay(DEFAULT_RETRY_POLICY, attempt));
    }
  }
}

export class MailAddressRuntime implements pulumi.dynamic.ResourceProvider<Inputs, Outputs> {
  constructor(private readonly clients: () => ClientPool) {}

  async check(_olds: Inputs, news: Inputs): Promise<pulumi.dynamic.CheckResult<Inputs>> {
    return checkInputs(mailAddressSchema, news, this.clients().fallbacks);
  }

  async diff(_id: string, olds: Outputs, news: Inputs): Promise<pulumi.dynamic.DiffResult> {
    return diffInputs(mailAddressSchema, olds, news);
  }

  async create(inputs: Inputs): Promise<pulumi.dynamic.CreateResult<Outputs>> {
    const client = await this.clients().forRegion(inputs.region);
    const existing = inputs.adopt ? await client.findMailAddressByName(inputs.accountName) : undefined;
    if (existing && existing.sendtype !== inputs.sendtype) {
      throw new Error(
        `adopt: the existing sender address ${existing.accountName} has sendtype "${existing.sendtype}", ` +
          `but the program declares "${inputs.sendtype}"; sendtype cannot change in place, so declare "${existing.sendtype}"`,
      );
    }
    const id = existing ? existing.mailAddressId : await createOnce(client, inputs);
    const adopted = existing !== undefined;
    try {
      const replyToSet = adopted && inputs.replyAddress && inputs.replyAddress !== existing.replyAddress ? inputs.replyAddress : undefined;
      if (inputs.password || replyToSet) {
        await modifyOnce(client, inputs.accountName, { mailAddressId: id, password: inputs.password, replyAddress: replyToSet });
      }
      let live = await mustFind(client, inputs.accountName, id);
      live = await this.verifyReplyAddress(client, inputs, live, undefined);
      return { id, outs: toOutputs(inputs, live, adopted) };
    } catch (err) {
      // The address exists: record it without the password, so the next diff sees the password as still to be set.
      const { password: _notSet, ...withoutPassword } = inputs;
      const recorded = compact({ ...withoutPassword, mailAddressId: id, adopted, __provider: inputs.__provider });
      throw new PartialCreateError(id, recorded, err as Error);
    }
  }

  async read(id: string, props?: Outputs): Promise<pulumi.dynamic.ReadResult<Outputs>> {
    if (!props) return {};
    const client = await this.clients().forRegion(props.region);
    const live = await client.findMailAddressByName(props.accountName);
    if (!live || live.mailAddressId !== id) {
      // Deleted outside Pulumi: an empty result drops it from the stack.
      return {};
    }
    // The password cannot be read back; toOutputs keeps what was last set through Pulumi.
    return { id, props: toOutputs(props, live, props.adopted) };
  }

  async update(id: string, olds: Outputs, news: Inputs): Promise<pulumi.dynamic.UpdateResult<Outputs>> {
    const client = await this.clients().forRegion(news.region);
    const password = news.password !== undefined && news.password !== olds.password ? news.password : undefined;
    const replyAddress = news.replyAddress !== undefined && news.replyAddress !== olds.replyAddress ? news.replyAddress : undefined;
    if (password || replyAddress) {
      await modifyOnce(client, news.accountName, { mailAddressId: id, password, replyAddress });
    }
    let live = await mustFind(client, news.accountName, id);
    live = await this.verifyReplyAddress(client, news, live, olds);
    return { outs: toOutputs(news, live, olds.adopted) };
  }

  async delete(id: string, props: Outputs): Promise<void> {
    try {
      await (await this.clients().forRegion(props.region)).deleteMailAddress(id);
    } catch (err) {
      if (!isGone(err)) throw err;
    }
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
  ): Promise<MailAddressRecord> {
    if (!live.replyAddress) return live;
    let current = live;
    const newTicket = inputs.replyVerificationTicket && inputs.replyVerificationTicket !== olds?.replyVerificationTicket;
    if (newTicket && current.replyStatus !== 0) {
      await client.approveReplyMailAddress(inputs.replyVerificationTicket as string);
      current = await mustFind(client, inputs.accountName, live.mailAddressId);
    }
    const replyChanged = !olds || olds.replyAddress !== current.replyAddress || !olds.verifyReplyAddress;
    if (inputs.verifyReplyAddress && current.replyStatus !== 0 && replyChanged) {
      await client.checkReplyToMailAddress({
        mailAddressId: live.mailAddressId,
        lang: inputs.verificationLanguage ?? "en",
      });
    }
    return current;
  }
}
