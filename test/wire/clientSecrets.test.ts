import { inspect } from "node:util";
import { DirectMailClient } from "../../client";
import { ClientPool } from "../../provider/config/clientPool";
import { readSettings } from "../../provider/config/settings";

/** What a client and the provider's client pool show of themselves when logged: never a secret, never the environment. */

const SECRETS = ["AK-SECRET-9f3a", "STS-TOKEN-77c1", "URL-PASSWORD-5e0b", "ENV-ONLY-VALUE-d41d"];
const ENDPOINT = `http://dm-user:${SECRETS[2]}@127.0.0.1:9/`;

function shown(value: unknown): string[] {
  return [inspect(value, { depth: Infinity, showHidden: true }), JSON.stringify(value) ?? ""];
}

test("a DirectMailClient, before and after a call, shows neither the key secret, the token nor the endpoint password", async () => {
  const client = new DirectMailClient({
    endpoint: ENDPOINT,
    credentials: { accessKeyId: "AKID", accessKeySecret: SECRETS[0], securityToken: SECRETS[1], env: { SOMETHING: SECRETS[3] } },
    pacer: false,
    retryBudget: false,
    retry: { maxAttempts: 1 },
  });
  try {
    // Port 9 on loopback refuses: the call resolves the credentials, then fails at once.
    await expect(client.listMailAddresses()).rejects.toThrow();
    for (const text of shown(client)) {
      for (const secret of SECRETS) expect(text).not.toContain(secret);
      expect(text).toContain("127.0.0.1:9");
    }
  } finally {
    await client.close();
  }
});

test("the provider's client pool shows no secret and not the process environment", async () => {
  const config: Record<string, string> = {
    "directmail:endpoint": ENDPOINT,
    "directmail:accessKeyId": "AKID",
    "directmail:accessKeySecret": SECRETS[0],
    "directmail:securityToken": SECRETS[1],
  };
  const pool = new ClientPool(readSettings((k) => config[k], { ...process.env, UNRELATED_VARIABLE: SECRETS[3] }));
  try {
    await pool.forRegion("cn-hangzhou");
    for (const text of shown(pool)) {
      for (const secret of SECRETS) expect(text).not.toContain(secret);
      expect(text).not.toContain("UNRELATED_VARIABLE");
      expect(text).toContain("cn-hangzhou");
    }
  } finally {
    await pool.close();
  }
});
