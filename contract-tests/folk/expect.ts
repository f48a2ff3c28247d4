/** Shape checks of folk records as served by the mock, shared by the folk contract tests. */
import { expect } from "vitest";
import type {
  Company,
  components,
  Deal,
  Group,
  Note,
  Person,
  Reminder,
  User,
  Webhook,
  WebhookWithSigningSecret,
} from "../../src/folk/index.js";

type LinkedEntity = components["schemas"]["LinkedEntity"];

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
/** folk IDs: a three-letter prefix, "_" and a lowercase UUID (40 characters). */
export const folkId = (prefix: string) => new RegExp(`^${prefix}_${UUID}$`);

export function expectGroup(group: Group) {
  expect(group.id).toMatch(folkId("grp"));
  expect(typeof group.name).toBe("string");
}

export function expectCompany(company: Company) {
  expect(company.id).toMatch(folkId("com"));
  expect(typeof company.name).toBe("string");
  expect(company.createdBy.id).toMatch(folkId("usr"));
  company.groups.forEach(expectGroup);
  for (const list of [company.addresses, company.emails, company.phones, company.urls]) {
    expect(list.every((value) => typeof value === "string")).toBe(true);
  }
  for (const groupId of Object.keys(company.customFieldValues)) expect(groupId).toMatch(folkId("grp"));
}

export function expectPerson(person: Person) {
  expect(person.id).toMatch(folkId("per"));
  expect(typeof person.fullName).toBe("string");
  expect(person.createdBy.id).toMatch(folkId("usr"));
  person.groups.forEach(expectGroup);
  for (const company of person.companies) expect(company.id).toMatch(folkId("com"));
  for (const groupId of Object.keys(person.customFieldValues)) expect(groupId).toMatch(folkId("grp"));
  expect(typeof person.interactionMetadata.workspace.approximateCount).toBe("number");
}

export function expectUser(user: User) {
  expect(user.id).toMatch(folkId("usr"));
  expect(user.email).toContain("@");
}

/** The person, company or object a note, reminder or interaction is linked to. */
export function expectLinkedEntity(entity: LinkedEntity) {
  expect(entity.id).toMatch(folkId(({ person: "per", company: "com", object: "obj" } as const)[entity.entityType]));
  expect(typeof entity.fullName).toBe("string");
}

export function expectNote(note: Note) {
  expect(note.id).toMatch(folkId("nte"));
  expectLinkedEntity(note.entity);
  expect(["public", "private"]).toContain(note.visibility);
  expect(note.content.length).toBeGreaterThan(0);
  expect(["user", "assistant"]).toContain(note.author.type);
}

export function expectReminder(reminder: Reminder) {
  expect(reminder.id).toMatch(folkId("rmd"));
  expectLinkedEntity(reminder.entity);
  expect(reminder.recurrenceRule).toMatch(/^DTSTART/);
  reminder.assignedUsers.forEach(expectUser);
  expectUser(reminder.createdBy);
}

export function expectWebhook(webhook: Webhook | WebhookWithSigningSecret) {
  expect(webhook.id).toMatch(folkId("wbk"));
  expect(new URL(webhook.targetUrl).protocol).toMatch(/^https?:$/);
  expect(webhook.subscribedEvents.length).toBeGreaterThan(0);
  expect(["active", "inactive"]).toContain(webhook.status);
}

export function expectDeal(deal: Deal) {
  expect(deal.id).toMatch(folkId("obj"));
  expect(typeof deal.name).toBe("string");
  for (const company of deal.companies) expect(company.id).toMatch(folkId("com"));
  for (const person of deal.people) expect(person.id).toMatch(folkId("per"));
  expectUser(deal.createdBy);
}
