/**
 * Exact inits: an unknown call option or an unknown field of a closed body is a type error on every method, while
 * params, body and result are still inferred, open schemas stay open and the bodies the vendors accept typecheck.
 */
import { unwrap } from "crm-kit";
import type { EmnifyClient } from "crm-kit/emnify";
import type { Company, FeaturebaseClient } from "crm-kit/featurebase";
import type { FolkClient } from "crm-kit/folk";
import type { KareClient } from "crm-kit/kare";
import { type Equal, expectType } from "./assert.js";

declare const featurebase: FeaturebaseClient;
declare const folk: FolkClient;
declare const emnify: EmnifyClient;
declare const kare: KareClient;

export async function callOptions(id: string): Promise<void> {
  // Accepted: params inferred per path, the result typed from the spec.
  const company = await unwrap(featurebase.GET("/v2/companies/{id}", { params: { path: { id } } }));
  expectType<Equal<typeof company, Company>>();
  const { data } = await featurebase.GET("/v2/companies/{id}", { params: { path: { id } }, signal: AbortSignal.timeout(1) });
  expectType<Equal<typeof data, Company | undefined>>();
  // parseAs still shapes data.
  const text = await unwrap(featurebase.GET("/v2/companies/{id}", { params: { path: { id } }, parseAs: "text" }));
  expectType<Equal<typeof text, string>>();
  // RequestInit options reach fetch.
  await featurebase.GET("/v2/companies", { cache: "no-store", keepalive: true, headers: { "X-Trace": "1" } });
  // A call without options needs no init when nothing is required.
  await folk.GET("/v1/groups");

  // @ts-expect-error a misspelled option (`parms`) is refused
  await featurebase.GET("/v2/companies/{id}", { parms: { path: { id } } });
  // @ts-expect-error an unknown option is refused where params are optional too
  await folk.GET("/v1/groups", { limit: 10 });
  // @ts-expect-error an unknown path parameter is refused
  await featurebase.GET("/v2/companies/{id}", { params: { path: { id, companyId: id } } });
  // @ts-expect-error an unknown query parameter is refused
  await featurebase.GET("/v2/companies", { params: { query: { limt: 10 } } });
  // @ts-expect-error a missing path parameter is refused
  await featurebase.GET("/v2/companies/{id}", { params: { path: {} } });
  // @ts-expect-error the path parameters are required
  await featurebase.GET("/v2/companies/{id}");
  // @ts-expect-error the same through request()
  await featurebase.request("get", "/v2/companies/{id}", { parms: { path: { id } } });
  // @ts-expect-error the client's pathSerializer is used: a per-call one is refused
  await folk.GET("/v1/groups", { pathSerializer: (path: string) => path });
  // @ts-expect-error logger is set on the client
  await folk.GET("/v1/groups", { logger: () => {} });
}

export async function perCallOptions(signal: AbortSignal): Promise<void> {
  // timeoutMs, maxRetries, retry and signal may be given to any call.
  await folk.GET("/v1/groups", { timeoutMs: 2_000, maxRetries: 0, retry: { maxWaitMs: 5_000 }, signal });
  await kare.POST("/companies/v2/rs/{companyId}/contacts", {
    params: { path: { companyId: 42 } },
    body: [{ name: "Jane", notify: false }],
    maxRetries: 3,
  });
  await featurebase.withOptions({ timeoutMs: 5_000 }).GET("/v2/companies", { timeoutMs: 1_000 });
  // @ts-expect-error a misspelled backoff option is refused too
  await folk.GET("/v1/groups", { retry: { maxWaitMS: 5_000 } });
  // @ts-expect-error timeoutMs is a number of milliseconds
  await folk.GET("/v1/groups", { timeoutMs: "5s" });
  // @ts-expect-error the HTTP method is the client method's
  await folk.GET("/v1/groups", { method: "POST" });
}

export async function closedBodies(companyId: string, contactId: string): Promise<void> {
  // Accepted: what each vendor takes.
  await featurebase.POST("/v2/companies", { body: { companyId: "acme-1", name: "Acme" } });
  await folk.PATCH("/v1/companies/{companyId}", { params: { path: { companyId } }, body: { name: "Acme" } });
  await emnify.PATCH("/api/v1/organisation/{org_id}/contact/{contact_id}", {
    params: { path: { org_id: 1234, contact_id: contactId } },
    body: { name: "Jane" },
  });
  await kare.POST("/companies/v2/rs/{companyId}/contacts", {
    params: { path: { companyId: 42 } },
    body: [{ name: "Jane Doe", notify: true, email: "jane@example.com" }],
  });

  // @ts-expect-error folk's company update is closed (additionalProperties: false)
  await folk.PATCH("/v1/companies/{companyId}", { params: { path: { companyId } }, body: { nmae: "Acme" } });
  // @ts-expect-error Featurebase's company upsert is closed
  await featurebase.POST("/v2/companies", { body: { companyId: "acme-1", name: "Acme", tier: "gold" } });
  await emnify.PATCH("/api/v1/organisation/{org_id}/contact/{contact_id}", {
    params: { path: { org_id: 1234, contact_id: contactId } },
    // @ts-expect-error emnify's contact update is closed
    body: { name: "Jane", organisation_id: 1 },
  });
  await folk.PATCH("/v1/companies/{companyId}", {
    params: { path: { companyId } },
    // @ts-expect-error a closed object inside an array is checked too (folk's group reference)
    body: { name: "Acme", groups: [{ id: "grp_1", name: "Sales" }] },
  });
  // @ts-expect-error a closed object inside an open one is checked too (Featurebase's contact company)
  await featurebase.POST("/v2/contacts", { body: { email: "a@example.com", companies: [{ id: "c1", name: "Acme", tier: 1 }] } });
}

export async function openBodies(id: string, contactId: string): Promise<void> {
  // Kare's contact creation is open (its pages do not close the body), inside an array.
  await kare.POST("/companies/v2/rs/{companyId}/contacts", {
    params: { path: { companyId: 42 } },
    body: [{ name: "Jane Doe", notify: true, email: "jane@example.com", jobTitle: "CTO" }],
  });
  // Featurebase's attach body is open (additionalProperties: true): extra fields are the vendor's to ignore.
  await featurebase.POST("/v2/companies/{id}/contacts", { params: { path: { id } }, body: { contactId, note: "from the CRM" } });
  // Featurebase's custom fields are open too.
  await featurebase.POST("/v2/companies", { body: { companyId: "acme-1", name: "Acme", customFields: { tier: "gold", seats: 3 } } });
}
