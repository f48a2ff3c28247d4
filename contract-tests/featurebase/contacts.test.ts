import { describe, expect, it } from "vitest";
import { unwrap } from "../../src/core/index.js";
import { type Contact, paginateFeaturebase } from "../../src/featurebase/index.js";
import { rejectionReport, requestViolationPaths } from "../support/mocks.js";
import { CONTACT_ID, featurebase } from "./calls.js";

function expectContact(contact: Contact) {
  expect(contact.object).toBe("contact");
  expect(contact.id).toMatch(/^[0-9a-f]{24}$/);
  expect(["customer", "lead"]).toContain(contact.type);
}
const path = { path: { id: CONTACT_ID } };

describe("featurebase contacts", () => {
  it("listContacts: 200 returns a list envelope of contacts", async () => {
    const { data, response } = await featurebase().GET("/v2/contacts", { params: { query: { limit: 20, contactType: "lead" } } });
    expect(requestViolationPaths(response)).toEqual([]);
    expect(data?.object).toBe("list");
    data?.data.forEach(expectContact);
  });

  it("listContacts: an unknown contactType is rejected naming contactType", async () => {
    // @ts-expect-error contactType is customer | lead | all
    const { response, error } = await featurebase().GET("/v2/contacts", { params: { query: { contactType: "vip" } } });
    expect(response.status).toBe(400);
    expect(await rejectionReport(response, error)).toMatch(/request\.query\.contacttype/i);
  });

  it("upsertContact: 200 when the contact is updated, 201 when it is created", async () => {
    const updated = await featurebase().POST("/v2/contacts", { body: { email: "john@acme.com" } });
    expect(updated.response.status).toBe(200);
    expectContact(updated.data!);
    const created = await featurebase().POST("/v2/contacts", {
      body: { userId: "usr_12345", name: "John Doe", companies: [{ id: "comp_12345", name: "Acme Inc" }] },
      headers: { Prefer: "code=201" },
    });
    expect(created.response.status).toBe(201);
    expectContact(created.data!);
  });

  it("upsertContact: a body with neither email nor userId is rejected naming both", async () => {
    // @ts-expect-error email or userId is required
    const { response, error } = await featurebase().POST("/v2/contacts", { body: { name: "John Doe" } });
    expect(response.status).toBe(400);
    const report = await rejectionReport(response, error);
    expect(report).toMatch(/'email'/);
    expect(report).toMatch(/'userId'/);
  });

  it("getContact: 200 returns the contact", async () => {
    expectContact(await unwrap(featurebase().GET("/v2/contacts/{id}", { params: path })));
  });

  it("deleteContact: 200 confirms the deletion", async () => {
    expect(await unwrap(featurebase().DELETE("/v2/contacts/{id}", { params: path }))).toMatchObject({ object: "contact", deleted: true });
  });

  it("blockContact and unblockContact: 200 report the new state", async () => {
    expect(await unwrap(featurebase().POST("/v2/contacts/{id}/block", { params: path }))).toMatchObject({
      object: "contact",
      blocked: true,
    });
    expect(await unwrap(featurebase().POST("/v2/contacts/{id}/unblock", { params: path }))).toMatchObject({
      object: "contact",
      unblocked: true,
    });
  });

  it("getContact, deleteContact, blockContact and unblockContact: a userId in place of the ObjectId is rejected with a 400 naming id", async () => {
    const params = { path: { id: "usr_12345" } };
    for (const { response, error } of [
      await featurebase().GET("/v2/contacts/{id}", { params }),
      await featurebase().DELETE("/v2/contacts/{id}", { params }),
      await featurebase().POST("/v2/contacts/{id}/block", { params }),
      await featurebase().POST("/v2/contacts/{id}/unblock", { params }),
    ]) {
      expect(response.status).toBe(400);
      expect(error).toMatchObject({ error: { type: "invalid_request_error" } });
      expect(await rejectionReport(response, error)).toMatch(/request\.path\.id: .*pattern/);
    }
  });

  it("paginateFeaturebase: walks a company's contacts", async () => {
    const contacts = await paginateFeaturebase(
      featurebase(),
      "/v2/companies/{id}/contacts",
      { params: { path: { id: "507f1f77bcf86cd799439011" } } },
      { maxItems: 1 },
    ).toArray();
    expect(contacts).toHaveLength(1);
  });
});
