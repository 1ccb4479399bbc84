import * as $Dm from "@alicloud/dm20151123";
import { COVERING_DIALECTS } from "../../emulator";
import { getReceiverList, getReceiverLists, ReceiverList } from "../../provider";
import type { ReceiverListMember } from "../../provider";
import { changes, deploy, Deployment } from "../support/engine";

/**
 * A recipient list with members through the real engine, under each covering
 * dialect (a save that refuses or updates an existing member, a missing member's
 * delete that succeeds or is not found, hex or numeric ids, paged or whole
 * listings): create, a no-change up that sends nothing, an update that sends only
 * the difference, drift by hand, a refused member that converges, destroy. The
 * members never appear in plain text in the state.
 */

const people = (n: number, from = 0): ReceiverListMember[] =>
  Array.from({ length: n }, (_, i) => ({ email: `reader${from + i}@example.org`, userName: `Reader ${from + i}` }));

const program =
  (members: ReceiverListMember[] | undefined, lookups = false) =>
  async () => {
    const list = new ReceiverList("news", {
      receiversName: "newsletter",
      receiversAlias: "news@example.com",
      description: "weekly",
      members,
    });
    const out: Record<string, unknown> = { id: list.receiverId, count: list.memberCount, adopted: list.adopted };
    if (lookups) {
      const lists = await getReceiverLists();
      const one = await getReceiverList({ receiversName: "newsletter" });
      out.names = lists.map((l) => l.receiversName);
      out.lookedUp = one?.members.length ?? -1;
    }
    return out;
  };

describe.each(COVERING_DIALECTS)("under %s", (_label, dialect) => {
  let d: Deployment;
  const stored = () => d.emulator.inspect.allReceivers().find((r) => r.name === "newsletter");
  const since = (n: number) => d.emulator.inspect.tallyRequests(n).byAction;
  beforeAll(async () => {
    d = await deploy({ emulator: { dialect }, credentials: "config" });
  });
  afterAll(() => d.close());

  test("up creates the list with its members; the state holds them only encrypted", async () => {
    d.setProgram(program(people(12)));
    const up = await d.up();
    // The list and the stack.
    expect(changes(up.summary)).toEqual({ create: 2 });
    expect(up.outputs.count.value).toBe(12);
    expect(stored()?.members.map((m) => m.email)).toEqual(people(12).map((m) => m.email));
    expect(since(0)).toMatchObject({ CreateReceiver: 1, SaveReceiverDetail: 1 });
    expect(since(0).QueryReceiverDetail).toBeUndefined();
    expect(d.stateFile()).not.toContain("reader3@example.org");
    expect(d.exportWithoutSecrets()).not.toContain("reader3@example.org");
  });

  test("a no-change up makes no call at all", async () => {
    const before = d.emulator.requests.length;
    const up = await d.up();
    expect(changes(up.summary)).toEqual({});
    expect(d.emulator.requests.length).toBe(before);
  });

  test("an update sends only the difference: removed members deleted, added and changed ones saved", async () => {
    const before = d.emulator.requests.length;
    const wanted = [...people(10, 2), ...people(2, 50)].map((m) => (m.email === "reader4@example.org" ? { ...m, nickName: "Four" } : m));
    d.setProgram(program(wanted));
    const up = await d.up();
    expect(changes(up.summary)).toEqual({ update: 1 });
    expect(up.outputs.count.value).toBe(12);
    const tally = since(before);
    // Two removed; the changed member costs one more delete and save where a save does not update it.
    expect(tally.DeleteReceiverDetail).toBe(dialect.memberSaveExisting === "refuses" ? 3 : 2);
    expect(tally.SaveReceiverDetail).toBe(dialect.memberSaveExisting === "refuses" ? 2 : 1);
    expect(tally.CreateReceiver).toBeUndefined();
    const live = stored()!;
    expect(live.members.map((m) => m.email).sort()).toEqual(wanted.map((m) => m.email).sort());
    expect(live.members.find((m) => m.email === "reader4@example.org")?.fields).toEqual({ userName: "Reader 4", nickName: "Four" });
    // The members' order in the program does not matter.
    d.setProgram(program([...wanted].reverse()));
    expect(changes((await d.up()).summary)).toEqual({});
  });

  test("members added and removed by hand show on refresh; up puts the declared ones back", async () => {
    const sdk = d.officialSdk();
    const id = stored()!.id;
    await sdk.saveReceiverDetail(
      new $Dm.SaveReceiverDetailRequest({ receiverId: id, detail: JSON.stringify([{ e: "intruder@example.org" }]) }),
    );
    await sdk.deleteReceiverDetail(new $Dm.DeleteReceiverDetailRequest({ receiverId: id, email: "reader5@example.org" }));
    const refresh = await d.refresh();
    expect(changes(refresh.summary)).toEqual({ update: 1 });
    const up = await d.up();
    expect(changes(up.summary)).toEqual({ update: 1 });
    const emails = stored()!.members.map((m) => m.email);
    expect(emails).toContain("reader5@example.org");
    expect(emails).not.toContain("intruder@example.org");
  });

  test("a member the service refuses fails the up naming its place, the others are saved, and a fixed program converges", async () => {
    // Passes check (30 characters allowed); the emulator keeps gender to 10.
    const wanted = [...people(10, 2), ...people(2, 50), { email: "odd@example.org", gender: "g".repeat(20) }, ...people(2, 80)];
    d.setProgram(program(wanted));
    const failed = await d.up().catch((e: unknown) => e);
    expect(String(failed)).toContain("members[12]");
    expect(String(failed)).not.toContain("odd@example.org");
    const emails = stored()!.members.map((m) => m.email);
    expect(emails).toEqual(expect.arrayContaining(["reader80@example.org", "reader81@example.org"]));
    expect(emails).not.toContain("odd@example.org");
    const before = d.emulator.requests.length;
    const fixed = wanted.map((m) => (m.email === "odd@example.org" ? { ...m, gender: "f" } : m));
    d.setProgram(program(fixed));
    const up = await d.up();
    expect(changes(up.summary)).toEqual({ update: 1 });
    // Only the member that was refused is saved now: the ones saved before were recorded.
    expect(since(before).SaveReceiverDetail).toBe(1);
    expect(since(before).DeleteReceiverDetail).toBeUndefined();
    expect(up.outputs.count.value).toBe(15);
    // The look-ups, from the program: every list, and this one with its members.
    d.setProgram(program(fixed, true));
    const looked = await d.up();
    expect(changes(looked.summary)).toEqual({});
    expect(looked.outputs.names.value).toEqual(["newsletter"]);
    expect(looked.outputs.lookedUp.value).toBe(15);
  });

  test("lost SaveReceiverDetail and DeleteReceiverDetail answers during an up neither double nor lose a member", async () => {
    const current = stored()!.members.map((m) => ({ email: m.email, ...m.fields }));
    const wanted = [...current.slice(3), ...people(4, 300)].map((m, i) => (i === 0 ? { ...m, nickName: "lost-answer" } : m));
    for (const action of ["SaveReceiverDetail", "DeleteReceiverDetail", "SaveReceiverDetail"])
      d.emulator.faults.next("commit-then-drop", action);
    const injected = d.emulator.faults.injected["commit-then-drop"];
    d.setProgram(program(wanted));
    expect(changes((await d.up()).summary)).toEqual({ update: 1 });
    expect(d.emulator.faults.injected["commit-then-drop"] - injected).toBe(3);
    const live = stored()!.members;
    expect(live.map((m) => m.email).sort()).toEqual(wanted.map((m) => m.email).sort());
    expect(live.find((m) => m.email === wanted[0].email)?.fields.nickName).toBe("lost-answer");
    // And the state says the same: nothing left to do.
    const again = d.emulator.requests.length;
    expect(changes((await d.up()).summary)).toEqual({});
    expect(d.emulator.requests.length).toBe(again);
  });

  test("a list deleted by hand drops out on refresh; destroy deletes the list", async () => {
    const sdk = d.officialSdk();
    const { id, members } = stored()!;
    // Where the service takes no list that still has members, a hand delete empties it first.
    if (dialect.receiverDeleteNonEmpty === "refused") {
      for (const m of members) await sdk.deleteReceiverDetail(new $Dm.DeleteReceiverDetailRequest({ receiverId: id, email: m.email }));
    }
    await sdk.deleteReceiver(new $Dm.DeleteReceiverRequest({ receiverId: id }));
    const refresh = await d.refresh();
    expect(refresh.summary.resourceChanges?.delete).toBe(1);
    const up = await d.up();
    expect(changes(up.summary)).toEqual({ create: 1 });
    expect(stored()?.members).toHaveLength(16);
    await d.destroy();
    expect(d.emulator.inspect.allReceivers()).toEqual([]);
  });

  test("adopt takes over a list made by hand and makes its members match the program's", async () => {
    const sdk = d.officialSdk();
    const made = await sdk.createReceiver(
      new $Dm.CreateReceiverRequest({ receiversName: "newsletter", receiversAlias: "news@example.com" }),
    );
    const id = String(made.body?.receiverId);
    await sdk.saveReceiverDetail(
      new $Dm.SaveReceiverDetailRequest({
        receiverId: id,
        detail: JSON.stringify([{ e: "reader0@example.org" }, { e: "stray@example.org" }]),
      }),
    );
    d.setProgram(async () => {
      const list = new ReceiverList("news", {
        receiversName: "newsletter",
        receiversAlias: "news@example.com",
        adopt: true,
        members: people(3),
      });
      return { id: list.receiverId, adopted: list.adopted, count: list.memberCount };
    });
    const up = await d.up();
    expect(up.outputs.id.value).toBe(id);
    expect(up.outputs.adopted.value).toBe(true);
    expect(up.outputs.count.value).toBe(3);
    expect(
      stored()!
        .members.map((m) => m.email)
        .sort(),
    ).toEqual(people(3).map((m) => m.email));
    await d.destroy();
  });
});
