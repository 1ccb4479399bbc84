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
