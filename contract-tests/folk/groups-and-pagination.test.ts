import { describe, expect, it } from "vitest";
import { PaginationError } from "../../src/core/index.js";
import { paginateFolk, searchAllFolk } from "../../src/folk/index.js";
import { mockUrl, recordingFetch, rejectionReport, requestViolationPaths } from "../support/mocks.js";
import { folk } from "./calls.js";
import { expectCompany, expectGroup, expectPerson } from "./expect.js";

/** The cursor in every nextLink the mock serves (folk's example, `limit=20&cursor=eyJvZmZzZXQiOjIwfQ%3D%3D`). */
const EXAMPLE_CURSOR = "eyJvZmZzZXQiOjIwfQ==";

/**
 * The first `count` items, stopping the walk there. The mock serves one item per page and the same cursor on
 * every page, so two items are two pages; a third page would repeat the cursor. (Not `{ limit }` + toArray():
 * the core's paginate still reads the next cursor after the limit is reached, and throws on the repeat.)
 */
async function take<T>(count: number, items: AsyncIterable<T>): Promise<T[]> {
  const taken: T[] = [];
  for await (const item of items) {
    taken.push(item);
    if (taken.length === count) break;
  }
  return taken;
}

describe("folk groups and pagination", () => {
  it("listGroups: 200 returns a page of groups", async () => {
    const { data, response } = await folk().GET("/v1/groups", { params: { query: { limit: 100 } } });
    expect(requestViolationPaths(response)).toEqual([]);
    expect(data?.data.items.length).toBeGreaterThan(0);
    data?.data.items.forEach(expectGroup);
  });

  it("listGroups: limit=101 is rejected naming limit", async () => {
    const { response, error } = await folk().GET("/v1/groups", { params: { query: { limit: 101 } } });
    expect(await rejectionReport(response, error)).toMatch(/request\.query\.limit: .*<= 100/);
  });

  it("paginateFolk: takes the cursor out of nextLink and stays on the configured baseUrl", async () => {
    const recorder = recordingFetch();
    const client = folk({ fetch: recorder.fetch });
    const urls = (): URL[] => recorder.requests.map((r) => new URL(r.url));
    const filter = { name: { like: "acme" } };
    const companies = await take(2, paginateFolk(client, "/v1/companies", { params: { query: { limit: 1, filter } } }));
    expect(companies).toHaveLength(2);
    companies.forEach(expectCompany);
    // The mock's nextLink names https://api.folk.app; the second request still goes to the mock.
    expect(urls().map((url) => url.origin)).toEqual([new URL(mockUrl("folk")).origin, new URL(mockUrl("folk")).origin]);
    expect(urls()[0]?.searchParams.get("cursor")).toBeNull();
    expect(urls()[1]?.searchParams.get("cursor")).toBe(EXAMPLE_CURSOR);
    expect(urls()[1]?.searchParams.get("filter[name][like]")).toBe("acme");
  });

  it("paginateFolk: a server that repeats its nextLink cursor stops the walk with a PaginationError", async () => {
    await expect(paginateFolk(folk(), "/v1/groups").toArray()).rejects.toBeInstanceOf(PaginationError);
  });

  it("paginateFolk: walks people", async () => {
    const people = await take(2, paginateFolk(folk(), "/v1/people"));
    expect(people).toHaveLength(2);
    people.forEach(expectPerson);
  });

  it("searchAllFolk: follows nextLink with the filter in the body and the cursor in the query", async () => {
    const { fetch: record, requests } = recordingFetch();
    const client = folk({ fetch: record });
    const people = await take(
      2,
      searchAllFolk(client, "/v1/people/search", { body: { filter: { jobTitle: { like: "CTO" } } }, params: { query: { limit: 10 } } }),
    );
    expect(people).toHaveLength(2);
    // As searchPeople's description says: the same body is POSTed to /search again, with nextLink's cursor.
    expect(requests[1]!.method).toBe("POST");
    expect(new URL(requests[1]!.url).pathname).toBe("/v1/people/search");
    expect(new URL(requests[1]!.url).searchParams.get("cursor")).toBe(EXAMPLE_CURSOR);
    expect(await requests[1]!.json()).toEqual({ filter: { jobTitle: { like: "CTO" } } });
  });
});
