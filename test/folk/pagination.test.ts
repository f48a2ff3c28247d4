import { describe, expect, it } from "vitest";
import { CrmKitError, NotFoundError } from "../../src/core/index.js";
import { createFolkClient, paginateFolk, searchAllFolk } from "../../src/folk/index.js";
import { cursorFromNextLink } from "../../src/folk/pagination.js";
import { folkPage, recordingFetch } from "./helpers.js";

const KEY = "folk_test_key";
const group = (n: number) => ({ id: `grp_00000000-0000-4000-8000-00000000000${n}`, name: `Group ${n}` });

describe("cursorFromNextLink", () => {
  it("returns the decoded cursor of the link, or undefined when there is no link", () => {
    expect(cursorFromNextLink("https://api.folk.app/v1/companies?limit=20&cursor=eyJvZmZzZXQiOjIwfQ%3D%3D")).toBe("eyJvZmZzZXQiOjIwfQ==");
    expect(cursorFromNextLink(undefined)).toBeUndefined();
    expect(cursorFromNextLink("")).toBeUndefined();
  });

  it("throws a CrmKitError naming the link when it carries no cursor or is not a URL", () => {
    expect(() => cursorFromNextLink("https://api.folk.app/v1/companies?limit=20")).toThrow(CrmKitError);
    expect(() => cursorFromNextLink("https://api.folk.app/v1/companies?limit=20")).toThrow(/has no cursor query parameter/);
    expect(() => cursorFromNextLink("/v1/companies?cursor")).toThrow(/"\/v1\/companies\?cursor"/);
  });
});

describe("paginateFolk", () => {
  it("walks pages until nextLink is absent, re-sending the caller's query with each cursor on the configured baseUrl", async () => {
    const pages = [folkPage([group(1), group(2)], "c2"), folkPage([group(3)], "c3"), folkPage([group(4)])];
    const { requests, fetch } = recordingFetch((_, call) => ({ body: pages[call - 1] }));
    const client = createFolkClient({ apiKey: KEY, baseUrl: "https://folk-proxy.example.com", fetch });
    const groups = await paginateFolk(client, "/v1/groups", { params: { query: { limit: 2 } } }).toArray();
    expect(groups.map((g) => g.name)).toEqual(["Group 1", "Group 2", "Group 3", "Group 4"]);
    expect(requests.map((r) => r.url)).toEqual([
      "https://folk-proxy.example.com/v1/groups?limit=2",
      "https://folk-proxy.example.com/v1/groups?limit=2&cursor=c2",
      "https://folk-proxy.example.com/v1/groups?limit=2&cursor=c3",
    ]);
  });

  it("keeps the filter on every page and stops fetching once maxItems is reached", async () => {
    const { requests, fetch } = recordingFetch((_, call) => ({ body: folkPage([group(call)], `c${call + 1}`) }));
    const client = createFolkClient({ apiKey: KEY, fetch });
    const first = await paginateFolk(
      client,
      "/v1/companies",
      { params: { query: { filter: { name: { like: "acme" } } } } },
      { maxItems: 2 },
    )
      [Symbol.asyncIterator]()
      .next();
    expect(first.value).toEqual(group(1));
    expect(requests).toHaveLength(1);
    expect(new URL(requests[0]!.url).search).toBe("?filter[name][like]=acme");
  });

  it("surfaces an error page as the typed ApiError", async () => {
    const { fetch } = recordingFetch(() => ({ status: 404, body: { error: { code: "RESOURCE_NOT_FOUND", message: "Gone" } } }));
    await expect(paginateFolk(createFolkClient({ apiKey: KEY, fetch }), "/v1/people").toArray()).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("searchAllFolk", () => {
  it("posts the same body on every page with the cursor in the query", async () => {
    const pages = [folkPage([{ id: "com_1" }], "next=="), folkPage([{ id: "com_2" }])];
    const { requests, fetch } = recordingFetch((_, call) => ({ body: pages[call - 1] }));
    const body = { combinator: "or" as const, filter: { name: { like: "acme" } } };
    const found = await searchAllFolk(createFolkClient({ apiKey: KEY, fetch }), "/v1/companies/search", {
      body,
      params: { query: { limit: 50 } },
    }).toArray();
    expect(found).toEqual([{ id: "com_1" }, { id: "com_2" }]);
    expect(requests.map((r) => new URL(r.url).search)).toEqual(["?limit=50", "?limit=50&cursor=next%3D%3D"]);
    expect(await Promise.all(requests.map((r) => r.json()))).toEqual([body, body]);
  });
});

describe("templated folk lists", () => {
  const GROUP = "grp_5fa60242-0756-4e31-8cca-30c2c5ff1ac2";

  it("paginateFolk fills the path parameters (encoded) on every page and sends the query after them", async () => {
    const pages = [folkPage([{ id: "obj_1" }], "c2"), folkPage([{ id: "obj_2" }])];
    const { requests, fetch } = recordingFetch((_, call) => ({ body: pages[call - 1] }));
    const client = createFolkClient({ apiKey: KEY, fetch });
    const deals = await paginateFolk(client, "/v1/groups/{groupId}/{objectType}", {
      params: { path: { groupId: GROUP, objectType: "Sales deals" }, query: { limit: 1 } },
    }).toArray();
    expect(deals).toEqual([{ id: "obj_1" }, { id: "obj_2" }]);
    expect(requests.map((r) => r.url)).toEqual([
      `https://api.folk.app/v1/groups/${GROUP}/Sales%20deals?limit=1`,
      `https://api.folk.app/v1/groups/${GROUP}/Sales%20deals?limit=1&cursor=c2`,
    ]);
  });

  it("searchAllFolk posts the same body to the group's search, with its path parameters", async () => {
    const { requests, fetch } = recordingFetch(() => ({ body: folkPage([{ id: "obj_1" }]) }));
    const body = { filter: { "customFieldValues.Status": { in: ["Won"] } } };
    const client = createFolkClient({ apiKey: KEY, fetch });
    await searchAllFolk(client, "/v1/groups/{groupId}/{objectType}/search", {
      params: { path: { groupId: GROUP, objectType: "Deals" }, query: { limit: 5 } },
      body,
    }).toArray();
    expect(requests[0]?.url).toBe(`https://api.folk.app/v1/groups/${GROUP}/Deals/search?limit=5`);
    expect(await requests[0]?.json()).toEqual(body);
  });

  it("refuses a templated path whose path parameters are missing, naming them, before any request", async () => {
    const { requests, fetch } = recordingFetch(() => ({ body: folkPage([]) }));
    const client = createFolkClient({ apiKey: KEY, fetch });
    const path = "/v1/groups/{groupId}/custom-fields/{entityType}";
    // @ts-expect-error entityType is missing
    await expect(paginateFolk(client, path, { params: { path: { groupId: GROUP } } }).toArray()).rejects.toThrow(
      /path parameter "entityType" of \/v1\/groups\/\{groupId\}\/custom-fields\/\{entityType\} is missing or empty/,
    );
    // @ts-expect-error the init is required: the path parameters are
    await expect(paginateFolk(client, path).toArray()).rejects.toThrow(/path parameter "groupId" .* is missing or empty/);
    expect(requests).toHaveLength(0);
  });
});
