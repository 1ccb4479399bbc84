import { percentEncode, redactSecrets } from "../../client";

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
});
