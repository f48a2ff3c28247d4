/**
 * The generated types and the mock agree on every optional request field: each one the docs list goes
 * through the typed client, and the mock accepts the request.
 */
import { describe, expect, it } from "vitest";
import type { components } from "../../src/emnify/index.js";
import { recordingFetch, requestViolationPaths } from "../support/mocks.js";
import { CONTACT_ID, emnify, ORG_ID } from "./calls.js";

type Schemas = components["schemas"];

const everyUpdateField = {
  name: "Marcus Mayweather",
  title: "Dr",
  department: "Finance",
  street: "Main Street 1",
  zipcode: "10115",
  city: "Berlin",
  country: { id: 74 },
  email: "marcus@example.com",
  phone: "+49301234567",
  mobile: "+491701234567",
  state: "Berlin",
  secondary_address: "Building B",
  purchase_order_number: "PO-2024-001",
} satisfies Schemas["ContactUpdate"];

const everyCreateField = { type: { id: 6 }, ...everyUpdateField } satisfies Schemas["ContactCreate"];

describe("emnify: every optional request field reaches the mock through the typed client", () => {
  it("createContact: every field the docs list", async () => {
    const { fetch, requests } = recordingFetch();
    const { response } = await emnify({ fetch }).POST("/api/v1/organisation/{org_id}/contact", {
      params: { path: { org_id: ORG_ID } },
      body: everyCreateField,
    });
    expect(response.status).toBe(201);
    expect(requestViolationPaths(response)).toEqual([]);
    expect(await requests.at(-1)?.json()).toEqual(everyCreateField);
  });

  it("updateContact: every field the docs list", async () => {
    const { fetch, requests } = recordingFetch();
    const { response } = await emnify({ fetch }).PATCH("/api/v1/organisation/{org_id}/contact/{contact_id}", {
      params: { path: { org_id: ORG_ID, contact_id: CONTACT_ID } },
      body: everyUpdateField,
    });
    expect(response.status).toBe(204);
    expect(requestViolationPaths(response)).toEqual([]);
    expect(await requests.at(-1)?.json()).toEqual(everyUpdateField);
  });

  it("listContacts: both paging parameters", async () => {
    const { response } = await emnify().GET("/api/v1/organisation/{org_id}/contact", {
      params: { path: { org_id: ORG_ID }, query: { page: 2, per_page: 1000 } },
    });
    expect(response.status).toBe(200);
    expect(requestViolationPaths(response)).toEqual([]);
  });
});
