import type * as pulumi from "@pulumi/pulumi";
import type { DirectMailClient } from "../../../client/client";
import type { ReceiverRecord } from "../../../client/types";
import { ClientPool } from "../../config/clientPool";
import { adoptOrCreate } from "../../framework/adoptOrCreate";
import { compact } from "../../framework/compact";
import { deleteUnlessGone, readUnlessGone } from "../../framework/gone";
import { finishOrRecord, PartialCreateError } from "../../framework/partialCreate";
import type { Recorded } from "../../framework/recorded";
import { SchemaRuntime } from "../../framework/schemaRuntime";
import { diffInputs } from "../../schema/diff";
import { canonicalMember, Member, sameMembers } from "./memberRules";
import { KnownMembers, planMembers, syncMembers } from "./memberSync";
import { ReceiverListInputs, ReceiverListOutputs, receiverListSchema } from "./schema";
import { toReceiverListOutputs } from "./state";

/**
 * The ReceiverList provider: a recipient list, created (or adopted) and
 * deleted whole, and its members kept in step one difference at a time.
 */

type Inputs = Recorded<ReceiverListInputs>;
type Outputs = Recorded<ReceiverListOutputs>;

async function readBack(client: DirectMailClient, name: string, id: string): Promise<ReceiverRecord> {
  const found = await client.findReceiverById(id);
  if (!found) throw new Error(`recipient list ${name} (id ${id}) was not found right after it was written`);
  return found;
}

/**
 * The members the service has. Where it gives no variables back (whether it
 * does is UNCONFIRMED), a member's are taken from `recorded`, the state: they
 * are then write-only, like a password.
 */
async function liveMembers(client: DirectMailClient, id: string, recorded?: readonly Member[]): Promise<Member[]> {
  const before = new Map((recorded ?? []).map((m) => [m.email, m.variables]));
  return (await client.listReceiverMembers(id)).map((m) =>
    canonicalMember(m.variables === undefined ? { ...m, variables: before.get(m.email.toLowerCase()) } : m),
  );
}

export class ReceiverListRuntime extends SchemaRuntime<Inputs, Outputs> implements pulumi.dynamic.ResourceProvider<Inputs, Outputs> {
  constructor(clients: () => ClientPool) {
    super(receiverListSchema, clients);
  }

  /** Members compare as sets (order does not matter); a left-out `members` is not managed. */
  override async diff(_id: string, olds: Outputs, news: Inputs): Promise<pulumi.dynamic.DiffResult> {
    const rest = diffInputs(receiverListSchema, { ...olds, members: undefined }, { ...news, members: undefined });
    const membersChanged = news.members !== undefined && !sameMembers(olds.members, news.members);
    return { ...rest, changes: rest.changes || membersChanged };
  }

  async create(inputs: Inputs): Promise<pulumi.dynamic.CreateResult<Outputs>> {
    const client = await this.clients().forRegion(inputs.region, inputs.account);
    const { id, adopted } = await adoptOrCreate({
      adopt: inputs.adopt,
      find: () => client.findReceiverByName(inputs.receiversName),
      idOf: (existing) => existing.receiverId,
      create: async () =>
        (
          await client.createReceiver({
            receiversName: inputs.receiversName,
            receiversAlias: inputs.receiversAlias,
            desc: inputs.description,
          })
        ).receiverId,
    });
    let known: KnownMembers | undefined;
    // The list exists: if saving its members fails, it is recorded with the members known to be in it, and the next up saves the rest.
    const recorded = () => ({
      ...inputs,
      // Before the members were known (an adopted list's read failed), none are claimed: the next up reads them first.
      members: known?.inOrderOf(inputs.members),
      receiverId: id,
      adopted,
      __provider: inputs.__provider,
    });
    return finishOrRecord(`recipient list ${inputs.receiversName}`, id, recorded, async () => {
      if (inputs.members !== undefined) {
        const current = adopted ? await liveMembers(client, id) : [];
        known = new KnownMembers(current);
        await syncMembers({
          client,
          receiverId: id,
          listName: inputs.receiversName,
          wanted: inputs.members,
          plan: planMembers(current, inputs.members),
          known,
        });
      }
      const live = await readBack(client, inputs.receiversName, id);
      return { id, outs: toReceiverListOutputs(inputs, live, adopted, known?.inOrderOf(inputs.members)) };
    });
  }

  /** The list by listing (no PageNo needed: an account has at most 10); the members only when the program manages them. */
  async read(id: string, props?: Outputs): Promise<pulumi.dynamic.ReadResult<Outputs>> {
    if (!props) return {};
    const client = await this.clients().forRegion(props.region, props.account);
    const live = await client.findReceiverById(id);
    // Deleted outside Pulumi: an empty result drops it from the stack.
    if (!live) return {};
    return readUnlessGone(async () => {
      const members =
        props.members === undefined ? undefined : new KnownMembers(await liveMembers(client, id, props.members)).inOrderOf(props.members);
      return { id, props: toReceiverListOutputs(props, live, props.adopted, members) };
    });
  }

  /** Only the members change in place; a failure part way records the members the list is known to have. */
  async update(id: string, olds: Outputs, news: Inputs): Promise<pulumi.dynamic.UpdateResult<Outputs>> {
    const client = await this.clients().forRegion(news.region, news.account);
    let known: KnownMembers | undefined;
    if (news.members !== undefined) {
      // Not managed before (left out, or adopted without members): the list's members are read first.
      const current = olds.members ?? (await liveMembers(client, id));
      known = new KnownMembers(current);
      try {
        await syncMembers({
          client,
          receiverId: id,
          listName: news.receiversName,
          wanted: news.members,
          plan: planMembers(current, news.members),
          known,
        });
      } catch (err) {
        const partial = { ...olds, ...news, members: known.inOrderOf(news.members), receiverId: id, adopted: olds.adopted };
        throw new PartialCreateError(`recipient list ${news.receiversName}`, id, compact(partial), err as Error, "updated in part");
      }
    }
    const live = await readBack(client, news.receiversName, id);
    return { outs: toReceiverListOutputs(news, live, olds.adopted, known?.inOrderOf(news.members)) };
  }

  /** The members go with the list. */
  async delete(id: string, props: Outputs): Promise<void> {
    const client = await this.clients().forRegion(props.region, props.account);
    await deleteUnlessGone(() => client.deleteReceiver(id));
  }
}
