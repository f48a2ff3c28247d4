/** The seed: the contacts of the spec's `listContacts` example, in their organisation. */
import type { components } from "../../../generated/emnify.js";
import document from "../../../generated/emnify.openapi.js";
import { responseExamples } from "../spec-examples.js";
import type { EmnifyStore } from "./store.js";

type Contact = components["schemas"]["Contact"];

export function seedEmnify(store: EmnifyStore): void {
  for (const list of responseExamples(document, "listContacts", 200)) {
    for (const contact of list as Contact[]) {
      if (contact.id === undefined || contact.organisation?.id === undefined) {
        throw new Error("emnify sandbox seed: every contact of the listContacts example needs an id and an organisation.id");
      }
      store.putContact({ ...contact, id: contact.id }, contact.organisation.id);
    }
  }
}
