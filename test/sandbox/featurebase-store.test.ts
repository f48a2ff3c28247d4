import { describe, expect, it } from "vitest";
import { FeaturebaseStore } from "../../src/sandbox/featurebase/store.js";

/** A store with a clock the test moves and ids it can predict. */
function storeAt(start = "2026-01-01T00:00:00.000Z") {
  let now = new Date(start);
  let next = 0;
  const store = new FeaturebaseStore({ now: () => now, newId: () => (++next).toString(16).padStart(24, "0") });
  return { store, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

describe("FeaturebaseStore", () => {
  it("upsertCompany updates the company with the same companyId: same id and createdAt, sent fields replaced, others kept", () => {
    const { store, advance } = storeAt();
    const first = store.upsertCompany({
      companyId: "acme-1",
      name: "Acme",
      plan: "free",
      customFields: { region: "EU" },
      createdAt: "2020-01-01T00:00:00.000Z",
    });
    advance(60_000);
    const second = store.upsertCompany({
      companyId: "acme-1",
      name: "Acme Corp",
      customFields: { tier: "gold" },
      createdAt: "2024-01-01T00:00:00.000Z",
    });
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.company).toMatchObject({
      id: first.company.id,
      createdAt: "2020-01-01T00:00:00.000Z",
      updatedAt: "2026-01-01T00:01:00.000Z",
      name: "Acme Corp",
      plan: "free",
      customFields: { tier: "gold" },
    });
    expect(store.listCompanies({ limit: 100 })).toMatchObject({ data: [{ id: first.company.id }] });
  });

  it("upsertContact matches on userId, then email, and answers created only for a new contact", () => {
    const { store } = storeAt();
    const created = store.upsertContact({ email: "jane@acme.com", name: "Jane" });
    const byEmail = store.upsertContact({ email: "jane@acme.com", userId: "u1" });
    const byUserId = store.upsertContact({ userId: "u1", name: "Jane Doe" });
    expect([created.created, byEmail.created, byUserId.created]).toEqual([true, false, false]);
    expect(byUserId.contact).toMatchObject({
      id: created.contact.id,
      email: "jane@acme.com",
      userId: "u1",
      name: "Jane Doe",
      type: "customer",
    });
  });

  it("upsertContact upserts each of its companies by external id and attaches it, keeping earlier ones", () => {
    const { store } = storeAt();
    store.upsertContact({ email: "jane@acme.com", companies: [{ id: "acme-1", name: "Acme" }] });
    const { contact } = store.upsertContact({ email: "jane@acme.com", companies: [{ id: "globex", name: "Globex" }] });
    expect(contact.companies?.map((c) => [c.companyId, c.linkedUsers])).toEqual([
      ["acme-1", 1],
      ["globex", 1],
    ]);
  });

  it("attachContact is additive and counts linkedUsers; detachContact undoes it and refuses a contact not attached", () => {
    const { store } = storeAt();
    const { company } = store.upsertCompany({ companyId: "acme-1", name: "Acme" });
    const { contact } = store.upsertContact({ email: "jane@acme.com" });
    store.attachContact(company.id, contact.id);
    store.attachContact(company.id, contact.id);
    expect(store.getCompany(company.id)).toMatchObject({ linkedUsers: 1 });
    expect(store.listCompanyContacts(company.id, {})).toMatchObject({ data: [{ id: contact.id }], nextCursor: null });
    expect(store.detachContact(company.id, contact.id)).toMatchObject({ id: contact.id, companies: [] });
    expect(store.detachContact(company.id, contact.id)).toEqual({ failure: "notAttached", companyId: company.id, contactId: contact.id });
    expect(store.getCompany(company.id)).toMatchObject({ linkedUsers: 0 });
  });

  it("deleteCompany removes the company from its contacts; by external id too; a second delete is not found", () => {
    const { store } = storeAt();
    const { contact } = store.upsertContact({
      email: "jane@acme.com",
      companies: [
        { id: "acme-1", name: "Acme" },
        { id: "globex", name: "Globex" },
      ],
    });
    const acme = contact.companies?.[0]?.id as string;
    expect(store.deleteCompany(acme)).toEqual({ id: acme });
    expect(store.getContact(contact.id)).toMatchObject({ companies: [{ companyId: "globex" }] });
    expect(store.deleteCompany(acme)).toEqual({ failure: "notFound", kind: "company", param: "id", value: acme });
    expect(store.deleteCompanyByExternalId("globex")).toMatchObject({ id: contact.companies?.[1]?.id });
    expect(store.deleteCompanyByExternalId("globex")).toEqual({
      failure: "notFound",
      kind: "company",
      param: "companyId",
      value: "globex",
    });
  });

  it("lists contacts of the requested type: customers by default, leads, or all", () => {
    const { store } = storeAt();
    store.upsertContact({ email: "jane@acme.com" });
    store.putContact({ object: "contact", id: "0000000000000000000000ff", name: "Lead", type: "lead" });
    const names = (type?: "customer" | "lead" | "all") => {
      const page = store.listContacts({ contactType: type });
      return "data" in page ? page.data.map((c) => c.type) : page;
    };
    expect(names()).toEqual(["customer"]);
    expect(names("lead")).toEqual(["lead"]);
    expect(names("all")).toEqual(["customer", "lead"]);
  });

  it("email preferences: a customer starts subscribed; the keys sent change, `all` gates the rest and restores them", () => {
    const { store } = storeAt();
    const { contact } = store.upsertContact({ email: "ada@example.com", userId: "u-1" });
    const effective = (p: ReturnType<typeof store.getContactEmailPreferences>) =>
      "preferences" in p ? Object.values(p.preferences).map((s) => `${s.status}/${s.effectiveStatus}`) : p;
    expect(effective(store.getContactEmailPreferences(contact.id))).toEqual(Array(5).fill("subscribed/subscribed"));
    store.updateContactEmailPreferences(contact.id, { changelog: "unsubscribed" });
    store.updateContactEmailPreferencesByUserId("u-1", { all: "unsubscribed" });
    expect(effective(store.getContactEmailPreferences(contact.id))).toEqual([
      "unsubscribed/unsubscribed",
      "subscribed/unsubscribed",
      "subscribed/unsubscribed",
      "subscribed/unsubscribed",
      "unsubscribed/unsubscribed",
    ]);
    store.updateContactEmailPreferences(contact.id, { all: "subscribed" });
    expect(effective(store.getContactEmailPreferencesByUserId("u-1"))).toEqual([
      "subscribed/subscribed",
      "subscribed/subscribed",
      "subscribed/subscribed",
      "subscribed/subscribed",
      "unsubscribed/unsubscribed",
    ]);
  });

  it("a lead has no email preferences and cannot be read or deleted by userId; deleting a contact drops its preferences", () => {
    const { store } = storeAt();
    store.putContact({ object: "contact", id: "0000000000000000000000ff", name: "Lead", type: "lead", userId: "lead-1" });
    expect(store.getContactEmailPreferences("0000000000000000000000ff")).toEqual({
      failure: "notCustomer",
      contactId: "0000000000000000000000ff",
    });
    expect(store.getContactByUserId("lead-1")).toEqual({ failure: "notFound", kind: "contact", param: "userId", value: "lead-1" });
    expect(store.deleteContactByUserId("lead-1")).toEqual({ failure: "notCustomer", contactId: "0000000000000000000000ff" });
    const { contact } = store.upsertContact({ userId: "u-2" });
    store.updateContactEmailPreferences(contact.id, { postComments: "unsubscribed" });
    expect(store.deleteContactByUserId("u-2")).toEqual({ id: contact.id });
    expect(store.getContactEmailPreferences(contact.id)).toMatchObject({ failure: "notFound", value: contact.id });
    const { contact: again } = store.upsertContact({ userId: "u-2" });
    expect(store.getContactEmailPreferences(again.id)).toMatchObject({ preferences: { postComments: { status: "subscribed" } } });
  });

  it("pages through every company exactly once, and refuses a cursor it did not make", () => {
    const { store } = storeAt();
    for (let i = 0; i < 23; i++) store.upsertCompany({ companyId: `c-${i}`, name: `Company ${i}` });
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = store.listCompanies({ limit: 10, cursor });
      if (!("data" in page)) throw new Error(`unexpected ${page.failure}`);
      seen.push(...page.data.map((c) => c.companyId));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 23 }, (_, i) => `c-${i}`));
    expect(store.listCompanies({ cursor: "not-a-cursor" })).toEqual({ failure: "invalidCursor", cursor: "not-a-cursor" });
  });

  it("records blocking and unblocking; an unknown contact is not found", () => {
    const { store } = storeAt();
    const { contact } = store.upsertContact({ userId: "u1" });
    store.setContactBlocked(contact.id, true);
    expect(store.isContactBlocked(contact.id)).toBe(true);
    store.setContactBlocked(contact.id, false);
    expect(store.isContactBlocked(contact.id)).toBe(false);
    expect(store.setContactBlocked("0000000000000000000000aa", true)).toMatchObject({ failure: "notFound", kind: "contact" });
  });
});
