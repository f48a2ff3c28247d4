/**
 * A Kare server that breaks the page schema or never ends its list: the walk stops with a PaginationError naming
 * the field or the maxPages guard, after a bounded number of requests.
 */
import { describe, expect, it } from "vitest";
import { PaginationError } from "../../src/core/index.js";
import { createKareClient, paginateKare } from "../../src/kare/index.js";

/** A fetch answering every page number with `page(n)`, counting requests. */
function serving(page: (n: number) => unknown) {
  let requests = 0;
  const fetch = async (request: Request) => {
    requests += 1;
    const n = Number(new URL(request.url).searchParams.get("page"));
    return new Response(JSON.stringify(page(n)), { headers: { "content-type": "application/json" } });
  };
  const client = createKareClient({ token: "org-token-1", sessionToken: "session-token-1", baseUrl: "http://127.0.0.1:9", fetch });
  return { client, requests: () => requests };
}

const item = (n: number) => ({ id: n, name: `c${n}` });

describe("paginateKare against a page that breaks the schema", () => {
  it.each([
    ["totalCount", (n: number) => ({ data: [item(n)], pagination: { page: n, pageSize: 1 } })],
    ["totalCount", (n: number) => ({ data: [item(n)], totalCount: "many", pagination: { page: n, pageSize: 1 } })],
    ["pagination.pageSize", (n: number) => ({ data: [item(n)], totalCount: 10, pagination: { page: n, pageSize: 0 } })],
    ["pagination.page", (n: number) => ({ data: [item(n)], totalCount: 10, pagination: { pageSize: 1 } })],
    ["pagination", (n: number) => ({ data: [item(n)], totalCount: 10 })],
    ["data", () => ({ data: null, totalCount: 10, pagination: { page: 1, pageSize: 1 } })],
  ])("throws PaginationError naming %s on the first page", async (field, page) => {
    const { client, requests } = serving(page);
    const error = await paginateKare(client, "/companies/v2/rs")
      .toArray()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaginationError);
    expect(error).toMatchObject({ field, page: 1 });
    expect((error as Error).message).toContain(field);
    expect(requests()).toBe(1);
  });
});

describe("maxPages", () => {
  // Every page says there is more: page numbers rise and never repeat, so only the page count can stop the walk.
  const endless = (n: number) => ({ data: [item(n)], totalCount: Number.MAX_SAFE_INTEGER, pagination: { page: n, pageSize: 1 } });

  it("stops an endless list after maxPages pages with a PaginationError that says so", async () => {
    const { client, requests } = serving(endless);
    const error = await paginateKare(client, "/companies/v2/rs", {}, { maxPages: 25 })
      .toArray()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaginationError);
    expect(error).toMatchObject({ page: 25 });
    expect((error as Error).message).toMatch(/maxPages \(25\)/);
    expect(requests()).toBe(25);
  });

  it("refuses a maxPages that is not a positive integer", () => {
    const { client } = serving(endless);
    expect(() => paginateKare(client, "/companies/v2/rs", {}, { maxPages: 0 })).toThrow(/maxPages must be a positive integer/);
  });
});
