import { describe, expect, it } from "vitest";
import { withInteraction } from "../../src/sandbox/folk/people.js";
import { SANDBOX_USER } from "../../src/sandbox/folk/store.js";
import { ok, store } from "./folk-store-fixture.js";

const JANE = { id: "usr_c3606e3b-0a92-4849-90e5-88a8d3f388d6", fullName: "Jane Doe", email: "jane@example.com" };
const RRULE = "RRULE:FREQ=DAILY";

describe("folk's other records, on the store", () => {
  it("a reminder made private drops its assignees; made public again it needs new ones", () => {
    const s = store();
    s.users.putUser(JANE);
    const person = ok(s.createPerson({ fullName: "Ada Lovelace" }));
    const reminder = ok(
      s.reminders.createReminder({
        entity: { id: person.id },
        name: "Call",
        recurrenceRule: RRULE,
        visibility: "public",
        assignedUsers: [{ email: "JANE@example.com" }],
      }),
    );
    expect(reminder.assignedUsers).toEqual([JANE]);
    expect(ok(s.reminders.updateReminder(reminder.id, { visibility: "private" })).assignedUsers).toEqual([]);
    expect(s.reminders.updateReminder(reminder.id, { visibility: "public" })).toMatchObject({
      failure: "invalid",
      issues: [{ path: ["assignedUsers"] }],
    });
    expect(ok(s.reminders.getReminder(reminder.id)).visibility).toBe("private");
  });

  it("notes, reminders and deals show a linked record's current name", () => {
    const s = store();
    const company = ok(s.createCompany({ name: "Acme" }));
    const note = ok(s.notes.createNote({ entity: { id: company.id }, visibility: "public", content: "x" }));
    ok(s.updateCompany(company.id, { name: "Acme Corp" }));
    expect(ok(s.notes.getNote(note.id)).entity).toEqual({ id: company.id, entityType: "company", fullName: "Acme Corp" });
  });

  it("deleting a company unlinks it from deals", () => {
    const s = store();
    const group = { id: "grp_00000000-0000-4000-8000-0000000000aa", name: "Sales" };
    s.putGroup(group);
    s.putGroupFields(group.id, "person", [{ name: "Deals", type: "objectField" }]);
    const place = { groupId: group.id, objectType: "Deals" };
    const company = ok(s.createCompany({ name: "Acme" }));
    const deal = ok(s.deals.createDeal(place, { name: "Big", companies: [{ id: company.id }] }));
    expect(deal.companies).toEqual([{ id: company.id, name: "Acme" }]);
    ok(s.deleteCompany(company.id));
    expect(ok(s.deals.getDeal(place, deal.id)).companies).toEqual([]);
  });

  it("an interaction older than the last one counts, but moves neither the date nor who interacted last", () => {
    const metadata = {
      user: { approximateCount: 2, lastInteractedAt: "2026-05-01T00:00:00Z" },
      workspace: { approximateCount: 5, lastInteractedAt: "2026-05-01T00:00:00Z", lastInteractedBy: [JANE] },
    };
    expect(withInteraction(metadata, "2026-04-01T00:00:00Z", SANDBOX_USER)).toEqual({
      user: { approximateCount: 3, lastInteractedAt: "2026-05-01T00:00:00Z" },
      workspace: { approximateCount: 6, lastInteractedAt: "2026-05-01T00:00:00Z", lastInteractedBy: [JANE] },
    });
    expect(withInteraction(metadata, "2026-06-01T00:00:00Z", SANDBOX_USER).workspace).toEqual({
      approximateCount: 6,
      lastInteractedAt: "2026-06-01T00:00:00Z",
      lastInteractedBy: [SANDBOX_USER, JANE],
    });
  });
});
