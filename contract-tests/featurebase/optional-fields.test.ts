/**
 * The generated types and the mock agree on every optional request field: each one, including the
 * nulls Featurebase accepts, goes through the typed client and the mock accepts the request.
 */
import { describe, expect, it } from "vitest";
import type { components } from "../../src/featurebase/index.js";
import { recordingFetch, requestViolationPaths } from "../support/mocks.js";
import { COMPANY_ID, CONTACT_ID, featurebase } from "./calls.js";

type Schemas = components["schemas"];

// Each fixture `satisfies` the generated request type, so the types are checked against the same bodies the mock accepts.
const everyCompanyField = {
  companyId: "comp_12345",
  name: "Acme Inc",
  monthlySpend: 5000,
  industry: "Technology",
  website: "https://acme.com",
  plan: "enterprise",
  companySize: 250,
  createdAt: "2024-01-15T10:30:00Z",
  customFields: { region: "EMEA", seats: 12, beta: true, tags: ["a", "b"], cleared: null },
} satisfies Schemas["UpsertCompanyRequest"];

const everyContactCompanyField = {
  id: "comp_12345",
  name: "Acme Inc",
  monthlySpend: 500,
  customFields: { tier: "gold" },
  industry: "Technology",
  website: "https://acme.com",
  plan: "enterprise",
  companySize: 50,
  createdAt: "2024-01-15T10:30:00Z",
  companyHash: "a1b2c3",
} satisfies Schemas["ContactCompanyInput"];

const everyContactField = {
  email: "john@acme.com",
  userId: "usr_12345",
  name: "John Doe",
  profilePicture: "https://example.com/avatar.png",
  companies: [everyContactCompanyField],
  customFields: { plan: "pro" },
  subscribedToChangelog: true,
  locale: "en",
  phone: "+1234567890",
  roles: ["role_vip"],
  userHash: "a1b2c3",
  createdAt: "2024-01-15T10:30:00Z",
} satisfies Schemas["UpsertContactRequest"];

/** Sends a body through the typed client and checks the mock accepted it and received it unchanged. */
async function expectAcceptedAsSent(path: "/v2/companies" | "/v2/contacts", body: object) {
  const { fetch, requests } = recordingFetch();
  // Each body's type is checked where it is written (`satisfies`); here only the path is chosen.
  const { response } = await featurebase({ fetch }).POST(path, { body: body as never });
  expect(response.status).toBe(200);
  expect(requestViolationPaths(response)).toEqual([]);
  expect(await requests[0]?.json()).toEqual(body);
}

describe("featurebase: every optional request field reaches the mock through the typed client", () => {
  it("upsertCompany: every field, and null where Featurebase allows it", async () => {
    await expectAcceptedAsSent("/v2/companies", everyCompanyField);
    await expectAcceptedAsSent("/v2/companies", {
      ...everyCompanyField,
      companySize: null,
      createdAt: null,
    } satisfies Schemas["UpsertCompanyRequest"]);
  });

  it("upsertCompany: a createdAt that is not RFC 3339 is sent, as Featurebase declares no format", async () => {
    const { response } = await featurebase().POST("/v2/companies", {
      body: { companyId: "comp_12345", name: "Acme Inc", createdAt: "2024-01-15" },
    });
    expect(response.status).toBe(200);
    expect(requestViolationPaths(response)).toEqual([]);
  });

  it("upsertContact: every field, every company field, and null where Featurebase allows it", async () => {
    const nulls = {
      ...everyContactField,
      profilePicture: null,
      phone: null,
      createdAt: null,
      companies: [{ ...everyContactCompanyField, companySize: null, createdAt: null }],
    } satisfies Schemas["UpsertContactRequest"];
    await expectAcceptedAsSent("/v2/contacts", everyContactField);
    await expectAcceptedAsSent("/v2/contacts", nulls);
  });

  it("listContacts and listCompanyContacts: every query parameter, each contactType", async () => {
    for (const contactType of ["customer", "lead", "all"] as const) {
      const { response } = await featurebase().GET("/v2/contacts", {
        params: { query: { limit: 100, cursor: "eyJpZCI6MX0", contactType } },
      });
      expect(response.status).toBe(200);
      expect(requestViolationPaths(response)).toEqual([]);
    }
    const { response } = await featurebase().GET("/v2/companies/{id}/contacts", {
      params: { path: { id: COMPANY_ID }, query: { limit: 1, cursor: "eyJpZCI6MX0" } },
    });
    expect(requestViolationPaths(response)).toEqual([]);
  });

  it("attachContact: a field besides contactId is not rejected, as Featurebase's schema leaves the body open", async () => {
    const { response } = await featurebase().POST("/v2/companies/{id}/contacts", {
      params: { path: { id: COMPANY_ID } },
      body: { contactId: CONTACT_ID, source: "crm-sync" },
    });
    expect(response.status).toBe(200);
    expect(requestViolationPaths(response)).toEqual([]);
  });

  it("getCompany: an ObjectId in upper-case hex is sent, as MongoDB accepts either case", async () => {
    const { response } = await featurebase().GET("/v2/companies/{id}", { params: { path: { id: COMPANY_ID.toUpperCase() } } });
    expect(response.status).toBe(200);
    expect(requestViolationPaths(response)).toEqual([]);
  });
});
