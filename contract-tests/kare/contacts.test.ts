import { describe, expect, expectTypeOf, it } from "vitest";
import { unwrap } from "../../src/core/index.js";
import { type Contact, type CreateContactsResult, paginateKare } from "../../src/kare/index.js";
import { rejectionReport, requestViolationPaths } from "../support/mocks.js";
import { COMPANY_ID, CONTACT_ID, kare } from "./calls.js";

const company = { path: { companyId: COMPANY_ID } };
const contactPath = { path: { companyId: COMPANY_ID, contactId: CONTACT_ID } };
const valid = { name: "Company Contact Name", notify: true, email: "example@email.com", phones: ["phone1", "phone2"], comment: null };

function expectContact(contact: Contact) {
  expect(Number.isSafeInteger(contact.id)).toBe(true);
  expect(contact.companyId).toBe(COMPANY_ID);
  expect(typeof contact.name).toBe("string");
  expect(Array.isArray(contact.phones)).toBe(true);
  expect(Number.isNaN(Date.parse(contact.createdAt))).toBe(false);
}

/**
 * A client whose transport drops X-Session-Token after the client added it: the request still goes through the
 * recording proxy and Prism, which is what the acceptance asks for, but without the header the spec requires.
 * (The client itself cannot be told to omit it: a missing session token is refused at construction.)
 */
function kareWithoutSessionHeader() {
  return kare({
    fetch: (request) => {
      const headers = new Headers(request.headers);
      headers.delete("x-session-token");
      return fetch(new Request(request, { headers }));
    },
  });
}

describe("kare contacts", () => {
  it("listContacts: 200 returns a typed page of contacts with company and actions embedded by extend", async () => {
    const { data, error, response } = await kare().GET("/companies/v2/rs/{companyId}/contacts", {
      params: { ...company, query: { extend: ["company", "actions-info"], page: 1, pageSize: 50 } },
    });
    expect(error).toBeUndefined();
    expect(requestViolationPaths(response)).toEqual([]);
    expect(new URL(response.url).search).toContain("extend=company&extend=actions-info");
    expectTypeOf(data!.data).toEqualTypeOf<Contact[]>();
    expect(data?.data.length).toBeGreaterThan(0);
    data?.data.forEach(expectContact);
    expect(data?.data[0]?.company?.id).toBe(COMPANY_ID);
    expect(typeof data?.data[0]?.actions?.canBeDeleted).toBe("boolean");
    expect(data?.pagination.page).toBe(1);
  });

  it("listContacts: an unknown extend value is rejected with a 400 naming extend", async () => {
    const { response, error } = await kare().GET("/companies/v2/rs/{companyId}/contacts", {
      // @ts-expect-error extend is "company" | "actions-info"
      params: { ...company, query: { extend: ["labels"] } },
    });
    expect(response.status).toBe(400);
    expect(await rejectionReport(response, error)).toMatch(/request\.query\.extend/);
  });

  it("paginateKare: walks a company's contacts", async () => {
    const contacts = await paginateKare(kare(), "/companies/v2/rs/{companyId}/contacts", {
      params: { ...company, query: { extend: ["company"] } },
    }).toArray();
    expect(contacts).toHaveLength(1);
    contacts.forEach(expectContact);
  });

  it("createContacts: 201 counts the inserted contacts", async () => {
    const { data, error, response } = await kare().POST("/companies/v2/rs/{companyId}/contacts", { params: company, body: [valid] });
    expect(error).toBeUndefined();
    expect(response.status).toBe(201);
    expect(requestViolationPaths(response)).toEqual([]);
    expectTypeOf(data!).toEqualTypeOf<CreateContactsResult>();
    expect(data?.nbInsertion).toBe(1);
  });

  it("createContacts: a single object instead of an array is rejected with a 400 naming the body", async () => {
    // @ts-expect-error the body is an array of contacts, and the types say so
    const { response, error } = await kare().POST("/companies/v2/rs/{companyId}/contacts", { params: company, body: valid });
    expect(response.status).toBe(400);
    expect(await rejectionReport(response, error)).toMatch(/request\.body: .*must be array/);
  });

  it("createContacts: six phones are rejected with a 400 naming phones", async () => {
    const phones = ["1", "2", "3", "4", "5", "6"];
    const { response, error } = await kare().POST("/companies/v2/rs/{companyId}/contacts", {
      params: company,
      body: [{ ...valid, phones }],
    });
    expect(response.status).toBe(400);
    expect(await rejectionReport(response, error)).toMatch(/request\.body\.0\.phones: .*must NOT have more than 5 items/);
  });

  it("createContacts: an email with two consecutive dots is rejected with a 400 naming email", async () => {
    const body = [{ ...valid, email: "first..last@example.com" }];
    const { response, error } = await kare().POST("/companies/v2/rs/{companyId}/contacts", { params: company, body });
    expect(response.status).toBe(400);
    expect(await rejectionReport(response, error)).toMatch(/request\.body\.0\.email: .*pattern/);
  });

  it("createContacts: a request without X-Session-Token is rejected with a 400 naming the header", async () => {
    const { response, error } = await kareWithoutSessionHeader().POST("/companies/v2/rs/{companyId}/contacts", {
      params: company,
      body: [valid],
    });
    expect(response.status).toBe(400);
    expect(await rejectionReport(response, error)).toMatch(/request\.header.*x-session-token/i);
  });

  it("updateContact: 200 returns the updated contact", async () => {
    const { data, error, response } = await kare().PATCH("/companies/v2/rs/{companyId}/contacts/{contactId}", {
      params: contactPath,
      body: { notify: false, phones: ["+33 6 12 34 56 78"], comment: null },
    });
    expect(error).toBeUndefined();
    expect(requestViolationPaths(response)).toEqual([]);
    expectTypeOf(data!).toEqualTypeOf<Contact>();
    expectContact(data!);
    expect(data?.id).toBe(CONTACT_ID);
  });

  it("updateContact: a body without notify is rejected with a 400 naming notify", async () => {
    const { response, error } = await kare().PATCH("/companies/v2/rs/{companyId}/contacts/{contactId}", {
      params: contactPath,
      // @ts-expect-error notify is required by the spec, and the types say so
      body: { name: "New name" },
    });
    expect(response.status).toBe(400);
    expect(await rejectionReport(response, error)).toMatch(/required property 'notify'/);
  });

  it("updateContact: a name over 250 characters is rejected with a 400 naming name", async () => {
    const bad = kare().PATCH("/companies/v2/rs/{companyId}/contacts/{contactId}", {
      params: contactPath,
      body: { notify: true, name: "x".repeat(251) },
    });
    const { response, error } = await bad;
    expect(response.status).toBe(400);
    expect(await rejectionReport(response, error)).toMatch(/request\.body\.name: .*250/);
    await expect(unwrap(bad)).rejects.toMatchObject({ status: 400, message: expect.stringContaining("Invalid request body") });
  });
});
