import { describe, expect, expectTypeOf, it } from "vitest";
import { unwrap } from "../../src/core/index.js";
import { type CreateDealRequest, type Deal, type Filter, paginateFolk, searchAllFolk } from "../../src/folk/index.js";
import { recordingFetch, rejectionReport, requestViolationPaths } from "../support/mocks.js";
import { COMPANY_ID, DEAL_ID, DEALS, folk, GROUP_ID, PERSON_ID } from "./calls.js";
import { expectDeal, folkId } from "./expect.js";

const deals = { path: { groupId: GROUP_ID, objectType: DEALS } };
const deal = { path: { ...deals.path, objectId: DEAL_ID } };

describe("folk deals (the objects of a group)", () => {
  it("listDeals: 200 returns a typed page of the group's objects, filtered on a custom field", async () => {
    const { data, response } = await folk().GET("/v1/groups/{groupId}/{objectType}", {
      params: { ...deals, query: { limit: 20, filter: { "customFieldValues.Status": { in: ["Qualified"] } } } },
    });
    expect(requestViolationPaths(response)).toEqual([]);
    expectTypeOf(data!.data.items).toEqualTypeOf<Deal[]>();
    expect(data?.data.items.length).toBeGreaterThan(0);
    data?.data.items.forEach(expectDeal);
  });

  it("listDeals: an unknown combinator is rejected naming combinator", async () => {
    // @ts-expect-error combinator is "and" | "or"
    const query: { combinator: "and" } = { combinator: "xor" };
    const { response, error } = await folk().GET("/v1/groups/{groupId}/{objectType}", { params: { ...deals, query } });
    expect(await rejectionReport(response, error)).toMatch(/request\.query\.combinator/);
  });

  it("paginateFolk: walks the deals of a group with the group and object type in params.path", async () => {
    const { fetch, requests } = recordingFetch();
    const iterator = paginateFolk(folk({ fetch }), "/v1/groups/{groupId}/{objectType}", {
      params: { path: deals.path, query: { limit: 5 } },
    })[Symbol.asyncIterator]();
    expectDeal((await iterator.next()).value as Deal);
    expect(new URL(requests[0]!.url).pathname).toBe(`/v1/groups/${GROUP_ID}/${DEALS}`);
  });

  it("paginateFolk: a templated path without its path parameters is refused naming them", async () => {
    // @ts-expect-error the path parameters go in params.path
    const walk = paginateFolk(folk(), "/v1/groups/{groupId}/{objectType}", { params: { query: { limit: 5 } } });
    await expect(walk.toArray()).rejects.toThrow(/path parameter "groupId" of \/v1\/groups\/\{groupId\}\/\{objectType\} is missing/);
  });

  it("createDeal: 200 returns the created deal; companies, people and custom fields by name are accepted", async () => {
    const body: CreateDealRequest = {
      name: "Project Alpha",
      companies: [{ id: COMPANY_ID }],
      people: [{ id: PERSON_ID }],
      customFieldValues: { Status: "Active", "Deal value": 42000, Assignee: [{ email: "jane@example.com" }], Tags: null },
    };
    const { data, response } = await folk().POST("/v1/groups/{groupId}/{objectType}", { params: deals, body });
    expect(response.status).toBe(200);
    expect(requestViolationPaths(response)).toEqual([]);
    expectDeal(data!.data);
  });

  it("createDeal: 21 companies are rejected naming companies", async () => {
    const companies = Array.from({ length: 21 }, () => ({ id: COMPANY_ID }));
    const { response, error } = await folk().POST("/v1/groups/{groupId}/{objectType}", { params: deals, body: { companies } });
    expect(await rejectionReport(response, error)).toMatch(/request\.body\.companies: .*more than 20 items/);
  });

  it("searchDeals: 200 returns the matching deals", async () => {
    const { data, response } = await folk().POST("/v1/groups/{groupId}/{objectType}/search", {
      params: deals,
      body: { combinator: "or", filter: { name: { like: "Alpha" } } },
    });
    expect(requestViolationPaths(response)).toEqual([]);
    data?.data.items.forEach(expectDeal);
  });

  it("searchDeals: an unknown filter operator is rejected naming it", async () => {
    // @ts-expect-error `contains` is not one of folk's operators
    const filter: Filter = { name: { contains: "Alpha" } };
    const { response, error } = await folk().POST("/v1/groups/{groupId}/{objectType}/search", { params: deals, body: { filter } });
    expect(await rejectionReport(response, error)).toMatch(/request\.body\.filter\.name.*additional properties/);
  });

  it("searchAllFolk: re-POSTs the body to the group's search with its path parameters", async () => {
    const { fetch, requests } = recordingFetch();
    const iterator = searchAllFolk(folk({ fetch }), "/v1/groups/{groupId}/{objectType}/search", {
      params: { path: deals.path },
      body: { filter: { name: { like: "Alpha" } } },
    })[Symbol.asyncIterator]();
    expectDeal((await iterator.next()).value as Deal);
    expect(new URL(requests[0]!.url).pathname).toBe(`/v1/groups/${GROUP_ID}/${DEALS}/search`);
    expect(await requests[0]!.json()).toEqual({ filter: { name: { like: "Alpha" } } });
  });

  it("getDeal: 200 returns the deal", async () => {
    const { data, response } = await folk().GET("/v1/groups/{groupId}/{objectType}/{objectId}", { params: deal });
    expect(requestViolationPaths(response)).toEqual([]);
    expectDeal(data!.data);
    expect(data?.data.id).toBe(DEAL_ID);
  });

  it("updateDeal: 200 returns the deal; unsetting a custom field with null is accepted", async () => {
    const { data, response } = await folk().PATCH("/v1/groups/{groupId}/{objectType}/{objectId}", {
      params: deal,
      body: { name: "Project Beta", customFieldValues: { "Close date": null, Tags: [] } },
    });
    expect(requestViolationPaths(response)).toEqual([]);
    expectDeal(data!.data);
  });

  it("updateDeal: an unknown property is rejected naming it", async () => {
    // @ts-expect-error deals have no `stage` field; stages are a custom field
    const body: CreateDealRequest = { stage: "Won" };
    const { response, error } = await folk().PATCH("/v1/groups/{groupId}/{objectType}/{objectId}", { params: deal, body });
    expect(await rejectionReport(response, error)).toMatch(/additional properties; found 'stage'/);
  });

  it("deleteDeal: 200 returns the id of the deleted deal", async () => {
    const deleted = await unwrap(folk().DELETE("/v1/groups/{groupId}/{objectType}/{objectId}", { params: deal }));
    expect(deleted.data.id).toMatch(folkId("obj"));
  });
});
