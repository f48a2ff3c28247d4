/** An emnify client pointed at the mock, and one valid call per operation. */
import { createEmnifyClient, type EmnifyClientOptions } from "../../src/emnify/index.js";
import type { ContractCall } from "../support/contract-suite.js";
import { mockSpec, mockUrl } from "../support/mocks.js";

/** Ids from emnify's documentation examples. */
export const ORG_ID = 1234;
export const CONTACT_ID = "5678";
export const APPLICATION_TOKEN = "contract-test-application-token";
/** The auth_token the mock hands out: the example of the authenticate 200 response. */
export const MOCK_AUTH_TOKEN = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...";

export const spec = mockSpec("emnify");

/** No retries: a documented 429 must reach the test as it was served. */
export function emnify(options: Partial<EmnifyClientOptions> = {}) {
  return createEmnifyClient({ applicationToken: APPLICATION_TOKEN, baseUrl: mockUrl("emnify"), maxRetries: 0, ...options });
}

const org = { path: { org_id: ORG_ID } };
const contact = { path: { org_id: ORG_ID, contact_id: CONTACT_ID } };

// Each call makes a fresh client, so the Prefer header reaches only the operation under test: the client's own
// token exchange, made first, is served its 200.
export const calls: Record<string, ContractCall> = {
  authenticate: (headers) => emnify().POST("/api/v1/authenticate", { body: { application_token: APPLICATION_TOKEN }, headers }),
  listContacts: (headers) =>
    emnify().GET("/api/v1/organisation/{org_id}/contact", { params: { ...org, query: { page: 1, per_page: 50 } }, headers }),
  createContact: (headers) =>
    emnify().POST("/api/v1/organisation/{org_id}/contact", {
      params: org,
      body: { type: { id: 6 }, name: "Jane", purchase_order_number: "PO-1" },
      headers,
    }),
  getContact: (headers) => emnify().GET("/api/v1/organisation/{org_id}/contact/{contact_id}", { params: contact, headers }),
  updateContact: (headers) =>
    emnify().PATCH("/api/v1/organisation/{org_id}/contact/{contact_id}", { params: contact, body: { name: "Marcus Mayweather" }, headers }),
  deleteContact: (headers) => emnify().DELETE("/api/v1/organisation/{org_id}/contact/{contact_id}", { params: contact, headers }),
};
