import * as $Dm from "@alicloud/dm20151123";
import { officialSdk } from "../support/officialSdk";
import { DirectMailServiceError, isGone, ReceiverMember } from "../../client";
import { COVERING_DIALECTS, DEFAULT_DIALECT, Dialect } from "../../emulator";
import { KnownMembers, MembersRefusedError, planMembers, syncMembers } from "../../provider/resources/receiverList/memberSync";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { harness, Harness } from "../support/emulator";
import { rawCode, rawRequest } from "../support/rawRequest";
import { scratchDir } from "../support/scratch";

/** Recipient lists and their members on the wire: the emulator's rules, the client's reading, member sync under faults, the official SDK. */

const code = (err: unknown) => (err instanceof DirectMailServiceError ? err.code : String(err));
const people = (n: number, from = 0): ReceiverMember[] =>
  Array.from({ length: n }, (_, i) => ({ email: `p${from + i}@example.org`, userName: `Person ${from + i}` }));

describe.each(COVERING_DIALECTS)("under %s", (_label, dialect) => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness({ dialect, rateLimits: false });
  });
  afterEach(() => h.close());

  const sync = async (receiverId: string, current: ReceiverMember[], wanted: ReceiverMember[]) => {
    const known = new KnownMembers(current);
    await syncMembers({ client: h.client, receiverId, listName: "news", wanted, plan: planMembers(current, wanted), known });
    return known;
  };
  const stored = (id: string) => h.emulator.inspect.allReceivers().find((r) => r.id === id)?.members ?? [];

  test("a list is created, found by name and id (a string either way), listed once, and deleted; a second delete is 'gone'", async () => {
    const { receiverId } = await h.client.createReceiver({ receiversName: "news", receiversAlias: "news@example.org", desc: "weekly" });
    expect(typeof receiverId).toBe("string");
    expect(receiverId).toMatch(dialect.receiverIds === "hex" ? /^[0-9a-f]{32}$/ : /^\d+$/);
    for (let i = 0; i < 8; i++) await h.client.createReceiver({ receiversName: `list${i}`, receiversAlias: `l${i}@example.org` });
    // Nine lists, in one call whether the service pages (default 10) or not: the client asks for 100.
    const all = await h.client.listReceivers();
    expect(all).toHaveLength(9);
    expect(await h.client.findReceiverByName("news")).toMatchObject({
      receiverId,
      receiversAlias: "news@example.org",
      desc: "weekly",
      count: 0,
    });
    expect(await h.client.findReceiverByName("new")).toBeUndefined();
    await h.client.deleteReceiver(receiverId);
    const again = await h.client.deleteReceiver(receiverId).catch((e: unknown) => e);
    expect(code(again)).toBe(dialect.receiverNotFound);
    expect(isGone(again)).toBe(true);
  });

  test("a list that still has members is deleted, whether or not the service takes it with them", async () => {
    const { receiverId } = await h.client.createReceiver({ receiversName: "news", receiversAlias: "news@example.org" });
    await sync(receiverId, [], people(120));
    await h.client.deleteReceiver(receiverId);
    expect(await h.client.findReceiverById(receiverId)).toBeUndefined();
    const deletes = h.emulator.requests.filter((r) => r.action === "DeleteReceiver").length;
    expect(deletes).toBe(dialect.receiverDeleteNonEmpty === "refused" ? 2 : 1);
  });

  test("the documented limits: a duplicate name, the 10 lists of an account, 500 members a save, names and aliases", async () => {
    await h.client.createReceiver({ receiversName: "news", receiversAlias: "news@example.org" });
    const dup = await h.client.createReceiver({ receiversName: "news", receiversAlias: "other@example.org" }).catch((e: unknown) => e);
    expect(code(dup)).toBe(dialect.receiverDuplicate);
    const long = await h.client.createReceiver({ receiversName: "x".repeat(31), receiversAlias: "a@example.org" }).catch((e: unknown) => e);
    expect(code(long)).toBe("InvalidReceiverName.Malformed");
    const alias = await h.client.createReceiver({ receiversName: "y", receiversAlias: "not-an-email" }).catch((e: unknown) => e);
    expect(code(alias)).toBe("InvalidReceiverName.Malformed");
    for (let i = 1; i < 10; i++) await h.client.createReceiver({ receiversName: `l${i}`, receiversAlias: `l${i}@example.org` });
    const full = await h.client.createReceiver({ receiversName: "l10", receiversAlias: "l10@example.org" }).catch((e: unknown) => e);
    expect(code(full)).toBe("InvalidReceiverNumber.Malformed");
    const id = (await h.client.findReceiverByName("news"))!.receiverId;
    expect(() => h.client.saveReceiverDetail(id, people(501))).toThrow(RangeError);
  });

  test("members: saved 500 a call, read back by NextStart with their fields, refused ones named, a missing one deleted counts as gone", async () => {
    const { receiverId } = await h.client.createReceiver({ receiversName: "news", receiversAlias: "news@example.org" });
    const members = people(1_203);
    await sync(receiverId, [], members);
    const tally = h.emulator.inspect.tallyRequests();
    expect(tally.byAction.SaveReceiverDetail).toBe(3);
    const read = await h.client.listReceiverMembers(receiverId);
    expect(read).toHaveLength(1_203);
    // Variables (none saved here) come back as an empty object only where the service gives them back at all.
    const none = dialect.customDataReadBack === "returned" ? { variables: {} } : {};
    expect(read[7]).toEqual({ email: "p7@example.org", userName: "Person 7", ...none });
    // Pages of the dialect's largest size, never more than needed.
    // A service that refuses the client's page of 100 is asked once more by 50, and by that from then on.
    const refused = dialect.memberPageOver === "refused" && dialect.memberPageMax === "50" ? 1 : 0;
    const pages = refused + Math.ceil(1_203 / Number(dialect.memberPageMax));
    expect(h.emulator.inspect.tallyRequests().byAction.QueryReceiverDetail).toBe(pages);
    expect((await h.client.findReceiverById(receiverId))?.count).toBe(1_203);

    const outcome = await h.client.saveReceiverDetail(receiverId, [
      { email: "p1@example.org" },
      { email: "fresh@example.org" },
      { email: "bad@@x" },
    ]);
    expect(outcome.refused.map((r) => r.email)).toEqual(
      dialect.memberSaveExisting === "refuses" ? ["p1@example.org", "bad@@x"] : ["bad@@x"],
    );
    const missing = await h.client.deleteReceiverDetail(receiverId, "nobody@example.org").catch((e: unknown) => e);
    // A refusal of an email the list lacks is looked into: the member is not there, so it counts as deleted.
    if (dialect.memberDeleteMissing === "not-found") expect(isGone(missing)).toBe(true);
    else expect(missing).toBeUndefined();
  });

  test("members removed by hand are removed again by an update made without a refresh, whatever the service answers for them", async () => {
    const { receiverId } = await h.client.createReceiver({ receiversName: "news", receiversAlias: "news@example.org" });
    // Longer than KeyWord's 50 characters: not looked up by keyword, so the whole list is read to find it gone.
    const long = { email: `${"x".repeat(50)}@example.org` };
    const before = [...people(3), long];
    await sync(receiverId, [], before);
    for (const email of ["p1@example.org", long.email]) await h.client.deleteReceiverDetail(receiverId, email);
    await sync(receiverId, before, [people(1)[0], people(1, 2)[0]]);
    expect(stored(receiverId).map((m) => m.email)).toEqual(["p0@example.org", "p2@example.org"]);
  });

  test("an update sends only the difference, and a changed member ends with its new fields whether or not a save updates", async () => {
    const { receiverId } = await h.client.createReceiver({ receiversName: "news", receiversAlias: "news@example.org" });
    const before = people(40);
    await sync(receiverId, [], before);
    const since = h.emulator.requests.length;
    const after = [...before.slice(2), ...people(3, 100)].map((m) => (m.email === "p5@example.org" ? { ...m, nickName: "Five" } : m));
    await sync(receiverId, before, after);
    const tally = h.emulator.inspect.tallyRequests(since);
    expect(tally.byAction.DeleteReceiverDetail).toBe(dialect.memberSaveExisting === "refuses" ? 3 : 2);
    expect(tally.byAction.SaveReceiverDetail).toBe(dialect.memberSaveExisting === "refuses" ? 2 : 1);
    const live = stored(receiverId);
    expect(live.map((m) => m.email).sort()).toEqual(after.map((m) => m.email).sort());
    expect(live.find((m) => m.email === "p5@example.org")?.fields).toEqual({ userName: "Person 5", nickName: "Five" });
    // Nothing to do: nothing sent.
    const quiet = h.emulator.requests.length;
    await sync(receiverId, after, after);
    expect(h.emulator.requests.length).toBe(quiet);
  });

  test("a member the service refuses is named by its place, never by its address; the others are saved", async () => {
    const { receiverId } = await h.client.createReceiver({ receiversName: "news", receiversAlias: "news@example.org" });
    const wanted = [...people(3), { email: "long@example.org", gender: "g".repeat(31) }, ...people(2, 10)];
    const err = await sync(receiverId, [], wanted).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MembersRefusedError);
    expect((err as Error).message).toContain("members[3]");
    expect((err as Error).message).not.toContain("long@example.org");
    expect(stored(receiverId).map((m) => m.email)).toEqual([...people(3), ...people(2, 10)].map((m) => m.email));
  });

  test("a lost CreateReceiver answer is recovered by finding the list it made: one list, its id returned", async () => {
    h.emulator.faults.next("commit-then-drop", "CreateReceiver");
    // An alias in capitals: the list found must match it whether the service keeps it so or lowers it.
    const created = await h.client.createReceiver({ receiversName: "news", receiversAlias: "News@Example.org" });
    expect(created.recovered).toBe(true);
    expect(h.emulator.inspect.allReceivers().map((r) => r.id)).toEqual([created.receiverId]);
  });

  test.each(["SaveReceiverDetail", "DeleteReceiverDetail"])("a lost %s answer neither duplicates nor loses a member", async (action) => {
    const { receiverId } = await h.client.createReceiver({ receiversName: "news", receiversAlias: "news@example.org" });
    const before = people(30);
    await sync(receiverId, [], before);
    const after = [...before.slice(5), ...people(10, 200)].map((m, i) => (i === 0 ? { ...m, mobile: "123" } : m));
    h.emulator.faults.next("commit-then-drop", action);
    h.emulator.faults.next("commit-then-drop", action);
    const known = await sync(receiverId, before, after);
    expect(h.emulator.faults.injected["commit-then-drop"]).toBe(2);
    const live = stored(receiverId);
    expect(live).toHaveLength(after.length);
    expect(new Set(live.map((m) => m.email))).toEqual(new Set(after.map((m) => m.email)));
    expect(live.find((m) => m.email === after[0].email)?.fields.mobile).toBe("123");
    expect(known.size).toBe(after.length);
  });

  test("template variables: saved apart from the fields, read back as the dialect says; a change of variables alone re-saves that member's only", async () => {
    const { receiverId } = await h.client.createReceiver({ receiversName: "news", receiversAlias: "news@example.org" });
    const before = people(600).map((m, i) => (i % 2 === 0 ? { ...m, variables: { plan: "pro", n: String(i) } } : m));
    await sync(receiverId, [], before);
    // 600 members' fields in two calls, the 300 with variables in one more (never both parts in one call: `separate` refuses it).
    expect(h.emulator.inspect.tallyRequests().byAction.SaveReceiverDetail).toBe(3);
    expect(stored(receiverId)[4]).toMatchObject({
      email: "p4@example.org",
      fields: { userName: "Person 4" },
      customData: { plan: "pro", n: "4" },
    });
    const read = await h.client.listReceiverMembers(receiverId);
    if (dialect.customDataReadBack === "returned") {
      expect(read[4]).toEqual({ email: "p4@example.org", userName: "Person 4", variables: { plan: "pro", n: "4" } });
      expect(read[5]).toEqual({ email: "p5@example.org", userName: "Person 5", variables: {} });
    } else expect(read[4]).toEqual({ email: "p4@example.org", userName: "Person 4" });

    const since = h.emulator.requests.length;
    const after = before.map((m, i) =>
      i === 10 ? { ...m, variables: { plan: "free", n: "10" } } : i === 11 ? { ...m, variables: { x: "1" } } : m,
    );
    await sync(receiverId, before, after);
    // One call, the two members' variables only: a Detail for them would be refused as duplicates under `refuses`, costing deletes.
    expect(h.emulator.requests.slice(since).map((r) => r.action)).toEqual(["SaveReceiverDetail"]);
    expect(stored(receiverId).slice(9, 13)).toMatchObject([
      { fields: { userName: "Person 9" } },
      { fields: { userName: "Person 10" }, customData: { plan: "free", n: "10" } },
      { fields: { userName: "Person 11" }, customData: { x: "1" } },
      { fields: { userName: "Person 12" }, customData: { plan: "pro", n: "12" } },
    ]);
    expect(stored(receiverId)[9].customData).toBeUndefined();
  });

  test("a changed field of a member with variables keeps its variables, whether a save updates or is refused (then deleted and saved whole)", async () => {
    const { receiverId } = await h.client.createReceiver({ receiversName: "news", receiversAlias: "news@example.org" });
    const before = [{ email: "v@example.org", userName: "Vee", variables: { plan: "pro" } }];
    await sync(receiverId, [], before);
    const after = [{ ...before[0], nickName: "V" }];
    const known = await sync(receiverId, before, after);
    expect(stored(receiverId)).toMatchObject([
      { email: "v@example.org", fields: { userName: "Vee", nickName: "V" }, customData: { plan: "pro" } },
    ]);
    expect(known.inOrderOf(after)).toEqual(after);
  });

  test("one SaveReceiverDetail with both Detail and CustomDetail: refused under `separate`, both saved under `combined`", async () => {
    const created = await rawRequest(h.emulator, { Action: "CreateReceiver", ReceiversName: "news", ReceiversAlias: "news@example.org" });
    const receiverId = String(created.body.ReceiverId);
    const answer = await rawCode(h.emulator, {
      Action: "SaveReceiverDetail",
      ReceiverId: receiverId,
      Detail: JSON.stringify([{ e: "a@example.org", u: "Ann" }]),
      CustomDetail: JSON.stringify([{ Email: "a@example.org", CustomData: { plan: "pro" } }]),
    });
    if (dialect.customDetailCombined === "separate") {
      expect(answer).toEqual({ status: 400, code: "InvalidParameter" });
      expect(stored(receiverId)).toEqual([]);
    } else {
      expect(answer).toEqual({ status: 200, code: undefined });
      expect(stored(receiverId)).toMatchObject([{ email: "a@example.org", fields: { userName: "Ann" }, customData: { plan: "pro" } }]);
    }
  });

  test("a variables save that fails after the fields were saved leaves them recorded without variables; the rerun sends the variables only", async () => {
    const { receiverId } = await h.client.createReceiver({ receiversName: "news", receiversAlias: "news@example.org" });
    // The fields' SaveReceiverDetail goes through; the variables' one meets a 500 from the emulator, not retried.
    const client = h.clientWith({ retry: { maxAttempts: 1 } });
    const save = client.saveReceiverVariables.bind(client);
    client.saveReceiverVariables = (id, members) => {
      h.emulator.faults.next("internal", "SaveReceiverDetail");
      return save(id, members);
    };
    const wanted = [{ email: "v@example.org", userName: "Vee", variables: { plan: "pro" } }];
    const known = new KnownMembers([]);
    const failed = await syncMembers({ client, receiverId, listName: "news", wanted, plan: planMembers([], wanted), known }).catch(
      (e: unknown) => e,
    );
    expect(String(failed)).toContain("InternalError");
    // CustomDetail is a secret parameter: neither the address nor a value is in the error.
    expect(String(failed)).not.toMatch(/v@example.org|"pro"/);
    const recorded = known.inOrderOf(wanted);
    expect(recorded).toEqual([{ email: "v@example.org", userName: "Vee" }]);
    const rerun = planMembers(recorded, wanted);
    expect(rerun).toEqual({ remove: [], save: [], variables: wanted });
    const since = h.emulator.requests.length;
    await sync(receiverId, recorded, wanted);
    expect(h.emulator.inspect.tallyRequests(since).byAction).toEqual({ SaveReceiverDetail: 1 });
    expect(stored(receiverId)).toMatchObject([{ email: "v@example.org", fields: { userName: "Vee" }, customData: { plan: "pro" } }]);
  });

  test("a lost SaveReceiverDetail answer for variables loses none: the repeat sets them whole again", async () => {
    const { receiverId } = await h.client.createReceiver({ receiversName: "news", receiversAlias: "news@example.org" });
    const before = people(20);
    await sync(receiverId, [], before);
    const after = before.map((m, i) => (i < 5 ? { ...m, variables: { code: `c${i}` } } : m));
    h.emulator.faults.next("commit-then-drop", "SaveReceiverDetail");
    const known = await sync(receiverId, before, after);
    expect(h.emulator.faults.injected["commit-then-drop"]).toBe(1);
    expect(stored(receiverId).map((m) => m.customData?.code)).toEqual([
      ...[0, 1, 2, 3, 4].map((i) => `c${i}`),
      ...Array(15).fill(undefined),
    ]);
    expect(known.inOrderOf(after)).toEqual(after);
  });
});

test("a full list refuses one more member, the rest of the call saved (the limit set to 1,000 here; 10,000 by default)", async () => {
  const h = await harness({ rateLimits: false, membersPerList: 1_000 });
  try {
    const { receiverId } = await h.client.createReceiver({ receiversName: "big", receiversAlias: "big@example.org" });
    await syncOn(h, receiverId, people(1_000));
    const outcome = await h.client.saveReceiverDetail(receiverId, [{ email: "one-more@example.org" }]);
    expect(outcome.refused).toEqual([{ email: "one-more@example.org", reason: "the list is full" }]);
  } finally {
    await h.close();
  }
});

async function syncOn(h: Harness, receiverId: string, wanted: ReceiverMember[]): Promise<void> {
  await syncMembers({ client: h.client, receiverId, listName: "big", wanted, plan: planMembers([], wanted), known: new KnownMembers([]) });
}

test("the documented rate limits: QueryReceiverDetail 2 a second, DeleteReceiverDetail 20 a second; the client keeps within them", async () => {
  const h = await harness({});
  try {
    const { receiverId } = await h.client.createReceiver({ receiversName: "paced", receiversAlias: "paced@example.org" });
    await syncOn(h, receiverId, people(350));
    const started = Date.now();
    await h.client.listReceiverMembers(receiverId);
    // Four pages of 100 at 2 a second: the second pair waits for the window.
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(h.emulator.requests.filter((r) => r.code?.startsWith("Throttling"))).toEqual([]);
  } finally {
    await h.close();
  }
});

describe.each([
  ["ACS3-HMAC-SHA256", undefined],
  ["signature V2", "v2"],
] as const)("the official SDK (%s) drives every receiver action", (_name, signatureAlgorithm) => {
  const dialects: Array<Partial<Dialect>> = [DEFAULT_DIALECT, { receiverIds: "numeric", numbers: "strings" }];
  test.each(dialects.map((d) => [d.receiverIds ?? "hex", d] as const))("with %s ids", async (_ids, dialect) => {
    const h = await harness({ dialect, rateLimits: false });
    try {
      const sdk = officialSdk(h.emulator, { signatureAlgorithm });
      const created = await sdk.createReceiver(
        new $Dm.CreateReceiverRequest({ receiversName: "sdk", receiversAlias: "sdk@example.org", desc: "d" }),
      );
      const id = String(created.body?.receiverId);
      expect(id).not.toBe("undefined");
      const saved = await sdk.saveReceiverDetail(
        new $Dm.SaveReceiverDetailRequest({
          receiverId: id,
          detail: JSON.stringify([{ e: "a@example.org", u: "Ann", n: "A", g: "f", b: "2000-01-01", m: "123" }, { e: "bad" }]),
        }),
      );
      expect(saved.body).toMatchObject({ successCount: 1, errorCount: 1, data: { detail: [{ email: "bad" }] } });
      // The SDK's CustomDetail (v2.7.0), in a call of its own: the member's template variables.
      const custom = await sdk.saveReceiverDetail(
        new $Dm.SaveReceiverDetailRequest({
          receiverId: id,
          customDetail: JSON.stringify([{ Email: "a@example.org", CustomData: { plan: "pro" } }]),
        }),
      );
      expect(custom.body).toMatchObject({ successCount: 1, errorCount: 0 });
      expect(h.emulator.inspect.allReceivers()[0].members[0].customData).toEqual({ plan: "pro" });
      const query = await sdk.queryReceiverByParam(new $Dm.QueryReceiverByParamRequest({ pageSize: 10 }));
      expect(query.body?.data?.receiver?.[0]).toMatchObject({ receiversName: "sdk", receiversAlias: "sdk@example.org", desc: "d" });
      expect(String(query.body?.data?.receiver?.[0]?.count)).toBe("1");
      const detail = await sdk.queryReceiverDetail(new $Dm.QueryReceiverDetailRequest({ receiverId: id, pageSize: 10 }));
      expect(detail.body?.dataSchema).toBe("UserName,NickName,Gender,Birthday,Mobile");
      expect(detail.body?.data?.detail?.[0]).toMatchObject({ email: "a@example.org", data: "Ann,A,f,2000-01-01,123" });
      expect(detail.body?.nextStart ?? "").toBe("");
      await sdk.deleteReceiverDetail(new $Dm.DeleteReceiverDetailRequest({ receiverId: id, email: "a@example.org" }));
      expect(h.emulator.inspect.allReceivers()[0].members).toEqual([]);
      await sdk.deleteReceiver(new $Dm.DeleteReceiverRequest({ receiverId: id }));
      expect(h.emulator.inspect.allReceivers()).toEqual([]);
    } finally {
      await h.close();
    }
  });
});

test("the emulator enforces CreateReceiver's documented 10 a minute itself: the 11th, unpaced, is throttled", async () => {
  const h = await harness({ receiverLimit: 20 });
  try {
    const unpaced = h.clientWith({ pacer: false, retry: { maxAttempts: 1 } });
    for (let i = 0; i < 10; i++) await unpaced.createReceiver({ receiversName: `l${i}`, receiversAlias: `l${i}@example.org` });
    const err = await unpaced.createReceiver({ receiversName: "l10", receiversAlias: "l10@example.org" }).catch((e: unknown) => e);
    expect(String(err)).toContain("[Throttling.User, HTTP 400");
    expect(h.emulator.inspect.allReceivers()).toHaveLength(10);
  } finally {
    await h.close();
  }
});

const stateDir = scratchDir("receivers-state");
test("a state file written before recipient lists loads (its regions get none), and lists with members persist across a restart", async () => {
  const path = join(stateDir, "state.json");
  writeFileSync(
    path,
    JSON.stringify({
      nextId: 100005,
      regions: { "cn-hangzhou": { addresses: [], notifyUrls: {}, deletions: { month: "", count: 0 } } },
      tickets: [],
    }),
  );
  const first = await harness({ persistPath: path, rateLimits: false });
  let id: string;
  try {
    expect(await first.client.listReceivers()).toEqual([]);
    id = (await first.client.createReceiver({ receiversName: "kept", receiversAlias: "kept@example.org" })).receiverId;
    await first.client.saveReceiverDetail(id, people(3));
  } finally {
    await first.close();
  }
  const second = await harness({ persistPath: path, rateLimits: false });
  try {
    expect((await second.client.findReceiverByName("kept"))?.receiverId).toBe(id);
    expect((await second.client.listReceiverMembers(id)).map((m) => m.email)).toEqual(people(3).map((m) => m.email));
  } finally {
    await second.close();
  }
});

test("the covering dialects take every value of every recipient-list switch", () => {
  const values = (key: keyof Dialect) => new Set(COVERING_DIALECTS.map(([, d]) => d[key]));
  expect(values("receiverNotFound")).toEqual(new Set(["InvalidReceiver.NotFound", "InvalidReceiverId.Malformed"]));
  expect(values("receiverDuplicate")).toEqual(new Set(["InvalidReceiverName.Duplicate", "InvalidReceiverName.Malformed"]));
  expect(values("receiverIds")).toEqual(new Set(["hex", "numeric"]));
  expect(values("receiverAliases")).toEqual(new Set(["kept", "lowercased"]));
  expect(values("receiverPaging")).toEqual(new Set(["all", "pages"]));
  expect(values("memberSaveExisting")).toEqual(new Set(["refuses", "updates"]));
  expect(values("memberDeleteMissing")).toEqual(new Set(["succeeds", "not-found", "refused"]));
  expect(values("memberPageMax")).toEqual(new Set(["100", "50"]));
  expect(values("memberPageOver")).toEqual(new Set(["capped", "refused"]));
  expect(values("receiverDeleteNonEmpty")).toEqual(new Set(["allowed", "refused"]));
  expect(values("customDetailCombined")).toEqual(new Set(["separate", "combined"]));
  expect(values("customDataReadBack")).toEqual(new Set(["returned", "absent"]));
});
