import { ClientPool } from "../../provider/config/clientPool";
import { readSettings } from "../../provider/config/settings";
import { planMembers } from "../../provider/resources/receiverList/memberSync";
import { ReceiverListRuntime } from "../../provider/resources/receiverList/runtime";
import type { ReceiverListInputs, ReceiverListOutputs } from "../../provider/resources/receiverList/schema";

/** ReceiverList's check, diff and member plan: pure functions, no API call. */

const pool = new ClientPool(readSettings((key) => (key === "directmail:region" ? "ap-southeast-1" : undefined), {}));
const runtime = new ReceiverListRuntime(() => pool);
type Loose = Record<string, unknown>;
const base = { receiversName: "news", receiversAlias: "news@example.com", region: "ap-southeast-1" };
const diff = (olds: Loose, news: Loose) =>
  runtime.diff("id", { ...base, ...olds } as unknown as ReceiverListOutputs, { ...base, ...news } as unknown as ReceiverListInputs);
const a = { email: "a@example.org", userName: "Ann" };
const b = { email: "b@example.org" };

describe("ReceiverList", () => {
  it("check lower-cases member emails, drops empty fields and keeps the program's order", async () => {
    const r = await runtime.check(
      {} as ReceiverListInputs,
      {
        ...base,
        members: [{ email: "B@Example.org", nickName: "" }, a],
      } as unknown as ReceiverListInputs,
    );
    expect(r.failures).toBeUndefined();
    expect(r.inputs?.members).toEqual([b, a]);
  });

  it("a refused member's reason never quotes its address, and is filed against no property (members are secret)", async () => {
    const r = await runtime.check(
      {} as ReceiverListInputs,
      { ...base, members: [{ email: "jane.doe@bad_domain" }] } as unknown as ReceiverListInputs,
    );
    expect(r.failures?.[0]?.property).toBe("");
    expect(JSON.stringify(r.failures)).not.toContain("jane.doe");
    expect(JSON.stringify(r.failures)).not.toContain("bad_domain");
  });

  it("diff: members compare as sets; a left-out members is not managed; a changed field updates in place", async () => {
    expect((await diff({ members: [a, b] }, { members: [b, a] })).changes).toBe(false);
    expect((await diff({ members: [a, b] }, {})).changes).toBe(false);
    const changed = await diff({ members: [a, b] }, { members: [a, { ...b, mobile: "1" }] });
    expect(changed).toMatchObject({ changes: true, replaces: [] });
    expect((await diff({ members: [a] }, { members: [a, b] })).changes).toBe(true);
  });

  it("diff: a new name creates the new list first; another alias deletes the old one first (names are unique)", async () => {
    expect(await diff({}, { receiversName: "other" })).toMatchObject({ replaces: ["receiversName"], deleteBeforeReplace: false });
    expect(await diff({}, { receiversAlias: "x@example.com" })).toMatchObject({ replaces: ["receiversAlias"], deleteBeforeReplace: true });
  });

  it("plans only the difference: removed deleted, added and changed saved, the same left alone", () => {
    const plan = planMembers([a, b, { email: "c@example.org" }], [{ ...a, nickName: "A" }, b, { email: "d@example.org" }]);
    expect(plan.remove).toEqual(["c@example.org"]);
    expect(plan.save.map((m) => m.email)).toEqual(["a@example.org", "d@example.org"]);
    expect(planMembers([a, b], [b, a])).toEqual({ remove: [], save: [] });
  });
});
