import * as pulumi from "@pulumi/pulumi";

/**
 * A stand-in for a DNS provider's record resource (aws.route53.Record,
 * cloudflare.Record, alicloud.dns.Record, ...), for the built-in emulator: it
 * publishes one record in the emulator's simulated DNS, which the emulator's
 * CheckDomain then finds, as DirectMail finds a record at a real DNS provider.
 * With the real service, use your DNS provider's resource instead, fed the
 * same way (type, fqdn, value, and priority for MX).
 */

export interface SimulatedDnsRecordArgs {
  readonly domainName: pulumi.Input<string>;
  /** Which of the domain's records: the emulator's DNS knows them by purpose. */
  readonly purpose: pulumi.Input<string>;
  readonly type: pulumi.Input<string>;
  readonly fqdn: pulumi.Input<string>;
  readonly value: pulumi.Input<string>;
  /** The embedded emulator's state file, where its simulated DNS lives. */
  readonly emulatorState: pulumi.Input<string>;
  readonly region?: pulumi.Input<string>;
}

interface RecordProps {
  readonly domainName: string;
  readonly purpose: "ownership" | "spf" | "mx" | "dkim" | "dmarc" | "tracking";
  readonly type: string;
  readonly fqdn: string;
  readonly value: string;
  readonly emulatorState: string;
  readonly region?: string;
}

async function change(props: RecordProps, action: "publish" | "withdraw"): Promise<void> {
  // Loaded when called, in the provider process (this provider is serialized into the state).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const emulator = require("pulumi-directmail/emulator") as {
    changeDnsInStateFile(state: string, change: { domainName: string; region?: string; records: string[]; action: string }): Promise<void>;
  };
  await emulator.changeDnsInStateFile(props.emulatorState, {
    domainName: props.domainName,
    region: props.region,
    records: [props.purpose],
    action,
  });
}

const provider: pulumi.dynamic.ResourceProvider = {
  async create(props: RecordProps) {
    await change(props, "publish");
    return { id: `${props.type} ${props.fqdn}`, outs: props };
  },
  async diff(_id: string, olds: RecordProps, news: RecordProps) {
    const replaces = (["domainName", "purpose", "type", "fqdn", "value", "emulatorState", "region"] as const).filter(
      (k) => olds[k] !== news[k],
    );
    return { changes: replaces.length > 0, replaces };
  },
  async delete(_id: string, props: RecordProps) {
    try {
      await change(props, "withdraw");
    } catch (err) {
      // The domain already gone: so is its record.
      if (!/has no domain/.test(String(err))) throw err;
    }
  },
};

export class SimulatedDnsRecord extends pulumi.dynamic.Resource {
  declare readonly fqdn: pulumi.Output<string>;
  declare readonly type: pulumi.Output<string>;
  declare readonly value: pulumi.Output<string>;

  constructor(name: string, args: SimulatedDnsRecordArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, { region: undefined, ...args }, opts, "simulated-dns", "Record");
  }
}
