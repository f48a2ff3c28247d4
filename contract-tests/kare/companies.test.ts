import { describe, expect, expectTypeOf, it } from "vitest";
import { type Company, type CreatedCompany, paginateKare } from "../../src/kare/index.js";
import { recordingFetch, rejectionReport, requestViolationPaths } from "../support/mocks.js";
import { COMPANY_ID, kare, SESSION_TOKEN, TOKEN } from "./calls.js";

function expectSafeId(id: number) {
  expect(Number.isSafeInteger(id)).toBe(true);
}

function expectCompany(company: Company) {
  expectSafeId(company.id);
  expect(typeof company.name).toBe("string");
  expect(Number.isInteger(company.type)).toBe(true);
  expect(Array.isArray(company.phones)).toBe(true);
  expect(typeof company.actions.canBeUpdated).toBe("boolean");
  for (const contact of company.contacts) expectSafeId(contact.id);
  company.establishmentIds.forEach(expectSafeId);
  for (const installation of company.technicalInstallations) expect(typeof installation.tradKey).toBe("string");
}

describe("kare companies", () => {
  it("listCompanies: 200 returns a typed page of companies and sends both tokens", async () => {
    const { fetch: record, requests: seen } = recordingFetch();
    const client = kare({ fetch: record });
    const { data, error, response } = await client.GET("/companies/v2/rs", { params: { query: { page: 1, pageSize: 50 } } });
    expect(error).toBeUndefined();
    expect(requestViolationPaths(response)).toEqual([]);
    expectTypeOf(data!.data).toEqualTypeOf<Company[]>();
    expect(data?.data.length).toBeGreaterThan(0);
    data?.data.forEach(expectCompany);
    expect(data?.pagination).toEqual({ page: 1, pageSize: 50 });
    expect(data?.totalCount).toBeGreaterThanOrEqual(data?.data.length ?? 0);
    expect(seen[0]?.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    expect(seen[0]?.headers.get("x-session-token")).toBe(SESSION_TOKEN);
  });

  it("listCompanies: page=0 is rejected with a 400 naming page", async () => {
    const { response, error } = await kare().GET("/companies/v2/rs", { params: { query: { page: 0 } } });
    expect(response.status).toBe(400);
    expect(error?.message).toBe("Invalid request body");
    expect(await rejectionReport(response, error)).toMatch(/request\.query\.page: .*>= 1/);
  });

  it("paginateKare: walks the companies and stops once totalCount is reached", async () => {
    // The mock's page says page 1 of pageSize 50 with totalCount 1, so a second page is never asked for.
    const recorder = recordingFetch();
    const client = kare({ fetch: recorder.fetch });
    const seen = (): string[] => recorder.requests.map((r) => r.url);
    const companies = await paginateKare(client, "/companies/v2/rs", { params: { query: { pageSize: 50 } } }).toArray();
    expect(companies).toHaveLength(1);
    companies.forEach(expectCompany);
    expect(seen()).toHaveLength(1);
    expect(new URL(seen()[0] ?? "").searchParams.get("page")).toBe("1");
  });

  it("getCompany: 200 returns a typed company with its contacts and updatableFields", async () => {
    const { data, error, response } = await kare().GET("/companies/v2/rs/{companyId}", { params: { path: { companyId: COMPANY_ID } } });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(requestViolationPaths(response)).toEqual([]);
    expectTypeOf(data!).toEqualTypeOf<Company>();
    expectCompany(data!);
    expect(data?.updatableFields?.name).toBe(true);
  });

  it("getCompany: an id that is not an integer is rejected with a 400 naming companyId", async () => {
    const { response, error } = await kare().GET("/companies/v2/rs/{companyId}", {
      // @ts-expect-error companyId is an integer
      params: { path: { companyId: "acme" } },
    });
    expect(response.status).toBe(400);
    expect(await rejectionReport(response, error)).toMatch(/request\.path\.companyid/i);
  });

  it("createCompany: 201 returns the stored record; every documented field, and null where Kare allows it", async () => {
    const { recorded, body } = await (async () => {
      const recorder = recordingFetch();
      const result = await kare({ fetch: recorder.fetch }).POST("/companies/v2/rs", {
        body: {
          name: "Company Name",
          type: 3,
          email: "contact@example.com",
          comment: null,
          location: null,
          phones: ["phone1"],
          establishmentIds: [1],
          technicalInstallationIds: [1],
          labelIds: [1],
        },
      });
      expect(result.response.status).toBe(201);
      expect(requestViolationPaths(result.response)).toEqual([]);
      return { recorded: recorder.requests, body: result.data };
    })();
    expectTypeOf(body!).toEqualTypeOf<CreatedCompany>();
    expectSafeId(body!.id);
    expectSafeId(body!.organizationId);
    expect(recorded[0]?.headers.get("x-session-token")).toBe(SESSION_TOKEN);
  });

  it("createCompany: a type outside 1-3 and a missing email are rejected with a 400 naming them", async () => {
    const { response, error } = await kare().POST("/companies/v2/rs", {
      // @ts-expect-error email is required and type is 1, 2 or 3
      body: { name: "Company Name", type: 4 },
    });
    expect(response.status).toBe(400);
    const report = await rejectionReport(response, error);
    expect(report).toMatch(/request\.body\.type/);
    expect(report).toMatch(/email/);
  });
});
