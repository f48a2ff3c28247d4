/**
 * The seed: the company of the spec's `getCompany` example and the contact of its `getContact` example
 * (attached to that company, as the example embeds it).
 */
import type { components } from "../../../generated/featurebase.js";
import document from "../../../generated/featurebase.openapi.js";
import { responseExamples } from "../spec-examples.js";
import type { FeaturebaseStore } from "./store.js";

export function seedFeaturebase(store: FeaturebaseStore): void {
  for (const company of responseExamples(document, "getCompany", 200)) store.putCompany(company as components["schemas"]["Company"]);
  for (const contact of responseExamples(document, "getContact", 200)) store.putContact(contact as components["schemas"]["Contact"]);
}
