import { describe, expect, expectTypeOf, it } from "vitest";
import { unwrap } from "../../src/core/index.js";
import type { Company, CreateCompanyRequest, SearchRequest, UpdateCompanyRequest } from "../../src/folk/index.js";
import { recordingFetch, rejectionReport, requestViolationPaths } from "../support/mocks.js";
import { COMPANY_ID, folk, GROUP_ID, SALES_GROUP_ID, spec } from "./calls.js";
import { expectCompany, folkId } from "./expect.js";

const company = { path: { companyId: COMPANY_ID } };

/** The request body of the seed page "Update a company", as the types accept it. */
const seedUpdate: UpdateCompanyRequest = {
  name: "Tech Corp",
  description: "A brief description of the company.",
  groups: [{ id: GROUP_ID }],
  addresses: ["123 Main St, Springfield, USA", "456 Main St, Springfield, USA"],
  emails: ["john@example.com", "john@techcorp.com"],
  phones: ["+1234567890", "+0987654321"],
  urls: ["https://example.com", "https://example.com/about"],
  customFieldValues: {
    [GROUP_ID]: {
      Status: "Active",
      "Business type": ["B2B", "B2C"],
      "Join date": "2021-01-01",
      Relationships: [{ id: "per_ed110a47-5d09-43bf-b2e2-791d8231eb5f" }, { id: "com_9a03f575-8a85-40b0-ba2e-16d8e29e3b03" }],
    },
    [SALES_GROUP_ID]: {
      "Custom Notes": "Important client, handle with care.",
      ARR: 42000000,
      Assignee: [{ id: "usr_c3606e3b-0a92-4849-90e5-88a8d3f388d6" }, { email: "jane@example.com" }],
    },
  },
};

describe("folk companies", () => {
  it("listCompanies: 200 returns a typed page of companies with a nextLink", async () => {
    const { data, error, response } = await folk().GET("/v1/companies", { params: { query: { limit: 10 } } });
    expect(error).toBeUndefined();
    expect(requestViolationPaths(response)).toEqual([]);
    expectTypeOf(data!.data.items).toEqualTypeOf<Company[]>();
    expect(data?.data.items.length).toBeGreaterThan(0);
    data?.data.items.forEach(expectCompany);
    expect(data?.data.pagination.nextLink).toMatch(/[?&]cursor=/);
  });

  it("listCompanies: a two-level filter is sent as filter[name][like]=acme and accepted by the mock", async () => {
    const recorder = recordingFetch();
    const client = folk({ fetch: recorder.fetch });
    const urls = (): string[] => recorder.requests.map((r) => r.url);
    const { data, response } = await client.GET("/v1/companies", {
      params: { query: { filter: { name: { like: "acme" } }, combinator: "and" } },
    });
    expect(response.status).toBe(200);
    expect(requestViolationPaths(response)).toEqual([]);
    data?.data.items.forEach(expectCompany);
    // Prism does not validate the filter's contents, so the wire format is asserted here.
    expect(new URL(urls()[0]!).search).toBe("?filter[name][like]=acme&combinator=and");
  });

  it("listCompanies: limit=101 and an unknown combinator are rejected naming the parameter", async () => {
    const tooMany = await folk().GET("/v1/companies", { params: { query: { limit: 101 } } });
    expect(tooMany.response.status).toBe(422);
    expect(await rejectionReport(tooMany.response, tooMany.error)).toMatch(/request\.query\.limit: .*<= 100/);
    // @ts-expect-error combinator is "and" | "or"
    const xor = await folk().GET("/v1/companies", { params: { query: { combinator: "xor" } } });
    expect(await rejectionReport(xor.response, xor.error)).toMatch(/request\.query\.combinator/);
  });

  it("createCompany: 200 returns the created company and sends the bearer key", async () => {
    const { fetch: record, requests: seen } = recordingFetch();
    const client = folk({ fetch: record });
    const { data, response } = await client.POST("/v1/companies", {
      body: { name: "Tech Corp", employeeRange: "51-200", foundationYear: 1990, fundingRaised: "100000", groups: [{ id: GROUP_ID }] },
    });
    expect(response.status).toBe(200);
    expect(requestViolationPaths(response)).toEqual([]);
    expectCompany(data!.data);
    expect(data?.data.employeeRange).toBe("51-200");
    expect(seen[0]?.headers.get("authorization")).toBe("Bearer folk_contract_test");
  });

  it("createCompany: a body without name is accepted, as folk's schema requires no property", async () => {
    const { response } = await folk().POST("/v1/companies", { body: { description: "No name yet", industry: "Technology" } });
    expect(response.status).toBe(200);
    expect(requestViolationPaths(response)).toEqual([]);
  });

  it("createCompany: an unknown property is rejected naming it", async () => {
    // @ts-expect-error folk takes `urls`, a list
    const body: CreateCompanyRequest = { name: "Tech Corp", website: "https://techcorp.example" };
    const { response, error } = await folk().POST("/v1/companies", { body });
    expect(await rejectionReport(response, error)).toMatch(/additional properties; found 'website'/);
  });

  it("createCompany: an employeeRange outside the enum is rejected naming employeeRange", async () => {
    // @ts-expect-error employeeRange is one of folk's eight ranges
    const { response, error } = await folk().POST("/v1/companies", { body: { name: "Tech Corp", employeeRange: "50-100" } });
    expect(await rejectionReport(response, error)).toMatch(/request\.body\.employeeRange/);
  });

  it("searchCompanies: 200 returns a page of companies for a filter in the body", async () => {
    const { data, response } = await folk().POST("/v1/companies/search", {
      params: { query: { limit: 5 } },
      body: { combinator: "or", filter: { name: { like: "acme" }, emails: { not_empty: "" } } },
    });
    expect(response.status).toBe(200);
    expect(requestViolationPaths(response)).toEqual([]);
    data?.data.items.forEach(expectCompany);
  });

  it("searchCompanies: an undocumented filter operator is rejected naming the filter", async () => {
    // openapi-fetch's generic init skips excess-property checks, so the body is typed on its own line.
    // @ts-expect-error gte is not one of the operators folk's filtering page lists
    const body: SearchRequest = { filter: { foundationYear: { gte: "2000" } } };
    const { response, error } = await folk().POST("/v1/companies/search", { body });
    expect(await rejectionReport(response, error)).toMatch(/request\.body\.filter\.foundationYear/);
  });

  it("getCompany: 200 returns the company", async () => {
    const { data, response } = await folk().GET("/v1/companies/{companyId}", { params: company });
    expect(requestViolationPaths(response)).toEqual([]);
    expectCompany(data!.data);
    expect(data?.data.id).toBe(COMPANY_ID);
  });

  it("getCompany: a 39-character id is rejected naming companyId", async () => {
    const { response, error } = await folk().GET("/v1/companies/{companyId}", { params: { path: { companyId: COMPANY_ID.slice(0, 39) } } });
    expect(response.status).toBe(422);
    expect(await rejectionReport(response, error)).toMatch(/request\.path\.companyid: .*fewer than 40 characters/i);
  });

  it('updateCompany: the seed request is accepted and its numeric ARR comes back as the string "42000000"', async () => {
    const example = spec.document.paths["/v1/companies/{companyId}"].patch.requestBody.content["application/json"].examples.seed.value;
    expect(seedUpdate).toEqual(example);
    const { data, response } = await folk().PATCH("/v1/companies/{companyId}", {
      params: company,
      body: seedUpdate,
      headers: { Prefer: "example=seed" },
    });
    expect(response.status).toBe(200);
    expect(requestViolationPaths(response)).toEqual([]);
    expectCompany(data!.data);
    expect(data?.data.customFieldValues[SALES_GROUP_ID]?.ARR).toBe("42000000");
    expect(data?.data.customFieldValues[GROUP_ID]?.Relationships).toEqual([
      { id: "per_ed110a47-5d09-43bf-b2e2-791d8231eb5f", fullName: "Bob Smith", entityType: "person" },
      { id: "com_9a03f575-8a85-40b0-ba2e-16d8e29e3b03", fullName: "HR services", entityType: "company" },
    ]);
  });

  it("updateCompany: 21 emails are rejected naming emails", async () => {
    const emails = Array.from({ length: 21 }, (_, i) => `contact${i}@techcorp.com`);
    const { response, error } = await folk().PATCH("/v1/companies/{companyId}", { params: company, body: { emails } });
    expect(response.status).toBe(422);
    expect(await rejectionReport(response, error)).toMatch(/request\.body\.emails: .*more than 20 items/);
  });

  it("updateCompany: a customFieldValues value of a wrong shape is rejected naming the field", async () => {
    for (const status of [{ foo: 1 }, true]) {
      const { response, error } = await folk().PATCH("/v1/companies/{companyId}", {
        params: company,
        // @ts-expect-error a custom field takes a string, number, list of labels or of references, or null
        body: { groups: [{ id: GROUP_ID }], customFieldValues: { [GROUP_ID]: { Status: status } } },
      });
      expect(response.status).toBe(422);
      expect(await rejectionReport(response, error)).toContain(`request.body.customFieldValues.${GROUP_ID}.Status`);
    }
  });

  it("deleteCompany: 200 returns the id of the deleted company", async () => {
    const deleted = await unwrap(folk().DELETE("/v1/companies/{companyId}", { params: company }));
    expect(deleted.data.id).toMatch(folkId("com"));
  });

  it("deleteCompany: a 41-character id is rejected naming companyId", async () => {
    const { response, error } = await folk().DELETE("/v1/companies/{companyId}", { params: { path: { companyId: `${COMPANY_ID}0` } } });
    expect(await rejectionReport(response, error)).toMatch(/request\.path\.companyid: .*more than 40 characters/i);
  });
});
