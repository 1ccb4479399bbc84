import { join } from "node:path";
import { ClientPool } from "../../provider/config/clientPool";
import { readSettings } from "../../provider/config/settings";
import { scratchDir } from "../support/scratch";

/**
 * The embedded emulator as the provider starts it (ClientPool, from the stack
 * config): a local loop of creating and deleting senders must not run into
 * DirectMail's monthly deletion limit unless the stack asked for it.
 */

const dir = scratchDir("embedded-limits");

function pool(file: string, emulator?: unknown): ClientPool {
  const config: Record<string, unknown> = {
    "directmail:endpoint": "embedded",
    "directmail:emulatorState": join(dir, file),
    "directmail:emulator": emulator,
  };
  return new ClientPool(readSettings((key) => config[key], {}));
}

/** One up/destroy round of two senders, as the client does it. */
async function cycle(clients: ClientPool): Promise<void> {
  const client = await clients.forRegion(undefined);
  const made = await Promise.all(
    ["one@example.com", "two@example.org"].map((accountName) => client.createMailAddress({ accountName, sendtype: "trigger" })),
  );
  for (const { mailAddressId } of made) await client.deleteMailAddress(mailAddressId);
}

test("six rounds of two senders (12 deletions in one month) pass by default", async () => {
  const clients = pool("default.json");
  try {
    for (let round = 0; round < 6; round++) await cycle(clients);
  } finally {
    await clients.close();
  }
});

test("with directmail:emulator.monthlyDeleteLimit 10, the 11th deletion of the month is refused as DirectMail would", async () => {
  const clients = pool("limited.json", { monthlyDeleteLimit: 10 });
  try {
    for (let round = 0; round < 5; round++) await cycle(clients);
    await expect(cycle(clients)).rejects.toThrow(/InvalidMailAddressDeleteLimit\.Exceeded/);
  } finally {
    await clients.close();
  }
});
