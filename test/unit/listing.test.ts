import { everyPage } from "../../client/resilience/listing";
import type { Page } from "../../client/types";

/** The paging rule every listing uses, against servers that page differently from what they are asked. */

const ITEMS = Array.from({ length: 12 }, (_, i) => `t${i}`);

/** A server that pages by `size` whatever it is asked, and says so (or not) in its answer. */
function server(size: number, says: { total: boolean; pageSize: boolean }) {
  const asked: number[] = [];
  const page = async (pageNo: number): Promise<Page<string>> => {
    asked.push(pageNo);
    return {
      totalCount: says.total ? ITEMS.length : -1,
      pageNumber: pageNo,
      pageSize: says.pageSize ? size : -1,
      items: ITEMS.slice((pageNo - 1) * size, pageNo * size),
    };
  };
  return { page, asked };
}

test.each([
  ["honours the size asked, with a total", 10, { total: true, pageSize: true }, [1, 2]],
  ["honours the size asked, without a total", 10, { total: false, pageSize: false }, [1, 2]],
  ["pages by 5, with a total", 5, { total: true, pageSize: false }, [1, 2, 3]],
  ["pages by 5 and says so, without a total", 5, { total: false, pageSize: true }, [1, 2, 3]],
] as const)("every item is read from a server that %s", async (_name, size, says, pages) => {
  const s = server(size, says);
  expect(await everyPage(s.page, (x) => x, undefined, 10)).toEqual(ITEMS);
  expect(s.asked).toEqual(pages);
});

test("a server that repeats its first page whatever is asked is read once more, not forever", async () => {
  const asked: number[] = [];
  const page = async (pageNo: number): Promise<Page<string>> => {
    asked.push(pageNo);
    return { totalCount: -1, pageNumber: 1, pageSize: 10, items: ITEMS.slice(0, 10) };
  };
  expect(await everyPage(page, (x) => x, undefined, 10)).toEqual(ITEMS.slice(0, 10));
  expect(asked).toEqual([1, 2]);
});
