/**
 * The seed: the company of the spec's `listCompanies` example and the contact of its `listContacts` example
 * (the contact's embedded company gives the company's creation time, which the company list does not show).
 */
import type { components } from "../../../generated/kare.js";
import document from "../../../generated/kare.openapi.js";
import { responseExamples } from "../spec-examples.js";
import type { KareStore } from "./store.js";

type CompanyList = components["schemas"]["CompanyList"];
type ContactList = components["schemas"]["ContactList"];

export function seedKare(store: KareStore): void {
  const contacts = responseExamples(document, "listContacts", 200).flatMap((list) => (list as ContactList).data);
  for (const list of responseExamples(document, "listCompanies", 200)) {
    for (const company of (list as CompanyList).data) {
      const createdAt = contacts.find((c) => c.company?.id === company.id)?.company?.createdAt;
      if (!createdAt) throw new Error(`kare sandbox seed: no contact of the listContacts example embeds company ${company.id}`);
      store.putCompany(company, createdAt);
    }
  }
  for (const contact of contacts) store.putContact(contact);
}
