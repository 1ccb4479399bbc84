import type * as pulumi from "@pulumi/pulumi";
import type { DirectMailClient } from "../../../client/client";
import type { TagRecord } from "../../../client/types";
import { ClientPool } from "../../config/clientPool";
import { adoptOrCreate } from "../../framework/adoptOrCreate";
import { deleteUnlessGone } from "../../framework/gone";
import { finishOrRecord } from "../../framework/partialCreate";
import type { Recorded } from "../../framework/recorded";
import { oneAtATime } from "../../framework/oneAtATime";
import { SchemaRuntime } from "../../framework/schemaRuntime";
import { MailTagInputs, MailTagOutputs, mailTagSchema } from "./schema";
import { toMailTagOutputs } from "./state";

/**
 * The MailTag provider. There is no GetTag: a tag is read from the region's
 * listing (every page; Terraform's read stops after the first), matched by
 * id. Names are kept unique here whatever the service allows (UNCONFIRMED),
 * because the send actions name a tag: two of one name could not be told apart.
 */

type Inputs = Recorded<MailTagInputs>;
type Outputs = Recorded<MailTagOutputs>;

/** As for addresses: a refresh may use a listing answered this long ago. */
const REFRESH_LISTING_AGE_MS = 1_000;

/** Another tag already has the name: refused before anything is sent. */
function nameTaken(region: string, other: TagRecord): Error {
  return new Error(
    `a tag named "${other.tagName}" already exists in ${region} (id ${other.tagId}); tag names are case-insensitive and unique ` +
      `(the send actions name a tag), so set adopt: true to take it over, or choose another tagName`,
  );
}

/** What the service has after a write; a tag missing here was deleted outside Pulumi (ModifyTag may not say so). */
async function readBack(client: DirectMailClient, id: string, tagName: string): Promise<TagRecord> {
  const live = await client.findTagById(id);
  if (!live) {
    throw new Error(
      `tag ${tagName} (id ${id}) no longer exists: it was deleted outside Pulumi; run \`pulumi refresh\`, then \`pulumi up\``,
    );
  }
  return live;
}

export class MailTagRuntime extends SchemaRuntime<Inputs, Outputs> implements pulumi.dynamic.ResourceProvider<Inputs, Outputs> {
  constructor(clients: () => ClientPool) {
    super(mailTagSchema, clients);
  }

  async create(inputs: Inputs): Promise<pulumi.dynamic.CreateResult<Outputs>> {
    // Names are unique case aside: two tags of one name in one program are created in turn, so the second finds the first.
    const key = `tag\u0000${JSON.stringify(inputs.account ?? null)}\u0000${inputs.region}\u0000${inputs.tagName.toLowerCase()}`;
    return oneAtATime(key, () => this.createOne(inputs));
  }

  private async createOne(inputs: Inputs): Promise<pulumi.dynamic.CreateResult<Outputs>> {
    const client = await this.clients().forRegion(inputs.region, inputs.account);
    // Looked for even without adopt: a tag of this name is either taken over or refused, never doubled.
    const existing = await client.findTagByName(inputs.tagName);
    if (existing && !inputs.adopt) throw nameTaken(inputs.region, existing);
    const target = await adoptOrCreate({
      adopt: inputs.adopt,
      find: async () => existing,
      idOf: (found) => found.tagId,
      create: async () => (await client.createTag({ tagName: inputs.tagName, tagDescription: inputs.tagDescription })).tagId,
    });
    const { id } = target;
    if (!target.adopted) {
      // Nothing is left to do after CreateTag: the declared name and description are what it made.
      const made: TagRecord = { tagId: id, tagName: inputs.tagName, tagDescription: inputs.tagDescription ?? "" };
      return { id, outs: toMailTagOutputs(inputs, made, false) };
    }
    // Taken over: the declared name (its case) and description are applied; if that fails, it is recorded as found.
    const recorded = () => ({ ...toMailTagOutputs(inputs, target.existing, true), __provider: inputs.__provider });
    return finishOrRecord(`tag ${inputs.tagName}`, id, recorded, async () => {
      const live = await this.apply(client, id, inputs, target.existing);
      return { id, outs: toMailTagOutputs(inputs, live, true) };
    });
  }

  async read(id: string, props?: Outputs): Promise<pulumi.dynamic.ReadResult<Outputs>> {
    if (!props) return {};
    const client = await this.clients().forRegion(props.region, props.account);
    const live = await client.findTagById(id, { recentMs: REFRESH_LISTING_AGE_MS });
    // Deleted outside Pulumi: an empty result drops it from the stack.
    if (!live) return {};
    return { id, props: toMailTagOutputs(props, live, props.adopted) };
  }

  async update(id: string, olds: Outputs, news: Inputs): Promise<pulumi.dynamic.UpdateResult<Outputs>> {
    const client = await this.clients().forRegion(news.region, news.account);
    const now: TagRecord = { tagId: id, tagName: olds.tagName, tagDescription: olds.tagDescription ?? "" };
    const live = await this.apply(client, id, news, now);
    return { outs: toMailTagOutputs(news, live, olds.adopted) };
  }

  async delete(id: string, props: Outputs): Promise<void> {
    const client = await this.clients().forRegion(props.region, props.account);
    await deleteUnlessGone(() => client.deleteTag(id));
  }

  /**
   * Sets the declared name and description with one ModifyTag, when either
   * differs from `now`. TagName is required on every call, and the description
   * is always sent (the declared one, else the one the tag has): whether a
   * ModifyTag without it keeps or clears it is not documented.
   */
  private async apply(client: DirectMailClient, id: string, inputs: MailTagInputs, now: TagRecord): Promise<TagRecord> {
    const tagDescription = inputs.tagDescription ?? now.tagDescription;
    if (inputs.tagName === now.tagName && tagDescription === now.tagDescription) return now;
    if (inputs.tagName.toLowerCase() !== now.tagName.toLowerCase()) {
      const other = await client.findTagByName(inputs.tagName);
      if (other && other.tagId !== id) throw nameTaken(inputs.region, other);
    }
    await client.modifyTag({ tagId: id, tagName: inputs.tagName, tagDescription });
    return readBack(client, id, inputs.tagName);
  }
}
