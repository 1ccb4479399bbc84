import { toMailAddressRecord, toPage } from "../../client";

describe("response normalisation", () => {
  // The new metadata types every item field as a string; the old samples send numbers. Both must read the same.
  const asStrings = {
    MailAddressId: "12122",
    AccountName: "test@example.net",
    AccountStatus: "0",
    ReplyAddress: "r@example.com",
    ReplyStatus: "0",
    Sendtype: "batch",
    CreateTime: "2019-09-29T13:28Z",
    DailyCount: "10000",
    MonthCount: "300000",
    DailyReqCount: "100",
    MonthReqCount: "20000",
    DomainStatus: "0",
  };
  const asNumbers = {
    ...asStrings,
    MailAddressId: 12122,
    AccountStatus: 0,
    ReplyStatus: 0,
    DailyCount: 10000,
    MonthCount: 300000,
    DailyReqCount: 100,
    MonthReqCount: 20000,
    DomainStatus: 0,
  };

  it("reads string-typed and number-typed items alike", () => {
    expect(toMailAddressRecord(asStrings)).toEqual(toMailAddressRecord(asNumbers));
    expect(toMailAddressRecord(asNumbers)).toMatchObject({ mailAddressId: "12122", accountStatus: 0, dailyCount: 10000 });
  });

  it("treats missing or non-numeric counts as -1 (DirectMail's 'not set')", () => {
    expect(toMailAddressRecord({ MailAddressId: 1 })).toMatchObject({ dailyCount: -1, replyStatus: -1, accountName: "" });
  });

  it("reads the lowercase data wrapper and tolerates a missing list", () => {
    const page = toPage(
      { TotalCount: "2", PageNumber: 1, PageSize: 10, data: { mailAddress: [asStrings, asNumbers] } },
      "mailAddress",
      toMailAddressRecord,
    );
    expect(page.totalCount).toBe(2);
    expect(page.items).toHaveLength(2);
    expect(toPage({ TotalCount: 0 }, "mailAddress", toMailAddressRecord).items).toEqual([]);
  });
});
