import { describe, expect, it } from "vitest";
import { DEFAULT_TOKEN_TTL_MS, EmnifyStore } from "../../src/sandbox/emnify/store.js";
import { decodeJwt } from "./helpers/decode-jwt.js";

/** A store with a clock the test moves. */
function storeAt(options: { tokenTtlMs?: number } = {}) {
  let now = Date.parse("2026-01-01T00:00:00.000Z");
  const store = new EmnifyStore({ now: () => now, ...options });
  return { store, advance: (ms: number) => (now += ms), now: () => now };
}

describe("EmnifyStore", () => {
  it("issues auth_tokens valid until their lifetime ends, then expired; a token never issued is unknown", () => {
    const { store, advance, now } = storeAt();
    const { auth_token: token } = store.authenticate("app");
    expect(decodeJwt(token).claims).toMatchObject({ exp: (now() + DEFAULT_TOKEN_TTL_MS) / 1000 });
    expect(store.checkToken(token)).toBe("valid");
    advance(DEFAULT_TOKEN_TTL_MS - 1);
    expect(store.checkToken(token)).toBe("valid");
    advance(1);
    expect(store.checkToken(token)).toBe("expired");
    expect(store.checkToken("eyJ.not.issued")).toBe("unknown");
    expect(store.checkToken(undefined)).toBe("unknown");
    expect(store.authenticate("app").auth_token).not.toBe(token);
  });

  it("createContact numbers contacts after the highest id held, fixes the type and answers contact_id as a string", () => {
    const { store } = storeAt();
    store.putContact({ id: 5678, type: { id: 1 } }, 1234);
    const created = store.createContact(1234, { type: { id: 6 }, name: "Jane", country: { id: 3 } });
    expect(created).toEqual({
      id: 5679,
      contact_id: "5679",
      organisation: { id: 1234 },
      type: { id: 6, description: "Invoice address" },
      name: "Jane",
      country: { id: 3 },
    });
  });

  it("refuses a purchase_order_number on a contact that is not an invoice contact, on create and on update", () => {
    const { store } = storeAt();
    expect(store.createContact(1, { type: { id: 2 }, purchase_order_number: "PO" })).toMatchObject({ failure: "notAllowed" });
    const invoice = store.createContact(1, { type: { id: 6 } });
    const technical = store.createContact(1, { type: { id: 2 } });
    expect(store.updateContact(1, Number((invoice as { id: number }).id), { purchase_order_number: "PO" })).toMatchObject({
      purchase_order_number: "PO",
    });
    expect(store.updateContact(1, Number((technical as { id: number }).id), { purchase_order_number: "PO" })).toMatchObject({
      failure: "notAllowed",
    });
  });

  it("pages an organisation's contacts only, clamping a page past the end to the last", () => {
    const { store } = storeAt();
    for (let i = 0; i < 3; i++) store.createContact(1, { type: { id: 1 }, name: `A${i}` });
    store.createContact(2, { type: { id: 1 }, name: "B" });
    expect(store.listContacts(1, { page: 5, per_page: 2 })).toMatchObject({
      contacts: [{ name: "A2" }],
      page: 2,
      perPage: 2,
      totalCount: 3,
      totalPages: 2,
    });
    expect(store.listContacts(3, {})).toEqual({ contacts: [], page: 1, perPage: 50, totalCount: 0, totalPages: 1 });
  });

  it("updateContact keeps what was not sent; deleteContact removes only the organisation's own contact", () => {
    const { store } = storeAt();
    const { id } = store.createContact(1, { type: { id: 1 }, name: "Marc", city: "Berlin" }) as { id: number };
    expect(store.updateContact(1, id, { name: "Marcus" })).toMatchObject({ name: "Marcus", city: "Berlin", type: { id: 1 } });
    expect(store.deleteContact(2, id)).toEqual({ failure: "notFound", contactId: id });
    expect(store.deleteContact(1, id)).toEqual({ id });
    expect(store.getContact(1, id)).toEqual({ failure: "notFound", contactId: id });
  });
});
