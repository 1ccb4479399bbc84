import { DirectMailServiceError, isGone } from "../../client";

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
