import Dm, * as $Dm from "@alicloud/dm20151123";
import { officialSdk } from "../support/officialSdk";
import { harness, Harness } from "../support/emulator";

/**
 * The official Alibaba SDK drives the emulator. Our client and emulator were
 * written by the same hands; the SDK was not, so agreement here means the
 * emulator speaks the real protocol rather than our reading of it.
 */

let h: Harness;
beforeEach(async () => {
  h = await harness({ domains: ["example.com"] });
});
afterEach(() => h.close());

function sdk(options: { secret?: string; signatureAlgorithm?: string } = {}): Dm {
  return officialSdk(h.emulator, options);
}

describe.each([
  ["ACS3-HMAC-SHA256 (the SDK's default)", undefined, "ACS3"],
  ["signature V2 (HMAC-SHA1)", "v2", "1.0"],
])("official SDK with %s", (_name, signatureAlgorithm, expectedVersion) => {
  it("creates, queries, modifies and deletes a sender address", async () => {
    const client = sdk({ signatureAlgorithm });
    const created = await client.createMailAddress(
      new $Dm.CreateMailAddressRequest({ accountName: "Sdk@Example.com", sendtype: "trigger" }),
    );
    const id = created.body?.mailAddressId;
    expect(id).toMatch(/^\d+$/);

    const query = await client.queryMailAddressByParam(
      new $Dm.QueryMailAddressByParamRequest({ keyWord: "sdk@example.com", pageNo: 1, pageSize: 10 }),
    );
    expect(query.body?.totalCount).toBe(1);
    const item = query.body?.data?.mailAddress?.[0];
    expect(item).toMatchObject({ accountName: "sdk@example.com", sendtype: "trigger", mailAddressId: id, accountStatus: "0" });

    await client.modifyMailAddress(
      new $Dm.ModifyMailAddressRequest({ mailAddressId: Number(id), password: "SDkpass1234", replyAddress: "r@example.org" }),
    );
    const after = await client.queryMailAddressByParam(new $Dm.QueryMailAddressByParamRequest({ keyWord: "sdk@" }));
    expect(after.body?.data?.mailAddress?.[0]).toMatchObject({ replyAddress: "r@example.org", replyStatus: "1" });

    await client.deleteMailAddress(new $Dm.DeleteMailAddressRequest({ mailAddressId: Number(id) }));
    expect(h.emulator.inspect.allAddresses()).toEqual([]);
    expect(new Set(h.emulator.requests.map((r) => r.signatureVersion))).toEqual(new Set([expectedVersion]));
  });

  it("gets the documented error code and status through the SDK's own error parsing", async () => {
    const client = sdk({ signatureAlgorithm });
    await client.createMailAddress(new $Dm.CreateMailAddressRequest({ accountName: "dup@example.com", sendtype: "batch" }));
    const err = (await client
      .createMailAddress(new $Dm.CreateMailAddressRequest({ accountName: "dup@example.com", sendtype: "batch" }))
      .catch((e: unknown) => e)) as { code?: string; statusCode?: number; data?: Record<string, unknown> };
    expect(err.code).toBe("InvalidMailAddressName.Duplicate");
    expect(err.statusCode).toBe(400);
    expect(err.data).toMatchObject({ Code: "InvalidMailAddressName.Duplicate", HostId: expect.any(String), Recommend: expect.any(String) });
  });

  it("is refused with a wrong secret", async () => {
    const err = (await sdk({ signatureAlgorithm, secret: "not-the-secret" })
      .queryMailAddressByParam(new $Dm.QueryMailAddressByParamRequest({}))
      .catch((e: unknown) => e)) as { code?: string };
    expect(err.code).toBe("SignatureDoesNotMatch");
  });
});

it("and the official SDK and our client see the same address", async () => {
  await sdk().createMailAddress(
    new $Dm.CreateMailAddressRequest({ accountName: "both@example.com", sendtype: "batch", replyAddress: "x@example.org" }),
  );
  const ours = await h.client.findMailAddressByName("both@example.com");
  expect(ours).toMatchObject({ accountName: "both@example.com", sendtype: "batch", replyAddress: "x@example.org", replyStatus: 1 });
});

describe.each([
  ["ACS3-HMAC-SHA256", undefined],
  ["signature V2", "v2"],
])("official SDK on the tag actions with %s", (_name, signatureAlgorithm) => {
  it("creates, queries page by page, modifies and deletes a tag, and reads the not-found answer", async () => {
    const client = sdk({ signatureAlgorithm });
    const created = await client.createTag(new $Dm.CreateTagRequest({ tagName: "sdk_tag", tagDescription: "from the SDK" }));
    const tagId = created.body?.tagId;
    expect(tagId).toMatch(/^\d+$/);
    await client.createTag(new $Dm.CreateTagRequest({ tagName: "second" }));

    const first = await client.queryTagByParam(new $Dm.QueryTagByParamRequest({ pageNo: 1, pageSize: 1 }));
    expect(first.body).toMatchObject({ pageNumber: 1, pageSize: 1, totalCount: 2 });
    expect(first.body?.data?.tag).toEqual([expect.objectContaining({ tagId, tagName: "sdk_tag", tagDescription: "from the SDK" })]);
    const second = await client.queryTagByParam(new $Dm.QueryTagByParamRequest({ pageNo: 2, pageSize: 1 }));
    expect(second.body?.data?.tag?.map((t) => t.tagName)).toEqual(["second"]);

    await client.modifyTag(new $Dm.ModifyTagRequest({ tagId: Number(tagId), tagName: "renamed", tagDescription: "new" }));
    const found = await client.queryTagByParam(new $Dm.QueryTagByParamRequest({ keyWord: "renamed" }));
    expect(found.body?.data?.tag).toEqual([expect.objectContaining({ tagId, tagName: "renamed", tagDescription: "new" })]);
    // And our client reads the same tag.
    expect(await h.client.findTagById(tagId!)).toEqual({ tagId, tagName: "renamed", tagDescription: "new" });

    await client.deleteTag(new $Dm.DeleteTagRequest({ tagId: Number(tagId) }));
    expect(h.emulator.inspect.allTags().map((t) => t.tagName)).toEqual(["second"]);
    const gone = (await client.deleteTag(new $Dm.DeleteTagRequest({ tagId: Number(tagId) })).catch((e: unknown) => e)) as {
      code?: string;
      statusCode?: number;
    };
    expect([gone.code, gone.statusCode]).toEqual(["InvalidTag.NotFound", 404]);
  });
});

it.each([
  ["ACS3-HMAC-SHA256", undefined],
  ["signature V2", "v2"],
])("the official SDK's singleSendMail (%s) is accepted, kept and counted", async (_name, signatureAlgorithm) => {
  const client = sdk({ signatureAlgorithm });
  await client.createMailAddress(new $Dm.CreateMailAddressRequest({ accountName: "send@example.com", sendtype: "trigger" }));
  await client.createTag(new $Dm.CreateTagRequest({ tagName: "sdk" }));
  const sent = await client.singleSendMail(
    new $Dm.SingleSendMailRequest({
      accountName: "send@example.com",
      addressType: 1,
      replyToAddress: false,
      toAddress: "to@example.org",
      subject: "From the SDK",
      htmlBody: "<b>hello</b>",
      tagName: "sdk",
      clickTrace: "0",
    }),
  );
  expect(sent.body?.envId).toMatch(/^\d+$/);
  expect(await h.emulator.inspect.messages()).toMatchObject([
    {
      channel: "api",
      accountName: "send@example.com",
      to: ["to@example.org"],
      subject: "From the SDK",
      htmlBody: "<b>hello</b>",
      tagName: "sdk",
    },
  ]);
  const query = await client.queryMailAddressByParam(new $Dm.QueryMailAddressByParamRequest({ keyWord: "send@" }));
  expect(query.body?.data?.mailAddress?.[0]).toMatchObject({ dailyReqCount: "1", monthReqCount: "1" });
  const err = (await client
    .singleSendMail(
      new $Dm.SingleSendMailRequest({
        accountName: "send@example.com",
        addressType: 1,
        replyToAddress: false,
        toAddress: "x",
        subject: "s",
        textBody: "t",
      }),
    )
    .catch((e: unknown) => e)) as { code?: string; statusCode?: number };
  expect(err).toMatchObject({ code: "InvalidToAddress", statusCode: 400 });
});
