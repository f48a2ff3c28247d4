/**
 * What a client may set and what it may not, store by store: path identity is authoritative, unlisted fields are
 * not stored (Kare's in kare-store.test.ts), and the indexes behind unique names and upserts stay exact through renames and deletes.
 */
import { describe, expect, it } from "vitest";
import { EmnifyStore } from "../../src/sandbox/emnify/store.js";
import { FeaturebaseStore } from "../../src/sandbox/featurebase/store.js";
import { RecordTable } from "../../src/sandbox/record-table.js";
import { store as folkStore, ok } from "./folk-store-fixture.js";

describe("EmnifyStore: the organisation comes from the path", () => {
  it("files a contact under the path's organisation whatever the body says, and PATCH cannot move it", () => {
    const emnify = new EmnifyStore();
    const body = { type: { id: 1 }, name: "Ada", organisation: { id: 9999 }, nickname: { deep: true } } as Parameters<
      EmnifyStore["createContact"]
    >[1];
    const created = emnify.createContact(1234, body);
    expect(created).toMatchObject({ id: 1, organisation: { id: 1234 }, name: "Ada" });
    expect(created).not.toHaveProperty("nickname");
    expect(emnify.getContact(1234, 1)).toMatchObject({ id: 1, organisation: { id: 1234 } });
    expect(emnify.getContact(9999, 1)).toEqual({ failure: "notFound", contactId: 1 });
    const moved = { name: "Ada L.", organisation: { id: 9999 } } as Parameters<EmnifyStore["updateContact"]>[2];
    expect(emnify.updateContact(1234, 1, moved)).toMatchObject({ organisation: { id: 1234 }, name: "Ada L." });
    expect(emnify.listContacts(1234, {}).totalCount).toBe(1);
    expect(emnify.listContacts(9999, {}).totalCount).toBe(0);
  });
});

describe("FolkStore: unique company names, by index", () => {
  it("refuses a name in use whatever its case, and frees a name when its company is renamed or deleted", () => {
    const folk = folkStore();
    const acme = ok(folk.createCompany({ name: "Acme" }));
    expect(folk.createCompany({ name: "ACME" })).toMatchObject({ failure: "invalid" });
    ok(folk.updateCompany(acme.id, { name: "Acme Corp" }));
    const second = ok(folk.createCompany({ name: "acme" }));
    expect(folk.updateCompany(second.id, { name: "ACME CORP" })).toMatchObject({ failure: "invalid" });
    expect(ok(folk.updateCompany(second.id, { name: "Acme" })).name).toBe("Acme");
    folk.deleteCompany(acme.id);
    expect(ok(folk.createCompany({ name: "acme corp" })).name).toBe("acme corp");
  });

  it("lets many companies go unnamed", () => {
    const folk = folkStore();
    ok(folk.createCompany({}));
    expect(ok(folk.createCompany({})).name).toBe("");
  });
});

describe("FeaturebaseStore: upserts by indexed keys", () => {
  it("finds a company by companyId after a delete and re-create, and a contact by userId then email", () => {
    const featurebase = new FeaturebaseStore();
    const first = featurebase.upsertCompany({ companyId: "acme", name: "Acme" });
    featurebase.deleteCompanyByExternalId("acme");
    const again = featurebase.upsertCompany({ companyId: "acme", name: "Acme 2" });
    expect(again.created).toBe(true);
    expect(again.company.id).not.toBe(first.company.id);
    expect(featurebase.upsertCompany({ companyId: "acme", name: "Acme 3" })).toMatchObject({
      created: false,
      company: { id: again.company.id },
    });
    const ada = featurebase.upsertContact({ userId: "u1", email: "ada@example.com", name: "Ada" });
    expect(featurebase.upsertContact({ email: "ada@example.com", name: "Ada L." })).toMatchObject({
      created: false,
      contact: { id: ada.contact.id },
    });
    // Found by email, the contact takes the new userId: the old one no longer finds it.
    expect(featurebase.upsertContact({ userId: "u2", email: "ada@example.com" })).toMatchObject({
      created: false,
      contact: { userId: "u2" },
    });
    expect(featurebase.upsertContact({ userId: "u1", name: "Someone else" })).toMatchObject({ created: true });
  });
});

describe("FeaturebaseStore: a company's contacts, by index", () => {
  it("counts linkedUsers from the customers attached, and unlinks them when the company is deleted", () => {
    const featurebase = new FeaturebaseStore();
    const { company } = featurebase.upsertCompany({ companyId: "acme", name: "Acme" });
    featurebase.upsertContact({ userId: "u1", companies: [{ id: "acme", name: "Acme" }] });
    const { contact } = featurebase.upsertContact({ userId: "u2", companies: [{ id: "acme", name: "Acme" }] });
    expect(featurebase.getCompany(company.id)).toMatchObject({ linkedUsers: 2 });
    featurebase.detachContact(company.id, contact.id);
    expect(featurebase.getCompany(company.id)).toMatchObject({ linkedUsers: 1 });
    featurebase.deleteCompany(company.id);
    expect(featurebase.getContact(contact.id)).toMatchObject({ companies: [] });
  });
});

describe("RecordTable indexes", () => {
  it("finds the first record in table order by a key, following replaces and deletes", () => {
    const table = new RecordTable<{ tag: string | undefined }, "tag">({ tag: (row) => row.tag });
    table.set("a", { tag: "x" });
    table.set("b", { tag: "x" });
    table.set("c", { tag: undefined });
    expect(table.findBy("tag", "x")).toBe(table.get("a"));
    table.set("a", { tag: "y" });
    expect(table.findBy("tag", "x")).toBe(table.get("b"));
    expect(table.findBy("tag", "y")).toBe(table.get("a"));
    table.delete("b");
    expect(table.findBy("tag", "x")).toBeUndefined();
    expect(table.findBy("tag", "y", (row) => row.tag !== "y")).toBeUndefined();
  });

  it("indexes a record under each of several keys, and follows their changes", () => {
    const table = new RecordTable<{ companies: string[] }, "company">({ company: (row) => row.companies });
    table.set("p1", { companies: ["a", "b"] });
    table.set("p2", { companies: ["b"] });
    expect(table.allBy("company", "b")).toHaveLength(2);
    table.set("p1", { companies: ["a"] });
    expect(table.allBy("company", "b")).toEqual([{ companies: ["b"] }]);
    expect(table.allBy("company", "a")).toEqual([{ companies: ["a"] }]);
    table.delete("p2");
    expect(table.allBy("company", "b")).toEqual([]);
  });

  it("pages from a cursor without repeating or skipping, stopping at the page's end", () => {
    const table = new RecordTable<number>();
    for (let i = 1; i <= 5; i += 1) table.set(String(i), i);
    const first = table.page(2, undefined);
    expect(first?.items).toEqual([1, 2]);
    table.delete("3");
    const second = table.page(2, first?.nextCursor ?? undefined);
    expect(second?.items).toEqual([4, 5]);
    expect(second?.nextCursor).toBeNull();
  });
});
