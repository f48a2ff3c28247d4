/** A Featurebase client pointed at the mock, and one valid call per operation. */

import { createFeaturebaseClient, type FeaturebaseClientOptions } from "../../src/featurebase/index.js";
import type { ContractCall } from "../support/contract-suite.js";
import { mockSpec, mockUrl } from "../support/mocks.js";

/** ObjectIds from Featurebase's documentation examples. */
export const COMPANY_ID = "507f1f77bcf86cd799439011";
export const CONTACT_ID = "507f1f77bcf86cd799439012";

export const spec = mockSpec("featurebase");

/** No retries: a documented 429 or 500 must reach the test as it was served. */
export function featurebase(options: Partial<FeaturebaseClientOptions> = {}) {
  return createFeaturebaseClient({ apiKey: "sk_contract_test", baseUrl: mockUrl("featurebase"), maxRetries: 0, ...options });
}

/** An external user ID from Featurebase's documentation examples. */
export const USER_ID = "usr_12345";

const id = { path: { id: COMPANY_ID } };
const contact = { path: { id: CONTACT_ID } };
const user = { path: { userId: USER_ID } };
const preferences = { preferences: { changelog: "unsubscribed" as const } };

/** One valid call per operation, on a client with these options (a sandbox's `fetch`, for instance). */
export function callsWith(options: Partial<FeaturebaseClientOptions> = {}): Record<string, ContractCall> {
  return {
    listCompanies: (headers) => featurebase(options).GET("/v2/companies", { params: { query: { limit: 10 } }, headers }),
    upsertCompany: (headers) =>
      featurebase(options).POST("/v2/companies", { body: { companyId: "comp_12345", name: "Acme Inc" }, headers }),
    deleteCompanyByExternalId: (headers) =>
      featurebase(options).DELETE("/v2/companies/by-company-id/{companyId}", { params: { path: { companyId: "comp_12345" } }, headers }),
    getCompany: (headers) => featurebase(options).GET("/v2/companies/{id}", { params: id, headers }),
    deleteCompany: (headers) => featurebase(options).DELETE("/v2/companies/{id}", { params: id, headers }),
    listCompanyContacts: (headers) => featurebase(options).GET("/v2/companies/{id}/contacts", { params: id, headers }),
    attachContact: (headers) =>
      featurebase(options).POST("/v2/companies/{id}/contacts", { params: id, body: { contactId: CONTACT_ID }, headers }),
    detachContact: (headers) =>
      featurebase(options).DELETE("/v2/companies/{id}/contacts/{contactId}", {
        params: { path: { id: COMPANY_ID, contactId: CONTACT_ID } },
        headers,
      }),
    listContacts: (headers) => featurebase(options).GET("/v2/contacts", { params: { query: { contactType: "all" } }, headers }),
    upsertContact: (headers) => featurebase(options).POST("/v2/contacts", { body: { email: "john@acme.com", name: "John Doe" }, headers }),
    getContact: (headers) => featurebase(options).GET("/v2/contacts/{id}", { params: contact, headers }),
    deleteContact: (headers) => featurebase(options).DELETE("/v2/contacts/{id}", { params: contact, headers }),
    blockContact: (headers) => featurebase(options).POST("/v2/contacts/{id}/block", { params: contact, headers }),
    unblockContact: (headers) => featurebase(options).POST("/v2/contacts/{id}/unblock", { params: contact, headers }),
    getContactByUserId: (headers) => featurebase(options).GET("/v2/contacts/by-user-id/{userId}", { params: user, headers }),
    deleteContactByUserId: (headers) => featurebase(options).DELETE("/v2/contacts/by-user-id/{userId}", { params: user, headers }),
    getContactEmailPreferences: (headers) => featurebase(options).GET("/v2/contacts/{id}/email-preferences", { params: contact, headers }),
    updateContactEmailPreferences: (headers) =>
      featurebase(options).PATCH("/v2/contacts/{id}/email-preferences", { params: contact, body: preferences, headers }),
    getContactEmailPreferencesByUserId: (headers) =>
      featurebase(options).GET("/v2/contacts/by-user-id/{userId}/email-preferences", { params: user, headers }),
    updateContactEmailPreferencesByUserId: (headers) =>
      featurebase(options).PATCH("/v2/contacts/by-user-id/{userId}/email-preferences", { params: user, body: preferences, headers }),
  };
}

export const calls = callsWith();
