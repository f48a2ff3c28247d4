import { describe, expect, expectTypeOf, it } from "vitest";
import { unwrap } from "../../src/core/index.js";
import type { CreatePersonRequest, Person, SearchRequest } from "../../src/folk/index.js";
import { rejectionReport, requestViolationPaths } from "../support/mocks.js";
import { COMPANY_ID, folk, GROUP_ID, PERSON_ID, SALES_GROUP_ID } from "./calls.js";
import { expectPerson, folkId } from "./expect.js";

const person = { path: { personId: PERSON_ID } };

describe("folk people", () => {
  it("listPeople: 200 returns a typed page of people", async () => {
    const { data, error, response } = await folk().GET("/v1/people", { params: { query: { limit: 20 } } });
    expect(error).toBeUndefined();
    expect(requestViolationPaths(response)).toEqual([]);
    expectTypeOf(data!.data.items).toEqualTypeOf<Person[]>();
    expect(data?.data.items.length).toBeGreaterThan(0);
    data?.data.items.forEach(expectPerson);
  });

  it("listPeople: a custom-field filter with an in list is accepted by the mock", async () => {
    const field = `customFieldValues.${GROUP_ID}.Status`;
    const { response } = await folk().GET("/v1/people", {
      params: { query: { filter: { [field]: { in: ["Todo", "In Progress"] }, groups: { in: { id: GROUP_ID } } }, combinator: "or" } },
    });
    expect(response.status).toBe(200);
    expect(requestViolationPaths(response)).toEqual([]);
  });

  it("listPeople: limit=0 is rejected naming limit", async () => {
    const { response, error } = await folk().GET("/v1/people", { params: { query: { limit: 0 } } });
    expect(response.status).toBe(422);
    expect(await rejectionReport(response, error)).toMatch(/request\.query\.limit: .*>= 1/);
  });

  it("createPerson: 200 returns the created person, with companies by name and by id", async () => {
    const { data, response } = await folk().POST("/v1/people", {
      body: {
        firstName: "John",
        lastName: "Doe",
        groups: [{ id: SALES_GROUP_ID }],
        companies: [{ name: "Tech Corp" }, { id: COMPANY_ID }],
        customFieldValues: { [SALES_GROUP_ID]: { "Favorite number": 42, Assignee: [{ email: "jane@example.com" }], Tags: null } },
      },
    });
    expect(response.status).toBe(200);
    expect(requestViolationPaths(response)).toEqual([]);
    expectPerson(data!.data);
  });

  it("createPerson: an unknown property (email instead of emails) is rejected naming it", async () => {
    // openapi-fetch's generic init skips excess-property checks, so the body is typed on its own line.
    // @ts-expect-error folk takes `emails`, a list
    const body: CreatePersonRequest = { fullName: "John Doe", email: "john@example.com" };
    const { response, error } = await folk().POST("/v1/people", { body });
    expect(response.status).toBe(422);
    expect(await rejectionReport(response, error)).toMatch(/additional properties; found 'email'/);
  });

  it("searchPeople: 200 returns a page of people", async () => {
    const { data, response } = await folk().POST("/v1/people/search", { body: { filter: { jobTitle: { like: "Engineer" } } } });
    expect(response.status).toBe(200);
    expect(requestViolationPaths(response)).toEqual([]);
    data?.data.items.forEach(expectPerson);
  });

  it("searchPeople: an unknown combinator is rejected naming combinator", async () => {
    // @ts-expect-error combinator is "and" | "or"
    const body: SearchRequest = { combinator: "xor" };
    const { response, error } = await folk().POST("/v1/people/search", { body });
    expect(await rejectionReport(response, error)).toMatch(/request\.body\.combinator/);
  });

  it("getPerson: 200 returns the person", async () => {
    const { data, response } = await folk().GET("/v1/people/{personId}", { params: person });
    expect(requestViolationPaths(response)).toEqual([]);
    expectPerson(data!.data);
    expect(data?.data.id).toBe(PERSON_ID);
  });

  it("getPerson: a 39-character id is rejected naming personId", async () => {
    const { response, error } = await folk().GET("/v1/people/{personId}", { params: { path: { personId: PERSON_ID.slice(0, 39) } } });
    expect(await rejectionReport(response, error)).toMatch(/request\.path\.personid: .*fewer than 40 characters/i);
  });

  it("updatePerson: 200 returns the updated person; clearing birthday with null is accepted", async () => {
    const { data, response } = await folk().PATCH("/v1/people/{personId}", { params: person, body: { jobTitle: "CTO", birthday: null } });
    expect(response.status).toBe(200);
    expect(requestViolationPaths(response)).toEqual([]);
    expectPerson(data!.data);
  });

  it("updatePerson: 101 groups are rejected naming groups", async () => {
    const groups = Array.from({ length: 101 }, () => ({ id: GROUP_ID }));
    const { response, error } = await folk().PATCH("/v1/people/{personId}", { params: person, body: { groups } });
    expect(await rejectionReport(response, error)).toMatch(/request\.body\.groups: .*more than 100 items/);
  });

  it("deletePerson: 200 returns the id of the deleted person", async () => {
    const deleted = await unwrap(folk().DELETE("/v1/people/{personId}", { params: person }));
    expect(deleted.data.id).toMatch(folkId("per"));
  });

  it("deletePerson: a 41-character id is rejected naming personId", async () => {
    const { response, error } = await folk().DELETE("/v1/people/{personId}", { params: { path: { personId: `${PERSON_ID}0` } } });
    expect(await rejectionReport(response, error)).toMatch(/request\.path\.personid: .*more than 40 characters/i);
  });
});
