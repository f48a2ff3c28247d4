/**
 * The generated types and the mock agree on every optional request field: each one the docs list,
 * including the nulls Kare accepts, goes through the typed client and the mock accepts the request.
 */
import { describe, expect, it } from "vitest";
import type { components } from "../../src/kare/index.js";
import { requestViolationPaths } from "../support/mocks.js";
import { COMPANY_ID, CONTACT_ID, kare } from "./calls.js";

type Schemas = components["schemas"];

const everyCreateField = {
  name: "Company Contact Name",
  notify: true,
  email: "example@email.com",
  phones: ["phone1", "phone2", "phone3", "phone4", "phone5"],
  comment: "Company contact comment",
} satisfies Schemas["ContactCreate"];

const company = { path: { companyId: COMPANY_ID } };

describe("kare: every optional request field reaches the mock through the typed client", () => {
  it("createContacts: every field, and null where Kare allows it", async () => {
    const body = [everyCreateField, { ...everyCreateField, email: null, comment: null }];
    const { response } = await kare().POST("/companies/v2/rs/{companyId}/contacts", { params: company, body });
    expect(response.status).toBe(201);
    expect(requestViolationPaths(response)).toEqual([]);
  });

  it("updateContact: every field, and null where Kare allows it", async () => {
    const params = { path: { companyId: COMPANY_ID, contactId: CONTACT_ID } };
    for (const body of [
      { name: "Renamed", notify: false, email: "new@email.com", phones: ["phone1"], comment: "Moved" },
      { notify: true, email: null, comment: null, phones: [] },
    ] satisfies Schemas["ContactUpdate"][]) {
      const { response } = await kare().PATCH("/companies/v2/rs/{companyId}/contacts/{contactId}", { params, body });
      expect(response.status).toBe(200);
      expect(requestViolationPaths(response)).toEqual([]);
    }
  });

  it("listContacts and listCompanies: every query parameter, each extend value", async () => {
    const { response } = await kare().GET("/companies/v2/rs/{companyId}/contacts", {
      params: { ...company, query: { extend: ["company", "actions-info"], page: 1, pageSize: 50 } },
    });
    expect(response.status).toBe(200);
    expect(requestViolationPaths(response)).toEqual([]);
    const companies = await kare().GET("/companies/v2/rs", { params: { query: { page: 2, pageSize: 10 } } });
    expect(requestViolationPaths(companies.response)).toEqual([]);
  });

  it("createContacts: a field the docs do not list is sent, as the pages do not close the body", async () => {
    const { response } = await kare().POST("/companies/v2/rs/{companyId}/contacts", {
      params: company,
      body: [{ name: "Company Contact Name", notify: true, role: "manager" }],
    });
    expect(response.status).toBe(201);
    expect(requestViolationPaths(response)).toEqual([]);
  });
});
