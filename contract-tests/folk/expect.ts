/** Shape checks of folk records as served by the mock, shared by the folk contract tests. */
import { expect } from "vitest";
import type { Company, Group, Person } from "../../src/folk/index.js";

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
