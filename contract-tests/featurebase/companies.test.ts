import { describe, expect, expectTypeOf, it } from "vitest";
import { PaginationError, unwrap } from "../../src/core/index.js";
import { type Company, type Contact, paginateFeaturebase } from "../../src/featurebase/index.js";
import { mockUrl, recordingFetch, rejectionReport, requestViolationPaths } from "../support/mocks.js";
import { COMPANY_ID, CONTACT_ID, featurebase } from "./calls.js";

const OBJECT_ID = /^[0-9a-f]{24}$/;

function expectCompany(company: Company) {
  expect(company.object).toBe("company");
  expect(company.id).toMatch(OBJECT_ID);
  expect(typeof company.companyId).toBe("string");
  expect(typeof company.name).toBe("string");
}

function expectContact(contact: Contact) {
  expect(contact.object).toBe("contact");
  expect(contact.id).toMatch(OBJECT_ID);
  expect(["customer", "lead"]).toContain(contact.type);
}

describe("featurebase companies", () => {
  it("listCompanies: 200 returns a typed list envelope of companies", async () => {
    const { data, error, response } = await featurebase().GET("/v2/companies", { params: { query: { limit: 10 } } });
    expect(error).toBeUndefined();
    expect(requestViolationPaths(response)).toEqual([]);
    expectTypeOf(data!.data).toEqualTypeOf<Company[]>();
    expect(data?.object).toBe("list");
    expect(data?.data.length).toBeGreaterThan(0);
    data?.data.forEach(expectCompany);
    expect(data?.nextCursor === null || typeof data?.nextCursor === "string").toBe(true);
  });

  it("listCompanies: limit=101 is rejected with a 400 naming limit", async () => {
    const { error, response } = await featurebase().GET("/v2/companies", { params: { query: { limit: 101 } } });
    expect(response.status).toBe(400);
    expect(error).toMatchObject({ error: { type: "invalid_request_error" } });
    expect(await rejectionReport(response, error)).toMatch(/request\.query\.limit: .*<= 100/);
  });

  it("upsertCompany: 200 returns the company and sends the version and key headers", async () => {
    const { fetch: record, requests: seen } = recordingFetch();
    const client = featurebase({ fetch: record });
    const company = await unwrap(
      client.POST("/v2/companies", {
        body: { companyId: "comp_12345", name: "Acme Inc", monthlySpend: 5000, customFields: { region: "EMEA" } },
      }),
    );
    expectCompany(company);
    expect(seen[0]?.headers.get("authorization")).toBe("Bearer sk_contract_test");
    expect(seen[0]?.headers.get("featurebase-version")).toBe("2026-01-01.nova");
  });

  it("upsertCompany: a body without name is rejected with a 400 naming name", async () => {
    // @ts-expect-error name is required by the spec, and the types say so
    const { response, error } = await featurebase().POST("/v2/companies", { body: { companyId: "comp_12345" } });
    expect(response.status).toBe(400);
    expect(await rejectionReport(response, error)).toMatch(/required property 'name'/);
  });

  it("getCompany: 200 returns the company", async () => {
    const company = await unwrap(featurebase().GET("/v2/companies/{id}", { params: { path: { id: COMPANY_ID } } }));
    expectCompany(company);
  });

  it("deleteCompany: 200 confirms the deletion", async () => {
    const deleted = await unwrap(featurebase().DELETE("/v2/companies/{id}", { params: { path: { id: COMPANY_ID } } }));
    expect(deleted).toMatchObject({ object: "company", deleted: true });
    expect(deleted.id).toMatch(OBJECT_ID);
  });

  it("deleteCompanyByExternalId: 200 confirms the deletion", async () => {
    const deleted = await unwrap(
      featurebase().DELETE("/v2/companies/by-company-id/{companyId}", { params: { path: { companyId: "comp_12345" } } }),
    );
    expect(deleted).toMatchObject({ object: "company", deleted: true });
  });

  it("getCompany and deleteCompany: an external companyId in place of the ObjectId is rejected with a 400 naming id", async () => {
    const params = { path: { id: "comp_12345" } };
    for (const { response, error } of [
      await featurebase().GET("/v2/companies/{id}", { params }),
      await featurebase().DELETE("/v2/companies/{id}", { params }),
    ]) {
      expect(response.status).toBe(400);
      expect(error).toMatchObject({ error: { type: "invalid_request_error" } });
      expect(await rejectionReport(response, error)).toMatch(/request\.path\.id: .*pattern/);
    }
  });

  it("deleteCompanyByExternalId: an empty companyId is refused by the client, and the mock answers it with a 400 naming companyId", async () => {
    // companyId has no documented format, so empty is the only malformed id. The client refuses it
    // before sending; the raw request shows what the spec promises a caller that sends it anyway.
    await expect(featurebase().DELETE("/v2/companies/by-company-id/{companyId}", { params: { path: { companyId: "" } } })).rejects.toThrow(
      /path parameter "companyId"/,
    );
    const response = await fetch(`${mockUrl("featurebase")}/v2/companies/by-company-id/`, {
      method: "DELETE",
      headers: { Authorization: "Bearer sk_contract_test" },
    });
    const body = (await response.json()) as { error?: { type?: string } };
    expect(response.status).toBe(400);
    expect(body.error?.type).toBe("invalid_request_error");
    // Prism reports a missing path parameter on request.path, with its name lowercased.
    expect(await rejectionReport(response, body)).toMatch(/request\.path: .*'companyid'/);
  });

  it("listCompanyContacts: 200 returns a list of contacts; limit=0 is rejected naming limit", async () => {
    const page = await unwrap(
      featurebase().GET("/v2/companies/{id}/contacts", { params: { path: { id: COMPANY_ID }, query: { limit: 5 } } }),
    );
    expect(page.object).toBe("list");
    page.data.forEach(expectContact);
    const bad = await featurebase().GET("/v2/companies/{id}/contacts", { params: { path: { id: COMPANY_ID }, query: { limit: 0 } } });
    expect(bad.response.status).toBe(400);
    expect(await rejectionReport(bad.response, bad.error)).toMatch(/request\.query\.limit: .*>= 1/);
  });

  it("attachContact: 200 returns the contact with its embedded companies (both documented examples)", async () => {
    for (const example of ["minimal", "full"]) {
      const { data, response } = await featurebase().POST("/v2/companies/{id}/contacts", {
        params: { path: { id: COMPANY_ID } },
        body: { contactId: CONTACT_ID },
        headers: { Prefer: `example=${example}` },
      });
      expect(response.status).toBe(200);
      expectContact(data!);
      expect(data?.companies?.length).toBeGreaterThan(0);
      data?.companies?.forEach(expectCompany);
    }
  });

  it("attachContact: a contactId that is not an ObjectId is rejected naming contactId", async () => {
    const { response, error } = await featurebase().POST("/v2/companies/{id}/contacts", {
      params: { path: { id: COMPANY_ID } },
      body: { contactId: "usr_12345" },
    });
    expect(response.status).toBe(400);
    expect(await rejectionReport(response, error)).toMatch(/request\.body\.contactId/);
  });

  it("detachContact: 200 returns the contact without the company", async () => {
    const contact = await unwrap(
      featurebase().DELETE("/v2/companies/{id}/contacts/{contactId}", { params: { path: { id: COMPANY_ID, contactId: CONTACT_ID } } }),
    );
    expectContact(contact);
    expect(contact.companies).toEqual([]);
  });

  it("paginateFeaturebase: follows nextCursor through the client and honours the item limit", async () => {
    // The mock serves its one example page, with a nextCursor, for every cursor.
    const companies = await paginateFeaturebase(
      featurebase(),
      "/v2/companies",
      { params: { query: { limit: 1 } } },
      { maxItems: 2 },
    ).toArray();
    expect(companies).toHaveLength(2);
    companies.forEach(expectCompany);
  });

  it("paginateFeaturebase: a server that repeats its cursor stops the walk with a PaginationError", async () => {
    await expect(paginateFeaturebase(featurebase(), "/v2/companies").toArray()).rejects.toBeInstanceOf(PaginationError);
  });
});
