/**
 * Every vendor paginator stops with a PaginationError naming the field when a page breaks its schema, and every
 * walk stops at maxPages (by default DEFAULT_MAX_PAGES) when the API never ends its list.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_PAGES, PaginationError, paginate } from "../../src/core/index.js";
import { createEmnifyClient, paginateEmnify } from "../../src/emnify/index.js";
import { createFeaturebaseClient, paginateFeaturebase } from "../../src/featurebase/index.js";
import { createFolkClient, paginateFolk, searchAllFolk } from "../../src/folk/index.js";
import { json } from "./helpers/fake-fetch.js";

const BASE = "http://127.0.0.1:9";

async function stoppedBy(walk: { toArray(): Promise<unknown[]> }): Promise<unknown> {
  return walk.toArray().catch((e: unknown) => e);
}

describe("a page that breaks the schema", () => {
  it.each([
    ["data.items", { data: { items: "none", pagination: {} } }],
    ["data.pagination", { data: { items: [{ id: "c1" }] } }],
    ["data.pagination.nextLink", { data: { items: [{ id: "c1" }], pagination: { nextLink: 42 } } }],
  ])("folk: names %s", async (field, body) => {
    const folk = createFolkClient({ apiKey: "folk_test_key", baseUrl: BASE, fetch: async () => json(200, body) });
    for (const walk of [paginateFolk(folk, "/v1/companies"), searchAllFolk(folk, "/v1/companies/search", { body: {} })]) {
      expect(await stoppedBy(walk)).toMatchObject({ name: "PaginationError", field, page: 1 });
    }
  });

  it.each([
    ["data", { data: { id: "c1" }, nextCursor: null }],
    ["nextCursor", { data: [{ id: "c1" }], nextCursor: 7 }],
  ])("Featurebase: names %s", async (field, body) => {
    const featurebase = createFeaturebaseClient({ apiKey: "sk_test_key", baseUrl: BASE, fetch: async () => json(200, body) });
    for (const walk of [paginateFeaturebase(featurebase, "/v2/companies"), paginateFeaturebase(featurebase, "/v2/contacts")]) {
      expect(await stoppedBy(walk)).toMatchObject({ name: "PaginationError", field, page: 1 });
    }
  });

  it("emnify: names the body when it is not an array", async () => {
    const fetch = async (request: Request) =>
      new URL(request.url).pathname === "/api/v1/authenticate" ? json(200, { auth_token: "auth-token-123" }) : json(200, { items: [] });
    const emnify = createEmnifyClient({ applicationToken: "app-token-123", baseUrl: BASE, fetch });
    const error = await stoppedBy(paginateEmnify(emnify, "/api/v1/organisation/{org_id}/contact", { params: { path: { org_id: 1 } } }));
    expect(error).toBeInstanceOf(PaginationError);
    expect(error).toMatchObject({ field: "body", page: 1 });
    expect((error as Error).message).toBe(
      "crm-kit: Pagination stopped at page 1: the page's body must be an array, got an object. The page does not match the API's " +
        "documented schema, so where the list ends is unknown; report the response to the vendor.",
    );
  });
});

describe("maxPages", () => {
  // A cursor that always advances: only the page count can stop the walk.
  const endless = {
    fetchPage: async (cursor: number | undefined) => ({ n: cursor ?? 1 }),
    items: (page: { n: number }) => [page.n],
    next: (page: { n: number }) => page.n + 1,
  };

  it(`stops an endless walk after DEFAULT_MAX_PAGES (${DEFAULT_MAX_PAGES}) pages by default`, async () => {
    let fetched = 0;
    const counting = {
      ...endless,
      fetchPage: async (cursor: number | undefined) => {
        fetched += 1;
        return endless.fetchPage(cursor);
      },
    };
    const error = await stoppedBy(paginate(counting));
    expect(error).toMatchObject({ name: "PaginationError", maxPages: 10_000, page: 10_000 });
    expect(fetched).toBe(10_000);
  });

  it("does not stand in the way of a limit reached first", async () => {
    await expect(paginate(endless, { maxItems: 30, maxPages: 30 }).toArray()).resolves.toHaveLength(30);
  });

  it("ends a folk walk whose cursors never repeat", async () => {
    let n = 0;
    const fetch = async () =>
      json(200, { data: { items: [{ id: `c${++n}` }], pagination: { nextLink: `${BASE}/v1/companies?cursor=${n}` } } });
    const folk = createFolkClient({ apiKey: "folk_test_key", baseUrl: BASE, fetch });
    expect(await stoppedBy(paginateFolk(folk, "/v1/companies", {}, { maxPages: 7 }))).toMatchObject({ maxPages: 7, page: 7 });
    expect(n).toBe(7);
  });
});
