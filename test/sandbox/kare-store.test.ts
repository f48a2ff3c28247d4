import { describe, expect, it } from "vitest";
import { DEFAULT_SESSION_TTL_MS, KareStore } from "../../src/sandbox/kare/store.js";
import { decodeJwt } from "./helpers/decode-jwt.js";

const COMPANY = {
  id: 42,
  name: "Acme",
  comment: null,
  location: "Paris",
  type: 1,
  archivedAt: null,
  email: null,
  phones: [],
  primaryContactId: null,
  technicalInstallations: [],
  labels: [],
  actions: { canBeUpdated: true, canBeDeleted: false },
  contacts: [],
  establishmentIds: [],
};

/** A store holding one company, with a clock the test moves. */
function storeAt() {
  let now = Date.parse("2026-01-01T00:00:00.000Z");
  const store = new KareStore({ now: () => now });
  store.putCompany(COMPANY, "2025-01-01T00:00:00.000Z");
  return { store, advance: (ms: number) => (now += ms), now: () => now };
}

describe("KareStore", () => {
  it("login's session lives DEFAULT_SESSION_TTL_MS; its access and refresh tokens are no session", () => {
    const { store, advance, now } = storeAt();
    const tokens = store.login({ email: "a@example.com" });
    expect(decodeJwt(tokens.sessionToken).claims).toMatchObject({ sub: "a@example.com", exp: (now() + DEFAULT_SESSION_TTL_MS) / 1000 });
    expect(store.checkSession(tokens.accessToken)).toBe("unknown");
    expect(store.checkSession(tokens.refreshToken)).toBe("unknown");
    advance(DEFAULT_SESSION_TTL_MS - 1);
    expect(store.checkSession(tokens.sessionToken)).toBe("valid");
    advance(1);
    expect(store.checkSession(tokens.sessionToken)).toBe("expired");
  });

  it("createContacts inserts each contact with defaults, counts them, and the company lists them", () => {
    const { store, now } = storeAt();
    expect(
      store.createContacts(42, [
        { name: "A", notify: true },
        { name: "B", notify: false, email: "b@example.com" },
      ]),
    ).toEqual({
      nbInsertion: 2,
    });
    const at = new Date(now()).toISOString();
    expect(store.listContacts(42, {})).toMatchObject({
      data: [
        { id: 1, name: "A", email: null, phones: [], comment: null, companyId: 42, notifyAt: at, createdAt: at },
        { id: 2, name: "B", email: "b@example.com", notifyAt: null },
      ],
      totalCount: 2,
      pagination: { page: 1, pageSize: 50 },
    });
    expect(store.listCompanies({}).data[0]?.contacts.map((c) => c.name)).toEqual(["A", "B"]);
    expect(store.createContacts(7, [{ name: "C", notify: true }])).toEqual({ failure: "notFound", kind: "company", id: 7 });
  });

  it("updateContact keeps notifyAt while notify stays true, clears it with false, and refuses a contact of another company", () => {
    const { store, advance } = storeAt();
    store.createContacts(42, [{ name: "A", notify: true }]);
    const first = store.listContacts(42, {});
    const notifiedAt = "data" in first ? first.data[0]?.notifyAt : undefined;
    advance(1_000);
    expect(store.updateContact(42, 1, { notify: true, comment: "hi" })).toMatchObject({ notifyAt: notifiedAt, comment: "hi", name: "A" });
    expect(store.updateContact(42, 1, { notify: false })).toMatchObject({ notifyAt: null, comment: "hi" });
    store.putCompany({ ...COMPANY, id: 43 }, "2025-01-01T00:00:00.000Z");
    expect(store.updateContact(43, 1, { notify: true })).toEqual({ failure: "notFound", kind: "contact", id: 1 });
  });

  it("pages by number: a page past the end is empty and says which page it is", () => {
    const { store } = storeAt();
    store.createContacts(
      42,
      Array.from({ length: 5 }, (_, i) => ({ name: `C${i}`, notify: false })),
    );
    expect(store.listContacts(42, { page: 3, pageSize: 2 })).toMatchObject({ data: [{ name: "C4" }], totalCount: 5 });
    expect(store.listContacts(42, { page: 4, pageSize: 2 })).toEqual({ data: [], totalCount: 5, pagination: { page: 4, pageSize: 2 } });
  });
});

describe("KareStore: a PATCH changes only the contact's own fields", () => {
  it("ignores id, companyId and unlisted fields: the contact stays where its path says", () => {
    const { store: kare } = storeAt();
    kare.createContacts(42, [{ name: "Ada", notify: false }]);
    const patch = { notify: false, name: "Ada L.", id: 999, companyId: 7, extra: { deep: true } } as Parameters<
      KareStore["updateContact"]
    >[2];
    const updated = kare.updateContact(42, 1, patch);
    expect(updated).toMatchObject({ id: 1, companyId: 42, name: "Ada L." });
    expect(updated).not.toHaveProperty("extra");
    const listed = kare.listContacts(42, {});
    expect(listed).toMatchObject({ totalCount: 1, data: [{ id: 1, name: "Ada L." }] });
    expect(kare.updateContact(42, 999, { notify: false })).toEqual({ failure: "notFound", kind: "contact", id: 999 });
  });
});
