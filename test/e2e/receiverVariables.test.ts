import * as $Dm from "@alicloud/dm20151123";
import { COVERING_DIALECTS } from "../../emulator";
import { ReceiverList } from "../../provider";
import type { ReceiverListMember } from "../../provider";
import { changes, deploy, Deployment } from "../support/engine";

/**
 * Members' template variables through the real engine, under each covering
 * dialect (QueryReceiverDetail gives CustomData back or not; one call may or
 * may not carry Detail and CustomDetail together): create, a change of one
 * member's variables that re-saves that member's only, and a change by hand
 * that refresh shows where the service gives the variables back and cannot
 * see where it does not (then they are write-only, kept from the state).
 */

const members = (plan: string): ReceiverListMember[] => [
  { email: "ann@example.org", userName: "Ann", variables: { plan, coupon: "ANN-7731" } },
  { email: "bob@example.org", variables: { plan: "free" } },
  { email: "cy@example.org", nickName: "Cy" },
];

const program = (wanted: ReceiverListMember[]) => async () => {
  const list = new ReceiverList("vars", { receiversName: "customers", receiversAlias: "customers@example.com", members: wanted });
  return { count: list.memberCount };
};

describe.each(COVERING_DIALECTS)("under %s", (_label, dialect) => {
  let d: Deployment;
  const stored = () => d.emulator.inspect.allReceivers().find((r) => r.name === "customers")!;
  const variablesOf = (email: string) => stored().members.find((m) => m.email === email)?.customData;
  beforeAll(async () => {
    d = await deploy({ emulator: { dialect }, credentials: "config" });
  });
  afterAll(() => d.close());

  test("up creates the members with their variables (fields and variables in calls of their own); the state holds them only encrypted", async () => {
    d.setProgram(program(members("pro")));
    const up = await d.up();
    expect(changes(up.summary)).toEqual({ create: 2 });
    expect(d.emulator.inspect.tallyRequests(0).byAction.SaveReceiverDetail).toBe(2);
    expect(variablesOf("ann@example.org")).toEqual({ plan: "pro", coupon: "ANN-7731" });
    expect(variablesOf("bob@example.org")).toEqual({ plan: "free" });
    expect(variablesOf("cy@example.org")).toBeUndefined();
    expect(d.stateFile()).not.toContain("ANN-7731");
    expect(d.exportWithoutSecrets()).not.toContain("ANN-7731");
    // Nothing changed by hand: refresh agrees under either read-back, and a no-change up sends nothing.
    expect(changes((await d.refresh()).summary)).toEqual({});
    const before = d.emulator.requests.length;
    expect(changes((await d.up()).summary)).toEqual({});
    expect(d.emulator.requests.length).toBe(before);
  });

  test("a change of one member's variable re-saves that member's variables only", async () => {
    // Bob's variables changed by hand: an up that sent him would put them back.
    await d.officialSdk().saveReceiverDetail(
      new $Dm.SaveReceiverDetailRequest({
        receiverId: stored().id,
        customDetail: JSON.stringify([{ Email: "bob@example.org", CustomData: { plan: "by-hand" } }]),
      }),
    );
    const before = d.emulator.requests.length;
    d.setProgram(program(members("enterprise")));
    const up = await d.up();
    expect(changes(up.summary)).toEqual({ update: 1 });
    expect(d.emulator.inspect.tallyRequests(before).byAction).toEqual({ SaveReceiverDetail: 1, QueryReceiverByParam: 1 });
    expect(variablesOf("ann@example.org")).toEqual({ plan: "enterprise", coupon: "ANN-7731" });
    expect(stored().members.find((m) => m.email === "ann@example.org")?.fields).toEqual({ userName: "Ann" });
    expect(variablesOf("bob@example.org")).toEqual({ plan: "by-hand" });
  });

  test(
    dialect.customDataReadBack === "returned"
      ? "refresh shows the change by hand (the service gives variables back); up puts the declared ones back"
      : "refresh cannot see the change by hand (variables are write-only here): the state keeps the declared ones",
    async () => {
      const refresh = await d.refresh();
      if (dialect.customDataReadBack === "returned") {
        expect(changes(refresh.summary)).toEqual({ update: 1 });
        const before = d.emulator.requests.length;
        expect(changes((await d.up()).summary)).toEqual({ update: 1 });
        expect(d.emulator.inspect.tallyRequests(before).byAction.SaveReceiverDetail).toBe(1);
        expect(variablesOf("bob@example.org")).toEqual({ plan: "free" });
      } else {
        expect(changes(refresh.summary)).toEqual({});
        expect(changes((await d.up()).summary)).toEqual({});
        expect(variablesOf("bob@example.org")).toEqual({ plan: "by-hand" });
      }
      await d.destroy();
      expect(d.emulator.inspect.allReceivers()).toEqual([]);
    },
  );
});
