import { describe, expect, it } from "vitest";
import { NotFoundError, unwrap } from "../../src/core/index.js";
import { createFeaturebaseClient, paginateFeaturebase } from "../../src/featurebase/index.js";
import { createSandbox } from "../../src/sandbox/index.js";

/** A client on a fresh sandbox whose every reply is checked against the spec. */
function onSandbox(seed = true) {
  const sandbox = createSandbox("featurebase", { seed, validateResponses: true });
  return { sandbox, featurebase: createFeaturebaseClient({ apiKey: "sk_test_sandbox", fetch: sandbox.fetch, maxRetries: 0 }) };
}

/** The body of a sandbox error: always Featurebase's documented `{ error }` envelope (the spec also allows a flat body). */
function envelope<E extends object>(error: E | undefined) {
  if (error && "error" in error) return error.error as Extract<E, { error: unknown }>["error"];
  throw new Error(`not Featurebase's error envelope: ${JSON.stringify(error)}`);
}

const SEEDED_USER_ID = "usr_12345";
const SEEDED_COMPANY = "507f1f77bcf86cd799439011";
const SEEDED_CONTACT = "507f1f77bcf86cd799439012";

describe("Featurebase sandbox", () => {
  it("upsertCompany twice with one companyId: one company, same id and createdAt", async () => {
    const { featurebase } = onSandbox(false);
    const first = await unwrap(featurebase.POST("/v2/companies", { body: { companyId: "acme-1", name: "Acme" } }));
    const second = await unwrap(featurebase.POST("/v2/companies", { body: { companyId: "acme-1", name: "Acme Corp" } }));
    expect(first.name).toBe("Acme");
    expect(second).toMatchObject({ id: first.id, createdAt: first.createdAt, name: "Acme Corp" });
    expect(first.id).toMatch(/^[0-9a-f]{24}$/);
    const page = await unwrap(featurebase.GET("/v2/companies"));
    expect(page.data.map((c) => c.id)).toEqual([first.id]);
  });

  it("upsertCompany without companyId is a 400 that names companyId, and stores nothing", async () => {
    const { featurebase } = onSandbox(false);
    // @ts-expect-error companyId is required
    const { error, response } = await featurebase.POST("/v2/companies", { body: { name: "Acme" } });
    expect(response.status).toBe(400);
    expect(envelope(error)).toEqual({
      type: "invalid_request_error",
      code: "invalid_parameter",
      message: "companyId is required",
      param: "companyId",
      status: 400,
    });
    expect((await unwrap(featurebase.GET("/v2/companies"))).data).toEqual([]);
  });

  it("getCompany after deleteCompany is a 404 that names the id; deleting again is a 404", async () => {
    const { featurebase } = onSandbox();
    const path = { id: SEEDED_COMPANY };
    expect(await unwrap(featurebase.DELETE("/v2/companies/{id}", { params: { path } }))).toEqual({
      id: SEEDED_COMPANY,
      object: "company",
      deleted: true,
    });
    const missing = await unwrap(featurebase.GET("/v2/companies/{id}", { params: { path } })).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((missing as NotFoundError).message).toContain(SEEDED_COMPANY);
    expect((await featurebase.DELETE("/v2/companies/{id}", { params: { path } })).response.status).toBe(404);
  });

  it("deleteCompanyByExternalId deletes by companyId and answers the ObjectId; the contact loses the company", async () => {
    const { featurebase } = onSandbox();
    const deleted = await unwrap(
      featurebase.DELETE("/v2/companies/by-company-id/{companyId}", { params: { path: { companyId: "comp_12345" } } }),
    );
    expect(deleted).toEqual({ id: SEEDED_COMPANY, object: "company", deleted: true });
    const contact = await unwrap(featurebase.GET("/v2/contacts/{id}", { params: { path: { id: SEEDED_CONTACT } } }));
    expect(contact.companies).toEqual([]);
    const again = await featurebase.DELETE("/v2/companies/by-company-id/{companyId}", { params: { path: { companyId: "comp_12345" } } });
    expect(envelope(again.error)).toMatchObject({ status: 404, param: "companyId", message: expect.stringContaining("comp_12345") });
  });

  it("upsertContact answers 201 when it creates and 200 when it updates the contact with the same email", async () => {
    const { featurebase } = onSandbox(false);
    const created = await featurebase.POST("/v2/contacts", { body: { email: "jane@acme.com", name: "Jane" } });
    const updated = await featurebase.POST("/v2/contacts", { body: { email: "jane@acme.com", name: "Jane Doe" } });
    expect([created.response.status, updated.response.status]).toEqual([201, 200]);
    expect(updated.data).toMatchObject({ id: created.data?.id, name: "Jane Doe" });
  });

  it("upsertContact without email or userId is a 400 naming both, and stores nothing", async () => {
    const { featurebase } = onSandbox(false);
    // @ts-expect-error email or userId is required
    const { error } = await featurebase.POST("/v2/contacts", { body: { name: "Nobody" } });
    expect(envelope(error).message).toBe("email or userId is required");
    expect((await unwrap(featurebase.GET("/v2/contacts", { params: { query: { contactType: "all" } } }))).data).toEqual([]);
  });

  it("attachContact lists the contact under the company and counts it; detachContact removes it, and a second detach is a 400", async () => {
    const { featurebase } = onSandbox(false);
    const company = await unwrap(featurebase.POST("/v2/companies", { body: { companyId: "acme-1", name: "Acme" } }));
    const contact = await unwrap(featurebase.POST("/v2/contacts", { body: { email: "jane@acme.com" } }));
    const path = { id: company.id };
    const attached = await unwrap(featurebase.POST("/v2/companies/{id}/contacts", { params: { path }, body: { contactId: contact.id } }));
    expect(attached.companies?.map((c) => c.id)).toEqual([company.id]);
    expect((await unwrap(featurebase.GET("/v2/companies/{id}/contacts", { params: { path } }))).data.map((c) => c.id)).toEqual([
      contact.id,
    ]);
    expect((await unwrap(featurebase.GET("/v2/companies/{id}", { params: { path } }))).linkedUsers).toBe(1);
    const detachPath = { id: company.id, contactId: contact.id };
    expect(
      (await unwrap(featurebase.DELETE("/v2/companies/{id}/contacts/{contactId}", { params: { path: detachPath } }))).companies,
    ).toEqual([]);
    expect((await unwrap(featurebase.GET("/v2/companies/{id}/contacts", { params: { path } }))).data).toEqual([]);
    const again = await featurebase.DELETE("/v2/companies/{id}/contacts/{contactId}", { params: { path: detachPath } });
    expect(again.response.status).toBe(400);
    expect(envelope(again.error).message).toContain("is not attached");
  });

  it("attachContact with an unknown contact is a 404 naming contactId, and attaches nothing", async () => {
    const { featurebase } = onSandbox();
    const path = { id: SEEDED_COMPANY };
    const { error } = await featurebase.POST("/v2/companies/{id}/contacts", {
      params: { path },
      body: { contactId: "0123456789abcdef01234567" },
    });
    expect(envelope(error)).toMatchObject({
      status: 404,
      param: "contactId",
      message: expect.stringContaining("0123456789abcdef01234567"),
    });
    expect((await unwrap(featurebase.GET("/v2/companies/{id}/contacts", { params: { path } }))).data.map((c) => c.id)).toEqual([
      SEEDED_CONTACT,
    ]);
  });

  it("a malformed ObjectId is a 400 naming id", async () => {
    const { featurebase } = onSandbox();
    const { error, response } = await featurebase.GET("/v2/companies/{id}", { params: { path: { id: "acme" } } });
    expect(response.status).toBe(400);
    expect(envelope(error)).toMatchObject({ param: "id", message: expect.stringContaining("id must match pattern") });
  });

  it("pages through 23 companies exactly once with limit 10 (the paginator follows nextCursor)", async () => {
    const { featurebase } = onSandbox(false);
    for (let i = 0; i < 23; i++) await unwrap(featurebase.POST("/v2/companies", { body: { companyId: `c-${i}`, name: `Company ${i}` } }));
    const pages = [];
    for await (const page of paginateFeaturebase(featurebase, "/v2/companies", { params: { query: { limit: 10 } } }).pages())
      pages.push(page);
    expect(pages.map((p) => p.data.length)).toEqual([10, 10, 3]);
    expect(pages.flatMap((p) => p.data.map((c) => c.companyId))).toEqual(Array.from({ length: 23 }, (_, i) => `c-${i}`));
  });

  it("limit outside 1-100 is a 400 naming limit; a foreign cursor is a 400 naming cursor", async () => {
    const { featurebase } = onSandbox();
    const tooMany = await featurebase.GET("/v2/companies", { params: { query: { limit: 101 } } });
    expect(envelope(tooMany.error)).toMatchObject({ param: "limit", message: "limit must be <= 100" });
    const foreign = await featurebase.GET("/v2/companies", { params: { query: { cursor: "eyJpZCI6IjUwN2YifQ" } } });
    expect(envelope(foreign.error)).toMatchObject({ status: 400, param: "cursor" });
  });

  it("contacts by userId: get, set email preferences (only keys sent), delete; then 404s that name the userId", async () => {
    const { featurebase } = onSandbox();
    const user = { params: { path: { userId: SEEDED_USER_ID } } };
    const contact = await unwrap(featurebase.GET("/v2/contacts/by-user-id/{userId}", user));
    expect(contact.id).toBe(SEEDED_CONTACT);
    const changed = await unwrap(
      featurebase.PATCH("/v2/contacts/by-user-id/{userId}/email-preferences", {
        ...user,
        body: { preferences: { changelog: "unsubscribed" } },
      }),
    );
    expect(changed).toMatchObject({ contactId: SEEDED_CONTACT, userId: SEEDED_USER_ID });
    const byId = await unwrap(featurebase.GET("/v2/contacts/{id}/email-preferences", { params: { path: { id: SEEDED_CONTACT } } }));
    expect(byId).toEqual(changed);
    expect(byId.preferences.changelog).toEqual({ status: "unsubscribed", effectiveStatus: "unsubscribed" });
    expect(byId.preferences.postUpdates).toEqual({ status: "subscribed", effectiveStatus: "subscribed" });
    expect(await unwrap(featurebase.DELETE("/v2/contacts/by-user-id/{userId}", user))).toEqual({
      id: SEEDED_CONTACT,
      object: "contact",
      deleted: true,
    });
    for (const gone of [
      await featurebase.GET("/v2/contacts/by-user-id/{userId}", user),
      await featurebase.GET("/v2/contacts/by-user-id/{userId}/email-preferences", user),
    ]) {
      expect(gone.response.status).toBe(404);
      expect(envelope(gone.error)).toMatchObject({ param: "userId", message: expect.stringContaining(SEEDED_USER_ID) });
    }
    const byIdGone = await featurebase.GET("/v2/contacts/{id}/email-preferences", { params: { path: { id: SEEDED_CONTACT } } });
    expect(envelope(byIdGone.error)).toMatchObject({ status: 404, message: expect.stringContaining(SEEDED_CONTACT) });
  });

  it("an empty preferences object is a 400 naming preferences, and changes nothing", async () => {
    const { featurebase } = onSandbox();
    const path = { id: SEEDED_CONTACT };
    const before = await unwrap(featurebase.GET("/v2/contacts/{id}/email-preferences", { params: { path } }));
    const empty = await featurebase.PATCH("/v2/contacts/{id}/email-preferences", { params: { path }, body: { preferences: {} } });
    expect(empty.response.status).toBe(400);
    expect(envelope(empty.error)).toMatchObject({ param: "preferences" });
    expect(await unwrap(featurebase.GET("/v2/contacts/{id}/email-preferences", { params: { path } }))).toEqual(before);
  });

  it("deleteContact, then getContact is a 404; block and unblock answer their confirmations", async () => {
    const { featurebase } = onSandbox();
    const path = { id: SEEDED_CONTACT };
    expect(await unwrap(featurebase.POST("/v2/contacts/{id}/block", { params: { path } }))).toEqual({
      id: SEEDED_CONTACT,
      object: "contact",
      blocked: true,
    });
    expect(await unwrap(featurebase.POST("/v2/contacts/{id}/unblock", { params: { path } }))).toEqual({
      id: SEEDED_CONTACT,
      object: "contact",
      unblocked: true,
    });
    expect(await unwrap(featurebase.DELETE("/v2/contacts/{id}", { params: { path } }))).toEqual({
      id: SEEDED_CONTACT,
      object: "contact",
      deleted: true,
    });
    expect((await featurebase.GET("/v2/contacts/{id}", { params: { path } })).response.status).toBe(404);
    expect((await featurebase.POST("/v2/contacts/{id}/block", { params: { path } })).response.status).toBe(404);
  });
});
