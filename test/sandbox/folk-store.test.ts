import { describe, expect, it } from "vitest";
import { isFailure } from "../../src/sandbox/folk/model.js";
import { SANDBOX_USER } from "../../src/sandbox/folk/store.js";
import { ok, store } from "./folk-store-fixture.js";

describe("FolkStore", () => {
  it("creates a company with folk's empty defaults, created by the API's user", () => {
    expect(ok(store().createCompany({ name: "Acme" }))).toEqual({
      id: "com_00000000-0000-4000-8000-000000000001",
      name: "Acme",
      description: "",
      groups: [],
      addresses: [],
      emails: [],
      phones: [],
      urls: [],
      createdAt: "2026-01-01T00:00:00.000Z",
      createdBy: SANDBOX_USER,
      customFieldValues: {},
    });
  });

  it("keeps fullName and firstName/lastName in step, whichever is sent", () => {
    const folk = store();
    const person = ok(folk.createPerson({ fullName: "Jane Mary Roe" }));
    expect(person).toMatchObject({ firstName: "Jane", lastName: "Mary Roe", fullName: "Jane Mary Roe" });
    expect(ok(folk.updatePerson(person.id, { lastName: "Doe" }))).toMatchObject({
      firstName: "Jane",
      lastName: "Doe",
      fullName: "Jane Doe",
    });
  });

  it("a company given by name is created once and reused, matched case-insensitively", () => {
    const folk = store();
    const first = ok(folk.createPerson({ companies: [{ name: "Acme" }] }));
    const second = ok(folk.createPerson({ companies: [{ name: "ACME" }] }));
    expect(second.companies).toEqual(first.companies);
    expect(ok(folk.listCompanies({})).items.map((c) => c.name)).toEqual(["Acme"]);
  });

  it("a reference in a custom field resolves to the person, company or user it names, or fails naming the path", () => {
    const folk = store();
    const group = { id: "grp_00000000-0000-4000-8000-0000000000aa", name: "Sales" };
    folk.putGroup(group);
    folk.users.putUser({ id: "usr_00000000-0000-4000-8000-0000000000bb", fullName: "Owner", email: "owner@acme.com" });
    const jane = ok(folk.createPerson({ fullName: "Jane Roe" }));
    const company = ok(
      folk.createCompany({
        name: "Acme",
        groups: [{ id: group.id }],
        customFieldValues: { [group.id]: { Contacts: [{ id: jane.id }], Owner: [{ email: "owner@acme.com" }] } },
      }),
    );
    expect(company.customFieldValues[group.id]).toEqual({
      Contacts: [{ id: jane.id, fullName: "Jane Roe", entityType: "person" }],
      Owner: [{ id: "usr_00000000-0000-4000-8000-0000000000bb", fullName: "Owner", email: "owner@acme.com" }],
    });
    const dangling = folk.updateCompany(company.id, { customFieldValues: { [group.id]: { Owner: [{ email: "nobody@acme.com" }] } } });
    expect(dangling).toMatchObject({ failure: "invalid", issues: [{ path: ["customFieldValues", group.id, "Owner", 0] }] });
  });

  it("a failed update leaves the record as it was", () => {
    const folk = store();
    const company = ok(folk.createCompany({ name: "Acme" }));
    expect(
      isFailure(folk.updateCompany(company.id, { description: "changed", groups: [{ id: "grp_00000000-0000-4000-8000-000000000999" }] })),
    ).toBe(true);
    expect(folk.getCompany(company.id)).toEqual(company);
  });

  it("pages the people matching a filter, and refuses a cursor it did not make", () => {
    const folk = store();
    for (const name of ["Ann A", "Bob B", "Ann C"]) folk.createPerson({ fullName: name });
    const first = ok(folk.listPeople({ limit: 1, filter: { firstName: { eq: "Ann" } } }));
    const second = ok(folk.listPeople({ limit: 1, cursor: first.nextCursor, filter: { firstName: { eq: "Ann" } } }));
    expect([...first.items, ...second.items].map((p) => p.fullName)).toEqual(["Ann A", "Ann C"]);
    expect(second.nextCursor).toBeUndefined();
    expect(folk.listPeople({ cursor: "bogus" })).toMatchObject({ failure: "invalid", issues: [{ path: ["cursor"] }] });
  });
});
