import { describe, expect, it, vi } from "vitest";
import { NotFoundError, type PageStrategy, PaginationError, paginate } from "../../src/core/index.js";
import { fetchListPage } from "../../src/core/vendor-kit.js";

interface Page {
  items: number[];
  next: string | null;
}

/** A cursor API serving `pages` in order; cursor "p<i>" addresses page i. */
function cursorApi(pages: Page[]) {
  const fetchPage = vi.fn(async (cursor: string | undefined, _signal?: AbortSignal) => {
    const index = cursor === undefined ? 0 : Number(cursor.slice(1));
    const page = pages[index];
    if (!page) throw new Error(`no page ${index}`);
    return page;
  });
  const strategy: PageStrategy<Page, number, string> = {
    fetchPage,
    items: (page) => page.items,
    next: (page) => page.next ?? undefined,
  };
  return { strategy, fetchPage };
}

describe("paginate", () => {
  it("yields every item across pages until next() is undefined", async () => {
    const { strategy, fetchPage } = cursorApi([
      { items: [1, 2], next: "p1" },
      { items: [3], next: "p2" },
      { items: [4, 5], next: null },
    ]);
    expect(await paginate(strategy).toArray()).toEqual([1, 2, 3, 4, 5]);
    expect(fetchPage.mock.calls.map(([cursor]) => cursor)).toEqual([undefined, "p1", "p2"]);
  });

  it("stops on an empty page even when the API still offers a cursor", async () => {
    const { strategy, fetchPage } = cursorApi([
      { items: [1], next: "p1" },
      { items: [], next: "p2" },
      { items: [99], next: null },
    ]);
    expect(await paginate(strategy).toArray()).toEqual([1]);
    expect(fetchPage).toHaveBeenCalledTimes(2);
  });

  it("throws PaginationError when a cursor repeats instead of looping forever", async () => {
    const { strategy } = cursorApi([
      { items: [1], next: "p1" },
      { items: [2], next: "p1" },
    ]);
    const seen: number[] = [];
    const walk = async () => {
      for await (const item of paginate(strategy)) seen.push(item);
    };
    await expect(walk()).rejects.toThrow(PaginationError);
    await expect(walk()).rejects.toThrow('Pagination stopped after page 2: the next cursor "p1" was already used');
    expect(seen).toEqual([1, 2, 1, 2]);
  });

  it("detects repeated object cursors with cursorKey", async () => {
    let calls = 0;
    const strategy: PageStrategy<number[], number, { page: number }> = {
      fetchPage: async () => [++calls],
      items: (page) => page,
      next: () => ({ page: 2 }),
      cursorKey: (cursor) => String(cursor.page),
    };
    await expect(paginate(strategy).toArray()).rejects.toThrow(PaginationError);
    expect(calls).toBe(2);
  });

  it("honours maxItems, truncating the last page and fetching no further pages", async () => {
    const { strategy, fetchPage } = cursorApi([
      { items: [1, 2, 3], next: "p1" },
      { items: [4, 5, 6], next: "p2" },
      { items: [7], next: null },
    ]);
    expect(await paginate(strategy, { maxItems: 4 }).toArray()).toEqual([1, 2, 3, 4]);
    expect(fetchPage).toHaveBeenCalledTimes(2);
  });

  it("fetches nothing with maxItems 0 and refuses a negative or fractional maxItems", async () => {
    const { strategy, fetchPage } = cursorApi([{ items: [1], next: null }]);
    expect(await paginate(strategy, { maxItems: 0 }).toArray()).toEqual([]);
    expect(fetchPage).not.toHaveBeenCalled();
    expect(() => paginate(strategy, { maxItems: -1 })).toThrow("maxItems must be a non-negative integer");
    expect(() => paginate(strategy, { maxItems: 1.5 })).toThrow(TypeError);
  });

  it("refuses the old limit option by name rather than walking the whole list", () => {
    const { strategy, fetchPage } = cursorApi([{ items: [1], next: null }]);
    expect(() => paginate(strategy, { limit: 1 } as never)).toThrow("paginate() options.limit is now maxItems");
    expect(fetchPage).not.toHaveBeenCalled();
  });

  it("fetches no page after maxItems items were yielded, even when the consumer asks for more", async () => {
    const { strategy, fetchPage } = cursorApi([
      { items: [1, 2], next: "p1" },
      { items: [3, 4], next: "p2" },
    ]);
    const iterator = paginate(strategy, { maxItems: 2 })[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toBe(1);
    expect((await iterator.next()).value).toBe(2);
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    expect(fetchPage).toHaveBeenCalledTimes(1);
  });

  it("pages() yields whole pages, including the final empty one", async () => {
    const pages = [
      { items: [1, 2], next: "p1" },
      { items: [], next: "p2" },
    ];
    const { strategy } = cursorApi(pages);
    const seen: Page[] = [];
    for await (const page of paginate(strategy).pages()) seen.push(page);
    expect(seen).toEqual(pages);
  });

  it("pages() stops after the page that reaches maxItems", async () => {
    const { strategy, fetchPage } = cursorApi([
      { items: [1, 2], next: "p1" },
      { items: [3, 4], next: "p2" },
      { items: [5], next: null },
    ]);
    let count = 0;
    for await (const _page of paginate(strategy, { maxItems: 3 }).pages()) count += 1;
    expect(count).toBe(2);
    expect(fetchPage).toHaveBeenCalledTimes(2);
  });

  it("stops at maxItems without checking the next cursor, so a repeating server is no error then", async () => {
    // A server that ignores the cursor: every page is the same, with the same next cursor.
    const fetchPage = vi.fn(async () => ({ items: [7], next: "p1" }));
    const strategy: PageStrategy<Page, number, string> = { fetchPage, items: (p) => p.items, next: (p) => p.next ?? undefined };
    expect(await paginate(strategy, { maxItems: 2 }).toArray()).toEqual([7, 7]);
    expect(fetchPage).toHaveBeenCalledTimes(2);
    await expect(paginate(strategy).toArray()).rejects.toThrow(/already used/);
  });

  it("fetches lazily: breaking out of the loop fetches no more pages", async () => {
    const { strategy, fetchPage } = cursorApi([
      { items: [1, 2], next: "p1" },
      { items: [3], next: null },
    ]);
    for await (const item of paginate(strategy)) if (item === 1) break;
    expect(fetchPage).toHaveBeenCalledTimes(1);
  });

  it("passes the signal to fetchPage and stops when it is aborted", async () => {
    const controller = new AbortController();
    const { strategy, fetchPage } = cursorApi([
      { items: [1], next: "p1" },
      { items: [2], next: null },
    ]);
    const walk = async () => {
      for await (const _item of paginate(strategy, { signal: controller.signal })) controller.abort();
    };
    await expect(walk()).rejects.toMatchObject({ name: "AbortError" });
    expect(fetchPage).toHaveBeenCalledTimes(1);
    expect(fetchPage.mock.calls[0]?.[1]).toBe(controller.signal);
  });

  it("starts again from the first page on each iteration", async () => {
    const { strategy, fetchPage } = cursorApi([{ items: [1], next: null }]);
    const paginator = paginate(strategy);
    expect(await paginator.toArray()).toEqual([1]);
    expect(await paginator.toArray()).toEqual([1]);
    expect(fetchPage).toHaveBeenCalledTimes(2);
  });
});

describe("fetchListPage", () => {
  const response = (status: number) => new Response(null, { status });

  it("sends the method, path and request, and resolves to the page's data", async () => {
    const calls: unknown[] = [];
    const client = {
      GET: async (path: string, init: object) => {
        calls.push([path, init]);
        return { data: { items: [1] }, response: response(200) };
      },
    };
    const page = await fetchListPage<{ items: number[] }>(client, "GET", "/things", { params: { query: { cursor: "c1" } } });
    expect(page).toEqual({ items: [1] });
    expect(calls).toEqual([["/things", { params: { query: { cursor: "c1" } } }]]);
  });

  it("throws the ApiError of a failed page, as unwrap does", async () => {
    const client = { POST: async () => ({ error: { message: "gone" }, response: response(404) }) };
    await expect(fetchListPage(client, "POST", "/things/search", {})).rejects.toBeInstanceOf(NotFoundError);
  });

  it("names the missing method of a client that is not one", () => {
    expect(() => fetchListPage({}, "GET", "/things", {})).toThrow("needs a client with a GET method");
  });
});
