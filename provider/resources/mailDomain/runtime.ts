import type * as pulumi from "@pulumi/pulumi";
import type { DirectMailClient } from "../../../client/client";
import type { DomainDetail } from "../../../client/types";
import { ClientPool } from "../../config/clientPool";
import { SchemaRuntime } from "../../framework/schemaRuntime";
import { deleteUnlessGone, readUnlessGone } from "../../framework/gone";
import type { Recorded } from "../../framework/recorded";
import { toMailDomainOutputs } from "./state";
import { DEFAULT_WAIT_MINUTES, waitUntilVerified } from "./verificationWait";
import { Progress } from "../../framework/progress";
import { MailDomainInputs, MailDomainOutputs, mailDomainSchema } from "./schema";
import { finishOrRecord } from "../../framework/partialCreate";
import { adoptOrCreate } from "../../framework/adoptOrCreate";

/**
 * The MailDomain provider: a sending domain, the DNS records it needs, and
 * (when asked) the wait until DirectMail has verified it.
 */

type Inputs = Recorded<MailDomainInputs>;
type Outputs = Recorded<MailDomainOutputs>;

/**
 * Said when waitForVerification times out: a DNS resource in the same stack
 * that reads dnsRecords waits for this domain, which waits for the DNS.
 */
const DEADLOCK_HINT =
  "If a resource in this stack publishes these records from dnsRecords, it waits for this domain while the domain waits for it: " +
  "leave out waitForVerification and wait with a MailDomainVerification ordered after the records (docs/resources/MailDomainVerification.md).";

export class MailDomainRuntime extends SchemaRuntime<Inputs, Outputs> implements pulumi.dynamic.ResourceProvider<Inputs, Outputs> {
  constructor(
    clients: () => ClientPool,
    /** How the wait sleeps; tests may shorten it. */
    private readonly pause?: (ms: number) => Promise<unknown>,
  ) {
    super(mailDomainSchema, clients);
  }

  async create(inputs: Inputs): Promise<pulumi.dynamic.CreateResult<Outputs>> {
    const client = await this.clients().forRegion(inputs.region, inputs.account);
    const { id, adopted } = await adoptOrCreate({
      adopt: inputs.adopt,
      find: () => client.findDomainByName(inputs.domainName),
      idOf: (existing) => existing.domainId,
      create: async () => (await client.createDomain({ domainName: inputs.domainName, dkimSelector: inputs.dkimSelector })).domainId,
    });
    let detail: DomainDetail | undefined;
    // The domain exists: if the rest fails, it is recorded with what is known (the records to publish, when read).
    const recorded = () => ({
      ...(detail ? toMailDomainOutputs(inputs, detail, adopted) : { ...inputs, domainId: id, adopted }),
      __provider: inputs.__provider,
    });
    return finishOrRecord(`domain ${inputs.domainName}`, id, recorded, async () => {
      detail = await client.describeDomain(id);
      if (inputs.waitForVerification) detail = await this.waitUntilUsable(client, inputs, detail);
      return { id, outs: toMailDomainOutputs(inputs, detail, adopted) };
    });
  }

  async read(id: string, props?: Outputs): Promise<pulumi.dynamic.ReadResult<Outputs>> {
    if (!props) return {};
    const client = await this.clients().forRegion(props.region, props.account);
    // Deleted outside Pulumi, as the action itself says: gone from the stack.
    return readUnlessGone(async () => ({ id, props: toMailDomainOutputs(props, await client.describeDomain(id), props.adopted) }));
  }

  /** Only `waitForVerification` and `adopt` change in place: nothing is written, the domain may be waited for. */
  async update(id: string, olds: Outputs, news: Inputs): Promise<pulumi.dynamic.UpdateResult<Outputs>> {
    const client = await this.clients().forRegion(news.region, news.account);
    let detail = await client.describeDomain(id);
    if (news.waitForVerification) detail = await this.waitUntilUsable(client, news, detail);
    return { outs: toMailDomainOutputs(news, detail, olds.adopted) };
  }

  /**
   * DirectMail refuses to delete a domain that still has sender addresses; so
   * that the error can name them, they are looked for first.
   */
  async delete(id: string, props: Outputs): Promise<void> {
    const client = await this.clients().forRegion(props.region, props.account);
    const suffix = `@${props.domainName.toLowerCase()}`;
    const senders = (await client.listMailAddresses()).filter((m) => m.accountName.toLowerCase().endsWith(suffix));
    if (senders.length > 0) {
      throw new Error(
        `domain ${props.domainName} still has sender addresses: ${senders.map((m) => m.accountName).join(", ")}. ` +
          `DirectMail deletes a domain only without them: delete them first (declare each MailAddress with an accountName ` +
          `built from domain.domainName, and Pulumi deletes them before the domain)`,
      );
    }
    await deleteUnlessGone(() => client.deleteDomain(id));
  }

  private waitUntilUsable(client: DirectMailClient, inputs: Inputs, first: DomainDetail): Promise<DomainDetail> {
    return waitUntilVerified(client, first, {
      minutes: inputs.waitForVerification?.timeoutMinutes ?? DEFAULT_WAIT_MINUTES,
      report: (message) => Progress.report(inputs.__urn, message),
      pause: this.pause,
      hint: DEADLOCK_HINT,
    });
  }
}
