import type * as pulumi from "@pulumi/pulumi";
import { setTimeout as sleep } from "node:timers/promises";
import type { DirectMailClient } from "../../../client/client";
import type { DomainDetail } from "../../../client/types";
import { ClientPool } from "../../config/clientPool";
import { SchemaRuntime } from "../../framework/schemaRuntime";
import { deleteUnlessGone, readUnlessGone } from "../../framework/gone";
import type { Recorded } from "../../framework/recorded";
import { checksOf, dnsRecordsOf, isUsable, toMailDomainOutputs } from "./state";
import { MailDomainInputs, MailDomainOutputs, mailDomainSchema } from "./schema";
import { finishOrRecord } from "../../framework/partialCreate";
import { adoptOrCreate } from "../../framework/adoptOrCreate";

/**
 * The MailDomain provider: a sending domain, the DNS records it needs, and
 * (when asked) the wait until DirectMail has verified it.
 */

type Inputs = Recorded<MailDomainInputs>;
type Outputs = Recorded<MailDomainOutputs>;

const DEFAULT_WAIT_MINUTES = 30;
/** CheckDomain allows 10 calls a minute per account: one every 6 s at most, and less often as the wait goes on. */
const FIRST_CHECK_INTERVAL_MS = 6_000;
const LONGEST_CHECK_INTERVAL_MS = 60_000;

/** The domain was not verified in time; says which checks still fail and what to publish. */
export class VerificationTimeoutError extends Error {
  constructor(domainName: string, minutes: number, detail: DomainDetail) {
    const checks = checksOf(detail);
    const records = dnsRecordsOf(detail);
    const failing = (required: boolean) =>
      records
        .filter((r) => r.required === required && !passed(checks, r.purpose))
        .map((r) => `${r.purpose} (${r.type} ${r.fqdn})`)
        .join(", ");
    const required = failing(true);
    const optional = failing(false);
    super(
      `domain ${domainName} was not verified within ${minutes} minute${minutes === 1 ? "" : "s"}: ` +
        `${required ? `the required checks ${required} still fail` : "the required checks pass, but DirectMail does not report it usable yet"}` +
        `${optional ? `; optional ones failing: ${optional}` : ""}. ` +
        `Publish the records in the dnsRecords output and run \`pulumi up\` again (DNS changes can take up to 48 hours).`,
    );
  }
}

function passed(checks: ReturnType<typeof checksOf>, purpose: string): boolean {
  const name = purpose === "tracking" ? "trackingCname" : purpose;
  return checks[name as keyof typeof checks] === "passed";
}

export class MailDomainRuntime extends SchemaRuntime<Inputs, Outputs> implements pulumi.dynamic.ResourceProvider<Inputs, Outputs> {
  constructor(
    clients: () => ClientPool,
    /** How the wait sleeps; tests may shorten it. */
    private readonly pause: (ms: number) => Promise<unknown> = sleep,
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

  /** CheckDomain, then DescDomain, until the domain is usable or the time is up. */
  private async waitUntilUsable(client: DirectMailClient, inputs: MailDomainInputs, first: DomainDetail): Promise<DomainDetail> {
    const minutes = inputs.waitForVerification?.timeoutMinutes ?? DEFAULT_WAIT_MINUTES;
    const deadline = Date.now() + minutes * 60_000;
    let detail = first;
    let interval = FIRST_CHECK_INTERVAL_MS;
    for (;;) {
      if (isUsable(detail.domainStatus)) return detail;
      await client.checkDomain(detail.domainId);
      detail = await client.describeDomain(detail.domainId);
      if (isUsable(detail.domainStatus)) return detail;
      if (Date.now() + interval > deadline) throw new VerificationTimeoutError(inputs.domainName, minutes, detail);
      await this.pause(interval);
      interval = Math.min(LONGEST_CHECK_INTERVAL_MS, Math.round(interval * 1.5));
    }
  }
}
