import type * as pulumi from "@pulumi/pulumi";
import { ClientPool } from "../../config/clientPool";
import { SchemaRuntime } from "../../framework/schemaRuntime";
import { deleteUnlessGone, readUnlessGone } from "../../framework/gone";
import type { Recorded } from "../../framework/recorded";
import { NotifyUrlInputs, NotifyUrlOutputs, notifyUrlSchema } from "./schema";

/**
 * The MailAddressNotifyUrl provider: the delivery-report callback URL of one
 * sender address. DirectMail keys it by the address (MailFrom), not by id.
 */

type Inputs = Recorded<NotifyUrlInputs>;
type Outputs = Recorded<NotifyUrlOutputs>;

export class NotifyUrlRuntime extends SchemaRuntime<Inputs, Outputs> implements pulumi.dynamic.ResourceProvider<Inputs, Outputs> {
  constructor(clients: () => ClientPool) {
    super(notifyUrlSchema, clients);
  }

  private async write(inputs: NotifyUrlInputs): Promise<Outputs> {
    const client = await this.clients().forRegion(inputs.region, inputs.account);
    await client.updateMailAddressMsgCallBackUrl({ mailFrom: inputs.mailFrom, notifyUrl: inputs.notifyUrl });
    const now = await client.getMailAddressMsgCallBackUrl(inputs.mailFrom);
    return { ...inputs, notifyUrl: now.notifyUrl, notifyUrlStatus: now.notifyUrlStatus };
  }

  async create(inputs: Inputs): Promise<pulumi.dynamic.CreateResult<Outputs>> {
    return { id: `${inputs.region}/${inputs.mailFrom}`, outs: await this.write(inputs) };
  }

  async read(id: string, props?: Outputs): Promise<pulumi.dynamic.ReadResult<Outputs>> {
    if (!props) return {};
    const client = await this.clients().forRegion(props.region, props.account);
    return readUnlessGone(async () => {
      const now = await client.getMailAddressMsgCallBackUrl(props.mailFrom);
      // Cleared outside Pulumi: gone from the stack.
      if (!now.notifyUrl) return {};
      return { id, props: { ...props, notifyUrl: now.notifyUrl, notifyUrlStatus: now.notifyUrlStatus } };
    });
  }

  async update(_id: string, _olds: Outputs, news: Inputs): Promise<pulumi.dynamic.UpdateResult<Outputs>> {
    return { outs: await this.write(news) };
  }

  async delete(_id: string, props: Outputs): Promise<void> {
    const client = await this.clients().forRegion(props.region, props.account);
    // The sender address went first (or was deleted outside Pulumi): its callback went with it.
    await deleteUnlessGone(() => client.updateMailAddressMsgCallBackUrl({ mailFrom: props.mailFrom, notifyUrl: "" }));
  }
}
