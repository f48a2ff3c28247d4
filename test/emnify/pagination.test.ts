import { describe, expect, it } from "vitest";
import { createEmnifyClient, paginateEmnify } from "../../src/emnify/index.js";
import { linkTarget, nextPage } from "../../src/emnify/page-headers.js";
import { DEFAULT_PER_PAGE } from "../../src/emnify/pagination.js";
import { fakeEmnify, json } from "./fake-emnify.js";

const at = (page: number, itemCount: number, headers: Record<string, string> = {}, perPage = 2) =>
  nextPage({ page, perPage, itemCount, headers: new Headers(headers) });
const link = (rels: Record<string, number>) =>
  Object.entries(rels)
    .map(([rel, page]) => `</api/v1/organisation/1/contact?page=${page}&per_page=2>; rel="${rel}"`)
    .join(", ");

describe("nextPage", () => {
  it("follows the Link header's next page, and stops when it has none", () => {
    expect(at(1, 2, { link: link({ first: 1, next: 2, last: 3 }) })).toBe(2);
    expect(at(3, 2, { link: link({ first: 1, prev: 2, last: 3 }) })).toBeUndefined();
  });

  it("trusts the Link header over a full page and over X-Current-Page", () => {
    expect(at(1, 2, { link: link({ last: 1 }), "x-current-page": "1", "x-total-pages": "5" })).toBeUndefined();
  });

  it("uses X-Current-Page and X-Total-Pages when there is no Link header", () => {
    expect(at(1, 2, { "x-current-page": "1", "x-total-pages": "3" })).toBe(2);
    expect(at(3, 2, { "x-current-page": "3", "x-total-pages": "3" })).toBeUndefined();
    // The server clamps an out-of-range page: its own page number counts, not the one asked for.
    expect(at(9, 2, { "x-current-page": "3", "x-total-pages": "3" })).toBeUndefined();
  });

  it("without paging headers, continues after a full page and stops after a short, empty or oversized one", () => {
    expect(at(1, 2)).toBe(2);
    expect(at(2, 1)).toBeUndefined();
    expect(at(2, 0)).toBeUndefined();
    expect(at(1, 7)).toBeUndefined(); // per_page was ignored: the whole list came back
  });

  it("measures a full page by X-Count-Per-Page when the server capped per_page", () => {
    expect(at(1, 50, { "x-count-per-page": "50" }, 1000)).toBe(2);
    expect(at(1, 50, {}, 1000)).toBeUndefined();
  });

  it("ignores header values that are not page numbers", () => {
    expect(at(1, 2, { "x-current-page": "abc", "x-total-pages": "-1" })).toBe(2);
    expect(at(1, 2, { link: '</contact?page=next>; rel="next"' })).toBe(2);
  });
});

describe("linkTarget", () => {
  it("finds a relation among several, in any case and with several values per rel", () => {
    const header = '<https://x/a?page=1>; rel="first", <https://x/a?page=2>; rel="Next Last"';
    expect(linkTarget(header, "next")).toBe("https://x/a?page=2");
    expect(linkTarget(header, "first")).toBe("https://x/a?page=1");
    expect(linkTarget("<https://x/a?page=2>; rel=next", "next")).toBe("https://x/a?page=2");
    expect(linkTarget(header, "prev")).toBeUndefined();
    expect(linkTarget("garbage", "next")).toBeUndefined();
  });
});

/** A contact list of `total` contacts served `per_page` at a time, with or without paging headers. */
function pagedServer(total: number, withHeaders: boolean) {
  return fakeEmnify((request) => {
    const url = new URL(request.url);
    const page = Number(url.searchParams.get("page") ?? 1);
    const perPage = Number(url.searchParams.get("per_page") ?? 10);
    const ids = Array.from({ length: total }, (_, i) => i + 1).slice((page - 1) * perPage, page * perPage);
    const pages = Math.ceil(total / perPage);
    const headers: Record<string, string> = withHeaders ? { "x-current-page": String(page), "x-total-pages": String(pages) } : {};
    return json(
      200,
      ids.map((id) => ({ id, name: `c${id}` })),
      headers,
    );
  });
}

const CONTACTS = "/api/v1/organisation/{org_id}/contact";

describe("paginateEmnify", () => {
  it("walks every page the headers announce, asking with page and per_page", async () => {
    const emnify = pagedServer(5, true);
    const client = createEmnifyClient({ applicationToken: "app-token", fetch: emnify.fetch });
    const contacts = await paginateEmnify(client, CONTACTS, { params: { path: { org_id: 7 }, query: { per_page: 2 } } }).toArray();
    expect(contacts.map((c) => c.id)).toEqual([1, 2, 3, 4, 5]);
    expect(emnify.calls().map((r) => new URL(r.url).search)).toEqual(["?per_page=2&page=1", "?per_page=2&page=2", "?per_page=2&page=3"]);
    expect(emnify.exchanges()).toHaveLength(1);
  });

  it("without headers, stops after a short page", async () => {
    const emnify = pagedServer(5, false);
    const client = createEmnifyClient({ applicationToken: "app-token", fetch: emnify.fetch });
    expect(await paginateEmnify(client, CONTACTS, { params: { path: { org_id: 7 }, query: { per_page: 2 } } }).toArray()).toHaveLength(5);
    expect(emnify.calls()).toHaveLength(3);
  });

  it("without headers, stops at an empty page after an exactly full one", async () => {
    const emnify = pagedServer(4, false);
    const client = createEmnifyClient({ applicationToken: "app-token", fetch: emnify.fetch });
    expect(await paginateEmnify(client, CONTACTS, { params: { path: { org_id: 7 }, query: { per_page: 2 } } }).toArray()).toHaveLength(4);
    expect(emnify.calls()).toHaveLength(3);
  });

  it("asks for 50 per page by default", async () => {
    const emnify = pagedServer(3, false);
    const client = createEmnifyClient({ applicationToken: "app-token", fetch: emnify.fetch });
    await paginateEmnify(client, CONTACTS, { params: { path: { org_id: 7 } } }).toArray();
    expect(DEFAULT_PER_PAGE).toBe(50);
    expect(new URL(emnify.calls()[0]?.url ?? "").searchParams.get("per_page")).toBe("50");
  });

  it("a server that ignores paging and repeats a full list yields that list once", async () => {
    const emnify = fakeEmnify(() => json(200, [{ id: 1 }, { id: 2 }]));
    const client = createEmnifyClient({ applicationToken: "app-token", fetch: emnify.fetch });
    expect(
      (await paginateEmnify(client, CONTACTS, { params: { path: { org_id: 7 }, query: { per_page: 2 } } }).toArray()).map((c) => c.id),
    ).toEqual([1, 2]);
    expect(emnify.calls()).toHaveLength(2);
  });

  it("starts at the init's page and keeps its other query parameters and call options", async () => {
    const emnify = pagedServer(5, true);
    const client = createEmnifyClient({ applicationToken: "app-token", fetch: emnify.fetch });
    const init = { params: { path: { org_id: 7 }, query: { page: 2, per_page: 2 } }, headers: { "X-Trace": "t1" } };
    const contacts = await paginateEmnify(client, CONTACTS, init).toArray();
    expect(contacts.map((c) => c.id)).toEqual([3, 4, 5]);
    expect(emnify.calls().map((r) => [new URL(r.url).search, r.headers.get("x-trace")])).toEqual([
      ["?page=2&per_page=2", "t1"],
      ["?page=3&per_page=2", "t1"],
    ]);
  });

  it("pages() exposes each page with its number and headers", async () => {
    const client = createEmnifyClient({ applicationToken: "app-token", fetch: pagedServer(3, true).fetch });
    const pages = [];
    for await (const page of paginateEmnify(client, CONTACTS, { params: { path: { org_id: 7 }, query: { per_page: 2 } } }).pages())
      pages.push(page);
    expect(pages.map((p) => [p.page, p.contacts.length, p.headers.get("x-total-pages")])).toEqual([
      [1, 2, "2"],
      [2, 1, "2"],
    ]);
  });
});
