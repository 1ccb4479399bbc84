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
    expect(planMembers([a, b], [b, a])).toEqual({ remove: [], save: [], variables: [] });
  });

  it("check takes template variables, sorted by name; a broken rule names members at [i]: variables.<name>, never a value or an address", async () => {
    const ok = await runtime.check(
      {} as ReceiverListInputs,
      {
        ...base,
        members: [
          { email: "v@example.org", variables: { plan: "pro", a_1: "x" } },
          { email: "w@example.org", variables: {} },
        ],
      } as unknown as ReceiverListInputs,
    );
    expect(ok.failures).toBeUndefined();
    expect(ok.inputs?.members).toEqual([{ email: "v@example.org", variables: { a_1: "x", plan: "pro" } }, { email: "w@example.org" }]);
    const bad = await runtime.check(
      {} as ReceiverListInputs,
      {
        ...base,
        members: [
          { email: "secret.person@example.org", variables: { plan: 3, note: "n".repeat(1_001), "bad-name": "hidden-value" } },
          { email: "x@example.org", variables: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`v${i}`, "1"])) },
        ],
      } as unknown as ReceiverListInputs,
    );
    const reasons = (bad.failures ?? []).map((f) => f.reason);
    expect(reasons).toEqual([
      "members at [0]: variables.plan must be a string, not number",
      "members at [0]: variables.note must be at most 1000 characters (it has 1001)",
      "members at [0]: variables has a name of 8 characters that is not 1-64 letters, digits or underscores",
      "members at [1]: variables must have at most 20 variables (it has 21)",
    ]);
    expect(JSON.stringify(bad.failures)).not.toContain("secret.person");
    expect(JSON.stringify(bad.failures)).not.toContain("hidden-value");
  });

  it("diff and plan: a change of variables alone updates in place and plans that member's variables only", async () => {
    const v = { ...a, variables: { plan: "pro" } };
    expect((await diff({ members: [v, b] }, { members: [b, v] })).changes).toBe(false);
    expect(await diff({ members: [v, b] }, { members: [{ ...v, variables: { plan: "free" } }, b] })).toMatchObject({
      changes: true,
      replaces: [],
    });
    const plan = planMembers(
      [v, b],
      [
        { ...v, variables: { plan: "free" } },
        { ...b, variables: { x: "1" } },
        { email: "n@example.org", variables: { y: "2" } },
      ],
    );
    expect(plan.remove).toEqual([]);
    expect(plan.save.map((m) => m.email)).toEqual(["n@example.org"]);
    expect(plan.variables.map((m) => m.email)).toEqual(["a@example.org", "b@example.org", "n@example.org"]);
    // Variables removed: the member's CustomData is set to none, its fields are not sent.
    expect(planMembers([v], [a])).toEqual({ remove: [], save: [], variables: [a] });
  });
});
