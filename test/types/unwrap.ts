/** One unwrap rule for the four clients: the documented 2xx body, envelope included. */
import { unwrap } from "crm-kit";
import type { EmnifyClient, Contact as EmnifyContact } from "crm-kit/emnify";
import type { FeaturebaseClient, Company as FeaturebaseCompany } from "crm-kit/featurebase";
import type { FolkClient, paths as FolkPaths, Person } from "crm-kit/folk";
import type { KareClient, paths as KarePaths } from "crm-kit/kare";
import { type Equal, expectType } from "./assert.js";

declare const featurebase: FeaturebaseClient;
declare const folk: FolkClient;
declare const emnify: EmnifyClient;
declare const kare: KareClient;

type Body<Operation> = Operation extends { responses: { 200: { content: { "application/json": infer B } } } } ? B : never;

export async function oneRule(): Promise<void> {
  const company = await unwrap(featurebase.GET("/v2/companies/{id}", { params: { path: { id: "c1" } } }));
  expectType<Equal<typeof company, FeaturebaseCompany>>();
  const contact = await unwrap(
    emnify.GET("/api/v1/organisation/{org_id}/contact/{contact_id}", { params: { path: { org_id: 1, contact_id: 2 } } }),
  );
  expectType<Equal<typeof contact, EmnifyContact>>();
  const person = await unwrap(folk.GET("/v1/people/{personId}", { params: { path: { personId: "per_1" } } }));
  expectType<Equal<typeof person, Body<FolkPaths["/v1/people/{personId}"]["get"]>>>();
  expectType<Equal<typeof person.data, Person>>();
  const companies = await unwrap(kare.GET("/companies/v2/rs"));
  expectType<Equal<typeof companies, Body<KarePaths["/companies/v2/rs"]["get"]>>>();
  // A response without content (204) unwraps to undefined.
  const deleted = await unwrap(
    emnify.DELETE("/api/v1/organisation/{org_id}/contact/{contact_id}", { params: { path: { org_id: 1, contact_id: 2 } } }),
  );
  expectType<Equal<typeof deleted, undefined>>();
  // @ts-expect-error folk's envelope is kept: the record is under data
  person.fullName;
}
