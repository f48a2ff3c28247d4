/**
 * The seed: the groups of the spec's `listGroups` example and those the other examples embed, the
 * company of `getCompany`, the person of `getPerson` and the users they name. The person's example links
 * "Tech Corp" under another id than the company's example; the seed links it to the stored Tech Corp.
 */
import document from "../../../generated/folk.openapi.js";
import { responseExamples } from "../spec-examples.js";
import type { Company, Group, Person } from "./model.js";
import type { FolkStore } from "./store.js";

export function seedFolk(store: FolkStore): void {
  const groups = (responseExamples(document, "listGroups", 200)[0] as { data: { items: Group[] } }).data.items;
  const [company] = responseExamples(document, "getCompany", 200).map((e) => (e as { data: Company }).data);
  const [person] = responseExamples(document, "getPerson", 200).map((e) => (e as { data: Person }).data);
  if (!company || !person) throw new Error("sandbox seed: folk's getCompany and getPerson examples are missing");
  for (const group of [...groups, ...company.groups, ...person.groups]) store.putGroup(group);
  store.putUser(company.createdBy, { isApiUser: true });
  for (const values of [...Object.values(company.customFieldValues), ...Object.values(person.customFieldValues)]) {
    for (const value of Object.values(values)) {
      for (const item of Array.isArray(value) ? value : []) if (typeof item === "object" && "email" in item) store.putUser(item);
    }
  }
  store.putCompany(company);
  const companies = person.companies.map((linked) => (linked.name === company.name ? { id: company.id, name: company.name } : linked));
  store.putPerson({ ...person, companies });
}
