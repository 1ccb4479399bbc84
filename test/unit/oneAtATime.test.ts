import { oneAtATime } from "../../provider/framework/oneAtATime";

/** Calls of one key run in turn (a failure does not stop the next); other keys do not wait. */

test("one key in turn, a failed call not blocking the next; another key at once", async () => {
  const events: string[] = [];
  let release: () => void = () => undefined;
  const first = oneAtATime("a", async () => {
    events.push("a1 start");
    await new Promise<void>((r) => (release = r));
    events.push("a1 end");
    throw new Error("a1 failed");
  });
  const second = oneAtATime("a", async () => {
    events.push("a2 start");
    return "a2";
  });
  const other = oneAtATime("b", async () => {
    events.push("b start");
    return "b";
  });
  expect(await other).toBe("b");
  expect(events).toEqual(["a1 start", "b start"]);
  release();
  await expect(first).rejects.toThrow("a1 failed");
  expect(await second).toBe("a2");
  expect(events).toEqual(["a1 start", "b start", "a1 end", "a2 start"]);
});
