import { describe, expect, it } from "vitest";
import { PaginationError } from "../../src/core/index.js";
import { createKareClient, paginateKare } from "../../src/kare/index.js";
import { nextKarePage } from "../../src/kare/pagination.js";

/** A fetch serving `total` numbered items in pages of `pageSize`, honouring `page` unless told to ignore it. */
function pagedFetch(total: number, options: { ignorePage?: boolean; totalCount?: number } = {}) {
  const urls: URL[] = [];
  const fetch = async (request: Request) => {
    const url = new URL(request.url);
    urls.push(url);
    const page = options.ignorePage ? 1 : Number(url.searchParams.get("page"));
    const pageSize = Number(url.searchParams.get("pageSize") ?? 2);
    const ids = Array.from({ length: total }, (_, i) => i + 1).slice((page - 1) * pageSize, page * pageSize);
    const body = {
      data: ids.map((id) => ({ id, name: `c${id}` })),
      totalCount: options.totalCount ?? total,
      pagination: { page, pageSize },
    };
    return new Response(JSON.stringify(body), { headers: { "content-type": "application/json" } });
  };
  return {
    urls,
    client: createKareClient({
      token: "org-token-1",
      sessionToken: "session-token-1",
      baseUrl: "http://127.0.0.1:9",
      fetch,
      maxRetries: 0,
    }),
  };
}

describe("nextKarePage", () => {
  const page = (n: number, size: number, total: number, items = 1) => ({
    data: Array(items).fill({}),
    totalCount: total,
    pagination: { page: n, pageSize: size },
  });

  it("asks for the next page while page × pageSize is below totalCount", () => {
    expect(nextKarePage(page(1, 50, 51))).toBe(2);
    expect(nextKarePage(page(3, 10, 31))).toBe(4);
  });

  it("stops once page × pageSize reaches totalCount, or on an empty page", () => {
    expect(nextKarePage(page(1, 50, 50))).toBeUndefined();
    expect(nextKarePage(page(2, 50, 60))).toBeUndefined();
    expect(nextKarePage(page(1, 50, 500, 0))).toBeUndefined();
  });
});

describe("paginateKare", () => {
  it("walks every page from page 1 and stops at totalCount", async () => {
    const { urls, client } = pagedFetch(5);
    const items = await paginateKare(client, "/companies/v2/rs", { params: { query: { pageSize: 2 } } }).toArray();
    expect(items.map((c) => c.id)).toEqual([1, 2, 3, 4, 5]);
    expect(urls.map((u) => u.searchParams.get("page"))).toEqual(["1", "2", "3"]);
    expect(urls.every((u) => u.searchParams.get("pageSize") === "2")).toBe(true);
  });

  it("stops on an empty page even when totalCount promises more", async () => {
    const { urls, client } = pagedFetch(3, { totalCount: 100 });
    const items = await paginateKare(client, "/companies/v2/rs", { params: { query: { pageSize: 2 } } }).toArray();
    expect(items).toHaveLength(3);
    expect(urls).toHaveLength(3);
  });

  it("fetches only the pages maxItems needs", async () => {
    const { urls, client } = pagedFetch(10);
    const items = await paginateKare(client, "/companies/v2/rs", { params: { query: { pageSize: 2 } } }, { maxItems: 3 }).toArray();
    expect(items.map((c) => c.id)).toEqual([1, 2, 3]);
    expect(urls).toHaveLength(2);
  });

  it("sends a company's path, extend and pageSize on every contacts page", async () => {
    const { urls, client } = pagedFetch(3);
    await paginateKare(client, "/companies/v2/rs/{companyId}/contacts", {
      params: { path: { companyId: 42 }, query: { extend: ["company", "actions-info"], pageSize: 2 } },
    }).toArray();
    expect(urls.map((u) => `${u.pathname}${u.search}`)).toEqual([
      "/companies/v2/rs/42/contacts?extend=company&extend=actions-info&pageSize=2&page=1",
      "/companies/v2/rs/42/contacts?extend=company&extend=actions-info&pageSize=2&page=2",
    ]);
  });

  it("throws PaginationError when the server ignores page and keeps answering page 1", async () => {
    const { client } = pagedFetch(10, { ignorePage: true });
    await expect(paginateKare(client, "/companies/v2/rs", { params: { query: { pageSize: 2 } } }).toArray()).rejects.toBeInstanceOf(
      PaginationError,
    );
  });

  it("requires the company path for contacts: a compile error, and a TypeError naming companyId before any request", async () => {
    const { urls, client } = pagedFetch(3);
    // @ts-expect-error listContacts needs path.companyId
    const walk = paginateKare(client, "/companies/v2/rs/{companyId}/contacts", { params: { query: { pageSize: 2 } } });
    await expect(walk.toArray()).rejects.toThrow(/path parameter "companyId" .* is missing/);
    expect(urls).toHaveLength(0);
  });
});
