import type * as pulumi from "@pulumi/pulumi";
import type { DomainDetail } from "../../../client/types";
import type { ClientPool } from "../../config/clientPool";
import { SchemaRuntime } from "../../framework/schemaRuntime";
import { readUnlessGone } from "../../framework/gone";
import { finishOrRecord } from "../../framework/partialCreate";
import type { Recorded } from "../../framework/recorded";
import { compact } from "../../framework/compact";
import { Progress } from "../../framework/progress";
import { dnsRecordsOf, toMailDomainDetail } from "../mailDomain/state";
import { DEFAULT_WAIT_MINUTES, recordLine, waitUntilVerified } from "../mailDomain/verificationWait";
import { MailDomainVerificationInputs, MailDomainVerificationOutputs, mailDomainVerificationSchema } from "./schema";

/**
 * The MailDomainVerification provider: nothing is created in DirectMail; create
 * (and an update) waits until the domain is verified, delete forgets it.
 */

type Inputs = Recorded<MailDomainVerificationInputs>;
type Outputs = Recorded<MailDomainVerificationOutputs>;

/** The published names do not match the domain's records: said before any wait, with the records it has. */
export class RecordNamesError extends Error {
  constructor(domainName: string, missing: string[], unknown: string[], detail: DomainDetail) {
    const records = dnsRecordsOf(detail);
    super(
      `recordFqdns does not match the records of domain ${domainName}: ` +
        [
          missing.length > 0 ? `it lacks the required ${missing.join(", ")}` : "",
          unknown.length > 0 ? `${unknown.join(", ")} ${unknown.length === 1 ? "is" : "are"} none of the domain's records` : "",
        ]
          .filter(Boolean)
          .join("; ") +
        `. The domain's records (type, name, value):\n${records.map((r) => `  ${recordLine(r)}   (${r.purpose}${r.required ? ", required" : ""})`).join("\n")}`,
    );
  }
}

/** `domainName` names another domain than `domainId` has: the senders built from it would be on the wrong one. */
export class DomainNameMismatchError extends Error {
  constructor(domainId: string, given: string, actual: string) {
    super(
      `domainName "${given}" is not the name of domain ${domainId}, which is ${actual}: pass the same MailDomain's domainName and domainId`,
    );
  }
}

function checkRecordNames(inputs: MailDomainVerificationInputs, detail: DomainDetail): void {
  if (inputs.domainName && inputs.domainName !== detail.domainName.toLowerCase())
    throw new DomainNameMismatchError(inputs.domainId, inputs.domainName, detail.domainName);
  if (!inputs.recordFqdns) return;
  const given = new Set(inputs.recordFqdns);
  const records = dnsRecordsOf(detail);
  const known = new Set(records.map((r) => r.fqdn));
  const missing = records.filter((r) => r.required && !given.has(r.fqdn)).map((r) => `${r.purpose} record (${r.type} ${r.fqdn})`);
  const unknown = [...given].filter((n) => !known.has(n));
  if (missing.length > 0 || unknown.length > 0) throw new RecordNamesError(detail.domainName, [...new Set(missing)], unknown, detail);
}

function toOutputs(inputs: Inputs, detail: DomainDetail): Outputs {
  const { domainName, domainStatus, status, usable, checks, dnsRecords } = toMailDomainDetail(detail);
  return compact({ ...inputs, domainName, domainStatus, status, usable, checks, dnsRecords });
}

export class MailDomainVerificationRuntime
  extends SchemaRuntime<Inputs, Outputs>
  implements pulumi.dynamic.ResourceProvider<Inputs, Outputs>
{
  constructor(
    clients: () => ClientPool,
    /** How the wait sleeps; tests may shorten it. */
    private readonly pause?: (ms: number) => Promise<unknown>,
  ) {
    super(mailDomainVerificationSchema, clients);
  }

  async create(inputs: Inputs): Promise<pulumi.dynamic.CreateResult<Outputs>> {
    const client = await this.clients().forRegion(inputs.region, inputs.account);
    let detail = await client.describeDomain(inputs.domainId);
    checkRecordNames(inputs, detail);
    // Recorded on a timeout, with every record, so that the next up waits again and the state shows them.
    return finishOrRecord(
      `the verification of domain ${detail.domainName}`,
      inputs.domainId,
      () => toOutputs(inputs, detail),
      async () => {
        detail = await this.wait(client, inputs, detail);
        return { id: inputs.domainId, outs: toOutputs(inputs, detail) };
      },
    );
  }

  async read(id: string, props?: Outputs): Promise<pulumi.dynamic.ReadResult<Outputs>> {
    if (!props) return {};
    const client = await this.clients().forRegion(props.region, props.account);
    // The domain deleted outside Pulumi: its verification is gone with it.
    return readUnlessGone(async () => ({ id, props: toOutputs(props, await client.describeDomain(id)) }));
  }

  /** A change of recordFqdns, or a verification left by a timeout: the wait again (at once when verified). */
  async update(id: string, _olds: Outputs, news: Inputs): Promise<pulumi.dynamic.UpdateResult<Outputs>> {
    const client = await this.clients().forRegion(news.region, news.account);
    const detail = await client.describeDomain(id);
    checkRecordNames(news, detail);
    return { outs: toOutputs(news, await this.wait(client, news, detail)) };
  }

  /** Nothing to delete in DirectMail: the domain keeps its status. */
  async delete(): Promise<void> {}

  private wait(client: Awaited<ReturnType<ClientPool["forRegion"]>>, inputs: Inputs, detail: DomainDetail): Promise<DomainDetail> {
    return waitUntilVerified(client, detail, {
      minutes: inputs.timeoutMinutes ?? DEFAULT_WAIT_MINUTES,
      report: (message) => Progress.report(inputs.__urn, message),
      pause: this.pause,
    });
  }
}
