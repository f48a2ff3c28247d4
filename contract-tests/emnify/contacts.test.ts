import { describe, expect, expectTypeOf, it } from "vitest";
import { PaginationError, unwrap } from "../../src/core/index.js";
import { type Contact, type ContactCreated, paginateEmnify } from "../../src/emnify/index.js";
import { recordingFetch, rejectionReport, requestViolationPaths } from "../support/mocks.js";
import { CONTACT_ID, emnify, ORG_ID } from "./calls.js";

const CONTACTS = "/api/v1/organisation/{org_id}/contact";
const CONTACT = "/api/v1/organisation/{org_id}/contact/{contact_id}";
const org = { path: { org_id: ORG_ID } };
const contact = { path: { org_id: ORG_ID, contact_id: CONTACT_ID } };

function expectContact(value: Contact | ContactCreated) {
  expect(Number.isInteger(value.id)).toBe(true);
  expect(value.organisation?.id).toBe(ORG_ID);
  expect(Number.isInteger(value.type?.id)).toBe(true);
  expect(typeof value.name).toBe("string");
}

describe("emnify contacts", () => {
  it("listContacts: 200 returns a bare array of typed contacts", async () => {
    const { data, error, response } = await emnify().GET(CONTACTS, { params: { ...org, query: { page: 1, per_page: 50 } } });
    expect(error).toBeUndefined();
    expect(requestViolationPaths(response)).toEqual([]);
    expectTypeOf(data!).toEqualTypeOf<Contact[]>();
    expect(Array.isArray(data)).toBe(true);
    expect(data?.length).toBeGreaterThan(0);
    data?.forEach(expectContact);
    expect(data?.find((c) => c.type?.id === 6)?.purchase_order_number).toBe("PO-1");
  });

  it("listContacts: per_page=0 and page=0 are sent, as emnify answers them with its defaults", async () => {
    const { response, error } = await emnify().GET(CONTACTS, { params: { ...org, query: { per_page: 0, page: 0 } } });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(requestViolationPaths(response)).toEqual([]);
  });

  it("createContact: 201 returns the created contact with its contact_id and a Location header", async () => {
    const { data, error, response } = await emnify().POST(CONTACTS, {
      params: org,
      body: { type: { id: 6 }, name: "Jane", email: "jane@example.com", purchase_order_number: "PO-1" },
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(201);
    expect(requestViolationPaths(response)).toEqual([]);
    expect(response.headers.get("location")).toMatch(/^\/api\/v1\/organisation\/1234\/contact\/\d+$/);
    expectTypeOf(data!).toEqualTypeOf<ContactCreated>();
    expectContact(data!);
    expect(data?.contact_id).toBe(String(data?.id));
    expect(data?.type?.id).toBe(6);
  });

  it("createContact: 201 with the empty body of the older docs still types as a contact", async () => {
    const created = await unwrap(
      emnify().POST(CONTACTS, { params: org, body: { type: { id: 1 } }, headers: { Prefer: "code=201, example=emptyBody" } }),
    );
    expect(created).toEqual({});
  });

  it("createContact: a body without type is rejected with a 422 naming type", async () => {
    // @ts-expect-error type is the one required field
    const { response, error } = await emnify().POST(CONTACTS, { params: org, body: { name: "Jane" } });
    expect(response.status).toBe(422);
    expect(await rejectionReport(response, error)).toMatch(/request\.body: .*required property 'type'/);
  });

  it("createContact: a 51-character purchase_order_number is rejected with a 422 naming it", async () => {
    const { response, error } = await emnify().POST(CONTACTS, {
      params: org,
      body: { type: { id: 6 }, purchase_order_number: "P".repeat(51) },
    });
    expect(response.status).toBe(422);
    expect(await rejectionReport(response, error)).toMatch(/request\.body\.purchase_order_number: .*more than 50/);
  });

  it("createContact: a body with id is rejected with a 422 (id and organisation_id must not be sent)", async () => {
    for (const field of ["id", "organisation_id"]) {
      const body = { type: { id: 6 }, [field]: 5678 };
      const { response, error } = await emnify().POST(CONTACTS, { params: org, body });
      expect(response.status).toBe(422);
      expect(await rejectionReport(response, error)).toMatch(new RegExp(`request\\.body\\.${field}: .*boolean schema is false`));
    }
  });

  it("createContact and updateContact: a field the docs do not list is sent, as the docs do not close the body", async () => {
    const created = await emnify().POST(CONTACTS, { params: org, body: { type: { id: 6 }, vat_id: "DE123" } });
    expect(created.response.status).toBe(201);
    expect(requestViolationPaths(created.response)).toEqual([]);
    const updated = await emnify().PATCH(CONTACT, { params: contact, body: { vat_id: "DE123" } });
    expect(updated.response.status).toBe(204);
    expect(requestViolationPaths(updated.response)).toEqual([]);
  });

  it("createContact: an invalid email is rejected naming email", async () => {
    const { response, error } = await emnify().POST(CONTACTS, { params: org, body: { type: { id: 6 }, email: "not-an-email" } });
    expect(response.status).toBe(422);
    expect(await rejectionReport(response, error)).toMatch(/request\.body\.email: .*format "email"/);
  });

  it("getContact: 200 returns the contact", async () => {
    const { data, response } = await emnify().GET(CONTACT, { params: contact });
    expect(requestViolationPaths(response)).toEqual([]);
    expectTypeOf(data!).toEqualTypeOf<Contact>();
    expectContact(data!);
    expect(data?.id).toBe(Number(CONTACT_ID));
  });

  it("getContact: a contact_id that is not numeric is emnify's 400 BadRequest, naming contact_id", async () => {
    const { response, error } = await emnify().GET(CONTACT, { params: { path: { org_id: ORG_ID, contact_id: "abc" } } });
    // What the live API answers for an ID it cannot parse (specs/emnify BadRequest), not the 422 of body validation.
    expect(response.status).toBe(400);
    expect(error).toMatchObject({ error_code: 1000, error_token: "BadRequest" });
    expect(await rejectionReport(response, error)).toMatch(/path\.contact_id: .*must match pattern/);
  });

  it("updateContact: 204 with no content", async () => {
    const { data, error, response } = await emnify().PATCH(CONTACT, {
      params: contact,
      body: { name: "Marcus Mayweather", email: "marcus@example.com" },
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(204);
    expect(requestViolationPaths(response)).toEqual([]);
    expect(data).toBeUndefined();
  });

  it("updateContact: type (fixed at creation) is rejected with a 422 naming type", async () => {
    // @ts-expect-error the type is fixed at creation
    const { response, error } = await emnify().PATCH(CONTACT, { params: contact, body: { type: { id: 1 } } });
    expect(response.status).toBe(422);
    expect(await rejectionReport(response, error)).toMatch(/request\.body\.type: .*boolean schema is false/);
  });

  it("updateContact: a 51-character purchase_order_number is rejected naming it", async () => {
    const { response, error } = await emnify().PATCH(CONTACT, { params: contact, body: { purchase_order_number: "P".repeat(51) } });
    expect(response.status).toBe(422);
    expect(await rejectionReport(response, error)).toMatch(/request\.body\.purchase_order_number/);
  });

  it("deleteContact: 204 with no content", async () => {
    const { response } = await emnify().DELETE(CONTACT, { params: contact });
    expect(response.status).toBe(204);
    expect(requestViolationPaths(response)).toEqual([]);
    expect(await unwrap(emnify().DELETE(CONTACT, { params: contact }))).toBeUndefined();
  });

  it("paginateEmnify: asks for page 1 with per_page and stops at the item limit", async () => {
    const recorder = recordingFetch();
    const client = emnify({ fetch: recorder.fetch });
    const seen = (): URL[] => recorder.requests.map((r) => new URL(r.url));
    const contacts = await paginateEmnify(
      client,
      CONTACTS,
      { params: { path: { org_id: ORG_ID }, query: { per_page: 2 } } },
      { maxItems: 1 },
    ).toArray();
    expect(contacts).toHaveLength(1);
    contacts.forEach(expectContact);
    const list = seen().filter((url) => url.pathname.endsWith("/contact"));
    expect(list.map((url) => url.search)).toEqual(["?per_page=2&page=1"]);
  });

  it("paginateEmnify: a Link header that keeps pointing at the same page stops the walk with a PaginationError", async () => {
    await expect(paginateEmnify(emnify(), CONTACTS, { params: { path: { org_id: ORG_ID } } }).toArray()).rejects.toBeInstanceOf(
      PaginationError,
    );
  });
});
