import { DirectMailServiceError, isGone } from "../../client";
import { ADDRESS_CODES } from "../../client/actions/addressCodes";
import { DOMAIN_CODES } from "../../client/actions/domainCodes";
import { RECEIVER_CODES } from "../../client/actions/receiverCodes";
import { NOTIFY_URL_CODES } from "../../client/actions/notifyUrlCodes";
import { TAG_CODES } from "../../client/actions/tagCodes";
import { GATEWAY_CODES } from "../../client/rpc/gatewayCodes";

describe("DirectMailServiceError", () => {
  // A code is the service's text: one that names an Object.prototype member must read as an unknown code.
  it.each(["constructor", "__proto__", "toString", "hasOwnProperty"])("reads the code %s as unknown, by the HTTP status", (code) => {
    const err = new DirectMailServiceError("DeleteMailAddress", code, 503, "odd", "R", undefined, {});
    expect(err.kind).toBe("unavailable");
    expect(err.message).toContain(`[${code}, HTTP 503`);
    expect(err.hint).toBe("odd");
    expect(isGone(err)).toBe(false);
  });

  it("is not gone for an action named like an Object.prototype member", () => {
    expect(isGone(new DirectMailServiceError("constructor", "InvalidMailAddress.NotFound", 404, "x", "R", undefined, {}))).toBe(false);
  });
});

describe("the error catalogue, one table per area", () => {
  const tables = {
    gateway: GATEWAY_CODES,
    addresses: ADDRESS_CODES,
    notifyUrls: NOTIFY_URL_CODES,
    domains: DOMAIN_CODES,
    receivers: RECEIVER_CODES,
    tags: TAG_CODES,
  };

  it("files each code in one area only (a spread would let the later table win silently)", () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const [area, table] of Object.entries(tables)) {
      for (const code of Object.keys(table)) {
        if (seen.has(code)) twice.push(`${code} in ${seen.get(code)} and ${area}`);
        seen.set(code, area);
      }
    }
    expect(twice).toEqual([]);
  });

  it("gives every area's codes their kind and hint through the one error type", () => {
    for (const table of Object.values(tables)) {
      for (const [code, info] of Object.entries(table)) {
        const err = new DirectMailServiceError("AnyAction", code, 400, "service text", "R", undefined, {});
        expect([code, err.kind]).toEqual([code, info.kind]);
        expect(err.hint).toBe(info.hint({}));
      }
    }
  });
});
