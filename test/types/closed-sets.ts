/**
 * Closed sets are literal unions: Featurebase versions (a newer one through featurebaseVersion()), folk's filter
 * attributes and operators per list, createSandbox's API names and failNext's operationId per API.
 */
import { createFeaturebaseClient, type FeaturebaseVersion, featurebaseVersion } from "crm-kit/featurebase";
import { type FolkClient, paginateFolk, searchAllFolk } from "crm-kit/folk";
import { createSandbox } from "crm-kit/sandbox";

declare const folk: FolkClient;
declare const apiKey: string;

export function featurebaseVersions(): void {
  createFeaturebaseClient({ apiKey, version: "2026-01-01.nova" });
  createFeaturebaseClient({ apiKey, version: "2026-08-19.orbit" });
  // A version released after this client: through featurebaseVersion(), which checks its form at run time.
  const newer: FeaturebaseVersion = featurebaseVersion("2027-03-01.vega");
  createFeaturebaseClient({ apiKey, version: newer });
  // @ts-expect-error a misspelled version
  createFeaturebaseClient({ apiKey, version: "2026-01-01.nvoa" });
  // @ts-expect-error a version without the v2 endpoints
  createFeaturebaseClient({ apiKey, version: "2025-12-12.clover" });
  // @ts-expect-error any string is not a version: pass a newer one through featurebaseVersion()
  createFeaturebaseClient({ apiKey, version: "2027-03-01.vega" as string });
}

export async function folkFilters(groupId: string): Promise<void> {
  await folk.GET("/v1/companies", { params: { query: { filter: { name: { like: "acme" }, industry: { in: ["Retail"] } } } } });
  await folk.GET("/v1/companies", { params: { query: { filter: { [`customFieldValues.${groupId}.Status`]: { eq: "Won" } } } } });
  await folk.GET("/v1/people", { params: { query: { filter: { jobTitle: { like: "CTO" }, companies: { in: { id: ["com_1"] } } } } } });
  await paginateFolk(folk, "/v1/groups/{groupId}/{objectType}", {
    params: { path: { groupId, objectType: "Deals" }, query: { filter: { "customFieldValues.Deal value": { gt: 40000 } } } },
  }).toArray();
  await searchAllFolk(folk, "/v1/people/search", { body: { filter: { fullName: { not_empty: "" } }, combinator: "or" } }).toArray();

  // @ts-expect-error companies have no jobTitle
  await folk.GET("/v1/companies", { params: { query: { filter: { jobTitle: { like: "CTO" } } } } });
  // @ts-expect-error people have no industry, in a search body too
  await searchAllFolk(folk, "/v1/people/search", { body: { filter: { industry: { eq: "Retail" } } } }).toArray();
  // @ts-expect-error lte is not one of folk's operators
  await folk.GET("/v1/companies", { params: { query: { filter: { name: { lte: "b" } } } } });
  // @ts-expect-error a custom field is named under customFieldValues
  await folk.GET("/v1/companies", { params: { query: { filter: { Status: { eq: "Won" } } } } });
  // @ts-expect-error the combinator is and or or
  await folk.GET("/v1/companies", { params: { query: { combinator: "xor" } } });
}

export function sandboxes(): void {
  const folkSandbox = createSandbox("folk");
  folkSandbox.failNext(1, { status: 503, operationId: "listCompanies" });
  createSandbox("kare").failNext(1, { status: 500, operationId: "createContacts", applied: true });
  createSandbox("emnify", { tokenTtlMs: 60_000 }).failNext(1, { status: 503, operationId: "authenticate" });
  createSandbox("featurebase").failNext(2, { status: 503 });
  // @ts-expect-error an API without a sandbox
  createSandbox("hubspot");
  // @ts-expect-error Kare has no deleteContact operation
  createSandbox("kare").failNext(1, { status: 500, operationId: "deleteContact" });
  // @ts-expect-error a misspelled operationId
  folkSandbox.failNext(1, { status: 500, operationId: "listCompany" });
}
