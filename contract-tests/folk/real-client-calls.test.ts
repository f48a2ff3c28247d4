/**
 * Calls real clients make beyond folk's documentation: the `all` filter operator and `foundationDate`. The types
 * and the mock must accept them, and the sandbox gives them a meaning (said in the spec's descriptions).
 */
import { describe, expect, it } from "vitest";
import { createSandbox } from "../../src/sandbox/index.js";
import { requestViolationPaths } from "../support/mocks.js";
import { COMPANY_ID, folk, GROUP_ID } from "./calls.js";

describe("folk: the filter operator `all`", () => {
  it("listCompanies and listPeople: filter[…][all] passes the mock's validation, with one value, a list or ids", async () => {
    for (const all of ["Tech", ["Tech", "SaaS"], { id: [GROUP_ID] }]) {
      const companies = await folk().GET("/v1/companies", { params: { query: { filter: { groups: { all } } } } });
      expect(companies.response.status).toBe(200);
      expect(requestViolationPaths(companies.response)).toEqual([]);
      const people = await folk().GET("/v1/people", { params: { query: { filter: { groups: { all } } } } });
      expect(requestViolationPaths(people.response)).toEqual([]);
    }
  });

  it("the sandbox keeps the records whose field holds every value listed", async () => {
    const sandbox = createSandbox("folk", { validateResponses: true });
    const client = folk({ fetch: (request) => sandbox.fetch(request) });
    const holds = await client.GET("/v1/companies", { params: { query: { filter: { groups: { all: { id: [GROUP_ID] } } } } } });
    expect(holds.data?.data.items.map((c) => c.id)).toContain(COMPANY_ID);
    const missing = await client.GET("/v1/companies", {
      params: { query: { filter: { groups: { all: { id: [GROUP_ID, "grp_00000000-0000-4000-8000-000000000000"] } } } } },
    });
    expect(missing.data?.data.items).toEqual([]);
  });
});

describe("folk: foundationDate in the forms clients send", () => {
  for (const foundationDate of ["1990-01-01", "1990", 1990, null]) {
    it(`createCompany and updateCompany: foundationDate ${JSON.stringify(foundationDate)} passes the mock's validation`, async () => {
      const created = await folk().POST("/v1/companies", { body: { name: "Tech Corp", foundationDate } });
      expect(created.response.status).toBe(200);
      expect(requestViolationPaths(created.response)).toEqual([]);
      const updated = await folk().PATCH("/v1/companies/{companyId}", {
        params: { path: { companyId: COMPANY_ID } },
        body: { foundationDate },
      });
      expect(requestViolationPaths(updated.response)).toEqual([]);
    });
  }

  it("the sandbox reads its year into foundationYear unless foundationYear is sent too", async () => {
    const sandbox = createSandbox("folk", { validateResponses: true });
    const client = folk({ fetch: (request) => sandbox.fetch(request) });
    const created = await client.POST("/v1/companies", { body: { name: "Founded Corp", foundationDate: "1987-06-01" } });
    expect(created.data?.data.foundationYear).toBe("1987");
    const both = await client.PATCH("/v1/companies/{companyId}", {
      params: { path: { companyId: created.data?.data.id ?? "" } },
      body: { foundationDate: 1950, foundationYear: "1960" },
    });
    expect(both.data?.data.foundationYear).toBe("1960");
  });
});
