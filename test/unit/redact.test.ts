import { inspect } from "node:util";
import { percentEncode, redactSecrets, secretForms } from "../../client";

describe("redactSecrets", () => {
  const password = "Pa ss*Word12~x";

  it("masks raw, once-encoded, twice-encoded and form-encoded forms", () => {
    const once = percentEncode(password);
    const twice = percentEncode(once);
    const form = encodeURIComponent(password).replace(/%20/g, "+");
    const text = `raw=${password} once=${once} twice=${twice} form=${form}`;
    const out = redactSecrets(text, [password]);
    expect(out).toBe("raw=*** once=*** twice=*** form=***");
  });

  it("ignores empty and very short values, which would mask ordinary text", () => {
    expect(redactSecrets("abc", [undefined, "", "a"])).toBe("abc");
  });

  // Characters each encoding treats differently: ~!'() (form vs encodeURIComponent), quotes and
  // backslashes (JSON and inspect), space (+ or %20), and characters outside ASCII.
  const tricky = ["Ab12~!'()xyZ", 'Qu"ote\\Back12', "Sp ace Tab\t12AB", "Ünïcode12ABcd"];

  it.each(tricky)("masks %j in the client's own form body, in JSON and in util.inspect output", (secret) => {
    const echoes = [
      new URLSearchParams({ Password: secret, Other: "x" }).toString(),
      JSON.stringify({ message: `echo ${secret} echo` }),
      inspect({ message: `echo ${secret} echo` }),
      percentEncode(percentEncode(secret)).toLowerCase(),
      // A string-to-sign over the body as sent (not decoded first): the form encoding, percent-encoded.
      percentEncode(new URLSearchParams({ Password: secret }).toString()),
      percentEncode(`Password=${encodeURIComponent(secret)}`),
    ];
    for (const echo of echoes) expect(redactSecrets(echo, [secret])).not.toContain(secret.slice(0, 6));
    for (const echo of echoes) {
      const masked = redactSecrets(echo, [secret]);
      for (const form of secretForms(secret)) expect(masked).not.toContain(form);
    }
  });
});
