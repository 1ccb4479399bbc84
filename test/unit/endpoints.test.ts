import { EndpointError, REGIONS, resolveEndpoint } from "../../client";

describe("resolveEndpoint", () => {
  it("maps every documented region to its own host, not all to Hangzhou", () => {
    const hosts = REGIONS.map((r) => resolveEndpoint(r).host);
    expect(hosts).toEqual([
      "dm.aliyuncs.com",
      "dm.ap-southeast-1.aliyuncs.com",
      "dm.ap-southeast-2.aliyuncs.com",
      "dm.us-east-1.aliyuncs.com",
      "dm.eu-central-1.aliyuncs.com",
    ]);
    expect(resolveEndpoint("us-east-1").protocol).toBe("https:");
  });

  it("rejects an unknown region with the list of known ones", () => {
    expect(() => resolveEndpoint("cn-beijing")).toThrow(/cn-hangzhou, ap-southeast-1/);
  });

  it("accepts an override as a URL or a bare host", () => {
    expect(resolveEndpoint("cn-hangzhou", "dm-vpc.cn-hangzhou.aliyuncs.com").href).toBe("https://dm-vpc.cn-hangzhou.aliyuncs.com/");
    expect(resolveEndpoint("cn-hangzhou", "http://127.0.0.1:8080").href).toBe("http://127.0.0.1:8080/");
    expect(resolveEndpoint("cn-hangzhou", "http://localhost:1").host).toBe("localhost:1");
    expect(resolveEndpoint("cn-hangzhou", "http://[::1]:9").host).toBe("[::1]:9");
  });

  it("refuses plain http anywhere but loopback", () => {
    expect(() => resolveEndpoint("cn-hangzhou", "http://dm.example.com")).toThrow(EndpointError);
    expect(() => resolveEndpoint("cn-hangzhou", "http://10.0.0.5:80")).toThrow(/https is required/);
    expect(() => resolveEndpoint("cn-hangzhou", "ftp://x")).toThrow(/https/);
  });
});

describe("an endpoint with credentials in it", () => {
  test("a malformed percent-escape is refused once, at configuration, with the rule, never the password", () => {
    const attempt = () => resolveEndpoint("cn-hangzhou", "http://user:pa%zzss@127.0.0.1:8080");
    expect(attempt).toThrow(EndpointError);
    expect(attempt).toThrow(/malformed percent-escape in its password: write a literal % as %25/);
    expect(() => attempt()).not.toThrow(/pa%zzss/);
  });

  test("a client on such an endpoint is refused when it is made, not with a URIError on every call", async () => {
    const { DirectMailClient } = await import("../../client");
    expect(() => new DirectMailClient({ endpoint: "http://u:%E0%A4%A@127.0.0.1:1" })).toThrow(EndpointError);
    // A well-formed one is fine.
    const ok = new DirectMailClient({ endpoint: "http://u:p%25ss@127.0.0.1:1" });
    await ok.close();
  });
});
