import { canonicalQueryString, percentEncode, signRpcRequest, stringToSign } from "../../client/rpc/signer";
import {
  rfc3986,
  v1Signature,
  v1StringToSign,
  v3CanonicalRequest,
  v3Signature,
  v3StringToSign,
  V3Request,
} from "../../emulator/gateway/auth";
import { createHash } from "node:crypto";

// Alibaba's published example (ECS "Signature method" doc), docs/directmail-api.md, "Requests".
const VECTOR_A = {
  AccessKeyId: "testid",
  Action: "DescribeRegions",
  Format: "XML",
  SignatureMethod: "HMAC-SHA1",
  SignatureNonce: "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
  SignatureVersion: "1.0",
  Timestamp: "2016-02-23T12:46:24Z",
  Version: "2014-05-26",
};
const VECTOR_A_STS =
  "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26";

describe("client signer (signature 1.0)", () => {
  it("reproduces Alibaba's published string-to-sign and signature", () => {
    expect(stringToSign("GET", VECTOR_A)).toBe(VECTOR_A_STS);
    expect(signRpcRequest("GET", VECTOR_A, "testsecret")).toBe("OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
  });

  it("reproduces the darabonba-openapi test vector", () => {
    expect(signRpcRequest("", { test: "ok" }, "accessKeySecret")).toBe("jHx/oHoHNrbVfhncHEvPdHXZwHU=");
  });

  it("leaves Signature out of the canonical string", () => {
    expect(canonicalQueryString({ ...VECTOR_A, Signature: "x" })).toBe(canonicalQueryString(VECTOR_A));
  });

  it.each([
    [" ", "%20"],
    ["*", "%2A"],
    ["~", "~"],
    ["!'()", "%21%27%28%29"],
    ["a+b=c&d", "a%2Bb%3Dc%26d"],
    ["é", "%C3%A9"],
    ["邮件", "%E9%82%AE%E4%BB%B6"],
  ])("percent-encodes %j as %s", (raw, encoded) => {
    expect(percentEncode(raw)).toBe(encoded);
  });
});

describe("emulator verifier (written separately) agrees on the same vectors", () => {
  const params = new Map(Object.entries(VECTOR_A));

  it("computes the published V1 string-to-sign and signature", () => {
    expect(v1StringToSign("GET", params)).toBe(VECTOR_A_STS);
    expect(v1Signature("GET", params, "testsecret")).toBe("OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
  });

  it("agrees with the client's encoder on awkward input", () => {
    for (const text of [" *~!'()", "a+b=c&d", "é邮件", "\u0001\u007f"]) {
      expect(rfc3986(text)).toBe(percentEncode(text));
    }
  });

  // Alibaba's published V3 (ACS3-HMAC-SHA256) vectors, docs/directmail-api.md, "Requests".
  const base = (date: string, nonce: string): V3Request => ({
    method: "POST",
    path: "/",
    query: new Map([
      ["ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"],
      ["RegionId", "cn-shanghai"],
    ]),
    headers: new Map([
      ["host", "ecs.cn-shanghai.aliyuncs.com"],
      ["x-acs-action", "RunInstances"],
      ["x-acs-version", "2014-05-26"],
      ["x-acs-date", date],
      ["x-acs-signature-nonce", nonce],
      ["x-acs-content-sha256", createHash("sha256").update("").digest("hex")],
    ]),
    signedHeaders: ["host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce", "x-acs-version"],
    hashedPayload: createHash("sha256").update("").digest("hex"),
  });

  it.each([
    [
      "2023-10-26T10:22:32Z",
      "3156853299f313e23d1673dc12e1703d",
      "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259",
      "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0",
    ],
    [
      "2023-10-26T09:01:01Z",
      "d410180a5abf7fe235dd9b74aca91fc0",
      "29622f5feb1e9fcaaa2e276a72889c975f7b16f00e02be1ca34965b18cd85015",
      "e521358f7776c97df52e6b2891a8bc73026794a071b50c3323388c4e0df64804",
    ],
  ])("reproduces the published V3 vector dated %s", (date, nonce, hashedCr, signature) => {
    const req = base(date, nonce);
    expect(createHash("sha256").update(v3CanonicalRequest(req)).digest("hex")).toBe(hashedCr);
    expect(v3StringToSign(req)).toBe(`ACS3-HMAC-SHA256\n${hashedCr}`);
    expect(v3Signature(req, "YourAccessKeySecret")).toBe(signature);
  });
});
