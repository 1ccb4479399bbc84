import { readSettings, unknownConfigKeys } from "../../provider/config/settings";
import { ClientPool } from "../../provider/config/clientPool";
import { MailAddressRuntime } from "../../provider/resources/mailAddress/runtime";

test("an unknown directmail:* key is named with the nearest known one; other namespaces and known keys pass", () => {
  expect(unknownConfigKeys(["directmail:endpoint", "directmail:region", "aws:region", "proj:smtpPassword"])).toEqual([]);
  const [problem] = unknownConfigKeys(["directmail:endpont"]);
  expect(problem).toContain("directmail:endpont is not a setting of pulumi-directmail; did you mean directmail:endpoint?");
  // Nothing near enough: no guess, but the list of known keys.
  expect(unknownConfigKeys(["directmail:zzzzzzzzzzzz"])[0]).not.toContain("did you mean");
  expect(unknownConfigKeys(["directmail:zzzzzzzzzzzz"])[0]).toContain("known: directmail:region");
});

test("check reports it at preview, before any API call", async () => {
  const pool = new ClientPool(readSettings(() => undefined, {}, ["directmail:acessKeyId"]));
  const result = await new MailAddressRuntime(() => pool).check({} as never, { accountName: "a@example.com", sendtype: "batch" } as never);
  expect(result.failures?.[0]?.reason).toContain("did you mean directmail:accessKeyId?");
});
