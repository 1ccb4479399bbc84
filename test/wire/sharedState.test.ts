import { ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { DirectMailClient } from "../../client";
import { DEFAULT_ACCESS_KEY } from "../../emulator";
import type { PersistedState } from "../../emulator";
import { scratchDir } from "../support/scratch";

/**
 * One state file, several writers: as in embedded mode, where the provider
 * process and the program's look-ups (or two stacks of one project) each run an
 * emulator on the same file. Two real processes write at once; nothing is lost.
 */

const scratch = scratchDir("shared-state");
const cli = join(__dirname, "../../node_modules/.bin/directmail-emulator");

async function emulatorProcess(state: string): Promise<{ child: ChildProcess; client: DirectMailClient }> {
  const child = spawn(cli, ["--state", state, "--no-rate-limits", "--address-limit", "100", "--monthly-delete-limit", "0", "--quiet"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  const client = new DirectMailClient({
    endpoint: url,
    credentials: { accessKeyId: DEFAULT_ACCESS_KEY.id, accessKeySecret: DEFAULT_ACCESS_KEY.secret, env: {} },
    pacer: false,
  });
  return { child, client };
}

test("two emulator processes on one state file, writing at once, lose nothing", async () => {
  const state = join(scratch, "account.json");
  const [a, b] = await Promise.all([emulatorProcess(state), emulatorProcess(state)]);
  try {
    const made = await Promise.all(
      [a, b].flatMap((p, which) =>
        Array.from({ length: 15 }, (_, i) => p.client.createMailAddress({ accountName: `p${which}-${i}@example.com`, sendtype: "batch" })),
      ),
    );
    // Every id is distinct: the id counter is shared through the file too.
    expect(new Set(made.map((m) => m.mailAddressId)).size).toBe(30);
    const saved = JSON.parse(readFileSync(state, "utf8")) as PersistedState;
    expect(saved.regions["cn-hangzhou"].addresses).toHaveLength(30);

    // Each process reads what the other wrote, and a change by one is seen by the other.
    expect(await a.client.listMailAddresses()).toHaveLength(30);
    const fromB = await b.client.findMailAddressByName("p0-3@example.com");
    await b.client.modifyMailAddress({ mailAddressId: fromB!.mailAddressId, replyAddress: "changed-by-b@example.com" });
    expect((await a.client.findMailAddressByName("p0-3@example.com"))?.replyAddress).toBe("changed-by-b@example.com");
    await Promise.all([
      ...made.slice(0, 10).map((m) => a.client.deleteMailAddress(m.mailAddressId)),
      b.client.deleteMailAddress(made[29].mailAddressId),
    ]);
    expect(await b.client.listMailAddresses()).toHaveLength(19);
  } finally {
    for (const p of [a, b]) {
      await p.client.close();
      p.child.kill("SIGTERM");
    }
  }
});
