/**
 * One paginator shape: `paginate<Api>(client, path, init, options?)`, where init is what `client.GET(path, init)`
 * takes (`client.POST` for folk's searches) and options are `{ maxItems?, maxPages?, signal? }`.
 */
import type { PaginateOptions } from "crm-kit";
import { type EmnifyClient, type Contact as EmnifyContact, paginateEmnify } from "crm-kit/emnify";
import { type FeaturebaseClient, type Company as FeaturebaseCompany, paginateFeaturebase } from "crm-kit/featurebase";
import { type FolkClient, type Company as FolkCompany, type Person, paginateFolk, searchAllFolk } from "crm-kit/folk";
import { type KareClient, type Contact as KareContact, paginateKare } from "crm-kit/kare";
import { type Equal, expectType } from "./assert.js";

declare const featurebase: FeaturebaseClient;
declare const folk: FolkClient;
declare const emnify: EmnifyClient;
declare const kare: KareClient;

export async function accepted(groupId: string, signal: AbortSignal): Promise<void> {
  const options: PaginateOptions = { maxItems: 10, maxPages: 2, signal };
  for await (const company of paginateFeaturebase(featurebase, "/v2/companies", { params: { query: { limit: 100 } } }, options)) {
    expectType<Equal<typeof company, FeaturebaseCompany>>();
  }
  // Nothing required: the init may be left out.
  await paginateFeaturebase(featurebase, "/v2/contacts").toArray();
  const companies = await paginateFolk(folk, "/v1/companies", { params: { query: { limit: 100 } }, timeoutMs: 5_000 }).toArray();
  expectType<Equal<typeof companies, FolkCompany[]>>();
  await paginateFolk(folk, "/v1/groups/{groupId}/{objectType}", { params: { path: { groupId, objectType: "Deals" } } }).toArray();
  const people = await searchAllFolk(folk, "/v1/people/search", { body: { filter: { jobTitle: { like: "CTO" } } } }).toArray();
  expectType<Equal<typeof people, Person[]>>();
  const contacts = await paginateEmnify(emnify, "/api/v1/organisation/{org_id}/contact", {
    params: { path: { org_id: 1234 }, query: { per_page: 100 } },
  }).toArray();
  expectType<Equal<typeof contacts, EmnifyContact[]>>();
  const kareContacts = await paginateKare(kare, "/companies/v2/rs/{companyId}/contacts", {
    params: { path: { companyId: 42 }, query: { pageSize: 50, extend: ["company"] } },
  }).toArray();
  expectType<Equal<typeof kareContacts, KareContact[]>>();
}

export async function refused(groupId: string): Promise<void> {
  // @ts-expect-error the vendor's page size is a query parameter, not an option of the init
  paginateFolk(folk, "/v1/companies", { limit: 1 });
  // @ts-expect-error options.limit is now maxItems
  paginateFeaturebase(featurebase, "/v2/companies", {}, { limit: 1 });
  // @ts-expect-error a templated path needs its init, with params.path
  paginateFolk(folk, "/v1/groups/{groupId}/{objectType}");
  // @ts-expect-error path parameters go in params.path, not as an argument of their own
  paginateFolk(folk, "/v1/groups/{groupId}/{objectType}", { groupId, objectType: "Deals" });
  // @ts-expect-error Kare's path parameters are not mixed into the query any more
  paginateKare(kare, "/companies/v2/rs/{companyId}/contacts", { path: { companyId: 42 }, pageSize: 2 });
  // @ts-expect-error emnify's organisation is a path parameter of the init
  paginateEmnify(emnify, { org_id: 1234 });
  // @ts-expect-error a search takes what POST takes: its body is required
  searchAllFolk(folk, "/v1/people/search", { params: { query: { limit: 10 } } });
  // @ts-expect-error a path that is not a list
  paginateFolk(folk, "/v1/companies/{companyId}", { params: { path: { companyId: "com_1" } } });
  // @ts-expect-error an unknown query parameter is refused, as by client.GET
  paginateKare(kare, "/companies/v2/rs", { params: { query: { page_size: 50 } } });
}
