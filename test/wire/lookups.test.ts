import { harness, Harness } from "../support/emulator";

/** Look-ups by name: shared, exact, and never older than the question. */

let h: Harness;
beforeAll(async () => {
  h = await harness({ domains: ["example.com"] });
  for (const name of ["a", "aa", "b", "c"]) await h.client.createMailAddress({ accountName: `${name}@example.com`, sendtype: "batch" });
});
afterAll(() => h.close());

const queries = (since: number) => h.emulator.requests.slice(since).filter((r) => r.action === "QueryMailAddressByParam");

test("ten look-ups at once share one QueryMailAddressByParam", async () => {
  const before = h.emulator.requests.length;
  const found = await Promise.all(
    Array.from({ length: 10 }, (_, i) => h.client.findMailAddressByName(["a", "aa", "b", "c", "zz"][i % 5] + "@example.com")),
  );
  expect(found.map((f) => f?.accountName)).toEqual([
    "a@example.com",
    "aa@example.com",
    "b@example.com",
    "c@example.com",
    undefined,
    "a@example.com",
    "aa@example.com",
    "b@example.com",
    "c@example.com",
    undefined,
  ]);
  expect(queries(before)).toHaveLength(1);
});

test("matches the whole name, in any case, never a part of it", async () => {
  expect((await h.client.findMailAddressByName("A@Example.com"))?.accountName).toBe("a@example.com");
  expect(await h.client.findMailAddressByName("@example.com")).toBeUndefined();
  expect(await h.client.findMailAddressByName("a@example.co")).toBeUndefined();
});

test("a look-up right after a write sees the write", async () => {
  const a = await h.client.findMailAddressByName("a@example.com");
  await h.client.modifyMailAddress({ mailAddressId: a!.mailAddressId, replyAddress: "new-reply@example.com" });
  expect((await h.client.findMailAddressByName("a@example.com"))?.replyAddress).toBe("new-reply@example.com");
});
